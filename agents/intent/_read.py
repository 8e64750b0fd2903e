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

from agents.intent import _buy_words as bw
from agents.intent import _words as w
from agents.intent._airline_rule import add_required_airlines
from agents.intent._amenity_spelling import respell_amenities
from agents.intent._bookings import read_bookings
from agents.intent._chain import chain_days, chain_route, is_chain
from agents.intent._chain_stays import chain_stays
from agents.intent._corrections import corrected_places, restated_party, way_back
from agents.intent._dates import scan
from agents.intent._day_roles import counted_from_day, timed_return
from agents.intent._hard_soft import limits_and_wishes
from agents.intent._hotel_words import wants_hotel
from agents.intent._listed_nights import listed_trip
from agents.intent._model import LegIntent, ReadContext, StayIntent, TripIntent
from agents.intent._money import part_caps
from agents.intent._night_after import nights_after_event
from agents.intent._open_fields import day_sources, unknowns
from agents.intent._overnight import landing_day, overnight_out, red_eye_day
from agents.intent._past_places import present_places
from agents.intent._places import find_places
from agents.intent._reason_times import add_reason_times
from agents.intent._refund import without_deadlines
from agents.intent._repairs import repaired_days
from agents.intent._resolve_days import CORRECT, resolve_days
from agents.intent._route import place_pairs, route, stay_nights
from agents.intent._shape import Roles, assign_roles, describe
from agents.intent._shifted import shifted_plan
from agents.intent._stay_caps import city_caps
from agents.intent._stay_restated import restated_nights
from agents.intent._stay_span import stay_span
from agents.intent._that_day import back_that_day, out_that_day
from agents.intent._unwrap import unwrap
from agents.intent._weekday_nights import weekday_nights
from agents.intent._who_flies import someone_else_moves
from agents.intent._withdrawn import withdrawn_days

_FLY = re.compile(
    r"\b(fly|flies|flying|flights?|tickets?|fares?|plane|airline|one[\s-]?way|round[\s-]?trip|return (?:flight|ticket|trip)|"
    r"get me (?:to|there)|(?:book|send|fly|take) (?:me|us|him|her|them) (?:out |over |down |up )?to|trip to|to \w+ and back|fly out|back on|outbound|non-?stop|direct|layover|red-?eye|"
    r"business class|economy|a return to|get (?:me|us) to|be in|"
    r"(?:land|landed|landing|touch down|touched down) (?:by|before|no later than|in time))\b|->|→|\s>\s",
    re.I,
)
_NO_FLY = bw.no_flight(
    r"\b(no (?:flights?|flying)(?:\s+(?:or|nor)\s+(?:anything|whatever|stuff)(?:\s+(?:like that|else))?)?"
    r"(?=\s*(?:[.,;!]|$|needed|necessary|required|please|at all|for))|(?:don't|do not|won't|will not) need (?:a |any )?(?:flights?|plane tickets?)|"
    r"(?:flights?|tickets?) (?:are|is) (?:already )?(?:booked|sorted|covered|taken care of|done)|"
    r"already (?:have|got|booked|hold) (?:my |the |our )?(?:flights?|tickets?)|arriv\w* by (?:train|car|bus|coach|ferry)|"
    r"(?:coming|going|getting there|travelling|traveling) by (?:train|car|bus|coach|ferry))\b",
    re.I,
)
_DRIVE = re.compile(
    # a lower-case "drive": "International Drive", "Ocean Drive" are streets, not a way to travel
    r"\b(driving|drive up|drive down|drive there|by car|road trip|by train|taking the train|the car|(?-i:drive)|drove|"
    r"(?:the|a) train|by rail|eurostar|amtrak|by bus|by coach|by ferry)\b",
    re.I,
)
#: A flight the traveller already has or had, not one asked for: "my flight home got cancelled", "my
#: flights to Mexico City are already booked", "I'm on the red-eye home", "the client has booked my flight".
_HAVE_FLIGHT = re.compile(
    # someone's flight, in a state or on its schedule: "my flight home got cancelled", "our flight lands at 6"
    r"\b(?:my|our|his|her|their)\s+(?:[\w-]+\s+)?(?:flights?|connection|connecting flight|red-?eye|plane|tickets?)\b"
    r"(?: [\w-]+){0,4}?(?:'s|’s| is| are| was| were| got| has been| have been| is being| are being)? (?:already |all |just )?"
    r"(?:booked|sorted|covered|handled|arranged|taken care of|paid for|reserved|confirmed|cancell?ed|delayed|diverted|"
    r"overbooked|missed|lands|arrives|gets in|leaves|departs)\b"
    # any flight said to be booked already: "flights are already booked", "flight's sorted"
    r"|\b(?:flights?|tickets?)\b(?: [\w-]+){0,4}?(?:'s|’s| is| are| was| were| has been| have been) (?:already |all )?"
    r"(?:booked|sorted|covered|handled|arranged|taken care of|paid for|reserved|confirmed)\b"
    r"|\b(?:i'm|i am|we're|we are|i'll be|we'll be) (?:already )?(?:on|taking|catching) (?:the|a|an|my|our) (?:[\w-]+ )?"
    r"(?:flight|red-?eye|plane)(?: (?:home|back|out))?\b"
    r"|\b(?:has|have|'ve) (?:already )?(?:booked|got|arranged|sorted) (?:my|our|the|her|his|their) (?:flights?|tickets?)\b"
    # someone else's doing or the traveller's own: "the company booked my flights", "flights are on me",
    # "I'm flying in on my own dime"
    r"|\b(?:already )?(?:booked|arranged|sorted) (?:my|our|her|his|their) (?:own )?(?:flights?|tickets?|airfare)\b"
    r"|\b(?:flights?|tickets?|airfare) (?:are|is|'s) on (?:me|us)\b"
    r"|\b(?:fly|flying|flight)\b[^.;,]{0,30}\bon (?:my|our) own (?:dime|steam)\b",
    re.I,
)
# the traveller's own flight still wanted after someone else's is held: "she booked hers; book mine"
_MINE_TOO = re.compile(r"\b(?:mine|me one|one for me|me too|same for me|for me too|my own one)\b", re.I)
_THIRD_PARTY = re.compile(r"\b(?:her|his|their)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:my|our)\b", re.I)


