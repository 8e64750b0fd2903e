"""An overnight flight out ("the red-eye on Tuesday", "the overnight to London"): it lands the day after
it leaves, so the hotel's first night is the landing day and nights counted from "then three nights"
run from there. Refused ones ("no red-eyes") and the way home ("the red-eye back") are not the way out.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._model import LegIntent

_OVERNIGHT = re.compile(
    r"\b(?:red[\s-]?eyes?|overnight\s+(?:flight|one)s?|the overnight|fly(?:ing)? overnight)\b"
    r"(?!\s+(?:home|back|boat|train|bus|ferry|trip|stay|sleeper)\b)",
    re.I,
)
_REFUSED = re.compile(r"\b(?:no|not|avoid|never|hate|without|don't|won't|rather not)\b[^.;]{0,20}$", re.I)
_BACK = re.compile(r"\b(?:back|home|return\w*|way back)\b[^.;,]{0,25}$", re.I)


def overnight_out(text: str) -> bool:
    """The way out is an overnight flight the traveller asks for."""
    for m in _OVERNIGHT.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _REFUSED.search(before) or _BACK.search(before):
            continue
        return True
    return False


def landing_day(legs: list[LegIntent], overnight: bool) -> None:
    """An overnight flight out with a landing deadline ("flying overnight on the Sunday and landing
    by 8am") lands by then on the next morning: the deadline's day is the day after it leaves."""
    first = legs[0] if legs else None
    if overnight and first and first.date and first.arrive_before and first.arrive_on is None:
        first.arrive_on = first.date + dt.timedelta(days=1)
