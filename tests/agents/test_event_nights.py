"""A hotel's nights said as the nights of events on the traveller's calendar: "the nights of both",
"the night of the gala", "each night of the summit", "the rehearsal night and the recital night"; a
night someone else houses the traveller, or an event only said to be on the calendar, is no stay."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import CalendarEntry, ReadContext, read_request

TZ = dt.timezone(dt.timedelta(hours=-5))


def _ctx(*events: tuple[str, str, str]) -> ReadContext:
    return ReadContext(
        now=dt.datetime(2027, 8, 1, 9, tzinfo=TZ),
        home="DEN",
        calendar=[
            CalendarEntry(
                title=t,
                start=dt.datetime.fromisoformat(s + "-05:00"),
                end=dt.datetime.fromisoformat(e + "-05:00"),
            )
            for t, s, e in events
        ],
    )


DINNER = ("Client dinner", "2027-09-09T19:00", "2027-09-09T22:00")
EXPO = ("Robotics expo", "2027-09-10T09:00", "2027-09-11T17:00")
PARTY = ("Launch party", "2027-09-12T20:00", "2027-09-12T23:59")


def _nights(text: str, *events: tuple[str, str, str]) -> tuple[dt.date | None, dt.date | None]:
    intent = read_request(text, _ctx(*events))
    assert intent.stays, intent
    return intent.stays[0].check_in, intent.stays[0].check_out


@pytest.mark.parametrize(
    "text, want",
    [
        # the nights of several events: from the first one's day to the morning after the last one
        (
            "Book me a hotel in Chicago for the nights of the client dinner and the expo, I'm driving.",
            ("09-09", "09-12"),
        ),
        (
            "Chicago hotel please. The client dinner and the expo are in my calendar and I need the nights of both. Driving.",
            ("09-09", "09-12"),
        ),
        (
            "A room in Chicago, the dinner night and the party night, both on my calendar. I'll take the train.",
            ("09-09", "09-13"),
        ),
        # one event: its night, or each night of a multi-day one
        (
            "Hotel in Chicago for the night of the launch party, $300 a night max, train up.",
            ("09-12", "09-13"),
        ),
        (
            "Kindly arrange a hotel in Chicago for every night of the robotics expo; rail is booked.",
            ("09-10", "09-12"),
        ),
        # a night someone else houses the traveller is none of the stay
        (
            "The organisers put me up the night of the client dinner, so I only need a Chicago hotel for the night of the launch party. Train.",
            ("09-12", "09-13"),
        ),
    ],
)
def test_the_nights_of_calendar_events_are_the_stay(text: str, want: tuple[str, str]) -> None:
    got = _nights(text, DINNER, EXPO, PARTY)
    assert got == tuple(dt.date.fromisoformat("2027-" + d) for d in want)


def test_an_event_said_to_be_the_night_before_is_no_day_of_the_stay() -> None:
    """ "There's a team dinner on my calendar the night before" says when the dinner is; the stay keeps
    its stated days (it used to end on the dinner's eve, before it began)."""
    dinner = ("Team dinner", "2027-09-08T19:00", "2027-09-08T21:00")
    text = "Hotel in Chicago Sept 9 to Sept 11 please. There's a team dinner on my calendar the night before but I'll drive up after it."
    assert _nights(text, dinner) == (dt.date(2027, 9, 9), dt.date(2027, 9, 11))


def test_a_night_named_before_or_after_an_event_is_not_the_events_night() -> None:
    """ "From the night before the expo until it ends" counts from the expo; the words before "night"
    ("Chicago from the") name no event even though the expo's city is in them."""
    text = "I need a hotel in Chicago from the night before the robotics expo until it ends."
    assert _nights(text, EXPO) == (dt.date(2027, 9, 9), dt.date(2027, 9, 11))


def test_a_stay_of_its_own_length_starting_the_night_of_an_event_keeps_its_length() -> None:
    """ "Three nights starting the night of the launch party": the party's night is where the stay
    starts; the count says how long (the first version of the rule gave one night)."""
    text = "Book a Chicago hotel for three nights starting the night of the launch party, no flights."
    assert _nights(text, PARTY) == (dt.date(2027, 9, 12), dt.date(2027, 9, 15))
