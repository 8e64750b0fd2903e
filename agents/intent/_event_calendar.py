"""An event on the traveller's calendar that the trip is for bounds its flights.

"Seattle to Denver on April 14 for the quarterly planning, I can't miss it" with "Quarterly planning -
Denver HQ, 10:00-15:00" on the calendar: the flight that day lands before the planning starts. "I have
to be there for the whole meeting": the flight home that day leaves after it ends. The bound is the
event's own time, with no margin the words do not give (the shipped scenarios' constraints do the
same: "after the board meeting finishes" is its end, "get me in before the dinner" its start).

A calendar event only mentioned ("there's a team lunch on my calendar that day") is no limit: the
flight that makes it is wished for (an arrival window), never required.

The event is the calendar entry whose title's words the sentence says (``rapidfuzz``, so "planing"
and "kick-off" still name it), or the only entry on a day of the trip when the sentence points at
it ("I can't miss it").
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from agents.intent._deadlines import MUST_MAKE
from agents.intent._model import CalendarEntry, LegIntent, TripIntent, Wish

#: words of a title that name no event in particular
_STOP = frozenset(
    "the a an and with for at in on of to my our team hq office call video zoom room floor".split()
)
#: the traveller stays to its end ("for the whole meeting", "till it's over", "not leaving before it ends")
_TO_END = re.compile(
    r"\b(?:(?:whole|entire)\s+(?:\w+\s+)?(?:meeting|event|conference|summit|offsite|off-site|workshop|session"
    r"|day|thing\s+(?:it|is|runs|lasts))|all of it|(?:till|until|to) the end|(?:till|until) it(?:'s| is) over|after it (?:ends|finishes|wraps)"
    r"|(?:can'?t|cannot|won'?t|not|don'?t)\s+(?:\w+\s+){0,2}?(?:leav\w*|go|fly\w*|depart\w*)\s+(?:\w+\s+)?(?:before|until|till)"
    r"\s+(?:it|the \w+)\s+(?:ends|finishes|wraps|is over|'s over))\b",
    re.I,
)
#: an event said as something the traveller has on that day, not as what dates the flight
_HAS = re.compile(r"\b(?:there'?s|there is|I have|I've got|I got|I'm at|I am at|have an?|got an?)\b", re.I)
_POINTER = re.compile(r"\b(?:it|the whole thing|that)\b", re.I)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z'-]{2,}", text.lower()) if w not in _STOP]


def _named(sentence: str, entry: CalendarEntry) -> bool:
    said = _words(sentence)
    return any(fuzz.ratio(t, w) >= 85 for t in _words(entry.title) for w in said)


def _events(sentence: str, calendar: list[CalendarEntry], legs: list[LegIntent]) -> list[CalendarEntry]:
    """The calendar entries a sentence names, or the one it points at on a day of the trip."""
    named = [e for e in calendar if _named(sentence, e)]
    if named:
        return named
    days = {leg.date for leg in legs if leg.date}
    on_trip = [e for e in calendar if e.start.date() in days or e.end.date() in days]
    pointed = _POINTER.search(re.sub(r"(?<!\bto )\bmake it\b", " ", sentence, flags=re.I))  # "make it cheap"
    return on_trip if len(on_trip) == 1 and pointed else []


def _is_return(leg: LegIntent, legs: list[LegIntent]) -> bool:
    return len(legs) > 1 and leg is not legs[0] and leg.destination == legs[0].origin


def calendar_bounds(
    sentence: str, calendar: list[CalendarEntry], legs: list[LegIntent]
) -> list[tuple[LegIntent, str, dt.time]]:
    """(leg, limit kind, time) for each bound an event the sentence says the traveller must make puts
    on a flight of its day: the flight there lands by its start, the flight home leaves after its end."""
    if not calendar or not legs or not (MUST_MAKE.search(sentence) or _TO_END.search(sentence)):
        return []
    out: list[tuple[LegIntent, str, dt.time]] = []
    for event in _events(sentence, calendar, legs):
        for leg in legs:
            if leg.date == event.start.date() and not _is_return(leg, legs) and MUST_MAKE.search(sentence):
                out.append((leg, "arrive_before", event.start.time()))
            elif leg.date == event.end.date() and _is_return(leg, legs) and _TO_END.search(sentence):
                out.append((leg, "depart_after", event.end.time()))
    return out


def calendar_wishes(
    sentence: str, calendar: list[CalendarEntry], legs: list[LegIntent]
) -> list[tuple[int, dt.time]]:
    """(leg index, the event's start) for an event the sentence only names on the day a flight goes
    there: landing before it is a wish, not a limit."""
    if not calendar or not legs or MUST_MAKE.search(sentence) or _TO_END.search(sentence):
        return []
    if not _HAS.search(sentence):
        return []  # "fly in the day it starts": the event dates the flight, it says nothing of the hour
    return [
        (i, event.start.time())
        for event in calendar
        if _named(sentence, event)
        for i, leg in enumerate(legs)
        if leg.date == event.start.date() and not _is_return(leg, legs) and leg.arrive_before is None
    ]


def calendar_events(sentence: str, calendar: list[CalendarEntry], intent: TripIntent, soft: bool) -> None:
    """Put on the intent's flights the bounds (unless the sentence hedges) and the wishes the calendar
    events a sentence speaks of set."""
    for leg, kind, when in [] if soft else calendar_bounds(sentence, calendar, intent.legs):
        if getattr(leg, kind) is None:
            setattr(leg, kind, when)
    for i, when in calendar_wishes(sentence, calendar, intent.legs):
        if not any(x.kind == "arrive_window" and x.leg == i for x in intent.wishes):
            intent.wishes.append(Wish(kind="arrive_window", end=when, leg=i))
