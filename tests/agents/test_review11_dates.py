"""Review 11 of branch r11-dates: a "next week" or "next month" said about something else does not
move the trip's bare days, and a sentence that starts with "Room" is not a hotel request. Said on
Monday 1 March 2027, home Boston."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, TripIntent, read_request

NOW = dt.datetime(2027, 3, 1, 9, 0)  # a Monday


def read(text: str) -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home="BOS"))


def days(text: str) -> list[dt.date | None]:
    return [leg.date for leg in read(text).legs]


def d(month: int, day: int) -> dt.date:
    return dt.date(2027, month, day)


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        ("Fly me to Denver Thursday, back next week on Tuesday.", d(3, 4), d(3, 9)),
        ("Fly to Denver Thursday and stay through next week; return Tuesday.", d(3, 4), d(3, 9)),
        ("The report is due next week, so fly me to Chicago Wednesday and back Friday.", d(3, 3), d(3, 5)),
        ("I can't do next week, so Thursday to Friday to Chicago please.", d(3, 4), d(3, 5)),
        ("Next week is bad. Out Thursday, back Friday to Chicago.", d(3, 4), d(3, 5)),
        ("Fly to Chicago Wednesday, back Friday. Next week I'll need another trip.", d(3, 3), d(3, 5)),
        ("Fly out Thursday to Denver, back Saturday; I'm back in the office next week.", d(3, 4), d(3, 6)),
        # variants of our own
        ("My boss is travelling next week, but I need Chicago Wednesday, back Friday.", d(3, 3), d(3, 5)),
        ("Out to Denver Tuesday, home Thursday. The kids start school next week.", d(3, 2), d(3, 4)),
        ("Since next week is full, Denver on Wednesday and back Thursday.", d(3, 3), d(3, 4)),
    ],
)
def test_next_week_said_about_something_else_leaves_the_weekdays(
    text: str, out: dt.date, back: dt.date
) -> None:
    assert days(text) == [out, back]


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        ("Chicago next week, out Wednesday, back Friday.", d(3, 10), d(3, 12)),
        ("Next week - Denver Thursday, home Saturday.", d(3, 11), d(3, 13)),
        ("Out Wednesday, back Friday, to Chicago. Next week, that is.", d(3, 10), d(3, 12)),
    ],
)
def test_next_week_about_the_trip_still_moves_them(text: str, out: dt.date, back: dt.date) -> None:
    assert days(text) == [out, back]


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        ("I'm away next month, so fly me to Denver on the 20th, back the 23rd.", d(3, 20), d(3, 23)),
        ("My lease ends next month. Flights to Denver the 20th to the 23rd.", d(3, 20), d(3, 23)),
        # variants of our own
        ("Prices go up next month, so book Denver the 20th and back the 23rd.", d(3, 20), d(3, 23)),
        ("Denver on the 20th, back the 23rd; my new job starts next month.", d(3, 20), d(3, 23)),
    ],
)
def test_next_month_said_about_something_else_leaves_the_days(text: str, out: dt.date, back: dt.date) -> None:
    assert days(text) == [out, back]


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        ("Denver next month: out the 20th, back the 23rd.", d(4, 20), d(4, 23)),
        (
            "I'm away until next month. At the end of next month, Denver the 27th to the 30th.",
            d(4, 27),
            d(4, 30),
        ),
    ],
)
def test_next_month_about_the_days_still_moves_them(text: str, out: dt.date, back: dt.date) -> None:
    assert days(text) == [out, back]


@pytest.mark.parametrize(
    "text",
    [
        "Room for my luggage isn't an issue. Flight to Miami April 10, back April 14.",
        "Room to stretch out would be nice on the plane. Miami April 10, back April 14.",
        "Room service isn't needed. Just flights to Miami April 10 to April 14.",
    ],
)
def test_a_sentence_starting_with_room_is_no_hotel(text: str) -> None:
    assert read(text).stays == []


@pytest.mark.parametrize(
    "text",
    [
        "Room in Miami April 10 to 14, no flights needed.",
        "Room near the beach in Miami, April 10 to 14.",
    ],
)
def test_room_in_a_place_is_still_a_hotel(text: str) -> None:
    assert read(text).stays


@pytest.mark.parametrize(
    "text",
    [
        "I need to be in Denver the morning of April 5, overnight flight please, back April 8.",
        "I need to be in Chicago the morning of April 5, overnight flight please, home April 8.",
        "red-eye to Denver, I have to be in Denver the morning of April 5, back April 8",
    ],
)
def test_a_red_eye_said_by_its_landing_morning_lands_by_noon(text: str) -> None:
    out = read(text).legs[0]
    assert (out.date, out.arrive_on) == (d(4, 4), d(4, 5))
    assert (out.depart_after, out.depart_before) == (None, None)  # no red-eye leaves in the morning
    assert out.arrive_before == dt.time(12)


@pytest.mark.parametrize(
    "text",
    [
        "I land in Denver April 10; the evening before I have a dinner in Boston. Back April 14.",
        "I land in Denver April 10. The night before, I have a gala in Boston. Back April 14.",
        "I land in Denver April 10; the afternoon before we have a board meeting here. Back April 14.",
    ],
)
def test_an_evening_before_with_something_else_on_is_no_travel_day(text: str) -> None:
    out = read(text).legs[0]
    assert (out.date, out.arrive_on) == (None, d(4, 10))  # the dinner's evening, not the flight's
