"""Dates, nights and the party from the words to the booking: holidays and weekends (the ``holidays``
library and the reader's own weekend rules), weekdays placed by a weekend or by the role said after
them, a hotel for an event on the calendar, nights counted from a dated day, and the party said with
ages in brackets, as a count, as a form's tally or with someone dropping out; then whole runs of the
default agent on the developers' scenarios of this class, checked on what was booked."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from agents.intent import CalendarEntry, ReadContext, read_request
from agents.intent._holidays import holiday_days
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

DEV = Path(__file__).resolve().parent / "dev_scenarios"
TZ = dt.timezone(dt.timedelta(hours=-5))


def ctx(now: str, home: str = "BOS", party: list[str] | None = None, **kw: object) -> ReadContext:
    return ReadContext(
        now=dt.datetime.fromisoformat(now).replace(tzinfo=TZ), home=home, party=party or [], **kw
    )  # type: ignore[arg-type]


def days(text: str, c: ReadContext) -> list[dt.date | None]:
    return [leg.date for leg in read_request(text, c).legs]


# -- holidays and weekends ---------------------------------------------------------------------------


def test_a_holiday_comes_from_the_library_and_its_long_weekend_is_the_days_off_around_it() -> None:
    today = dt.date(2027, 1, 18)
    [pres] = holiday_days("over the Presidents' Day long weekend", today, "BOS")
    assert pres.kind == "weekend" and pres.days == [dt.date(2027, 2, 13), dt.date(2027, 2, 15)]  # Sat-Mon
    [thanks] = holiday_days("Thanksgiving weekend", today, "BOS")
    assert thanks.days == [dt.date(2027, 11, 25), dt.date(2027, 11, 28)]  # Thursday to Sunday
    [after] = holiday_days("the day after Thanksgiving", today, "BOS")
    assert after.kind == "holiday" and after.days == [dt.date(2027, 11, 26)]
    assert holiday_days("a labour of love", today, "BOS") == []


def test_a_weekday_said_with_a_weekend_is_the_one_nearest_it() -> None:
    c = ctx("2027-01-18T09:00:00", home="BOS")
    text = "Boston to Miami for the Presidents' Day long weekend, out the Friday, home on the Monday."
    assert days(text, c) == [dt.date(2027, 2, 12), dt.date(2027, 2, 15)]
    monday = ctx("2027-01-04T12:00:00", home="SFO")  # "this weekend" is 9-10 January: out Friday the 8th
    assert days("SFO to LA this weekend, out the Friday, back Sunday.", monday) == [
        dt.date(2027, 1, 8),
        dt.date(2027, 1, 10),
    ]
    assert days("Boston to Chicago over Thanksgiving weekend, Wednesday to Sunday.", c) == [
        dt.date(2027, 11, 24),
        dt.date(2027, 11, 28),
    ]


def test_the_last_weekend_of_a_month_is_its_last_saturday_and_the_sunday_after() -> None:
    c = ctx("2027-01-04T12:00:00", home="SFO")
    text = "LA for the last weekend of January: fly down the Friday, back Sunday."
    assert days(text, c) == [dt.date(2027, 1, 29), dt.date(2027, 1, 31)]


# -- days, roles and nights --------------------------------------------------------------------------


def test_a_weekday_said_before_its_role_is_that_leg() -> None:
    c = ctx("2027-03-01T09:00:00", home="SFO")
    text = "Friday suits me for the flight home. Out Tuesday 9 March, SFO to Denver."
    assert days(text, c) == [dt.date(2027, 3, 9), dt.date(2027, 3, 12)]


def test_short_ordinals_corrections_and_the_day_after_tomorrow() -> None:
    c = ctx("2027-10-01T09:00:00", home="DFW")
    assert days("dallas to vegas oct 22 back 25th", c) == [dt.date(2027, 10, 22), dt.date(2027, 10, 25)]
    wed = ctx("2027-06-02T09:00:00", home="BOS")
    assert days("One way Boston to Washington Thursday. No, Tuesday.", wed) == [dt.date(2027, 6, 8)]
    assert days("one way to Chicago day after tomorrow", wed) == [dt.date(2027, 6, 4)]


def test_nights_after_a_dated_day_set_the_way_back_and_the_check_out() -> None:
    got = read_request(
        "I need to be in Phoenix on March 22 for three nights, flights and a hotel.",
        ctx("2027-03-01T09:00:00"),
    )
    assert [leg.date for leg in got.legs] == [dt.date(2027, 3, 22), dt.date(2027, 3, 25)]
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 3, 22), dt.date(2027, 3, 25))


def test_nights_after_a_red_eye_run_from_the_day_it_lands() -> None:
    got = read_request(
        "The red-eye from San Francisco to New York on Tuesday 26 January, then three nights in a hotel and home.",
        ctx("2027-01-05T09:00:00", home="SFO"),
    )
    assert [leg.date for leg in got.legs] == [dt.date(2027, 1, 26), dt.date(2027, 1, 30)]
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 1, 27), dt.date(2027, 1, 30))
    refused = read_request(
        "SFO to New York on Tuesday 26 January, no red-eye please, then three nights in a hotel and home.",
        ctx("2027-01-05T09:00:00", home="SFO"),
    )
    assert [leg.date for leg in refused.legs] == [dt.date(2027, 1, 26), dt.date(2027, 1, 29)]


def test_a_hotel_for_an_event_on_the_calendar_covers_its_nights_but_flights_for_it_name_no_day() -> None:
    summit = CalendarEntry(
        title="Retail Summit (Chicago)",
        start=dt.datetime(2027, 1, 26, 9, tzinfo=TZ),
        end=dt.datetime(2027, 1, 28, 16, tzinfo=TZ),
    )
    c = ctx("2027-01-05T09:00:00", home="ORD", calendar=[summit])
    got = read_request("Just a hotel in Chicago for the retail summit on my calendar, please.", c)
    assert got.shape == "hotel_only"
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 1, 26), dt.date(2027, 1, 29))
    flights = read_request(
        "Fly me from Boston to Chicago for the retail summit.", ctx("2027-01-05T09:00:00", calendar=[summit])
    )
    assert all(leg.date is None for leg in flights.legs)


# -- the party -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "profile", "travelers"),
    [
        ("Paris to London on 16 January for me, Marc, Léa (9) and Hugo (6).", [], 4),
        (
            "Paris to London on 16 January for me, Marc, Léa (9) and Hugo (6); one room for the kids.",
            ["Marc", "Léa", "Hugo", "Odile"],
            4,
        ),  # fmt: skip
        ("We are four, flying Toronto to Chicago on 25 January.", [], 4),
        ("Our crew of five flies Toronto to Chicago on 25 January.", [], 5),
        ("JFK-LAX 2/11. Adults: 2, kids: 3.", [], 5),
        ("Denver to Orlando June 20 for me, my husband and the kids (3 of them).", [], 5),
        ("Flights for me and my neice to Boston July 9.", [], 2),
        ("I'm flying to Dallas on April 6 for a client dinner.", [], 1),
        ("Denver May 7 for me, my sister and my brother. Actually my brother can't make it.", [], 2),
        ("San Diego July 23 for my parents, my brother and me; accessible for Dad please.", [], 4),
        ("Fly me to Dallas on March 12. Sorry, I meant Austin.", [], 1),
        ("Book the family and me into a hotel in Orlando Dec 27-31.", ["Sam", "Ava", "Noah"], 4),
        ("Lodging in Atlanta, 9-11 August, one room, two occupants.", [], 2),
    ],
)
def test_the_party_words(text: str, profile: list[str], travelers: int) -> None:
    assert read_request(text, ctx("2027-01-05T09:00:00", party=profile)).travelers == travelers


def test_a_loose_count_leaves_the_party_open() -> None:
    got = read_request(
        "Miami from Chicago with a couple of my college friends on May 29.", ctx("2027-04-05T09:00:00")
    )
    assert got.travelers is None and "travelers" in got.unknown


# -- whole runs ------------------------------------------------------------------------------------------


def _booked(name: str) -> list[dict[str, object]]:
    """The confirmed bookings of the default agent's run on a developers' scenario (which it passes)."""
    result = run(load_scenario(DEV / name), RunOptions(agent="planner", model="scripted"))
    assert result.status == "done" and result.final_state, result.error
    assert result.scores is not None and result.scores.passed, [
        c.detail for c in result.scores.checks if not c.passed
    ]
    bookings = json.loads(result.final_state)["bookings"].values()
    return sorted((b for b in bookings if b["status"] == "confirmed"), key=lambda b: str(b["id"]))


def test_four_named_with_ages_fly_and_sleep_in_two_rooms_though_the_profile_lists_five() -> None:
    out, back, hotel = _booked("ag-dates-party-ages-in-brackets.yaml")
    assert [out["passengers"], back["passengers"], hotel["rooms"]] == [4, 4, 2]
    assert str(out["item_id"]).endswith("2027-01-16") and str(back["item_id"]).endswith("2027-01-20")


def test_a_holiday_long_weekend_is_booked_friday_to_the_monday_holiday_for_the_couple() -> None:
    out, back, hotel = _booked("ag-dates-presidents-day-long-weekend.yaml")
    assert str(out["item_id"]).endswith("2027-02-12") and str(back["item_id"]).endswith("2027-02-15")
    assert (hotel["check_in"], hotel["check_out"], out["passengers"]) == ("2027-02-12", "2027-02-15", 2)


def test_the_last_weekend_of_the_month_is_booked_from_its_friday() -> None:
    out, back, hotel = _booked("ag-dates-last-weekend-of-month.yaml")
    assert str(out["item_id"]).endswith("2027-01-29") and str(back["item_id"]).endswith("2027-01-31")
    assert (hotel["check_in"], hotel["check_out"]) == ("2027-01-29", "2027-01-31")
