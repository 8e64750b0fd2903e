"""The words of limits and wishes that ``_hard_soft.limits_and_wishes`` reads: the clauses a limit is
said in, the leg a clause names by its day, stops, parts of the day, hotel ratings, neighbourhoods
and airlines named in a hedge ("Kestrel would be nice")."""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from agents.intent._chain import leg_by_place
from agents.intent._model import CalendarEntry, LegIntent
from agents.intent._words import soft

#: Clauses a limit or wish is read in: sentences, and clauses joined by "but", ", and", ";" or ":"
#: ("out no earlier than 6am, and the flight back must leave after 5pm"); "anything but X" stays whole.
CLAUSES = re.compile(
    r"(?<=[.!?;:])\s+|,\s+(?=but\b)|(?<![Aa]nything)(?<![Ee]verything)(?<![Aa]ll)\s+but\s+|,\s+and\s+"
    r"|\s*\n\s*(?=[-•*]|\d+[.)]\s)"  # each item of a list is a clause of its own
)
#: A clause after "but" that takes back the requirement before it ("but it's optional").
CONCEDE = re.compile(
    r"^\s*(?:it'?s|it is|that'?s|that is|this is|they'?re|it|that)?\s*(?:totally |entirely |completely |really )?"
    r"(?:optional|(?:not|isn't|is not|aren't) (?:essential|required|necessary|needed|a must|a deal-?breaker|critical|crucial)|no big deal|"
    r"(?:fine|ok|okay|no worries|no problem) if not)\b",
    re.I,
)
#: Words that say an amenity does not matter ("not fussed about a pool", "don't need a gym").
INDIFFERENT = re.compile(
    r"\b(?:not (?:fussed|bothered|worried|picky)|(?:don't|do not) (?:care|mind)|(?:don't|do not|won't) need|no need for|"
    r"doesn't matter|don't have to have)\b[^,.;]*$",
    re.I,
)
#: A cabin named: premium economy, business, first class, or economy (a limit only with ECONOMY_ONLY).
CABIN = re.compile(
    r"\b(?P<pe>premium economy|economy plus)\b|\b(?P<b>business class|business(?! cent))\b|\b(?P<f>first class)\b"
    r"|\b(?P<e>economy|coach)\b(?!\s+(?:plus|is fine|'s fine|is ok|is okay))",
    re.I,
)
#: A cabin ruled out: said after "no"/"not"/"never", or followed by "is not happening", "is out of the
#: question", "is not an option" ("four business seats is not happening", "no first class").
_CABIN_REFUSED_AFTER = re.compile(
    r"^\s*(?:class\s+)?(?:seats?|fares?|tickets?)?\s*(?:(?:is|are|'s|was|would be)\s+)?"
    r"(?:not happening|(?:isn't|aren't) happening|out of the question|(?:just\s+)?not an option|off the table"
    r"|out\b|a no\b|(?:way\s+)?too (?:much|expensive|pricey))",
    re.I,
)
_CABIN_REFUSED_BEFORE = re.compile(r"\b(?:no|not|never|without|forget|skip)\s+(?:\w+\s+)?$", re.I)


def refused_cabin(sent: str, start: int, end: int) -> bool:
    """Whether the cabin named at ``start:end`` is ruled out rather than asked for."""
    return bool(
        _CABIN_REFUSED_AFTER.match(sent[end : end + 40])
        or _CABIN_REFUSED_BEFORE.search(sent[max(0, start - 20) : start])
    )


ECONOMY_ONLY = re.compile(
    r"\b(?:economy|coach)\s+(?:only|required|is required|class only)\b|\b(?:only|must be|has to be|have to fly|policy"
    r"(?: is| says)?)\s+(?:in\s+)?(?:economy|coach)\b|\beconomy,? (?:no exceptions|company policy|per policy)\b",
    re.I,
)


#: Words that put a limit on the way out, or on the way back, of a round trip.
OUT_CUE = re.compile(
    r"\bway out|\boutbound|\b(?:flight|fly(?:ing)?|going) (?:over|out|there)\b|\bway there\b", re.I
)
BACK_CUE = re.compile(
    r"\b(?:(?:for|on) the return|return (?:flight|leg|trip)|(?:way|flight|coming|flying|fly) (?:back|home)|back home|inbound)\b",
    re.I,
)


#: An airline named, then judged: "Aurora Air preferred", "Boreal Airways never", "Solstice is out".
AIRLINE_AFTER = re.compile(
    r"\b(?P<a>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:\s+(?:is|are))?\s+(?:(?P<never>never|is out|banned|is a no(?:-go)?|not allowed)"
    r"|(?P<pref>preferred|if possible|ideally|by preference))\b"
)


_FIRM = re.compile(
    r"\b(must|need\w*|has to|have to|require\w*|essential|non-negotiable|a must|no exceptions|mandatory)\b",
    re.I,
)


