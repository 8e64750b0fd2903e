"""The hotels of a multi-city chain: one in each city the chain stops in (and in the last one when
the trip does not go home and nights or a hotel are said of it), none in a city the words refuse
one for ("in New York I'm staying at my brother's"), some cities only where the words say so
("hotel in Phoenix only"). The legs and their days are ``_chain``'s.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent import _words as w
from agents.intent._chain import hotel_asked_in, nights_in, sentences_naming
from agents.intent._chain_legs import Hop
from agents.intent._model import StayIntent, TripIntent
from agents.intent._places import find_places

_NO_HOTEL_HERE = re.compile(
    r"\bno (?:hotels?|rooms?|accommodation)\b|\b(?:don't|do not|won't) need (?:a |any )?(?:hotel|room)\b|"
    r"\bstay(?:ing)? (?:with|at) (?:my|our|a|some)\b|\bat my \w+'s\b|\bcouch\b|\bput(?:ting)? (?:me|us) up\b",
    re.I,
)
_EACH = re.compile(
    r"\b(?:each|every|both|all (?:the|three|four)?\s*)\s*(?:cit(?:y|ies)|places?|stops?)\b"
    r"|\b(?:in|at) (?:each|both)\b",
    re.I,
)
#: A hotel in some cities only: "hotel in Phoenix only", "just one hotel", "only need a room in Paris".
_ONLY = re.compile(
    r"\b(?:hotels?|rooms?)\b[^.;!?\n]{0,30}\bonly\b|\bonly\b[^.;!?\n]{0,20}\b(?:hotels?|rooms?)\b|\bjust (?:a|one) (?:hotel|room)\b",
    re.I,
)


def chain_stays(intent: TripIntent, hops: list[Hop], text: str, hotel: bool) -> None:
    """A hotel in each city the chain stops in (and in the last one when it does not go home and
    nights or a hotel are said of it), but none in a city the words refuse one for."""
    legs = intent.legs
    cities = [leg.destination for leg in legs[:-1]]
    last = legs[-1].destination if legs else None
    nights_last = nights_in(text[hops[-1].at : hops[-1].end]) if hops else None
    first = legs[0].origin if legs else None
    asked = {c for c in (*cities, last) if c and hotel_asked_in(text, c)}
    if not hotel and not asked:
        return
    if not asked and _refused_everywhere(text):
        intent.stays = []  # "no hotels, I've got friends in both"
        intent.sources = {k: v for k, v in intent.sources.items() if not k.startswith("stays.")}
        return
    refused = {c for c in (*cities, last) if c and _refused_in(text, c)}
    every = hotel and (_EACH.search(text) is not None or not asked or not _ONLY.search(text))
    stays: list[StayIntent] = []
    for j, city in enumerate(cities):
        ci, co = legs[j].date, legs[j + 1].date
        moved = (
            [(c, d) for (c, _), d in zip(hops[j].moves, hops[j].move_days, strict=False) if d]
            if j < len(hops)
            else []
        )
        for c, d in moved:  # "drive down to Miami on the Sunday": the stay moves there that day
            if city not in refused and (every or city in asked):
                stays.append(StayIntent(city=city, check_in=ci, check_out=d))
            city, ci = c, d
        if city in refused or not (every or city in asked or (moved and city and hotel_asked_in(text, city))):
            continue
        stays.append(StayIntent(city=city, check_in=ci, check_out=co))
    if (
        last
        and last != first
        and last not in refused
        and (last in asked or (every and (nights_last or _nights_near(text, last))))
    ):
        nights = nights_last or _nights_near(text, last)
        ci = legs[-1].date
        stays.append(
            StayIntent(
                city=last, check_in=ci, check_out=ci + dt.timedelta(days=nights) if ci and nights else None
            )
        )
    intent.stays = stays
    intent.sources = {k: v for k, v in intent.sources.items() if not k.startswith("stays.")}
    for j, s in enumerate(stays):
        if s.check_in:
            intent.sources[f"stays.{j}.check_in"] = "inferred"
        if s.check_out:
            intent.sources[f"stays.{j}.check_out"] = "inferred"


#: The words between two cities of one list: ", ", " and ", " & ", ", then ".


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[.;!?\n—–]+|\s-\s", text) if c.strip()]


def _refused_in(text: str, code: str) -> bool:
    """No hotel in this city: a refusal whose nearest city is this one ("hotel in Phoenix only, my
    cousin is putting me up in Vegas"; "in NY I'm staying at my brother's")."""
    for clause in _clauses(text):
        places = find_places(clause)
        for m in _NO_HOTEL_HERE.finditer(clause):
            near = min(
                places, key=lambda p: min(abs(p.start - m.end()), abs(m.start() - p.end)), default=None
            )
            if near is not None and near.code == code:
                return True
    return False


def _refused_everywhere(text: str) -> bool:
    """A refusal said of no city: no hotel anywhere ("no hotels needed")."""
    return any(_NO_HOTEL_HERE.search(c) and not find_places(c) for c in _clauses(text))


def _nights_near(text: str, code: str) -> int | None:
    for s in sentences_naming(text, code):
        for p in find_places(s):
            m = re.match(r"[^.;!?\n]{0,25}?\b(?P<n>\d+|a|one)\s+nights?\b", w.digits(s[p.end :]), re.I)
            if p.code == code and m:
                return 1 if m.group("n").lower() in ("a", "one") else int(m.group("n"))
            pre = re.search(r"\b(?P<n>\d+|a|one)\s+nights?\s+in\s+(?:the\s+)?$", w.digits(s[: p.start]), re.I)
            if p.code == code and pre:  # "3 nights in Sydney"
                return 1 if pre.group("n").lower() in ("a", "one") else int(pre.group("n"))
    return None
