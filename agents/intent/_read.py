"""``read_request(text, ctx) -> TripIntent``: a traveller's words, read into a typed intent.

The reading goes in passes over the same text: places (``_places``), days (``_dates``), then what
each day is for (the way out, the way back, a check-in or check-out, an event), the trip's shape,
the party, money, limits and wishes (``_words``), held bookings to keep or cancel
(``_bookings``), and finally what is still unknown. Each field records whether the words stated
it, the reader inferred it, or it is a default (``TripIntent.sources``), and ``assumptions`` says
the reading in words, for a human to check.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent import _words as w
from agents.intent._bookings import read_bookings
from agents.intent._dates import Mention, nth_weekday, scan
from agents.intent._model import LegIntent, ReadContext, StayIntent, TripIntent
from agents.intent._places import Place, find_places
from agents.intent._shape import Roles, assign_roles, describe, limits_and_wishes, route

_CORRECT = re.compile(
    r"\b(actually|i mean|make it|no wait|oh wait|wait|sorry|instead|scratch that|change of plan)\b", re.I
)
_HOTEL = re.compile(
    r"\b(hotels?|hotles?|accommodation|a bed (?:in|for)|place to stay|somewhere to (?:stay|sleep|crash)|place to crash|put (?:me|us) up|"
    r"a room|rooms|bed for the night|lodging|check(?:ing)?[\s-]?in|check(?:ing)?[\s-]?out|\d+ nights? in)\b",
    re.I,
)
_NO_HOTEL = re.compile(
    r"\b(no hotel|no need for a hotel|(?:don't|do not|won't|will not) need (?:a |any )?(?:hotel|room|accommodation)|"
    r"forget the hotel|without (?:a )?hotel|flights? only|just the flights?|only the flights?|staying with|stay with|"
    r"(?:got|have|has) (?:a|the) (?:place|hotels?) (?:to stay|covered)|hotels? covered|sort out the hotels? (?:later|after)|"
    r"arranged accommodation|at my \w+'s)\b",
    re.I,
)
_FLY = re.compile(
    r"\b(fly|flies|flying|flights?|tickets?|fares?|plane|airline|one[\s-]?way|round[\s-]?trip|return (?:flight|ticket|trip)|"
    r"get me (?:to|there)|trip to|to \w+ and back|fly out|back on|outbound|non-?stop|direct|layover|red-?eye|"
    r"business class|economy|a return to|get (?:me|us) to|be in|(?:go|going|head|heading|travel\w*) (?:up |down |over )?to)\b|->|→|\s>\s",
    re.I,
)
_NO_FLY = re.compile(
    r"\b(no (?:flights?|flying)(?=\s*(?:[.,;!]|$|needed|necessary|required|please|at all|for))|(?:don't|do not|won't|will not) need (?:a |any )?(?:flights?|plane tickets?)|"
    r"(?:flights?|tickets?) (?:are|is) (?:already )?(?:booked|sorted|covered|taken care of|done)|"
    r"already (?:have|got|booked|hold) (?:my |the |our )?(?:flights?|tickets?)|arriv\w* by (?:train|car|bus|coach|ferry)|"
    r"(?:coming|going|getting there|travelling|traveling) by (?:train|car|bus|coach|ferry))\b",
    re.I,
)
_DRIVE = re.compile(r"\b(driving|drive up|drive down|by car|road trip|by train|taking the train)\b", re.I)
_ONE_WAY = re.compile(
    r"\bone[\s-]?way\b|\bno (?:flight|way) back\b|\bonly going one way\b|\bnot coming back\b|\bsingle(?: (?:ticket|flight|fare|journey))?\b(?! (?:charge|room|bed|traveller|traveler|person|payment|item|day|night))|\brelocat\w+",
    re.I,
)
_RETURN = re.compile(
    r"\b(back|return\w*|round[\s-]?trip|come home|coming home|home on|fly home|flight home|head home|for (?:a|the) (?:week|weekend)|"
    r"long weekend|for \d+ (?:nights?|days?)|\d+ nights?|a week|for a few days|day trip|weekend)\b",
    re.I,
)


def read_request(text: str, ctx: ReadContext) -> TripIntent:
    """Read ``text`` (a request, or a request followed by the traveller's answers) against ``ctx``."""
    intent = TripIntent()
    now = ctx.now
    mentions = _resolve(scan(text, now), text, ctx)
    places = _corrected_places(find_places(text), text)
    if ctx.bookings and re.search(
        r"\b(cancel\w*|change|move|rebook\w*|push|switch|instead|is off|keep|stays?)\b", text, re.I
    ):
        if read_bookings(text, ctx, intent, mentions, places):
            return describe(intent)
    hotel = _wants_hotel(text)
    strong = re.search(r"\b(fly|flying|flights?|plane|tickets?|fares?|airline)\b", text, re.I)
    flies = bool(_FLY.search(text)) or not hotel
    if hotel and (not _FLY.search(text) or (_DRIVE.search(text) and not strong) or _NO_FLY.search(text)):
        flies = False
    origin, legs_route, dests = route(places, text, ctx.home)
    roles = assign_roles(text, mentions, flies, hotel)
    one_way = bool(_ONE_WAY.search(text))
    returns = not one_way and (
        bool(_RETURN.search(w.digits(text)))
        or len(roles.travel) >= 2
        or roles.has_range
        or roles.back is not None
    )
    named = {p.code for p in places}
    if flies and hotel and not dests and origin and origin == ctx.home and named == {origin}:
        flies = False  # a hotel in the traveller's own city, the only place named: no flight to take
    if not flies:
        stay_in = [origin] if origin and (origin != ctx.home or origin in named) else []
        _hotel_only(intent, dests or stay_in, roles)
    else:
        _flights(intent, origin, dests, legs_route, roles, returns, hotel, one_way)
    p = w.party(text, ctx.party)
    intent.travelers = p.travelers
    intent.sources["travelers"] = p.source  # type: ignore[assignment]
    if p.vague:
        intent.unknown.append("travelers")
    intent.rooms = w.rooms(text, intent.travelers)
    if intent.rooms is not None:
        intent.sources["rooms"] = "stated"
    money = w.money(text)
    intent.budget = money.trip_budget(intent.travelers)
    if money.vague_budget:
        intent.unknown.append("budget")
    if money.nightly is not None and intent.stays:
        if money.nightly_soft:
            pass
        else:
            for s in intent.stays:
                s.max_nightly = money.nightly
    limits_and_wishes(intent, text, roles)
    _unknowns(intent, roles, text, dests)
    return describe(intent)


def _wants_hotel(text: str) -> bool:
    """The last word on a hotel wins ("and a hotel. Actually, forget the hotel")."""
    yes = [m.start() for m in _HOTEL.finditer(text)]
    no = [m.start() for m in _NO_HOTEL.finditer(text)]
    if not yes:
        return False
    if not no:
        return True
    later_yes = [y for y in yes if y > max(no) + 12]
    return bool(later_yes) and bool(re.search(r"\b(actually|after all|yes)\b", text[max(no) :], re.I))


def _corrected_places(places: list[Place], text: str) -> list[Place]:
    """ "Wait, not Seattle, Portland": a place denied is dropped and the next one takes its part."""
    out = list(places)
    for p in places:
        if re.search(r"\bnot\s+$", text[max(0, p.start - 6) : p.start], re.I):
            out = [q for q in out if q.code != p.code]
    return out


def _resolve(mentions: list[Mention], text: str, ctx: ReadContext) -> list[Mention]:
    """Days that depend on another: "that Sunday" after a day, "the second Monday of the month",
    a weekday after an anchor, "the day after my conference" (from the calendar)."""
    today = ctx.now.date()
    out: list[Mention] = []
    prev: dt.date | None = None
    first: dt.date | None = None
    mentions = sorted(mentions + _calendar_days(text, ctx), key=lambda x: x.start)
    # a bare weekday ("back Wednesday") belongs to the trip the dated days place, wherever it is said
    dated = [m.days[0] for m in mentions if m.kind in _DATED and m.days and not m.ambiguous]
    first = min(dated) if dated and min(dated) >= today else None
    week = _WEEK_AFTER_NEXT.search(text)
    if week and first is None:  # "the week after next, out Tuesday": its weekdays are in that week
        first = today + dt.timedelta(days=7 - today.weekday() + 7)
    for m in mentions:
        if m.kind == "calendar":
            out.append(m)
            prev = m.days[-1]
            first = first or m.days[0]
            continue
        if m.kind.startswith("rel_prev"):
            if prev is None:
                continue
            m.days = [prev + dt.timedelta(days=int(m.kind.split(":")[1]))]
            m.kind = "rel_prev"
            out.append(m)
            prev = m.days[0]
            continue
        if m.kind.startswith("ordinal_this"):
            _, nth, day_of_week = m.kind.split(":")
            if prev is None:
                continue
            m.days = [nth_weekday(prev.year, prev.month, int(day_of_week), int(nth))]
            m.kind = "ordinal"
        elif m.anchored == "that" and prev is not None:
            m.days = [prev + dt.timedelta(days=(m.days[0].weekday() - prev.weekday()) % 7)]
        elif m.anchored == "after" and prev is not None:
            wd = m.days[0].weekday()
            delta = (wd - prev.weekday()) % 7 or 7
            m.days = [prev + dt.timedelta(days=delta)]
        elif m.anchored in ("weekday", "after", "that") and first is not None:
            while m.days[0] < first:
                m.days = [m.days[0] + dt.timedelta(days=7)]
        elif m.anchored == "before" and prev is not None:
            wd = m.days[0].weekday()
            delta = (prev.weekday() - wd) % 7 or 7
            m.days = [prev - dt.timedelta(days=delta)]
        elif m.anchored == "dom" and first is not None and m.days and m.days[0] < first:
            m.days = [d for d in _later_dom(m.days[0].day, first)]
        if m.days and m.days[0] < today:
            continue
        if re.search(r"\b(anything but|not|except|avoid)\s+$", text[max(0, m.start - 14) : m.start], re.I):
            continue
        out.append(m)
        prev = m.days[-1] if not m.window else m.days[0]
        if m.kind != "weekend":
            first = first or m.days[0]
    return out


_WEEK_AFTER_NEXT = re.compile(r"\bweek after next\b", re.I)
_DATED = ("iso", "mon_day", "day_mon", "mon_range", "range_mon", "ordinal", "wd_day", "wd_day_range")


def _later_dom(day: int, after: dt.date) -> list[dt.date]:
    y, mth = after.year, after.month
    for _ in range(3):
        try:
            d = dt.date(y, mth, day)
            if d >= after:
                return [d]
        except ValueError:
            pass
        y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
    return []


def _calendar_days(text: str, ctx: ReadContext) -> list[Mention]:
    """ "the day after my dentist appointment", "in the day it starts, out the day after it ends"."""
    from agents.intent._calendar import calendar_mentions

    return calendar_mentions(text, ctx)


def _hotel_only(intent: TripIntent, cities: list[str], roles: Roles) -> None:
    intent.shape = "hotel_only"
    stay = StayIntent(city=cities[0] if cities else None)
    if roles.check_in:
        stay.check_in = roles.check_in
        intent.sources["stays.0.check_in"] = "stated"
    if roles.check_out:
        stay.check_out = roles.check_out
        intent.sources["stays.0.check_out"] = "stated"
    elif roles.nights and stay.check_in:
        stay.check_out = stay.check_in + dt.timedelta(days=roles.nights)
        intent.sources["stays.0.check_out"] = "inferred"
    intent.stays = [stay]


def _flights(
    intent: TripIntent,
    origin: str | None,
    dests: list[str],
    pairs: list[tuple[str | None, str | None]],
    roles: Roles,
    returns: bool,
    hotel: bool,
    one_way: bool,
) -> None:
    if len(pairs) >= 2:
        legs = [LegIntent(origin=a, destination=b) for a, b in pairs]
        if len(legs) == 2 and legs[0].origin == legs[1].destination and legs[0].destination == legs[1].origin:
            intent.shape = "round_trip"
        else:
            intent.shape = "multi_city"
    else:
        dest = dests[0] if dests else None
        legs = [LegIntent(origin=origin, destination=dest)]
        if returns:
            legs.append(LegIntent(origin=dest, destination=origin))
        intent.shape = "round_trip" if returns else "one_way"
    days = roles.travel
    for i, leg in enumerate(legs):
        if i == len(legs) - 1 and i > 0 and roles.back is not None:
            leg.date, src = roles.back, roles.back_source
        elif i < len(days):
            leg.date, src = days[i]
        else:
            continue
        intent.sources[f"legs.{i}.date"] = src
    if roles.window and legs:
        legs[0].date = None
        legs[0].earliest, legs[0].latest = roles.window
        intent.sources["legs.0.date"] = "stated"
    if len(legs) >= 2 and legs[-1].date is None and legs[0].date and roles.nights:
        legs[-1].date = legs[0].date + dt.timedelta(days=roles.nights)
        intent.sources[f"legs.{len(legs) - 1}.date"] = "inferred"
    if len(legs) >= 2 and legs[-1].date is None and roles.check_out and not one_way:
        legs[-1].date = roles.check_out
        intent.sources[f"legs.{len(legs) - 1}.date"] = "inferred"
    intent.legs = legs
    if hotel:
        _stays_with_flights(intent, roles)


def _stays_with_flights(intent: TripIntent, roles: Roles) -> None:
    legs = intent.legs
    stays = []
    cities = [leg.destination for leg in legs[:-1]] if len(legs) > 1 else [legs[0].destination]
    for j, city in enumerate(cities):
        stay = StayIntent(city=city)
        stay.check_in = legs[j].date
        intent.sources[f"stays.{j}.check_in"] = "inferred"
        if j + 1 < len(legs):
            stay.check_out = legs[j + 1].date
            intent.sources[f"stays.{j}.check_out"] = "inferred"
        stays.append(stay)
    if stays and roles.check_out is not None:
        stays[0].check_out = roles.check_out
        intent.sources["stays.0.check_out"] = "stated"
    if stays and roles.check_in is not None:
        stays[0].check_in = roles.check_in
        intent.sources["stays.0.check_in"] = "stated"
    if stays and stays[-1].check_out is None and stays[-1].check_in and roles.nights:
        stays[-1].check_out = stays[-1].check_in + dt.timedelta(days=roles.nights)
        intent.sources[f"stays.{len(stays) - 1}.check_out"] = "inferred"
    intent.stays = stays


def _unknowns(intent: TripIntent, roles: Roles, text: str, dests: list[str]) -> None:
    unknown = intent.unknown
    if (
        intent.legs
        and intent.legs[0].destination is None
        or (intent.stays and intent.stays[0].city is None and not intent.legs)
    ):
        unknown.append("destination")
    first = intent.legs[0] if intent.legs else None
    if (
        roles.ambiguous
        or (first and first.date is None and first.earliest is None)
        or (not intent.legs and intent.stays and intent.stays[0].check_in is None)
    ):
        unknown.append("dates")
        for leg in intent.legs:
            leg.date = None
        for s in intent.stays:
            s.check_in = s.check_out = None
        intent.sources = {k: v for k, v in intent.sources.items() if not k.startswith(("legs.", "stays."))}
    elif len(intent.legs) >= 2 and intent.legs[-1].date is None:
        unknown.append("return_date")
    elif intent.shape == "one_way" and intent.stays and intent.stays[0].check_out is None:
        unknown.append("nights")
    intent.unknown = list(dict.fromkeys(unknown))
