"""Which stay a hotel limit is about, in a trip with stays in several cities: the stay of the city its
clause names. "Boston hotel ... max $650/night, DC hotel ... max $500/night" caps each stay at its own
rate; "In Chicago 4 stars minimum; in Denver anything is fine" asks stars of Chicago's stay only.

A limit said of the hotels together ("hotels in both", "each hotel", "all the hotels") or in a
sentence that names no stay's city holds for every stay, as it does in a trip with one stay.
"""

from __future__ import annotations

import re

from agents.intent._gazetteer import CITY_NAMES
from agents.intent._model import StayIntent, TripIntent
from agents.intent._places import find_places
from agents.intent._words import money

_CUT = re.compile(r"[,;()]|\b(?:and|but)\b")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")
#: Said of the hotels together, not of one city's.
_TOGETHER = re.compile(r"\b(?:both|each|every|all|hotels|either|any)\b", re.I)
#: A price that was paid, not a cap: "my friend in DC paid $500 a night", "we spent $400 a night there
#: last year".
_PAID = re.compile(
    r"\b(?:paid|spent|was\s+charged|were\s+charged|cost\s+(?:me|us|him|her|them)|last\s+(?:time|year|trip)|stayed|used\s+to)\b",
    re.I,
)


def city_at(sent: str, at: int, cities: set[str | None]) -> str | None:
    """The stay city a limit at ``at`` of ``sent`` is about: one named in its own piece, else the last
    named before it in the sentence, else the first after it; None when the sentence names no stay's
    city, names one only, or speaks of the hotels together."""
    if len(cities) < 2:
        return None
    lo = max([m.end() for m in _CUT.finditer(sent[:at])] or [0])
    hi = next((at + m.start() for m in _CUT.finditer(sent[at:])), len(sent))
    if _TOGETHER.search(sent[lo:hi]):
        return None
    found = [p for p in find_places(sent) if p.code in cities]
    own = [p for p in found if lo <= p.start < hi]
    before = [p for p in found if p.start < at]
    after = [p for p in found if p.start >= at]
    pick = own or before[-1:] or after[:1]
    return pick[0].code if pick else None


def city_caps(intent: TripIntent, text: str) -> None:
    """Give each stay the nightly cap said of its city ("Chicago under $300 a night, New York max
    $450"); a cap said of no one city (or of the hotels together) holds for the stays no cap names."""
    cities = {s.city for s in intent.stays if s.city}
    if len(cities) < 2:
        return
    own: dict[str, float] = {}
    rest: list[str] = []
    paid = False
    gapped: dict[str, float] = {}  # "DC up to $450 a night, Boston under $300": "a night" said once
    for sent in _SENTENCE.split(text):
        bare: dict[str, float] = {}
        nightly_here = False
        marks = find_places(sent)
        pieces: list[tuple[str, str | None]] = [(sent[: marks[0].start] if marks else sent, None)]
        pieces += [
            (sent[p.start : marks[i + 1].start if i + 1 < len(marks) else len(sent)], p.code)
            for i, p in enumerate(marks)
        ]
        for k, (piece, code) in enumerate(pieces):
            lead = pieces[k - 1][0] if k else ""
            clause = _CUT.split(lead)[-1] + _CUT.split(piece)[0]  # "my friend in" + "DC paid $500 a night"
            if _PAID.search(clause):
                paid = True
                continue  # someone's past price, no cap
            m = money(piece)
            if m.nightly is None or m.nightly_soft:
                if code and code in cities and m.budget is not None and not m.budget_soft:
                    if not m.vague_budget and not _TOGETHER.search(piece):
                        bare.setdefault(code, m.budget)
                rest.append(piece)
            elif code and code in cities and not _TOGETHER.search(piece):
                own.setdefault(code, m.nightly)
                nightly_here = True
            else:
                rest.append(piece)
        if nightly_here:
            for code, amount in bare.items():
                if code not in own:
                    own[code] = gapped[code] = amount
    if not own and not paid:
        return
    general = money(" ".join(rest))
    cap = None if general.nightly_soft else general.nightly
    for s in intent.stays:
        s.max_nightly = own.get(s.city or "", cap)
    if intent.budget is not None and intent.budget in gapped.values():
        intent.budget = None  # the city's nightly cap, not a budget for the trip


def stays_for(sent: str, intent: TripIntent, at: int | None = None) -> list[StayIntent]:
    """The stays a hotel requirement is about: the one whose city the sentence names (``city_at``:
    "Miami must have a pool, Austin a gym"), else every stay whose city it names, else all."""
    if at is not None and (code := city_at(sent, at, {s.city for s in intent.stays if s.city})):
        return [s for s in intent.stays if s.city == code]
    named = [
        s for s in intent.stays if s.city and re.search(re.escape(CITY_NAMES.get(s.city, s.city)), sent, re.I)
    ]
    return named or intent.stays
