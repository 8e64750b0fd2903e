"""Which flight a time limit is about, when the clause says it by a place, a day or its line.

"be in Frankfurt by 6" is about the flight that lands in Frankfurt, "can't leave Chicago before 3"
about the one that leaves Chicago, "nothing before 3 on Saturday" about the flight of that
Saturday (a day names a departure only: "land by 10 on Monday" may be a deadline a Sunday flight
meets); in a request
written one line per flight ("Leg 2: Frankfurt to Amsterdam, Wednesday. No departures before 10am."),
a limit said without a cue belongs to the flight its line is about. A careful travel agent puts a
limit on the flight the traveller's words point at, and on no other.
"""

from __future__ import annotations

import re

from agents.intent._model import LegIntent
from agents.intent._places import find_places
from agents.intent._time_reader import time_limits
from agents.intent._words import soft

#: Words before a city that make it the place a flight lands in, or the place it leaves.
_INTO = re.compile(
    r"\b(?:in|into|to|at|reach(?:ing)?|hit(?:ting)?)\s+(?:(?:the\s+)?(?:airport\s+)?(?:in|at|of)\s+)?$", re.I
)
_OUT_OF = re.compile(r"\b(?:leav\w*|depart\w*|out of|from|fly(?:ing)? out of|get(?:ting)? out of)\s+$", re.I)
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:s|\.|day|nesday|rsday|urday|sday)?\b", re.I)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_DATE = re.compile(
    r"\b(?P<mo>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<n>\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(?:the\s+)?(?P<n2>\d{1,2})(?:st|nd|rd|th)\b(?:\s+(?:of\s+)?(?P<mo2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)?",
    re.I,
)
_LEG_LABEL = re.compile(r"^\s*(?:leg|flight|segment)\s*(?P<n>\d)\b", re.I)


def _one(found: list[int]) -> int | None:
    return found[0] if len(set(found)) == 1 else None


def by_place(clause: str, legs: list[LegIntent], kind: str) -> LegIntent | None:
    """The one leg a clause names by a city it lands in (an arrival limit) or leaves (a departure
    limit): "be in Frankfurt by 6", "land in Chicago by 1", "can't leave Chicago before 3"."""
    hits: list[int] = []
    for p in find_places(clause):
        before = clause[max(0, p.start - 30) : p.start]
        if kind.startswith("arrive") and _INTO.search(before):
            hits += [i for i, leg in enumerate(legs) if leg.destination == p.code]
        elif kind.startswith("depart") and _OUT_OF.search(before):
            hits += [i for i, leg in enumerate(legs) if leg.origin == p.code]
    at = _one(hits)
    return legs[at] if at is not None else None


def by_day(clause: str, legs: list[LegIntent]) -> LegIntent | None:
    """The one leg whose day a clause names ("by 8pm Friday", "before 3 on Saturday the 23rd"): a
    date first, else a weekday, when exactly one leg leaves that day."""
    dated = [leg for leg in legs if leg.date]
    hits: list[int] = []
    for m in _DATE.finditer(clause):
        n = int(m.group("n") or m.group("n2"))
        mo = (m.group("mo") or m.group("mo2") or "").lower()[:3]
        hits += [
            legs.index(leg)
            for leg in dated
            if leg.date
            and leg.date.day == n
            and (not mo or (mo in _MONTHS and _MONTHS.index(mo) + 1 == leg.date.month))
        ]
    if not hits:
        days = {m.group(1).lower() for m in _WEEKDAY.finditer(clause)}
        hits = [legs.index(leg) for leg in dated if leg.date and leg.date.strftime("%a").lower() in days]
    at = _one(hits)
    return legs[at] if at is not None else None


