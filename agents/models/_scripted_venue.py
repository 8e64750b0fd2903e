"""A hotel near the event the trip is for, where only the calendar says where that is.

"Two nights at a hotel I can walk to the venue from", "somewhere close to the conference": the words
name no area, but the traveller's calendar entry for the event often does ("Supply Chain Summit -
Georgia World Congress Center, Downtown Atlanta"). ``venue_text`` gives the titles of the calendar
entries held during the trip when the request asks to stay near its event; the scorer then weighs a
neighbourhood named there as one the words named (``name_weight`` over ``Prefs.text``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from agents.intent import TripIntent

__all__ = ["calendar_entries", "trip_span", "venue_text"]

_EVENT = (
    r"(?:venue|conference|summit|congress|convention|expo|event|meeting|meetings|workshop|offsite|off-site|"
    r"forum|symposium|seminar|retreat|gala|ceremony|reception|concert|game|match|"
    r"wedding|show|fair|festival|course|training|office)"
)
#: Nearness to the event: "walk to the venue", "walking distance of the conference", "near the summit".
_NEAR_EVENT = re.compile(
    rf"\b(?:walk(?:able)?|walking|stroll|close|near|nearby|next|short (?:walk|ride|hop))\b[^.;!?\n]{{0,30}}?\b{_EVENT}\b"
    rf"|\b{_EVENT}\b[^.;!?\n]{{0,30}}?\b(?:walk(?:able|ing)?(?: distance)?|close by|nearby)\b",
    re.I,
)


def venue_text(
    request: str,
    calendar: list[tuple[dt.datetime, dt.datetime, str]],
    first: dt.date | None,
    last: dt.date | None,
) -> str:
    """The titles of the calendar entries between ``first`` and ``last`` (the trip's days), one a
    line, when ``request`` asks to stay near its event; "" otherwise."""
    if first is None or not calendar or not _NEAR_EVENT.search(request):
        return ""
    end = last or first
    return "\n".join(t for s, e, t in calendar if s.date() <= end and e.date() >= first and t.strip())


def calendar_entries(data: Any) -> list[tuple[dt.datetime, dt.datetime, str]]:
    """The traveller's own calendar entries (start, end, title) in a ``get_calendar`` result; not
    those another source added."""
    events = data.get("events", []) if isinstance(data, dict) else []
    return [
        (dt.datetime.fromisoformat(e["start"]), dt.datetime.fromisoformat(e["end"]), str(e.get("title", "")))
        for e in events
        if e.get("source", "traveler") == "traveler"
    ]


def trip_span(intent: TripIntent) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day the intent's flights and stays name (``None, None`` when none)."""
    days = [d for leg in intent.legs for d in (leg.date,) if d]
    days += [d for stay in intent.stays for d in (stay.check_in, stay.check_out) if d]
    return min(days, default=None), max(days, default=None)
