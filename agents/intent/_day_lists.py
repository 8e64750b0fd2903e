"""Days listed with their month said once: "the 8th, 9th and 10th of April", "April 5, 6 and 7".

People list the days of one month and name the month once, after the last day or before the first:
the month holds for every day of the list (not "the 8th" of this month and "9th and 10th of April"
as a range). Each listed day becomes its own one-day ``Mention`` at its own place in the text, so the
readers that follow see a list of days ("nights of ... 5, 6 and 7" checks out the morning after the
last, ``_listed_nights``). A list needs three days or more joined by commas and a final "and" or
"&", rising within the month; two days ("the 8th and 9th of April") are a range the date patterns
read already.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._date_patterns import _MON
from agents.intent._mention import Mention, month_day, month_of

_D = r"(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?"
_LIST = rf"{_D}(?:\s*,\s*{_D})+\s*,?\s*(?:and|&)\s+{_D}"
_MONTH_LAST = re.compile(rf"\b(?P<list>{_LIST})\s+(?:of\s+)?{_MON.format(n='mon')}\b", re.I)
# not a time, a count or a year after the last number: "April 5, 6 and 7 nights", "... and 7pm"
_MONTH_FIRST = re.compile(
    rf"\b{_MON.format(n='mon')}\s+(?P<list>{_LIST})\b(?!\s*(?:am|pm|[ap]\.m|:\d|nights?|days?|people|rooms?|guests?))",
    re.I,
)
_NUM = re.compile(r"(?P<n>[0-3]?\d)(?:st|nd|rd|th)?")


def listed_days(text: str, today: dt.date) -> list[Mention]:
    """One ``Mention`` per day of every list of days whose month is said once."""
    out: list[Mention] = []
    for rx in (_MONTH_LAST, _MONTH_FIRST):
        for m in rx.finditer(text):
            if any(m.start() < o.end and o.start < m.end() for o in out):
                continue
            month = month_of(m.group("mon"))
            nums = list(_NUM.finditer(m.group("list")))
            values = [int(n.group("n")) for n in nums]
            if month is None or any(b <= a for a, b in zip(values, values[1:], strict=False)):
                continue
            first = month_day(month, values[0], today)
            if first is None:
                continue
            try:
                days = [dt.date(first.year, month, v) for v in values]
            except ValueError:
                continue
            base = m.start("list")
            for i, (n, day) in enumerate(zip(nums, days, strict=True)):
                start = base + n.start()
                end = m.end() if i == len(nums) - 1 and rx is _MONTH_LAST else base + n.end()
                if i == 0 and rx is _MONTH_FIRST:
                    start = m.start()
                out.append(Mention(start, end, "listed", [day]))
    return sorted(out, key=lambda x: x.start)