def by_line(text: str, clause: str, legs: list[LegIntent]) -> LegIntent | None:
    """The leg the line a clause is written on is about, in a request written one line per flight:
    a label ("Leg 2:") or the one leg whose route the line names ("Frankfurt to Amsterdam")."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2 or len(legs) < 2:
        return None
    line = next((ln for ln in lines if clause.strip() and clause.strip()[:40] in ln), None)
    if line is None or len(line.split()) > 30:
        return None  # a paragraph (a forwarded e-mail's body) is no line of one flight
    label = _LEG_LABEL.match(line)
    if label and 1 <= int(label.group("n")) <= len(legs):
        return legs[int(label.group("n")) - 1]
    at = _one(_routes_named(line, legs))
    # one line per flight: other lines name the other flights ("Please book ... in Denver: fly from
    # O'Hare Tuesday, back Thursday ..." is one paragraph with an answer after it, not a list)
    named = {i for ln in lines for i in _routes_named(ln, legs)}
    return legs[at] if at is not None and len(named) >= 2 else None


def _routes_named(line: str, legs: list[LegIntent]) -> list[int]:
    codes = [p.code for p in find_places(line)]
    return [
        i
        for i, leg in enumerate(legs)
        if any(codes[k : k + 2] == [leg.origin, leg.destination] for k in range(len(codes)))
    ]


def limit_leg(text: str, clause: str, legs: list[LegIntent], kind: str) -> LegIntent | None:
    """The one leg a time limit of ``kind`` said in ``clause`` is about, by its place, its day or
    its line; None when the clause does not say (the caller's cues and defaults decide)."""
    if len(legs) < 2:
        return None
    # a day names the flight that leaves that day; a landing limit's day may be a deadline met by an
    # earlier flight ("land by 10 on Monday" for a Sunday flight out), so only its place names it
    day = by_day(clause, legs) if kind.startswith("depart") else None
    return by_place(clause, legs, kind) or _there(clause, legs, kind) or day or by_line(text, clause, legs)


_THERE = re.compile(r"\b(?:be|get|gets|getting|me|us|arrive|land)\s+there\b", re.I)


def _there(clause: str, legs: list[LegIntent], kind: str) -> LegIntent | None:
    """ "be there by 10", "get me there in time for a 11am interview": landing *there* is the way out
    of a round trip, whatever else the sentence says of the way back."""
    round_trip = len(legs) == 2 and legs[0].origin == legs[1].destination
    return legs[0] if round_trip and kind.startswith("arrive") and _THERE.search(clause) else None


#: Words that make a time a requirement even in a sentence that hedges something else ("I'd like to
#: fly on Saturday, landing by 4 pm at the latest").
_TIME_FIRM = re.compile(
    r"\b(?:must|need\w*|has to|have to|required|essential|at the latest|at the earliest|latest|earliest|"
    r"no later than|no earlier than|can't|cannot|can not|won't|mustn't|not (?:before|after|earlier|later)|"
    r"nothing (?:before|after|earlier|later))\b",
    re.I,
)
_PIECES = re.compile(r"[,;()]|\band\b|\bbut\b", re.I)


def time_hedged(sent: str, conceded: bool = False) -> bool:
    """Whether the time limits of a hedged sentence are wishes: the comma piece a time is said in
    hedges it, or says nothing firm of it; a requirement taken back after "but" (``conceded``) is a
    wish whatever its words."""
    if conceded:
        return True
    timed = [p for p in _PIECES.split(sent) if p and time_limits(p)]
    if not timed:
        return True
    return any(soft(p) or not _TIME_FIRM.search(p) for p in timed)


_SPLIT = re.compile(r"\s*(?:[,;]|\band\b|\bbut\b|\bwhile\b|\bthen\b)\s*", re.I)
_BACK_WORDS = re.compile(
    r"\b(?:way back|flight back|flying back|coming back|fly back|back home|return\w*|home|inbound|be back)\b",
    re.I,
)
_OUT_WORDS = re.compile(
    r"\b(?:way out|outbound|going out|flight out|fly(?:ing)? out|out|going there)\b", re.I
)


def time_parts(sent: str) -> list[str]:
    """A sentence with limits on more than one flight, cut into one part per limit ("land by 1:30
    on the way out and can't leave before 4 coming back"); a piece with no time goes with the
    limit after it (or before it, at the end). One part, the sentence, when it has fewer than two."""
    pieces = [p for p in _SPLIT.split(sent) if p.strip()]
    timed = [bool(time_limits(p)) for p in pieces]
    if sum(timed) < 2:
        return [sent]
    parts: list[str] = []
    pending = ""
    for piece, has in zip(pieces, timed, strict=True):
        if has:
            parts.append(f"{pending} {piece}".strip())
            pending = ""
        else:
            pending = f"{pending} {piece}".strip()
    if pending:
        parts[-1] = f"{parts[-1]} {pending}"
    return parts


def part_cue(part: str, legs: list[LegIntent]) -> LegIntent | None:
    """The flight a part of a sentence names by "out" or "back" (only that part's own words)."""
    if len(legs) < 2:
        return None
    back, out = _BACK_WORDS.search(part), _OUT_WORDS.search(part)
    if back and not out:
        return legs[-1]
    if out and not back:
        return legs[0]
    return None


#: The way back told as a later step: "..., then back the same night", "and then fly home Sunday".
_THEN_BACK = re.compile(
    r"\bthen\s+(?:\w+\s+){0,3}?(?:back|home|return\w*|retrun\w*|fly(?:ing)? home)\b", re.I
)


def told_before_back(sentence: str, part: str, legs: list[LegIntent]) -> LegIntent | None:
    """The way out, for a limit said before the sentence moves on to the way back ("fly from Toronto
    in the morning, I need to be landed by 10, then return the same night"): a trip told in order."""
    then = _THEN_BACK.search(sentence)
    at = sentence.find(part.strip()[:30]) if part.strip() else -1
    if len(legs) < 2 or then is None or at < 0 or at >= then.start():
        return None
    return legs[0]
