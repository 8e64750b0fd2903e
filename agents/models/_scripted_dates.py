"""Dates, durations and clock times in plain English, resolved against "now" from the system prompt.

``scan_dates(text)`` finds every date expression with its position; ``DateMention.resolve(today,
anchor)`` turns it into dates. Absolute forms: ``2027-01-20``, ``20 January 2027``, ``Wednesday 20
January``, ``Jan 20``, ``January 20th, 2027``, ranges ``3 to 5 February`` / ``Feb 3-5``. Relative
forms: ``today``, ``tomorrow``, ``the day after tomorrow``, ``in 3 days``, ``in two weeks``, ``this
weekend`` / ``next weekend`` (Friday to Sunday), ``Friday`` / ``on Friday`` / ``this Friday`` (the
first Friday after the anchor), ``next Friday`` (Friday of next week: a week after ``this Friday``
when that falls in the current Monday-Sunday week). A date without a year is the next such date on
or after today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from agents.models._scripted_lexicon import MONTH_RE, MONTHS, NUMBER_WORDS, WEEKDAYS, number

_ORD = r"(?:st|nd|rd|th)?"
_FULL_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|weds|thurs"
_WD = r"(?:(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_SEP = r"\s*(?:-|–|to|until|till|through|and)\s*"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("range_dm", re.compile(rf"\b(\d{{1,2}}){_ORD}{_SEP}(\d{{1,2}}){_ORD}\s+(?:of\s+)?({MONTH_RE})\b\.?{_YEAR}", re.I)),
    ("range_md", re.compile(rf"\b({MONTH_RE})\.?\s+(\d{{1,2}}){_ORD}{_SEP}(\d{{1,2}}){_ORD}\b{_YEAR}", re.I)),
    ("dm", re.compile(rf"\b{_WD}(?:the\s+)?(\d{{1,2}}){_ORD}\s+(?:of\s+)?({MONTH_RE})\b\.?{_YEAR}", re.I)),
    ("md", re.compile(rf"\b{_WD}({MONTH_RE})\.?\s+(?:the\s+)?(\d{{1,2}}){_ORD}\b{_YEAR}", re.I)),
    ("after_tomorrow", re.compile(r"\bthe day after tomorrow\b", re.I)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight)\b", re.I)),
    ("in_days", re.compile(rf"\bin\s+(\d+|{NUMBER_WORDS}|a)\s+(days?|weeks?)\b", re.I)),
    ("weekend", re.compile(r"\b(this|next|coming|this coming)\s+weekend\b", re.I)),
    ("wd_day", re.compile(rf"\b(?:{_FULL_DAYS}),?\s+the\s+(\d{{1,2}})(?:st|nd|rd|th)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(this|next|coming)\s+)?({_FULL_DAYS})\b", re.I)),
    ("day_only", re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b", re.I)),
]  # fmt: skip


@dataclass(frozen=True)
class DateMention:
    """One date expression in a text. ``resolve`` gives its dates (two for a range or a weekend)."""

    start: int
    end: int
    kind: str
    groups: tuple[str | None, ...]

    @property
    def relative(self) -> bool:
        """Whether the mention depends on an anchor date (a bare weekday, "the 9th")."""
        return (self.kind == "weekday" and self.groups[0] is None) or self.kind in ("day_only", "wd_day")

    @property
    def weekday(self) -> int | None:
        """The weekday a bare weekday mention names (Monday = 0)."""
        return WEEKDAYS[(self.groups[1] or "").lower()] if self.kind == "weekday" else None

    def resolve(self, today: dt.date, anchor: dt.date | None = None) -> list[dt.date]:
        g = self.groups
        try:
            return _resolve(self.kind, g, today, anchor or today)
        except (ValueError, OverflowError):
            return []


def _future(today: dt.date, month: int, day: int, year: str | None) -> dt.date:
    if year:
        return dt.date(int(year), month, day)
    d = dt.date(today.year, month, day)
    return d if d >= today else dt.date(today.year + 1, month, day)


def _resolve(kind: str, g: tuple[str | None, ...], today: dt.date, anchor: dt.date) -> list[dt.date]:
    if kind == "iso":
        return [dt.date(int(g[0] or 0), int(g[1] or 0), int(g[2] or 0))]
    if kind == "range_dm":
        m = MONTHS[(g[2] or "").lower()]
        return [_future(today, m, int(g[0] or 0), g[3]), _future(today, m, int(g[1] or 0), g[3])]
    if kind == "range_md":
        m = MONTHS[(g[0] or "").lower()]
        return [_future(today, m, int(g[1] or 0), g[3]), _future(today, m, int(g[2] or 0), g[3])]
    if kind == "dm":
        return [_future(today, MONTHS[(g[1] or "").lower()], int(g[0] or 0), g[2])]
    if kind == "md":
        return [_future(today, MONTHS[(g[0] or "").lower()], int(g[1] or 0), g[2])]
    if kind == "after_tomorrow":
        return [today + dt.timedelta(days=2)]
    if kind == "tomorrow":
        return [today + dt.timedelta(days=1)]
    if kind == "today":
        return [today]
    if kind == "in_days":
        n = number(g[0] or "") or 1
        return [today + dt.timedelta(days=n * (7 if (g[1] or "").lower().startswith("week") else 1))]
    if kind == "weekend":
        friday = next_weekday(today, 4, (g[0] or "").lower().split()[0], strict=False)
        return [friday, friday + dt.timedelta(days=2)]
    if kind == "weekday":
        wd = WEEKDAYS[(g[1] or "").lower()]
        which = (g[0] or "").lower()
        return [next_weekday(today if which else anchor, wd, which, strict=True)]
    if kind in ("day_only", "wd_day"):
        d = dt.date(anchor.year, anchor.month, int(g[0] or 0))
        return [d if d >= anchor else _add_month(d)]
    raise AssertionError(kind)


def _add_month(d: dt.date) -> dt.date:
    return dt.date(d.year + d.month // 12, d.month % 12 + 1, d.day)


def next_weekday(start: dt.date, weekday: int, which: str = "", *, strict: bool = True) -> dt.date:
    """The first ``weekday`` after ``start`` (on or after, unless ``strict``); ``which="next"`` moves
    it to next week's when it falls in ``start``'s own Monday-Sunday week."""
    ahead = (weekday - start.weekday()) % 7
    if ahead == 0 and strict:
        ahead = 7
    d = start + dt.timedelta(days=ahead)
    if which == "next" and d.isocalendar()[:2] == start.isocalendar()[:2]:
        d += dt.timedelta(days=7)
    return d


def scan_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text``, in order, without overlaps (longer forms win)."""
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "md" and m.group(1) == "may":  # "may" the verb, not May the month
                continue
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            found.append(DateMention(m.start(), m.end(), kind, m.groups()))
    return sorted(found, key=lambda f: f.start)


