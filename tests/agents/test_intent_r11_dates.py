"""Days a reader used to read one day or a month wrong (branch r11-dates), on sentences written for
these tests: a bare day after one whose day has passed this month, a month said once before bare
days ("late May", "end of next month"), a holiday said as the occasion ("around Christmas"), the
writer's order of numeric dates, an overnight flight said by its landing day, a hotel "through
Saturday night" beside the flights, and hotel-only requests whose flights are not asked for."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, TripIntent, read_request

TZ = dt.timezone(dt.timedelta(hours=-7))
NOW = dt.datetime(2027, 8, 18, 9, tzinfo=TZ)  # a Wednesday, the 18th: the 1st to the 17th have passed


def read(text: str, home: str = "SFO", now: dt.datetime = NOW) -> TripIntent:
    return read_request(text, ReadContext(now=now, home=home))


def legs(intent: TripIntent) -> list[tuple[dt.date | None, dt.date | None]]:
    return [(leg.date, leg.arrive_on) for leg in intent.legs]


def d(month: int, day: int, year: int = 2027) -> dt.date:
    return dt.date(year, month, day)


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        # the first bare day has passed this month, the second has not: both are next month's
        ("Seattle trip: leaving on the 10th, coming home the 20th.", d(9, 10), d(9, 20)),
        ("fly me to Austin the 15th and back on the 24th", d(9, 15), d(9, 24)),
        # a month said once, before the bare days
        ("Denver in October, heading out the 4th and back the 9th.", d(10, 4), d(10, 9)),
        ("Denver in early October: the 8th, return the 2nd of November.", d(10, 8), d(11, 2)),
        ("Boston late September, flying the 26th, home the 29th.", d(9, 26), d(9, 29)),
        ("Boston at the end of next month - go the 27th, back the 30th.", d(9, 27), d(9, 30)),
        # a holiday said as the occasion, with the travel days said after it
        ("Boston around Christmas to see family, out the 22nd and back the 27th.", d(12, 22), d(12, 27)),
    ],
)
def test_bare_days_keep_the_month(text: str, out: dt.date, back: dt.date) -> None:
    assert [day for day, _ in legs(read(text))] == [out, back]


def test_an_earlier_day_in_the_same_month_is_not_pushed_on() -> None:
    """The conference day then the day before it: both this month, no day moves a month on."""
    got = read("Flights to Denver - the conference is on the 26th, so out the 25th and home the 28th.")
    assert [day for day, _ in legs(got)] == [d(8, 25), d(8, 28)]


@pytest.mark.parametrize(
    ("text", "home", "out", "back"),
    [
        ("Boston to Paris 9/10-23/10 please.", "BOS", d(10, 9), d(10, 23)),  # 23/10: day first
        ("London to Rome 9/27 to 10/2.", "LHR", d(9, 27), d(10, 2)),  # 9/27: month first
        ("Boston to Paris 9/10-9/12 please.", "BOS", d(9, 10), d(9, 12)),  # nothing says: the home's order
    ],
)
def test_numeric_dates_in_the_writers_order(text: str, home: str, out: dt.date, back: dt.date) -> None:
    assert [day for day, _ in legs(read(text, home))] == [out, back]


@pytest.mark.parametrize(
    ("text", "out"),
    [
        (
            "Red-eye SFO to Boston, touching down the morning of the 25th, back the 28th.",
            (d(8, 24), d(8, 25)),
        ),
        (
            "I have to be in New York first thing on the 25th - an overnight flight works.",
            (d(8, 24), d(8, 25)),
        ),
        ("No red-eye: SFO to Boston on the 25th, back the 28th.", (d(8, 25), None)),
        ("SFO to Boston on the 25th, the red-eye home on the 28th.", (d(8, 25), None)),
    ],
)
def test_an_overnight_flight_said_by_its_landing_day(text: str, out: tuple[dt.date, dt.date | None]) -> None:
    assert legs(read(text))[0] == out


def test_a_stay_through_a_night_beside_the_flights() -> None:
    got = read("Flying to Chicago Friday, back Monday, but hotel only until Sunday night.")
    assert [(s.check_in, s.check_out) for s in got.stays] == [(d(8, 20), d(8, 23))]
    kept = read("Flying to Chicago Friday, back Monday, hotel checking out Sunday.")
    assert [(s.check_in, s.check_out) for s in kept.stays] == [(d(8, 20), d(8, 22))]


@pytest.mark.parametrize(
    "text",
    [
        "The client booked our flights, we just need two rooms in Denver Sept 2-5.",
        "Flights are on us. Hotel in Denver from Sept 2 to 5 please.",
        "I'm flying in to Denver on my own dime, so just a hotel Sept 2-5.",
        "Room in Denver, arriving Sept 2, leaving Sept 5.",
    ],
)
def test_hotel_only_when_the_flights_are_not_asked_for(text: str) -> None:
    got = read(text)
    assert got.shape == "hotel_only" and not got.legs
    assert [(s.city, s.check_in, s.check_out) for s in got.stays] == [("DEN", d(9, 2), d(9, 5))]


@pytest.mark.parametrize(
    "text",
    [
        "Please book my flights to Denver Sept 2-5 and a hotel.",
        "Book me flights to Denver Sept 2-5, plus a room.",
    ],
)
def test_flights_asked_for_stay_flights(text: str) -> None:
    assert read(text).shape == "round_trip"


def test_a_check_out_after_a_month_said_rolls_into_the_next_month() -> None:
    got = read("Hotel in Rome in October, in on the 30th and out on the 2nd.", home="LHR")
    assert [(s.check_in, s.check_out) for s in got.stays] == [(d(10, 30), d(11, 2))]


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        ("Portland next week please, leaving Thursday and returning Saturday.", d(8, 26), d(8, 28)),
        ("Out Friday, back Sunday, to Portland. Next week, that is.", d(8, 27), d(8, 29)),
        ("I'm away all next week, so Portland this Friday, back Sunday.", d(8, 20), d(8, 22)),
    ],
)
def test_bare_weekdays_fall_in_next_week_when_it_is_said(text: str, out: dt.date, back: dt.date) -> None:
    assert [day for day, _ in legs(read(text))] == [out, back]  # said on a Wednesday


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        (
            "The recital is in Boston on Sept 4. Fly me in the afternoon before, home the day after it.",
            d(9, 3),
            d(9, 5),
        ),
        (
            "Denver retreat, Sept 8-10. Out the evening before it begins, back the day after it wraps.",
            d(9, 7),
            d(9, 11),
        ),
        (
            "The summit is in Denver, Sept 8 to 10. Flights the day before and the day after it ends.",
            d(9, 7),
            d(9, 11),
        ),
    ],
)
def test_days_counted_from_an_event_said_before(text: str, out: dt.date, back: dt.date) -> None:
    assert [day for day, _ in legs(read(text))] == [out, back]
