"""What each day and place is for, the route, hard limits and wishes, and the reading in words."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from agents.intent import _words as w
from agents.intent._dates import Mention
from agents.intent._limits import (
    AIRLINE_AFTER,
    AIRLINE_WISH,
    BACK_CUE,
    CABIN,
    CLAUSES,
    CONCEDE,
    ECONOMY_ONLY,
    HOOD,
    INDIFFERENT,
    NO_STOPS,
    NOT_LEAD,
    OUT_CUE,
    PART_OF_DAY,
    PARTS,
    RATING,
    RATING_PLUS,
    cabin_of,
    event_bounds,
    hedged_here,
    leg_named,
)
from agents.intent._model import CalendarEntry, Source, StayIntent, TripIntent, Wish
from agents.intent._places import CITY_NAMES, Place

_BACK_CUE = re.compile(r"\b(back|return\w*|home|coming back|fly back|inbound|way back)\b", re.I)
_OUT_CUE = re.compile(
    r"\b(out|outbound|leav\w+|depart\w*|fly (?:up|in|out|down)|in the day|fly me|go(?:ing)?)\b", re.I
)
_CHECKOUT = re.compile(r"\b(check(?:ing)?[\s-]?out|until|till|departure|through(?: to)?|thru)\b", re.I)
_CHECKIN = re.compile(r"\b(check(?:ing)?[\s-]?in|arrival|from)\b", re.I)
_EVENT = re.compile(
    r"\b(meeting|ceremony|wedding|conference|review|kickoff|camp|recital|appointment|exam|party)\b", re.I
)
# more events, set aside only when the trip still has other days (``_dated_others``)
_EVENT_MORE = re.compile(
    r"\b(workshop|summit|offsite|off-site|interview|presentation|talk|keynote|gig|concert|match|game|festival|"
    r"graduation|funeral|reunion|seminar|training|retreat|pitch|demo|event|show|premiere|launch|hearing|"
    r"audition|tournament|race)s?\b",
    re.I,
)
_WINDOW = re.compile(r"\b(any day|anytime|any time|sometime|whichever|either)\b", re.I)
_CORRECT = re.compile(r"\b(actually|i mean|make it|no wait|oh wait|wait|instead|now|rather than)\b", re.I)
_NIGHTS = re.compile(
    r"\b(?:for\s+)?(?P<n>\d+|a|one|just the one)\s+(?P<u>nights?|weeks?)\b|\bfor a week\b|\ba week later\b",
    re.I,
)


@dataclass
class Roles:
    travel: list[tuple[dt.date, Source]] = field(default_factory=list)
    back: dt.date | None = None
    back_source: Source = "stated"
    check_in: dt.date | None = None
    check_out: dt.date | None = None
    check_in_source: Source = "stated"
    check_out_source: Source = "stated"
    nights: int | None = None
    window: tuple[dt.date, dt.date] | None = None
    back_window: tuple[dt.date, dt.date] | None = None  # "back the 24th or the 25th"
    arrive: tuple[dt.date, Source] | None = None  # the day the way out must land
    ambiguous: bool = False
    has_range: bool = False


_REQUIRED = re.compile(
    r"\b(only|must|need\w*|has to|have to|required?|no exceptions|(?:not|non)[\s-]negotiable|can't|cannot|"
    r"won't|insist\w*|essential|mandatory|no (?:stops|layovers?|connections?))\b",
    re.I,
)


def _more_event_day(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """An event's day ("the launch is on Thursday 11 March") beside the flight days: set aside when at
    least two other days remain for the trip."""

    def event(o: Mention) -> bool:
        near, before = text[max(0, o.start - 25) : o.start], _clause_before(text, o.start)
        return bool(_EVENT_MORE.search(near) or _EVENT_MORE.search(before)) and not re.search(
            r"\b(fly|flight|back|return|hotel|out|leav|get me|arriv|depart|home)", near + " " + before, re.I
        )

    if m.kind == "calendar" or not event(m):
        return False
    return sum(not event(o) for o in mentions if o is not m and o.kind != "calendar_event") >= 2


def _clause_before(text: str, start: int) -> str:
    return re.split(r"[.;:!?,]|\band\b|\bthen\b", text[max(0, start - 50) : start])[-1]


def _said_of_hotel(before: str, flights_dated: bool) -> bool:
    """A range is the stay's when the hotel is named last before it and the flights have their
    days or are not named with it ("out 14 June, back 18 June, with a hotel from 15 to 18 June";
    not "flights and a hotel in Vancouver Oct 21 to 24")."""
    hotel = [m.end() for m in _HOTEL_WORD.finditer(before)]
    fly = [m.end() for m in re.finditer(r"\b(fly|flying|flights?)\b", before, re.I)]
    return bool(hotel) and (not fly or (flights_dated and max(hotel) > max(fly)))


def _is_back(before: str) -> bool:
    """The clause before a day names the way back, and no way out after it ("Return flights:
    out 4 August" is the way out)."""
    back = [m.end() for m in _BACK_CUE.finditer(before)]
    out = [m.end() for m in _OUT_CUE.finditer(before)]
    return bool(back) and (not out or max(back) > max(out))


# a day that is an event's, not a flight's: "the review falls on the first Monday of April"
_HOTEL_WORD = re.compile(r"\b(hotel|room|accommodation|stay(?:ing)?|check(?:ing)?[\s-]?in)\b", re.I)
_EVENT_DAY = re.compile(r"\b(?:falls|takes place|is being held|is held|happens)\s+on\s+$", re.I)
# a day said again, corrected: "Thursday, no, Friday"; "the 14th... actually make it the 15th"
_NO = re.compile(
    r"\bno\s*[,.!-]+\s*(?:make it\s+)?(?:on\s+)?$|\b(?:not|never mind)\s+\w+\s*[,.!-]+\s*$", re.I
)
_FOR_BACK = re.compile(
    r"^\s*(?:instead\s+)?for\s+(?:the\s+)?(?:return|way back|flight (?:back|home)|trip home)\b", re.I
)


def assign_roles(text: str, mentions: list[Mention], flies: bool, hotel: bool) -> Roles:
    r = Roles()
    weekend: Mention | None = None
    t = w.digits(text)
    for nm in _NIGHTS.finditer(t):
        if re.search(r"\b(?:in|within)\s+$", t[max(0, nm.start() - 8) : nm.start()], re.I) or re.match(
            r"\s+(?:later|ago|from (?:today|now|tomorrow))\b", t[nm.end() : nm.end() + 20], re.I
        ):
            continue  # "in 3 weeks", "two weeks from today", "4 days later": a day, not a stay's length
        if re.search(
            r"(?:\d|\bk|dollars|bucks|euros|pounds)\s*$", t[max(0, nm.start() - 12) : nm.start()], re.I
        ):
            continue  # "under $400 a night": a price
        n = nm.groupdict().get("n")
        unit = (nm.groupdict().get("u") or "week").lower()
        k = 1 if not n or n.lower() in ("a", "one", "just the one") else int(n)
        r.nights = 7 * k if unit.startswith("week") else k
    for m in mentions:
        before = _clause_before(text, m.start)
        near = text[max(0, m.start - 25) : m.start]
        src: Source = "inferred" if m.kind == "calendar" or m.inferred else "stated"
        if _EVENT_DAY.search(near):
            continue
        if m.ambiguous:
            r.ambiguous = True
            continue
        if m.kind == "calendar_event":
            continue
        if (
            m.kind != "calendar"
            and _EVENT.search(_clause_before(text, m.start))
            and not re.search(r"\b(fly|flight|back|return|hotel|out|leav)", near, re.I)
        ):
            continue
        if flies and _more_event_day(text, m, mentions):
            continue
        if m.window or (_WINDOW.search(text[max(0, m.start - 40) : m.start]) and len(m.days) == 2):
            if flies and r.travel and _is_back(before):
                r.back_window = (m.days[0], m.days[-1])
            else:
                r.window = (m.days[0], m.days[-1])
            continue
        corrected = bool(
            _CORRECT.search(text[max(0, m.start - 30) : m.start])
            or _NO.search(near)
            or re.match(r"\s*(?:now|instead)\b", text[m.end : m.end + 10], re.I)  # "so it's the 21st now"
        )
        if len(m.days) == 2 and m.kind != "weekend":
            r.has_range = True
            if hotel and (not flies or _said_of_hotel(text[max(0, m.start - 50) : m.start], bool(r.travel))):
                r.check_in, r.check_out = m.days
                r.check_in_source = r.check_out_source = src
            else:
                r.travel = [(m.days[0], src)]
                r.back = m.days[1]
                r.back_source = src
            continue
        if m.kind == "weekend":
            weekend = m
            continue
        day = m.days[0]
        if hotel and _CHECKOUT.search(before) and not re.search(r"\b(fly|flight)\b", before, re.I):
            r.check_out, r.check_out_source = day, src
        elif hotel and not flies and _CHECKIN.search(before) and r.check_in is None:
            r.check_in, r.check_in_source = day, src
        elif not flies and hotel:
            if r.check_in is None:
                r.check_in, r.check_in_source = day, src
            elif not r.nights:  # a stated length outweighs a day said in passing ("I forgot the Sunday")
                r.check_out, r.check_out_source = day, src
        elif (
            flies
            and not r.travel
            and r.arrive is None
            and re.search(r"\b(land|landing|arrive|arriving)\b", before, re.I)
        ):
            r.arrive = (day, src)
        elif _is_back(before) or (r.travel and re.search(r"\bhome\b", near, re.I)):
            r.back, r.back_source = day, src
        elif corrected and r.travel:
            if r.back is not None and (
                re.search(r"\bhome|back|return", before, re.I) or _FOR_BACK.search(text[m.end : m.end + 30])
            ):
                r.back = day
            else:
                r.travel[-1] = (day, src)
        else:
            r.travel.append((day, src))
    if flies and not (r.travel or r.back or r.window or r.arrive) and r.check_in and r.check_out:
        r.travel, r.back, r.back_source = [(r.check_in, r.check_in_source)], r.check_out, r.check_out_source
    if weekend is not None and not r.travel and r.back is None and r.check_in is None:
        r.travel, r.back = [(weekend.days[0], "stated")], weekend.days[1]
    if re.search(r"\bday trip\b", text, re.I) and r.travel and r.back is None:
        r.back = r.travel[0][0]
    last = mentions[-1] if mentions else None
    if (
        not flies
        and hotel
        and last
        and (
            re.match(r"\s*nights?\b", text[last.end : last.end + 8], re.I)
            or re.search(r"\bnight\b", text[last.start : last.end], re.I)  # "and the night after"
            or re.search(r"\bnights of\s+(?:the\s+)?$", text[max(0, last.start - 20) : last.start], re.I)
        )
        and r.check_out
    ):
        r.check_out += dt.timedelta(days=1)
        r.check_out_source = "inferred"
    elif (
        not flies
        and hotel
        and last
        and r.check_in == last.days[0]
        and r.check_out is None
        and r.nights is None
        and (
            re.match(r"\s*night\b", text[last.end : last.end + 8], re.I)
            or text[last.start : last.end].lower().endswith("night")
            or re.search(r"\bnight of\s+(?:the\s+)?$", text[max(0, last.start - 20) : last.start], re.I)
        )
    ):  # "somewhere to sleep Thursday night", "a room tonight": one night
        r.check_out, r.check_out_source = r.check_in + dt.timedelta(days=1), "inferred"
    if r.back is None and len(r.travel) >= 2 and not re.search(r"\bto\b.*\bto\b.*\bto\b", text):
        pass
    unique: list[tuple[dt.date, Source]] = []  # a day named twice ("Saturday, the 9th") is one day
    for day, source in r.travel:
        if all(day != u for u, _ in unique):
            unique.append((day, source))
    r.travel = unique
    return r


#: What joins two cities into a leg: "A to B", "A -> B", "A on to B", "A home to B", "depart A for B",
#: "A, then B" (after a first leg).
_PAIR_SEP = re.compile(
    r"^\s*,?\s*(?:(?:and\s+)?(?:then\s+)?(?:(?:back home|back|home|on|onward|onwards|over|up|down|across|straight)\s+)?(?:to|for)"
    r"|->|→|>|-|–|/|(?:and\s+)?then(?:\s+on)?)\s*$",
    re.I,
)
_SWAP = re.compile(r"\b(?:swap\w*|switch\w*|chang\w*|trad\w*|exchang\w*|instead of)\s+(?:the\s+)?$", re.I)
#: The city a way back starts from ("come back from Madrid", "fly me home from Berlin").
_BACK_FROM = re.compile(r"\b(?:back|return\w*|home)\s+from\s+(?:the\s+)?$", re.I)
#: The trip ends at home after the last city ("..., then home", "and home on the 10th").
_THEN_HOME = re.compile(
    r"^[^.;!?]{0,40}?(?:\b(?:then|and)\s+|,\s*)(?:fly\s+|flying\s+|back\s+)?home\b|^\s*(?:back\s+)?home\b",
    re.I,
)
#: A day said between two cities ("to Chicago on April 3 and then on to Denver"): not part of the join.
_GAP_DAY = re.compile(
    r"\s*\b(?:on\s+)?(?:the\s+)?(?:[a-z]+day,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
    r"\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)?\b,?",
    re.I,
)


def route(
    places: list[Place], text: str, home: str | None
) -> tuple[str | None, list[tuple[str | None, str | None]], list[str]]:
    """(origin, explicit legs "A to B", destinations in order)."""
    pairs = place_pairs(places, text)
    origin = None
    into = re.search(r"\binto\b", text, re.I)
    for p in places:
        before = text[max(0, p.start - 25) : p.start]
        if into and into.start() < p.start and re.search(r"\bout of\s+(?:the\s+)?$", before, re.I):
            continue  # "into Paris ... and out of Rome": the way back, not the origin
        if re.search(
            r"\b(from|out of|leaving|departing|depart)\s+(?:the\s+)?$", before, re.I
        ) and not re.search(r"\b(back|return\w*|home)\s+from\s+$", before, re.I):
            origin = p.code
            break
    back_from = next(
        (
            p.code
            for p in places
            if _BACK_FROM.search(text[max(0, p.start - 25) : p.start])
            or (
                into
                and into.start() < p.start
                and re.search(r"\bout of\s+$", text[max(0, p.start - 8) : p.start])
            )
        ),
        None,
    )
    if pairs and len(pairs) == 1:
        origin = pairs[0][0]
    if len(pairs) >= 2 or (pairs and _open_jaw(places, pairs, text, home)):
        legs = _chain(pairs, places, text, home)
        first, last = legs[0][0], legs[-1][1]
        if last != first and (back_from == last or _THEN_HOME.search(text[_last_of(places, last) :])):
            legs.append((last, first))  # "..., and home from Madrid on the 16th"
        return origin or pairs[0][0], legs, []
    if back_from is not None:
        start = origin if pairs else (origin or home)
        out = (
            pairs[0][1] if pairs else next((p.code for p in places if p.code not in (start, back_from)), None)
        )
        if out is not None and out != back_from and start is not None and start != back_from:
            return start, [(start, out), (back_from, start)], []  # open jaw: into Rome, back from Madrid
        if out is None and home is not None and back_from != home and not pairs:
            return back_from, [], [home]  # "fly me home from Berlin"
    origin = origin or home
    dests = [p.code for p in places if p.code != origin]
    dests = list(dict.fromkeys(dests))
    return origin, [], dests


def _last_of(places: list[Place], code: str | None) -> int:
    return max((p.end for p in places if p.code == code), default=0)


def place_pairs(places: list[Place], text: str) -> list[tuple[str | None, str | None]]:
    """Every "A to B" the words say (a journey between two cities), in order."""
    pairs: list[tuple[str | None, str | None]] = []
    for a, b in zip(places, places[1:], strict=False):
        gap = text[a.end : b.start]
        if _joined(gap) and a.code != b.code and not _SWAP.search(text[max(0, a.start - 20) : a.start]):
            if (
                re.search(r"then", gap, re.I)
                and not pairs
                and not _DEST.search(text[max(0, a.start - 12) : a.start])
                and not _STAY_GAP.match(w.digits(gap))
            ):
                continue  # "Rome, then Paris" names a next city only after a first leg or a destination
            pairs.append((a.code, b.code))
    return pairs


_DEST = re.compile(r"\b(?:to|into|visit\w*)\s+(?:the\s+)?$", re.I)


def _joined(gap: str) -> bool:
    """The words between two cities make them one leg."""
    if _STAY_GAP.match(w.digits(gap)):
        return True
    if not _PAIR_SEP.match(gap) and re.search(r"\bthen\b", gap, re.I):
        gap = _GAP_DAY.sub(" ", gap)  # "to Chicago on April 3 and then on to Denver"
    return bool(_PAIR_SEP.match(gap))


#: "Tokyo for 3 nights, then Singapore": a stay in the first city, then on to the next.
_STAY_GAP = re.compile(
    r"^\s*,?\s*(?:for\s+)?(?:\d+|a)\s+nights?\s*,?\s*(?:and\s+)?then\s+(?:on\s+)?(?:to\s+)?$", re.I
)
_NIGHTS_AFTER = re.compile(r"^\s*(?:for\s+)?(?P<n>\d+|a|one)(?:\s+nights?)?\b", re.I)


def stay_nights(places: list[Place], text: str) -> dict[str, int]:
    """Nights said right after a city ("Tokyo for 3 nights then Singapore for 2"): city -> nights."""
    out: dict[str, int] = {}
    said_nights = False
    for p in places:
        rest = w.digits(text[p.end : p.end + 20])
        m = _NIGHTS_AFTER.match(rest)
        if m is None:
            continue
        if not re.match(r"\s*(?:for\s+)?\S+\s+nights?", rest, re.I) and not said_nights:
            continue  # a bare number counts nights only after nights were said
        said_nights = True
        out[p.code] = 1 if m.group("n").lower() in ("a", "one") else int(m.group("n"))
    return out


def _to_first(places: list[Place], pairs: list[tuple[str | None, str | None]], text: str) -> bool:
    """The first leg's city was itself flown to ("to Boston, then on to Chicago")."""
    for a, b in zip(places, places[1:], strict=False):
        if (a.code, b.code) == pairs[0] and _joined(text[a.end : b.start]):
            stayed = bool(_STAY_GAP.match(w.digits(text[a.end : b.start])))  # nights there: flown to
            return stayed or bool(_DEST.search(text[max(0, a.start - 12) : a.start]))
    return False


def _open_jaw(
    places: list[Place], pairs: list[tuple[str | None, str | None]], text: str, home: str | None
) -> bool:
    into = bool(re.search(r"\b(into|out of)\b", text, re.I)) and len(places) >= 3
    return into or (_to_first(places, pairs, text) and home is not None and pairs[0][0] != home)


def _chain(
    pairs: list[tuple[str | None, str | None]], places: list[Place], text: str, home: str | None
) -> list[tuple[str | None, str | None]]:
    """Explicit legs, with an "into X" leg from home first when the words fly into a city first."""
    m = re.search(r"\binto\s+", text, re.I)
    if m and home:
        into = next((p.code for p in places if p.start >= m.end() - 1), None)
        if into and all(into != a for a, _ in pairs):
            return [(home, into), *pairs]
    if home and pairs[0][0] != home and _to_first(places, pairs, text):
        return [(home, pairs[0][0]), *pairs]  # "fly me to Boston, then on to Chicago"
    return list(pairs)


_AIRLINE_CUE = re.compile(
    r"\b(?P<only>(?i:only|exclusively|on|stick (?:to|with)|(?:must|has to|have to|needs? to)\s+(?:(?:be|fly)\s+)?(?:with|on|fly)))\s+(?P<a>(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?(?:\s+(?:or|and)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*)"
    r"|\b(?P<avoid>(?i:avoid|anything but|not|no|never|won't fly|don't book|except|refuse to (?:fly|use|take)(?:\s+(?:on|with))?|"
    r"(?:don't|do not|never|not|won't|no)(?:\s+[a-z']+){0,3}?\s+(?:on|with)))\s+(?P<b>(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?(?:\s+(?:or|and)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*)",
)
_NOT_AIRLINE = re.compile(
    r"^(Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"I|The|A|We|My|Our|It|Please|Economy|Business|First|Premium|Direct|Nonstop|Non-stop|Refundable|Flights?|Hotels?|"
    r"Mornings?|Evenings?|Weekdays?|Daytime|Cheap|Cheapest)$"
)


_NOT_NAMES = frozenset("hotel hotels flights exceptions refunds".split())
_ONLY_AFTER = re.compile(r"\b(?P<a>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?i:only)\b")


def _airlines(phrase: str) -> list[str]:
    names = [n.strip() for n in re.split(r"\s+(?:or|and)\s+", phrase)]
    out = []
    for n in names:
        first = n.split()[0]
        if _NOT_AIRLINE.match(first) or first.lower() in {c.lower() for c in CITY_NAMES.values()}:
            continue
        if n.lower() in _NOT_NAMES:
            continue
        out.append(n)
    return out


def limits_and_wishes(
    intent: TripIntent, text: str, roles: Roles, calendar: list[CalendarEntry] | None = None
) -> None:
    legs, stays = intent.legs, intent.stays
    clauses = CLAUSES.split(text)
    for k in range(len(clauses) - 2, -1, -1):  # a label ("Return: land before midnight") stays with its words
        if clauses[k].endswith(":") and len(clauses[k].split()) <= 2:
            clauses[k : k + 2] = [clauses[k] + " " + clauses[k + 1]]
    for k, sent in enumerate(clauses):
        # "I'd kill for a pool but it's optional": a concession after "but" hedges the clause before
        is_soft = w.soft(sent) or bool(k + 1 < len(clauses) and CONCEDE.match(clauses[k + 1]))
        back = bool(
            re.search(
                r"\b(way back|flight back|flying back|coming back|fly back|back home|return\w*|home)\b",
                sent,
                re.I,
            )
        )
        every = bool(
            re.search(r"\b(?:both|each|all|every|either) (?:flights?|ways?|legs?|directions?)\b", sent, re.I)
        )
        back = back and not every
        out = bool(re.search(r"\b(way out|outbound|out no|(?:fly(?:ing)?|flight) out|leaving)\b", sent, re.I))
        target = [legs[-1]] if back and len(legs) > 1 and not out else [legs[0]] if out and legs else legs
        named = leg_named(sent, legs)
        if named is not None and not every:
            target, back, out = [named], named is legs[-1] and len(legs) > 1, named is legs[0]
        ns = re.search(r"\b(non-?stop|direct)\b|" + NO_STOPS, sent, re.I)
        if ns:
            # "non-stop, cheapest you can": without a word that requires it, a wish
            if hedged_here(sent, ns.start(), is_soft) or not (
                _REQUIRED.search(sent) or re.search(NO_STOPS, sent, re.I)
            ):
                intent.wishes.append(Wish(kind="nonstop"))
            else:
                for leg in target:
                    leg.nonstop = True
        m = re.search(
            r"\b(?:more than|at most|max(?:imum)?|no more than)\s+(one|1|two|2)\s+(?:stop|connection|layover)"
            r"|\b(one|1|two|2)\s+(?:stop|connection|layover)s?\s+(?:at most|max(?:imum)?|tops|or less|or fewer)\b",
            sent,
            re.I,
        )
        if m and not is_soft:
            for leg in target:
                leg.max_stops = 1 if (m.group(1) or m.group(2)) in ("one", "1") else 2
        cabins = list(CABIN.finditer(sent)) if legs else []
        for i, cm in enumerate(cabins):
            cabin = cabin_of(cm)
            if cabin == "economy" and not ECONOMY_ONLY.search(sent):
                continue  # "economy is fine" asks for nothing; "economy only" is a limit
            # the words right after a cabin, else right before it, say which flight it is for
            # ("economy for the outbound and business for the return")
            nxt = cabins[i + 1].start() if i + 1 < len(cabins) else len(sent)
            prv = cabins[i - 1].end() if i else 0
            after, before = (
                sent[cm.end() : min(nxt, cm.end() + 30)],
                sent[max(prv, cm.start() - 25) : cm.start()],
            )
            cab_target = target
            for near in (after, before, sent):
                if OUT_CUE.search(near):
                    cab_target = [legs[0]]
                    break
                if len(legs) > 1 and near is not sent and BACK_CUE.search(near):
                    cab_target = [legs[-1]]
                    break
            if is_soft:
                intent.wishes.append(Wish(kind="cabin", value=cabin))
                break
            for leg in cab_target:
                leg.cabin = cabin  # type: ignore[assignment]
            if len(cabins) == 1 or cab_target is target:
                break
        for pm in AIRLINE_AFTER.finditer(sent):  # "Aurora Air preferred, Boreal Airways never"
            if _not_airline(pm.group("a")):
                continue
            for n in _airlines(pm.group("a")):
                if pm.group("never"):
                    for leg in legs:
                        leg.airlines_avoid += [n] if n not in leg.airlines_avoid else []
                elif not any(x.kind == "airline" and x.value == n for x in intent.wishes):
                    intent.wishes.append(Wish(kind="airline", value=n))
        for om in _ONLY_AFTER.finditer(sent):
            for n in _airlines(om.group("a")):
                for leg in legs:
                    if not is_soft and n not in leg.airlines_only:
                        leg.airlines_only.append(n)
        for am in _AIRLINE_CUE.finditer(sent):
            names = _airlines(am.group("a") or am.group("b") or "")
            for leg in legs:
                if am.group("a") and not is_soft:
                    leg.airlines_only += [n for n in names if n not in leg.airlines_only]
                elif am.group("b"):
                    leg.airlines_avoid += [n for n in names if n not in leg.airlines_avoid]
            if am.group("a") and is_soft:
                intent.wishes += [Wish(kind="airline", value=n) for n in names]
        if is_soft and not any(x.kind == "airline" for x in intent.wishes):
            for sm_ in AIRLINE_WISH.finditer(sent):
                lead = sm_.group("lead")
                if lead and _not_airline(lead):
                    continue
                intent.wishes += [Wish(kind="airline", value=n) for n in _airlines(sm_.group("a") or lead)]
        if re.search(
            r"(?<!non-)(?<!non )\b(refundable|free cancell?ation|cancel (?:\w+ ){0,3}for free|free to cancel|"
            r"(?:can|could) be refunded|fully flexible)\b",
            sent,
            re.I,
        ):
            hotel_words = re.search(r"\b(hotel|rate|room|accommodation|stay)\b", sent, re.I)
            flight_words = re.search(r"\b(ticket|fare|flight|seat)s?\b", sent, re.I)
            if is_soft:
                intent.wishes.append(Wish(kind="refundable"))
            else:
                if stays and (hotel_words or not legs):
                    for s in stays:
                        s.refundable = True
                if legs and (flight_words or not stays):
                    for leg in legs:
                        leg.refundable = True
        for kind, when in w.time_limits(sent):
            if is_soft:
                intent.wishes.append(Wish(kind="depart_window" if kind.startswith("depart") else "arrive_window",
                                          start=when if kind.endswith("after") else None,
                                          end=when if kind.endswith("before") else None))  # fmt: skip
                continue
            plural = (  # "no flights before 7am", said of no day: every flight
                re.search(r"\b(?:flights|departures|arrivals)\b", sent, re.I)
                and not (back or out)
                and not _DAY_WORD.search(sent)
            )
            for leg in target[:1] if len(target) > 1 and not back and not every and not plural else target:
                setattr(leg, kind, when)
        for kind, when, day in event_bounds(sent, calendar or []) if not is_soft else []:
            on_day = [leg for leg in legs if day in (leg.date, leg.arrive_on)]
            for leg in on_day[:1] or target[:1]:
                setattr(leg, kind, when)
        part = PART_OF_DAY.search(sent)
        if (
            part
            and (  # a part of the day said of a flight, not of an event ("a meeting in the morning")
                not re.search(
                    r"\b(fly|flying|flights?|leav\w*|depart\w*|arriv\w*|land\w*|out|back|home|return\w*|outbound|inbound)\b",
                    sent,
                    re.I,
                )
                or _EVENT.search(sent[max(0, part.start() - 30) : part.start()])
                or re.search(
                    r"\b(?:by|before|until|till)\s+(?:the\s+)?$",
                    sent[max(0, part.start() - 12) : part.start()],
                    re.I,
                )
            )
        ):
            part = None
        if part and is_soft and legs and not w.time_limits(sent):
            start, end = PARTS[part.group("p").lower()]
            kind = "arrive_window" if part.group("arr") else "depart_window"
            on = None if every or len(legs) == 1 or not (back or out) else legs.index(target[0])
            intent.wishes.append(Wish(kind=kind, start=start, end=end, leg=on))
        if stays:
            for name, amenity_rx in w.AMENITY_RX.items():
                for am_m in amenity_rx.finditer(sent):
                    if INDIFFERENT.search(sent[max(0, am_m.start() - 30) : am_m.start()]):
                        break  # "not fussed about a pool": neither a requirement nor a wish
                    if hedged_here(sent, am_m.start(), is_soft):
                        if not any(x.kind == "amenity" and x.value == name for x in intent.wishes):
                            intent.wishes.append(Wish(kind="amenity", value=name))
                    else:
                        for s in _stays_for(sent, intent):
                            if name not in s.amenities:
                                s.amenities.append(name)
                    break
            rm = RATING.search(sent) or RATING_PLUS.search(sent)
            if rm:
                if is_soft:
                    intent.wishes.append(Wish(kind="hotel_rating", min=float(rm.group("r"))))
                else:
                    for s in stays:
                        s.min_rating = float(rm.group("r"))
            hood = HOOD.search(sent)
            if hood and is_soft:
                intent.wishes.append(Wish(kind="neighbourhood", value=hood.group("h").lower()))
            elif hood and re.search(r"\b(must|need\w*|has to|have to|only)\b", sent, re.I):
                for s in _stays_for(sent, intent):
                    s.neighbourhood = hood.group("h").lower()
            sm = re.search(r"\b(?:at least\s+)?(\d|three|four|five)[\s-]?stars?\b", w.digits(sent), re.I)
            if sm:
                stars = (
                    int(sm.group(1))
                    if sm.group(1).isdigit()
                    else {"three": 3, "four": 4, "five": 5}[sm.group(1).lower()]
                )
                if is_soft:
                    intent.wishes.append(Wish(kind="hotel_stars", min=stars))
                else:
                    for s in stays:
                        s.min_stars = stars
        if re.search(
            r"\b(cheap\w*|as little as possible|budget-friendly|inexpensive|lowest price)\b", sent, re.I
        ):
            if not any(x.kind == "cheaper" for x in intent.wishes):
                intent.wishes.append(Wish(kind="cheaper"))
        if re.search(r"\bquiet\b|\blight sleeper\b", sent, re.I):
            intent.wishes.append(Wish(kind="quiet"))


_DAY_WORD = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}/\d{1,2}\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|tomorrow|tonight)\b",
    re.I,
)


