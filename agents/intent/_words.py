"""Words that are not days or places: the party, rooms, money, hard limits and soft wishes.

Number words go through ``text2num`` ("nine hundred" -> 900, "three colleagues" -> 3); the rest
are small vocabularies of how travellers say who comes, what they can spend and what they need.
Whether a limit is hard or a wish is read from its clause: hedges ("ideally", "would be nice",
"if possible", "not essential") make a wish, anything else said of a limit is a requirement.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from text_to_num import alpha2digit

_SOFT = re.compile(
    r"\b(ideally|prefer\w*|would be (?:nice|great|good|a plus|a bonus)|nice to have|if (?:at all )?possible|rather|"
    r"bonus if|a plus|not essential|would love|i'd love|i'd like it|if you can|happy to|preferably|bonus|"
    r"(?:i|we)(?:'d| would) like (?!to\b|you\b|it\b))\b",
    re.I,
)


def soft(clause: str) -> bool:
    """The clause hedges: what it asks is a wish, not a requirement."""
    return bool(_SOFT.search(clause))


def digits(text: str) -> str:
    """Number words as digits ("two interns" -> "2 interns"), keeping "one way" and "a" as they are."""
    out = alpha2digit(text, "en", threshold=1)
    return re.sub(r"\b1[\s-]way\b", "one way", out, flags=re.I)


# --- the party ------------------------------------------------------------------------------------
_ONE = (r"wife|husband|partner|spouse|girlfriend|boyfriend|fiancee?|brother|sister|son|daughter|mom|mum|"
        r"mother|dad|father|grandma|grandmother|grandpa|grandfather|boss|manager|colleague|coworker|"
        r"friend|buddy|buddies|mate|cousin|aunt|uncle|niece|nephew|kid|child|baby|toddler|teen|teenager|"
        r"assistant|intern|student|client|team lead|ceo|chairman|guest|adult|traveller|traveler|person|passenger")  # fmt: skip
_TWO = r"parents|twins|grandparents|in-laws"
_REL = re.compile(
    r"\b(?:(?P<n>\d+)\s+)?(?:(?:my|our|the|his|her)\s+)?(?:(?P<n2>\d+)\s+)?"
    r"(?:(?P<two>" + _TWO + r")|(?P<one>" + _ONE + r")(?P<pl>s|ren|ies)?)\b",
    re.I,
)
_GROUP = re.compile(
    r"\b(?:party of|family of|group of|table for|for)\s+(?P<n>\d+)\b(?!\s*(?:nights?|days?|weeks?|rooms?|\$|am|pm|stars?))"
    r"|\b(?:the|all)\s+(?P<n2>\d+)\s+of\s+us\b|\bjust the (?P<n3>\d+) of us\b"
    r"|\b(?P<n4>\d+)\s+(?:people|persons|passengers|pax|travell?ers|adults|guests|of us|seats|tickets)\b",
    re.I,
)
_PAIR = re.compile(r"\b(both of us|the pair of us|us both|we both|us two|the both of us)\b", re.I)
_VAGUE_PARTY = re.compile(
    r"\b(a couple of us|a few of us|a few (?:colleagues|friends)|some friends|a group|girls' trip|the team)\b",
    re.I,
)
_NOT_ME = re.compile(r"\b(i'm not|i am not|not) (?:travelling|traveling|coming|going)(?: myself)?\b", re.I)
_ALONE = re.compile(r"\b(just me|only me|by myself|on my own|alone|solo|just myself|me only)\b", re.I)
_FIRST = re.compile(r"\b(i|me|my|i'm|i'll|i've|i'd|myself)\b", re.I)


@dataclass
class Party:
    travelers: int | None
    source: str  # stated | inferred | assumed
    vague: bool = False


def party(text: str, profile_party: list[str]) -> Party:
    """Who travels: the last group said wins ("three people... just the two of us" -> 2)."""
    t = digits(text)
    best: tuple[int, int, str] | None = None  # (position, count, source)
    for m in _GROUP.finditer(t):
        n = int(next(g for g in (m.group("n"), m.group("n2"), m.group("n3"), m.group("n4")) if g))
        if 1 <= n <= 9:
            best = max(best or (-1, 0, ""), (m.start(), n, "stated"))
    for m in _PAIR.finditer(t):
        best = max(best or (-1, 0, ""), (m.start(), 2, "stated"))
    phrase = _companions(t, profile_party)
    if phrase is not None and (best is None or phrase[0] > best[0]):
        best = phrase
    alone = list(_ALONE.finditer(t))
    if alone and (best is None or alone[-1].start() > best[0]):
        best = (alone[-1].start(), 1, "stated")
    if best is not None:
        return Party(best[1], best[2])
    if _VAGUE_PARTY.search(t):
        return Party(None, "assumed", vague=True)
    if profile_party:
        return Party(None, "assumed", vague=True)
    return Party(1, "stated" if _FIRST.search(t) else "assumed")


# what a named person does when they are not the one travelling: says, approves, pays, handles
_NOT_TRAVELLING = re.compile(
    r"\s*(?:says|said|wants me|asked me|asks me|told me|tells me|insists|thinks|approved|approves|"
    r"signed off|signs off|is paying|pays|paid|will pay|will handle|handles|booked|recommended|suggested)\b",
    re.I,
)


def _companions(t: str, profile_party: list[str]) -> tuple[int, int, str] | None:
    """Relations named as travelling ("me, my wife and our 2 kids"): their count, plus the requester."""
    count, first, last = 0, None, -1
    seen: set[str] = set()
    for m in _REL.finditer(t):
        noun = m.group(0).lower()
        if t[m.end() : m.end() + 1] == "'" or noun in seen:
            continue
        seen.add(noun)
        before = t[max(0, m.start() - 40) : m.start()].lower()
        if re.search(
            r"\b(visit\w*|see|seeing|meet|meets|meeting|with|at|to|had|has|have|join\w*|pitch\w*)\s+(?:my|our|the|a|an)?\s*$",
            before,
        ) or re.search(r"\b(?:my|our)\s+\w+'s\s*$|\b(?:i'm|i am|as)\s+(?:a|an)\s+$", before):
            continue
        if _NOT_TRAVELLING.match(t[m.end() : m.end() + 40]):
            continue  # "my boss says keep it under $1,400": a person who speaks, not one who travels
        n = m.group("n") or m.group("n2")
        if m.group("two"):
            k = int(n) if n else 2
        elif n:
            k = int(n)
        else:
            k = 1
        if m.group("one") and m.group("one").lower() in (
            "adult",
            "person",
            "passenger",
            "traveller",
            "traveler",
            "guest",
        ):
            continue
        count += k
        first = m.start() if first is None else first
        last = m.end()
    fam = re.search(r"\b(?:me and|with) (?:the|my) family\b|\bthe whole family\b", t, re.I)
    if fam:
        return (fam.start(), 1 + len(profile_party), "inferred")
    if not count or first is None:
        return None
    window = t[max(0, first - 60) : last + 10]
    me = bool(re.search(r"\b(me|i|myself|us|we)\b", window, re.I)) and not _NOT_ME.search(t)
    return (first, count + (1 if me else 0), "stated")


def rooms(text: str, travelers: int | None) -> int | None:
    t = digits(text)
    m = re.search(r"\b(\d+)\s+(?:\w+\s+)?rooms?\b", t, re.I)
    if m and int(m.group(1)) <= 9:  # a number said wins over "separate rooms" ("two separate rooms")
        return int(m.group(1))
    if re.search(
        r"\b(a room each|rooms?,? one each|one (?:room )?each|separate rooms|own rooms?)\b", t, re.I
    ):
        return travelers
    if re.search(r"\b(a|one|single|double|twin) (?:\w+ )?room\b", t, re.I):
        return 1
    return None


# --- money ----------------------------------------------------------------------------------------
_AMOUNT = re.compile(
    r"(?P<cur>[$€£])?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<k>k|grand|thousand)?(?:\s?(?:dollars|usd|bucks))?(?![\d:])",
    re.I,
)
_NIGHT = re.compile(r"^\s*(?:a|per|/|each|every)\s*night|^\s*nightly|^\s*/\s*n(?:ight|t)\b", re.I)
_NOT_BUDGET = re.compile(
    r"^\s*(?:more|extra|less|cheaper|dearer|off|difference|per (?:flight|leg|ticket|bag)|each way|a ticket)\b",
    re.I,
)
# "$900 per person", "$400 each", "£300 a head": an amount for one traveller, not for the party
_PER_HEAD = re.compile(
    r"^\s*(?:per (?:person|head|traveller|traveler|passenger|pax)|each|a head|a person|pp|apiece)\b", re.I
)
# "each ticket under $150", "per flight max $200": an amount for one charge, not the trip
_PER_CHARGE = re.compile(
    r"\b(?:(?:each|every|per|a|any|one|single|individual)\s+|the\s+)(?:ticket|flight|fare|leg|seat|charge|"
    r"booking|transaction|item|purchase)s?\b[^.;$]{0,25}$",
    re.I,
)
_FOR_FLIGHTS = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:for|on) (?:the |my |our )?(?:flights?|tickets?|fares?|airfare)\b", re.I
)
_THRESHOLD = re.compile(
    r"\b(?:anything|something|whatever|if (?:it'?s|it is|the (?:total|trip|price) is)|when(?:ever)? it'?s|it (?:goes|comes to))"
    r"\s+(?:above|over|more than|beyond)\s*$|\b(?:exceeds?|exceeding)\s*$",
    re.I,
)
_WHOLE_TRIP = re.compile(
    r"\b(budget|total|in total|all in|all-in|altogether|overall|whole (?:thing|trip|stay)|entire (?:trip|stay)|everything|the trip)\b",
    re.I,
)
_PART = re.compile(r"\b(hotels?|rooms?|stay|nights?|flights?|fares?|tickets?|seats?|airfare)\b", re.I)
_CAP = re.compile(
    r"\b(budget|under|max|maximum|up to|no more than|not more than|within|at most|cap|all in|total|"
    r"whole (?:thing|trip)|spend|afford|got|have|below|less than|keep it|tops)\b",
    re.I,
)


@dataclass
class Money:
    budget: float | None = None
    nightly: float | None = None
    nightly_soft: bool = False
    vague_budget: bool = False
    per_head: float | None = None  # the most the trip may cost for each traveller

    def trip_budget(self, travelers: int | None) -> float | None:
        """The most the whole trip may cost: the stated total, or the per-head amount for everyone."""
        head = self.per_head * (travelers or 1) if self.per_head is not None else None
        caps = [c for c in (self.budget, head) if c is not None]
        return min(caps) if caps else None


def money(text: str) -> Money:
    t = digits(text)
    out = Money()
    tiers: list[list[float]] = [[], [], [], []]
    for m in _AMOUNT.finditer(t):
        num = float(m.group("num").replace(",", ""))
        k = (m.group("k") or "").lower()
        if k:
            num *= 1000
        before = t[max(0, m.start() - 45) : m.start()]
        after = t[m.end() : m.end() + 20]
        has_cur = bool(m.group("cur")) or bool(
            re.match(r"\s?(dollars|usd|bucks)", t[m.end() - 8 : m.end() + 8], re.I)
        )
        if re.match(
            r"\s*(am|pm|nights?|days?|stars?|people|rooms?|of us|kids|:|st|nd|rd|th|%)\b", after, re.I
        ):
            continue
        if not (has_cur or k or re.search(r"\b(dollars|bucks)\b", t[m.start() : m.end() + 10], re.I)):
            if not re.search(r"\b(budget|under|max|up to)\s*$", before, re.I) or num < 50:
                continue
        if _NIGHT.search(after) or re.search(r"\bnightly\b", before[-20:], re.I):
            out.nightly = num
            out.nightly_soft = soft(before + after)
            continue
        clause = re.split(r"[.;!?]", before)[-1]
        if _NOT_BUDGET.search(after) or _THRESHOLD.search(clause[-25:]) or _PER_CHARGE.search(clause):
            continue  # a difference ("$150 more per flight"), a threshold ("anything above $1,000") or a
            # cap on one charge ("each ticket under $150"): none is what the whole trip may cost
        if head := _PER_HEAD.search(after):
            if not _FOR_FLIGHTS.search(after[head.end() :] + t[m.end() + 20 : m.end() + 40]):
                out.per_head = num if out.per_head is None else min(out.per_head, num)
            continue
        comma = (
            "," if m.group(0).rstrip().endswith(",") else ""
        )  # "$350, and the budget ...": the amount took it
        said = clause + re.split(r"[.;!?,]|\bbut\b", comma + after)[0]
        part = bool(_PART.search(said)) and not _WHOLE_TRIP.search(said)
        if _WHOLE_TRIP.search(said):
            tiers[0].append(num)
        elif _CAP.search(said):
            tiers[2 if part else 1].append(num)
        elif has_cur and not part:
            tiers[3].append(num)
    # the whole trip's cap ("budget $900", "$2k all in") first; then a cap said of nothing in
    # particular ("up to $1,500"); then one said of a part ("keep the hotel under $350"), which is the
    # trip's only when nothing else is; a bare amount ("last time it cost $700") only when no cap is
    # said at all, and never one said of a part ("the room was $400")
    out.budget = next((min(t) for t in tiers if t), None)
    if out.budget is None and re.search(r"\b(usual|normal|regular) budget\b", t, re.I):
        out.vague_budget = True
    return out


# --- times ----------------------------------------------------------------------------------------
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)?(?!\d)|\b(?P<word>noon|midnight)\b", re.I
)


def clock(m: re.Match[str], pm_default: bool = False) -> dt.time | None:
    if m.group("word"):
        return dt.time(12) if m.group("word").lower() == "noon" else dt.time(0)
    h, mins = int(m.group("h")), int(m.group("m") or 0)
    ap = (m.group("ap") or "").lower().replace(".", "")
    if h > 23 or mins > 59:
        return None
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    elif not ap and pm_default and 1 <= h <= 7:
        h += 12
    return dt.time(h, mins)


_LIMIT = re.compile(
    r"(?P<da>(?:can't|cannot|can not|won't|not|don't want to|no)\s+(?:leave|leaving|go|going|depart\w*|fly|flying|flights?|take off)"
    r"(?:\s+\w+)?\s+(?:before|earlier than)|no earlier than|not before|leav\w+ after\b|depart\w* after\b|must leave after\b|after\b)"
    r"|(?P<ab>(?:land|arrive|be (?:home|back|there|in \w+)|get (?:in|there|home))\s+(?:by|before|no later than)|no later than)"
    r"|(?P<db>(?:leave|depart\w*)\s+(?:by|before))"
    r"|(?P<aa>(?:land|arrive)\s+after)",
    re.I,
)


def time_limits(clause: str) -> list[tuple[str, dt.time]]:
    """("depart_after" | "arrive_before" | ..., time) said in a clause."""
    out = []
    for m in _LIMIT.finditer(clause):
        rest = clause[m.end() : m.end() + 16]
        tm = _TIME.match(rest.lstrip())
        if not tm or not (tm.group("ap") or tm.group("m") or tm.group("word") or m.group("da")):
            continue
        if m.group("da") and m.group("da").lower() == "after" and not tm.group("ap") and not tm.group("word"):
            if not re.search(
                r"\b(leav|depart|fly|flight|anything)\w*\b", clause[max(0, m.start() - 30) : m.start()], re.I
            ):
                continue
        when = clock(tm, pm_default=True)
        if when is None:
            continue
        kind = next(k for k in ("da", "ab", "db", "aa") if m.group(k))
        out.append(
            (
                {"da": "depart_after", "ab": "arrive_before", "db": "depart_before", "aa": "arrive_after"}[
                    kind
                ],
                when,
            )
        )
    return out


AMENITIES: dict[str, str] = {
    "gym": r"gym|fitness|workout", "pool": r"pool|swimming", "spa": r"spa", "breakfast": r"breakfast",
    "wifi": r"wi-?fi|internet", "parking": r"parking|park the car", "airport-shuttle": r"airport shuttle|shuttle",
    "business-centre": r"business cent(?:re|er)", "restaurant": r"restaurant", "bar": r"bar",
    "pet-friendly": r"pet[\s-]?friendly|pets? allowed|(?:the|my|our) dog|(?:the|my|our) cat", "kitchen": r"kitchen\w*",
    "crib": r"crib|cot", "accessible": r"accessible|wheelchair|step-free",
}  # fmt: skip
AMENITY_RX = {k: re.compile(r"\b(?:" + v + r")\b", re.I) for k, v in AMENITIES.items()}
