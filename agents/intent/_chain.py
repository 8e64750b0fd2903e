"""Multi-city chains read as a careful travel agent reads them: each city the words travel *to*
("to Chicago", "on to Denver", "back to Boston", "home to Atlanta from Portland") starts a leg from
where the traveller is at that point; each leg owns the words of its own clause, so a day, a
weekday ("then on Thursday": the first Thursday after the leg before) or a count of nights
("two nights there") said in it belongs to that leg and that city, not to the trip.

``chain_route`` gives the legs; ``chain_days`` the day of each (stated, or inferred from the nights
spent in the city before); ``leg_by_place`` the one leg a clause names by its cities ("the Denver
to Boston flight", "the Orlando flight"). The hotels of a chain are ``_chain_stays.chain_stays``.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent import _words as w
from agents.intent._chain_legs import (
    FOR_N,
    Hop,
    bare_range,
    clause_from,
    elliptic_nights,
    move_day,
    nights_before,
)
from agents.intent._gazetteer import _NAMES as CITY_WORDS
from agents.intent._gazetteer import Place
from agents.intent._mention import Mention
from agents.intent._model import LegIntent
from agents.intent._places import find_places

#: Words right before a city that travel to it ("to", "on to", "into", "back to", "home to").
_TO = re.compile(
    r"(?:\b(?:to|into|onto|on to|onward to|for|back in|home in|(?<!stay )(?<!staying )be in)|(?:->|→|>|–|—))"
    r"\s+(?:the\s+)?$",
    re.I,
)
#: Words right before a city that travel from it ("from", "out of", "leaving").
_FROM = re.compile(r"\b(?:from|out of|leaving|departing)\s+(?:the\s+)?$", re.I)
#: A city the trip passes through: "via", "by way of", "with a stop in", "stopping over in".
_VIA = re.compile(
    r"\b(?:via|by way of|(?:with )?(?:a )?stop(?:ping)?(?:[\s-]?over)? (?:in|at)|stopover (?:in|at))\s+$",
    re.I,
)
#: The chain said to come back where it started: "round trip from LA", "flying from and back to".
_ROUND = re.compile(r"\bround[\s-]?trip\b|\breturn(?:ing)? trip\b", re.I)
#: A way back or home said right before "from X": "home ... from Portland", "back from Madrid".
_HOMEWARD = re.compile(r"\b(?:home|back|return\w*)\b", re.I)
#: Where a new leg's clause starts: a sentence, a line, "then", "and", a comma.
_BOUNDARY = re.compile(r"[.;!?\n]\s*|,\s*|\bthen\b|\band\b|\bbefore\b", re.I)
#: The trip ends at home after the last city, no city named ("and then back home", ", then home").
_THEN_HOME = re.compile(
    r"^[^.!?\n]{0,40}?(?:\n[\s*•·-]*)?(?P<cut>\bthen\b|\band\b|[,;])\s*(?:\w+\s+){0,2}?(?:back\s+)?home\b(?!\s+(?:to|from)\b)",
    re.I,
)
_NIGHTS = re.compile(r"\b(?P<n>\d+|a|one)\s+nights?\b", re.I)
_HOTEL_WORD = re.compile(r"\b(?:hotels?|room|rooms|accommodation|somewhere to stay|place to stay)\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\bthen\b|\s)+\s*", re.I)


def chain_route(places: list[Place], text: str, home: str | None) -> list[Hop]:
    """The legs a chain of "to"s names, in order: [] when the words name no journey."""
    hops: list[Hop] = []
    cur: str | None = None
    from_home = False  # the first leg leaves from home because no city was said before it
    cur_start = 0  # where the clause of the city that set ``cur`` starts ("SF to Toronto")
    cur_end = 0
    prev_end = 0
    for p in places:
        before = text[max(prev_end, p.start - 40) : p.start]
        clause = _clause_start(text, prev_end, p.start)
        after, after_long = text[p.end : p.end + 12], text[p.end : p.end + 40]
        if _FROM.search(before):
            last = hops[-1] if hops else None
            if (
                last
                and _HOMEWARD.search(text[last.start : p.start])
                and not re.search(r"[.;!?\n]", text[last.at : p.start])
            ):
                last.origin = p.code  # "home to Atlanta from Portland": the way home starts there
                cur = last.destination
            elif (
                last
                and from_home
                and _STARTING.search(before)
                and all(p.code not in (h.origin, h.destination) for h in hops)
            ):
                hops[0].origin = p.code  # "London on Jan 13, ..., starting from Frankfurt": where it starts
                from_home = False
            elif last and _HOMEWARD.search(before):  # "and fly home from Madrid"
                hops.append(Hop(p.code, hops[0].origin or home or "", clause, p.start))
                cur = hops[-1].destination
            elif not (hops and p.code == hops[0].origin and not _PAIR_NEXT.match(after)):
                cur, cur_start, cur_end = p.code, clause, p.end  # (not "leaving from New York" said again)
                if hops and cur == hops[0].origin:
                    hops = []  # the route said again from its start: what came before was a summary
        elif (
            (
                _TO.search(before)
                or _VISIT.search(before)
                or (  # "via Chicago on Feb 1": a stop with its own day or hotel, not a connection
                    _VIA.search(before)
                    and hops
                    and re.search(r"\d", text[prev_end : p.start])  # "to Tokyo via Chicago": a connection
                    and not _HOMEWARD.search(text[prev_end : p.start])
                    and (_DATED.match(w.digits(after_long)) or hotel_asked_in(text, p.code))
                )
                or (  # a new city listed with its own day: "Paris on the 6th" (not "hotel in ... and Paris (3 nights)")
                    (
                        _DATED.match(w.digits(after_long))
                        or (FOR_N.match(w.digits(after_long)) and _NIGHTS.search(w.digits(text[: p.start])))
                    )
                    and _LISTED.search(text[prev_end : p.start])
                    and all(p.code != h.destination and (p.code != h.origin or from_home) for h in hops)
                )
            )
            and not _NAMING.match(after)
        ):
            src = cur or home
            if _NOT_GOING.search(text[clause : p.start]):
                pass  # "not coming back to Toronto", "no flight back to London"
            elif _GROUND.search(text[clause : p.start]):
                if hops and p.code != hops[-1].destination:
                    hops[-1].moves.append((p.code, p.end))  # a stop reached by road: a stay, no flight
                cur, cur_start, cur_end = p.code, clause, p.end  # "the train down to New York": no flight
            elif (
                src
                and src != p.code
                and not any((h.origin, h.destination) == (src, p.code) for h in hops)
                # "hotels for 2 nights in Frankfurt and 2 in Paris": nights in a city the chain
                # already flies to are its stay there, not a visit of their own
                # ("we'd love to be in Le Marais": an area of a city the chain flies to is where to stay)
                and not (
                    re.search(r"\bin\s+(?:the\s+)?$", before)
                    and any(h.destination == p.code for h in hops)
                    and (not _TO.search(before) or _area_of_city(text[p.start : p.end]))
                )
            ):
                from_home = from_home or (not hops and cur is None)
                start = cur_start if cur and not _BOUNDARY.search(text[cur_end : p.start]) else clause
                hops.append(Hop(src, p.code, start, p.start))
                cur, cur_start, cur_end = p.code, clause, p.end
        elif _PAIR_NEXT.match(after):  # "London to Paris", "SF -> Toronto": the city a leg leaves
            cur, cur_start, cur_end = p.code, clause, p.end
            if hops and cur == hops[0].origin and hops[-1].destination != cur:
                hops = []  # the route said again from its start: what came before was a summary
        prev_end = p.end
    hops = [h for h in hops if h.origin and h.destination and h.origin != h.destination]
    if hops:
        first = hops[0].origin
        last_at = next(p.end for p in places if p.start == hops[-1].at)
        home_m = _THEN_HOME.search(text[last_at:])
        if hops[-1].destination != first and home_m:
            hops.append(
                Hop(hops[-1].destination, first or "", last_at + home_m.start("cut"), last_at + home_m.end())
            )
        elif hops[-1].destination != first and first and _ROUND.search(text[last_at:]):
            hops.append(Hop(hops[-1].destination, first, len(text), len(text)))  # "..., round trip from LA"
    for a, b in zip(hops, hops[1:], strict=False):
        a.end = b.start
    if hops:
        stop = re.search(r"[.;!?\n]", text[hops[-1].at :])
        hops[-1].end = hops[-1].at + stop.start() if stop else len(text)
    return hops


#: A way of getting there that is not a flight ("taking the train down to", "driving on to").
_GROUND = re.compile(
    r"\b(?:train|rail|drive|driving|drove|car|bus|coach|ferry|boat|cruise|road trip|eurostar|amtrak)\b", re.I
)
#: Travel denied: "not coming back to", "no flight back to", "won't fly on to".
_NOT_GOING = re.compile(r"\b(?:not|no|never|won't|don't|without)\b", re.I)
#: Travel said as going on: "continue to Orlando" (a bare "then Chicago" is a leg only with its own day).
_VISIT = re.compile(
    r"\bcontinu\w+\s+(?:on\s+)?to\s+$|\bvisit(?:ing)?\s+$"
    # a stay counted before its city: "two nights in Chicago", "then three in Toronto" (not "one in")
    r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a few|a couple(?: of)?)\s+(?:more\s+)?(?:nights?\s+)?in\s+$"
    r"|\b(?:a|one)\s+(?:more\s+)?night\s+in\s+$",
    re.I,
)
#: A city with its own day or nights right after it: "Paris on the 6th", "Chicago (Mar 3)", "Tokyo for 3 nights".
_DATED = re.compile(
    r"\s*[(,]?\s*(?:on\s+|from\s+)?(?:the\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d|\d{1,2}(?:st|nd|rd|th|/\d)|(?:for\s+)?\d+\s+nights?|\(\d{1,2}\s*[-–]\s*\d{1,2}\)"
    # a bare weekday: "then Los Angeles on Sunday", "then San Francisco Tuesday"
    r"|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b)",
    re.I,
)
#: The day the whole trip starts, wherever it is said: "starting October 1".
_STARTING = re.compile(
    r"\b(?:starting|beginning|kicking off|setting off|from)\s+(?:on\s+)?(?:the\s+)?$", re.I
)
#: Before a city of a listed itinerary: the start, a comma, a colon, "then", "and".
_LISTED = re.compile(
    r"(?:^|[,:;(\n-]|\bthen|\band|\bfirst|\b(?:book|get|fly) (?:me|us)|\b(?:visiting|doing|hitting|seeing|stopping (?:in|at)|stops? (?:in|at)))\s*$",
    re.I,
)
#: A city named as a noun's modifier, not travelled to: "to the Orlando flight", "to Boston one".
_NAMING = re.compile(r"^\s*(?:flight|leg|hop|one|plane)s?\b", re.I)
#: A city followed by the join of a leg: "London to", "SF ->".
_PAIR_NEXT = re.compile(r"^\s*(?:to|->|→|>|–)\s", re.I)


def _area_of_city(words: str) -> bool:
    """The words name an area, a landmark or a town beside a city ("Le Marais"), not the city."""
    return not words.isupper() and words.lower() not in CITY_WORDS


def _clause_start(text: str, lo: int, hi: int) -> int:
    """Where the clause of a city mentioned at ``hi`` starts: the last boundary after ``lo``."""
    cut = lo
    for m in _BOUNDARY.finditer(text, lo, hi):
        cut = m.start()
    return cut


def is_chain(hops: list[Hop]) -> bool:
    """Three or more legs, or two that are not out and back (an open jaw)."""
    if len(hops) >= 3:
        return True
    return len(hops) == 2 and not (
        hops[0].origin == hops[1].destination and hops[0].destination == hops[1].origin
    )


def nights_in(text: str) -> int | None:
    m = _NIGHTS.search(w.digits(text))
    if m is None:
        return None
    return 1 if m.group("n").lower() in ("a", "one") else int(m.group("n"))


def _lead_day(hop: Hop, mentions: list[Mention], text: str) -> Mention | None:
    """The one day that opens a leg's clause, right before its route ("... dinner. Wednesday 21 April,
    Washington to Miami"; "Then Friday 23 April, Miami back to Boston"), not one said after a route."""
    for m in mentions:
        if (
            m.end <= hop.start
            and len(m.days) == 1
            and _lead_gap(text[m.end : hop.start], hop)
            and re.search(  # a sentence's start, "then", or a bullet ("- Fri Apr 23: DC back to Phoenix")
                r"(?:^|[.;!?]\s*|\bthen\s+|(?:^|\s)[-*•]\s+)(?:on\s+)?$",
                text[max(0, m.start - 12) : m.start],
                re.I,
            )
        ):
            return m
    return None


