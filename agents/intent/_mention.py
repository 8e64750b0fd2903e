"""The ``Mention`` of days in a request and the calendar arithmetic the date readers share.

A ``Mention`` is where the text names days and which days they are. The helpers here turn words
into months and weekdays (a misspelt month through ``rapidfuzz``), read one explicit day through
``dateparser`` against the world's clock, and count days of the month and weekdays of a month. Both
``_dates`` (the worded days) and ``_numeric`` ("3/4") build on them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field

import dateparser
from rapidfuzz import fuzz, process

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
WEEKDAYS.update({d.lower(): i for i, d in enumerate(calendar.day_abbr)})
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "5th": 5, "last": -1}  # fmt: skip


@dataclass
class Mention:
    """Days the text names at ``start:end``: one day, two (a range), or a window of days."""

    start: int
    end: int
    kind: str
    days: list[dt.date] = field(default_factory=list)
    window: bool = False  # any one day of ``days[0]..days[-1]`` (a week of a month)
    ambiguous: bool = False  # two readings are plausible: ask
    anchored: str | None = None  # "after" / "before" / "that": relative to the previous day named
    inferred: bool = False  # placed from a day the calendar gave ("the Monday after" the trade show)


def month_of(word: str) -> int | None:
    """A month from its name, abbreviation or a misspelling ("febuary")."""
    key = word.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    if len(key) < 4:
        return None
    hit = process.extractOne(key, [calendar.month_name[i].lower() for i in range(1, 13)], scorer=fuzz.ratio,
                             score_cutoff=80)  # fmt: skip
    return MONTHS[hit[0]] if hit else None


def weekday_of(word: str) -> int:
    key = word.lower()
    for name, i in WEEKDAYS.items():
        if key.startswith(name[:3]) and len(name) > 2:
            return i
    raise ValueError(word)


@functools.lru_cache(maxsize=4096)
def parse_day(text: str, today: dt.date) -> dt.date | None:
    """One explicit or simple relative day, read by ``dateparser`` against ``today``."""
    base = dt.datetime.combine(today, dt.time(9))
    got = dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "future", "PREFER_DAY_OF_MONTH": "first"})  # fmt: skip
    return got.date() if got else None


def month_day(month: int, day: int, today: dt.date, year: int | None = None) -> dt.date | None:
    """The ``day`` of ``month`` on or after ``today`` (or in ``year``), through ``dateparser``."""
    if year is None:
        year = today.year if (month, day) >= (today.month, today.day) else today.year + 1
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return parse_day(f"{day} {calendar.month_name[month]} {year}", today)


def next_dom(day: int, today: dt.date, months: int = 1) -> list[dt.date]:
    """The next ``months`` dates whose day of the month is ``day``, on or after ``today``."""
    out: list[dt.date] = []
    if not 1 <= day <= 31:  # "the 0th", "the 32nd": no month has it (the loop below would not end)
        return out
    y, m = today.year, today.month
    while len(out) < months:
        try:
            d = dt.date(y, m, day)
            if d >= today:
                out.append(d)
        except ValueError:
            pass
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th (1-based; -1: last) ``weekday`` of a month."""
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[n - 1] if n > 0 else days[n]


def future_month(month: int, today: dt.date) -> int:
    return today.year if month >= today.month else today.year + 1


def on_or_after(month: int, day: int, after: dt.date, year: int | None) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    for y in [year] if year else [after.year, after.year + 1]:
        try:
            d = dt.date(y, month, day)
        except ValueError:
            return None
        if year or d >= after:
            return d
    return None
