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
    r"\b(ideally|ideal|prefer\w*|nice to have|if (?:at all )?possible|if poss|where possible|rather|"
    r"bonus if|a plus|not essential|would love|i'd love|i'd like it|if you can|happy to|preferably|bonus|"
    # "would be lovely / a treat / ideal", "it'd be nice", "would suit me best": a hedge is a word of
    # liking after "would be" ("I would be travelling" is not one)
    r"(?:would|'d) be (?:(?:really|so|very|extra|even|just|most|super)\s+)?(?:nice|great|good|lovely|ideal|perfect|"
    r"sweet|awesome|amazing|fantastic|wonderful|brilliant|handy|helpful|useful|welcome|appreciated|preferable|"
    r"better|best|cool|fab|excellent|a (?:plus|bonus|treat|perk|win|nice \w+)|an? (?:\w+ )?bonus)|"
    r"(?:would|'d) (?:suit|work) (?:for )?(?:me |us )?(?:best|better|well|nicely)|"
    r"not (?:a|an) (?:deal[\s-]?breaker|must|requirement)|no big deal|if (?:they|it) (?:can|do|does|has|have)|"
    r"(?:would|'d) (?:like|love|enjoy)|if there'?s one|if there(?:'s| is) (?:a|an)|nice if|good if|great if|"
    r"would make (?:my|our) (?:day|week|trip|stay)|optional|lean(?:s|ing)? towards|(?:would|'d) appreciate|appreciated|"
    r"try (?:to|and)|hoping for|i hope|partial to|nice[\s-]to[\s-]have|if the price is right|if (?:it'?s|it is) not (?:too|much)|"
    r"if it doesn'?t cost|if (?:reasonable|affordable)|if they have (?:one|it|them))\b",
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
            r"\b(visit|see|seeing|with|at|to|had|has|have)\s+(?:my|our|the|a)?\s*$", before
        ) or re.search(r"\b(?:my|our)\s+\w+'s\s*$", before):
            continue
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
    r"(?P<cur>[$€£]|\b(?:usd|us\$|dollars?)\s)?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<k>k|grand|thousand)?(?:\s?(?:dollars|usd|bucks))?(?![\d:])",
    re.I,
)
_NIGHT = re.compile(r"^\s*(?:a|per|/|each|every)\s*night|^\s*nightly|^\s*/\s*n(?:ight|t)\b", re.I)
_NOT_BUDGET = re.compile(
    r"^\s*(?:more|extra|less|cheaper|dearer|off|difference|per (?:flight|leg|ticket|person|head|bag)|each way|a head|a ticket)\b",
    re.I,
)
_THRESHOLD = re.compile(
    r"\b(?:anything|something|whatever|if (?:it'?s|it is|the (?:total|trip|price) is)|when(?:ever)? it'?s|it (?:goes|comes to))"
    r"\s+(?:above|over|more than|beyond)\s*$|(?<!not )(?<!never )(?<!n't )\b(?:exceeds?|exceeding)\s*$",
    re.I,
)
_CAP = re.compile(
    r"\b(budget|under|max|maximum|up to|no more than|not more than|within|at most|cap|all in|total|"
    r"whole (?:thing|trip)|spend|afford|got|have|below|less than|keep it|limit|capped|ceiling|"
    r"(?:can't|cannot|won't|not|never|mustn't)\s+(?:\w+\s+)?(?:over|above|beyond|more than))\b",
    re.I,
)


@dataclass
class Money:
    budget: float | None = None
    nightly: float | None = None
    nightly_soft: bool = False
    vague_budget: bool = False


_A_THOUSAND = re.compile(
    r"\b(?:a|one)\s+(grand|thousand(?=\s+(?:dollars|bucks|usd)\b|\s*(?:[.,;!?]|$)))", re.I
)
_AMOUNT_FIX = re.compile(
    r"\b(?:instead|make (?:that|it)|actually|rather|scratch that|change (?:that|it) to|no,|sorry,?|i mean)\b",
    re.I,
)


