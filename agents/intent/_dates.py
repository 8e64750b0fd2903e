"""Days in a request: what ``dateparser`` reads, and the project's own rules for what it does not.

``dateparser`` reads explicit days ("10 October", "Sept 1", "2027-03-04") and simple relative ones
("tomorrow", "in 10 days") against the world's clock. Its rules do not cover what travellers also
write, so these are the project's own: an ordinal weekday of a month ("the second Thursday of
March", "the last Friday of April"), a day of the month without a month ("the 14th", "9th-12th",
"the 30th to the 3rd"), a weekday with a day ("Friday the 12th": the first coming month where it
holds), weekdays relative to today or to another day ("next Tuesday", "the Sunday after"),
weekends, weeks of a month, and day ranges. Each mention keeps where it is in the text, so the
reader can tell what the day is for (a flight, a check-out, an event).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
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

_MON = r"(?P<{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|[a-z]{{4,9}})\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_WD = r"(?P<{n}>mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
_TO = r"\s*(?:-|–|to|till|until|thru|through|and)\s*(?:the\s+)?"


def _p(template: str, **names: str) -> str:
    return template.format(**names)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("ordinal", re.compile(
        r"\b(?:the\s+)?(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+"
        + _WD.format(n="wd") + r"\s+(?:of|in)\s+(?:(?P<rel_month>next month|the coming month|this month)|"
        + _MON.format(n="mon") + r"|(?P<this>the month|that month))",
        re.I)),
    ("week_of", re.compile(
        r"\b(?:the\s+)?(?P<ord>first|second|third|last)\s+week\s+(?:of|in)\s+" + _MON.format(n="mon"), re.I)),
    ("mon_range", re.compile(
        r"\b" + _MON.format(n="mon") + r"\s+" + _DAY.format(n="d1") + _TO + r"(?:" + _MON.format(n="mon2")
        + r"\s+)?" + _DAY.format(n="d2") + r"\b(?!\s*(?:am|pm|nights?|days?|:))", re.I)),
    ("range_mon", re.compile(
        r"\b" + _DAY.format(n="d1") + r"(?:\s+" + _MON.format(n="mon1") + r")?" + _TO + _DAY.format(n="d2")
        + r"\s+(?:of\s+)?" + _MON.format(n="mon"), re.I)),
    ("mon_day", re.compile(
        r"\b(?:" + _WD.format(n="wd") + r",?\s+)?" + _MON.format(n="mon") + r"\s+" + _DAY.format(n="d")
        + r"\b(?:,?\s*(?P<y>20\d\d))?(?!\s*(?:am|pm|:|nights?|days?|people|rooms?))", re.I)),
    ("day_mon", re.compile(
        r"\b(?:" + _WD.format(n="wd") + r",?\s+)?(?:the\s+)?" + _DAY.format(n="d") + r"\s+(?:of\s+)?"
        + _MON.format(n="mon") + r"\b(?:,?\s*(?P<y>20\d\d))?", re.I)),
    ("wd_day_range", re.compile(
        r"\b" + _WD.format(n="wd") + r"\s+(?:the\s+)?" + _DAY.format(n="d1") + _TO + _WD.format(n="wd2")
        + r"\s+(?:the\s+)?" + _DAY.format(n="d2") + r"\b", re.I)),
    ("wd_day", re.compile(r"\b" + _WD.format(n="wd") + r",?\s+the\s+" + _DAY.format(n="d") + r"\b", re.I)),
    ("day_range", re.compile(
        r"\b(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)" + _TO + r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)\b", re.I)),
    ("day", re.compile(r"\bthe\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b", re.I)),
    ("weekend", re.compile(r"\b(?P<which>this|next|the|this coming)?\s*weekend\b", re.I)),
    ("relative", re.compile(
        r"\b(?:the day after tomorrow|tomorrow|today|tonight"
        r"|in (?:a|one|\d+|two|three|four|five|six|seven|eight|nine|ten|a couple of) (?:days?|weeks?))\b", re.I)),
    ("rel_prev", re.compile(
        r"\b(?P<rel>the day before|the day after|the night before|the morning after|the day of the \w+|that (?:same )?day|"
        r"later that (?:same )?day|the same day)\b(?!\s+(?:tomorrow|my|the|it|her|his|our))", re.I)),
    ("after_next", re.compile(r"\b(?:the\s+)?" + _WD.format(n="wd") + r"\s+after\s+next\b", re.I)),
    ("week_from", re.compile(r"\ba week from (?:this |next )?" + _WD.format(n="wd") + r"\b", re.I)),
    ("wd_rel", re.compile(
        r"\b(?:(?P<which>this coming|this|next|coming|that|the following|the)\s+)?" + _WD.format(n="wd")
        + r"(?P<after>\s+(?:after|before)(?=\s*(?:[.,;:!?)]|$|(?:and|that|next|it|this|to|so|for|then|when|as|or)\b)))?"
        r"\b(?!\s+the\s+\d)", re.I)),
]  # fmt: skip


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


def _weekday(word: str) -> int:
    key = word.lower()
    for name, i in WEEKDAYS.items():
        if key.startswith(name[:3]) and len(name) > 2:
            return i
    raise ValueError(word)


@functools.lru_cache(maxsize=4096)
def _parse(text: str, today: dt.date) -> dt.date | None:
    """One explicit or simple relative day, read by ``dateparser`` against ``today``."""
    base = dt.datetime.combine(today, dt.time(9))
    got = dateparser.parse(text, languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "future", "PREFER_DAY_OF_MONTH": "first"})  # fmt: skip
    return got.date() if got else None


def _month_day(month: int, day: int, today: dt.date, year: int | None = None) -> dt.date | None:
    """The ``day`` of ``month`` on or after ``today`` (or in ``year``), through ``dateparser``."""
    if year is None:
        year = today.year if (month, day) >= (today.month, today.day) else today.year + 1
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return _parse(f"{day} {calendar.month_name[month]} {year}", today)


def _next_dom(day: int, today: dt.date, months: int = 1) -> list[dt.date]:
    """The next ``months`` dates whose day of the month is ``day``, on or after ``today``."""
    out: list[dt.date] = []
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


def _future_month(month: int, today: dt.date) -> int:
    return today.year if month >= today.month else today.year + 1


_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "a couple of": 2}  # fmt: skip


def _relative(phrase: str, today: dt.date, now: dt.datetime) -> list[dt.date]:
    low = phrase.lower()
    if low.startswith(("tonight", "today", "this ")):
        return [today]
    m = re.match(r"in (a|one|\d+|two|three|four|five|six|seven|eight|nine|ten|a couple of) (day|week)", low)
    if m and m.group(1) == "a couple of":
        return []  # "in a couple of weeks": vague
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUM[m.group(1)]
        return [today + dt.timedelta(days=n * (7 if m.group(2) == "week" else 1))]
    got = _parse(low, today)
    return [got] if got else []


def scan(text: str, now: dt.datetime) -> list[Mention]:
    """Every day the text names, in order; overlapping patterns: the first in ``_PATTERNS`` wins."""
    today = now.date()
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            got = _read(kind, m, today, now)
            if got is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(got)
    return sorted(out, key=lambda x: x.start)


def _read(kind: str, m: re.Match[str], today: dt.date, now: dt.datetime) -> Mention | None:
    g = m.groupdict()
    men = Mention(m.start(), m.end(), kind)
    if kind == "iso":
        men.days = [dt.date(int(g["y"]), int(g["m"]), int(g["d"]))]
    elif kind == "ordinal" and g.get("rel_month"):  # "the second Thursday of next month"
        wd, n = _weekday(g["wd"]), ORDINALS[g["ord"].lower()]
        y, mth = (today.year, today.month)
        if not g["rel_month"].lower().startswith("this"):
            y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
        men.days = [nth_weekday(y, mth, wd, n)]
    elif kind == "ordinal":
        wd = _weekday(g["wd"])
        n = ORDINALS[g["ord"].lower()]
        month = month_of(g["mon"]) if g.get("mon") else None
        if g.get("mon") and month is None:
            return None
        men.days = [nth_weekday(_future_month(month, today), month, wd, n)] if month else []
        men.anchored = "month" if month is None else None
        if month is None:
            men.days = [dt.date(1, 1, 1)]  # resolved by the reader from the month of the previous day
            men.kind = f"ordinal_this:{n}:{wd}"
    elif kind == "week_of":
        month = month_of(g["mon"])
        if month is None:
            return None
        year = _future_month(month, today)
        start = {"first": 1, "second": 8, "third": 15}.get(
            g["ord"].lower(), calendar.monthrange(year, month)[1] - 6
        )
        men.days, men.window = [dt.date(year, month, start), dt.date(year, month, start + 6)], True
    elif kind in ("mon_range", "range_mon"):
        month = month_of(g["mon"])
        month2 = month_of(g["mon2"]) if g.get("mon2") else None
        month1 = month_of(g["mon1"]) if g.get("mon1") else None
        if month is None or (g.get("mon2") and month2 is None) or (g.get("mon1") and month1 is None):
            return None
        first_month = month1 or month
        last_month = month2 or month
        a = _month_day(first_month, int(g["d1"]), today)
        b = _month_day(last_month, int(g["d2"]), a or today)
        if a is None or b is None:
            return None
        men.days = [a, b]
    elif kind in ("mon_day", "day_mon"):
        month = month_of(g["mon"])
        if month is None:
            return None
        day = _month_day(month, int(g["d"]), today, int(g["y"]) if g.get("y") else None)
        if day is None:
            return None
        men.days = [day]
    elif kind in ("wd_day", "wd_day_range"):
        d1 = int(g.get("d") or g.get("d1") or 0)
        wd = _weekday(g["wd"])
        options = [d for d in _next_dom(d1, today, 12) if d.weekday() == wd]
        if not options:
            return None
        first = options[0]
        months_away = (first.year - today.year) * 12 + first.month - today.month
        men.ambiguous = months_away > 2
        men.days = [first]
        if kind == "wd_day_range":
            d2 = int(g["d2"])
            end = next(d for d in _next_dom(d2, first, 2))
            men.days.append(end)
    elif kind == "day_range":
        a = _next_dom(int(g["d1"]), today)[0]
        b = _next_dom(int(g["d2"]), a)[0]
        men.days = [a, b]
    elif kind == "day":
        men.days = _next_dom(int(g["d"]), today)[:1]
        men.anchored = "dom"
    elif kind == "weekend":
        which = (g.get("which") or "").lower().strip()
        if which not in ("this", "this coming", "next"):
            return None
        sat = today + dt.timedelta(days=(5 - today.weekday()) % 7 or (7 if today.weekday() == 5 else 0))
        if which == "next":
            sat += dt.timedelta(days=7)
        men.days = [sat, sat + dt.timedelta(days=1)]
        men.kind = "weekend"
    elif kind == "relative":
        men.days = _relative(m.group(), today, now)
        if not men.days:
            return None
    elif kind == "rel_prev":
        rel = g["rel"].lower()
        shift = 1 if rel.endswith(("after", "morning after")) else -1 if rel.endswith("before") else 0
        men.kind, men.days = f"rel_prev:{shift}", [today]
    elif kind == "after_next":  # "Tuesday after next": a week after the coming Tuesday
        wd = _weekday(g["wd"])
        men.days = [today + dt.timedelta(days=((wd - today.weekday()) % 7 or 7) + 7)]
    elif kind == "week_from":
        wd = _weekday(g["wd"])
        first = today + dt.timedelta(days=(wd - today.weekday()) % 7 or 7)
        men.days = [first + dt.timedelta(days=7)]
    elif kind == "wd_rel":
        wd = _weekday(g["wd"])
        which = (g.get("which") or "").lower()
        first = today + dt.timedelta(days=(wd - today.weekday()) % 7 or 7)
        men.days = [first]
        if which == "next":
            monday_next = today + dt.timedelta(days=7 - today.weekday())
            in_next_week = monday_next <= first < monday_next + dt.timedelta(days=7)
            men.ambiguous = not in_next_week
        elif g.get("after"):
            men.anchored = g["after"].strip().lower()
        elif which == "that":
            men.anchored = "that"
        elif which in ("the", "the following"):
            men.anchored = "after"
        else:
            men.anchored = "weekday"
    return men if men.days else None
