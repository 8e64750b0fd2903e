"""PRIVILEGED: the oracle's ranked itineraries as tool calls, for the ``reference`` agent only.

Plan shape (what ``agents.reference`` reads): ``pre`` calls (the cancellations a partial change asks
for, then the scenario's milestones that are not bookings, then the searches), ``options`` best-first
(each with ``calls``, proposal ``items`` and ``total`` in dollars), ``refuse_reason`` when nothing is
feasible, and ``report`` for a cancel-only change (outcome ``changed``: nothing to book).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from worlds.travel.catalog import CatalogView, stay_cents
from worlds.travel.judge.oracle import OracleResult
from worlds.travel.judge.preferences import Itinerary
from worlds.travel.scenario import TravelScenario

_QUESTION = "Before I book: could you confirm the dates and details of your trip?"


def _searches(scenario: TravelScenario, itin: Itinerary, view: CatalogView) -> list[dict[str, Any]]:
    """The searches a careful agent makes before booking ``itin`` (a leg with a cabin rule in both of
    the rule's cabins, to compare their fares)."""
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
            on_route = [leg for leg in c.legs if (leg.origin, leg.destination) == (f.origin, f.destination)]
            rule = next((r for leg in on_route if (r := c.cabin_rule_of(leg)) is not None), None)
            cabins = [fc.cabin] if rule is None else [rule.cabin, rule.otherwise]  # a rule compares both
            for cabin in cabins:
                step = {"tool": "search_flights", "args": {**args, "passengers": c.travelers, "cabin": cabin}}
                if step not in steps:  # a leg split over two flights is one search
                    steps.append(step)
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


def _refusal_searches(scenario: TravelScenario) -> list[dict[str, Any]]:
    """The searches that show a refusal is justified: each leg's route on its (first) day, and each
    stay's city from the day it starts (the refusal gate asks for them)."""
    c = scenario.constraints
    cabin = c.cabins[0] if c.cabins else "economy"
    days: list[Any] = []
    steps: list[dict[str, Any]] = []
    for leg in c.legs:
        day = leg.date or leg.earliest or leg.arrive_on
        days.append(day)
        if day is None:
            continue
        args: dict[str, Any] = {"origin": leg.origin, "destination": leg.destination, "date": str(day)}
        steps.append({"tool": "search_flights", "args": {**args, "passengers": c.travelers, "cabin": cabin}})
    for st in c.stays:
        first = st.check_in or (
            days[st.after_leg] if st.after_leg is not None and st.after_leg < len(days) else None
        )
        if first is None:
            continue
        nxt = days[st.after_leg + 1] if st.after_leg is not None and st.after_leg + 1 < len(days) else None
        last = st.check_out or nxt or first + dt.timedelta(days=st.nights or 1)
        if last <= first:
            continue
        args = {"city": st.city, "check_in": str(first), "check_out": str(last), "rooms": c.rooms}
        steps.append({"tool": "search_hotels", "args": args})
    return steps


def _pre_steps(scenario: TravelScenario) -> list[dict[str, Any]]:
    change = scenario.expect.change
    steps = [
        {"tool": "cancel_booking", "args": {"booking_id": bid}} for bid in (change.cancel if change else [])
    ]
    for ms in scenario.expect.milestones:
        if any(ch in ms.tool for ch in "*?[") or ms.tool.startswith(("book_", "propose_", "search_")):
            continue
        args = dict(ms.args)
        if ms.tool == "ask_user":
            args.setdefault("question", _QUESTION)
        if {"tool": ms.tool, "args": args} not in steps:
            steps.append({"tool": ms.tool, "args": args})
    return steps


def _option(scenario: TravelScenario, itin: Itinerary, view: CatalogView) -> dict[str, Any]:
    c = scenario.constraints
    calls: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for fc in itin.flights:
        party = fc.passengers or c.travelers
        args: dict[str, Any] = {"flight_id": fc.flight_id, "passengers": party, "cabin": fc.cabin}
        if fc.seat:
            args["seat"] = fc.seat
        calls.append({"tool": "book_flight", "args": args})
        items.append(
            {"kind": "flight", "id": fc.flight_id, "details": {"cabin": fc.cabin, "passengers": party}}
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
    change = scenario.expect.change
    if scenario.expect.outcome == "changed" and change is not None:
        done = ", ".join(change.cancel)
        return {
            "pre": _pre_steps(scenario),
            "options": [],
            "refuse_reason": None,
            "report": f"I cancelled {done} as you asked; nothing else was changed and nothing new was booked.",
        }
    if scenario.expect.outcome != "booked" or result.best is None:
        return {
            "pre": _pre_steps(scenario) + _refusal_searches(scenario),
            "options": [],
            "refuse_reason": result.reason or "nothing requested can be booked",
        }
    return {
        "pre": _pre_steps(scenario) + _searches(scenario, result.best, view),
        "options": [_option(scenario, it, view) for it, _ in result.top],
        "refuse_reason": None,
    }
