"""The generator's phrasing: dates, clock times, money, counts and city names, each in several shapes.

Every function takes the draw's ``random.Random`` and picks one shape, so two draws of the same trip
rarely read alike. Relative dates ("tomorrow", "this Friday", "next Friday", "a week from today",
"the 12th") are offered only where they are unambiguous from the clock; the scenario's hidden sections
always hold the absolute dates.
"""

from __future__ import annotations

import datetime as dt
import random

_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen".split()
_CITY_ALIASES: dict[str, tuple[str, ...]] = {
    "JFK": ("New York", "NYC", "New York City"),
    "SFO": ("San Francisco", "SF"),
    "LAX": ("Los Angeles", "LA"),
    "ORD": ("Chicago",),
    "LHR": ("London",),
    "CDG": ("Paris",),
    "NRT": ("Tokyo",),
    "IAD": ("Washington", "DC", "Washington DC"),
    "DFW": ("Dallas",),
    "LAS": ("Las Vegas", "Vegas"),
    "MCO": ("Orlando",),
}


def ordinal(n: int) -> str:
    """1 -> "1st", 12 -> "12th", 22 -> "22nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def number(rng: random.Random, n: int) -> str:
    """A small count in digits or in words."""
    if n < len(_NUMBERS) and rng.random() < 0.6:
        return _NUMBERS[n]
    return str(n)


def word(n: int) -> str:
    """A small count in words."""
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def city(rng: random.Random, code: str, name: str) -> str:
    """The city as people write it: its name, a common alias, now and then the airport code."""
    options = list(_CITY_ALIASES.get(code, (name,)))
    if name not in options:
        options.insert(0, name)
    if rng.random() < 0.08:
        return code
    return rng.choice(options)


def _absolute(rng: random.Random, day: dt.date, year: bool) -> str:
    d, month, mon, wday = day.day, f"{day:%B}", f"{day:%b}", f"{day:%A}"
    y = f" {day.year}" if year else ""
    shapes = [
        f"on {d} {month}{y}",
        f"on {month} {d}{y and ','}{y}",
        f"on the {ordinal(d)} of {month}{y}",
        f"on {month} {ordinal(d)}",
        f"on {wday} {d} {month}{y}",
        f"on {wday}, {month} {d}",
        f"{mon} {d}",
        f"on {day.isoformat()}",
        f"on {wday[:3]} {d} {mon}",
    ]
    return rng.choice(shapes)


_NTH = ("first", "second", "third", "fourth")


def relative_phrases(day: dt.date, today: dt.date) -> list[str]:
    """Relative phrases that name ``day`` unambiguously from ``today``."""
    delta = (day - today).days
    wday = f"{day:%A}"
    out: list[str] = []
    if delta == 1:
        out.append("tomorrow")
    if delta == 2:
        out.append("the day after tomorrow")
    if 2 <= delta <= 6:
        out += [f"this {wday}", f"this coming {wday}"]
    if today.weekday() >= 5 and 1 <= delta <= 6:  # on a weekend, "next Friday" is the coming one
        out.append(f"next {wday}")
    if delta == 7:
        out += ["a week from today", f"a week today ({wday})"]
    if delta == 14:
        out.append("two weeks from today")
    if day.month == today.month and delta > 2:
        out += [f"on the {ordinal(day.day)}", f"on {wday} the {ordinal(day.day)}"]
    elif 2 < delta <= 27:
        out.append(f"on {wday} the {ordinal(day.day)}")
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    if (day.year, day.month) == (next_month.year, next_month.month) and day.day <= 28:
        out.append(f"on the {_NTH[(day.day - 1) // 7]} {wday} of next month")
    return out


def when(
    rng: random.Random, day: dt.date, today: dt.date, *, relative: bool = True, force: bool = False
) -> str:
    """``day`` as an adverbial ("on 12 March", "Mar 12", "the 12th of March", "this Friday", ...);
    ``force``: relative whenever a relative phrase names the day unambiguously."""
    options = relative_phrases(day, today) if relative else []
    if options and (force or rng.random() < 0.45):
        return rng.choice(options)
    return _absolute(rng, day, year=rng.random() < 0.25)


def back_when(rng: random.Random, back: dt.date, out: dt.date, today: dt.date) -> str:
    """The return (or next) departure, said absolutely or counted from the previous one."""
    gap = (back - out).days
    options = [when(rng, back, today, relative=False)]
    if 1 <= gap <= 14:
        options += [f"{number(rng, gap)} days later", f"after {number(rng, gap)} nights"]
    if 1 <= gap <= 6:
        options.append(f"the following {back:%A}")
    if back.month == out.month and gap >= 1:
        options.append(f"on the {ordinal(back.day)}")
    return rng.choice(options)


def long_date(day: dt.date) -> str:
    """An unambiguous date for the traveller's answers: "Friday 12 March 2027"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock(rng: random.Random, t: dt.time) -> str:
    """A clock time: "7 am", "7:30pm", "19:30", "noon"."""
    if t == dt.time(12, 0) and rng.random() < 0.5:
        return "noon"
    h12 = t.hour % 12 or 12
    ampm = "am" if t.hour < 12 else "pm"
    minutes = f":{t.minute:02d}" if t.minute else ""
    shapes = [
        f"{h12}{minutes} {ampm}",
        f"{h12}{minutes}{ampm}",
        f"{t:%H:%M}",
        f"{h12}{minutes} {ampm.upper()}",
    ]
    return rng.choice(shapes)


def money(rng: random.Random, dollars: int, *, casual: bool = False) -> str:
    """Dollars: "$2,500", "$2500", "2,500 dollars", "USD 2,500", "2.5k", "2500 bucks"."""
    shapes = [f"${dollars:,}", f"${dollars}", f"{dollars:,} dollars", f"USD {dollars:,}", f"US${dollars:,}"]
    if dollars >= 1000 and dollars % 100 == 0:
        k = f"{dollars / 1000:g}k"
        shapes += [k, f"${k}"]
    if casual:
        shapes += [f"{dollars} bucks", f"{dollars} dollars"]
    return rng.choice(shapes)


def nice_round(dollars: float, *, up: bool) -> int:
    """A figure people say: a multiple of 50 below 1,000, of 100 below 5,000, else of 500."""
    step = 50 if dollars < 1000 else 100 if dollars < 5000 else 500
    whole = int(dollars // step) * step
    if up and whole < dollars:
        whole += step
    return max(step, whole)
