"""Requests about bookings the traveller already holds: what to cancel, what must stay as it is, and
what to book instead (``change`` or ``cancel_only``)."""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._dates import Mention, scan
from agents.intent._model import HeldBooking, LegIntent, ReadContext, StayIntent, TripIntent
from agents.intent._places import Place

_ALL = re.compile(
    r"\b(cancel (?:it all|everything|all of it|the (?:whole )?trip)|all of it|is off|cancel all)\b", re.I
)
_KEEP_REST = re.compile(
    r"\b(keep everything else|everything else (?:as it is|stays|the same)|don't touch anything else|nothing else changes|"
    r"all other bookings|leave (?:everything|the rest)|(?:the )?rest (?:stays|as it is))\b",
    re.I,
)
_CORRECTION = re.compile(
    r"\b(actually|i mean|make (?:it|that)|no wait|scratch that|on second thought)\b", re.I
)
_NEW = re.compile(r"\b(move|change|rebook|push|switch|instead|fly me|add|book)\b", re.I)


_WHOLE = re.compile(
    r"\b(?:(?:the|my|our) (?:whole |entire )?(?:\w+ )?trip|everything|all (?:my|our|the) bookings|the lot|the whole thing)\b",
    re.I,
)


def _by_day(clause: str, ctx: ReadContext, flights: list[HeldBooking]) -> list[HeldBooking]:
    """Held flights a clause names by their day ("my flight on 21 January", "the Thursday flight")."""
    out: list[HeldBooking] = []
    for m in scan(clause, ctx.now):
        if not re.search(r"\bflight|\bfly|\bleg\b", clause, re.I):
            break
        same = [b for b in flights if b.date in m.days]
        if not same and m.kind == "wd_rel":
            same = [b for b in flights if b.date and b.date.weekday() == m.days[0].weekday()]
            same = same if len(same) == 1 else []
        out += same
        if same:
            break  # the first day a clause names is the held one; a later one is where it goes
    return out


def _refs(clause: str, ctx: ReadContext) -> list[HeldBooking]:
    """The held bookings a clause names ("my return flight", "the hotel", "my outbound", "both flights",
    "my flight on the 21st", "the whole trip")."""
    held = ctx.bookings
    flights = [b for b in held if b.kind == "flight"]
    if _WHOLE.search(clause) and not re.search(r"\b(hotel|flight|other|rest|else)s?\b", clause, re.I):
        return list(held)
    out: list[HeldBooking] = _by_day(clause, ctx, flights)
    if re.search(r"\bhotel|room|accommodation|reservation\b", clause, re.I):
        out += [b for b in held if b.kind == "hotel"]
    if re.search(r"\b(both|all) (?:my |the )?(?:\w+ )?flights\b|\bthe flights\b|\bflights\b", clause, re.I):
        out += flights
    elif flights:
        if re.search(r"\b(return|flight (?:back|home)|way back|back from|home)\b", clause, re.I):
            out.append(flights[-1])
        if re.search(r"\b(outbound|way out|flight out|first flight)\b", clause, re.I):
            out.append(flights[0])
        if not out and len(flights) == 1 and re.search(r"\b(?:my|the|our) (?:\w+ )?flight\b", clause, re.I):
            out.append(flights[0])
    return list(dict.fromkeys(out))


def read_bookings(
    text: str, ctx: ReadContext, intent: TripIntent, mentions: list[Mention], places: list[Place]
) -> bool:
    """Fill ``intent`` for a change or cancellation of held bookings; False if the text is not one."""
    clauses = re.split(r"(?<=[.!?;])\s+|,\s*(?:and\s+)?|\band\b", text)
    cancel: list[HeldBooking] = []
    keep: list[HeldBooking] = []
    last: list[HeldBooking] = []
    for c in clauses:
        refs = _refs(c, ctx)
        if not refs and re.search(r"\b(it|that one|them)\b", c, re.I):
            refs = last  # "my flight is on the wrong day, switch it to Friday"
        last = refs or last
        if re.search(
            r"\b(keep|stays?|remain|leave|as is|as it is|as they are|don't touch)\b", c, re.I
        ) and not re.search(r"\bcancel\b", c, re.I):
            keep += refs
        elif re.search(r"\b(cancel|move|change|rebook|push|switch|shift|reschedul)\w*\b", c, re.I):
            cancel += refs
    if _ALL.search(text):
        cancel = list(ctx.bookings)
    cancel = [b for b in dict.fromkeys(cancel) if b not in keep]
    if not cancel:
        return False
    if _KEEP_REST.search(text):
        keep = [b for b in ctx.bookings if b not in cancel]
    intent.cancel = [b.id for b in cancel]
    intent.keep = [b.id for b in dict.fromkeys(keep)]
    days = [d for m in mentions if m.days and not m.ambiguous for d in (m.days[:1] if m.window else m.days)]
    only_cancel = (
        not re.search(r"\b(move|change|rebook|push|instead|fly me|add|book|to the|on the)\b", text, re.I)
        or not days
    )
    if only_cancel and not re.search(r"\bon\s+[A-Z]", text):
        intent.shape = "cancel_only"
        return True
    intent.shape = "change"
    _new_legs(text, ctx, intent, cancel, days)
    if not intent.stays and intent.legs and len(intent.legs) >= 2 and any(b.kind == "hotel" for b in cancel):
        hotel = next(b for b in cancel if b.kind == "hotel")
        intent.stays.append(
            StayIntent(city=hotel.city, check_in=intent.legs[0].date, check_out=intent.legs[-1].date)
        )
    hotel_city = next((b.city for b in ctx.bookings if b.kind == "hotel"), None) or next(
        (b.destination for b in ctx.bookings if b.kind == "flight"), None
    )
    if (
        re.search(r"\b(hotel|night)\b", text, re.I)
        and re.search(r"\b(add|separate hotel|book a)\b", text, re.I)
        and len(days) >= 2
    ):
        stay_days = sorted(set(days))
        intent.stays.append(StayIntent(city=hotel_city, check_in=stay_days[0], check_out=stay_days[-1]))
    return True


def _new_legs(
    text: str, ctx: ReadContext, intent: TripIntent, cancel: list[HeldBooking], days: list[dt.date]
) -> None:
    """The flights that replace the cancelled ones: on the days named that no held booking is on, in
    order (one day for several flights moves them all by as much as it moves the first)."""
    flights = [b for b in cancel if b.kind == "flight"]
    held_days = {b.date for b in cancel} | {b.check_in for b in cancel}
    new = list(dict.fromkeys(d for d in days if d not in held_days))
    same = bool(re.search(r"\bsame days?\b", text, re.I))
    for i, b in enumerate(flights):
        leg = LegIntent(origin=b.origin, destination=b.destination, date=b.date)
        if not same and new:
            if len(flights) == 1:  # the last day named after a correction ("actually, make it the 23rd")
                leg.date = new[-1] if _CORRECTION.search(text) else new[0]
            elif len(new) >= len(flights):
                leg.date = new[i]
            elif len(new) == 1 and flights[0].date and b.date:
                leg.date = b.date + (new[0] - flights[0].date)
        intent.legs.append(leg)