def _not_airline(name: str) -> bool:
    """A capitalised word that opens a hedge without naming an airline ("Breakfast would be nice")."""
    return bool(
        NOT_LEAD.match(name) or HOOD.match(name) or any(rx.match(name) for rx in w.AMENITY_RX.values())
    )


def _stays_for(sent: str, intent: TripIntent) -> list[StayIntent]:
    """The stays a hotel requirement is about: the one whose city the sentence names, else all."""
    named = [
        s for s in intent.stays if s.city and re.search(re.escape(CITY_NAMES.get(s.city, s.city)), sent, re.I)
    ]
    return named or intent.stays


def describe(intent: TripIntent) -> TripIntent:
    """The reading in words, for the human at the checkpoint ("I read: 2 travellers, out Thu 11 Feb")."""
    said: list[str] = []
    if intent.travelers:
        said.append(f"{intent.travelers} traveller{'s' if intent.travelers > 1 else ''}"
                    + (" (assumed)" if intent.sources.get("travelers") == "assumed" else ""))  # fmt: skip
    if intent.rooms:
        said.append(f"{intent.rooms} room{'s' if intent.rooms > 1 else ''}")
    for i, leg in enumerate(intent.legs):
        day = leg.date.strftime("%a %d %b") if leg.date else "date open"
        said.append(f"flight {leg.origin or '?'}-{leg.destination or '?'} {day}"
                    + (f" ({intent.sources.get(f'legs.{i}.date')})" if intent.sources.get(f"legs.{i}.date") == "inferred" else ""))  # fmt: skip
    for s in intent.stays:
        ci = s.check_in.strftime("%a %d %b") if s.check_in else "?"
        co = s.check_out.strftime("%a %d %b") if s.check_out else "?"
        extra = f", must have {', '.join(s.amenities)}" if s.amenities else ""
        said.append(f"hotel in {s.city or '?'} {ci} to {co}{extra}")
    if intent.budget:
        said.append(f"budget ${intent.budget:,.0f}")
    if intent.cancel:
        said.append(f"cancel {', '.join(intent.cancel)}")
    if intent.keep:
        said.append(f"keep {', '.join(intent.keep)}")
    if intent.unknown:
        said.append(f"still open: {', '.join(intent.unknown)}")
    intent.assumptions = said
    return intent
