"""Nights named by their weekdays: "a hotel for Friday, Saturday and Sunday nights", "Wednesday and
Thursday nights", "the Thursday and Friday night".

Weekdays listed before the word "night(s)" name the nights of a stay, whatever else the request
asks for (a flight, or only the hotel): the stay checks in on the first of them and out the morning
after the last, as a travel agent reads "a room Friday and Saturday nights". The nights are
consecutive days of one week; when the request dates one of them ("the graduation is on Thursday
the 27th"), the list is placed around that date, not after it, since the nights are the ones around
the dated day.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._mention import Mention
from agents.intent._shape import Roles

_WD = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
#: Two or more weekdays joined by commas, "and" or "&", then "night(s)".
_LIST = re.compile(
    rf"\b(?:the\s+)?(?P<list>{_DAY}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?{_DAY})+)\s+nights?\b",
    re.I,
)


def _weekday(word: str) -> int:
    return next(i for i, w in enumerate(_WD) if word.lower().startswith(w[:3]))


def weekday_nights(text: str, mentions: list[Mention], roles: Roles) -> bool:
    """Set the stay's check-in and check-out from weekdays listed as nights; True when it did."""
    m = _LIST.search(text)
    if m is None:
        return False
    wds = [_weekday(x) for x in re.findall(_DAY, m.group("list"), re.I)]
    if any((b - a) % 7 != 1 for a, b in zip(wds, wds[1:], strict=False)):
        return False  # not consecutive nights ("Monday and Thursday nights"): leave it to the other rules
    inside = [x for x in mentions if m.start() <= x.start < m.end() and x.days]
    dated = [
        x for x in mentions if not (m.start() <= x.start < m.end()) and len(x.days) == 1 and not x.window
    ]
    dated = [x for x in dated if x.kind not in ("wd_rel",) and not x.ambiguous]
    first: dt.date | None = None
    for x in dated:  # a dated day whose weekday is one of the nights places the list around it
        if (wd := x.days[0].weekday()) in wds:
            first = x.days[0] - dt.timedelta(days=wds.index(wd))
            break
    if first is None and inside:
        first = min(inside, key=lambda x: x.start).days[0]
        if first.weekday() != wds[0]:
            return False
    if first is None:
        return False
    listed = {d for x in inside for d in x.days}
    if roles.back is not None and roles.back in listed:  # a night is no way back: home at the check-out
        roles.back, roles.back_source = first + dt.timedelta(days=len(wds)), "inferred"
    kept = [t for t in roles.travel if t[0] not in listed or t[0] == first]
    roles.travel = kept or roles.travel[:1]
    roles.check_in = first
    roles.check_out = first + dt.timedelta(days=len(wds))
    roles.check_in_source = "stated"  # the words name the first night's weekday
    roles.check_out_source = "inferred"
    return True
