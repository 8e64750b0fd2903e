"""What each day and place is for, the route, hard limits and wishes, and the reading in words."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from agents.intent import _words as w
from agents.intent._dates import Mention
from agents.intent._model import Source, StayIntent, TripIntent, Wish
from agents.intent._places import CITY_NAMES, Place

_BACK_CUE = re.compile(r"\b(back|return\w*|home|coming back|fly back|inbound|way back)\b", re.I)
_OUT_CUE = re.compile(
    r"\b(out|outbound|leav\w+|depart\w*|fly (?:up|in|out|down)|in the day|fly me|go(?:ing)?)\b", re.I
)
_CHECKOUT = re.compile(r"\b(check(?:ing)?[\s-]?out|until|till|departure|through to)\b", re.I)
_CHECKIN = re.compile(r"\b(check(?:ing)?[\s-]?in|arrival|from)\b", re.I)
_EVENT = re.compile(
    r"\b(meeting|ceremony|wedding|conference|review|kickoff|camp|recital|appointment|exam|party|workshop|summit|"
    r"offsite|off-site|interview|presentation|talk|keynote|gig|concert|match|game|festival|graduation|funeral|"
    r"reunion|seminar|training|retreat|pitch|demo|event|show|premiere|launch|hearing|audition|tournament|race)s?\b",
    re.I,
)
_MEETING = re.compile(
    r"\b(meeting|ceremony|wedding|conference|review|kickoff|camp|recital|appointment|exam|party)\b", re.I
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
    nights: int | None = None
    window: tuple[dt.date, dt.date] | None = None
    ambiguous: bool = False
    has_range: bool = False


def _event_day(near: str, before: str, flies: bool) -> bool:
    """The day is an event's ("the launch is on Thursday 11 March"), not a travel day: with flights,
    any event word in its clause without a travel word; for a stay alone (whose nights may be the
    event's), only the few words of a meeting just before it."""
    if not flies:
        return bool(_MEETING.search(near)) and not re.search(
            r"\b(fly|flight|back|return|hotel|out|leav)", near, re.I
        )
    return bool(_EVENT.search(near) or _EVENT.search(before)) and not re.search(
        r"\b(fly|flight|back|return|hotel|out|leav|get me|arriv|depart|home)", near + " " + before, re.I
    )


def _dated_others(mentions: list[Mention], m: Mention, text: str) -> int:
    """How many other days are named and not for an event: an event's day is set aside only when the
    trip still has its days."""
    dated = [o for o in mentions if o is not m and o.kind != "calendar_event"]
    return sum(
        not _event_day(text[max(0, o.start - 25) : o.start], _clause_before(text, o.start), True)
        for o in dated
    )


def _back_after(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """A day the rest of its clause makes the way back ("Wednesday works for the flight home"), when
    that clause names no other day and does not say it is the way out."""
    after = re.split(r"[.;!?,]|\band\b|\bthen\b", text[m.end : m.end + 60])[0]
    end = m.end + len(after)
    if any(m.end <= o.start < end for o in mentions) or _OUT_CUE.search(after):
        return False
    return bool(_BACK_CUE.search(after)) and not _OUT_CUE.search(_clause_before(text, m.start))


def _clause_before(text: str, start: int) -> str:
    return re.split(r"[.;!?,]|\band\b|\bthen\b", text[max(0, start - 50) : start])[-1]


def assign_roles(text: str, mentions: list[Mention], flies: bool, hotel: bool) -> Roles:
    r = Roles()
    weekend: Mention | None = None
    t = w.digits(text)
    for nm in _NIGHTS.finditer(t):
        n = nm.groupdict().get("n")
        unit = (nm.groupdict().get("u") or "week").lower()
        k = 1 if not n or n.lower() in ("a", "one", "just the one") else int(n)
        r.nights = 7 * k if unit.startswith("week") else k
    for m in mentions:
        before = _clause_before(text, m.start)
        near = text[max(0, m.start - 25) : m.start]
        src: Source = "inferred" if m.kind == "calendar" else "stated"
        if m.ambiguous:
            r.ambiguous = True
            continue
        if m.kind == "calendar_event":
            continue
        if _event_day(near, before, flies) and (not flies or _dated_others(mentions, m, text) >= 2):
            continue
        if m.window or (_WINDOW.search(text[max(0, m.start - 40) : m.start]) and len(m.days) == 2):
            r.window = (m.days[0], m.days[-1])
            continue
        corrected = bool(_CORRECT.search(text[max(0, m.start - 30) : m.start]))
        if len(m.days) == 2 and m.kind != "weekend":
            r.has_range = True
            if not flies and hotel:
                r.check_in, r.check_out = m.days
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
            r.check_out = day
        elif hotel and not flies and _CHECKIN.search(before) and r.check_in is None:
            r.check_in = day
        elif not flies and hotel:
            if r.check_in is None:
                r.check_in = day
            else:
                r.check_out = day
        elif (
            _BACK_CUE.search(before)
            or (r.travel and re.search(r"\bhome\b", before, re.I))
            or (r.back is None and _back_after(text, m, mentions))
        ):
            r.back, r.back_source = day, src
        elif corrected and r.travel:
            if r.back is not None and re.search(r"\bhome|back|return", before, re.I):
                r.back = day
            else:
                r.travel[-1] = (day, src)
        else:
            r.travel.append((day, src))
    if weekend is not None and not r.travel and r.back is None and r.check_in is None:
        r.travel, r.back = [(weekend.days[0], "stated")], weekend.days[1]
    if re.search(r"\bday trip\b", text, re.I) and r.travel and r.back is None:
        r.back = r.travel[0][0]
    last = mentions[-1] if mentions else None
    if (
        not flies
        and hotel
        and last
        and re.match(r"\s*nights?\b", text[last.end : last.end + 8], re.I)
        and r.check_out
    ):
        r.check_out += dt.timedelta(days=1)
    if r.back is None and len(r.travel) >= 2 and not re.search(r"\bto\b.*\bto\b.*\bto\b", text):
        pass
    return r


_PAIR_SEP = re.compile(r"^\s*(?:to|->|→|>|-|–|/|back to|and on to|on to)\s*$", re.I)


def route(
    places: list[Place], text: str, home: str | None
) -> tuple[str | None, list[tuple[str | None, str | None]], list[str]]:
    """(origin, explicit legs "A to B", destinations in order)."""
    pairs: list[tuple[str | None, str | None]] = []
    for a, b in zip(places, places[1:], strict=False):
        gap = text[a.end : b.start]
        if _PAIR_SEP.match(gap) and a.code != b.code:
            pairs.append((a.code, b.code))
    origin = None
    for p in places:
        before = text[max(0, p.start - 25) : p.start]
        if re.search(
            r"\b(from|out of|leaving|departing|depart)\s+(?:the\s+)?$", before, re.I
        ) and not re.search(r"\b(back|return\w*|home)\s+from\s+$", before, re.I):
            origin = p.code
            break
    if pairs and len(pairs) == 1:
        origin = pairs[0][0]
    if len(pairs) >= 2 or (pairs and _open_jaw(places, pairs, text, home)):
        return origin or pairs[0][0], _chain(pairs, places, text, home), []
    origin = origin or home
    dests = [p.code for p in places if p.code != origin]
    dests = list(dict.fromkeys(dests))
    return origin, [], dests


def _open_jaw(
    places: list[Place], pairs: list[tuple[str | None, str | None]], text: str, home: str | None
) -> bool:
    return bool(re.search(r"\b(into|out of)\b", text, re.I)) and len(places) >= 3


def _chain(
    pairs: list[tuple[str | None, str | None]], places: list[Place], text: str, home: str | None
) -> list[tuple[str | None, str | None]]:
    """Explicit legs, with an "into X" leg from home first when the words fly into a city first."""
    m = re.search(r"\binto\s+", text, re.I)
    if m and home:
        into = next((p.code for p in places if p.start >= m.end() - 1), None)
        if into and all(into != a for a, _ in pairs):
            return [(home, into), *pairs]
    return pairs


_AIRLINE_CUE = re.compile(
    r"\b(?P<only>(?i:only|exclusively|on))\s+(?P<a>(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?(?:\s+(?:or|and)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*)"
    r"|\b(?P<avoid>(?i:avoid|anything but|not|no|never|won't fly|don't book|except))\s+(?P<b>(?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?(?:\s+(?:or|and)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*)",
)
_NOT_AIRLINE = re.compile(
    r"^(Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"I|The|A|We|My|Our|It|Please|Economy|Business|First|Premium)$"
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


# words that make a limit a requirement ("non-stop only", "must be direct"); without one, a bare
# mention of non-stop is a wish
_REQUIRED = re.compile(
    r"\b(only|must|need\w*|has to|have to|required?|no exceptions|(?:not|non)[\s-]negotiable|can't|cannot|"
    r"won't|insist\w*|essential|mandatory|no (?:stops|layovers?|connections?))\b",
    re.I,
)


def limits_and_wishes(intent: TripIntent, text: str, roles: Roles) -> None:
    legs, stays = intent.legs, intent.stays
    for sent in re.split(r"(?<=[.!?;])\s+|,\s+(?=but\b)|\s+but\s+", text):
        is_soft = w.soft(sent)
        back = bool(
            re.search(
                r"\b(way back|flight back|flying back|coming back|fly back|back home|return\w*|home)\b",
                sent,
                re.I,
            )
        )
        back = back and not re.search(r"\b(both|each|all) (?:flights|ways|legs)\b", sent, re.I)
        out = bool(re.search(r"\b(way out|outbound|out no|fly(?:ing)? out|leaving)\b", sent, re.I))
        target = [legs[-1]] if back and len(legs) > 1 and not out else [legs[0]] if out and legs else legs
        if re.search(r"\b(non-?stop|direct)\b", sent, re.I):
            if is_soft or not _REQUIRED.search(sent):  # "non-stop, cheapest you can": a wish
                intent.wishes.append(Wish(kind="nonstop"))
            else:
                for leg in target:
                    leg.nonstop = True
        m = re.search(
            r"\b(?:more than|at most|max(?:imum)?|no more than)\s+(one|1|two|2)\s+(?:stop|connection|layover)",
            sent,
            re.I,
        )
        if m and not is_soft:
            for leg in target:
                leg.max_stops = 1 if m.group(1) in ("one", "1") else 2
        for cabin, rx in (
            ("premium_economy", r"premium economy"),
            ("business", r"business class|\bbusiness\b(?! cent)"),
            ("first", r"first class"),
        ):
            if re.search(rx, sent, re.I) and legs:
                cab_target = target
                if re.search(r"way out|outbound", sent, re.I):
                    cab_target = [legs[0]]
                if is_soft:
                    intent.wishes.append(Wish(kind="cabin", value=cabin))
                else:
                    for leg in cab_target:
                        leg.cabin = cabin  # type: ignore[assignment]
                break
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
        if re.search(r"\b(refundable|free cancellation|cancel for free)\b", sent, re.I):
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
            for leg in target[:1] if len(target) > 1 and not back else target:
                setattr(leg, kind, when)
        if stays:
            for name, amenity_rx in w.AMENITY_RX.items():
                for am_m in amenity_rx.finditer(sent):
                    local = sent[max(0, am_m.start() - 40) : am_m.end() + 40]
                    if w.soft(local) or is_soft and not re.search(r"\b(must|need|require)", local, re.I):
                        if not any(x.kind == "amenity" and x.value == name for x in intent.wishes):
                            intent.wishes.append(Wish(kind="amenity", value=name))
                    else:
                        for s in _stays_for(sent, intent):
                            if name not in s.amenities:
                                s.amenities.append(name)
                    break
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
