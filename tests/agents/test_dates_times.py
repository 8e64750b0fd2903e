"""Dates and clock times on booked trips (branch r5-dates): the role of a day said before the words
that give it (``_day_roles``), limits said with the deadline first, parts of the day and spans of
clock times said as requirements (``_fronted_times``), and the policy's arrival check on the day a
flight must land (``_scripted_limits``). Sentences written for these tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from agents.intent import LegIntent, ReadContext, TripIntent, read_request
from agents.models._scripted_limits import Limits

TZ = dt.timezone(dt.timedelta(hours=-6))
NOW = dt.datetime(2027, 1, 5, 9, tzinfo=TZ)


def read(text: str, home: str = "ORD") -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home=home))


def legs(intent: TripIntent) -> list[tuple[object, ...]]:
    return [
        (leg.date, leg.arrive_on, leg.depart_after, leg.depart_before, leg.arrive_after, leg.arrive_before)
        for leg in intent.legs
    ]


def t(h: int, m: int = 0) -> dt.time:
    return dt.time(h, m)


D = dt.date


def test_a_day_whose_way_back_is_said_after_it_is_the_way_back() -> None:
    intent = read(
        "By Friday 5 Feb at 3pm I need to be back home in Chicago. I go up to Toronto on Wednesday 3 Feb."
    )
    assert intent.shape == "round_trip"
    assert legs(intent) == [
        (D(2027, 2, 3), None, None, None, None, None),
        (D(2027, 2, 5), None, None, None, None, t(15)),
    ]


def test_a_day_said_again_as_the_way_back_is_no_way_out() -> None:
    intent = read(
        "nothing on friday feb 5 before 4pm. so: chicago to toronto on wednesday feb 3, back the friday."
    )
    assert legs(intent) == [
        (D(2027, 2, 3), None, None, None, None, None),
        (D(2027, 2, 5), None, t(16), None, None, None),
    ]


def test_a_later_step_after_a_day_does_not_make_it_the_way_back() -> None:
    intent = read(
        "Red-eye from Chicago to New York on Tuesday 26 January, then four nights in a hotel and home."
    )
    assert [leg.date for leg in intent.legs] == [D(2027, 1, 26), D(2027, 1, 31)]


def test_a_landing_day_after_the_way_out_is_the_day_it_must_land() -> None:
    intent = read(
        "Overnight from New York to London on Tuesday 26 January. It has to get me in on the Wednesday "
        "morning, not in the middle of the night.",
        home="JFK",
    )
    assert intent.shape == "one_way"
    assert legs(intent) == [(D(2027, 1, 26), D(2027, 1, 27), None, None, t(6), t(12))]


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("One way to Toronto on Feb 4. It has to be a morning flight.", (None, t(6), t(12), None, None)),
        ("One way to Toronto on Feb 4, must leave in the evening.", (None, t(18), None, None, None)),
        ("One way to Toronto on Feb 4, it must land in the afternoon.", (None, None, None, t(12), t(18))),
        (
            "One way to Toronto on Feb 4; departure window: 10am to 2pm, firm.",
            (None, t(10), t(14), None, None),
        ),
        ("One way to Toronto on Feb 4 - must arrive before lunch.", (None, None, None, None, t(12))),
        ("One-way Chicago to Toronto, Feb 4, wheels down by 1pm.", (None, None, None, None, t(13))),
        (
            "I just need to get to Toronto by Thursday Feb 4 at noon. One way.",
            (None, None, None, None, t(12)),
        ),
        (
            "One way to Toronto on Feb 4; the flight can't leave before 10 or after 3.",
            (None, t(10), t(15), None, None),
        ),
        ("Toronto one way on 4 Feb. Depart after lunch.", (None, t(12), None, None, None)),
    ],
)
def test_a_required_time_in_the_ways_people_say_it(text: str, bounds: tuple[object, ...]) -> None:
    (leg,) = legs(read(text))
    assert leg[0] == D(2027, 2, 4)
    assert leg[1:] == bounds


def test_a_part_of_the_day_said_as_a_wish_stays_a_wish() -> None:
    intent = read("One way to Toronto on Feb 4, ideally a morning flight.")
    assert legs(intent) == [(D(2027, 2, 4), None, None, None, None, None)]
    assert [w.kind for w in intent.wishes] == ["depart_window"]


def test_a_deadline_home_said_in_the_route_sentence_bounds_the_way_back() -> None:
    intent = read(
        "Chicago to Toronto Feb 3, back Feb 5, the return can't be too late - I need to be home by 9pm."
    )
    assert legs(intent) == [
        (D(2027, 2, 3), None, None, None, None, None),
        (D(2027, 2, 5), None, None, None, None, t(21)),
    ]


def test_a_day_counted_from_a_day_named_with_its_event() -> None:
    intent = read("Get me to Toronto the day before my Friday 5 Feb meeting. One way.")
    assert [leg.date for leg in intent.legs] == [D(2027, 2, 4)]
    assert intent.sources["legs.0.date"] == "inferred"


def test_a_clock_time_to_be_back_home_by_is_a_flight_home() -> None:
    intent = read(
        "Have to be back in Chicago by 2pm on Sunday Feb 7. Heading to Toronto on Thursday Feb 4 for "
        "work and I need a hotel there for the nights in between."
    )
    assert intent.shape == "round_trip"
    assert [leg.date for leg in intent.legs] == [D(2027, 2, 4), D(2027, 2, 7)]
    assert intent.legs[1].arrive_before == t(14)
    assert [(s.check_in, s.check_out) for s in intent.stays] == [(D(2027, 2, 4), D(2027, 2, 7))]


@dataclass
class Flight:
    depart: dt.datetime
    arrive: dt.datetime
    airline: str = "NP"
    airline_name: str = "Nimbus Pacific"
    stops: int = 0
    refundable: bool = False


def test_the_policy_checks_a_landing_window_on_the_day_the_flight_must_land() -> None:
    lim = Limits(
        legs=[
            LegIntent(date=D(2027, 1, 26), arrive_on=D(2027, 1, 27), arrive_after=t(6), arrive_before=t(12))
        ]
    )
    tue = dt.datetime(2027, 1, 26, 19, 40)
    morning = Flight(tue, dt.datetime(2027, 1, 27, 8))
    small_hours = Flight(tue.replace(hour=13), dt.datetime(2027, 1, 27, 1, 35))
    same_day = Flight(tue.replace(hour=7), dt.datetime(2027, 1, 26, 19, 55))
    assert lim.flight(morning, 0) is None
    assert lim.flight(small_hours, 0) == "lands before 06:00"
    assert lim.flight(same_day, 0) == "lands before 06:00"