def money(text: str) -> Money:
    t = _A_THOUSAND.sub(r"1 \1", digits(text))  # "a grand" -> "1 grand"
    out = Money()
    hedged_budget: float | None = None
    for m in _AMOUNT.finditer(t):
        num = float(m.group("num").replace(",", ""))
        k = (m.group("k") or "").lower()
        if k:
            num *= 1000
        before = t[max(0, m.start() - 45) : m.start()]
        after = t[m.end() : m.end() + 20]
        has_cur = (
            bool(m.group("cur"))
            or bool(re.search(r"usd|dollars|bucks", m.group(0), re.I))
            or bool(re.match(r"\s?(dollars|usd|bucks)", t[m.end() - 8 : m.end() + 8], re.I))
        )
        if re.match(
            r"\s*(am|pm|nights?|days?|stars?|people|rooms?|of us|kids|:|st|nd|rd|th|%|miles|points|km)\b",
            after,
            re.I,
        ):
            continue
        per_night = _NIGHT.search(after) or re.match(
            r"\s*(?:on|for) (?:the |a )?(?:room|hotel)\s+(?:a|per|each|every) night\b",
            t[m.end() : m.end() + 30],
            re.I,
        )
        if not (
            has_cur or k or per_night or re.search(r"\b(dollars|bucks)\b", t[m.start() : m.end() + 10], re.I)
        ):
            if (
                not re.search(
                    r"\b(budget|under|max|maximum|up to|limit|cap|spend|afford|pay|below|at most|no more than|less than)(?:\s+(?:is|of|a|about|around))?\s*:?\s*$",
                    before,
                    re.I,
                )
                or num < 50
            ):
                continue
        said_of = re.split(r"[.;!?]", before)[-1]
        if (
            per_night
            or re.search(r"\bnightly\b", before[-20:], re.I)
            or re.search(r"\b(?:nightly|room|hotel) rate\b|\brate per night\b", said_of, re.I)
        ):
            out.nightly = num
            out.nightly_soft = soft(before + t[m.end() : m.end() + 40])
            continue
        clause = re.split(r"[.;!?]", before)[-1]
        if _NOT_BUDGET.search(after) or _THRESHOLD.search(clause[-25:]):
            continue  # a difference ("$150 more per flight") or an approval threshold ("anything above $1,000")
        if _CAP.search(clause + after) or has_cur:
            # a later amount said as a correction ("say $850 instead", "no, make that $1,500") replaces;
            # a hedged amount ("under $1,200 would be ideal but up to $1,500 is ok") yields to a firm one
            fixed = _AMOUNT_FIX.search(before[-30:] + t[m.end() : m.end() + 12])
            hedged = soft(
                re.split(r"\bbut\b", clause)[-1] + re.split(r"\bbut\b|[.;!?]", t[m.end() : m.end() + 40])[0]
            )
            if hedged:
                hedged_budget = num if hedged_budget is None else min(hedged_budget, num)
                continue
            out.budget = num if out.budget is None or fixed else min(out.budget, num)
    if out.budget is None:
        out.budget = hedged_budget
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


_NEG = r"(?:can't|cannot|can not|won't|not|don't want to|don't|do not|no|nothing|never|mustn't)"
_GO = r"(?:leav\w*|go|going|depart\w*|fly|flying|flights?|take off|taking off|out)"
_ARRIVE = r"(?:land\w*|arriv\w*|get(?:ting)? (?:in|there|home))"
_LIMIT = re.compile(
    # a negated departure "before" ("can't take anything leaving before 9", "nothing before 10am")
    r"(?P<da>" + _NEG + r"\s+(?:\w+\s+){0,3}?" + _GO + r"(?:\s+\w+)?\s+(?:before|earlier than)"
    r"|nothing\s+before|no earlier than|not before|leav\w+ after|depart\w* after|must leave after|after"
    r"|(?:earliest|first)\s+(?:departure|take-?off)(?:\s+(?:time|is|at|of))*)\b"
    # a negated "after" is a bound the other way ("can't land after 9pm" = land by 9pm)
    r"|(?P<ab>" + _NEG + r"\s+(?:\w+\s+){0,2}?" + _ARRIVE + r"(?:\s+\w+)?\s+(?:after|later than)"
    r"|(?:land(?:s|ing)?|arriv(?:e|es|ing|al)|be (?:home|back|there|in \w+)|get (?:in|there|home))(?:\s+(?:in|at|into)\s+\w+(?:\s+[A-Z]\w+)?)?"
    r"\s+(?:by|before|no later than)|no later than|(?:latest|last)\s+(?:arrival|landing)(?:\s+(?:time|is|at|of))*)"
    r"|(?P<db>" + _NEG + r"\s+(?:\w+\s+){0,3}?" + _GO + r"(?:\s+\w+)?\s+(?:after|later than)"
    r"|(?:leav(?:e|es|ing)|depart\w*)\s+(?:by|before|no later than)|(?:latest|last)\s+(?:departure|take-?off)(?:\s+(?:time|is|at|of))*)"
    r"|(?P<aa>(?:land|arrive)\s+after|(?:earliest|first)\s+(?:arrival|landing)(?:\s+(?:time|is|at|of))*)",
    re.I,
)
_BETWEEN = re.compile(
    r"\b(?:(?P<arr>"
    + _ARRIVE
    + r")\s+|"
    + _GO
    + r"\s+)?(?:\w+\s+)?between\s+(?P<a>[\w:.]+(?:\s*[ap]\.?m\.?)?)\s+and\s+"
    r"(?P<b>[\w:.]+(?:\s*[ap]\.?m\.?)?)",
    re.I,
)


