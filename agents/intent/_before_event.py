"""A weekday said with "the" on the way to a dated event is the one before it: "a 10am meeting on
Monday March 22nd, flying overnight from Boston on the Sunday" is Sunday 21, not the 28th. A
journey to an event does not leave after it; a weekday said of staying on or coming home still
counts forward ("conference Monday the 22nd, home the Friday": the 26th).
"""

from __future__ import annotations

import datetime as dt
import re

#: What a dated day can be for: the traveller has to be there on it.
_EVENT = re.compile(
    r"\b(?:meeting|conference|summit|interview|wedding|kick-?off|workshop|presentation|appointment|"
    r"event|offsite|ceremony|show|game|concert|dinner|be in|be there|need to be|have to be|must be)\b",
    re.I,
)
#: The words of the way there, and of the way back or of staying on.
_OUT = re.compile(
    r"\b(?:overnight|red-?eye|fly(?:ing)?|head(?:ing)?|leav(?:e|ing)|depart(?:ing)?|travel(?:l?ing)?|go(?:ing)? out)\b",
    re.I,
)
_BACK = re.compile(r"\b(?:home|back|return\w*|stay\w*|till|until|after)\b", re.I)


def weekday_before_event(
    text: str, anchor_start: int, start: int, end: int, anchor: dt.date, wd: int
) -> dt.date | None:
    """The ``wd`` weekday before ``anchor`` when the day said at ``start:end`` is the way to an event
    on ``anchor`` (said at ``anchor_start``); None when the words do not say so."""
    if not _EVENT.search(text[max(0, anchor_start - 45) : anchor_start]):
        return None
    left = max(text.rfind(c, 0, start) for c in ".;!?\n")
    rights = [i for i in (text.find(c, end) for c in ".;!?\n") if i >= 0]
    clause = text[left + 1 : min(rights, default=len(text))]
    if not _OUT.search(clause) or _BACK.search(clause):
        return None
    return anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7 or 7)