def _held_or_mine(m: re.Match[str]) -> str:
    """A held flight is no request, unless it is a third party's and the traveller asks for theirs after it."""
    said = m.group(0)
    third = _THIRD_PARTY.search(said) and not _FIRST_PERSON.search(said)
    if third and _MINE_TOO.search(m.string, m.end()):
        return " flight "
    return " "


_ONE_WAY = re.compile(
    r"\bone[\s-]?way\b|\bno (?:flight|way) back\b|\bonly going one way\b|\bnot coming back\b|\bsingle\b(?!\s+(?:charge|payment|item|booking|night|room|bed|person|traveller|traveler)s?\b)|\brelocat\w+"
    # a way back denied: "not back", "nothing coming back", "no return flight" (not "no return date yet")
    r"|\b(?:not|no|nothing|without|don't need (?:a|the|any)|won't need (?:a|the|any))\s+(?:a |the |any )?"
    r"(?:coming |flying |flight |way |ticket )?(?:back|return)\b(?!\s+(?:date|day|yet|plans?|until|till|before|by|in|for|on)\b)"
    # the way back by road or rail: "I'm driving back with a friend", "I'll take the train home"
    r"|\b(?:driv\w*|drive|train|bus|coach|ferry|(?<!\bthe )ride|lift)\s+(?:\w+\s+)?(?:back|home)\b"
    # "I won't be coming back" (not "won't be back until the 10th"); "I'll book my own return"
    r"|\b(?:won't|will not|not|never)\s+(?:be\s+)?(?:coming\s+|flying\s+|heading\s+|going\s+)?(?:back|home)\b(?!\s+(?:until|till|before|for|by|in|on|at)\b)"
    r"|\b(?:i'll|i will|we'll|we will)\s+(?:book|sort|arrange|handle|organi[sz]e)\s+(?:out\s+)?(?:my|our|the)\s+(?:own\s+)?"
    r"(?:return|way back|flight back|flight home)",
    re.I,
)
#: A way back on a day: the traveller goes somewhere and comes back, so there is a journey.
_BACK_DAY = re.compile(
    r"\b(?:back|return\w*|fly(?:ing)? home|home)\s+(?:on\s+)?(?:the\s+)?"
    r"(?:\d|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)
#: A trip is out and back unless the words say one way: "a girls' trip", "a getaway", "our holiday".
_TRIP = re.compile(r"\b(trip|getaway|vacation|holiday)\b", re.I)
_RETURN = re.compile(
    r"\b(back|return\w*|round[\s-]?trip|come home|coming home|home on|fly home|flight home|head home|for (?:a|the) (?:week|weekend)|"
    r"long weekend|for \d+ (?:nights?|days?)|\d+ nights?|a week|for a few days|day trip|weekend|(?:and|then) (?:back )?home)\b",
    re.I,
)


def read_request(text: str, ctx: ReadContext) -> TripIntent:
    """Read ``text`` (a request, or a request followed by the traveller's answers) against ``ctx``."""
    # a lone surrogate ("\ud800") is a "?"; a sentence wrapped over lines is one line; "brekfast" is "breakfast"
    text = respell_amenities(unwrap(text.encode("utf-8", "replace").decode("utf-8")))
    if not ctx.bookings and (moved := shifted_plan(text, ctx, read_request)) is not None:
        return moved  # "the offsite moved from the 10th to the 12th, shift everything to match"
    intent = TripIntent()
    now = ctx.now
    dated = without_deadlines(text)  # "cancel up to the day before": terms, not a day of the trip
    mentions = counted_from_day(resolve_days(scan(dated, now, ctx.home), dated, ctx), dated)
    # not "be in LoDo"; not "we did it in Lisbon and survived" (a past aside corrects no city either)
    places = bw.outside_areas(corrected_places(present_places(find_places(text), text), text), text)
    held_places = bw.outside_areas(
        find_places(text), text
    )  # "skipping Denver ... instead": still its bookings
    if ctx.bookings and read_bookings(text, ctx, intent, mentions, held_places, read_request):
        return describe(intent)
    mentions = withdrawn_days(mentions, text)  # "Thursday. No, scrap Thursday, Friday": the later day
    mentions = repaired_days(mentions, text)  # "the 3rd, no, sorry, Thursday the 4th": the later day
    hotel = wants_hotel(text)
    asked = _HAVE_FLIGHT.sub(_held_or_mine, text)  # flight words about flights already held are no request
    asked = bw.not_asked(asked, hotel)  # "it has to be in LoDo", "I'll be in Denver": no journey asked for
    # a route written with an arrow is a flight asked for, and so is a dropped-g "flyin'": words of
    # driving elsewhere ("the boys are driving", "renting a car to drive up to the mountains") do not undo it
    strong = re.search(
        r"\b(fly|flying|flyin'?|flights?|plane|tickets?|fares?|airline|one[\s-]way)\b|\w\s*(?:->|→)\s*\w",
        asked,
        re.I,
    )
    origin, legs_route, dests = route(places, text, ctx.home)
    hops = chain_route(places, text, ctx.home)  # a multi-city chain, each leg with its own clause
    if not (is_chain(hops) and (len(hops) >= len(legs_route) or len(set(legs_route)) < len(legs_route))):
        hops = []
    if (
        hops
        and len(legs_route) == 2
        and not place_pairs(places, text)
        and legs_route[-1][1] != legs_route[0][0]
        and hops[0].origin != legs_route[0][0]
    ):
        hops = []  # an open jaw said ("out of Portland ... home to Seattle"), not a chain from elsewhere
    if hops:
        origin, legs_route = hops[0].origin, [(h.origin, h.destination) for h in hops]
    journey = (
        bool(_FLY.search(asked))
        or bool(place_pairs(places, text))  # "Boston to Orlando, plus a hotel"
        or bool(_BACK_DAY.search(asked))  # "Seattle April 3, back the 6th, and a hotel"
        or bool(hops)  # an itinerary of dated cities: "Seattle on May 3, then Chicago on May 6, ..."
        or timed_return(asked)  # "have to be back in Chicago by 2pm on Sunday"
    )
    flies = journey or not hotel
    if hotel and (not journey or (_DRIVE.search(text) and not strong) or _NO_FLY.search(text)):
        flies = False
    flies = flies and not (hotel and not hops and bw.hotel_at_home(places, text, ctx.home))  # a hotel at home
    roles = assign_roles(text, mentions, flies, hotel)
    stay_span(
        text, mentions, roles, flies, hotel
    )  # "arriving Tuesday, leaving Friday"; "a room from the 9th"
    back_that_day(text, mentions, roles)  # "it finishes on Thursday so home after 6 that evening"
    out_that_day(text, mentions, roles)  # "the 9am kickoff on Thursday 22 April, so fly me out that morning"
    bw.nights(text, mentions, roles, hotel and not flies)  # "a room on Thursday and Friday": those nights
    if hotel:
        weekday_nights(text, mentions, roles)  # "a hotel for Friday, Saturday and Sunday nights"
    if hotel and flies:
        listed_trip(mentions, roles)
    if hotel:
        nights_after_event(
            text, ctx, roles
        )  # "one night after the summit finishes": from its end  # "flights and a hotel the 8th, 9th and 10th of April": those nights
    roles.overnight_out = overnight_out(text)
    one_way = _one_way(text)
    homebound = bool(ctx.home) and origin != ctx.home and dests == [ctx.home] and not legs_route
    if homebound and not re.search(
        r"\b(round[\s-]?trip|and back|return (?:flight|ticket|trip))\b", text, re.I
    ):
        one_way = True  # "fly me home from Berlin the day the summit wraps up"
    if (back := way_back(text)) is not None:  # "no wait, I'll drive back" / "oh, book the return too"
        one_way = not back
    returns = not one_way and (
        bool(_RETURN.search(w.digits(text)))  # "for two nights" as "for 2 nights"
        or len(roles.travel) >= 2
        or roles.has_range
        or roles.back is not None
        or roles.back_window is not None  # "home Monday 18th or Tuesday 19th"
        or (hotel and (roles.check_out or roles.nights) is not None)  # back at the check-out (README)
        or bool(_TRIP.search(text))
    )
    if not flies:
        named = [
            p.code for p in places if not re.search(r"\bfrom\s+$", text[max(0, p.start - 6) : p.start], re.I)
        ]
        _hotel_only(intent, dests or named[:1], roles, text)  # a hotel in the home city is a hotel too
    else:
        _flights(intent, origin, dests, legs_route, roles, returns, hotel, one_way, stay_nights(places, text))
        if hops:
            for i, src in chain_days(hops, intent.legs, mentions, text).items():
                intent.sources[f"legs.{i}.date"] = src  # type: ignore[assignment]
            chain_stays(intent, hops, text, hotel)
    p = w.party(text, ctx.party)
    if (again := restated_party(w.digits(text))) is not None:  # "correction: it's just two"
        p = w.Party(again, "stated")
    intent.travelers = p.travelers
    intent.sources["travelers"] = p.source  # type: ignore[assignment]
    if p.vague:
        intent.unknown.append("travelers")
    intent.rooms = w.rooms(text, intent.travelers)
    if intent.rooms is not None:
        intent.sources["rooms"] = "stated"
    money = w.money(text)
    intent.budget = money.trip_budget(intent.travelers)
    intent.budget_soft = money.budget_soft if intent.budget == money.budget else None  # type: ignore[assignment]
    part_caps(intent, money)
    if money.vague_budget:
        intent.unknown.append("budget")
    if money.nightly is not None and intent.stays:
        if money.nightly_soft:
            pass
        else:
            for s in intent.stays:
                s.max_nightly = money.nightly
    city_caps(intent, text)  # "Boston max $650/night ... DC max $500/night": each stay its own cap
    limits_and_wishes(intent, text, roles, ctx.calendar)
    add_required_airlines(intent, text)  # "it needs to be Kestrel both ways", "not approved: Boreal"
    add_reason_times(intent, text)  # "the desk closes at 11pm and it's an hour from the airport"
    red_eye_day(intent, roles.overnight_out, text, mentions)  # "the red-eye landing the morning of the 5th"
    landing_day(intent.legs, roles.overnight_out)  # "overnight ... landing by 8am": the next morning
    restated_nights(intent, text)  # "... wait, the hotel just for Friday night": that night only
    bw.areas(intent, text)  # "it has to be in LoDo": the stay's neighbourhood
    unknowns(intent, roles, text, dests)
    day_sources(intent, mentions)
    return describe(intent)


def _one_way(text: str) -> bool:
    """One way, unless a correction after it asks for the way back ("one way... oh, book the return too")."""
    said = [m for m in _ONE_WAY.finditer(text) if not someone_else_moves(text, m)]
    if not said:
        return False
    after = text[said[-1].end() :]
    fix = CORRECT.search(after)
    return not (
        fix and re.search(r"\b(return\w*|round[\s-]?trip|back|both ways)\b", after[fix.start() :], re.I)
    )


def _hotel_only(intent: TripIntent, cities: list[str], roles: Roles, text: str = "") -> None:
    intent.shape = "hotel_only"
    stay = StayIntent(city=cities[0] if cities else None)
    if roles.check_in:
        stay.check_in = roles.check_in
        intent.sources["stays.0.check_in"] = roles.check_in_source
    if roles.check_out:
        stay.check_out = roles.check_out
        intent.sources["stays.0.check_out"] = roles.check_out_source
    elif roles.nights and stay.check_in:
        stay.check_out = stay.check_in + dt.timedelta(days=roles.nights)
        intent.sources["stays.0.check_out"] = "inferred"
    elif roles.nights and roles.ambiguous:
        stay.nights = roles.nights  # "next Thursday for 2 nights": the day is asked, the length is not
    elif stay.check_in and re.search(
        r"\b(?:the|a|one) night of\b|\bfor the night\b|\bstay over\b", text, re.I
    ):
        stay.check_out = stay.check_in + dt.timedelta(days=1)  # "a bed for the night of the 16th"
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
    nights: dict[str, int] | None = None,
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
    if len(legs) == 1 and not days and roles.back is not None:
        days = [(roles.back, roles.back_source)]  # one way home: "fly me home from Dublin on the 15th"
    for i, leg in enumerate(legs):
        if i == len(legs) - 1 and i > 0 and roles.back is not None:
            leg.date, src = roles.back, roles.back_source
        elif i < len(days):
            leg.date, src = days[i]
        else:
            continue
        intent.sources[f"legs.{i}.date"] = src
    if roles.arrive and legs and legs[0].date is None:
        legs[0].arrive_on, intent.sources["legs.0.date"] = roles.arrive
    elif roles.arrive and legs and legs[0].date and roles.arrive[0] > legs[0].date:
        legs[0].arrive_on = roles.arrive[0]  # an overnight flight out lands the day after it leaves
    if roles.back_window and len(legs) >= 2:
        legs[-1].date = None
        legs[-1].earliest, legs[-1].latest = roles.back_window
        intent.sources[f"legs.{len(legs) - 1}.date"] = "stated"
    if roles.window and legs:
        legs[0].date = None
        legs[0].earliest, legs[0].latest = roles.window
        intent.sources["legs.0.date"] = "stated"
    for i in range(1, len(legs) if len(pairs) >= 2 and nights else 0):
        stayed = nights.get(legs[i - 1].destination or "") if nights else None
        before = legs[i - 1].date
        if (
            legs[i].date is None and before is not None and stayed
        ):  # "Tokyo for 3 nights then Singapore for 2"
            legs[i].date = before + dt.timedelta(days=stayed)
            intent.sources[f"legs.{i}.date"] = "inferred"
    if len(legs) >= 2 and legs[-1].date is None and legs[0].date and roles.nights:
        lands = legs[0].date + dt.timedelta(
            days=1 if roles.overnight_out else 0
        )  # a red-eye lands the next day
        legs[-1].date = lands + dt.timedelta(days=roles.nights)
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
        stay.check_in = legs[j].date or legs[j].arrive_on
        if j == 0 and roles.overnight_out and legs[0].date:
            stay.check_in = legs[0].date + dt.timedelta(days=1)  # the red-eye's landing day
        intent.sources[f"stays.{j}.check_in"] = "inferred"
        if j + 1 < len(legs):
            stay.check_out = legs[j + 1].date
            intent.sources[f"stays.{j}.check_out"] = "inferred"
        stays.append(stay)
    if stays and roles.check_out is not None:
        stays[0].check_out = roles.check_out
        intent.sources["stays.0.check_out"] = roles.check_out_source
    if stays and roles.check_in is not None:
        stays[0].check_in = roles.check_in
        intent.sources["stays.0.check_in"] = roles.check_in_source
    first = stays[0] if len(stays) == 1 else None
    if first and first.check_in and roles.nights and roles.check_out is None and len(legs) == 2:
        first.check_out = first.check_in + dt.timedelta(days=roles.nights)  # "hotel for the first 3 nights"
        intent.sources["stays.0.check_out"] = "inferred"
    if stays and stays[-1].check_out is None and stays[-1].check_in and roles.nights:
        stays[-1].check_out = stays[-1].check_in + dt.timedelta(days=roles.nights)
        intent.sources[f"stays.{len(stays) - 1}.check_out"] = "inferred"
    intent.stays = stays
