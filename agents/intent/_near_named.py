"""Weekday + day pairs and bare weekdays placed beside the dated day they are said with.

"Friday the 12th" alone is the first coming month whose 12th is a Friday (``_dates``). Said beside a
day with its month, it is the pair nearest that day: "the board meets on Tuesday 16 March, so I leave
Sunday the 14th" is 14 March, not 14 February (also a Sunday), and "either Thursday 2 or Friday 3
September" is 2 September, however many months away the first Thursday the 2nd lies. A weekday
offered as the other day of a choice ("Friday or Saturday the 4th", "Sunday or Monday the 6th of
Sept") is the one next to the dated day, not the coming one.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._mention import Mention

#: Kinds whose words name a month (or a year): the days a pair is placed beside.
_WITH_MONTH = ("iso", "mon_day", "day_mon", "mon_range", "range_mon", "ordinal", "holiday")
#: How far from the dated day a pair said beside it may lie (a trip of a few weeks).
_REACH = 45
#: Between the two days of a choice: "Friday or Saturday the 4th", "Sun., or Mon. the 6th".
_OR = re.compile(r"\.?\s*,?\s*or\s+(?:on\s+)?(?:the\s+)?", re.I)


def _pair_days(day: int, weekday: int, around: dt.date) -> list[dt.date]:
    """The days ``day`` of a month that fall on ``weekday``, within ``_REACH`` days of ``around``."""
    out = []
    first = (around - dt.timedelta(days=_REACH)).replace(day=1)
    for k in range(5):
        y, m = first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1
        try:
            d = dt.date(y, m, day)
        except ValueError:
            continue
        if d.weekday() == weekday and abs((d - around).days) <= _REACH:
            out.append(d)
    return out


def _anchor(mentions: list[Mention], i: int) -> dt.date | None:
    """The dated day a pair at ``i`` is said beside: the last one said before it, else the next one."""
    before = [m for m in mentions[:i] if m.kind in _WITH_MONTH and m.days and not m.ambiguous]
    after = [m for m in mentions[i + 1 :] if m.kind in _WITH_MONTH and m.days and not m.ambiguous]
    if before:
        return before[-1].days[-1] if not before[-1].window else before[-1].days[0]
    return after[0].days[0] if after else None


def near_named(mentions: list[Mention], today: dt.date) -> list[Mention]:
    """Each weekday + day pair ("Monday the 15th", "Thursday 2") moved to the month nearest the dated
    day it is said beside, when such a month holds the pair (module docstring)."""
    for i, m in enumerate(mentions):
        if m.kind != "wd_day" or len(m.days) != 1:
            continue
        around = _anchor(mentions, i)
        if around is None:
            continue
        near = [d for d in _pair_days(m.days[0].day, m.days[0].weekday(), around) if d >= today]
        if near:
            m.days = [min(near, key=lambda d: (abs((d - around).days), d))]
            m.ambiguous = False
    return mentions


def weekday_beside(prev: Mention, m: Mention, text: str) -> Mention:
    """ "Friday or Saturday the 4th": the bare weekday ``prev`` offered with the dated day ``m`` is the
    one next before it (within the week); ``prev`` unchanged when the words are no such choice."""
    if (
        prev.kind == "wd_rel"
        and prev.anchored == "weekday"
        and len(prev.days) == 1
        and len(m.days) == 1
        and not m.ambiguous
        and (m.kind in _WITH_MONTH or m.kind == "wd_day")
        and _OR.fullmatch(text[prev.end : m.start])
    ):
        gap = (m.days[0].weekday() - prev.days[0].weekday()) % 7 or 7
        prev.days = [m.days[0] - dt.timedelta(days=gap)]
        prev.anchored = None
    return prev
