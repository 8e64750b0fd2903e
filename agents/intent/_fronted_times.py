"""Time limits said in the orders people put first what matters most.

- A day between the refusal and its bound: "nothing on Friday Feb 5 before 4pm", "no flights on the
  Sunday after 7pm" (a departure floor or ceiling on that day's flight).

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
    """Time limits said with a day between a refusal and its bound (a span of clock times, "departure
    window: 10am to 2pm", is the library's: ``_time_reader``)."""
    out: list[tuple[str, dt.time]] = []
    for m in _DAY_BETWEEN.finditer(clause):
        if (when := _clock(m)) is not None:
            floor = m.group("w").lower() in ("before", "earlier than")
            out.append(("depart_after" if floor else "depart_before", when))
    return out
