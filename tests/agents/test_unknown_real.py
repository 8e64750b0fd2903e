"""Readings behind real failures where the agent gave up with "I still don't know your destination /
return date" or "no combination fits your budget": an event's end said with other verbs and a day
counted from an event left unsaid, airport codes texted in lower case, flights or a hotel someone else
arranges, and days given as alternatives for both ways. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from agents.intent import CalendarEntry, ReadContext, read_request
from agents.intent._places import find_places

TZ = dt.timezone(dt.timedelta(hours=-7))
NOW = dt.datetime(2027, 3, 1, 9, tzinfo=TZ)  # a Monday


def ctx(home: str = "SEA", calendar: list[CalendarEntry] | None = None) -> ReadContext:
    return ReadContext(now=NOW, home=home, calendar=calendar or [])


def _entry(title: str, start: dt.date, end: dt.date) -> CalendarEntry:
    return CalendarEntry(
        title=title,
        start=dt.datetime.combine(start, dt.time(9), TZ),
        end=dt.datetime.combine(end, dt.time(17), TZ),
    )


SUMMIT = _entry("Partner summit (Chicago)", dt.date(2027, 3, 23), dt.date(2027, 3, 25))  # Tue-Thu


def test_an_event_that_wraps_or_winds_up_ends_on_its_last_day() -> None:
    for said in ("the day after it wraps", "the day after it winds up", "the day after it concludes"):
        got = read_request(
            f"Chicago for the summit on my calendar: out the day before it starts, back {said}.",
            ctx(calendar=[SUMMIT]),
        )
        assert [leg.date for leg in got.legs] == [dt.date(2027, 3, 22), dt.date(2027, 3, 26)], said


def test_a_day_before_an_event_left_unsaid_is_counted_from_the_event_the_request_names() -> None:
    dentist = _entry("Dentist", dt.date(2027, 3, 4), dt.date(2027, 3, 4))
    got = read_request(
        "Book my Chicago trip for the summit, it's in my calendar. Out the Sunday before and home the evening it ends.",
        ctx(calendar=[dentist, SUMMIT]),
    )
    assert [leg.date for leg in got.legs] == [dt.date(2027, 3, 21), dt.date(2027, 3, 25)]


def test_a_day_counted_from_nothing_named_stays_unread() -> None:
    """No event the words name: "the day after" is not pinned to an unrelated calendar entry."""
    dentist = _entry("Dentist", dt.date(2027, 3, 4), dt.date(2027, 3, 4))
    got = read_request("Fly me to Denver on Friday 12 March and back the day after.", ctx(calendar=[dentist]))
    assert all(leg.date != dt.date(2027, 3, 5) for leg in got.legs)


def test_lower_case_codes_in_a_travel_slot_are_cities_and_english_words_are_not() -> None:
    assert [p.code for p in find_places("need a phx trip sorted")] == ["PHX"]
    assert [p.code for p in find_places("flying into jfk on the 3rd")] == ["JFK"]
    assert [p.code for p in find_places("the den trip was fun")] == []  # "den" is a word
    assert [p.code for p in find_places("security was lax")] == []  # no travel slot


def test_flights_someone_else_arranges_leave_a_hotel_only_request() -> None:
    got = read_request("The client is booking my flights; I need a hotel in Boston 8 to 11 March.", ctx())
    assert got.shape == "hotel_only" and not got.legs and got.stays[0].city == "BOS"


def test_a_hotel_the_traveller_takes_on_with_the_object_first_is_not_bought() -> None:
    got = read_request("Seattle to Denver Fri 12 Mar, back Sun 14 Mar. Hotel I'll handle myself.", ctx())
    assert got.shape == "round_trip" and not got.stays


def test_a_request_to_the_agent_is_not_someone_else_arranging() -> None:
    got = read_request(
        "Could you please arrange the hotel in Denver from 12 to 14 March, and flights too.", ctx()
    )
    assert got.stays and got.stays[0].city == "DEN"


def test_two_days_each_way_make_two_windows_of_a_round_trip() -> None:
    got = read_request(
        "Seattle-Denver, out Friday 12th or Saturday 13th, home Monday 15th or Tuesday 16th.", ctx()
    )
    assert got.shape == "round_trip"
    assert [(leg.earliest, leg.latest) for leg in got.legs] == [
        (dt.date(2027, 3, 12), dt.date(2027, 3, 13)),
        (dt.date(2027, 3, 15), dt.date(2027, 3, 16)),
    ]


def test_either_day_with_the_month_said_after_both() -> None:
    got = read_request(
        "Seattle to Miami, out on 17 or 18 May, back on the 21st or the 22nd. No hotel.", ctx()
    )
    assert (got.legs[0].earliest, got.legs[0].latest) == (dt.date(2027, 5, 17), dt.date(2027, 5, 18))


def test_a_relative_who_did_something_is_no_traveller_even_after_an_adverb() -> None:
    for said in ("my cousin just texted that", "my sister already said", "my uncle finally wrote that"):
        got = read_request(
            f"{said} I can stay with her in Denver, so flights only, SEA-DEN Fri 12 Mar.", ctx()
        )
        assert got.travelers == 1, said
    assert read_request("my son is just coming along: two seats SEA-DEN Fri 12 Mar.", ctx()).travelers == 2


def test_a_weekday_said_with_its_numeric_date_is_that_day() -> None:
    got = read_request("SEA > DEN fri 3/19, back sun 3/21. flights only.", ctx())
    assert [leg.date for leg in got.legs] == [dt.date(2027, 3, 19), dt.date(2027, 3, 21)]


def test_a_count_spelt_out_by_a_loose_list_stands_and_a_later_mention_adds_no_one() -> None:
    got = read_request(
        "Four of us: me, my husband and our girls. SEA to BOS Fri 12 Mar, back Sun 14 Mar.", ctx()
    )
    assert got.travelers == 4 and "travelers" not in got.unknown
    got = read_request(
        "There are 3 of us - me and the kids. SEA to BOS Fri 12 Mar, back Sun 14 Mar. The kids sit with one of us.",
        ctx(),
    )
    assert got.travelers == 3


def test_a_cabin_ruled_out_is_no_cabin_asked_for() -> None:
    for said in (
        "four business seats is not happening",
        "no business class",
        "business is out of the question",
    ):
        got = read_request(f"SEA to BOS Fri 12 Mar, back Sun 14 Mar; {said}.", ctx())
        assert all(leg.cabin is None for leg in got.legs), said
    got = read_request("SEA to BOS Fri 12 Mar, back Sun 14 Mar, business class please.", ctx())
    assert all(leg.cabin == "business" for leg in got.legs)


def test_a_holiday_said_as_the_occasion_names_no_travel_day_when_days_are_given() -> None:
    got = read_request("Home to Boston for Thanksgiving week: out Friday Nov 19, back Sunday Nov 28.", ctx())
    assert [leg.date for leg in got.legs] == [dt.date(2027, 11, 19), dt.date(2027, 11, 28)]
    alone = read_request("Fly me to Boston for Thanksgiving, back Sunday Nov 28.", ctx())
    assert alone.legs[0].date == dt.date(2027, 11, 25)  # the only day given for the way out


def test_where_the_traveller_is_after_a_cue_is_no_correction_and_home_to_ends_the_way_back() -> None:
    got = read_request(
        "Book my trip to Austin, flying out of Seattle on Thu 15 April, back Mon 19 April. Sorry, I'm at my "
        "sister's in Portland that week, so leave from Portland, not Seattle. Coming back I'm going home to Seattle.",
        ctx(),
    )
    assert [(leg.origin, leg.destination) for leg in got.legs] == [("PDX", "AUS"), ("AUS", "SEA")]


def test_a_day_that_opens_a_legs_clause_is_that_legs_day() -> None:
    got = read_request(
        "Monday 19 April, Seattle to Boston. Wednesday 21 April, Boston to Miami; I land by noon. "
        "Then Friday 23 April, Miami back to Seattle.",
        ctx(),
    )
    assert [leg.date for leg in got.legs] == [
        dt.date(2027, 4, 19),
        dt.date(2027, 4, 21),
        dt.date(2027, 4, 23),
    ]


def test_a_list_written_on_one_line_keeps_each_label_over_its_item() -> None:
    got = read_request(
        "Hotel - Boston - Mon 8 Mar to Thu 11 Mar - Must: gym, free cancellation - Nice to have: quiet; "
        "rating 8+ - Max $350/night - Flights not needed",
        ctx(),
    )
    assert got.shape == "hotel_only" and not got.legs
    stay = got.stays[0]
    assert stay.amenities == ["gym"] and stay.refundable and stay.max_nightly == 350
    assert stay.min_rating is None and any(x.kind == "hotel_rating" for x in got.wishes)


def test_the_night_before_an_aside_in_brackets_counts_from_the_named_event():
    # "the night before (I can't miss ...)": the bracket opens an aside, not the event's name
    cal = [
        CalendarEntry(
            title="Board lunch (Boston office)",
            start=dt.datetime(2027, 10, 12, 12, 0, tzinfo=TZ),
            end=dt.datetime(2027, 10, 12, 14, 0, tzinfo=TZ),
        ),
        CalendarEntry(
            title="Regional Sales Summit - Convention Center",
            start=dt.datetime(2027, 10, 13, 8, 30, tzinfo=TZ),
            end=dt.datetime(2027, 10, 14, 16, 0, tzinfo=TZ),
        ),
    ]
    ctx = ReadContext(now=dt.datetime(2027, 9, 28, 11, 0, tzinfo=TZ), home="BOS", calendar=cal)
    got = read_request(
        "Book me for the summit on my calendar: out the night before (the board lunch is that day), "
        "and home the evening it finishes.",
        ctx,
    )
    assert [leg.date for leg in got.legs] == [dt.date(2027, 10, 12), dt.date(2027, 10, 14)]
