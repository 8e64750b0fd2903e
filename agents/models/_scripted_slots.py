"""What the plan's slots must meet that the held bookings and the intent decide: where a flight must land
the day it leaves (a hotel's first night that day), and which held items a change replaces.

Pure functions of the intent, the trip and the ledger, kept out of ``_scripted_context`` (which
only gathers them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from agents.intent import TripIntent
from agents.models._scripted_flow import Ledger, item_key
from agents.models._scripted_plans import Trip

__all__ = ["landing_days", "replaced_items", "unbooked_cost"]


def landing_days(intent: TripIntent, trip: Trip, nights: int | None) -> tuple[set[int], list[dt.date]]:
    """The legs whose flight must land the day it leaves, and the day the first flight should land."""
    src, legs = intent.sources, trip.legs
    stated = {
        s.city: s.check_in
        for j, s in enumerate(intent.stays)
        if s.check_in and src.get(f"stays.{j}.check_in") == "stated"
    }
    same_day = {
        s.after_leg
        for s in trip.stays
        if 0 <= s.after_leg < len(legs)
        and (
            stated.get(s.city) == legs[s.after_leg].date
            or s.after_leg + 1 < len(legs)
            and (legs[s.after_leg + 1].date - legs[s.after_leg].date).days == nights
        )
    }  # the hotel's first night is the day the flight leaves ("two nights" between the flights,
    # or check-in that day): the flight must land the day it leaves
    arrive = [leg.arrive_on for leg in intent.legs[:1] if leg.arrive_on]
    if not arrive and legs and any(s.check_in == legs[0].date for s in intent.stays):
        arrive = [legs[0].date]  # the hotel's first night is the day the trip starts: better to land that day
    return same_day, arrive


def replaced_items(to_cancel: list[str], ledger: Ledger) -> set[str]:
    """The held bookings being cancelled, as what they are (``flight:ID/cabin``,
    ``hotel:ID/check_in/check_out``)."""
    out = set()
    for bid in to_cancel:
        bk = ledger.bookings.get(bid)
        if bk is None or bid not in ledger.existing:
            continue
        if bk.kind == "flight":
            out.add(f"flight:{bk.item_id}/{bk.cabin or 'economy'}")
        else:
            out.add(f"hotel:{bk.item_id}/{bk.check_in}/{bk.check_out}")
    return out


def unbooked_cost(items: list[dict[str, Any]], ledger: Ledger, prices: dict[str, float]) -> float:
    """What the items of a plan not booked yet will cost (at today's known prices)."""
    total = 0.0
    for it in items:
        if it.get("kind") in ("flight", "hotel") and item_key(str(it["kind"]), it) not in ledger.made:
            total += prices.get(str(it.get("id")), float(it.get("price") or 0.0))
    return total
