"""Time limits said in the orders people put first what matters most.

- A day between the refusal and its bound: "nothing on Friday Feb 5 before 4pm", "no flights on the
  Sunday after 7pm" (a departure floor or ceiling on that day's flight).
- A span of clock times ("departure window: 10am to 2pm").

Parts of the day said as requirements ("it has to be a morning flight") are ``_day_parts``'; a
deadline said before the words it bounds ("By Friday 5 Feb at 3pm I need to be back home"), "wheels
down by 1pm" and "get me to Toronto by Thursday at noon" are the deadline grammar's (``_deadlines``).
"""

from __future__ import annotations

import datetime as dt
import re

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|thurs|fri|sat(?:ur)?|sun)(?:day)?"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: A day said in passing: "Friday", "the Friday", "Friday 5 Feb", "Feb 5", "the 5th", "tomorrow".
DAY = (
    rf"(?:the\s+)?(?:{_WEEKDAY}(?:,?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?{_MONTH})?"
    rf"|,?\s+{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?{_MONTH})|\d{{1,2}}(?:st|nd|rd|th)|tomorrow|today|tonight)"
)
_TIME = r"(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)|(?P<word>noon|midnight)"
_DAY_BETWEEN = re.compile(
    rf"\b(?:nothing|no flights?|no departures?)\s+(?:on\s+|for\s+)?{DAY}\s+"
    rf"(?P<w>before|earlier than|after|later than)\s+(?:{_TIME})",
    re.I,
)


def _clock(m: re.Match[str]) -> dt.time | None:
    if m.group("word"):
        return dt.time(12) if m.group("word").lower() == "noon" else dt.time(23, 59)
    h, mins = int(m.group("h")), int(m.group("m") or 0)
    ap = m.group("ap").lower().replace(".", "")
    if h > 12 or mins > 59:
        return None
    h = (h % 12) + (12 if ap == "pm" else 0)
    return dt.time(h, mins)


def fronted_limits(clause: str) -> list[tuple[str, dt.time]]:
    """Time limits said with the deadline first, or with a day between a refusal and its bound."""
    out: list[tuple[str, dt.time]] = []
    for m in _DAY_BETWEEN.finditer(clause):
        if (when := _clock(m)) is not None:
            floor = m.group("w").lower() in ("before", "earlier than")
            out.append(("depart_after" if floor else "depart_before", when))
    return out or span_limits(clause)


_SPAN = re.compile(
    r"\b(?:(?P<arr>arriv\w*|land\w*)|depart\w*|leav\w*|take-?off)(?:\s+(?:window|times?|slot))?\s*:?\s*"
    r"(?:from\s+|between\s+)?(?P<a>\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)?|noon)\s*(?:to|-|\u2013|until|till)\s*"
    r"(?P<b>\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|noon|midnight)",
    re.I,
)
_ONE = re.compile(_TIME, re.I)


def span_limits(clause: str) -> list[tuple[str, dt.time]]:
    """A departure or landing window written as a span of clock times ("departure window: 10am to
    2pm", "leaving 9-11am"): both bounds; the second's am/pm holds for the first when it has none."""
    m = _SPAN.search(clause)
    if not m:
        return []
    b = _ONE.fullmatch(m.group("b").strip())
    a_text = m.group("a").strip()
    a = _ONE.fullmatch(a_text)
    if a is None and b is not None and b.group("ap"):
        a = _ONE.fullmatch(a_text + b.group("ap"))
        if (
            a is not None
            and b.group("h")
            and int(a.group("h")) > int(b.group("h"))
            and int(a.group("h")) < 12
        ):
            a = _ONE.fullmatch(a_text + "am")  # "11-2pm": 11 in the morning
    start, end = (_clock(a) if a else None), (_clock(b) if b else None)
    if start is None or end is None or start >= end:
        return []
    side = "arrive" if m.group("arr") else "depart"
    return [(f"{side}_after", start), (f"{side}_before", end)]
