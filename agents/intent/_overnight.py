"""An overnight flight out ("the red-eye on Tuesday", "the overnight to London"): it lands the day after
it leaves, so the hotel's first night is the landing day and nights counted from "then three nights"
run from there. Refused ones ("no red-eyes") and the way home ("the red-eye back") are not the way out.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._day_roles import LAND
from agents.intent._mention import Mention
from agents.intent._model import LegIntent, TripIntent

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


#: Words just before a day that make it the day the traveller must be there: "I need to be in Boston
#: the morning of April 5", "landing the morning of the 5th", "so I arrive on Monday the 5th".
_THERE = re.compile(r"(?:\b(?:be|i'm|we're|am|are)\s+(?:in|at)\b|" + LAND.pattern + r")[^.;!?]{0,40}$", re.I)


def red_eye_day(intent: TripIntent, overnight: bool, text: str, mentions: list[Mention]) -> None:
    """An overnight flight out said by the day it lands ("a red-eye landing the morning of the 5th",
    "I need to be in Boston the morning of April 5, overnight flight please") leaves the day before."""
    first = intent.legs[0] if intent.legs else None
    if not overnight or first is None:
        return
    if first.date is None and first.arrive_on is not None:
        first.date = first.arrive_on - dt.timedelta(days=1)
        intent.sources["legs.0.date"] = "inferred"
        return
    said = next((m for m in mentions if first.date is not None and m.days[:1] == [first.date]), None)
    if first.arrive_on is not None or first.date is None or said is None:
        return
    before = text[max(0, said.start - 60) : said.start]
    if not _THERE.search(before) or _BACK.search(before):
        return
    lands = first.date
    first.date, first.arrive_on = lands - dt.timedelta(days=1), lands
    intent.sources["legs.0.date"] = "inferred"
    if first.depart_before is not None and first.depart_before <= dt.time(12):
        # "the morning of April 5" was the landing day's part: land by its end, no red-eye leaves then
        first.arrive_before = first.arrive_before or first.depart_before
        first.depart_after = first.depart_before = None
    for stay in intent.stays[:1]:
        if stay.check_in == lands + dt.timedelta(days=1):  # counted from the day read as the flight's
            stay.check_in = lands
