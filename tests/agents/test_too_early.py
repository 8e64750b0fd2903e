"""An hour the traveller would rather not fly at, said with an intensifier ("nothing crazy early",
"not too late"): a departure wish on the flight the words name (``agents.intent._too_early``)."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._too_early import EARLIEST, LATEST

CTX = ReadContext(now=dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-6))), home="ORD")


def _windows(text: str) -> list[tuple[dt.time | None, dt.time | None, int | None]]:
    return [(w.start, w.end, w.leg) for w in read_request(text, CTX).wishes if w.kind == "depart_window"]


def test_the_weekday_before_it_names_the_flight() -> None:
    text = "ORD > SFO fri 1/22, back sun 1/24. Flights only. Sun nothing crazy early pls."
    assert _windows(text) == [(EARLIEST, None, 1)]


def test_said_of_the_way_back_it_is_the_way_backs() -> None:
    text = "Chicago to NYC on the 10th, back the 12th; on the way back nothing ridiculously early."
    assert _windows(text) == [(EARLIEST, None, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Fly me Chicago to Miami on March 3, back March 7. Nothing too early please.",
        "Chicago-Miami March 3 to 7, and we're not morning people: nothing super early either way.",
    ],
)
def test_said_of_no_flight_in_particular_it_is_every_flights(text: str) -> None:
    assert _windows(text) == [(EARLIEST, None, None)]


def test_too_late_wishes_a_departure_by_nine() -> None:
    assert _windows("Chicago to Seattle June 4, one way, not super late if possible.") == [
        (None, LATEST, None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Chicago to Miami March 3, back March 7, nothing early.",  # no intensifier: not this rule's
        "Chicago to Miami March 3, back March 7, it's too early to say who else comes.",  # no refusal
        "Chicago to Miami March 3, back March 7, no flights before 10am, nothing too early.",  # a limit
    ],
)
def test_no_wish_without_a_refused_intensified_hour_or_beside_a_clock_limit(text: str) -> None:
    assert (EARLIEST, None, None) not in _windows(text)