def _lead_gap(gap: str, hop: Hop) -> bool:
    """Nothing but a comma or colon between a day and its leg's clause, or the leg's own origin when
    the clause starts after it ("Fri Apr 23: DC back to Phoenix")."""
    g = re.fullmatch(r"\s*[,:–-]?\s*(?:from\s+)?(?P<name>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*)?", gap)
    if g is None:
        return False
    return not g.group("name") or [p.code for p in find_places(g.group("name"))] == [hop.origin]


def chain_days(hops: list[Hop], legs: list[LegIntent], mentions: list[Mention], text: str) -> dict[int, str]:
    """Set each leg's day from its own clause; a leg whose clause names none departs the nights of the
    clause before it after the leg before. Returns the legs set, with their source."""
    set_: dict[int, str] = {}
    prev: dt.date | None = None
    carry: dt.date | None = None  # the end of a range said of the city before: the next leg's day
    starts = [m for m in mentions if _STARTING.search(text[max(0, m.start - 20) : m.start])]
    starts = starts if len(starts) == 1 and hops and starts[0].start >= hops[0].end else []
    for i, (hop, leg) in enumerate(zip(hops, legs, strict=False)):
        said = [
            m
            for m in mentions
            if clause_from(hops, i) <= m.start < hop.end and len(m.days) in (1, 2) and not m.window
        ]
        said = starts[:1] if i == 0 and starts else [m for m in said if m not in starts]
        said = [m for m in said if i + 1 >= len(hops) or m is not _lead_day(hops[i + 1], mentions, text)]
        if (lead := _lead_day(hop, mentions, text)) is not None and i > 0:
            said = [lead]  # "Wednesday 21 April, Washington to Miami": the day said before the leg's route
        if i > 0 and (ends := _stay_ends(hops[i - 1], mentions, text)):
            said = ends[:1]  # "stay there until March 6, then fly on to ...": the day this leg leaves
        said = [m for m in said if m not in _stay_ends(hop, mentions, text)]
        day: dt.date | None = None
        if said and len(said[0].days) == 2 and said[0].days[0] < said[0].days[1]:
            day, carry = (
                said[0].days[0],
                said[0].days[1],
            )  # "Chicago (Mar 3-6)": there from the 3rd to the 6th
            set_[i] = "stated"
        elif said and len(said[0].days) == 1:
            m = said[0]
            day = m.days[0]
            if prev is not None and m.kind == "wd_rel" and m.anchored in ("weekday", "after", "the", "that"):
                gap = (day.weekday() - prev.weekday()) % 7 or 7
                day = prev + dt.timedelta(days=gap)  # "then on Thursday": the Thursday after
            set_[i] = "stated"
        elif carry is not None and i > 0:
            day, carry = carry, None
            set_[i] = "stated"
        elif prev is not None and i > 0:
            nights = (
                nights_in(text[hops[i - 1].at : hops[i - 1].end])
                or nights_before(text, hops[i - 1])
                or elliptic_nights(text, hops[i - 1])
            )
            if nights:
                day = prev + dt.timedelta(days=nights)
                set_[i] = "inferred"
        if day is not None:
            leg.date = day
        if carry is None and leg.date is not None and (bare := bare_range(text, hop, leg.date)):
            carry = bare  # "then Toronto (10-12)": the month of the day it starts
        prev = leg.date
        hop.move_days = [move_day(hop, k, mentions, text, prev) for k in range(len(hop.moves))]
    return set_