_NIGHTS = re.compile(
    rf"\b(\d+|{NUMBER_WORDS}|a|an)[\s-]+(nights?|weeks?|days?)\b(?:\s+(?:stay|trip))?",
    re.I,
)


def scan_durations(text: str) -> list[tuple[int, int, int, str]]:
    """Stay lengths: ``for three nights`` -> nights; ``a week`` -> 7 nights; ``5 days`` -> 5 days.
    Returns (start, end, count, unit) with unit ``nights`` or ``days``."""
    out = []
    for m in _NIGHTS.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()].lower()
        if before.endswith("in "):  # "in 3 days" is a date, not a length
            continue
        n = number(m.group(1)) or 1
        unit = m.group(2).lower()
        if m.group(1).lower() in ("a", "an") and re.search(r"(\$[\d,.]+|\bper)\s*$", text[: m.start()]):
            continue  # "$200 a night" is a price, not a length
        if unit.startswith("week"):
            out.append((m.start(), m.end(), 7 * n, "nights"))
        else:
            out.append((m.start(), m.end(), n, "nights" if unit.startswith("night") else "days"))
    return out


_CLOCK = re.compile(
    r"\b(1[0-2]|0?[1-9])(?:[:.](\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?|in the morning|in the afternoon|in the evening|at night)"
    r"|\b([01]?\d|2[0-3]):(\d{2})\b|\b(noon|midday|midnight)\b",
    re.I,
)


def scan_clock(text: str) -> list[tuple[int, int, int]]:
    """Clock times: ``5 pm``, ``5:30pm``, ``17:00``, ``noon`` -> (start, end, minutes after midnight)."""
    out = []
    for m in _CLOCK.finditer(text):
        if re.search(rf"\b(?:{MONTH_RE})\.?\s*(?:the\s+)?$", text[: m.start()], re.I):
            continue  # "Jan 28 in the afternoon" is a date, then a part of the day
        if m.group(6):
            minutes = 0 if m.group(6).lower() == "midnight" else 12 * 60
        elif m.group(3):
            pm = m.group(3).lower()
            h = int(m.group(1)) % 12 + (
                12 if pm.startswith("p") or pm.endswith(("afternoon", "evening", "night")) else 0
            )
            minutes = h * 60 + int(m.group(2) or 0)
        else:
            minutes = int(m.group(4)) * 60 + int(m.group(5))
        if 0 <= minutes < 24 * 60:
            out.append((m.start(), m.end(), minutes))
    return out


_NOW = re.compile(r"current date and time is[^(]*\((\d{4}-\d{2}-\d{2}T[\d:.]+(?:[+-]\d{2}:\d{2}|Z)?)\)", re.I)


def parse_now(system_text: str) -> dt.datetime | None:
    """The clock stated in the system prompt ("The current date and time is ... (ISO)")."""
    m = _NOW.search(system_text)
    if m:
        return dt.datetime.fromisoformat(m.group(1).replace("Z", "+00:00"))
    m = re.search(r"(?:today is|current date is)\D{0,20}(\d{4}-\d{2}-\d{2})", system_text, re.I)
    return dt.datetime.fromisoformat(m.group(1)) if m else None
