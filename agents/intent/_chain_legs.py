"""The days of a multi-city chain's legs said in other ways than a date per leg (``_chain`` reads the
chain): nights said before their city ("two nights in Chicago, then three in Toronto"), a count
without the word after nights were said ("then Austin for two"), a bare range of days of the month
in brackets ("Toronto (10-12)"), the words of a leg that start at its city when its clause began
before the city of the leg before ("A > B (Jan 13) > C (Jan 19)"), and the day of a move by road or
rail between two flights ("drive down to Miami on the Sunday").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from agents.intent import _words as w
from agents.intent._mention import Mention
from agents.intent._places import find_places


@dataclass
class Hop:
    """One leg of a chain: its route and where its clause lies in the text."""

    origin: str | None
    destination: str
    start: int  # where the leg's clause starts
    at: int  # the destination's mention
    end: int = -1  # where the next leg's clause starts (or the text's end)
    #: Cities reached from the destination by road or rail before the next flight ("drive down to
    #: Miami on the Sunday"): (city, where its mention ends); their days in ``move_days``.
    moves: list[tuple[str, int]] = field(default_factory=list)
    move_days: list[dt.date | None] = field(default_factory=list)


_NIGHTS_SAID = re.compile(r"\b(?P<n>\d+|a|one)\s+nights?\b", re.I)

#: A count of nights said without the word, after nights were said of an earlier city: "then
#: Austin for two" (not "for two people").
FOR_N = re.compile(
    r"\s*,?\s*for\s+(?:another\s+)?(?P<n>\d+)\b(?!\s*(?:people|persons?|of us|adults?|guests?|travell?ers?|passengers?|"
    r"rooms?|kids?|children|weeks?|days?|hours?|\$|dollars?|bucks|k\b))",
    re.I,
)

_BARE_RANGE = re.compile(
    r"[^()\n.;]{0,20}?\(\s*(?P<a>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|through|thru)\s*(?P<b>\d{1,2})(?:st|nd|rd|th)?\s*\)",
    re.I,
)


def bare_range(text: str, hop: Hop, day: dt.date) -> dt.date | None:
    """The last day of a range of days of the month said in brackets after a city ("Toronto
    (10-12)") whose first day is the leg's: the next leg's day."""
    at = city_end(text, hop)
    m = _BARE_RANGE.match(text[at : at + 60])
    if m is None or int(m.group("a")) != day.day or int(m.group("b")) <= day.day:
        return None
    try:
        return day.replace(day=int(m.group("b")))
    except ValueError:
        return None


def city_end(text: str, hop: Hop) -> int:
    """Where the mention of a leg's destination ends ("Las Vegas" in "Las Vegas for two")."""
    found = find_places(text[hop.at : hop.at + 40])
    return hop.at + (found[0].end if found else 0)


def elliptic_nights(text: str, hop: Hop) -> int | None:
    """ "Then Austin for two" after nights said of an earlier city: two nights."""
    m = FOR_N.match(w.digits(text[city_end(text, hop) : hop.end]))
    return int(m.group("n")) if m and _NIGHTS_SAID.search(w.digits(text[: hop.at])) else None


def clause_from(hops: list[Hop], i: int) -> int:
    """Where the words of leg ``i`` start: its clause, or its city when that clause began before the
    leg before's city ("Frankfurt > London (Jan 13) > San Francisco (Jan 19) > Sydney (Jan 24)")."""
    if i == 0:
        return 0
    return hops[i].at if hops[i].start < hops[i - 1].at else hops[i].start


def nights_before(text: str, hop: Hop) -> int | None:
    """Nights said right before the city of a leg: "two nights in Chicago", "then three in Toronto"."""
    m = re.search(
        r"\b(?P<n>\d+|a|one)\s+(?:more\s+)?(?:nights?\s+)?in\s+(?:the\s+)?$",
        w.digits(text[hop.start : hop.at]),
        re.I,
    )
    if m is None or (m.group("n").lower() in ("a", "one") and "night" not in m.group().lower()):
        return None
    return 1 if m.group("n").lower() in ("a", "one") else int(m.group("n"))


def move_day(hop: Hop, k: int, mentions: list[Mention], text: str, prev: dt.date | None) -> dt.date | None:
    """The day of a move by road or rail: the day said in its clause ("drive down to Miami on the
    Sunday": the first Sunday after the flight there)."""
    at = hop.moves[k][1]
    stop = re.search(r"[.;!?\n]|,|\bthen\b|\band\b", text[at:])
    end = at + stop.start() if stop else len(text)
    said = [m for m in mentions if at <= m.start < end and len(m.days) == 1 and not m.window]
    if not said:
        return None
    day = said[0].days[0]
    if (
        prev is not None
        and said[0].kind == "wd_rel"
        and said[0].anchored in ("weekday", "after", "the", "that")
    ):
        day = prev + dt.timedelta(days=(day.weekday() - prev.weekday()) % 7 or 7)
    return day
