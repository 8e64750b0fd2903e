"""Travel days said relative to an event whose days were just named.

"The conference runs Tuesday 16 to Thursday 18 March; out the day before and back the day after":
both relative days are counted from the event, "the day before" from its first day and "the day
after" from its last, not from each other. "The wedding is Saturday 20 March; out the Friday and back
the Sunday": a bare weekday said with the way out is the one on or before the event, with the way
back the one on or after it. ``event_span`` finds an event's days (a day or range said in a clause
that names an event, or "it runs / starts / is on ..."); ``from_event`` places a relative day by it.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._dates import Mention
from agents.intent._shape import _EVENT_MORE, _OUT_CUE, EVENT, _clause_before, _is_back

#: "it runs ...", "the summit is ...", "it starts on ...": the day or days said next are an event's
_EVENT_VERB = re.compile(r"\b(?:it|which|that)\s+(?:runs|starts|begins|is on|is)\b|\bruns\b", re.I)
#: "the day after that": counted from the day just said, not from the event
_CHAINED = re.compile(r"^\s+(?:that|this)\b", re.I)


def event_span(text: str, m: Mention) -> tuple[dt.date, dt.date] | None:
    """The event's first and last day when ``m`` names an event's day or days, else None."""
    if not m.days or m.window or m.kind.startswith("rel_prev") or m.kind == "calendar":
        return None
    before = _clause_before(text, m.start)
    # the clause, or, when the days open their clause, the sentence they end ("The offsite is next
    # week in Denver, Wednesday through Friday."; not "It runs Tue 16 to Thu 18, so I'd get there Mon 15")
    sentence = re.split(r"[.;!?]", text[max(0, m.start - 80) : m.start])[-1]
    for said in (before, sentence) if not before.strip() else (before,):
        if EVENT.search(said) or _EVENT_MORE.search(said) or _EVENT_VERB.search(said):
            if not _TRAVEL.search(said):
                return m.days[0], m.days[-1]
    return None


_TRAVEL = re.compile(r"\b(fly|flight|flying|back|return\w*|home|out|leav\w*|depart\w*)\b", re.I)


def from_event(text: str, m: Mention, span: tuple[dt.date, dt.date]) -> list[dt.date] | None:
    """The day ``m`` names counted from the event's ``span``, or None when it is not said of it."""
    said = text[m.start : m.end].lower()
    if m.kind.startswith("rel_prev:") and said.startswith(
        ("the day", "the night", "the morning", "the evening", "the afternoon")
    ):
        shift = int(m.kind.split(":")[1])
        if shift == 0 or _CHAINED.match(text[m.end : m.end + 8]):
            return None
        return [(span[0] if shift < 0 else span[1]) + dt.timedelta(days=shift)]
    if m.kind == "wd_rel" and m.anchored == "the":
        wd = m.days[0].weekday()
        before = _clause_before(text, m.start)
        if _is_back(before):  # "back the Sunday": on or after the event's last day
            return [span[1] + dt.timedelta(days=(wd - span[1].weekday()) % 7)]
        if _OUT_CUE.search(before):  # "out the Friday": on or before its first day
            return [span[0] - dt.timedelta(days=(span[0].weekday() - wd) % 7)]
    return None
