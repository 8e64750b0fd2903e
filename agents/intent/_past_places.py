"""A city named only in a past-tense aside is no stop of the trip: "let's share a room, we did it in
Lisbon and survived", "the hotel we had in Denver was awful", "like when I was in Paris". The words
before it in its clause tell what happened before, not where to go; a city named again elsewhere in
the request (or the only city named) stays.
"""

from __future__ import annotations

import re

from agents.intent._places import Place

#: A past-tense verb (or a time in the past) in the clause before the city.
_PAST = re.compile(
    r"\b(?:did|went|was|were|had|stayed|visited|been|lived|used to|last (?:time|year|month|summer|winter|trip)|"
    r"(?:a )?(?:year|month|week)s? ago)\b",
    re.I,
)
#: A time in the past said after the city, with a verb in the past before it ("shared in Orlando before").
_PAST_AFTER = re.compile(
    r"\b(?:before|previously|once|ago|last (?:time|year|month|summer|winter)|back then)\b", re.I
)
_ED = re.compile(r"\b\w{3,}ed\b", re.I)
#: What ends the clause the city is in, looking back from it.
_CLAUSE_END = re.compile(r"[.;:!?,()]|\b(?:and then|then|so|but)\b", re.I)
#: Words in the same stretch that ask for travel ("we went through X on the way to Y" aside).
_ASKS = re.compile(r"\b(?:want|need|would like|'d like|book|fly|flying|going|heading|to go|get)\b", re.I)


def present_places(places: list[Place], text: str) -> list[Place]:
    """``places`` without the cities only a past-tense aside names."""
    if len(places) < 2:
        return places
    out = []
    for p in places:
        again = any(q.code == p.code and q is not p for q in places)
        before = text[max(0, p.start - 40) : p.start]
        cut = list(_CLAUSE_END.finditer(before))
        clause = before[cut[-1].end() :] if cut else before
        rest = _CLAUSE_END.split(text[p.end : p.end + 40])[0]  # "we shared in Orlando before"
        past = _PAST.search(clause) or (_PAST_AFTER.search(rest) and _ED.search(clause))
        if not again and past and not _ASKS.search(clause):
            continue
        out.append(p)
    return out if out else places
