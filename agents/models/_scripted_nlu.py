"""Reading a travel request: route, dates, one-way or round trip, travellers, rooms, budget, wishes.

``parse_request(texts, today)`` reads the request plus the traveller's later answers (in order) into
a ``TripRequest``; ``TripRequest.missing()`` lists the hard requirements still open, which the model
asks about with ``ask_user``. Wishes (non-stop, morning, 4-star, ...) are ``_scripted_prefs``.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from agents.models._scripted_dates import scan_dates, scan_durations
from agents.models._scripted_lexicon import CITY_NAMES, city_mentions
from agents.models._scripted_people import Money, money, rooms, travellers
from agents.models._scripted_plans import Leg, StaySpec, Trip
from agents.models._scripted_prefs import Prefs, parse_prefs, sentences

_TRAVEL = re.compile(
    r"\b(fly|flies|flying|flight|flights|leave|leaving|depart\w*|out|outbound|return\w*|back|home|"
    r"travel\w*|trip|tour|journey|go|going|head\w*|get from|get to|visit|book|arriv\w*|land\w*|weekend|over|"
    r"one[\s-]way|round[\s-]trip)\b|->|→",
    re.I,
)
_BACK = re.compile(r"\b(back|return|returning|home|coming back|fly back|inbound)\b", re.I)
_VAGUE = re.compile(
    r"\b(next|this|in|later this|early|late) (month|week|spring|summer|autumn|fall|winter|year)\b|\bsometime\b|\bsoon\b|\bat some point\b",
    re.I,
)
_ONE_WAY = re.compile(r"\bone[\s-]way\b|\bsingle (ticket|flight)\b", re.I)
_ROUND = re.compile(
    r"\bround[\s-]trip\b|\breturn (flight|ticket|trip)\b|\b(back|returning|return) on\b|\bfly back\b|\bcome back\b",
    re.I,
)
_NO_HOTEL = re.compile(
    r"\bno hotel\b|\b(don't|do not|won't|will not) need (a |any )?(hotel|room|accommodation)|\bhotel (is )?not needed"
    r"|\bwithout (a )?hotel|\bflights? only\b|\bjust the flights?\b|\bstaying with (my |our )?\w+",
    re.I,
)
_HOTEL = re.compile(r"\b(hotel|hotels|room|rooms|accommodation|place to stay|somewhere to stay)\b", re.I)
_CHANGE = re.compile(
    r"\b(cancel\w*|change my|move (?:everything|my|the|it|all)|reschedul\w*|rebook\w*|pushed back|has moved|have moved|been moved)\b",
    re.I,
)
_FROM = re.compile(r"\b(from|out of|leaving|departing)\s+(?:the\s+)?$", re.I)
_NOT_ORIGIN = re.compile(r"\b(back|return|returning|home)\s+from\s+$", re.I)


@dataclass
class TripRequest:
    """What the traveller asked for, as far as the words say. ``None`` means not stated."""

    origin: str | None = None
    destinations: list[str] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)  # travel days in order
    return_only: bool = False  # the one date given is the way back
    arrive_dates: list[dt.date] = field(default_factory=list)  # "I land on Saturday morning"
    nights: int | None = None
    one_way: bool = False
    round_trip: bool = False
    hotel: bool = False
    travellers: int | None = None
    rooms: int | None = None
    budget: float | None = None
    nightly_cap: float | None = None
    hotel_cap: float | None = None  # "the hotel must not cost more than $1,200 for the three nights"
    vague_dates: bool = False
    change: bool = False  # the traveller asks to cancel, move or change what they already hold
    in_time_for: bool = False  # "a flight that gets me there in time for the meeting"
    prefs: Prefs = field(default_factory=Prefs)

    @property
    def returns(self) -> bool:
        """Round trip: said so, or a way back or a stay length was given (and not one-way)."""
        if self.one_way:
            return False
        return self.round_trip or len(self.dates) > len(self.destinations) or self.nights is not None

    def missing(self, *, travellers_known: bool) -> list[str]:
        """Hard requirements still open: 'destination', 'dates', 'return date', 'travellers'."""
        out = []
        if not self.destinations:
            out.append("destination")
        if not self.dates or self.return_only:
            out.append("dates")
        elif self.returns and len(self.dates) < len(self.destinations) + 1 and self.nights is None:
            out.append("return date")
        elif self.hotel and not self.returns and self.nights is None:
            out.append("nights")
        if not travellers_known:
            out.append("travellers")
        return out


_LEG_TO = re.compile(r"\s*(?:(?:back\s+)?to\s+|->\s*|→\s*|[-–/]\s*)(?:the\s+)?$")


def _route(req: TripRequest, text: str) -> None:
    found = city_mentions(text)
    for i, (start, end, code) in enumerate(found):
        before = text[max(0, start - 30) : start]
        nxt = found[i + 1] if i + 1 < len(found) else None
        starts_leg = nxt is not None and _LEG_TO.match(text[end : nxt[0]]) is not None
        if (_FROM.search(before) and not _NOT_ORIGIN.search(before)) or starts_leg:
            if req.origin is None:
                req.origin = code
            if not starts_leg or code == req.origin:
                continue
        if code not in req.destinations:
            req.destinations.append(code)
    if req.origin in req.destinations:
        req.destinations.remove(req.origin)


_CUE = re.compile(
    r"\b(?P<arrive>land|lands|landing|arrive|arrives|arriving|arrival|get in)\b"
    r"|\b(?P<existing>cancel|cancelling|canceling)\b"
    r"|\b(?P<stay>hotel|hotels|room|rooms|check[\s-]?in|check[\s-]?out|stay|staying|nights?)\b"
    r"|\b(?P<event>meeting|meetings|conference|wedding|workshop|dinner|event|party|appointment|fair|concert|game|interview|review)\b"
    r"|\b(?P<travel>book me|get me|put me|rebook\w*|fly|flies|flying|flight|flights|out|outbound|back|return|returning|home|leave|leaving|depart\w*|trip|travel\w*|go|going|head\w*|weekend|up|down|over)\b",
    re.I,
)


_EXISTING = re.compile(
    r"\b(i'm booked|i am booked|booked on|currently have|currently hold|already have|already booked|i hold|i'm holding|"
    r"i (?:have|hold) (?:a |my |two |three )?(?:\w+ )?(?:flights?|bookings?|reservations?|tickets?)|originally|old bookings?)\b",
    re.I,
)
_NEW = re.compile(
    r"\b(moved to|move\w* (?:it |everything )?to|instead|new|change\w* to|pushed (?:back )?to|get me|book me|put me|rebook\w*)\b",
    re.I,
)


def _role(sent: str, start: int, travel_sentence: bool) -> str:
    """What a date in ``sent`` at ``start`` is: 'travel', 'arrive', 'stay', 'event' or 'existing'
    (what the traveller already holds); mostly the nearest cue word before it decides."""
    clause = re.split(r"[,;]\s*|\bbut\b|\s[-–]\s", sent[:start])[-1]
    if _EXISTING.search(sent) and not _NEW.search(clause):
        return "existing"
    cues = list(_CUE.finditer(sent[max(0, start - 60) : start]))
    if cues:
        return str(cues[-1].lastgroup)
    return "travel" if travel_sentence else "event"


def _dates(req: TripRequest, texts: list[str], today: dt.date) -> None:
    """Travel days: from the request, then replaced by what later answers say (the last word wins)."""
    mentions = []
    for k, text in enumerate(texts):
        for sent in sentences(text):
            in_travel = bool(_TRAVEL.search(sent))
            found = scan_dates(sent)
            if _VAGUE.search(sent) and not found:
                req.vague_dates = True
            mentions += [(k, m, _role(sent, m.start, in_travel), sent) for m in found]
            for _, _, n, unit in scan_durations(sent):
                req.nights = max(1, n - 1) if unit == "days" else n
    known = [d for _, m, _, _ in mentions if not m.relative for d in m.resolve(today)]
    per_text: dict[int, list[dt.date]] = {}
    backs: dict[int, bool] = {}
    for k, m, role, sent in mentions:
        travel = per_text.setdefault(k, [])
        anchor = travel[-1] if travel else today
        near = 7 if travel else 400  # the first travel day may be any known day ("on a Friday flight")
        same = [
            d
            for d in known
            if m.weekday is not None and d.weekday() == m.weekday and abs((d - anchor).days) < near
        ]
        if same:  # "back on Sunday" after "Sunday 24 January": the same day
            got = [min(same, key=lambda d: (d < anchor, abs((d - anchor).days)))]
        else:
            got = m.resolve(today, anchor)
        got = [d for d in got if d >= today]
        known += [d for d in got if d not in known]
        if role == "arrive":
            req.arrive_dates += got
        elif role == "travel":
            if not travel and got:
                backs[k] = bool(_BACK.search(sent[max(0, m.start - 30) : m.start]))
            travel += [d for d in got if d not in travel]
    dates: list[dt.date] = []
    for k in sorted(per_text):
        new = sorted(per_text[k])
        if not new:
            continue
        if len(new) >= 2 or not dates:
            dates, req.return_only = new, len(new) == 1 and backs.get(k, False) and not req.one_way
        elif backs.get(k):
            dates = dates[:-1] + new if len(dates) > 1 else dates + new
        else:
            dates = new + dates[1:]
        if len(dates) > 1:
            req.return_only = False
    req.dates = sorted(dates)
    if req.dates and len(req.dates) == len(req.destinations) and req.nights and not req.one_way:
        req.dates.append(req.dates[-1] + dt.timedelta(days=req.nights))


def _apply_money(req: TripRequest, m: Money) -> None:
    req.budget = _lowest(req.budget, m.budget)
    req.nightly_cap = _lowest(req.nightly_cap, m.nightly_cap)
    req.hotel_cap = _lowest(req.hotel_cap, m.hotel_cap)
    if m.nonstop_dollars is not None:
        req.prefs.nonstop_dollars = m.nonstop_dollars


def _lowest(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def parse_request(texts: list[str], today: dt.date) -> TripRequest:
    """Read the request and the traveller's answers (in order; later answers add to earlier words).

    The model re-reads the same conversation on every call, so the reading is remembered; callers
    get their own copy to change.
    """
    return copy.deepcopy(_parse_request(tuple(texts), today))


@functools.lru_cache(maxsize=2048)
def _parse_request(texts: tuple[str, ...], today: dt.date) -> TripRequest:
    req = TripRequest()
    full = "\n".join(texts)
    for text in texts:
        _route(req, text)
    req.one_way = bool(_ONE_WAY.search(full))
    req.round_trip = bool(_ROUND.search(full)) and not req.one_way
    _dates(req, list(texts), today)
    req.hotel = bool(_HOTEL.search(full)) and not _NO_HOTEL.search(full)
    req.change = bool(_CHANGE.search(full))
    req.in_time_for = bool(
        re.search(r"\bin time for\b|\bbefore (the|my) (meeting|conference|event)\b", full, re.I)
    )
    for text in texts:
        req.travellers = travellers(text) or req.travellers
        req.rooms = rooms(text) or req.rooms
        if re.search(r"\bseparate rooms\b|\ba room each\b", text, re.I):
            req.rooms = None  # one per traveller, once their number is known
        _apply_money(req, money(text))
    for text in texts:
        parse_prefs(text, (req.origin, req.destinations), into=req.prefs)
    return req


def route_text(req: TripRequest) -> str:
    """``San Francisco (SFO) -> London (LHR) -> San Francisco (SFO)``."""
    stops = [req.origin or "?", *req.destinations] + ([req.origin or "?"] if req.returns else [])
    return " -> ".join(f"{CITY_NAMES.get(c, c)} ({c})" for c in stops)


def question(missing: list[str], req: TripRequest, asked: Sequence[str] = ()) -> str:
    """One clarifying question about one open requirement: the first in ``missing`` not ``asked``
    yet (else the first). A traveller answers one question at a time."""
    texts = [_question(m, req) for m in missing]
    return next((q for q in texts if q not in asked), texts[0])


def _question(topic: str, req: TripRequest) -> str:
    if topic == "destination":
        text = "where would you like to go (which city)"
    elif topic == "dates":
        where = f" for {CITY_NAMES.get(req.destinations[0], req.destinations[0])}" if req.destinations else ""
        text = f"which dates should I book: when do you want to leave{where} and when will you fly back"
    elif topic == "return date":
        text = "when do you want to fly back (your return date)"
    elif topic == "nights":
        text = "how many nights do you need the hotel for"
    else:
        text = "how many people are travelling (is anyone coming with you)"
    return f"Before I book anything, could you tell me {text}?"


def trip_from_request(
    req: TripRequest, profile: dict[str, Any], request: str, party: int | None, cap: float | None
) -> Trip:
    """The trip this reading describes (flight trips; the ``TripIntent`` plans hotel-only stays and
    changes): legs in order with their days, a stay per destination when a hotel is asked for."""
    origin = req.origin or str(profile.get("home") or "")
    stops = [origin, *req.destinations] + ([origin] if req.returns else [])
    dates = list(req.dates)
    n = len(stops) - 1
    if len(dates) > n:
        dates = dates[: n - 1] + dates[-1:] if n > 1 else dates[:1]
    legs = [Leg(stops[i], stops[i + 1], dates[i]) for i in range(min(n, len(dates)))]
    stays = []
    if req.hotel:
        for i, city in enumerate(req.destinations):
            if i < len(legs) - 1:
                stays.append(StaySpec(city, i))
            elif i == len(legs) - 1 and not req.returns:
                stays.append(StaySpec(city, i, req.nights or 1))
    pax = party or req.travellers or int(profile.get("party_size") or 1)
    rooms = req.rooms or (pax if re.search(r"separate rooms|a room each", request, re.I) else 1)
    cabin = req.prefs.cabin or str(profile.get("cabin") or "economy")
    return Trip(legs, stays, pax, rooms, cabin, cap, req.nightly_cap)
