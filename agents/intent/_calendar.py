"""Days read from the traveller's calendar: "the day after my dentist appointment", "fly in the day it
starts, out the day after it ends". A date rule (an event, which end of it, an offset in days) is
resolved against the calendar entries the agent has (``ReadContext.calendar``)."""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from agents.intent._dates import Mention
from agents.intent._model import CalendarEntry, ReadContext

_RULE = re.compile(
    r"\b(?:(?P<off>the day after|the day before|the morning after|the night before)|(?P<on>the day|for the whole of|in time for|for|during|for the duration of|throughout))\s+"
    r"(?:(?:my|the|our|her|his)\s+)?(?P<what>[\w'&\- ]{2,40}?)\s*(?P<edge>starts|begins|ends|finishes|wraps up|is over|'s over)?\b"
    r"(?=[,.;!?]|\s+(?:and|then|back|home|out|one|,|plus|for|with|i|so|please)\b|$)",
    re.I,
)
_SPAN = ("for the whole of", "for", "during", "for the duration of", "throughout")
_STAY = re.compile(r"\b(hotels?|stay|rooms?|accommodation|crash|sleep|bed|lodging|put (?:me|us) up)\b", re.I)
_IT = re.compile(r"^(it|that|this|the event|the conference|the offsite|the workshop)$", re.I)


# where the event is written down, not what it is: "on my calendar", "that's in my diary"
_WHERE_WRITTEN = re.compile(
    r"\b(?:(?:that's|that is|which is|as)\s+)?(?:on|in)\s+(?:my|the|our)\s+(?:calendar|diary|schedule|agenda)\b",
    re.I,
)


def _shared(words: str, title: str) -> int:
    """How many words of four letters or more ``words`` and a calendar title share ("workshop")."""
    mine = {w for w in re.findall(r"[a-z]{4,}", words.lower()) if w not in ("with", "that", "this", "from")}
    return len(mine & set(re.findall(r"[a-z]{4,}", title.lower())))


_GENERIC = re.compile(r"\b(meeting|event|session|thing|appointment|workshop|conference|visit)s?\b", re.I)


def _at_destination(what: str, ctx: ReadContext, text: str) -> CalendarEntry | None:
    """ "The day before my meeting there": an event named only generically is the one calendar entry
    held in a city the request names (not the traveller's home), when exactly one is."""
    if not _GENERIC.search(what):
        return None
    from agents.intent._places import find_places

    named = {p.code for p in find_places(text)} - {ctx.home}
    here = [e for e in ctx.calendar if {p.code for p in find_places(e.title)} & named]
    return here[0] if len(here) == 1 else None


def _event(what: str, ctx: ReadContext, text: str) -> CalendarEntry | None:
    entries = ctx.calendar
    if not entries:
        return None
    words = re.sub(r"\b(it|starts|ends|last|first|my|the|appointment|'s)\b", " ", what, flags=re.I).strip()
    if _IT.match(what.strip()) or not words:
        scored = [
            (max(fuzz.partial_ratio(e.title.lower(), tok) for tok in text.lower().split() if len(tok) > 3), e)
            for e in entries
        ]
        return max(scored, key=lambda x: x[0])[1] if len(entries) > 1 else entries[0]
    words = _WHERE_WRITTEN.sub(" ", words).strip()
    best = max(
        entries, key=lambda e: (_shared(words, e.title), fuzz.token_set_ratio(words.lower(), e.title.lower()))
    )
    if fuzz.token_set_ratio(words.lower(), best.title.lower()) < 50 and not _shared(words, best.title):
        if re.search(r"\blast\b", what, re.I):
            return max(entries, key=lambda e: e.end)
        return _at_destination(what, ctx, text)
    if re.search(r"\blast\b", what, re.I):
        same = [e for e in entries if fuzz.token_set_ratio(words.lower(), e.title.lower()) >= 50]
        return max(same, key=lambda e: e.end)
    return best


def calendar_mentions(text: str, ctx: ReadContext) -> list[Mention]:
    out = []
    for m in _RULE.finditer(text):
        what = m.group("what")
        edge = (m.group("edge") or "").lower()
        ev = _event(what, ctx, text)
        if ev is None:
            continue
        start, end = ev.start.date(), ev.end.date()
        if ev.end.time() == dt.time(0) and end > start:
            end -= dt.timedelta(days=1)
        off = (m.group("off") or "").lower()
        base = (
            end
            if edge in ("ends", "finishes", "wraps up", "is over", "'s over")
            or off in ("the day after", "the morning after")
            and not edge.startswith(("start", "begin"))
            else start
        )
        if edge in ("starts", "begins"):
            base = start
        if (
            m.group("on")
            and m.group("on").lower() in _SPAN[1:]
            and not _STAY.search(text[max(0, m.start() - 40) : m.start()])
        ):
            continue  # "flights for the offsite" names no days; "a hotel for the offsite" its nights
        if m.group("on") and m.group("on").lower() in _SPAN:
            out.append(Mention(m.start(), m.end(), "calendar", [start, end + dt.timedelta(days=1)]))
            continue
        shift = (
            1
            if off in ("the day after", "the morning after")
            else -1
            if off in ("the day before", "the night before")
            else 0
        )
        out.append(Mention(m.start(), m.end(), "calendar", [base + dt.timedelta(days=shift)]))
    return out
