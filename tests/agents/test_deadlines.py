"""When a flight must land or may leave: the deadline grammar (``agents.intent._deadlines``) and the
calendar events a trip is for (``agents.intent._event_calendar``), read through ``read_request``.

Every case below was read wrong (or not at all) before the grammar: the limit was missed, put on the
wrong side, or an event's time was lost."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import read_request
from agents.intent._deadlines import deadline_limits, repaired_limits, times_in
from agents.intent._model import CalendarEntry, ReadContext

T = dt.time
NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def _legs(text: str, home: str = "BOS", calendar: list[CalendarEntry] | None = None) -> list[tuple]:
    intent = read_request(text, ReadContext(now=NOW, home=home, calendar=calendar or []))
    return [(leg.depart_after, leg.depart_before, leg.arrive_before) for leg in intent.legs]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("18.00", T(18)),
        ("15h", T(15)),
        ("1430 hrs", T(14, 30)),
        ("seven thirty", T(19, 30)),
        ("eleven o'clock in the morning", T(11)),
        ("lunchtime", T(12)),
        ("2 pm", T(14)),
        ("9", T(9)),
    ],
)
def test_a_clock_time_is_read_in_every_way_it_is_written(written: str, said: dt.time) -> None:
    assert [t for _, _, t, _ in times_in(f"land by {written} please")] == [said]


def test_a_day_of_the_month_or_a_count_is_no_clock_time() -> None:
    assert times_in("on the 10th for 3 nights") == []


@pytest.mark.parametrize(
    ("clause", "limits"),
    [
        ("In by 5 at the latest on the way down", [("arrive_before", T(17))]),
        ("I must arrive not later than 15h because of meeting", [("arrive_before", T(15))]),
        ("landing 18.00 at the latest", [("arrive_before", T(18))]),
        ("I need to fly out of Boston by 10am on the 7th", [("depart_before", T(10))]),
        ("I need to be in by 1:30pm", [("arrive_before", T(13, 30))]),
        ("get me there with time to spare for my 4pm presentation", [("arrive_before", T(16))]),
        ("Dinner with the client at 7 on the 10th, need to get in before that", [("arrive_before", T(19))]),
        ("my panel starts at 3:30 and I need to make it", [("arrive_before", T(15, 30))]),
        ("I can't leave before the meeting wraps at 3 on Friday", [("depart_after", T(15))]),
        ("the conference wraps at 4pm and I'm not leaving before it's over", [("depart_after", T(16))]),
        (
            "presenting at 10:30 on the Monday and must be at the venue in time",
            [("arrive_before", T(10, 30))],
        ),
    ],
)
def test_a_movement_a_marker_and_a_time_make_a_limit(clause: str, limits: list) -> None:
    assert deadline_limits(clause) == limits


@pytest.mark.parametrize(
    "clause",
    [
        "I have dinner with an old friend at 7 that night",  # only mentioned: no limit
        "I need to make the 9am kickoff, so fly me up the day before",  # another day: no time on it
        "for 3 nights in by the 10th",
    ],
)
def test_an_event_only_mentioned_or_on_another_day_sets_no_limit(clause: str) -> None:
    assert deadline_limits(clause) == []


def test_a_corrected_deadline_keeps_the_one_said_last() -> None:
    clause = "need to land by 4 - sorry, by 3, the meeting got moved"
    assert repaired_limits(clause, [("arrive_before", T(16))]) == [("arrive_before", T(15))]


def test_the_limit_goes_on_the_flight_its_words_are_about() -> None:
    assert _legs("Seattle to LA April 8, back April 10. In by 5 at the latest on the way down.", "SEA") == [
        (None, None, T(17)),
        (None, None, None),
    ]
    assert _legs(
        "Austin to Seattle Wed 7 April, back Friday 9th. I can't leave before the meeting wraps at 3 on Friday.",
        "AUS",
    ) == [(None, None, None), (T(15), None, None)]


def test_an_event_in_an_earlier_clause_is_the_one_a_later_clause_must_make() -> None:
    text = (
        "I have a 2 pm sharp appointment in Atlanta on May 11; fly me from Chicago that morning, I must "
        "get there for it. One way."
    )
    assert _legs(text, "ORD") == [(None, None, T(14))]


def _entry(title: str, start: str, end: str) -> CalendarEntry:
    return CalendarEntry(
        title=title, start=dt.datetime.fromisoformat(start), end=dt.datetime.fromisoformat(end)
    )


def test_a_calendar_event_the_trip_is_for_bounds_the_flight_of_its_day_at_its_own_time() -> None:
    planning = _entry(
        "Quarterly planning - Denver HQ", "2027-04-14T10:00:00-06:00", "2027-04-14T15:00:00-06:00"
    )
    text = (
        "Book me Seattle to Denver on April 14 for the quarterly planning, I can't miss it. Back on the 15th."
    )
    assert _legs(text, "SEA", [planning]) == [(None, None, T(10)), (None, None, None)]


def test_staying_for_the_whole_event_bounds_the_flight_home_at_its_end() -> None:
    board = _entry("Board meeting (Chicago)", "2027-05-06T09:00:00-05:00", "2027-05-06T16:00:00-05:00")
    text = (
        "Flights for the board meeting in Chicago on my calendar please: Boston to Chicago on Wednesday 5 "
        "May, back on Thursday the 6th. I have to be there for the whole meeting."
    )
    assert _legs(text, "BOS", [board]) == [(None, None, None), (T(16), None, None)]


def test_a_calendar_event_only_mentioned_is_a_wish_not_a_limit() -> None:
    lunch = _entry("Team lunch (Austin)", "2027-03-18T12:00:00-05:00", "2027-03-18T13:30:00-05:00")
    text = "Fly me LA to Austin on the 18th, there's a team lunch on my calendar that day. Back the 20th."
    intent = read_request(text, ReadContext(now=NOW, home="LAX", calendar=[lunch]))
    assert [leg.arrive_before for leg in intent.legs] == [None, None]
    assert [(w.kind, w.end, w.leg) for w in intent.wishes] == [("arrive_window", T(12), 0)]
