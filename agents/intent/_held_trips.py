"""The traveller's held bookings grouped into trips (``trips``): flights from home until a flight home,
each with the hotels whose check-in falls within it; a hotel outside every trip is a trip of its own.
``_held_refs`` reads "the Chicago trip", "everything else" and "return" against these groups."""

from __future__ import annotations

import datetime as dt

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
