"""Placing the days a request names: relative days counted from the one before, weekdays of the
trip the dated days place, a month said before a bare day, and days the calendar gives."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from agents.intent._before_event import weekday_before_event
from agents.intent._dates import Mention, month_of, nth_weekday, on_or_after
from agents.intent._event_aside import before_occasion
from agents.intent._event_days import event_span, from_event
from agents.intent._model import ReadContext
from agents.intent._shape import (
    _EVENT_DAY,
)

CORRECT = re.compile(
    r"\b(actually|i mean|make it|no wait|oh wait|wait|sorry|instead|scratch that|change of plan)\b", re.I
)


def resolve_days(mentions: list[Mention], text: str, ctx: ReadContext) -> list[Mention]:
    """Days that depend on another: "that Sunday" after a day, "the second Monday of the month",
    a weekday after an anchor, "the day after my conference" (from the calendar)."""
    today = ctx.now.date()
    out: list[Mention] = []
    prev: dt.date | None = None
    first: dt.date | None = None
    shaky = from_calendar = False  # the day named before was ambiguous / came from the calendar
    event: dt.date | None = None  # "the review falls on the first Monday of April"
    ev: tuple[dt.date, dt.date] | None = None  # "the conference runs Tuesday 16 to Thursday 18 March"
    cal = _calendar_days(text, ctx)
    mentions = [m for m in mentions if not any(m.start < c.end and c.start < m.end for c in cal)]
    mentions = sorted(mentions + cal, key=lambda x: x.start)
    # a bare weekday ("back Wednesday") belongs to the trip the dated days place, wherever it is said;
    # the weekdays of "the week after next" fall in that week
    dated = [m.days[0] for m in mentions if m.kind in _DATED + ("holiday",) and m.days and not m.ambiguous]
    first = min(dated) if dated and min(dated) >= today else None
    # "Labor Day weekend... out the Friday, back Monday": a bare weekday is the one nearest the weekend
    span = next((m.days for m in mentions if m.kind == "weekend"), None) if first is None else None
    if first is None and _WEEK_AFTER_NEXT.search(text):
        first = today + dt.timedelta(days=7 - today.weekday() + 7)
    # "next week: out Thursday, back Saturday": the weekdays "next week" is said about fall in it
    next_week = _next_week_spans(text) if first is None else []
    monday = today + dt.timedelta(days=7 - today.weekday())
    for m in mentions:
        if m.kind == "calendar":
            out.append(m)
            prev = m.days[-1]
            first = first or m.days[0]
            shaky, from_calendar = False, True
            continue
        if ev is not None and (got := from_event(text, m, ev)) is not None:  # "out the day before"
            m.days, m.kind = got, "rel_prev" if m.kind.startswith("rel_prev") else m.kind
            out[-1].kind = "event" if out[-1].days[-1] == ev[1] else out[-1].kind  # the event's, no trip's
            out.append(m)
            prev = m.days[0]
            continue
        if m.anchored or m.kind.startswith(("rel_prev", "ordinal_this")):
            m.ambiguous = m.ambiguous or shaky
            # "the Monday after" the trade show is counted from it; "back Sunday" names its day
            m.inferred = m.inferred or (from_calendar and m.anchored not in ("weekday", "dom", "wd_day"))
        if m.kind.startswith("rel_prev"):
            if prev is None:
                continue
            base = event if event and text[m.start : m.end].lower().startswith("the day of") else prev
            m.days = [base + dt.timedelta(days=int(m.kind.split(":")[1]))]
            m.kind = "rel_prev"
            out.append(m)
            prev = m.days[0]
            continue
        if (
            span is not None
            and m.kind in ("wd_rel", "wd_range")
            and m.anchored in ("after", "that", "the", "weekday")
        ):
            shift = _near_weekend(span, m.days[0].weekday()) - m.days[0]
            m.days = [d + shift for d in m.days]  # "Wednesday to Sunday" keeps its length
        elif m.kind.startswith("ordinal_this"):
            _, nth, day_of_week = m.kind.split(":")
            if prev is None:
                continue
            m.days = [nth_weekday(prev.year, prev.month, int(day_of_week), int(nth))]
            m.kind = "ordinal"
        elif m.anchored and m.anchored.startswith("week:"):
            if prev is None:
                continue
            monday = prev - dt.timedelta(days=prev.weekday()) + dt.timedelta(days=7 * int(m.anchored[5:]))
            m.days = [monday + dt.timedelta(days=m.days[0].weekday())]
        elif m.anchored == "wd_day" and first is not None and m.ambiguous:
            m.days, m.ambiguous = _weekday_day_after(m.days[0], first, m.ambiguous)
        elif m.anchored == "that" and prev is not None:
            m.days = [prev + dt.timedelta(days=(m.days[0].weekday() - prev.weekday()) % 7)]
            if _BEFORE_IT.search(text[out[-1].end if out else 0 : m.start]) and m.days[0] > prev:
                m.days = [m.days[0] - dt.timedelta(days=7)]  # "arrive the evening before, so that Monday"
        elif m.anchored == "the" and prev is not None:
            wd = m.days[0].weekday()  # "Sunday the 24th ... returning on the Sunday": that Sunday
            named = [d for n in out for d in n.days if d.weekday() == wd]
            before = weekday_before_event(text, out[-1].start, m.start, m.end, prev, wd) if out else None
            m.days = [
                named[-1] if named else before or prev + dt.timedelta(days=(wd - prev.weekday()) % 7 or 7)
            ]
        elif m.anchored == "after" and prev is not None:
            wd = m.days[0].weekday()
            delta = (wd - prev.weekday()) % 7 or 7
            m.days = [prev + dt.timedelta(days=delta)]
        elif (
            (m.anchored == "weekday" or m.anchored in ("after", "that", "the") and prev is None)
            and (floor := _floor(first, monday, next_week, m.start)) is not None
            and not CORRECT.search(text[max(0, m.start - 30) : m.start])
            and not _NO_BEFORE.search(text[max(0, m.start - 12) : m.start])
            and not re.match(r"this\b", text[m.start : m.end], re.I)  # "this Thursday" is this week's
        ):
            while m.days[0] < floor:
                m.days = [d + dt.timedelta(days=7) for d in m.days]
        elif m.anchored == "before" and prev is not None:
            wd = m.days[0].weekday()
            delta = (prev.weekday() - wd) % 7 or 7
            m.days = [prev - dt.timedelta(days=delta)]
        elif (
            m.anchored in ("dom", "dom_range")
            and (first is None or not out)  # the first day named, even if "November 2" comes later
            and (month := _month_said(text[: m.start], today))
        ):
            days = [d for d in [on_or_after(month, m.days[0].day, today, None)] if d]
            if m.anchored == "dom_range" and days:
                days += _later_dom(m.days[1].day, days[0])
            if len(days) != len(m.days):
                continue
            m.days = days
        elif (
            m.anchored == "dom"
            and first is not None
            and m.days
            and m.days[0] < first
            and (near := before_occasion(text, m, out)) is not None
        ):
            m.days = [near]  # "the conference is on 14 October; I'll fly in on the 13th"
        elif (
            m.anchored == "dom"
            and first is not None
            and m.days
            and m.days[0] < first
            and any(d.start < m.start for d in mentions if d.kind in _DATED)  # "Sept 9, back the 3rd"
        ):
            m.days = [d for d in _later_dom(m.days[0].day, first)]
        elif (
            m.anchored == "dom"
            and prev is not None
            and m.days
            and (m.days[0].year, m.days[0].month) < (prev.year, prev.month)
            and not CORRECT.search(text[max(0, m.start - 30) : m.start])
            and (later := _later_dom(m.days[0].day, prev))
        ):
            # "the 16th, back the 19th" said on the 17th: the 16th is next month's, and so the 19th
            # that follows it; a bare day never goes back a month from the day named before it
            m.days = later
        elif (
            m.anchored == "dom_range"
            and first is not None
            and m.days[0] < first
            # "April 3 to 7 and a hotel from the 4th to the 7th": the days after the dated ones
            and any(d.start < m.start for d in mentions if d.kind in _DATED)
            and (a := _later_dom(m.days[0].day, first))
            and (b := _later_dom(m.days[1].day, a[0]))
        ):
            m.days = a + b
        if m.days and m.days[0] < today:
            continue
        if re.search(r"\b(anything but|not|except|avoid)\s+$", text[max(0, m.start - 14) : m.start], re.I):
            continue
        out.append(m)
        prev = m.days[-1] if not m.window else m.days[0]
        ev = event_span(text, m)  # the days of an event, which travel days may be counted from
        shaky, from_calendar = m.ambiguous, m.inferred
        if _EVENT_DAY.search(text[max(0, m.start - 25) : m.start]):
            event = m.days[0]
        if m.kind != "weekend":
            first = first or m.days[0]
    for k, m in enumerate(out[:-1]):  # "it runs Tuesday 19 to Thursday 21, so out Monday 18, home Friday 22"
        if (
            len(m.days) == 2
            and event_span(text, m)
            and all(event_span(text, n) is None for n in out[k + 1 :])
        ):
            m.kind = "event"  # an event's days, with the travel days said after them
    return out


#: "Thursday. No, Wednesday": the day after "no" replaces the one before, it does not follow it.
_NO_BEFORE = re.compile(r"\bno\s*[,.!-]+\s*(?:make it\s+)?(?:on\s+)?$", re.I)
#: A month said before bare days: "in October", "late May", "mid-June", "the end of next month".
_IN_MONTH = re.compile(
    r"\b(?:(?:in|during|for|of|this|next|around)\s+(?:(?:early|mid|late)[\s-]+)?|(?:early|mid|late)[\s-]+)"
    r"(?P<mon>[a-z]{3,9})\b(?!\s*\d)",
    re.I,
)


def _month_said(before: str, today: dt.date) -> int | None:
    """The month a request named before a bare day ("a week in October, leaving on the 8th", "end of
    next month: out the 27th")."""
    months = [(m.start(), month_of(m.group("mon"))) for m in _IN_MONTH.finditer(before)]
    here = _segments(before)[-1][0] if before else 0  # the clause the bare day is said in
    months += [
        (m.start(), today.month % 12 + 1 if m.group(2).lower() == "next" else today.month)
        for m in _REL_MONTH.finditer(before)
        if m.start() >= here or m.group("part")  # "I'm away next month, so ... the 20th": not the day's
    ]
    named = [(at, month) for at, month in months if month]
    return max(named)[1] if named else None


_REL_MONTH = re.compile(
    r"(?P<part>\b(?:end|start|beginning|middle|early|late|mid)(?:\s+of)?[\s-]+)?\b(this|next)\s+month\b", re.I
)


#: Words between a day and "that <weekday>" that put the weekday before the day: "the conference
#: starts on the 8th, and I need to arrive the evening before, so fly me that Monday".
_BEFORE_IT = re.compile(
    r"\b(?:the\s+)?(?:day|evening|night|morning|afternoon)\s+before\b(?!\s+(?:the|my|our|\d))", re.I
)
_WEEK_AFTER_NEXT = re.compile(r"\bweek after next\b", re.I)
#: The trip's week said as next week, not one the traveller cannot travel in ("I'm off all next week").
_NEXT_WEEK = re.compile(
    r"(?<!\bnot )(?<!\bn't )(?<!\boff )(?<!\baway )(?<!\bexcept )(?<!\bbusy )(?<!\ball )\bnext week\b", re.I
)
_DATED = ("iso", "mon_day", "day_mon", "mon_range", "range_mon", "ordinal", "wd_day", "wd_day_range")


#: Where a clause ends: a sentence's end, or a comma or the start before "so", "but", "because",
#: "since", "as" that begins another clause ("The report is due next week, so fly me Wednesday").
_CLAUSE_END = re.compile(
    r"[.;!?](?=\s|$)|\n|,?\s*\b(?:so|but|because|since|though|although)\b(?!\s+(?:that|much|far)\b)", re.I
)
#: A clause put before the one it is about, ended by its comma: "Since next week is full, ...".
_FRONTED = re.compile(r"[\s.;!?,]*(?:since|because|as|though|although|if|while|with)\b", re.I)
#: A "next week" said on its own, as a lead-in or a trailer: "Chicago to Atlanta, next week.",
#: "Next week - ...", "..., that's next week, not this one", "Next week, that is."
_BARE_NEXT_WEEK = re.compile(
    r"^(?:(?:that'?s|that is|it'?s|it is|i\.?e\.?)\s+)?next week(?:\s+please)?$", re.I
)


def _segments(text: str) -> list[tuple[int, int]]:
    """The clauses of ``text`` as (start, end) offsets."""
    cuts = [0] + [m.start() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    for a, b in list(itertools.pairwise(cuts)):  # "Since next week is full, Denver on Wednesday"
        if _FRONTED.match(text[a:b]) and (comma := text.find(",", a, b)) > 0:
            cuts.append(comma)
    cuts.sort()
    return [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip(" ,.;!?\n")] or [(0, len(text))]


def _next_week_spans(text: str) -> list[tuple[int, int]]:
    """Where bare weekdays fall in next week: after a "next week" in its own clause ("Portland next
    week please, leaving Thursday"), or anywhere when it is said on its own ("Out Friday, back Sunday.
    Next week, that is."); never for a week the traveller cannot travel in, nor one said about
    something else ("The report is due next week, so fly me Wednesday")."""
    spans: list[tuple[int, int]] = []
    for m in _NEXT_WEEK.finditer(text):
        part = re.split(r"[,:()\u2013\u2014]|\s-\s|[.;!?](?=\s|$)", text[: m.start()])[-1]
        rest = re.split(r"[,:()\u2013\u2014]|\s-\s|[.;!?](?=\s|$)", text[m.start() :])[0]
        if _BARE_NEXT_WEEK.match((part + rest).strip()):
            return [(0, len(text))]
        spans += [(m.start(), b) for a, b in _segments(text) if a <= m.start() < b]
    return spans


def _floor(first: dt.date | None, monday: dt.date, spans: list[tuple[int, int]], at: int) -> dt.date | None:
    """The day a bare weekday said at ``at`` cannot fall before."""
    if any(a <= at < b for a, b in spans):
        return max(first, monday) if first else monday
    return first


def _near_weekend(span: list[dt.date], wd: int) -> dt.date:
    """The weekday ``wd`` nearest a weekend (inside it when it falls there): Friday before a Saturday,
    Monday after a Sunday, Wednesday before a Thanksgiving weekend."""

    def gap(d: dt.date) -> int:
        return 0 if span[0] <= d <= span[-1] else min(abs((d - span[0]).days), abs((d - span[-1]).days))

    days = [span[0] + dt.timedelta(days=k) for k in range(-6, (span[-1] - span[0]).days + 7)]
    return min((d for d in days if d.weekday() == wd), key=lambda d: (gap(d), d))


def _weekday_day_after(day: dt.date, after: dt.date, ambiguous: bool) -> tuple[list[dt.date], bool]:
    """ "Back Sunday the 12th" after "September 9": the first such pair on or after the day named
    before, clear when it falls within a month of it."""
    d = after
    for _ in range(12):
        found = _later_dom(day.day, d)
        if not found:
            break
        if found[0].weekday() == day.weekday():
            return found, (found[0] - after).days > 31 and ambiguous
        d = found[0] + dt.timedelta(days=1)
    return [day], ambiguous


def _later_dom(day: int, after: dt.date) -> list[dt.date]:
    y, mth = after.year, after.month
    for _ in range(3):
        try:
            d = dt.date(y, mth, day)
            if d >= after:
                return [d]
        except ValueError:
            pass
        y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
    return []


def _calendar_days(text: str, ctx: ReadContext) -> list[Mention]:
    """ "the day after my dentist appointment", "in the day it starts, out the day after it ends"."""
    from agents.intent._calendar import calendar_mentions

    return calendar_mentions(text, ctx)
