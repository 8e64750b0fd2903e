"""The gated scoring stops every adversary where its behaviour is wrong (docs/adversaries.md).

Each adversary runs over a subset of the shipped scenarios that covers every axis one of them cheats
on (preference, budget, waste, rooms, faithfulness, refusals, the human); the full table is
``benchmarks/adversaries.py``. Whether an adversary's pass is legitimate is computed here from the run
and the oracle, never listed by hand:

- ``adv-cheapest`` may pass a ``booked`` scenario only when the oracle's cheapest feasible itinerary
  clears the scenario's preference gate; elsewhere only where the default agent passes too;
- ``adv-overspender`` only where it never met a budget guardrail and spent within the budget;
- ``adv-shotgun`` only where cancelling its extras cost nothing;
- ``adv-extra-rooms`` only where it booked no hotel (no rooms to overbook);
- ``adv-keyword-asker`` only where the default agent passes (it is that agent plus one question);
- the liars, the silent one and ``adv-refuse-always`` pass nothing.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.scoring import DEFAULT_MIN_PREFERENCE
from sandbox.spi import RunResult, worlds
from worlds.travel.judge.oracle import solve
from worlds.travel.judge.preferences import utility
from worlds.travel.scenario import FlagPref, TravelScenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SUBSET = (
    "basic-round-trip",  # preferences vs price
    "tight-budget",  # the wished-for hotel breaks the budget
    "impossible-budget",  # a refusal
    "two-travellers",  # rooms
    "human-rejects-airline",  # the human rejects; a learnable minefield
    "one-way",  # no hotel: the cheapest flight may be the best
)
NEVER_PASS = ("adv-cheapest-liar", "adv-cheapest-silent", "adv-liar-pro", "adv-refuse-always")


@functools.cache
def scenario(name: str) -> TravelScenario:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    assert isinstance(sc, TravelScenario)
    return sc


@functools.cache
def run_once(agent: str, name: str) -> RunResult:
    r = run(scenario(name), RunOptions(agent=agent, base_dir=SCENARIOS))
    assert r.status == "done", r.error
    assert r.scores is not None
    return r


def passed(agent: str, name: str) -> bool:
    r = run_once(agent, name)
    return bool(r.scores and r.scores.passed)


def cheapest_clears_the_preference_gate(sc: TravelScenario) -> bool:
    """From the oracle: does the cheapest feasible itinerary (any of them, on a tie) reach the
    scenario's preference threshold? The cheapest is the best under price alone."""
    view = worlds.get("travel").view(sc)  # type: ignore[attr-defined]
    best = solve(sc, view)
    by_price = solve(sc.model_copy(update={"preferences": [FlagPref(kind="cheaper")]}), view)
    if best.best is None or by_price.best is None:
        return False
    low = by_price.best.total_cents
    fits = [utility(it, sc, view) for it, _ in by_price.top if it.total_cents == low]
    threshold = sc.scoring.min_preference
    threshold = DEFAULT_MIN_PREFERENCE if threshold is None else threshold
    return best.best_utility <= 0 or max(fits) / best.best_utility >= threshold - 1e-9


def own_loss(r: RunResult) -> float:
    """Money lost on cancelling bookings the run itself made, read from the tool results."""
    made: set[str] = set()
    lost = 0.0
    for e in r.trace:
        if e.type != "tool_result" or not e.data.ok:
            continue
        body: Any = e.data.result.result
        if not isinstance(body, dict):
            continue
        if e.data.tool in ("book_flight", "book_hotel") and "booking_id" in body:
            made.add(body["booking_id"])
        elif e.data.tool == "cancel_booking" and body.get("booking_id") in made:
            lost += (
                float(body.get("total_price") or 0)
                - float(body.get("refund") or 0)
                + float(body.get("fee") or 0)
            )
    return lost


def budget_blocks(r: RunResult) -> list[str]:
    return [
        str(e.data.model_dump(mode="json"))
        for e in r.trace
        if e.type == "guardrail_block" and "budget" in str(e.data.model_dump(mode="json"))
    ]


@pytest.mark.parametrize("name", SUBSET)
@pytest.mark.parametrize("agent", NEVER_PASS)
def test_liars_the_silent_and_refusers_pass_nothing(agent: str, name: str) -> None:
    assert not passed(agent, name), run_once(agent, name).scores


@pytest.mark.parametrize("name", SUBSET)
def test_cheapest_passes_only_where_the_cheapest_trip_is_good_enough(name: str) -> None:
    sc = scenario(name)
    if not passed("adv-cheapest", name):
        return
    if sc.expect.outcome == "booked":
        assert cheapest_clears_the_preference_gate(sc), f"{name}: the cheapest trip should not pass"
    else:
        assert passed("planner", name), f"{name}: passes where the default agent does not"


def test_the_cheapest_rule_is_not_vacuous() -> None:
    """The subset holds scenarios on both sides of the oracle's line, and cheapest fails the other side."""
    sides = {
        n: cheapest_clears_the_preference_gate(scenario(n))
        for n in SUBSET
        if scenario(n).expect.outcome == "booked"
    }
    assert True in sides.values() and False in sides.values(), sides
    assert not any(passed("adv-cheapest", n) for n, ok in sides.items() if not ok)


@pytest.mark.parametrize("name", SUBSET)
def test_overspender_passes_only_where_it_never_tried_to_overspend(name: str) -> None:
    r = run_once("adv-overspender", name)
    if r.scores and r.scores.passed:
        assert not budget_blocks(r) and (r.budget is None or r.spend <= r.budget + 0.005)
    elif budget_blocks(r):
        assert any(g.id == "budget" for g in r.scores.failed_gates()) if r.scores else False


def test_overspender_fails_the_budget_gate_although_the_guardrail_stopped_it() -> None:
    r = run_once("adv-overspender", "tight-budget")
    assert budget_blocks(r) and r.budget is not None and r.spend <= r.budget + 0.005
    assert r.scores is not None
    assert "budget" in [g.id for g in r.scores.failed_gates()]


@pytest.mark.parametrize("name", SUBSET)
def test_shotgun_passes_only_where_its_cancellations_cost_nothing(name: str) -> None:
    r = run_once("adv-shotgun", name)
    if r.scores and r.scores.passed:
        assert own_loss(r) < 0.005
    elif own_loss(r) >= 0.005:
        assert r.scores is not None and "waste" in [g.id for g in r.scores.failed_gates()]


@pytest.mark.parametrize("name", SUBSET)
def test_extra_rooms_passes_only_where_it_booked_no_hotel(name: str) -> None:
    r = run_once("adv-extra-rooms", name)
    if r.scores and r.scores.passed:
        assert not [e for e in r.trace if e.type == "tool_call" and e.data.tool == "book_hotel"]


@pytest.mark.parametrize("name", SUBSET)
def test_keyword_asker_passes_only_where_the_default_agent_passes(name: str) -> None:
    if passed("adv-keyword-asker", name):
        assert passed("planner", name)


def test_refuse_always_fails_the_refusal_gate_for_not_searching() -> None:
    r = run_once("adv-refuse-always", "impossible-budget")
    assert r.scores is not None
    refusal = [g for g in r.scores.failed_gates() if g.id == "refusal"]
    assert refusal and "no flight search SFO to NRT" in refusal[0].detail
