"""``search_flight_dates``: the cheapest fare per day over a window, for flexible travellers.

"Ten days somewhere in late March or early April, the cheapest" takes one call per route instead of a
search per day. The window is at most ``MAX_DAYS`` days; a day lists its cheapest flight with enough
seats in the cabin (prices as ``search_flights`` shows them), or nulls when none has.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field

from sandbox.spi import READ, ToolError, tool
from worlds.travel.records import Cabin
from worlds.travel.run import _present as show
from worlds.travel.run._booking import check_city, check_in_catalog
from worlds.travel.run.env import TravelEnv

MAX_DAYS = 31
Passengers = Annotated[int, Field(ge=1, le=9, description="Number of travellers, 1-9.")]


@tool(READ)
def search_flight_dates(
    env: TravelEnv,
    origin: str,
    destination: str,
    earliest: dt.date,
    latest: dt.date,
    passengers: Passengers = 1,
    cabin: Cabin = "economy",
) -> dict[str, Any]:
    """Find the cheapest days to fly: the cheapest fare for each departure day in a window.

    origin, destination: airport codes such as 'SFO'. earliest, latest: local departure dates
    'YYYY-MM-DD', inclusive, at most 31 days apart. passengers: seats needed (1-9). cabin: 'economy',
    'premium' or 'business'. Returns one entry per day with flights (how many fly that day) and the
    cheapest flight that has enough seats: flight_id, depart, arrive, stops, price per passenger and
    total_price in dollars; those fields are null on a day without such a flight. Days before today
    are left out. Use search_flights for every flight of one day.
    """
    origin, destination = check_city(env, origin, "origin"), check_city(env, destination, "destination")
    if latest < earliest:
        raise ToolError("invalid_dates", f"latest {latest} is before earliest {earliest}", "latest")
    if (latest - earliest).days + 1 > MAX_DAYS:
        raise ToolError("invalid_dates", f"the window is limited to {MAX_DAYS} days", "latest")
    check_in_catalog(env, earliest, "earliest")
    check_in_catalog(env, latest, "latest")
    today = env.local_today(origin)
    if latest < today:
        raise ToolError("in_the_past", f"latest {latest} is before today ({today}) in {origin}", "latest")
    by_day: dict[dt.date, list[dict[str, Any]]] = {}
    for f in env.view.flights_between(origin, destination, max(earliest, today), latest):
        if f.depart < env.now:
            continue
        by_day.setdefault(f.depart.date(), []).append(show.flight(env, f, cabin, passengers))
    days = []
    day = max(earliest, today)
    while day <= latest:
        found = by_day.get(day, [])
        options = sorted((r for r in found if r["available"]), key=lambda r: (r["total_price"], r["depart"]))
        best = options[0] if options else None
        days.append(
            {
                "date": str(day),
                "flights": len(found),
                **{k: best[k] if best else None for k in ("flight_id", "depart", "arrive", "stops")},
                "price": best["price"] if best else None,
                "total_price": best["total_price"] if best else None,
            }
        )
        day += dt.timedelta(days=1)
    return {
        "origin": origin,
        "destination": destination,
        "cabin": cabin,
        "passengers": passengers,
        "days": days,
    }
