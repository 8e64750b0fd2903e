"""Days in a request: what ``dateparser`` reads, and the project's own rules for what it does not.

``dateparser`` reads explicit days ("10 October", "Sept 1", "2027-03-04") and simple relative ones
("tomorrow", "in 10 days") against the world's clock. Its rules do not cover what travellers also
write, so these are the project's own: an ordinal weekday of a month ("the second Thursday of
March", "the last Friday of April"), a day of the month without a month ("the 14th", "9th-12th",
"the 30th to the 3rd", "14-17th"), a weekday with a day ("Friday the 12th", "Wed 9th": the first
coming month where it holds; ambiguous when that skips months past the next 12th, or when a weekday
is not its date's), weekdays relative to today or to another day ("next Tuesday", "the Sunday
after", but not "Friday after work"), a weekday of a named week ("Monday of the week after next",
"the Thursday of that week"), days counted from a base ("ten days from today", "a fortnight from
Monday", "a week today", "four days later"; number words through ``text2num``), weekday ranges
("Wednesday to Friday"), weekends, weeks of a month, and day ranges. Each mention keeps where it is in the text, so the
reader can tell what the day is for (a flight, a check-out, an event).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from text_to_num import text2num

from agents.intent._apposed import apposed_weekdays
from agents.intent._date_patterns import PATTERNS
from agents.intent._day_lists import listed_days
from agents.intent._holidays import holiday_days
from agents.intent._library_days import checked
from agents.intent._mention import (
    ORDINALS,
    Mention,
    future_month,
    month_day,
    month_of,
    next_dom,
    nth_weekday,
    on_or_after,
    parse_day,
    weekday_of,
)
from agents.intent._near_named import near_named, weekday_beside
from agents.intent._numeric import numeric_days
from agents.intent._weekday_numeric import label_numeric

_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "a couple of": 2}  # fmt: skip


def _relative(phrase: str, today: dt.date, now: dt.datetime) -> list[dt.date]:
    low = phrase.lower()
    if low.startswith(("tonight", "today", "this ")):
        return [today]
    m = re.match(
        r"in (a|one|\d+|two|three|four|five|six|seven|eight|nine|ten|a couple of) (day|week|fortnight)", low
    )
    if m and m.group(1) == "a couple of":
        return []  # "in a couple of weeks": vague
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUM[m.group(1)]
        return [today + dt.timedelta(days=n * {"week": 7, "fortnight": 14}.get(m.group(2), 1))]
    got = parse_day(low, today)
    return [got] if got else []


def _counted(g: dict[str, str | None], today: dt.date) -> list[dt.date]:
    """ "ten days from today", "two weeks from Friday", "a fortnight today", "a week on Monday"."""
    unit = (g.get("u") or g.get("u2") or g.get("u3") or "").lower()
    base_word = (g.get("base") or g.get("base2") or g.get("base3") or "").lower()
    number = (g.get("n") or "a").lower()
    try:
        n = 1 if number in ("a", "an") else int(number) if number.isdigit() else text2num(number, "en")
    except ValueError:
        return []
    step = 14 if unit.startswith("fortnight") else 7 if unit.startswith("week") else 1
    if base_word in ("today", "now"):
        base = today
    elif base_word == "tomorrow":
        base = today + dt.timedelta(days=1)
    else:
        wd = weekday_of(base_word)
        base = today + dt.timedelta(days=(wd - today.weekday()) % 7 or 7)
    return [base + dt.timedelta(days=n * step)]


def _months_skipped(day: int, first: dt.date, today: dt.date) -> int:
    """How many months past the next ``day`` of a month a weekday + day pair lands: 0 when the next
    ``day`` is that weekday; the further it is, the likelier the weekday or the day is a slip."""
    near = next_dom(day, today)[0]
    return (first.year - near.year) * 12 + first.month - near.month


def _later_day(day: int, after: dt.date) -> dt.date | None:
    """The first ``day`` of a month after ``after``, within two months."""
    got = [d for d in next_dom(day, after + dt.timedelta(days=1), 2) if d <= after + dt.timedelta(days=62)]
    return got[0] if got else None


def scan(text: str, now: dt.datetime, home: str | None = None) -> list[Mention]:
    """Every day the text names, in order; overlapping patterns: the first in ``PATTERNS`` wins.
    ``home`` (an airport code) says whether "3/4" puts the day or the month first (``_numeric``)."""
    today = now.date()
    out: list[Mention] = numeric_days(text, today, home)
    out += [
        h
        for h in holiday_days(text, today, home)
        if not any(h.start < n.end and n.start < h.end for n in out)
    ]
    out += [d for d in listed_days(text, today) if not any(d.start < n.end and n.start < d.end for n in out)]
    taken: list[tuple[int, int]] = [(n.start, n.end) for n in out]
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            got = _read(kind, m, today, now)
            if got is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(got)
    out = checked(sorted(out, key=lambda x: x.start), text, now)  # the library's reading beside ours
    return _either(near_named(_occasion(apposed_weekdays(label_numeric(out, text), text), text), today), text)


def _occasion(mentions: list[Mention], text: str) -> list[Mention]:
    """ "Going to my parents' for Thanksgiving week ... out Friday Nov 19, back Sunday the 28th": a holiday
    said as what the trip is for ("for Christmas", "over July 4th weekend") names no travel day when two
    other days are given."""
    occasions = [m for m in mentions if _is_occasion(m, text)]
    if len(mentions) - len(occasions) < 2:
        return mentions
    for m in mentions:  # "around Christmas, out the 22nd and back the 27th": the days about the holiday
        said = [o for o in occasions if o.end <= m.start]
        if said and m.anchored in ("dom", "dom_range"):
            near = [n for d in m.days if (n := _nearest_day(d.day, said[-1].days[0]))]
            if len(near) == len(m.days) and near == sorted(near):
                m.days, m.anchored = near, None
    return [m for m in mentions if m not in occasions]


def _nearest_day(day: int, to: dt.date) -> dt.date | None:
    """The ``day`` of the month nearest ``to``: in its month, the one before or the one after."""
    this = to.replace(day=1)
    firsts = [
        (this - dt.timedelta(days=1)).replace(day=1),
        this,
        (this + dt.timedelta(days=32)).replace(day=1),
    ]
    got = [f.replace(day=day) for f in firsts if day <= calendar.monthrange(f.year, f.month)[1]]
    return min(got, key=lambda d: abs((d - to).days)) if got else None


def _is_occasion(m: Mention, text: str) -> bool:
    festive = m.kind == "holiday" or re.match(
        r"\s+(?:weekend|week|holidays?|break)\b", text[m.end : m.end + 12], re.I
    )
    return bool(festive) and bool(
        re.search(r"\b(?:for|over|around)\s+(?:the\s+)?$", text[max(0, m.start - 12) : m.start], re.I)
    )


def _either(mentions: list[Mention], text: str) -> list[Mention]:
    """ "Thursday or Friday", "the 14th or the 15th": one window of days, not two days."""
    out: list[Mention] = []
    for m in mentions:
        prev = weekday_beside(out[-1], m, text) if out else None  # "Friday or Saturday the 4th"
        if (
            prev is not None
            and len(prev.days) == 1
            and len(m.days) == 1
            and not prev.ambiguous
            and re.fullmatch(r"\.?\s*,?\s*or\s+(?:on\s+)?(?:the\s+)?", text[prev.end : m.start], re.I)
            and prev.days[0] < m.days[0]
        ):
            out[-1] = Mention(prev.start, m.end, "either", [prev.days[0], m.days[0]], window=True)
            continue
        out.append(m)
    return out


def _read(kind: str, m: re.Match[str], today: dt.date, now: dt.datetime) -> Mention | None:
    g = m.groupdict()
    men = Mention(m.start(), m.end(), kind)
    if kind == "iso":
        try:
            men.days = [dt.date(int(g["y"]), int(g["m"]), int(g["d"]))]
        except ValueError:  # "2027-13-01", "2027-02-29": no such day, so no day read
            return None
    elif kind == "ordinal":
        wd = weekday_of(g["wd"])
        n = ORDINALS[g["ord"].lower()]
        month = month_of(g["mon"]) if g.get("mon") else None
        if g.get("mon") and month is None:
            return None
        this = (g.get("this") or "").lower()
        if this in ("this month", "next month"):  # counted from today, not from a day named before
            y, mo = today.year, today.month + (this == "next month")
            y, mo = (y + 1, 1) if mo == 13 else (y, mo)
            men.days = [nth_weekday(y, mo, wd, n)]
            return men if men.days[0] >= today else None
        men.days = [nth_weekday(future_month(month, today), month, wd, n)] if month else []
        men.anchored = "month" if month is None else None
        if month is None:
            men.days = [dt.date(1, 1, 1)]  # resolved by the reader from the month of the previous day
            men.kind = f"ordinal_this:{n}:{wd}"
    elif kind == "rel_from":
        men.days = _counted(g, today)
    elif kind == "wd_week":
        wd = weekday_of(g["wd"])
        wk = g["wk"].lower()
        monday = today - dt.timedelta(days=today.weekday())
        if wk.startswith(("that", "the same", "the following")):
            men.days = [dt.date(1, 1, 1) + dt.timedelta(days=wd)]
            men.anchored = "week:1" if wk == "the following week" else "week:0"
        else:
            monday += dt.timedelta(days={"this week": 0, "next week": 7, "week after next": 14}[wk])
            men.days = [monday + dt.timedelta(days=wd)]
    elif kind in ("dom_month", "range_month"):  # "the 3rd of next month", "the 3rd to the 7th of next month"
        y, mo = today.year, today.month + (g["which"].lower() != "this")
        y, mo = (y + 1, 1) if mo == 13 else (y, mo)
        a = on_or_after(mo, int(g.get("d") or g["d1"] or 0), today, y)
        b = on_or_after(mo, int(g["d2"]), today, y) if kind == "range_month" and a else None
        men.days = [d for d in (a, b) if d]
        if kind == "range_month" and len(men.days) < 2:
            return None
    elif kind == "week_of":
        month = month_of(g["mon"])
        if month is None:
            return None
        year = future_month(month, today)
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
        a = month_day(first_month, int(g["d1"]), today)
        b = month_day(last_month, int(g["d2"]), a or today)
        if a is None or b is None:
            return None
        men.days = [a, b]
    elif kind in ("mon_day", "day_mon"):
        month = month_of(g["mon"])
        if month is None:
            return None
        day = month_day(month, int(g["d"]), today, int(g["y"]) if g.get("y") else None)
        if day is None:
            return None
        men.days = [day]
        men.ambiguous = bool(g.get("wd")) and weekday_of(g["wd"] or "") != day.weekday()  # "Saturday, June 4"
    elif kind in ("wd_day", "wd_day_range"):
        d1 = int(g.get("d") or g.get("d1") or 0)
        wd = weekday_of(g["wd"])
        options = [d for d in next_dom(d1, today, 12) if d.weekday() == wd]
        if not options:
            return None
        first = options[0]
        men.ambiguous = _months_skipped(d1, first, today) > 2
        men.anchored = "wd_day"  # the reader places it again after a day named before it
        men.days = [first]
        if kind == "wd_day_range" and g.get("mon"):  # "Tuesday 19 to Friday 22 January"
            month = month_of(g["mon"])
            end_day = month_day(month, int(g["d2"]), today) if month else None
            if end_day is None:
                return None
            month_of_first = end_day.replace(day=1) - dt.timedelta(days=1) if d1 > end_day.day else end_day
            begin = on_or_after(month_of_first.month, d1, month_of_first.replace(day=1), month_of_first.year)
            if begin is None:
                return None
            men.days, men.anchored = [begin, end_day], None
            men.ambiguous = begin.weekday() != wd or end_day.weekday() != weekday_of(g["wd2"])
        elif kind == "wd_day_range":
            d2 = int(g["d2"])
            end = next(d for d in next_dom(d2, first, 2))
            men.days.append(end)
    elif kind == "wd_range":
        a = today + dt.timedelta(days=(weekday_of(g["wd"]) - today.weekday()) % 7)
        men.days = [a, a + dt.timedelta(days=(weekday_of(g["wd2"]) - a.weekday()) % 7 or 7)]
        men.anchored = "weekday"
    elif kind == "day_range":
        a = next_dom(int(g["d1"]), today)[0]
        b = next_dom(int(g["d2"]), a)[0]
        men.days = [a, b]
        men.anchored = "dom_range"  # placed in a month named before it ("in June, the 1st to the 3rd")
    elif kind == "day":
        men.days = next_dom(int(g["d"]), today)[:1]
        men.anchored = "dom"
    elif kind == "weekend":
        which = (g.get("which") or "").lower().strip()
        if g.get("an") and which in ("the", "next"):  # "the weekend after next"
            which = "after next"
        if which not in ("this", "this coming", "next", "after next"):
            return None
        sat = today + dt.timedelta(days=(5 - today.weekday()) % 7 or (7 if today.weekday() == 5 else 0))
        if which in ("next", "after next"):
            sat += dt.timedelta(days=7 if which == "next" else 14)
        men.days = [sat, sat + dt.timedelta(days=1)]
        men.kind = "weekend"
    elif kind == "dom_or":  # "the 14th or 15th": either day
        a = next_dom(int(g["d1"]), today)[0]
        b = _later_day(int(g["d2"]), a)
        if b is None:
            return None
        men.days, men.window = [a, b], True
    elif kind == "mon_day_or":  # "March 3 or 4": either day
        month = month_of(g["mon"])
        a = month_day(month, int(g["d1"]), today) if month else None
        b = on_or_after(month, int(g["d2"]), a, None) if month and a else None
        if a is None or b is None:
            return None
        men.days, men.window = [a, b], True
    elif kind == "relative":
        men.days = _relative(m.group(), today, now)
        if not men.days:
            return None
    elif kind == "rel_prev":
        rel = g["rel"].lower()
        shift = 1 if rel.endswith(("after", "morning after")) else -1 if rel.endswith("before") else 0
        men.kind, men.days = f"rel_prev:{shift}", [today]
    elif kind == "later":  # "back four days later": counted from the day named before
        number = g["n"].lower()
        n = 1 if number in ("a", "an") else int(number) if number.isdigit() else text2num(number, "en")
        back = -1 if (g.get("w") or "").lower() in ("earlier", "before") else 1  # "two days before it"
        men.kind, men.days = f"rel_prev:{back * n * (7 if g['u'].lower().startswith('week') else 1)}", [today]
        men.inferred = True  # like "for a week": a length, counted by the reader
    elif kind == "after_next":  # "Tuesday after next": a week after the coming Tuesday
        wd = weekday_of(g["wd"])
        men.days = [today + dt.timedelta(days=((wd - today.weekday()) % 7 or 7) + 7)]
    elif kind == "week_from":
        wd = weekday_of(g["wd"])
        first = today + dt.timedelta(days=(wd - today.weekday()) % 7 or 7)
        men.days = [first + dt.timedelta(days=7)]
    elif kind == "wd_rel":
        wd = weekday_of(g["wd"])
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
        elif which == "the":
            men.anchored = "the"  # "back on the Sunday": a Sunday already named, else the next one
        elif which == "the following":
            men.anchored = "after"
        else:
            men.anchored = "weekday"
    return men if men.days else None
