"""The request reader's date rules (``agents.intent``: ``_dates``, ``_calendar`` and the roles of
each day), on sentences written for these tests: days counted from a base, weekdays of a named
week, weekday + day pairs, calendar rules, check-out days, and days changed mid-request."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import CalendarEntry, ReadContext, TripIntent, read_request

TZ = dt.timezone(dt.timedelta(hours=-7))
NOW = dt.datetime(2027, 4, 7, 9, tzinfo=TZ)  # a Wednesday
LAUNCH = CalendarEntry(
    title="Product launch, Chicago",
    start=dt.datetime(2027, 5, 4, 9, tzinfo=TZ),
    end=dt.datetime(2027, 5, 6, 17, tzinfo=TZ),
)


def read(text: str, now: dt.datetime = NOW, **kw: object) -> TripIntent:
    return read_request(text, ReadContext(now=now, home="SFO", **kw))  # type: ignore[arg-type]


def days(intent: TripIntent) -> list[dt.date | None]:
    return [leg.date for leg in intent.legs]


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        ("Fly me to Denver ten days from today, back the following Monday.", (4, 17), (4, 19)),
        ("Denver a fortnight from Friday, home the Tuesday after.", (4, 23), (4, 27)),
        ("I fly to Denver a week today and come back 3 days later.", (4, 14), (4, 17)),
        ("Flights to Denver on Tuesday of next week, home Thursday.", (4, 13), (4, 15)),
        ("Denver, Monday of the week after next, back the Friday of that week.", (4, 19), (4, 23)),
        ("Denver on the last Friday of next month, back the Sunday after.", (5, 28), (5, 30)),
        ("flights to Denver tues 13th - fri 16th", (4, 13), (4, 16)),
        ("Flights to Denver from the 29th through the 2nd.", (4, 29), (5, 2)),
    ],
)
def test_days_counted_named_and_ranged(text: str, out: tuple[int, int], back: tuple[int, int]) -> None:
    got = read(text)
    assert got.shape == "round_trip" and not got.unknown
    assert days(got) == [dt.date(2027, *out), dt.date(2027, *back)]


def test_a_weekday_with_a_day_is_ambiguous_by_the_months_it_skips_and_a_full_day_stays_read() -> None:
    # the next 9th is a Friday; the first Wednesday the 9th is in June: close enough to be meant
    assert days(read("Fly me to Denver Wednesday 9th, one way.")) == [dt.date(2027, 6, 9)]
    # the first Thursday the 7th is in October: ask, and a day placed from it is open too
    far = read("Flights to Denver Thursday the 7th, back the 10th.")
    assert far.unknown == ["dates"] and days(far) == [None, None]
    # a weekday that is not its date's ("Friday, May 8" is a Saturday): ask, keep the other day
    odd = read("Flights to Denver Friday, May 8, back Monday, May 10.")
    assert "dates" in odd.unknown and days(odd) == [None, dt.date(2027, 5, 10)]
    assert odd.sources.get("legs.1.date") == "stated" and "legs.0.date" not in odd.sources


def test_calendar_rules_offsets_weekdays_and_edges_are_inferred() -> None:
    cal = [LAUNCH]
    got = read(
        "Fly me to Chicago three days before the launch starts and back the Saturday after it.", calendar=cal
    )
    assert days(got) == [dt.date(2027, 5, 1), dt.date(2027, 5, 8)]
    assert got.sources["legs.0.date"] == got.sources["legs.1.date"] == "inferred"
    hotel = read("Hotel in Chicago from the day the launch opens until it closes.", calendar=cal)
    assert (hotel.stays[0].check_in, hotel.stays[0].check_out) == (dt.date(2027, 5, 4), dt.date(2027, 5, 6))
    assert hotel.sources["stays.0.check_in"] == hotel.sources["stays.0.check_out"] == "inferred"
    after = read(
        "Hotel in Chicago for the launch, checking in the day it starts, out the Monday after.", calendar=cal
    )
    assert (
        after.stays[0].check_out == dt.date(2027, 5, 10) and after.sources["stays.0.check_out"] == "inferred"
    )
    land = read("I want to land in Chicago two days before the launch starts, and fly back the day after it ends.",
                calendar=cal)  # fmt: skip
    assert land.legs[0].arrive_on == dt.date(2027, 5, 2) and land.legs[0].date is None
    assert land.legs[1].date == dt.date(2027, 5, 7) and not land.unknown


def test_a_check_out_is_the_stays_and_the_way_back_defaults_to_it() -> None:
    got = read("Flights and a hotel in Denver: out on the 20th, checking out the 23rd.")
    assert got.shape == "round_trip" and days(got) == [dt.date(2027, 4, 20), dt.date(2027, 4, 23)]
    assert got.sources["stays.0.check_out"] == "stated" and got.sources["legs.1.date"] == "inferred"
    split = read("Return flights to Denver: out 20 April, back 25 April; hotel only through the 23rd.")
    assert days(split) == [dt.date(2027, 4, 20), dt.date(2027, 4, 25)]
    assert (split.stays[0].check_in, split.stays[0].check_out) == (dt.date(2027, 4, 20), dt.date(2027, 4, 23))
    one = read("I need a room in Denver Friday night.")
    assert (one.stays[0].check_in, one.stays[0].check_out) == (dt.date(2027, 4, 9), dt.date(2027, 4, 10))


def test_a_day_changed_mid_request_replaces_the_one_it_corrects() -> None:
    assert days(read("Fly me to Denver Thursday, no, Friday, and home on Sunday.")) == [
        dt.date(2027, 4, 9),
        dt.date(2027, 4, 11),
    ]
    assert days(read("Denver on the 20th, back the 23rd... actually make it the 24th for the return.")) == [
        dt.date(2027, 4, 20),
        dt.date(2027, 4, 24),
    ]
    assert days(
        read("I was flying to Denver on the 20th but they moved it, so it's the 21st now, back the 24th.")
    ) == [
        dt.date(2027, 4, 21),
        dt.date(2027, 4, 24),
    ]


def test_an_event_day_is_not_a_flight_and_the_day_of_it_is_its_own() -> None:
    got = read(
        "The review falls on the second Monday of May. Fly me up the day before, home on the day of the review."
    )
    assert days(got) == [dt.date(2027, 5, 9), dt.date(2027, 5, 10)]
    # "after work" is not "the Friday after": the coming Friday
    assert days(read("Vegas this weekend, leaving Friday after work, back Sunday."))[0] == dt.date(2027, 4, 9)


def test_numeric_dates_follow_the_homes_order_unless_only_one_reading_is_a_date() -> None:
    us = read("Flights to Denver 5/3, back 5/6.")
    assert days(us) == [dt.date(2027, 5, 3), dt.date(2027, 5, 6)]
    uk = read_request("Flights to Denver 5/6, back 9/6.", ReadContext(now=NOW, home="LHR"))
    assert [leg.date for leg in uk.legs] == [dt.date(2027, 6, 5), dt.date(2027, 6, 9)]
    assert days(read("Fly me to Denver 4/20-4/24, and a hotel with a 24/7 front desk.")) == [
        dt.date(2027, 4, 20),
        dt.date(2027, 4, 24),
    ]
    assert days(read("One way to Denver on 20/4.")) == [dt.date(2027, 4, 20)]  # 20 cannot be a month
    assert days(read("One way to Denver on the 3rd of next month.")) == [dt.date(2027, 5, 3)]


def test_either_of_two_days_is_a_window_on_the_leg_it_is_said_of() -> None:
    out = read("One way to Denver Thursday or Friday, whichever is cheaper.").legs[0]
    assert (out.date, out.earliest, out.latest) == (None, dt.date(2027, 4, 8), dt.date(2027, 4, 9))
    either = read("Fly me to Denver on May 3 or 4, one way.").legs[0]
    assert (either.earliest, either.latest) == (dt.date(2027, 5, 3), dt.date(2027, 5, 4))
    back = read("Flights to Denver on the 20th, back the 24th or the 25th.")
    assert back.legs[0].date == dt.date(2027, 4, 20) and not back.unknown
    assert (back.legs[1].earliest, back.legs[1].latest) == (dt.date(2027, 4, 24), dt.date(2027, 4, 25))
    assert days(read("Flights to Denver the weekend after next.")) == [
        dt.date(2027, 4, 24),
        dt.date(2027, 4, 25),
    ]
    stay = read("Denver on the 20th for four nights, flights and hotel.")
    assert days(stay) == [dt.date(2027, 4, 20), dt.date(2027, 4, 24)] and stay.shape == "round_trip"


def test_a_hotel_for_fewer_nights_than_the_trip_ends_early_and_a_price_a_night_is_no_length() -> None:
    got = read("Return flights to Denver 20-25 April, hotel just for the first three nights.")
    assert days(got) == [dt.date(2027, 4, 20), dt.date(2027, 4, 25)]
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 4, 20), dt.date(2027, 4, 23))
    priced = read("Fly me to Denver April 20, back April 25, hotel under $300 a night.")
    assert priced.stays[0].check_out == dt.date(2027, 4, 25)


def test_british_friday_week_and_a_second_night_after_the_first() -> None:
    assert days(read("Flying to Denver Friday week, back the Monday after.")) == [
        dt.date(2027, 4, 16),
        dt.date(2027, 4, 19),
    ]
    two = read("Hotel in Denver tomorrow night and the night after.")
    assert (two.stays[0].check_in, two.stays[0].check_out) == (dt.date(2027, 4, 8), dt.date(2027, 4, 10))


def test_a_bare_day_takes_the_month_named_before_it_and_a_hotel_range_is_the_stays() -> None:
    got = read("Somewhere in Denver for a week in October, leaving on the 8th, flights only.")
    assert days(got) == [dt.date(2027, 10, 8), dt.date(2027, 10, 15)]
    stay = read("Hotel in Denver in June, from the 10th to the 13th.").stays[0]
    assert (stay.check_in, stay.check_out) == (dt.date(2027, 6, 10), dt.date(2027, 6, 13))
    split = read("Fly me to Denver: out 14 June, back 18 June, with a hotel from 15 to 18 June.")
    assert days(split) == [dt.date(2027, 6, 14), dt.date(2027, 6, 18)]
    assert (split.stays[0].check_in, split.stays[0].check_out) == (dt.date(2027, 6, 15), dt.date(2027, 6, 18))
    nights = read("A room in Denver for the nights of 22 and 23 June, please.").stays[0]
    assert (nights.check_in, nights.check_out) == (dt.date(2027, 6, 22), dt.date(2027, 6, 24))
    one = read("need a bed in Denver for the night of the 16th").stays[0]
    assert (one.check_in, one.check_out) == (dt.date(2027, 4, 16), dt.date(2027, 4, 17))


def test_a_corrected_length_outweighs_a_day_said_in_passing() -> None:
    got = read(
        "Book a hotel in Denver from May 6 for 2 nights. No, make that 3 nights, I forgot about Saturday."
    )
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 5, 6), dt.date(2027, 5, 9))


PT, ET = dt.timezone(dt.timedelta(hours=-8)), dt.timezone(dt.timedelta(hours=-5))
# a morning at the home office, then a client workshop across the country the next day
SYNC = CalendarEntry(
    title="Weekly sync + 1:1s (SF office)",
    start=dt.datetime(2027, 1, 27, 8, tzinfo=PT),
    end=dt.datetime(2027, 1, 27, 11, tzinfo=PT),
)
CLIENT = CalendarEntry(
    title="Brightwater workshop (Brightwater Ltd, Lower Manhattan)",
    start=dt.datetime(2027, 1, 28, 9, tzinfo=ET),
    end=dt.datetime(2027, 1, 28, 16, tzinfo=ET),
)


@pytest.mark.parametrize(
    "text",
    [
        "Fly me to New York the day before the thing on my schedule and back when it ends, hotel 3+ stars.",
        "Flights to NYC, out the day before my meeting there and home the day it's over, plus a hotel.",
        "Per my calendar there's a client session in New York: get me there the day before the session and "
        "back the evening it wraps up. A hotel for the night too.",
        "new york trip pls - leave the day before the training in NY, fly home once it's done, hotel needed",
        "Please arrange flights and a hotel for New York: outbound the day before the event that's in my "
        "diary, return the day it finishes.",
    ],
)
def test_an_event_named_by_its_kind_or_city_or_where_it_is_written_places_the_days(text: str) -> None:
    # the words name the event by what kind of thing it is, the city it is in, or the calendar it is
    # written on, never by its title: it is the one entry in the city the request names (not home)
    got = read(text, now=dt.datetime(2027, 1, 25, 9, tzinfo=PT), calendar=[SYNC, CLIENT])
    assert got.shape == "round_trip" and not got.unknown
    assert days(got) == [dt.date(2027, 1, 27), dt.date(2027, 1, 28)]
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 1, 27), dt.date(2027, 1, 28))
    assert got.sources["legs.0.date"] == got.sources["legs.1.date"] == "inferred"


def test_an_event_named_by_its_kind_is_not_guessed_without_one_entry_in_the_city() -> None:
    # two entries in the city, or none there: the agent asks rather than picks one
    other = CalendarEntry(title="Dinner, Midtown Manhattan", start=CLIENT.start, end=CLIENT.end)
    for cal in ([SYNC, CLIENT, other], [SYNC]):
        got = read("Fly me to New York the day before my meeting there, back the day after it.", calendar=cal,
                   now=dt.datetime(2027, 1, 25, 9, tzinfo=PT))  # fmt: skip
        assert "dates" in got.unknown and days(got) == [None, None]
    # "once" or "when" without an end of the event names no day
    once = read("Fly me to New York once my workshop, back Friday.", calendar=[SYNC, CLIENT],
                now=dt.datetime(2027, 1, 25, 9, tzinfo=PT))  # fmt: skip
    assert "dates" in once.unknown and once.legs[0].date is None
