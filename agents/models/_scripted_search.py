"""The searches a trip asks for and what they found: the arguments of ``search_flights`` and
``search_hotels`` for a leg or a stay, each stay's hotels, and each leg's flights over every day of its
window of days ("Thursday the 4th, or Friday the 5th if Thursday doesn't work": both days are searched,
either may fly; ``Leg.days``). ``Context`` asks these; they read only the trip and the results.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from agents.models._scripted_belief import Belief
from agents.models._scripted_options import FlightOpt, HotelOpt
from agents.models._scripted_plans import Trip


def flight_args(trip: Trip, i: int, day: dt.date | None = None) -> dict[str, Any]:
    """The ``search_flights`` arguments for leg ``i`` on ``day`` (its own date when none)."""
    leg = trip.legs[i]
    return {
        "origin": leg.origin,
        "destination": leg.destination,
        "date": str(day or leg.date),
        "passengers": trip.pax,
        "cabin": trip.cabin_for(i),
    }


def hotel_args(trip: Trip, j: int, ci: dt.date, co: dt.date) -> dict[str, Any]:
    """The ``search_hotels`` arguments for stay ``j`` from ``ci`` to ``co``."""
    return {"city": trip.stays[j].city, "check_in": str(ci), "check_out": str(co), "rooms": trip.rooms}


def leg_flights(b: Belief, trip: Trip) -> list[list[FlightOpt]]:
    """Each leg's flights the searches found, over every day of its window of days."""
    out = []
    for i, leg in enumerate(trip.legs):
        found = [b.result("search_flights", flight_args(trip, i, day)) or {} for day in leg.days]
        out.append([FlightOpt.read(f, trip.pax) for data in found for f in data.get("flights", [])])
    return out


def stay_hotels(b: Belief, trip: Trip, j: int, ci: dt.date, co: dt.date) -> list[HotelOpt] | None:
    """The hotels the search for stay ``j`` found; None while it is still to be made."""
    args = hotel_args(trip, j, ci, co)
    data = b.result("search_hotels", args)
    if data is None:
        return None if b.needs("search_hotels", args) else []
    return [HotelOpt.read(h, ci, co, trip.rooms) for h in data.get("hotels", [])]
