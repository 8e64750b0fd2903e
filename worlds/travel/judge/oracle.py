"""The oracle: every feasible itinerary of a scenario, and the best one by preference utility.

Feasible means meeting every hard constraint (``TravelScenario.constraints``) over the scenario's catalog
view at the start of a run: each leg's route and date (window, or offset from an earlier leg), time
windows and arrival day, allowed cabins, stops, airlines, refundability, the avoid list, seats for every
traveller (or, with ``split_ok``, for its share of the party on one of two flights), no clash with the
traveller's calendar or a kept flight, not yet departed, at least 60 minutes between landing and the next
departure; each stay in a hotel of the stay's city meeting its requirements (stars, rating, amenities,
neighbourhood, refundability, nightly cap) with enough rooms every night, on dates that match the flights
unless the stay says it does not follow them; and the whole within the budget. Items a ``sold_out`` or
``stale`` fault targets count as unavailable; ``price_change`` targets are priced with the change (a
``price_change`` on ``any`` item reprices every item of its kind). A fault aimed at ``first`` strikes
whatever the agent books first, so the scorer judges a run against the best plan of the world as the
run left it: ``after_faults`` turns what the faults struck into item-aimed faults, and the oracle solves
that scenario (scenarios/README.md, "Faults that cannot be dodged").

A partial change (``expect.keep``/``expect.change``) plans only the new legs and stays: the budget left
is what remains after the kept bookings and the losses of the cancelled ones (``_oracle_held``), and the
kept flights count for the calendar and the hotel nights. A trip may be hotel-only (no legs).

Candidates are pruned per leg and per stay before anything is combined (``_oracle_rules``), then combined
depth-first with budget cuts, cached stays and best-first ranking (``_oracle_search``), so a scenario
solves in milliseconds on ``small`` and well under a second on ``large``. ``_oracle_check.check`` turns
the result, and the scenario's references to catalog ids, into validator findings.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from worlds.travel.catalog import CatalogView
from worlds.travel.constraints import normalise_airlines
from worlds.travel.judge._oracle_held import held_context
from worlds.travel.judge._oracle_rules import CatalogQueries, LegOption, Rules, leg_options
from worlds.travel.judge._oracle_search import TIE_EPS, TOP_N, Search
from worlds.travel.judge.preferences import Itinerary, budget_cents, utility
from worlds.travel.run.state import TravelState
from worlds.travel.scenario import Fault, TravelScenario

__all__ = [
    "TIE_EPS",
    "TOP_N",
    "CatalogQueries",
    "OracleResult",
    "after_faults",
    "solve",
    "with_airline_codes",
]


@dataclass(frozen=True)
class OracleResult:
    """What the oracle found. ``top`` holds the best ``TOP_N`` itineraries with their utilities."""

    feasible: int
    best: Itinerary | None
    best_utility: float
    ties: int
    top: list[tuple[Itinerary, float]]
    seconds: float
    budget_cents: int | None = None
    #: the cheapest feasible total; when nothing is feasible, the cheapest total ignoring the budget
    cheapest_cents: int | None = None
    reason: str | None = None  # why nothing is feasible


def _money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a large search allocates hundreds of thousands of small
    acyclic tuples, and collections triggered by them (scanning everything alive) tripled its time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def solve(scenario: TravelScenario, view: CatalogQueries) -> OracleResult:
    """Count the feasible itineraries and find the best by ``preferences.utility``."""
    with _gc_paused():
        return _solve(scenario, view)


def after_faults(scenario: TravelScenario, state: TravelState, view: CatalogQueries) -> TravelScenario | None:
    """The scenario as the run's faults left the world: every item a fault made unbookable or repriced
    in this run (``state.sold_out``, ``state.stale``, ``state.price_changes``) that the scenario's own
    item-aimed and ``any`` faults do not already account for, added as a fault aimed at that item;
    None when there is nothing to add (the run's world is the one the oracle already solved)."""
    if not scenario.faults:
        return None
    rules = Rules.of(scenario)
    extra: list[Fault] = []
    for kind, items in (("sold_out", state.sold_out), ("stale", state.stale)):
        extra += [
            Fault(tool="book_*", kind=kind, target=item) for item in items if item not in rules.unavailable
        ]
    for item, pct in sorted(state.price_changes.items()):
        kind = "flight" if view.flight(item) is not None else "hotel"
        have = rules.change(item, kind)
        if abs(pct - have) > 1e-6 and item not in rules.unavailable:
            rest = round(((1 + pct / 100) / (1 + have / 100) - 1) * 100, 6)
            extra.append(Fault(tool="book_*", kind="price_change", target=item, pct=rest))
    if not extra:
        return None
    return scenario.model_copy(update={"faults": [*scenario.faults, *extra]})


def with_airline_codes(scenario: TravelScenario, view: CatalogQueries) -> TravelScenario:
    """``scenario`` with airline names in its constraints turned into codes (``ValueError`` naming the
    field for an unknown one); the same object when it names airlines by code only."""
    c = scenario.constraints
    names = [a for leg in c.legs for a in (*leg.airlines_avoid, *leg.airlines_only)]
    if all(view.airline(a) is not None for a in names):
        return scenario
    try:
        constraints = normalise_airlines(c, view.airlines())
    except ValueError as exc:
        raise ValueError(f"constraints.{exc}") from None
    return scenario.model_copy(update={"constraints": constraints})


def _solve(scenario: TravelScenario, view: CatalogQueries) -> OracleResult:
    started = time.perf_counter()
    scenario = with_airline_codes(scenario, view)
    held = held_context(scenario, view) if isinstance(view, CatalogView) else None
    budget = budget_cents(scenario)
    if budget is not None and held is not None:
        budget -= held.spent_cents

    def result(
        search: Search | None = None, reason: str | None = None, cheapest: int | None = None
    ) -> OracleResult:
        top: list[tuple[Itinerary, float]] = []
        if search is not None:
            top = [(it, utility(it, scenario, view)) for _, it in search.top]
            top.sort(key=lambda t: (-round(t[1], 9), t[0].sort_key()))
        best, best_u = top[0] if top else (None, 0.0)
        feasible, ties = (search.feasible, search.ties) if search is not None else (0, 0)
        cheapest = cheapest if search is None or search.feasible == 0 else search.cheapest
        return OracleResult(
            feasible, best, best_u, ties, top, time.perf_counter() - started, budget, cheapest, reason
        )

    c = scenario.constraints
    if not c.legs and not c.stays:
        return result(reason="nothing to book")
    rules = Rules.of(scenario, held)
    legs: list[list[LegOption]] = []
    for i, leg in enumerate(c.legs):
        options, why = leg_options(rules, view, i, leg)
        if not options:
            return result(reason=why)
        legs.append(options)
    search = Search(rules, view, legs, budget, rank=True).run()
    if search.feasible:
        return result(search)
    if budget is not None:
        free = Search(rules, view, legs, None, rank=False).run()
        if free.feasible and free.cheapest is not None:
            left = " left after the bookings the traveller keeps" if held and held.spent_cents else ""
            why = f"cheapest feasible total {_money(free.cheapest)} exceeds budget{left} {_money(budget)}"
            return result(search, why, free.cheapest)
    return result(
        search,
        search.stay_note
        or "no flights connect (each must leave at least 60 minutes after the previous one lands)",
    )