def time_limits(clause: str) -> list[tuple[str, dt.time]]:
    """("depart_after" | "arrive_before" | ..., time) said in a clause."""
    out = _between(clause)
    if out:
        return out
    for m in _LIMIT.finditer(clause):
        rest = clause[m.end() : m.end() + 40].lstrip()
        tm = _TIME.match(rest)
        said = bool(tm and (tm.group("ap") or tm.group("m") or tm.group("word")))
        part = (
            re.match(
                r"\s*(?:o'clock\s+)?(in the morning|in the afternoon|in the evening|at night)\b",
                rest[tm.end() :],
                re.I,
            )
            if tm
            else None
        )
        if tm and part and not said and tm.group("h"):  # "3 in the afternoon" is 15:00
            half = "am" if "morning" in part.group(1).lower() else "pm"
            tm, said = _TIME.match(f"{tm.group('h')}:00{half}"), True
        if not tm or not (said or m.group("da")):
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


def _between(clause: str) -> list[tuple[str, dt.time]]:
    """ "depart between 6 and 9am", "land between noon and 3pm": both bounds; the second's am/pm holds
    for the first when the first has none."""
    m = _BETWEEN.search(clause)
    if not m:
        return []
    a, b = _TIME.fullmatch(m.group("a").strip()), _TIME.fullmatch(m.group("b").strip())
    if not a or not b or not (b.group("ap") or b.group("word") or b.group("m")):
        return []
    end = clock(b, pm_default=True)
    start = clock(a) if a.group("ap") or a.group("word") else None
    if start is None and end is not None and a.group("h"):
        start = clock(_TIME.fullmatch(a.group("h") + (b.group("ap") or "")) or a, pm_default=True)
        if start is not None and start > end:  # "between 11 and 2pm": 11 in the morning
            start = dt.time(start.hour - 12, start.minute) if start.hour >= 12 else start
    if start is None or end is None:
        return []
    side = "arrive" if m.group("arr") else "depart"
    return [(f"{side}_after", start), (f"{side}_before", end)]


AMENITIES: dict[str, str] = {
    "gym": r"gym|fitness|workout", "pool": r"pool|swimming", "spa": r"spa", "breakfast": r"breakfast",
    "wifi": r"wi-?fi|internet", "parking": r"parking|park the car|(?:somewhere|place|space|spot) to park|garage", "airport-shuttle": r"airport shuttle|shuttle",
    "business-centre": r"business cent(?:re|er)", "restaurant": r"restaurant", "bar": r"bar",
    "pet-friendly": r"(?:pet|dog)[\s-]?friendly|(?:pets?|dogs?|cats?) (?:are |must be |need to be |should be )?(?:allowed|welcome)|allows? (?:dogs?|pets?|cats?)|(?:the|my|our) dog|(?:the|my|our) cat", "kitchen": r"kitchen\w*",
    "crib": r"crib|cot", "accessible": r"accessible|wheelchair|step-free",
}  # fmt: skip
AMENITY_RX = {k: re.compile(r"\b(?:" + v + r")\b", re.I) for k, v in AMENITIES.items()}
