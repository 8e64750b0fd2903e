"""Who travels and what it may cost: travellers, rooms, the budget and the caps in a request.

``travellers("My wife Ruth and I ...") == 2``; ``money("... under $3,500 ...").budget == 3500``. Money
near a budget word is the budget; "$330 a night" a nightly cap; "$1,200 for the three nights" (about
the hotel) a hotel cap; "$150 more per flight to fly non-stop" the price of the non-stop wish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.models._scripted_lexicon import NUMBER_WORDS, number
from agents.models._scripted_times import sentences

_HOTEL = re.compile(r"\b(hotel|hotels|room|rooms|accommodation|place to stay|somewhere to stay)\b", re.I)
_SOLO = re.compile(
    r"\b(just me|only me|just myself|by myself|on my own|alone|solo|it's just me|only one traveller)\b", re.I
)
_COMPANION = r"(wife|husband|partner|girlfriend|boyfriend|fianc[ée]e?|spouse|friend|colleague|coworker|co-worker|boss|son|daughter|mother|mum|mom|father|dad|brother|sister)"
_PAIR = re.compile(
    rf"\b(me and my|for my|(?:travel\w*|fly\w*|going|coming|come|trip|holiday|vacation|visit\w*) with my)\s+{_COMPANION}\b"
    rf"|\bmy {_COMPANION}(\s+[A-Z]\w+)? and I\b|\bboth of us\b|\bthe two of us\b|\bfor us both\b|\bfor two\b",
    re.I,
)
_COUNT = re.compile(
    rf"\b(\d|{NUMBER_WORDS})\s+(adults?|people|persons|passengers|travell?ers|guests|of us|seats|tickets)\b",
    re.I,
)
_KIDS = re.compile(
    rf"\b(?:and|with|plus|\+)\s+(?:our\s+|my\s+)?(\d|{NUMBER_WORDS}|a|an)\s+(kids?|children|child|teenagers?|babies|baby|infants?)\b",
    re.I,
)
_FAMILY = re.compile(rf"\bfamily of (\d|{NUMBER_WORDS})\b|\bthe (\d|{NUMBER_WORDS}) of us\b", re.I)
_ROOMS = re.compile(
    rf"\b(\d|{NUMBER_WORDS}|a|an)\s+(?:double |twin |single |separate |hotel |king |queen )?rooms?\b", re.I
)
_MONEY = re.compile(
    r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k\b)?|\b(\d[\d,]*(?:\.\d+)?)\s*(?:dollars|usd|bucks)\b", re.I
)
_BUDGET_WORD = re.compile(
    r"\b(budget|under|within|max|maximum|at most|no more than|limit|spend|total|afford|cap|keep|below|less than|up to|have)\b",
    re.I,
)


@dataclass
class Money:
    budget: float | None = None
    nightly_cap: float | None = None
    hotel_cap: float | None = None
    nonstop_dollars: float | None = None


def travellers(text: str) -> int | None:
    """How many people travel, when the text says (None when it does not)."""
    if m := _FAMILY.search(text):
        return number(m.group(1) or m.group(2))
    total = 0
    for m in _COUNT.finditer(text):
        total = max(total, number(m.group(1)) or 0)
    kids = sum(number(m.group(1)) or 0 for m in _KIDS.finditer(text))
    if total:
        return (
            total + kids
            if not re.search(r"\b(people|of us|travell?ers|passengers|guests)\b", text, re.I)
            else total
        )
    if _PAIR.search(text):
        return 2 + kids
    if kids:
        return 1 + kids
    if _SOLO.search(text):
        return 1
    return None


def money(text: str) -> Money:
    """The budget and the caps ``text`` states."""
    out = Money()
    loose: list[float] = []
    for sent in sentences(text):
        for m in _MONEY.finditer(sent):
            amount = float((m.group(1) or m.group(3)).replace(",", "")) * (1000 if m.group(2) else 1)
            after = sent[m.end() : m.end() + 24].lower()
            if re.match(r"\s*(a|per|each|/)\s*(night|room)", after):
                out.nightly_cap = amount
            elif (
                _HOTEL.search(sent)
                and re.search(
                    r"\b(hotel|room|stay)\b[^.$]*\$[\d,]+|\$[\d,]+\S*\s+(limit\s+)?for the (\w+ )?nights",
                    sent,
                    re.I,
                )
                and not re.search(r"\b(whole|entire|all|everything|total|trip)\b", sent, re.I)
            ):
                out.hotel_cap = amount if out.hotel_cap is None else min(out.hotel_cap, amount)
            elif re.match(r"\s*(more|extra|less|cheaper|per (flight|leg|person|ticket|way)|each)\b", after):
                if re.search(r"non[\s-]?stop|direct", sent, re.I):
                    out.nonstop_dollars = amount  # "I'll pay up to $150 more per flight to fly non-stop"
            elif _BUDGET_WORD.search(sent):
                out.budget = amount if out.budget is None else min(out.budget, amount)
            else:
                loose.append(amount)
    if out.budget is None and len(loose) == 1:
        out.budget = loose[0]
    return out


def rooms(text: str) -> int | None:
    """How many hotel rooms the text asks for ("one double room", "two rooms")."""
    m = _ROOMS.search(text)
    return number(m.group(1)) if m else None