_PIECE = re.compile(r"[,;()]|\band\b")


def hedged_here(sent: str, at: int, sentence_soft: bool) -> bool:
    """Whether what is said at ``at`` is a wish: its comma-delimited piece hedges it, or the sentence
    does and the piece is not firm ("Has to have a pool, spa would be nice": the pool is firm)."""
    cuts = [m.start() for m in _PIECE.finditer(sent)]
    start = max([c for c in cuts if c < at] or [0])
    stop = min([c for c in cuts if c > at] or [len(sent)])
    piece = sent[start:stop]
    if soft(piece):
        return True
    return sentence_soft and not _FIRM.search(piece)


def cabin_of(m: re.Match[str]) -> str:
    """The cabin a ``CABIN`` match names."""
    return (
        "premium_economy"
        if m.group("pe")
        else "business"
        if m.group("b")
        else "first"
        if m.group("f")
        else "economy"
    )


NO_STOPS = r"\b(?:no|zero|without (?:any |a )?|avoid(?:ing)? (?:any )?)\s*(?:connections?|layovers?|stop-?overs?|stops|changes of planes?)\b"
PART_OF_DAY = re.compile(
    r"\b(?:(?P<arr>arriv\w*|land\w*|get(?:ting)? in)\s+(?:\w+\s+){0,2})?(?:in the\s+)?(?:(?:early|late|mid)[\s-]?)?(?P<p>morning|afternoon|evening)s?\b"
    r"(?P<arr2>\s+(?:arrivals?|landings?|touch-?down))?",  # "an afternoon arrival": the landing
    re.I,
)
PARTS = {
    "morning": (dt.time(6), dt.time(12)),
    "afternoon": (dt.time(12), dt.time(18)),
    "evening": (dt.time(18), None),
}
RATING_PLUS = re.compile(r"\b(?:reviews?|rated|rating)\b[^.;]{0,25}?\b(?P<r>\d(?:\.\d)?)\s*\+", re.I)
RATING = re.compile(
    r"\b(?:rated|rating(?: of)?|scor\w+|reviews? (?:of|score of)?)\s+(?:at least\s+|of\s+)?(?P<r>\d(?:\.\d)?)"
    r"(?:\s*(?:/\s*10|out of 10))?(?:\s*(?:\+|or (?:above|better|higher|more)))?",
    re.I,
)
#: A score out of ten said alone, as guests' scores are written ("an 8.5/10 or more", "8 out of 10 or
#: better on reviews"): a hotel's rating without the word "rated".
RATING_OUT_OF = re.compile(r"(?<![\d.])(?P<r>\d(?:\.\d)?)\s*\+?\s*(?:/\s*10|out of (?:10|ten))\b", re.I)
HOOD = re.compile(r"\b(?P<h>downtown|midtown|city cent(?:re|er)|old town|waterfront)\b", re.I)
AIRLINE_WISH = re.compile(
    r"\b(?:fly|flying|on|with)\s+(?P<a>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s+(?:if|would|'d|is|are|please)\b|\s*[,.]|$)"
    r"|^\s*(?P<lead>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s+(?:would|'d|if)\b)"
)
#: Words that open a hedged sentence without naming an airline ("Breakfast would be nice").
NOT_LEAD = re.compile(
    r"^(?:that|this|it|something|anything|everything|nothing|either|both|one|two|direct|non-?stop|refundable|"
    r"business|economy|first|premium|cheap\w*|quiet|morning|afternoon|evening|window|aisle|early|late|"
    r"bonus|ideally|preferably|hopefully|maybe|perhaps|only|even|and|but|or|so|also|then|please)$",
    re.I,
)


_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_DAY_FLIGHT = re.compile(
    r"\b(?P<d>(?:mon|tue|wed|thu|fri|sat|sun)\w*day|(?P<mo>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<n>\d{1,2})(?:st|nd|rd|th)?|"
    r"(?P<n2>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?P<mo2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)?)(?:'s)?\s+(?:flight|leg|plane)\b",
    re.I,
)


def _day_said(m: re.Match[str], day: dt.date) -> bool:
    if m.group("n2") and not m.group("mo2") and not re.search(r"\d(st|nd|rd|th)", m.group("d"), re.I):
        return False  # "the 2 flights" is a count, not a day
    if m.group("n") or m.group("n2"):
        n, mo = int(m.group("n") or m.group("n2")), (m.group("mo") or m.group("mo2") or "").lower()
        return day.day == n and (not mo or (mo in _MONTHS and _MONTHS.index(mo) + 1 == day.month))
    return day.strftime("%a").lower() == m.group("d").lower()[:3]


