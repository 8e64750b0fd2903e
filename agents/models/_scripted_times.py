"""When a traveller wants to fly, and which flight they mean: time windows per leg.

``windows(sentence, weight, route)`` reads "a morning flight out", "an afternoon or evening flight
back", "land by 5 pm", "leave Chicago before 10 in the morning", "after work" into ``Window``s. A
clause without flight words borrows the one before it ("fly me up on Friday, in the afternoon"), and
the leg comes from a city pair ("Paris to Amsterdam"), a cue ("out", "back", "home") or a city
("leave Chicago"). "most of all" and the like double a wish (``emphasis``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.models._scripted_bare_hours import bare_hours
from agents.models._scripted_dates import scan_clock
from agents.models._scripted_lexicon import DAYPART_RE, DAYPARTS, MONTH_RE
from agents.models._scripted_lexicon import city_mentions as cities

LAST = -1  # leg index meaning "the last leg" (the flight back)
DAY = 24 * 60


@dataclass
class Window:
    """A wish about when a flight leaves or lands: minutes after midnight, local time."""

    kind: str  # "depart" | "arrive"
    start: int
    end: int
    leg: int | None = None  # 0: the first leg, LAST: the last one, None: every leg
    weight: float = 1.0
    hard: bool = False

    def hit(self, minutes: int) -> bool:
        if self.start <= self.end:
            return self.start <= minutes <= self.end
        return minutes >= self.start or minutes <= self.end

    def concerns(self, leg: int, n_legs: int) -> bool:
        return self.leg is None or self.leg == leg or (self.leg == LAST and leg == n_legs - 1)


NEG = r"(?:no|not|never|avoid|don't|do not|dont|won't|will not|wouldn't|rather not|hate|dislike|without|anything but|except|other than|instead of|stay away from|refuse to)"
_FLIGHTY = re.compile(
    r"\b(fly|flies|flying|flight|flights|depart\w*|leav\w*|land|lands|landing|arriv\w*|get in|take off|out|back|home|return\w*|up)\b",
    re.I,
)
_STRONG = re.compile(
    r"\b(fly|flying|flight|flights|depart\w*|leav\w*|land|landing|arriv\w*|take off)\b", re.I
)
_LEG_CUE = re.compile(
    r"\b(?P<out>out|outbound|over|there|going|up|first flight)\b|\b(?P<back>back|home|return|returning|inbound)\b",
    re.I,
)
#: Getting back or home: where a bare hour ("around 8") is a household hour of the evening.
_HOME_BY = re.compile(r"\b(?:be|get|getting|being|make it)\s+(?:back|home)\b", re.I)
_ARRIVE = re.compile(
    r"\b(land|lands|landing|arrive|arrives|arriving|arrival|get in|get there|(?:get|be) (?:home|back))\b",
    re.I,
)
EMPHASIS = re.compile(
    r"\b(most of all|above all|matters most|matter most|most important\w*|comes first|come first|top priority|(?:the|my|our|main|first|biggest|key|number one) priority|more than anything|really need|really want|essential|crucial"
    r"|worth paying (?:a (?:bit|little) )?(?:more |extra )?for|worth (?:the|a bit|a little) extra|worth (?:a few|some) (?:more|extra) (?:dollars|bucks)|worth paying (?:a (?:bit|little) )?(?:more|extra)|(?:happily|gladly|willing to|I'll|I'd) pay (?:a (?:bit|little) )?(?:more|extra)"
    r"|the only thing|the \w+er(?: \w+){0,2} the better|really care|care (?:most|a lot) about)\b",
    re.I,
)
_HARD = re.compile(
    r"\b(at the latest|at the earliest|latest|earliest|must|have to|has to|need to|can't|cannot|no later than)\b",
    re.I,
)
#: a bound said negated, just before it: "can't leave before 8 pm", "must not land after 6"
_NOT_BOUND = re.compile(
    r"\b(?:can't|cannot|can not|unable to|not able to|must not|mustn't|won't|will not|don't|do not|not|nothing)"
    r"(?:\s+\w+){0,2}\s*$",
    re.I,
)
_IGNORED_PART = re.compile(
    rf"\b(that|this|all|the same|every|each)\s+({DAYPART_RE})\b|\b({DAYPART_RE})\s+(meeting|meetings|dinner|event|session|talk)\b"
    # a night as a unit of price or length, not a time to fly: "$300 a night", "per night", "/night"
    r"|(?:\b(?:a|per|one|an extra|the first|the last)\s+|/\s*)night\b(?!\s+(?:flights?|departures?|arrivals?|owl))",
    re.I,
)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def clauses(sentence: str) -> list[str]:
    return [c for c in re.split(r"[,;:]\s*|\s+and\s+|\s+but\s+", sentence) if c.strip()]


def emphasis(clause: str) -> float:
    return 2.0 if EMPHASIS.search(clause) else 1.0


def _stops(route: tuple[str | None, list[str]]) -> list[str | None]:
    origin, dests = route
    return [origin, *dests, origin]


_FLIGHT_AFTER = re.compile(r"\s*(?:flight|leg|hop|plane)s?\b", re.I)
_FLIGHT_TO = re.compile(r"\b(?:flight|leg|hop)\s+(?:in)?to\s+(?:the\s+)?$", re.I)

#: "not after midnight", "no later than 7pm", "never later than 9": a deadline, not a floor.
#: A condition said of the wish ("if it's not much more", "as long as it doesn't cost a lot more"):
#: a "not" in it is about the price, not the time of day, so it turns no wish into an avoidance.
_CONDITION = re.compile(r"\b(?:if|unless|as long as|so long as|provided(?: that)?)\b[^,;.]*", re.I)
_NOT_AFTER = re.compile(r"\b(?:not|no|never)\s+(?:after|later than)\s*$", re.I)


def leg_of(ctx: str, at: int, route: tuple[str | None, list[str]]) -> int | None:
    """Which leg the words around position ``at`` of ``ctx`` are about: a city pair ("Paris to
    Amsterdam"), cue words ("out", "back"), or a city ("leave Chicago"); nearest before ``at`` first."""
    stops = _stops(route)
    found = cities(ctx)
    for (s1, e1, a), (s2, _, b) in zip(found, found[1:], strict=False):
        if re.fullmatch(r"\s*(?:(?:back\s+)?to|->|→|-)\s*", ctx[e1:s2]):
            legs = [i for i in range(len(stops) - 1) if (stops[i], stops[i + 1]) == (a, b)]
            if legs and s1 <= at + 80:
                return legs[0] if legs[0] < len(stops) - 2 else LAST
    for start, end, code in found:  # "the Orlando flight", "the flight to Orlando": the leg flown there
        if _FLIGHT_AFTER.match(ctx[end : end + 12]) or _FLIGHT_TO.search(ctx[max(0, start - 20) : start]):
            legs = [i for i in range(len(stops) - 1) if stops[i + 1] == code]
            if len(legs) == 1:
                return legs[0] if legs[0] < len(stops) - 2 else LAST
    cues = [
        (m.start() > at, abs(m.start() - at), 0 if m.lastgroup == "out" else LAST)
        for m in _LEG_CUE.finditer(ctx)
    ]
    if cues:
        return min(cues)[2]
    for start, _, code in sorted(found, key=lambda c: (c[0] > at, abs(c[0] - at))):
        before = ctx[max(0, start - 14) : start].lower()
        leaving = re.search(r"\b(leave|leaving|from|depart\w*|out of)\s+$", before)
        legs = [i for i in range(len(stops) - 1) if stops[i if leaving else i + 1] == code]
        if legs:
            return legs[0] if legs[0] < len(stops) - 2 else LAST
    return None


def windows(sentence: str, weight: float, route: tuple[str | None, list[str]]) -> list[Window]:
    out: list[Window] = []
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", sentence, flags=re.I).replace("red eye", "red-eye")
    text = re.sub(
        r"(\bbetween\s+[^,;.]*?)\s+and\s+", r"\1 till ", text, flags=re.I
    )  # keep "between X and Y" whole
    parts = clauses(text.replace(" or ", " / "))
    for i, clause in enumerate(parts):
        ctx = clause
        for j in range(i - 1, -1, -1):
            if _FLIGHTY.search(ctx) or len(cities(ctx)) >= 2:
                break
            ctx = f"{parts[j]} {ctx}"
        if not _FLIGHTY.search(ctx) and len(cities(ctx)) < 2:
            continue
        kind = "arrive" if _ARRIVE.search(clause if _FLIGHTY.search(clause) else ctx) else "depart"
        at = len(ctx) - len(clause)
        leg = leg_of(ctx, at, route)
        if leg is None:  # the clause does not say: the rest of the sentence before it may
            head = text[: text.find(clause)] if clause in text else ""
            leg = leg_of(head, len(head), route) if head else None
        w = weight * emphasis(ctx)
        hard = bool(_HARD.search(clause))
        scrubbed = _IGNORED_PART.sub(" ", clause)
        for s, e, _ in scan_clock(scrubbed):
            scrubbed = scrubbed[:s] + " " * (e - s) + scrubbed[e:]
        spans = [
            DAYPARTS[m.group(1).lower()]
            for m in re.finditer(rf"\b({DAYPART_RE})\b(?!\s+(?:{MONTH_RE}|next|this)\b)", scrubbed, re.I)
        ]
        if re.search(r"\bafter work\b", clause, re.I):
            spans.append((17 * 60, DAY - 1))
        if spans:
            neg = re.search(rf"\b{NEG}\b", _CONDITION.sub(" ", clause), re.I) is not None
            if "/" in clause:  # "afternoon or evening": the union
                start, end = min(p[0] for p in spans), max(p[1] for p in spans)
            else:  # "a daytime flight (leaving in the morning)": the narrowest
                start, end = min(spans, key=lambda p: (p[1] - p[0]) % DAY)
            out.append(Window(kind, start, end, leg, -w if neg else w, hard and not neg))
        clock = scan_clock(clause)
        if not clock and kind == "arrive" and _HOME_BY.search(clause):  # "home by 8": the evening
            for *_, minutes in bare_hours(clause):
                out.append(Window(kind, 5 * 60, minutes, leg, w, hard))
        between = re.search(r"\bbetween\s*$", clause[: clock[0][0]], re.I) if len(clock) >= 2 else None
        if between:  # "between noon and 10 pm"
            out.append(Window(kind, clock[0][2], clock[1][2], leg, w, hard))
            clock = []
        for s, _, minutes in clock:
            before = clause[max(0, s - 14) : s].lower()
            bound = re.search(r"\b(by|before|until|after|earlier than|later than)\s*$", before)
            if _NOT_AFTER.search(clause[:s]):  # "not after midnight", "no later than 7": a deadline
                out.append(Window(kind, 0 if kind == "depart" else 5 * 60, minutes, leg, w, hard))
            elif bound and _NOT_BOUND.search(clause[max(0, s - 45) : s - len(before) + bound.start()]):
                late = bound.group(1) in ("after", "later than")  # "I can't leave before 8 pm": after 8 pm
                span = (0 if kind == "depart" else 5 * 60, minutes) if late else (minutes, DAY - 1)
                out.append(Window(kind, *span, leg, w, True))
            elif re.search(r"\b(after|from|later than)\s*$", before):
                out.append(Window(kind, minutes, DAY - 1, leg, w, hard))
            elif re.search(r"\b(by|before|no later than|until)\s*$", before):
                out.append(Window(kind, 0 if kind == "depart" else 5 * 60, minutes, leg, w, hard))
            elif re.search(r"\b(at|around|about)\s*$", before) and _STRONG.search(clause):
                out.append(Window(kind, max(0, minutes - 60), min(DAY - 1, minutes + 60), leg, w, hard))
    return out
