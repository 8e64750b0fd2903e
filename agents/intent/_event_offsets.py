"""Time bounds set by a calendar event with a margin: "landing at least an hour and a half before
dinner starts", "back on the ground two hours before the recital", "nothing until an hour after the
meeting ends".

A margin before an event's start bounds the landing (arrive by the start less the margin); a margin
after its end bounds the departure (leave from the end plus the margin). The event is the calendar
entry the words name best (``rapidfuzz``), on whose day the bound holds. Without a margin the words
are ``_limits.event_bounds``'s.
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from agents.intent._model import CalendarEntry
from agents.intent._text import digits

_UNIT = {"h": 60, "m": 1}
_OFFSET = re.compile(
    r"(?:at least\s+|a good\s+|a full\s+)?"
    r"(?:(?P<half>half an hour)|(?P<n>\d+(?:\.\d+)?|an?|one)\s*(?P<and_half>and a half\s+)?"
    r"(?P<u>hours?|hrs?|h|minutes?|mins?)(?P<half2>\s+and a half)?)"
    r"\s+(?P<dir>before|ahead of|prior to|after)\s+(?:(?:the|my|our|her|his|their|that)\s+)?"
    r"(?P<what>[\w'&\- ]{3,40}?)(?:'s|\s+is)?\s*(?P<edge>starts|begins|kicks off|ends|finishes|wraps up|is over|'s over)?"
    r"(?=[,.;!?)(]|$|\s+(?:and|so|or|on|please|otherwise|because|as)\b)",
    re.I,
)


def _minutes(m: re.Match[str]) -> int:
    if m.group("half"):
        return 30
    n = m.group("n").lower()
    count = 1.0 if n in ("a", "an", "one") else float(n)
    if m.group("and_half") or m.group("half2"):
        count += 0.5
    return round(count * _UNIT[m.group("u")[0].lower()])


_HOME = re.compile(r"\b(?:back|home|return\w*)\b[^,.;]{0,40}$", re.I)


def offset_bounds(clause: str, calendar: list[CalendarEntry]) -> list[tuple[str, dt.time, dt.date, bool]]:
    """(limit kind, time, the event's day, said of the way home) for each event bound said with a
    margin in a clause ("get me back on the ground two hours before the recital": the way home)."""
    out: list[tuple[str, dt.time, dt.date, bool]] = []
    if not calendar:
        return out
    clause = digits(clause)
    for m in _OFFSET.finditer(clause):
        home = bool(_HOME.search(clause[: m.start()]))
        words = re.sub(r"\b(the|my|our|that|it|is)\b", " ", m.group("what"), flags=re.I).strip().lower()
        if not words:
            continue
        best = max(calendar, key=lambda e: fuzz.partial_token_set_ratio(words, e.title.lower()))
        if fuzz.partial_token_set_ratio(words, best.title.lower()) < 80:
            continue
        margin = dt.timedelta(minutes=_minutes(m))
        if m.group("dir").lower() == "after":
            when = best.end + margin
            out.append(("depart_after", when.time(), when.date(), home))
        else:
            when = best.start - margin
            out.append(("arrive_before", when.time(), when.date(), home))
    return out
