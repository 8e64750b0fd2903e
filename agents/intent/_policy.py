"""Limits said in a company's policy language, often in a block forwarded under the request.

A policy rarely says "avoid X". It says what it will not pay for or has not approved: "Skyline and
Boreal are not approved carriers", "tickets on them will not be reimbursed", "flights on Solstice
cannot be claimed", "not reimbursable: Boreal Airways, Aurora Air", "Meridian Vale is not on our approved
vendor list". Every carrier named in a clause that refuses approval or payment is one every flight
avoids (``refused_carriers``). A sentence in doubt ("I'm not sure Boreal is approved") or a question
refuses nothing, and approval given ("Boreal got added to the approved list") is no refusal.

A policy also says rules for trips other than this one: "business class may be booked only for flights
longer than 8 hours". A rule conditioned on a flight's length holds only when one of the trip's
flights is that long (``beyond_trip``); its length is estimated from the airports' coordinates
(``airportsdata``) at an airliner's speed.
"""

from __future__ import annotations

import re

from agents.intent._airline_rule import is_carrier
from agents.intent._model import LegIntent, TripIntent
from agents.intent._nearby import airports, km
from agents.intent._not_names import airline_names

__all__ = ["add_refused_carriers", "beyond_trip", "refused_carriers"]

#: what a policy will not approve or pay for: "not approved", "not an approved airline", "not on our
#: approved list", "won't reimburse", "cannot be claimed", "non-reimbursable", "unapproved", "banned"
_REFUSAL = re.compile(
    r"(?:\bnot\b|n't\b)(?:\s+[\w']+){0,3}?\s+(?:approved|authori[sz]ed|permitted|reimburs\w*|covered|expens\w*|claim\w*)\b"
    r"|\b(?:won'?t|will\s+not|can'?t|cannot|can\s+not|don'?t|doesn'?t|does\s+not|do\s+not|never)\s+(?:be\s+)?"
    r"(?:reimburs\w*|cover\w*|pay\s+for|approv\w*|expens\w*|claim\w*|refund\w*)\b"
    r"|\bnon-?(?:approved|reimbursable)\b|\bun(?:approved|authori[sz]ed)\b|\b(?:banned|blacklisted|off[\s-]limits)\b",
    re.I,
)
#: doubt, not a rule: "I'm not sure Boreal is approved", "don't know if they'll cover Kestrel"
_DOUBT = re.compile(
    r"\bnot\s+(?:sure|certain)\b|\b(?:don'?t|do\s+not)\s+know\b|\bunsure\b|\bwonder\w*\b|\?", re.I
)
#: a rule that was: "last year Solstice flights weren't reimbursed"
_PAST = re.compile(
    r"\b(?:last\s+(?:time|year|month|week|trip)|used\s+to|previously|\w+\s+ago|was|were|wasn't|weren't)\b",
    re.I,
)
#: a comma piece that only names: "Solstice", "and Kestrel Airlines"
_BARE = re.compile(r"\s*(?:(?:and|or|&)\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s*\.?\s*")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:\s+(?:Air|Airlines?|Airways))?")
#: words that name a kind of carrier, not one: "Unapproved airlines: ...", "Other carriers"
_KIND = re.compile(
    r"(?:un|non-?)?(?:approved|authori[sz]ed|permitted|preferred|banned|other|budget|low|cheap|major|all|any"
    r"|these|those|some|such|partner|regional|foreign)",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+|\bbut\b|\bwhereas\b|\bwhile\b")
#: names said to be no approved carrier, known or not: "Skyline and Boreal are not approved carriers"
_NOT_CARRIERS = re.compile(
    r"(?P<names>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:(?:\s*,\s*|\s+(?:and|or|&)\s+)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*)"
    r"\s+(?:is|are)\s+not\s+(?:an?\s+)?(?:approved|authori[sz]ed|permitted|allowed)\s+(?:carriers?|airlines?)\b"
)


def _refused_pieces(clause: str) -> list[str]:
    """The comma pieces of a refusing ``clause`` the refusal holds for: those that say it, the bare
    names listed beside one ("Solstice, Boreal and Kestrel are not approved"), and those listed after
    a colon that follows it ("Not reimbursable: Boreal Airways, Aurora Air"); not a piece that says
    something else of its own ("Aurora Air is fine, Boreal Airways is not approved")."""
    head = clause.split(":", 1)[0] if ":" in clause else ""
    listed = bool(head) and bool(_REFUSAL.search(head))
    pieces = re.split(r",|:", clause)
    return [p for p in pieces if _REFUSAL.search(p) or listed or _BARE.fullmatch(p)]


def refused_carriers(text: str) -> list[str]:
    """The carriers the words say a policy will not approve or pay for, in the order named."""
    out: list[str] = []
    for clause in _SENTENCES.split(text):
        if not clause or not _REFUSAL.search(clause) or _DOUBT.search(clause) or _PAST.search(clause):
            continue
        listed = [
            n
            for m in _NOT_CARRIERS.finditer(clause)
            for n in re.split(r"\s*,\s*|\s+(?:and|or|&)\s+", m["names"])
        ]
        for piece in _refused_pieces(clause):
            for m in _NAME.finditer(piece):
                if _KIND.fullmatch(m.group().split()[0]) or not (
                    is_carrier(m.group(), text) or m.group() in listed
                ):
                    continue
                out += [n for n in airline_names(m.group()) if n not in out]
    return out


def add_refused_carriers(intent: TripIntent, text: str) -> None:
    """Every flight avoids the carriers a policy refuses ("flights on Solstice cannot be claimed": not
    a flight required "on Solstice")."""
    for n in refused_carriers(text):
        for leg in intent.legs:
            if n in leg.airlines_only:
                leg.airlines_only.remove(n)
            if n not in leg.airlines_avoid:
                leg.airlines_avoid.append(n)


#: a rule for flights of some length: "for flights over 10 hours", "longer than 8 hrs", "of 6+ hours"
_LONG_ONLY = re.compile(
    r"\b(?:flights?|trips?|journeys?|legs?|sectors?|segments?)\s+(?:\w+\s+){0,2}?"
    r"(?:over|longer\s+than|of\s+more\s+than|more\s+than|exceeding|above|of\s+at\s+least|of)\s+"
    r"(?P<h>\d{1,2})\s*\+?\s*(?:hours?|hrs?|h)\b",
    re.I,
)
_KMH = 800.0  # an airliner's average speed over a whole flight, taxi and climb included


def _hours(leg: LegIntent) -> float | None:
    a, b = airports().get(leg.origin or ""), airports().get(leg.destination or "")
    if not a or not b:
        return None
    return km((a["lat"], a["lon"]), (b["lat"], b["lon"])) / _KMH + 0.5


def beyond_trip(sent: str, legs: list[LegIntent]) -> bool:
    """Whether ``sent`` is a rule for flights longer than any of ``legs`` (each of known route)."""
    m = _LONG_ONLY.search(sent)
    if m is None or not legs:
        return False
    hours = [_hours(leg) for leg in legs]
    return all(h is not None and h < int(m.group("h")) for h in hours)
