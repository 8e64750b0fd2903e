"""What the trip may cost: the budget for the whole trip, a nightly rate, an amount for each traveller.

Amounts are read with what is said around them: a cap on the whole trip ("budget $900", "$2k all
in") outranks a cap said of nothing in particular, which outranks one said of a part ("keep the hotel
under $350"); a bare amount counts only when no cap is said; a correction ("no, make that $1,500")
wins over all, and a hedged amount ("ideally under $1,200") only when nothing firm is said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.intent import _money_words as mw
from agents.intent._model import TripIntent
from agents.intent._text import digits, hedged_piece, soft

_AMOUNT = re.compile(
    r"(?P<cur>[$€£]|\b(?:usd|us\$|dollars?)\s)?\s?(?P<num>\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?=\s?(?:usd|dollars|bucks|\$|€|£))|(?<=[$€£])\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?!\d)|\d[\d,]*(?:\.\d+)?)\s?(?P<k>k\b|grand|thousand)?(?:\s?(?:dollars|usd|bucks))?(?![\d:])",
    re.I,
)
_NIGHT = re.compile(  # "$150 a night", "$150 per room per night", "$150 a room a night", "$150/room/night"
    # also "$400 max per night", "$400 for each night", "$400 a nite", "$400 p/n", "$400 pn"
    r"^\s*(?:(?:max(?:imum)?|tops|at most|or less)\s+)?(?:(?:a|per|/|each|every)\s*room,?\s*)?"
    r"(?:(?:a|per|/|each|every|for each|for every)\s*ni(?:ght|te)|nightly|/\s*n(?:ight|t)\b|p/?n\b)",
    re.I,
)
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
    r"\b(?:(?:(?:each|every|per|a|any|one|single|individual)\s+)(?:ticket|flight|fare|leg|seat|charge|booking|"
    r"transaction|item|purchase)s?|the\s+(?:ticket|flight|fare|leg|seat|charge|booking|transaction|item|purchase))"
    r"\b[^.;$]{0,25}$",  # "the flights" (all of them) is the flights' share, not one charge
    re.I,
)
_FOR_FLIGHTS = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:for|on) (?:the |my |our )?(?:flights?|tickets?|fares?|airfare)\b", re.I
)
_THRESHOLD = re.compile(
    r"\b(?:anything|something|whatever|if (?:it'?s|it is|the (?:total|trip|price) is)|when(?:ever)? it'?s|it (?:goes|comes to))"
    r"\s+(?:above|over|more than|beyond)\s*$|(?<!not )(?<!never )(?<!n't )\b(?:exceeds?|exceeding)\s*$",
    re.I,
)
_WHOLE_TRIP = re.compile(
    r"\b(budget|total|in total|all in|all-in|altogether|overall|whole (?:thing|trip|stay)|entire (?:trip|stay)|"
    r"everything|the trip)\b",
    re.I,
)
_PART = re.compile(r"\b(hotels?|rooms?|stay|nights?|flights?|fares?|tickets?|seats?|airfare)\b", re.I)
_CAP = re.compile(
    r"\b(budget|under|max|maximum|up to|no more than|not more than|within|at most|cap|all in|total|"
    r"whole (?:thing|trip)|spend|afford|got|have|below|less than|keep it|limit|capped|ceiling|tops|"
    r"(?:can't|cannot|won't|not|never|mustn't|shouldn't)\s+(?:\w+\s+)?(?:over|above|beyond|more than|top|exceed))\b",
    re.I,
)


@dataclass
class Money:
    budget: float | None = None
    nightly: float | None = None
    nightly_soft: bool = False
    vague_budget: bool = False
    per_head: float | None = None  # the most the trip may cost for each traveller
    hotel_total: float | None = None  # the most the hotel may cost, all its nights ("$600 for the hotel")
    flights_total: float | None = None  # the most the flights may cost together ("airfare under $500")
    budget_soft: str | None = None  # "wish" ("ideally under $1,200") or "approx" ("around 2k"); None: firm

    def trip_budget(self, travelers: int | None) -> float | None:
        """The most the whole trip may cost: the stated total, or the per-head amount for everyone."""
        head = self.per_head * (travelers or 1) if self.per_head is not None else None
        caps = [c for c in (self.budget, head) if c is not None]
        return min(caps) if caps else None


_A_THOUSAND = re.compile(  # "a grand", "a thousand on it", "one thousand max" (not "a thousand miles")
    r"\b(?:a|one)\s+(grand|thousand(?=\s+(?:dollars|bucks|usd|on|for|to|max|maximum|tops|total|all|or|and|is|at)\b"
    r"|\s*(?:[.,;!?)]|$)))",
    re.I,
)
# "2 and a half grand" (number words already digits), "a grand and a half": N.5 thousand
_AND_A_HALF = re.compile(
    r"\b(\d+) and a half (grand|k|thousand)\b|\b(\d+) (grand|thousand) and a half\b", re.I
)
# "$1.300": three digits after the point group thousands (cents have two)
_POINT_THOUSANDS = re.compile(r"(?<=[$€£])(\d{1,3})\.(\d{3})(?!\d|[.,]\d)")
# A bare number ("1300", "thirteen hundred") is money when a cap is said before or after it
_CAP_BEFORE = re.compile(
    r"\b(?:budget|under|max|maximum|up to|limit|cap|spend|afford|pay|below|at most|no more than|less than"
    r"|(?:can't|cannot|won't|shouldn't|mustn't|not|never)\s+(?:\w+\s+)?(?:over|above|beyond|more than|top|exceed))"
    r"(?:\s+(?:is|of|a|about|around|roughly|just|only))*\s*:?\s*$",
    re.I,
)
_CAP_AFTER = re.compile(
    r"^\s*(?:(?:usd|dollars|bucks)\s+)?(?:max(?:imum)?|tops|all[\s-]in|in total|total|or less|at most|at the most"
    r"|for (?:the |this |our |my )?(?:whole|entire|everything|lot|trip|all)|to (?:spend|play with|work with)"
    r"|is (?:my|our|the) (?:max|maximum|limit|budget|ceiling|cap|most)|not a (?:cent|penny|dime) more)\b",
    re.I,
)
# "per diem", "daily lodging allowance": what one night of the hotel may cost, never the trip's budget
_PER_DIEM = re.compile(
    r"\bper[\s-]?diem\b|\bdaily (?:hotel |lodging |room |accommodation )?(?:allowance|rate|limit|cap)\b"
    r"|\b(?:hotel|lodging|room|accommodation) allowance\b",
    re.I,
)
_MEALS = re.compile(r"\b(?:meals?|food|m&ie|incidentals|dinners?|lunch(?:es)?)\b", re.I)
# "the hotel budget", "budget for the flights": a budget of a part, not of the trip
_PART_BUDGET = re.compile(
    r"\b(?:hotels?|rooms?|accommodation|lodging|stay|flights?|airfare|fares?|tickets?)(?:'s)?\s+budget\b"
    r"|\bbudget (?:for|on) (?:the |my |our )?(?:hotels?|rooms?|stay|accommodation|lodging|flights?|airfare|fares?|tickets?)\b",
    re.I,
)
_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*(?:\d{1,2}(?:st|nd|rd|th)?,?\s*)?$",
    re.I,
)
_HOTEL_PART = re.compile(r"\b(hotels?|rooms?|stay|nights?|accommodation|lodging)\b", re.I)


# "13 hundred", "thirteen hundred-ish" (text2num leaves "13 hundred"), "1.3 thousand": one number
_HUNDRED = re.compile(r"\b(\d+(?:\.\d+)?)[\s-]*(hundred|thousand)\b", re.I)


def _hundreds(t: str) -> str:
    def one(m: re.Match[str]) -> str:
        n = float(m.group(1)) * (100 if m.group(2).lower() == "hundred" else 1000)
        return f"{n:.0f}"

    return _HUNDRED.sub(one, t)


def _normalise(t: str) -> str:
    """Amounts in one shape: "2 and a half grand" -> "2.5 grand", "$1.300" -> "$1300"."""
    t = _AND_A_HALF.sub(lambda m: f"{m.group(1) or m.group(3)}.5 {m.group(2) or m.group(4)}", t)
    return _POINT_THOUSANDS.sub(r"\1\2", t)


#: "..., not $250", "rather than $200": the amount a correction replaces, read as no amount at all
_REJECTS = re.compile(r"\s*,?\s*(?:not|rather than|instead of)\s*\$\s?(\d[\d,]*(?:\.\d+)?)", re.I)
_REJECTED = re.compile(r"(?:\bnot|\brather than|\binstead of)\s*(?:the\s+)?\$?\s*$", re.I)
_AMOUNT_FIX = re.compile(
    r"\b(?:instead|make (?:that|it)|actually|rather|scratch that|change (?:that|it) to|no,|sorry,?|i mean)\b",
    re.I,
)


def money(text: str) -> Money:
    t = _A_THOUSAND.sub(r"1 \1", _hundreds(digits(_hundreds(text))))  # "a grand" -> "1 grand"
    t = mw.normalise(_normalise(t))  # "$1,2k", "1.800 dollars", a range's top, fillers of speech
    out = Money()
    stretch_head: float | None = None  # "$550 a head, $600 at a push": the figure that may not be passed
    loose: set[float] = set()  # amounts said approximately and with no firm word ("budget around 2k")
    hedged_budget: float | None = None
    tiers: list[list[float]] = [[], [], [], []]
    fixed: float | None = None
    prev_end = 0  # where the last amount read as money ends
    for m in _AMOUNT.finditer(t):
        num = float(re.sub(r"[,\s]", "", m.group("num")))  # "1,300", "1 300" (a space groups thousands)
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
            r"\s*(am|pm|nights?|days?|stars?|people|rooms?|of us|kids|:|st|nd|rd|th|miles|points|km)\b",
            after,
            re.I,
        ) or re.match(r"\s*(?:%|per ?cent\b)", after, re.I):  # "50% above the economy fare": a share
            continue
        if _REJECTED.search(before[-25:]):
            continue  # "$350 a night, not $250": the amount a correction rejects is no cap at all
        if (rej := _REJECTS.match(t[m.end() : m.end() + 25])) and out.nightly == float(
            re.sub(r"[,\s]", "", rej.group(1))
        ):
            out.nightly, out.nightly_soft = num, False  # "it's $210, not $150": the night's new cap
            continue
        per_night = _NIGHT.search(after) or re.match(
            r"\s*(?:on|for) (?:the |a )?(?:room|hotel)\s+(?:a|per|each|every) night\b",
            t[m.end() : m.end() + 30],
            re.I,
        )
        ob, oa = mw.own_clause(t, m.start(), m.end())  # the amount's own clause, for the word classes
        if not (
            has_cur or k or per_night or re.search(r"\b(dollars|bucks)\b", t[m.start() : m.end() + 10], re.I)
        ):
            if (
                num < 50
                or not (
                    _CAP_BEFORE.search(before)
                    or _CAP_AFTER.match(t[m.end() : m.end() + 30])
                    or mw.stretch(ob, oa)  # "1500 is the hard limit"
                    or mw.labelled(before)  # "Spending money for the trip: 1500"
                    or (
                        prev_end and _AMOUNT_FIX.search(before[-20:])
                    )  # "fifteen hundred, sorry, make that 1700"
                    or (mw.whole(ob, oa) and not _MONTH_BEFORE.search(before))  # "2000 for the both of us"
                )
            ):
                continue
        start_prev, prev_end = prev_end, m.end()
        said_of = re.split(r"[.;!?]", before)[-1]
        # what is said since the last amount, without the tail of that amount's own phrase
        # ("$600 for the three nights and I have $1,200": "I have"; "all in, the hotel under $400")
        clause = re.split(r"[.;!?]", t[max(start_prev, m.start() - 45) : m.start()])[-1]
        if start_prev and (cut := list(re.finditer(r"[,;]|\band\b|\bbut\b", clause))):
            clause = clause[cut[0].end() :]
        own = clause + " " + re.split(r"[.;!?]|\band\b", t[m.end() : m.end() + 40])[0]
        if mw.per_day(oa) and not per_night and not _PER_DIEM.search(said_of + oa):
            continue  # "a $50/day meal allowance": a daily rate, not what the trip may cost
        if mw.of_other(ob, oa) and not per_night:
            continue  # "the registration fee is $650", "show tickets were $120 each": not the trip's money
        if _PER_DIEM.search(said_of + " " + re.split(r"[.;!?]", t[m.end() : m.end() + 40])[0]) and not (
            _WHOLE_TRIP.search(own) and not _PER_DIEM.search(own)
        ):  # "a lodging per diem of $340": each night's cap, not the trip's ("$75 for meals": neither)
            if not (_MEALS.search(own) and not _HOTEL_PART.search(own)):
                fix = _AMOUNT_FIX.search(said_of)  # "the per diem is actually $350": replaces, not min
                out.nightly = num if out.nightly is None or fix else min(out.nightly, num)
                out.nightly_soft = False
            continue
        if (
            per_night
            or re.search(r"\bnightly\b", before[-20:], re.I)
            or re.search(r"\bnightly (?:cap|limit|max(?:imum)?|budget)\b", clause, re.I)
            or re.search(r"\b(?:nightly|room|hotel) rate\b|\brate per night\b", said_of, re.I)
        ):
            out.nightly = num
            item = re.split(r"\s[-–•]\s(?=[A-Z])", before)[
                -1
            ]  # "Nice to have: quiet - Max $350/night": own item
            # hedged in its own piece, not by a hedge about something else ("max $650/night, Cambridge preferred")
            win = item + t[m.start() : m.end() + 40]
            out.nightly_soft = hedged_piece(win, len(item), len(item) + m.end() - m.start())
            continue
        if _NOT_BUDGET.search(after) or _THRESHOLD.search(clause[-25:]) or _PER_CHARGE.search(clause):
            continue  # a difference ("$150 more per flight"), an approval threshold ("anything above
            # $1,000") or a cap on one charge ("each ticket under $150"): not what the whole trip may cost
        if ((head := _PER_HEAD.search(after)) or mw.per_head(ob, oa)) and not mw.each_of_thing(ob, oa):
            if not _FOR_FLIGHTS.search(after[head.end() if head else 0 :] + t[m.end() + 20 : m.end() + 40]):
                out.per_head = num if out.per_head is None else min(out.per_head, num)
                if mw.stretch(ob, oa):
                    stretch_head = num
            continue
        if mw.settled(ob, oa):  # "last time it was about $1,300 total": a bare amount at most
            if has_cur or k:
                tiers[3].append(num)
            continue
        if mw.loose(ob, oa):
            loose.add(num)
        comma = "," if m.group(0).rstrip().endswith(",") else ""  # "$350, and the budget": the amount took it
        tail = re.split(r"[.;!?,]|\bbut\b|\band\b", comma + t[m.end() : m.end() + 30])[0]
        said = clause + " " + tail
        # "the hotel budget is $900 total": the budget the amount's own clause names is the hotel's
        # the words that make the amount the whole trip's (None: nothing does)
        found = None if _PART_BUDGET.search(clause) else _WHOLE_TRIP.search(said)
        whole = found.group(0) if found else None
        if mw.whole(ob, oa) or mw.both_parts(t, m.start(), m.end()):  # "for both of us", "flights and hotel"
            whole = said.split()[0] if said.split() else ""
        # a part is named in the amount's own phrase ("with a hotel, $900 max for the lot": not the hotel's)
        own = _PART.search(re.split(r"[,;:]|\band\b", clause)[-1] + " " + tail)
        if whole is not None and own and re.fullmatch(r"total|in total|altogether", whole, re.I):
            whole = None  # "the room shouldn't cost more than $900 in total": the room's total
        part = bool(own) and whole is None
        if _AMOUNT_FIX.search(before[-30:] + t[m.end() : m.end() + 12]) and (
            _CAP.search(said) or has_cur or start_prev
        ):
            fixed = num  # a later amount said as a correction ("no, make that $1,500") replaces the rest
            continue
        # a hedged amount ("under $1,200 would be ideal but up to $1,500 is ok") yields to a firm one
        if mw.stretch(ob, oa) and not part:
            tiers[0].append(num)  # "but I can stretch to $1,600", "1500 is the hard limit": the cap
        elif (_CAP.search(said) or has_cur) and soft(
            re.split(r"\bbut\b", clause)[-1]
            + re.split(r"\bbut\b|[,.;!?]", comma + t[m.end() : m.end() + 40])[0]
        ):
            hedged_budget = num if hedged_budget is None else min(hedged_budget, num)
        elif whole is not None:
            tiers[0].append(num)
        elif _CAP.search(said) and part:  # a cap on the hotel or the flights: that part's, not the trip's
            if _HOTEL_PART.search(said):
                out.hotel_total = num if out.hotel_total is None else min(out.hotel_total, num)
            else:
                out.flights_total = num if out.flights_total is None else min(out.flights_total, num)
        elif _CAP.search(said) or _CAP_AFTER.match(re.sub(r"^\s*,", "", t[m.end() : m.end() + 30])):
            tiers[1].append(num)  # "up to $1,500", "a grand and a half, tops"
        elif mw.approx(ob, oa) and (has_cur or k) and not part:
            tiers[2].append(num)  # "around 2k", "ballpark two grand", "$1.1k-ish": the figure meant
        elif (has_cur or k) and not part:
            tiers[3].append(num)
    # the whole trip's cap ("budget $900", "$2k all in") first; then a cap said of nothing in
    # particular ("up to $1,500"); a cap said of a part ("keep the hotel under $350") is that part's
    # (the reader makes it the trip's when the part is all the trip buys); a bare amount ("last time it cost $700") only when no cap is
    # said at all, and never one said of a part ("the room was $400"); a correction wins over all;
    # a hedged amount only when nothing firm is said
    if stretch_head is not None:
        out.per_head = stretch_head
    firm = next((min(x) for x in tiers if x), None)
    out.budget = fixed if fixed is not None else firm if firm is not None else hedged_budget
    if fixed is None and out.budget is not None:
        out.budget_soft = "approx" if firm is not None and firm in loose else "wish" if firm is None else None
    if out.budget is None and re.search(r"\b(usual|normal|regular) budget\b", t, re.I):
        out.vague_budget = True
    return out


def part_caps(intent: TripIntent, m: Money) -> None:
    """A cap on a part goes on that part ("keep the hotel under $600": the stay's ``max_total``;
    "airfare under $500": ``flights_budget``), and is the trip's budget when that part is all the
    trip buys (a hotel-only stay, flights and no hotel) and no budget is said for the trip."""
    if m.hotel_total is not None and intent.stays:
        if intent.budget is None and not intent.legs:
            intent.budget = m.hotel_total
        elif len(intent.stays) == 1:
            intent.stays[0].max_total = m.hotel_total
    if m.flights_total is not None and intent.legs:
        if intent.budget is None and not intent.stays:
            intent.budget = m.flights_total
        else:
            intent.flights_budget = m.flights_total
