"""Nights counted from the end of a calendar event: "that leaves me one night after the summit
finishes", "two nights once the conference wraps up", "an extra night after it ends". The stay
starts the day the event ends and lasts the nights said, whatever days the flights are (the event's
own nights may be housed by someone else: "the organisers are putting me up for the conference
nights"). The event is the calendar entry the words name (``_calendar``); the days are ``inferred``.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._model import ReadContext
from agents.intent._shape import Roles

_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_NIGHT_AFTER = re.compile(
    r"\b(?P<n>an?|one|two|three|four|\d)\s+(?:extra\s+|more\s+)?nights?\s+(?:after|once)\s+"
    r"(?P<what>it|(?:the|my|our)\s+[\w' -]{2,40}?)\s+(?:finishes|ends|wraps(?:\s+up)?|closes|is\s+over)\b",
    re.I,
)


def nights_after_event(text: str, ctx: ReadContext, roles: Roles) -> None:
    """Set the stay's check-in and check-out in ``roles`` from nights counted after an event's end."""
    from agents.intent._calendar import _event  # the entry the words name, as the calendar rules find it

    m = _NIGHT_AFTER.search(text)
    if m is None or not ctx.calendar or roles.check_in is not None:
        return
    ev = _event(m.group("what"), ctx, text)
    if ev is None:
        return
    n = m.group("n").lower()
    nights = int(n) if n.isdigit() else _COUNT[n]
    roles.check_in, roles.check_in_source = ev.end.date(), "inferred"
    roles.check_out = ev.end.date() + dt.timedelta(days=nights)
    roles.check_out_source = "inferred"
