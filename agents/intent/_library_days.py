"""The days Recognizers-Text reads in a request, as a second reader beside our own (``_dates``).

Recognizers-Text (``_recognizers.datetimes``) reads the days a request names against the world's
clock. Tried on the phrasings of this project's golden set, it reads well what is written with a
month: "the twelfth of March", "first of April", "the twenty-first of April", "March the 3rd to
March the 6th", "between the 3rd and the 7th of March", "the 2nd Tuesday of March", and a day of the
month spelt as a word ("back on the fifteenth"). It is wrong or silent on much of the rest, which
our own rules (``_dates``, ``_resolve_days``, ``_numeric``, ``_holidays``) keep reading:

- days counted from another day or a calendar entry ("the day after", "the day before my meeting",
  "a week later", "four days later"): the library counts them from today;
- weekdays ("Friday", "that Friday", "back the Sunday"): the library takes the next one from today,
  not the one of the trip; weekday + day pairs ("Fri 5th", "Thurs 13th"): a malformed timex or the
  weekday alone; "Tuesday week", "Friday fortnight": the weekday alone;
- "two weeks from tomorrow" (a day short), "this coming Sunday" (a week late), "next Friday" (one
  reading where the README has two: we ask);
- day ranges without a month ("from the 14th through the 17th", "the 30th to the 2nd"): nothing;
- weekends ("the weekend after next": a month; "the last weekend in May": last week's);
- numeric dates ("3/4"): always month first, where the traveller's home decides (``_numeric``);
- "the second Monday of the month": this month, not the month of the day named before it.

So the library is used for what it reads with a month in its words, and for days of the month spelt
as words, and never for a day counted from something else. Against our reading of the same words:

- the library reads a day our rules miss ("the twelfth of March"): it is added, marked ``inferred``
  (one reader only: the agent states it as an assumption and never refuses on it alone);
- the library's words hold a month ours did not read with the day ("March the 3rd" read by us as
  "the 3rd"): the library's reading covers more of the words and replaces ours;
- both read the same words with a month and place them on different days: neither is clearly right,
  so the day is ``ambiguous`` and the agent asks (``unknown: dates``) rather than book a guess;
- both agree: nothing changes.

A day the traveller takes back ("the third of April — no wait, the fourth", "not the third of April
but the fourth", "the third of April. Scratch that, the fourth") is never added by the library: when
our rules do not read the day said in its stead, the day taken back would otherwise stand alone.

The library is asked one sentence at a time (a long one a clause at a time), and only about one that
names a month or an ordinal word (every reading used here has one): its cost grows faster than the
length of what it reads, and every reading used here lies within a sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from agents.intent._mention import Mention, month_of, next_dom
from agents.intent._recognizers import Found, datetimes
from agents.intent._withdrawn import is_withdrawn

_MONTH_WORD = re.compile(r"[a-z]{3,9}", re.I)
#: A day of a named month ("XXXX-03-12", "2027-03-12") or an ordinal weekday of one ("XXXX-03-WXX-2-#2").
_DAY_OF_MONTH = re.compile(r"^(?:\d{4}|XXXX)-(?P<m>\d\d)-(?:\d\d|WXX-\d-#\d)$")
#: A day of the month with no month ("XXXX-XX-15": "the fifteenth").
_BARE_DAY = re.compile(r"^XXXX-XX-(?P<d>\d\d)$")
#: Two days of a named month: "(XXXX-03-03,XXXX-03-06,P3D)".
_DAY_RANGE = re.compile(r"^\((?:\d{4}|XXXX)-\d\d-\d\d,(?:\d{4}|XXXX)-\d\d-\d\d,P\d+D\)$")
#: Words that make a day counted from another, which the library counts from today.
_COUNTED = re.compile(r"\b(?:before|after|later|earlier|following|week|fortnight)\b", re.I)
_ORDINAL_WORD = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|"
    r"twentieth|(?:twenty|thirty)[\s-]?(?:first|second|third|\w+th)|thirtieth)\b",
    re.I,
)


#: Words that take back the day just said, then (within a few words) the day said in its stead ("— no
#: wait, the fourth", ", sorry, I mean the 4th", ". Scratch that, let's say Friday", ", make that the fourth").
_REPAIR_WORD = (
    r"(?:no+\s*wait|oh\s*wait|wait,?\s*no|no+|nope|sorry|i\s+mean|i\s+meant|wait|hang\s+on|hold\s+on|"
    r"make\s+(?:it|that)|or\s+rather|rather|correction|actually|(?:scratch|scrap|forget|strike)\s+that|"
    r"never\s*mind|on\s+second\s+thoughts?)"
)
_SEP = r"[\s,.;:!()\-\u2013\u2014]"
_TAKEN_BACK = re.compile(
    rf"^{_SEP}*{_REPAIR_WORD}\b(?:{_SEP}+{_REPAIR_WORD}\b)*{_SEP}*(?:[a-z']+\s+){{0,3}}?(?:on\s+)?(?:the\s+)?"
    r"(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|"
    r"twentieth|twenty|thirtieth|thirty)",
    re.I,
)


#: Where a sentence ends ("." before a word, not "Apr. 3"), and where a long one's clauses do.
_SENTENCE_END = re.compile(r"[!?;\n]+|\.+(?=\s+\D)")
_CLAUSE_END = re.compile(r"[,\u2013\u2014]|\s-\s")
_LONG = 400


def _pieces(text: str, ends: re.Pattern[str], start: int, stop: int) -> Iterator[tuple[int, int]]:
    for cut in ends.finditer(text, start, stop):
        if cut.end() > start:
            yield start, cut.end()
        start = cut.end()
    if stop > start:
        yield start, stop


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    """The sentences of ``text`` (a long one cut into its clauses) that may name a day."""
    for a, b in _pieces(text, _SENTENCE_END, 0, len(text)):
        for c, d in _pieces(text, _CLAUSE_END, a, b) if b - a > _LONG else [(a, b)]:
            if _ORDINAL_WORD.search(text, c, d) or _names_month(text[c:d]):
                yield c, d


def _found(text: str, now: dt.datetime) -> Iterator[Found]:
    """What the library finds in ``text``, asked clause by clause, placed in the whole text."""
    for a, b in _clauses(text):
        for f in datetimes(text[a:b], now.replace(tzinfo=None)):  # nothing found against an aware clock
            yield replace(f, start=f.start + a, end=f.end + a)


def _taken_back(text: str, m: Mention) -> bool:
    """The traveller takes the day back: a word withdraws it ("not the third of April"), or words of
    repair follow it and then another day ("the third of April, sorry, I mean the fourth")."""
    return is_withdrawn(text, m) or bool(_TAKEN_BACK.match(text[m.end : m.end + 60]))


def _names_month(words: str) -> bool:
    """The words name a month ("March", "apr."), not "the month"."""
    return any(month_of(w) is not None and w.lower() != "month" for w in _MONTH_WORD.findall(words))


def _future_days(f: Found, today: dt.date) -> list[dt.date]:
    """The earliest reading on or after ``today``: one day, or the two ends of a range."""
    best: list[dt.date] | None = None
    for v in f.future(today):
        try:
            if "value" in v:
                days = [dt.date.fromisoformat(v["value"][:10])]
            else:
                days = [dt.date.fromisoformat(v["start"][:10]), dt.date.fromisoformat(v["end"][:10])]
        except (KeyError, ValueError):
            continue
        if days[0] >= today and (best is None or days[0] < best[0]):
            best = days
    return best or []


def _all_days(f: Found) -> set[tuple[dt.date, ...]]:
    """Every reading the library gives (the past one too): what "both support" is checked against."""
    out: set[tuple[dt.date, ...]] = set()
    for v in f.values:
        try:
            if "value" in v:
                out.add((dt.date.fromisoformat(v["value"][:10]),))
            else:
                out.add((dt.date.fromisoformat(v["start"][:10]), dt.date.fromisoformat(v["end"][:10])))
        except (KeyError, ValueError):
            continue
    return out


def _reading(f: Found, today: dt.date) -> Mention | None:
    """The library's reading of ``f`` as a mention, when it is one the library reads well."""
    if f.mod or f.kind not in ("date", "daterange") or not f.values or _COUNTED.search(f.text):
        return None
    timex = f.values[0].get("timex") or ""
    if _BARE_DAY.match(timex) and _ORDINAL_WORD.search(f.text):  # "the fifteenth": placed like "the 15th"
        days = next_dom(int(timex[-2:]), today)[:1]
        return Mention(f.start, f.end, "day", days, anchored="dom") if days else None
    if not _names_month(f.text):
        return None
    if f.kind == "date" and _DAY_OF_MONTH.match(timex):
        days = _future_days(f, today)
        return Mention(f.start, f.end, "day_mon", days) if len(days) == 1 else None
    if f.kind == "daterange" and _DAY_RANGE.match(timex):
        days = _future_days(f, today)
        return Mention(f.start, f.end, "range_mon", days) if len(days) == 2 and days[0] < days[1] else None
    return None


def checked(ours: list[Mention], text: str, now: dt.datetime) -> list[Mention]:
    """Our mentions, checked against the library's and completed by them (module docstring)."""
    today = now.date()
    out = list(ours)
    for f in _found(text, now):
        lib = _reading(f, today)
        if lib is None or _taken_back(text, lib):
            continue  # a day taken back is read by our rules, or not at all
        over = [m for m in out if m.start < lib.end and lib.start < m.end]
        if not over:
            lib.inferred = True  # read by the library alone
            out.append(lib)
            continue
        if lib.kind == "day":
            continue  # our rules read a day of the month in its context
        said = [m for m in over if _names_month(text[m.start : m.end])]
        if not said:  # "March the 3rd to March the 6th" read by us as "the 3rd", "the 6th"
            if all(lib.start <= m.start and m.end <= lib.end for m in over):
                out = [m for m in out if m not in over] + [lib]
            continue
        supported = _all_days(f)
        for m in said:
            if m.kind != "numeric" and len(m.days) == len(lib.days) and tuple(m.days) not in supported:
                m.ambiguous = True  # two readers, two days, neither clearly right: ask
    return sorted(out, key=lambda m: m.start)
