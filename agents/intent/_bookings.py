"""Requests about bookings the traveller already holds: what to cancel, what must stay as it is, and
what to book instead (``change`` or ``cancel_only``)."""

from __future__ import annotations

import re

from agents.intent._dates import Mention
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
_NEW = re.compile(r"\b(move|change|rebook|push|switch|instead|fly me|add|book)\b", re.I)


def _refs(clause: str, ctx: ReadContext) -> list[HeldBooking]:
    """The held bookings a clause names ("my return flight", "the hotel", "my outbound", "both flights")."""
    held = ctx.bookings
    flights = [b for b in held if b.kind == "flight"]
    out: list[HeldBooking] = []
    if re.search(r"\bhotel|room|accommodation|reservation\b", clause, re.I):
        out += [b for b in held if b.kind == "hotel"]
    if re.search(r"\b(both|all) (?:my |the )?(?:\w+ )?flights\b|\bthe flights\b|\bflights\b", clause, re.I):
        out += flights
    elif flights:
        if re.search(r"\b(return|flight (?:back|home)|way back|back from|home)\b", clause, re.I):
            out.append(flights[-1])
        if re.search(r"\b(outbound|way out|flight out|first flight)\b", clause, re.I):
            out.append(flights[0])
    return list(dict.fromkeys(out))


def read_bookings(
    text: str, ctx: ReadContext, intent: TripIntent, mentions: list[Mention], places: list[Place]
) -> bool:
    """Fill ``intent`` for a change or cancellation of held bookings; False if the text is not one."""
    clauses = re.split(r"(?<=[.!?;])\s+|,\s*(?:and\s+)?|\band\b", text)
    cancel: list[HeldBooking] = []
    keep: list[HeldBooking] = []
    for c in clauses:
        refs = _refs(c, ctx)
        if re.search(
            r"\b(keep|stays?|remain|leave|as is|as it is|as they are|don't touch)\b", c, re.I
        ) and not re.search(r"\bcancel\b", c, re.I):
            keep += refs
        elif re.search(r"\b(cancel|move|change|rebook|push)\w*\b", c, re.I):
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
    days = [m.days[0] for m in mentions if m.days and not m.ambiguous]
    only_cancel = (
        not re.search(r"\b(move|change|rebook|push|instead|fly me|add|book|to the|on the)\b", text, re.I)
        or not days
    )
    if only_cancel and not re.search(r"\bon\s+[A-Z]", text):
        intent.shape = "cancel_only"
        return True
    intent.shape = "change"
    for b in cancel:
        if b.kind == "flight":
            leg = LegIntent(origin=b.origin, destination=b.destination, date=b.date)
            if days and not re.search(r"\bsame days?\b", text, re.I):
                leg.date = days[-1] if len(cancel) == 1 or b == cancel[-1] else leg.date
            intent.legs.append(leg)
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
