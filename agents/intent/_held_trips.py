"""The traveller's held bookings grouped into trips (``trips``): flights from home until a flight home,
each with the hotels whose check-in falls within it; a hotel outside every trip is a trip of its own.
``_held_refs`` reads "the Chicago trip", "everything else" and "return" against these groups, and a
held flight named by its route (``routed``)."""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._gazetteer import Place
from agents.intent._model import HeldBooking


def trips(held: list[HeldBooking], home: str | None) -> list[list[HeldBooking]]:
    """Held bookings grouped into trips: flights from home until a flight home, with their hotels."""
    flights = sorted((b for b in held if b.kind == "flight"), key=lambda b: b.date or dt.date.min)
    home = home or (flights[0].origin if flights else None)
    out: list[list[HeldBooking]] = []
    for f in flights:
        if not out or f.origin == home or out[-1][-1].destination == home:
            out.append([f])
        else:
            out[-1].append(f)
    for h in (b for b in held if b.kind == "hotel"):
        trip = next((t for t in out if h.check_in and _span(t)[0] <= h.check_in <= _span(t)[1]), None)
        if trip is None:
            out.append([h])
        else:
            trip.append(h)
    return out


def _span(trip: list[HeldBooking]) -> tuple[dt.date, dt.date]:
    days = [b.date for b in trip if b.date] or [dt.date.min]
    return min(days), max(days)


_ROUTE_GAP = re.compile(r"\s*(?:-|–|->|→|>|/|to)\s*", re.I)


def routed(text: str, places: list[Place], pool: list[HeldBooking], start: int) -> list[HeldBooking]:
    """The held flights a route said just before the noun at ``start`` names in its order ("the ORD-BOS
    flight", "my Chicago to Boston flight"): those from the first city to the second, when there are any."""
    for p, q in zip(places, places[1:], strict=False):
        if (
            q.end <= start
            and _ROUTE_GAP.fullmatch(text[p.end : q.start])
            and re.fullmatch(r"\s*(?:flights?|tickets?|legs?)?\s*", text[q.end : start], re.I)
        ):
            return [b for b in pool if (b.origin, b.destination) == (p.code, q.code)] or pool
    return pool
