"""Which flight a day is for when the words say it around the day, not only before it.

People often open with the limit that matters most and name the later day first: "By Friday 5 Feb at
3pm I need to be back home" (the day of the way back, its cue said after it), "nothing on Friday
before 4pm ... out Wednesday, back the Friday" (a day said again as the way back). A careful travel
agent reads the flights of one trip in the order they fly: the way out before the way back. A day the
way out must land on is that flight's landing day, not another flight: "overnight on Tuesday, it has
to get me in on the Wednesday morning".
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._mention import Mention
from agents.intent._model import Source

_BACK = re.compile(r"\b(?:back|home|return\w*|inbound)\b", re.I)
_OUT = re.compile(
    r"\b(?:out|outbound|leav\w+|depart\w*|go|going|head\w*|fly(?:ing)? (?:to|up|down|out))\b", re.I
)
_SENTENCE_END = re.compile(r"[.!?;\n]")
_NEXT_STEP = re.compile(r"\b(?:then|and|after that|afterwards)\b", re.I)
#: Words before a day that make it the day a flight lands ("it has to get me in on the Wednesday").
LAND = re.compile(
    r"\b(?:land\w*|arriv\w*|gets? (?:me |us )?(?:in|there)|getting (?:me |us )?in|touch(?:es|ing)? down)\b",
    re.I,
)


def back_said_after(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """The rest of the day's sentence, with no other day in it, is about the way back and not the way
    out, and the request names an earlier day for the way out: "By Friday 5 Feb at 3pm I need to be
    back home in Chicago. I go up to Toronto on Wednesday 3 Feb"."""
    end = _SENTENCE_END.search(text, m.end)
    stop = end.start() if end else len(text)
    if any(m.end <= o.start < stop for o in mentions if o is not m):
        return False  # "Tuesday, returning Friday": the later day is the way back
    if not any(o.days and m.days and o.days[0] < m.days[0] for o in mentions if o is not m):
        return False  # a way back comes after a way out: "Denver on March 3, my wife drives me home"
    rest = _NEXT_STEP.split(text[m.end : stop])[0]  # "October 1, then home": home is a later step
    return bool(_BACK.search(rest)) and not _OUT.search(rest)


def landing_day(before: str, day: dt.date, travel: list[tuple[dt.date, Source]]) -> bool:
    """A day said with a landing word, a day or two after the only flight day so far and not about the
    way back: the day that flight lands (an overnight flight's next morning)."""
    if len(travel) != 1 or not LAND.search(before) or _BACK.search(before):
        return False
    return 1 <= (day - travel[0][0]).days <= 2


def ways_out(travel: list[tuple[dt.date, Source]], back: dt.date | None) -> list[tuple[dt.date, Source]]:
    """The days of the ways out: a day said again as the way back ("nothing on Friday before 4 ... out
    Wednesday, back the Friday") is not also a way out."""
    if back is not None and len(travel) > 1:
        return [t for t in travel if t[0] != back] or travel
    return travel


def timed_return(text: str) -> bool:
    """A clock time to be back by ("have to be back in Chicago by 2pm on Sunday"): a flight home to
    book, even where the rest of the request asks only for a hotel."""
    from agents.intent._time_reader import time_limits  # the time words live with the other words

    return any(
        _BACK.search(s) and any(kind == "arrive_before" for kind, _ in time_limits(s))
        for s in _SENTENCE_END.split(text)
    )


_COUNTED = re.compile(
    r"\b(?:the\s+)?(?P<n>day|night|morning|evening|two days|2 days|three days|3 days)\s+(?P<w>before|after)\s+"
    r"(?:my|the|our|his|her|their)?\s*$",
    re.I,
)
_COUNT = {
    "day": 1,
    "night": 1,
    "morning": 1,
    "evening": 1,
    "two days": 2,
    "2 days": 2,
    "three days": 3,
    "3 days": 3,
}


def counted_from_day(mentions: list[Mention], text: str) -> list[Mention]:
    """A day counted from a day the words name with the event it is for: "the day before my Friday 5
    Feb meeting" is Thursday 4 February, "two days after the 12th" the 14th."""
    for m in mentions:
        c = _COUNTED.search(text[max(0, m.start - 30) : m.start])
        if c is None or len(m.days) != 1 or m.kind in ("calendar", "calendar_event", "rel_prev"):
            continue
        step = _COUNT[c.group("n").lower()] * (-1 if c.group("w").lower() == "before" else 1)
        m.days = [m.days[0] + dt.timedelta(days=step)]
        m.inferred = True
    return mentions
