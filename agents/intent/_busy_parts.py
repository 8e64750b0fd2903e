"""Departure floors said by a reason, not by a flight word: "I'm working Thursday morning so an
afternoon flight please", "we both have to work Thursday morning so it has to be after 12",
"nothing at the crack of dawn, I'm not doing a 6am again, after 7 is fine", "back on the Thursday
once my 11 o'clock has finished".

A part of the day the traveller is busy in (working, a class, a stand-up, a meeting) is a time the
flight cannot leave in: a busy morning means leaving from noon, or from the clock time the words give
("so it has to be after 12"). The reason makes it a requirement, not a wish. An early start refused
("not at the crack of dawn", "no 6am flights") and then a later hour allowed ("after 7 is fine") sets
that hour as the earliest departure, in the morning. A commitment named by its hour that must be
over first ("once my 11 o'clock has finished") is the earliest departure of that day's flight. A careful travel agent reads both as limits.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._time_reader import time_limits

_WD = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
#: The traveller busy in a part of the day: "I'm working Thursday morning", "I have a standup fri
#: morning", "we both have to work Thursday morning", "I've got class in the morning".
_BUSY = re.compile(
    r"\b(?:work(?:ing|s)?|at work|in the office|class(?:es)?|lectures?|stand-?up|meetings?|shift|school|"
    r"appointments?|exams?|a call|calls)\b"
    rf"[^.;!?]{{0,25}}?\b(?:on\s+)?(?:(?P<wd>{_WD})\s+)?(?:in the\s+)?(?P<p>morning|afternoon)s?\b",
    re.I,
)
#: What the reason leads to: "so ...", "which means ...", ", so", "- so".
_SO = re.compile(r"\b(?:so|which means|meaning|therefore|hence)\b", re.I)
_AFTER = re.compile(
    r"\bafter\s+(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>[ap]\.?m\.?)?(?!\d)|\bafter\s+noon\b", re.I
)
_LATER_PART = re.compile(r"\b(?P<p>afternoon|evening|later (?:in the day|flight))\b", re.I)
#: An early start refused: "nothing at the crack of dawn", "not doing a 6am again", "no early flights".
_EARLY_REFUSED = re.compile(
    r"\b(?:not|no|nothing|never|don't|won't|can't)\b[^.;!?]{0,25}?\b(?:crack of dawn|dawn|sunrise|early|[4-6]\s*am|[4-6]\s*a\.m\.)",
    re.I,
)
_ALLOWED = re.compile(
    r"\bafter\s+(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>[ap]\.?m\.?)?\s+(?:is|would be|'s)\s+(?:fine|ok|okay|good|great|alright)\b",
    re.I,
)


#: A commitment at a clock time that must end first: "once my 11 o'clock has finished", "after my 2pm is done".
_DONE = re.compile(
    r"\b(?:once|after|when)\s+(?:my|our|the)\s+(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?:o'?clock\s*)?(?P<ap>[ap]\.?m\.?)?"
    r"(?:\s+[a-z]+)?\s+(?:has\s+|is\s+|'s\s+)?(?:finished|done|over|ended|wrapped up)\b",
    re.I,
)


def _hour(m: re.Match[str], *, pm_small: bool) -> dt.time | None:
    if not m.groupdict().get("h"):
        return dt.time(12)  # "after noon"
    h, mins = int(m.group("h")), int(m.group("m") or 0)
    ap = (m.group("ap") or "").lower().replace(".", "")
    if h > 23 or mins > 59:
        return None
    if ap == "pm" and h < 12 or not ap and pm_small and 1 <= h <= 7:
        h += 12
    return dt.time(h, mins)


def busy_bounds(sentence: str) -> list[tuple[str, dt.time, str | None]]:
    """(limit kind, time, the weekday named or None) for each departure floor a reason sets."""
    out: list[tuple[str, dt.time, str | None]] = []
    busy = _BUSY.search(sentence)
    so = _SO.search(sentence, busy.end()) if busy else None
    if busy and so and busy.group("p").lower() == "morning":
        rest = sentence[so.end() :]
        if time_limits(rest):
            return []  # "so we can't be landing after 11pm": the words give the bound themselves
        after = _AFTER.search(rest)
        when = _hour(after, pm_small=True) if after else dt.time(12) if _LATER_PART.search(rest) else None
        if when is not None:
            out.append(("depart_after", when, (busy.group("wd") or "")[:3].lower() or None))
    done = _DONE.search(sentence)
    if done and not out and (when := _hour(done, pm_small=True)) is not None:
        days = re.findall(rf"\b({_WD})\b", sentence[: done.start()], re.I)
        out.append(("depart_after", when, days[-1][:3].lower() if days else None))
    refused = _EARLY_REFUSED.search(sentence)
    allowed = _ALLOWED.search(sentence, refused.end()) if refused else None
    if allowed and not out:
        when = _hour(allowed, pm_small=False)
        if when is not None:
            out.append(("depart_after", when, None))
    return out


def busy_part(piece: str) -> bool:
    """Whether a part of the day in ``piece`` is when the traveller is busy ("I have to work Thursday
    morning"), so it is no window for the flight."""
    return bool(_BUSY.search(piece))