def leg_named(sent: str, legs: list[LegIntent]) -> LegIntent | None:
    """The one leg a clause names by its day ("the Sunday flight can't leave before 4pm", "the June 6
    flight", "Friday's flight")."""
    if (
        by_place := leg_by_place(sent, legs)
    ) is not None:  # "the Denver to Boston flight", "Chicago -> Toronto"
        return by_place
    if len(legs) < 2 or not re.search(r"\b(flight|leg|plane|one)\b", sent, re.I):
        return None
    for m in _DAY_FLIGHT.finditer(sent):
        said = [leg for leg in legs if leg.date and _day_said(m, leg.date)]
        if len(said) == 1:
            return said[0]
    days = {
        m.group(1).lower()[:3] for m in re.finditer(r"\b(mon|tue|wed|thu|fri|sat|sun)\w*day\b", sent, re.I)
    }
    hits = [leg for leg in legs if leg.date and leg.date.strftime("%a").lower() in days]
    return hits[0] if len(hits) == 1 else None


#: A time bound set by an event on the traveller's calendar: "can't leave before the meeting's over"
#: (depart after it ends, as "head home on Tuesday after the meeting" or "..., and home on Tuesday after
#: the meeting": a movement home, not "working from home after the planning"), "must land before the
#: dinner starts" (arrive before it starts).
_EVENT_BOUND = re.compile(
    r"\b(?:(?P<neg>can't|cannot|can not|won't|not|don't|no|nothing)\s+(?:\w+\s+){0,2}?"
    r"(?:leav\w*|go|going|depart\w*|fly\w*|flights?)(?:\s+(?:out|off|home|back))?\s+(?:before|until|till)"
    r"|(?P<after>(?:leav\w*|depart\w*|fly\w*|flights?)\s+(?:\w+\s+){0,2}?after"
    r"|(?P<home>(?:back|go|going|goes|get|getting|head\w*|come|coming|fly\w*|and|then|^)\s*home)\s+(?:\w+\s+){0,2}?after)"
    r"|(?P<arr>(?:land\w*|arriv\w*|get (?:in|there|back|home)|be (?:there|back|home))\s+(?:\w+\s+)?(?:before|by))"
    r")\s+(?:(?:the|my|our|that)\s+)?(?P<what>[\w' ]{3,40}?)(?:'s|\s+is)?\s*"
    r"(?P<edge>over|done|ends|finishes|wraps up|starts|begins)?(?=[,.;!?]|$|\s+(?:and|so|or|obviously|please)\b)",
    re.I,
)


def event_bounds(clause: str, calendar: list[CalendarEntry]) -> list[tuple[str, dt.time, dt.date, bool]]:
    """(limit kind, time, the event's day, only a leg that day) for each bound a clause sets by a
    calendar event; "head home after the planning" bounds only the way home on the planning's day."""
    out: list[tuple[str, dt.time, dt.date, bool]] = []
    for m in _EVENT_BOUND.finditer(clause):
        words = re.sub(r"'s\b|\b(the|my|our|that|it|is)\b", " ", m.group("what"), flags=re.I).strip()
        if not words or not calendar:
            continue
        best = max(calendar, key=lambda e: fuzz.token_set_ratio(words.lower(), e.title.lower()))
        if fuzz.token_set_ratio(words.lower(), best.title.lower()) < 60:
            found = _the_event_that_day(words, clause, calendar)
            if found is None:
                continue
            best = found
        if m.group("arr"):
            out.append(("arrive_before", best.start.time(), best.start.date(), False))
        else:
            out.append(("depart_after", best.end.time(), best.end.date(), bool(m.group("home"))))
    return out


_GENERIC_EVENT = re.compile(
    r"^(?:meeting|appointment|event|session|conference|review|talk|call|interview)s?$", re.I
)
_WEEKDAY_SAID = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)\b", re.I)


def _the_event_that_day(words: str, clause: str, calendar: list[CalendarEntry]) -> CalendarEntry | None:
    """The one calendar event on the weekday a clause names, when the clause calls it by a common noun
    ("home on Tuesday after the meeting", the calendar's "Ortiz Partners - contract review" that day)."""
    said = {m.group(1).lower() for m in _WEEKDAY_SAID.finditer(clause)}
    if not _GENERIC_EVENT.match(words) or len(said) != 1:
        return None
    that_day = [e for e in calendar if e.start.strftime("%a").lower() in said]
    return that_day[0] if len(that_day) == 1 else None


#: "as close to Midtown as you can", "as near the venue as possible": an area wished for, not required.
AS_NEAR_AS = re.compile(
    r"\bas (?:close|near)\b(?:\s+[\w']+){0,4}?\s+as (?:you can|you could|possible|we can)\b", re.I
)

#: A clause that names its own flight ("; on the way back, ..."): it takes no flight from the clause before.
OWN_LEG = re.compile(
    r"\b(?:way (?:back|out|home)|back|home|return\w*|outbound|inbound|out(?:bound)?|first|second|last)\b",
    re.I,
)

#: A list written on one line: items joined by a spaced dash before a capital ("... 3 nights - Must: ...").
INLINE_ITEM = re.compile(r"\s+[-–•]\s+(?=[A-Z])")
