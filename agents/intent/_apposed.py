"""A weekday said beside a date to name it again: "the 8th of June, a Tuesday", "the 19th (a
Saturday)", "June 4, which is a Friday". It is the same day, not another day of the trip; when the
weekday is not the date's, the date is in doubt ("Saturday, June 4" where June 4 is a Friday is
``ambiguous`` in ``_dates`` already; "June 4 (a Saturday)" is the same doubt said the other way
round), and the agent asks.
"""

from __future__ import annotations

import re

from agents.intent._mention import Mention

#: Between a date and the weekday that names it again.
_APPOSED = re.compile(r"\s*(?:,|\(|-|–)\s*(?:which\s+is\s+|that's\s+|it's\s+|it\s+is\s+)?an?\s+$", re.I)


def apposed_weekdays(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` without the weekdays that only name a date said right before them again."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and m.kind == "wd_rel"
            and m.anchored == "weekday"
            and len(prev.days) == 1
            and _APPOSED.fullmatch(text[prev.end : m.start] + " ")
        ):
            if m.days[0].weekday() != prev.days[0].weekday():
                prev.ambiguous = True  # "June 4 (a Saturday)" where June 4 is a Friday: ask
            continue
        out.append(m)
    return out
