"""The days of flights and stays with Recognizers-Text as a second date reader (``_library_days``) and
the rules for what it gets wrong: each case was read wrongly (or not at all) before the library was
read beside our own rules."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._library_days import checked
from agents.intent._mention import Mention
from agents.intent._model import CalendarEntry, LegIntent, StayIntent, TripIntent

NOW = dt.datetime(2027, 3, 1, 9, 0)
CTX = ReadContext(now=NOW, home="BOS")


def _days(text: str, ctx: ReadContext = CTX) -> list[dt.date | None]:
    return [leg.date for leg in read_request(text, ctx).legs]


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        ("Boston to Denver on the twelfth of March, back on the fifteenth.", 12, 15),
        ("Boston to Denver, out the first of April and home the fourth of April.", 1, 4),
        ("Boston to Denver the twenty-second of March through the twenty-fifth of March.", 22, 25),
    ],
)
def test_days_spelt_as_words_are_read_by_the_library_and_marked_inferred(
    text: str, out: int, back: int
) -> None:
    intent = read_request(text, CTX)
    assert [d.day for d in _days(text) if d] == [out, back]
    assert intent.sources["legs.0.date"] == "inferred"  # one reader only: an assumption, never a refusal


def test_a_month_the_library_reads_with_a_bare_day_replaces_our_reading_of_the_bare_day() -> None:
    # we read "the 3rd" and "the 6th" without their month (the 3rd of March 2027 is after NOW's day)
    assert _days(
        "Boston to Denver March the 3rd to March the 6th.",
        ReadContext(now=dt.datetime(2027, 2, 3, 9), home="BOS"),
    ) == [
        dt.date(2027, 3, 3),
        dt.date(2027, 3, 6),
    ]


def test_two_readers_placing_the_same_words_on_different_days_make_the_day_uncertain() -> None:
    text = "Boston to Denver on March 12"
    ours = Mention(text.index("March"), len(text), "mon_day", [dt.date(2027, 3, 13)])  # a misreading
    (got,) = checked([ours], text, NOW)
    assert got.ambiguous
    agreed = Mention(text.index("March"), len(text), "mon_day", [dt.date(2027, 3, 12)])
    assert not checked([agreed], text, NOW)[0].ambiguous


def test_an_uncertain_day_is_asked_not_booked() -> None:
    intent = read_request("Boston to Denver on the 8th of April (a Friday), back Sunday.", CTX)
    assert "dates" in intent.unknown and intent.legs[0].date is None


def test_a_weekday_apposed_to_a_date_names_it_again_and_is_no_other_day() -> None:
    text = (
        "The launch is on the 8th of June, a Tuesday, and I must arrive the evening before, so fly me "
        "Boston to Atlanta that Monday and home Thursday 10 June."
    )
    assert _days(text) == [dt.date(2027, 6, 7), dt.date(2027, 6, 10)]


def test_days_counted_before_a_named_day_with_it() -> None:
    text = "The wedding is on the 19th of June (a Saturday); fly me Boston to Seattle two days before it."
    assert _days(text) == [dt.date(2027, 6, 17)]


def test_a_misspelt_article_before_an_ordinal_day() -> None:
    assert _days("flyin boston to atlanta on teh 3rd, back on teh 6th") == [
        dt.date(2027, 3, 3),
        dt.date(2027, 3, 6),
    ]


def test_needing_the_room_until_a_weekday_is_a_hotel_that_ends_then() -> None:
    text = "I'm driving to Chicago and will be there from Monday the 7th of June. I'll need the room until the Thursday morning."
    intent = read_request(text, CTX)
    assert intent.shape == "hotel_only" and not intent.legs
    assert (intent.stays[0].check_in, intent.stays[0].check_out) == (
        dt.date(2027, 6, 7),
        dt.date(2027, 6, 10),
    )


def test_a_bulleted_day_before_a_leg_is_that_legs_day() -> None:
    text = (
        "Trip next month, please book: - Mon Apr 19: Phoenix to Boston, must land by 6pm - Boston hotel Mon & "
        "Tue nights, gym required - Wed Apr 21: Boston to DC, must land by 1pm - DC hotel Wed & Thu nights, "
        "gym required - Fri Apr 23: DC back to Phoenix, would like to be home in time for dinner"
    )
    assert _days(text, ReadContext(now=NOW, home="PHX")) == [
        dt.date(2027, 4, 19),
        dt.date(2027, 4, 21),
        dt.date(2027, 4, 23),
    ]


def test_nights_after_a_calendar_event_ends_are_the_stay_whatever_the_flights() -> None:
    summit = CalendarEntry(
        title="Retail Summit (Miami)",
        start=dt.datetime(2027, 6, 7, 9, 0),
        end=dt.datetime(2027, 6, 10, 12, 0),
    )
    text = (
        "The organisers are putting me up at the conference hotel for the conference nights. I need a flight "
        "down from Boston the day before it starts and home the day after it ends. That leaves me one night "
        "after the summit finishes: somewhere in South Beach with a pool."
    )
    intent = read_request(text, ReadContext(now=NOW, home="BOS", calendar=[summit]))
    assert [leg.date for leg in intent.legs] == [dt.date(2027, 6, 6), dt.date(2027, 6, 11)]
    (stay,) = intent.stays
    assert (stay.city, stay.check_in, stay.check_out) == ("MIA", dt.date(2027, 6, 10), dt.date(2027, 6, 11))
    assert intent.sources["stays.0.check_in"] == "inferred"


def test_arriving_one_day_and_leaving_a_later_one_is_out_and_back() -> None:
    intent = read_request("Boston to Chicago arriving Tuesday, leaving Friday morning, and a hotel.", CTX)
    assert intent.shape == "round_trip"
    assert (intent.legs[0].arrive_on, intent.legs[1].date) == (dt.date(2027, 3, 2), dt.date(2027, 3, 5))
    assert (intent.stays[0].check_in, intent.stays[0].check_out) == (dt.date(2027, 3, 2), dt.date(2027, 3, 5))


def test_a_room_from_a_later_day_starts_the_hotel_then_not_a_flight() -> None:
    text = "Boston to Denver on the 8th of April and back on the 12th, but I only need a room from the 9th."
    intent = read_request(text, CTX)
    assert [leg.date for leg in intent.legs] == [dt.date(2027, 4, 8), dt.date(2027, 4, 12)]
    assert (intent.stays[0].check_in, intent.stays[0].check_out) == (
        dt.date(2027, 4, 9),
        dt.date(2027, 4, 12),
    )


def test_a_stay_starting_days_after_its_flight_lands_keeps_its_own_nights() -> None:
    from agents.models._scripted_intent import legs_and_stays

    intent = TripIntent(
        shape="round_trip",
        legs=[
            LegIntent(origin="BOS", destination="MIA", date=dt.date(2027, 6, 6)),
            LegIntent(origin="MIA", destination="BOS", date=dt.date(2027, 6, 11)),
        ],
        stays=[StayIntent(city="MIA", check_in=dt.date(2027, 6, 10), check_out=dt.date(2027, 6, 11))],
    )
    _, (stay,) = legs_and_stays(intent, "BOS", [], None)
    assert (stay.check_in, stay.check_out) == (dt.date(2027, 6, 10), dt.date(2027, 6, 11))


def test_the_library_is_asked_sentence_by_sentence_and_its_days_land_where_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only sentences that name a month or an ordinal word reach the library; a long one goes clause by
    clause; what it finds is placed in the whole text."""
    import agents.intent._library_days as lib

    asked: list[str] = []
    real = lib.datetimes

    def spy(text: str, now: dt.datetime):  # type: ignore[no-untyped-def]
        asked.append(text)
        return real(text, now)

    monkeypatch.setattr(lib, "datetimes", spy)
    filler = "We like quiet hotels with a pool, good coffee, and nothing fancy at all. " * 8
    text = "Boston to Denver, please. " + filler + "Out on the third of April, " + "quiet please, " * 40
    got = checked([], text, NOW)
    assert [(text[m.start : m.end], m.days) for m in got] == [("third of April", [dt.date(2027, 4, 3)])]
    assert all("third of April" in piece or "April" not in piece for piece in asked)
    assert not any("Boston" in piece or "coffee" in piece for piece in asked)
    assert max(len(piece) for piece in asked) < 100
