"""Validator findings for a travel scenario: catalog ids it names, and the oracle's verdict.

``check`` is the public entry point (``worlds.travel.judge.check``); ``validate`` (through
``TravelWorld.check_scenario``) calls it. Errors name the scenario field and the offending id; the oracle's verdict says why a scenario
that expects a booking cannot be booked, or why one that expects a refusal can.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from sandbox.spi import Finding
from worlds.travel.catalog import CatalogView
from worlds.travel.constraints import airline_code
from worlds.travel.judge._oracle_held import held_context
from worlds.travel.judge.oracle import CatalogQueries, OracleResult, solve
from worlds.travel.scenario import FAULT_ANY, FAULT_FIRST, TravelScenario

__all__ = ["AVOID_LIMIT", "check", "verdict"]

AVOID_LIMIT = 5  # more ids in constraints.avoid than this get a warning

_ID_ARGS = ("flight_id", "hotel_id")


def _money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def _item_exists(view: CatalogQueries, item: str) -> bool:
    return view.flight(item) is not None or view.hotel(item) is not None


def _id_args(where: str, args: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    for key in _ID_ARGS:
        value = (args or {}).get(key)
        if isinstance(value, str) and not any(ch in value for ch in "*?["):
            yield f"{where}.args.{key}", value


def references(scenario: TravelScenario, view: CatalogQueries) -> list[Finding]:
    """An error for every city, flight, hotel or airline the scenario names that the catalog lacks."""
    out: list[Finding] = []

    def missing(where: str, what: str, value: str) -> None:
        out.append(Finding("error", f"{where}: unknown {what} {value!r}"))

    if view.city(scenario.traveler.home) is None:
        missing("traveler.home", "city", scenario.traveler.home)
    c = scenario.constraints
    for i, leg in enumerate(c.legs):
        for end in ("origin", "destination"):
            if view.city(getattr(leg, end)) is None:
                missing(f"constraints.legs.{i}.{end}", "city", getattr(leg, end))
    for i, leg in enumerate(c.legs):
        for name in ("airlines_avoid", "airlines_only"):
            for j, value in enumerate(getattr(leg, name)):
                if airline_code(value, view.airlines()) is None:
                    missing(f"constraints.legs.{i}.{name}.{j}", "airline", value)
    for i, stay in enumerate(c.stays):
        if view.city(stay.city) is None:
            missing(f"constraints.stays.{i}.city", "city", stay.city)
        elif stay.after_leg is not None and stay.city != c.legs[stay.after_leg].destination:
            out.append(
                Finding(
                    "warning",
                    f"constraints.stays.{i}: city {stay.city} is not where leg {stay.after_leg} lands "
                    f"({c.legs[stay.after_leg].destination})",
                )
            )
    for i, item in enumerate(c.avoid):
        if not _item_exists(view, item) and view.airline(item) is None:
            missing(f"constraints.avoid.{i}", "flight, hotel or airline", item)
    if len(c.avoid) > AVOID_LIMIT:
        out.append(
            Finding(
                "warning",
                f"constraints.avoid: {len(c.avoid)} ids; use a declarative constraint (time windows, "
                "airlines, stars, amenities, max_nightly, ...) instead of listing what it excludes",
            )
        )
    for i, held in enumerate(scenario.traveler.bookings):
        item = held.flight_id if held.kind == "flight" else held.hotel_id
        if not _item_exists(view, item):
            missing(f"traveler.bookings.{i}", held.kind, item)
        elif held.price is None:
            out.append(
                Finding(
                    "warning",
                    f"traveler.bookings.{i}: no price; it is charged at today's fare (late-booking markup "
                    "included), not at what the traveller paid",
                )
            )
    out += _change_findings(scenario)
    for i, fault in enumerate(scenario.faults):
        t = fault.target
        if t is not None and t not in (FAULT_FIRST, FAULT_ANY) and not _item_exists(view, t):
            missing(f"faults.{i}.target", "flight or hotel", t)
        elif t not in (None, FAULT_FIRST, FAULT_ANY) and fault.kind in ("price_change", "sold_out", "stale"):
            out.append(
                Finding(
                    "info",
                    f"faults.{i}.target: aimed at {t} only, an agent that books anything else never meets "
                    "it; 'first' (or 'any' for a price change) strikes whatever the agent books",
                )
            )
    for i, pref in enumerate(scenario.preferences):
        if pref.kind == "airline" and view.airline(pref.value) is None:
            missing(f"preferences.{i}.value", "airline", pref.value)
    places: list[tuple[str, Mapping[str, Any] | None]] = [
        (f"human.checkpoints.{i}", rule.args) for i, rule in enumerate(scenario.human.checkpoints)
    ]
    places += [(f"expect.milestones.{i}", m.args) for i, m in enumerate(scenario.expect.milestones)]
    places += [(f"expect.minefields.{i}", m.args) for i, m in enumerate(scenario.expect.minefields)]
    for where, args in places:
        for field, value in _id_args(where, args):
            if not _item_exists(view, value):
                missing(field, "flight or hotel", value)
    return out


def _change_findings(scenario: TravelScenario) -> list[Finding]:
    """``expect.keep``/``expect.change`` name held bookings, and a partial change says what happens to each."""
    out: list[Finding] = []
    expect, held = scenario.expect, scenario.traveler.bookings
    ids = [f"B{n:04d}" for n in range(1, len(held) + 1)]
    named = [(f"expect.keep.{i}", bid) for i, bid in enumerate(expect.keep)]
    if expect.change is not None:
        named += [(f"expect.change.cancel.{i}", bid) for i, bid in enumerate(expect.change.cancel)]
    for where, bid in named:
        if bid not in ids:
            out.append(
                Finding(
                    "error", f"{where}: {bid} names no held booking (traveler.bookings holds {len(held)})"
                )
            )
    if expect.partial:
        said = {bid for _, bid in named}
        for i, bid in enumerate(ids):
            if bid not in said:
                out.append(
                    Finding(
                        "error",
                        f"traveler.bookings.{i}: {bid} is neither in expect.keep nor in expect.change.cancel",
                    )
                )
    c = scenario.constraints
    if expect.outcome == "changed" and (c.legs or c.stays):
        out.append(
            Finding(
                "error",
                "expect.outcome: 'changed' is for cancel-only requests; with legs or stays to book, use 'booked'",
            )
        )
    return out


def verdict(scenario: TravelScenario, result: OracleResult) -> list[Finding]:
    """The oracle's result against ``expect.outcome``, a warning for a tied best, and a summary line."""
    out: list[Finding] = []
    outcome = scenario.expect.outcome
    if outcome == "booked" and not result.feasible:
        out.append(Finding("error", f"expects a booking but no itinerary is feasible: {result.reason}"))
    if outcome == "refused" and result.feasible:
        best = _money(result.best.total_cents) if result.best else "?"
        out.append(
            Finding(
                "error",
                f"expects a refusal but {result.feasible} itineraries are feasible; the best totals {best}",
            )
        )
    if outcome == "changed":
        result = dataclasses.replace(result, ties=0)
    if result.ties > 1:
        out.append(
            Finding(
                "warning",
                f"best itinerary is not unique: {result.ties} tie at utility {result.best_utility:.4g}",
            )
        )
    if outcome == "changed":
        summary = "oracle: nothing to book (a cancel-only change)"
    elif result.best is not None:
        summary = (
            f"oracle: {result.feasible} feasible itineraries; best total {_money(result.best.total_cents)} "
            f"at utility {result.best_utility:.4g} ({result.seconds:.3f} s)"
        )
    else:
        summary = f"oracle: no feasible itinerary: {result.reason} ({result.seconds:.3f} s)"
    out.append(Finding("info", summary))
    return out


def check(scenario: TravelScenario, view: CatalogQueries) -> list[Finding]:
    """Validator findings: ids the scenario names that do not exist, and whether the expected outcome is
    possible (a booking needs a feasible itinerary, a refusal needs none). Reference errors first; the
    oracle runs only when every id resolves."""
    out = references(scenario, view)
    if any(f.severity == "error" for f in out):
        return out
    change = scenario.expect.change
    if change is not None and isinstance(view, CatalogView):
        fees = held_context(scenario, view).cancel_fees_cents
        if fees > round(change.fees_allowed * 100):
            out.append(
                Finding(
                    "error",
                    f"expect.change.fees_allowed: cancelling {', '.join(change.cancel)} at the start costs "
                    f"{_money(fees)} in fees, above the {_money(round(change.fees_allowed * 100))} allowed",
                )
            )
    return out + verdict(scenario, solve(scenario, view))
