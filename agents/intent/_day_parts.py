"""A part of the day said as a requirement ("it has to be a morning flight", "must land in the
afternoon", "not in the middle of the night") and the piece of a sentence a clock-time limit is said
in: what ``_hard_soft`` puts on the flight the piece names. The clock-time words themselves are
``_time_reader.time_limits`` (the library, then ``_words.grammar_limits`` and ``_fronted_times``).
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._busy_parts import busy_part
from agents.intent._time_reader import time_limits

#: A part of the day said as a requirement of a flight, and which end of the flight it bounds.
_PART = re.compile(
    r"\b(?P<firm>must|has to|have to|needs? to|got to|only)\b[^.;,]{0,40}?\b(?P<p>morning|afternoon|evening)\b",
    re.I,
)
_LANDING = re.compile(
    r"\b(?:land\w*|arriv\w*|gets? (?:me |us )?in|get (?:me |us )?there|touch\w* down)\b", re.I
)
_NIGHT_REFUSED = re.compile(
    r"\b(?:not|never|no|nothing|don't want|won't|can't)\b[^.;,]{0,20}?\b(?:in the middle of the night|at night|"
    r"(?:middle-of-the-night|overnight|night-?time|small[- ]hours?) (?:arrivals?|landings?))|\bnot in the small hours\b",
    re.I,
)
PARTS = {
    "morning": (dt.time(6), dt.time(12)),
    "afternoon": (dt.time(12), dt.time(18)),
    "evening": (dt.time(18), None),
}


_PIECES = re.compile(r"[,;()]|\s[-\u2013\u2014]\s|\bbut\b", re.I)


def hard_part_of_day(sentence: str) -> list[tuple[str, dt.time, str]]:
    """The bounds a part of the day said as a requirement puts on a flight, each with the piece of the
    sentence it is said in ("it has to be a morning flight": leave 06:00-12:00; "must land in the
    afternoon": land 12:00-18:00); a landing refused in the middle of the night lands after 06:00. A
    piece that gives a clock time says the bound itself."""
    out: list[tuple[str, dt.time, str]] = []
    pieces = [p for p in _PIECES.split(sentence) if p and p.strip()]
    for piece in pieces:
        m = _PART.search(piece)
        if not m or time_limits(piece) or busy_part(piece):
            continue  # "I have to work Thursday morning": a time the flight avoids (``_busy_parts``)
        landing = bool(_LANDING.search(piece))
        side = "arrive" if landing else "depart"
        start, end = PARTS[m.group("p").lower()]
        out.append((f"{side}_after", start, piece))
        if end is not None:
            out.append((f"{side}_before", end, piece))
    if not any(k == "arrive_after" for k, _, _ in out):
        for piece in pieces:
            if _NIGHT_REFUSED.search(piece) and _LANDING.search(sentence):
                out.append(("arrive_after", dt.time(6), piece))
                break
    return out


def timed_piece(sentence: str) -> str:
    """The piece of a sentence a clock-time limit is said in ("Chicago to Toronto Feb 3, back Feb 5,
    the return can't be too late - I need to be home by 9pm": the last): its own words say which
    flight it bounds, whatever flight the rest of the sentence names."""
    timed = [p for p in _PIECES.split(sentence) if p and time_limits(p)]
    return timed[0] if len(timed) == 1 else ""
