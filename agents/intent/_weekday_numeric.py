"""A weekday written before a numeric date ("Wed 5/19", "Thursday, 6/3") labels that date: one day,
not two.

``scan`` reads the weekday alone as the next such weekday and the numeric date on its own; left so,
the weekday wins the leg and the trip lands on the wrong week. When only spaces, a comma or a period
stand between them, the pair is one mention, the numeric date's, and it is ambiguous (the agent asks)
when the weekday is not that date's.
"""

from __future__ import annotations

import re

from agents.intent._mention import Mention

__all__ = ["label_numeric"]

_BETWEEN = re.compile(r"[\s.,]*(?:the\s+)?")


def label_numeric(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` (in order) with each weekday that labels the numeric date after it folded into it."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "wd_rel"
            and m.kind == "numeric"
            and len(prev.days) == 1
            and m.days
            and _BETWEEN.fullmatch(text[prev.end : m.start])
        ):
            same = prev.days[0].weekday() == m.days[0].weekday()
            out[-1] = Mention(prev.start, m.end, m.kind, m.days, ambiguous=m.ambiguous or not same)
            continue
        out.append(m)
    return out
