"""PRIVILEGED: the oracle's ranked itineraries as tool calls, for the ``reference`` agent only.

Plan shape (what ``agents.reference`` reads): ``pre`` calls (the scenario's milestones that are not
bookings), ``options`` best-first (each with ``calls``, proposal ``items`` and ``total`` in dollars),
and ``refuse_reason`` when nothing is feasible.
"""

from __future__ import annotations

from typing import Any

from worlds.travel.catalog import CatalogView, stay_cents
from worlds.travel.judge.oracle import OracleResult
from worlds.travel.judge.preferences import Itinerary
from worlds.travel.scenario import TravelScenario

_QUESTION = "Before I book: could you confirm the dates and details of your trip?"


def _searches(scenario: TravelScenario, itin: Itinerary, view: CatalogView) -> list[dict[str, Any]]:
    """The searches a careful agent makes before booking ``itin``."""
    c = scenario.constraints
    steps: list[dict[str, Any]] = []
    for fc in itin.flights:
        f = view.flight(fc.flight_id)
        if f is not None:
            args: dict[str, Any] = {
                "origin": f.origin,
                "destination": f.destination,
                "date": str(f.depart.date()),
            }
            steps.append(
                {"tool": "search_flights", "args": {**args, "passengers": c.travelers, "cabin": fc.cabin}}
            )
    for st in itin.stays:
        h = view.hotel(st.hotel_id)
        if h is not None:
            args = {
                "city": h.city,
                "check_in": str(st.check_in),
                "check_out": str(st.check_out),
                "rooms": c.rooms,
            }
            steps.append({"tool": "search_hotels", "args": args})
    return steps


def _pre_steps(scenario: TravelScenario) -> list[dict[str, Any]]:
    steps = []
    for ms in scenario.expect.milestones:
        if any(ch in ms.tool for ch in "*?[") or ms.tool.startswith(("book_", "propose_", "search_")):
            continue
        args = dict(ms.args)
        if ms.tool == "ask_user":
            args.setdefault("question", _QUESTION)
        steps.append({"tool": ms.tool, "args": args})
    return steps


def _option(scenario: TravelScenario, itin: Itinerary, view: CatalogView) -> dict[str, Any]:
    c = scenario.constraints
    calls: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for fc in itin.flights:
        calls.append(
            {
                "tool": "book_flight",
                "args": {"flight_id": fc.flight_id, "passengers": c.travelers, "cabin": fc.cabin},
            }
        )
        items.append(
            {"kind": "flight", "id": fc.flight_id, "details": {"cabin": fc.cabin, "passengers": c.travelers}}
        )
    for st in itin.stays:
        args = {
            "hotel_id": st.hotel_id,
            "check_in": str(st.check_in),
            "check_out": str(st.check_out),
            "rooms": c.rooms,
        }
        calls.append({"tool": "book_hotel", "args": args})
        hotel = view.hotel(st.hotel_id)
        price = stay_cents(hotel, st.check_in, st.check_out, c.rooms) / 100 if hotel else None
        items.append(
            {
                "kind": "hotel",
                "id": st.hotel_id,
                "details": {k: args[k] for k in ("check_in", "check_out", "rooms")},
                "price": price,
            }
        )
    return {"calls": calls, "items": items, "total": round(itin.total_cents / 100, 2)}


def plan(scenario: TravelScenario, result: OracleResult, view: CatalogView) -> dict[str, Any]:
    if scenario.expect.outcome != "booked" or result.best is None:
        return {
            "pre": _pre_steps(scenario),
            "options": [],
            "refuse_reason": result.reason or "nothing requested can be booked",
        }
    return {
        "pre": _pre_steps(scenario) + _searches(scenario, result.best, view),
        "options": [_option(scenario, it, view) for it, _ in result.top],
        "refuse_reason": None,
    }
