"""What each day a request names is for (out, back, check-in, check-out), and the reading in words."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from agents.intent import _words as w
from agents.intent._dates import Mention
from agents.intent._day_roles import back_said_after, landing_day, ways_out
from agents.intent._event_aside import occasion_days
from agents.intent._model import Source, TripIntent

_BACK_CUE = re.compile(r"\b(back|return\w*|home|coming back|fly back|inbound|way back)\b", re.I)
_OUT_CUE = re.compile(
    r"\b(out|outbound|leav\w+|depart\w*|fly (?:up|in|out|down)|in the day|fly me|go(?:ing)?)\b", re.I
)
_CHECKOUT = re.compile(r"\b(check(?:ing)?[\s-]?out|until|till|departure|through(?: to)?|thru)\b", re.I)
#: "Through Saturday night": that night is the last one slept there, so the stay ends the next day.
_NIGHT_AFTER = re.compile(r"\s*night\b", re.I)
_LAST_NIGHT = re.compile(r"\b(?:through|thru|until|till)\s+(?:the\s+)?$", re.I)
_CHECKIN = re.compile(r"\b(check(?:ing)?[\s-]?in|arrival|from)\b", re.I)
#: Words for an event a day is placed by ("the day of the meeting"); read by the limits too.
EVENT = re.compile(
    r"\b(meeting|ceremony|wedding|conference|review|kickoff|camp|recital|appointment|exam|party)\b", re.I
)
# more events, set aside only when the trip still has other days (``_dated_others``)
_EVENT_MORE = re.compile(
    r"\b(workshop|summit|offsite|off-site|interview|presentation|talk|keynote|gig|concert|match|game|festival|"
    r"graduation|funeral|reunion|seminar|training|retreat|pitch|demo|event|show|premiere|launch|hearing|"
    r"audition|tournament|race)s?\b",
    re.I,
)
_WINDOW = re.compile(r"\b(any day|anytime|any time|sometime|whichever|either|any (?:one )?of)\b", re.I)
_CORRECT = re.compile(r"\b(actually|i mean|make it|no wait|oh wait|wait|instead|now|rather than)\b", re.I)
_DAY_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\s*$|\b\d{1,2}/\d{1,2}\s*$",
    re.I,
)
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
    overnight_out: bool = False  # the way out is a red-eye: it lands the day after it leaves


#: Words that make what they qualify a requirement, not a wish; read by the limits and stars too.
REQUIRED = re.compile(
    r"\b(only|must|need\w*|has to|have to|required?|requirements?|must[\s-]haves?|no exceptions|(?:not|non)[\s-]negotiable|can't|cannot|"
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


#: "Return" as the kind of ticket (British for a round trip), not the way back: "return flights
#: Chicago to Toronto on Wednesday", "two return tickets", "a return flight to Paris" (not "the return
#: flight on Friday", which is the way back).
_RETURN_TICKET = re.compile(
    r"\b(?:an?|two|three|four|\d+|some|cheap|cheapest)\s+return\s+(?:flights?|tickets?|fares?|trips?)\b"
    r"|(?<!\bthe )(?<!\bmy )(?<!\bour )(?<!\bfor )\breturn\s+(?:flights|tickets|fares)\b",
    re.I,
)


def _is_back(before: str) -> bool:
    """The clause before a day names the way back, and no way out after it ("Return flights:
    out 4 August" is the way out)."""
    back = [m.end() for m in _BACK_CUE.finditer(_RETURN_TICKET.sub(" ", before))]
    out = [m.end() for m in _OUT_CUE.finditer(before)]
    return bool(back) and (not out or max(back) > max(out))


# a day that is an event's, not a flight's: "the review falls on the first Monday of April"
_HOTEL_WORD = re.compile(r"\b(hotel|room|accommodation|stay(?:ing)?|check(?:ing)?[\s-]?in)\b", re.I)
_EVENT_DAY = re.compile(r"\b(?:falls|takes place|is being held|is held|happens)\s+on\s+$", re.I)
# a day said again, corrected: "Thursday, no, Friday"; "the 14th... actually make it the 15th"
_NO = re.compile(
    r"\bno\s*[,.!-]+\s*(?:make it\s+)?(?:on\s+)?$|\b(?:not|never mind)\s+\w+\s*[,.!-]+\s*$", re.I
)
# the role said after the day: "Wednesday works for the flight home", "Thursday is best for coming home"
_ROLE_BACK_AFTER = re.compile(
    r"^\s*(?:[\w']+\s+){0,3}?for\s+"  # "works for", "is best for", "suits me for"
    r"(?:the\s+|my\s+)?(?:return|way back|way home|flight (?:back|home)|trip home|(?:coming|going|flying|heading) (?:home|back))\b",
    re.I,
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
        ) and not _DAY_BEFORE.search(t[max(0, nm.start() - 16) : nm.start()]):
            continue  # "under $400 a night": a price (not "on August 4 for two nights")
        n = nm.groupdict().get("n")
        unit = (nm.groupdict().get("u") or "week").lower()
        k = 1 if not n or n.lower() in ("a", "one", "just the one") else int(n)
        r.nights = 7 * k if unit.startswith("week") else k
    aside = occasion_days(text, mentions) if flies else []  # "graduates Saturday 22 May; out the 20th"
    for m in mentions:
        before = _clause_before(text, m.start)
        near = text[max(0, m.start - 25) : m.start]
        if m in aside:
            continue
        src: Source = "inferred" if m.kind == "calendar" or m.inferred else "stated"
        if _EVENT_DAY.search(near):
            continue
        if m.ambiguous:
            r.ambiguous = True
            continue
        if m.kind in ("calendar_event", "event"):  # an event's days that travel days are counted from
            continue
        if (
            m.kind != "calendar"
            and EVENT.search(_clause_before(text, m.start))
            and not re.search(r"\b(fly|flight|back|return|hotel|out|leav)", near, re.I)
        ):
            continue
        if flies and _more_event_day(text, m, mentions):
            continue
        if m.window or (_WINDOW.search(text[max(0, m.start - 40) : m.start]) and len(m.days) == 2):
            # out on one of two days, back on one of two: the second window is the way back
            if flies and (r.travel or r.window) and _is_back(before):
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
            if flies and _LAST_NIGHT.search(near) and _NIGHT_AFTER.match(text[m.end : m.end + 8]):
                r.check_out, r.check_out_source = day + dt.timedelta(days=1), "inferred"
        elif hotel and not flies and _CHECKIN.search(before) and r.check_in is None:
            r.check_in, r.check_in_source = day, src
        elif (
            not flies
            and hotel
            and r.check_out is None
            and (
                _is_back(before)
                and any(o.days[:1] < m.days[:1] for o in mentions if o.days)
                or back_said_after(text, m, mentions)
            )
        ):
            r.check_out, r.check_out_source = day, src  # "back in Chicago by Sunday": the stay ends
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
        elif flies and r.arrive is None and not corrected and landing_day(before, day, r.travel):
            r.arrive = (day, src)  # "overnight Tuesday, it has to get me in on the Wednesday morning"
        elif (
            _is_back(before)
            or (r.travel and re.search(r"\bhome\b", near, re.I))
            or (flies and _ROLE_BACK_AFTER.match(text[m.end : m.end + 50]))
            or (flies and not r.travel and r.back is None and back_said_after(text, m, mentions))
        ):
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
        and not (last.kind == "calendar" and len(last.days) == 2)  # an event's nights end the morning after
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
    for day, source in ways_out(r.travel, r.back):
        if all(day != u for u, _ in unique):
            unique.append((day, source))
    r.travel = unique
    return r


#: What joins two cities into a leg: "A to B", "A -> B", "A on to B", "A home to B", "depart A for B",
#: "A, then B" (after a first leg).
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
        extra += f", at most ${s.max_nightly:,.0f} a night" if s.max_nightly else ""
        extra += f", at most ${s.max_total:,.0f} for the stay" if s.max_total else ""
        said.append(f"hotel in {s.city or '?'} {ci} to {co}{extra}")
    if intent.budget:
        soft = {"wish": " (a wish, not a hard cap)", "approx": " (approximately)"}.get(
            intent.budget_soft or "", ""
        )
        said.append(f"budget ${intent.budget:,.0f}{soft}")
    if intent.flights_budget:
        said.append(f"flights at most ${intent.flights_budget:,.0f} together")
    if intent.cancel:
        said.append(f"cancel {', '.join(intent.cancel)}")
    if intent.keep:
        said.append(f"keep {', '.join(intent.keep)}")
    if intent.unknown:
        said.append(f"still open: {', '.join(intent.unknown)}")
    intent.assumptions = said
    return intent
