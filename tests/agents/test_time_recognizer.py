"""Time limits on flights read with Recognizers-Text (``agents.intent._time_reader``), with our own
grammar for what the library misses."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import CalendarEntry, LegIntent, ReadContext, read_request
from agents.intent._time_reader import library_limits

CTX = ReadContext(now=dt.datetime(2027, 3, 1, 9, 0), home="ORD")
ROUND = "Chicago to Boston on April 15, back April 18. "


def _times(leg: LegIntent) -> tuple[dt.time | None, ...]:
    return (leg.depart_after, leg.depart_before, leg.arrive_after, leg.arrive_before)


@pytest.mark.parametrize(
    ("text", "kind", "when"),
    [
        ("Chicago to Boston on April 15, one way. Must land prior to 15:00.", "arrive_before", dt.time(15)),
        (
            "Chicago to Boston on April 15, one way. I must be on the ground no later than half past two in"
            " the afternoon.",
            "arrive_before",
            dt.time(14, 30),
        ),
        (
            "Chicago to Boston on April 15, one way. The earliest I can possibly leave is 11:30am.",
            "depart_after",
            dt.time(11, 30),
        ),  # fmt: skip
        (
            "Chicago to Boston on April 15, one way. The flight has to take off no later than 9 a.m.",
            "depart_before",
            dt.time(9),
        ),  # fmt: skip
        (
            "Chicago to Boston on April 15, one way, must leave no earlier than 18.30.",
            "depart_after",
            dt.time(18, 30),
        ),  # fmt: skip
        (
            "Chicago to Boston on April 15, one way. The landing must be not later than 11:00.",
            "arrive_before",
            dt.time(11),
        ),  # fmt: skip
    ],
)
def test_a_bound_the_library_reads_is_a_limit_on_the_flight(text: str, kind: str, when: dt.time) -> None:
    (leg,) = read_request(text, CTX).legs
    assert getattr(leg, kind) == when
    assert [t for t in _times(leg) if t is not None] == [when]


def test_a_negated_movement_turns_the_bound_round_but_not_until_after() -> None:
    back = read_request(ROUND + "On the way back I can't be wheels up before 6pm.", CTX).legs[1]
    assert _times(back) == (dt.time(18), None, None, None)
    back = read_request(ROUND + "On the 18th I'm not leaving til after 4pm.", CTX).legs[1]
    assert _times(back) == (dt.time(16), None, None, None)
    assert library_limits("No one in our family boards a plane before 8am.") == [("depart_after", dt.time(8))]


def test_the_time_of_something_else_is_no_limit_on_the_flight() -> None:
    assert library_limits("Has to be after 7, I'm in meetings till 6:30.") == []
    assert library_limits("I've got a call until 11:30 that day, so it can't leave before 12:30.") == [
        ("depart_after", dt.time(12, 30))
    ]
    assert library_limits("Check-in at the hotel is from 3pm.") == []


def test_a_span_of_clock_times_bounds_both_ends() -> None:
    assert library_limits("departure window: 10am to 2pm") == [
        ("depart_after", dt.time(10)),
        ("depart_before", dt.time(14)),
    ]
    assert library_limits("arrival window 1pm to 5pm") == [
        ("arrive_after", dt.time(13)),
        ("arrive_before", dt.time(17)),
    ]


def test_the_meeting_said_by_a_common_noun_is_the_one_on_the_calendar_that_day() -> None:
    review = CalendarEntry(
        title="Ortiz Partners - contract review",
        start=dt.datetime(2027, 4, 13, 14, 0),
        end=dt.datetime(2027, 4, 13, 16, 0),
    )
    ctx = ReadContext(now=CTX.now, home="ORD", calendar=[review])
    text = "Chicago to Boston on Monday April 12, and home on Tuesday after the meeting."
    assert read_request(text, ctx).legs[-1].depart_after == dt.time(16)
