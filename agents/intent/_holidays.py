"""Days named by a holiday or a weekend of a month: "Labor Day weekend", "over the Presidents' Day long
weekend", "the day after Thanksgiving" (a day before or after a holiday is counted from it), "the last
weekend of January".

A holiday's day comes from the ``holidays`` library (the United States' calendar and the one of the
traveller's home country), the first on or after today; the names people use that the library words
differently ("Presidents' Day" is Washington's Birthday, "MLK Day", "the Fourth of July", "Labour
Day", "Easter") are aliases. A holiday's weekend is the days off around it: a Monday holiday gives
Saturday to Monday, a Friday one Friday to Sunday, Thanksgiving Thursday to Sunday; a weekend of a
month is its Saturday and Sunday ("the last weekend of January" is its last Saturday and the Sunday
after). A weekend is a ``weekend`` mention, which the reader uses only when no other day places the
trip, and beside which a bare weekday ("fly out the Friday") is placed (``_resolve_days``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

import holidays
from dateutil.easter import easter

from agents.intent._mention import Mention, month_of

#: The country whose holidays a home airport's traveller names (the United States' are always read).
_COUNTRY = {"YYZ": "CA", "YVR": "CA", "YUL": "CA", "LHR": "GB", "EDI": "GB", "DUB": "IE", "SYD": "AU",
            "MEL": "AU", "AKL": "NZ", "SIN": "SG", "NRT": "JP"}  # fmt: skip
#: What people call a holiday -> the library's name for it (apostrophes dropped, lower case).
_ALIASES = {
    "presidents day": "washingtons birthday",
    "presidents": "washingtons birthday",
    "mlk day": "martin luther king jr day",
    "mlk": "martin luther king jr day",
    "martin luther king day": "martin luther king jr day",
    "fourth of july": "independence day",
    "4th of july": "independence day",
    "labour day": "labor day",
    "thanksgiving": "thanksgiving day",
    "christmas": "christmas day",
    "xmas": "christmas day",
    "new years": "new years day",
    "canada day": "canada day",
    "veterans day": "veterans day",
    "memorial day": "memorial day",
}
_NAME = re.compile(r"[^a-z0-9 ]")


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", _NAME.sub("", name.lower().replace("jr.", "jr"))).strip()


@cache
def _calendar(country: str, year: int) -> dict[str, dt.date]:
    """The library's holidays of a country and year by name (observed days left out), Easter too."""
    out: dict[str, dt.date] = {}
    for day, name in sorted(holidays.country_holidays(country, years=year).items()):
        for part in name.split(";"):
            if "observed" not in part.lower():
                out.setdefault(_key(part), day)
    out.setdefault("easter", easter(year))
    out.setdefault("easter sunday", easter(year))
    return out


def _holiday(key: str, today: dt.date, home: str | None) -> dt.date | None:
    countries = ["US"] + ([_COUNTRY[home]] if home in _COUNTRY else [])
    for year in (today.year, today.year + 1):
        for country in countries:
            day = _calendar(country, year).get(_ALIASES.get(key, key))
            if day is not None and day >= today:
                return day
    return None


def _names(home: str | None, year: int) -> list[str]:
    countries = ["US"] + ([_COUNTRY[home]] if home in _COUNTRY else [])
    names = {n for c in countries for n in _calendar(c, year)} | set(_ALIASES)
    return sorted(names, key=len, reverse=True)  # the longest name first: "new years eve" before "new years"


@cache
def _phrase(name: str) -> re.Pattern[str]:
    """A holiday's name in lower-cased text whose apostrophes are NULs: "presidents\\x00 day"."""
    spaced = r"\s+".join(r"\x00?".join(re.escape(ch) for ch in word) + r"\x00?" for word in name.split())
    return re.compile(
        r"\b(?:(?P<rel>the (?:day|night|morning) (?:after|before))\s+)?(?:the\s+)?"
        + spaced
        + r"(?P<wk>\s+(?:long\s+|holiday\s+|bank holiday\s+)?weekend)?\b"
    )


def _span(day: dt.date) -> list[dt.date]:
    """The days off around a holiday: Saturday to a Monday holiday, a Friday holiday to Sunday,
    Thanksgiving Thursday to Sunday, the Saturday and Sunday of a weekend day."""
    wd = day.weekday()
    if wd == 0:
        return [day - dt.timedelta(days=2), day]
    if wd in (3, 4):
        return [day, day + dt.timedelta(days=6 - wd)]
    if wd == 5:
        return [day, day + dt.timedelta(days=1)]
    if wd == 6:
        return [day - dt.timedelta(days=1), day]
    return [day]


_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
_WEEKEND_OF = re.compile(
    r"\b(?:the\s+)?(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(?:long\s+)?weekend\s+(?:of|in)\s+"
    r"(?P<mon>[a-z]{3,9})\b",
    re.I,
)


def holiday_days(text: str, today: dt.date, home: str | None = None) -> list[Mention]:
    """A mention for each holiday ("Labor Day", "Thanksgiving weekend") and each weekend of a month
    ("the last weekend of January") the text names."""
    out: list[Mention] = []
    for m in _WEEKEND_OF.finditer(text):
        month = month_of(m.group("mon"))
        if month is None:
            continue
        year = today.year + (month < today.month)
        sats = [
            d
            for d in calendar.Calendar().itermonthdates(year, month)
            if d.month == month and d.weekday() == 5
        ]
        n = _ORD[m.group("ord").lower()]
        if n > len(sats):
            continue
        sat = sats[n if n < 0 else n - 1]
        out.append(Mention(m.start(), m.end(), "weekend", [sat, sat + dt.timedelta(days=1)]))
    low = text.lower().replace("’", "'").replace("'", "\x00")  # apostrophes ignored, positions kept
    for name in _names(home, today.year):
        for m in _phrase(name).finditer(low):
            if any(m.start() < o.end and o.start < m.end() for o in out):
                continue
            day = _holiday(name, today, home)
            if day is None:
                continue
            if m.group("wk") and not m.group("rel"):
                out.append(Mention(m.start(), m.end(), "weekend", _span(day)))
            else:  # "the day after Thanksgiving": a day counted from the holiday
                shift = (1 if m.group("rel").endswith("after") else -1) if m.group("rel") else 0
                out.append(Mention(m.start(), m.end(), "holiday", [day + dt.timedelta(days=shift)]))
    return sorted(out, key=lambda x: x.start)