def _stay_ends(hop: Hop, mentions: list[Mention], text: str) -> list[Mention]:
    """Days in a leg's clause that end the stay it flies to ("stay until March 9")."""
    return [
        m
        for m in mentions
        if hop.at <= m.start < hop.end
        and len(m.days) == 1
        and _UNTIL.search(text[max(hop.at, m.start - 12) : m.start])
    ]


_UNTIL = re.compile(r"\b(?:until|till|til|through|thru)\s+(?:the\s+)?$", re.I)


def sentences_naming(text: str, code: str) -> list[str]:
    parts = re.split(r"(?<=[.;!?\n])\s*|,\s*(?=(?:but|and|so)\b)", text)
    return [s for s in parts if s and any(p.code == code for p in find_places(s))]


def hotel_asked_in(text: str, code: str) -> bool:
    """A hotel asked for in this city: "a hotel in Paris", "an Amsterdam hotel for four nights",
    "rooms in Chicago and Toronto" (every city of the list)."""
    places = find_places(text)
    for k, p in enumerate(places):
        before, after = text[max(0, p.start - 40) : p.start], text[p.end : p.end + 10]
        if not (
            re.search(_HOTEL_WORD.pattern + r"(?:\s+[\w']+){0,3}?\s+(?:in|at)\s+(?:both\s+)?$", before, re.I)
            or (re.search(r"\b(?:one|another)\s+in\s+$", before, re.I) and _HOTEL_WORD.search(text))
            or re.match(r"\s+hotels?\b", after, re.I)
        ):
            continue
        if p.code == code:
            return True
        for a, b in zip(places[k:], places[k + 1 :], strict=False):  # "in Chicago and Toronto"
            if not _LIST_GAP.fullmatch(text[a.end : b.start]):
                break
            if b.code == code:
                return True
    return False


def leg_by_place(sent: str, legs: list[LegIntent]) -> LegIntent | None:
    """The one leg of a chain a clause names by its cities: "the Denver to Boston flight", "the
    flight to Orlando", "the Orlando flight", "Toronto to New York (this one ...)"."""
    if len(legs) < 3 and not (
        len(legs) == 2
        and not (legs[0].origin == legs[1].destination and legs[0].destination == legs[1].origin)
    ):
        return None
    places = find_places(sent)
    for a, b in zip(places, places[1:], strict=False):
        if _PAIR_NEXT.match(sent[a.end : b.start] + " ") or re.fullmatch(
            r"\s*(?:-|->|→|>|–)\s*", sent[a.end : b.start]
        ):
            hit = [leg for leg in legs if (leg.origin, leg.destination) == (a.code, b.code)]
            if len(hit) == 1:
                return hit[0]
    named = {
        p.code
        for p in places
        if _NAMING.match(sent[p.end : p.end + 12])
        or re.search(
            r"\b(?:flight|leg|hop)\s+(?:in)?to\s+(?:the\s+)?$", sent[max(0, p.start - 20) : p.start], re.I
        )
    }
    hits = [leg for leg in legs if leg.destination in named]
    return hits[0] if len(hits) == 1 else None
