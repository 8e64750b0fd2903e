"""Faults that cannot be dodged: ``target: first`` strikes whatever the agent books first, ``target: any``
reprices every item it books; the oracle prices ``any`` in everywhere and the scorer judges a run
against the best plan of the world the run's faults left (scenarios/README.md)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import RunResult, ToolCallEvent, worlds
from tests.worlds.travel.conftest import make_scenario
from worlds.travel.judge import check
from worlds.travel.judge._oracle_rules import Rules
from worlds.travel.judge.oracle import after_faults, solve
from worlds.travel.run import TravelEnv
from worlds.travel.scenario import Fault, TravelScenario

Ok = Callable[..., Any]
Err = Callable[..., tuple[str, str]]
MakeEnv = Callable[..., TravelEnv]
F1, F2 = "MV901-2027-01-20", "MV902-2027-01-20"
H1, H2 = "H-JFK-90", "H-JFK-91"
STAY = {"check_in": "2027-01-20", "check_out": "2027-01-22"}
SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
FAULT_SCENARIOS = (
    "price-change-at-booking",
    "price-rise-over-budget",
    "sold-out-at-booking",
    "stale-search-results",
    "miami-art-fair-hotel-price-drops-flight-times-out",
)
BOOKING_KINDS = ("price_change", "sold_out", "stale")


def test_first_sold_out_strikes_whatever_is_booked_first(make_env: MakeEnv, ok: Ok, err: Err) -> None:
    for first, then in ((F1, F2), (F2, F1)):
        env = make_env(faults=[{"tool": "book_flight", "kind": "sold_out", "target": "first"}])
        assert err(env, "book_flight", flight_id=first, passengers=1)[0] == "sold_out"
        ok(env, "book_flight", flight_id=then, passengers=1)
        assert env.state.sold_out == [first] and env.state.faults_fired == {"0": 1}


def test_first_stale_strikes_whatever_is_booked_first(make_env: MakeEnv, ok: Ok, err: Err) -> None:
    env = make_env(faults=[{"tool": "book_hotel", "kind": "stale", "target": "first"}])
    assert err(env, "book_hotel", hotel_id=H2, **STAY)[0] == "sold_out"
    listed = ok(env, "search_hotels", city="JFK", **STAY)["hotels"]
    assert next(h for h in listed if h["hotel_id"] == H2)["available"]  # the cache still lists it
    assert err(env, "book_hotel", hotel_id=H2, **STAY)[0] == "sold_out"
    ok(env, "book_hotel", hotel_id=H1, **STAY)
    assert env.state.stale == [H2]


def test_any_price_change_strikes_every_item_once(make_env: MakeEnv, ok: Ok) -> None:
    env = make_env(faults=[{"tool": "book_hotel", "kind": "price_change", "target": "any", "pct": 10}])
    shown = {h["hotel_id"]: h["total_price"] for h in ok(env, "search_hotels", city="JFK", **STAY)["hotels"]}
    for hotel in (H2, H1):
        b = ok(env, "book_hotel", hotel_id=hotel, **STAY)
        assert b["total_price"] == pytest.approx(shown[hotel] * 1.1, abs=0.02)
    again = ok(env, "book_hotel", hotel_id=H1, **STAY)  # the change struck H1 once: no second rise
    assert again["total_price"] == pytest.approx(shown[H1] * 1.1, abs=0.02)
    assert env.state.price_changes == {H1: 10.0, H2: 10.0}
    ok(env, "book_flight", flight_id=F1, passengers=1)  # another tool: untouched
    assert F1 not in env.state.price_changes


def test_any_is_for_price_changes_only() -> None:
    Fault(tool="book_*", kind="price_change", target="any")
    with pytest.raises(ValidationError, match="price_change only"):
        Fault(tool="book_hotel", kind="sold_out", target="any")


def test_the_oracle_prices_any_into_every_item_of_its_kind(scenario: TravelScenario) -> None:
    fault = {"tool": "book_hotel", "kind": "price_change", "target": "any", "pct": 25}
    rules, plain = Rules.of(make_scenario(faults=[fault])), Rules.of(scenario)
    assert rules.change(H1, "hotel") == rules.change(H2, "hotel") == 25.0
    assert rules.change(F1, "flight") == 0.0 and plain.change(H1, "hotel") == 0.0


def test_after_faults_adds_what_the_run_struck(make_env: MakeEnv, err: Err) -> None:
    faults = [
        {"tool": "book_hotel", "kind": "sold_out", "target": "first"},
        {"tool": "book_flight", "kind": "price_change", "target": "any", "pct": 10},
    ]
    env = make_env(faults=faults)
    sc = make_scenario(faults=faults)
    assert after_faults(sc, env.state, env.view) is None  # nothing struck yet: the oracle's own world
    env.call("book_flight", {"flight_id": F1, "passengers": 1})  # the "any" change: already priced in
    assert after_faults(sc, env.state, env.view) is None
    assert err(env, "book_hotel", hotel_id=H1, **STAY)[0] == "sold_out"
    after = after_faults(sc, env.state, env.view)
    assert after is not None and after.faults[2:] == [Fault(tool="book_*", kind="sold_out", target=H1)]
    assert Rules.of(after).unavailable == {H1} and Rules.of(after).change(F2, "flight") == 10.0


# -- the shipped fault scenarios ------------------------------------------------------------------


@functools.cache
def shipped(name: str) -> TravelScenario:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    assert isinstance(sc, TravelScenario)
    return sc


@functools.cache
def run_once(agent: str, name: str, target: str | None = None) -> RunResult:
    sc = shipped(name)
    if target is not None:  # the old form: the fault aimed at one item
        sc = sc.model_copy(update={"faults": [f.model_copy(update={"target": target}) for f in sc.faults]})
    r = run(sc, RunOptions(agent=agent, base_dir=SCENARIOS))
    assert r.status == "done" and r.scores is not None, r.error
    return r


def booking_faults_met(r: RunResult) -> int:
    return sum(1 for e in r.trace if e.type == "fault" and any(k in str(e.data.fault) for k in BOOKING_KINDS))


@pytest.mark.parametrize("name", FAULT_SCENARIOS)
def test_shipped_fault_scenarios_strike_what_the_agent_books(name: str) -> None:
    assert all(f.target in ("first", "any") for f in shipped(name).faults if f.kind in BOOKING_KINDS), (
        "a booking fault aimed at one item can be dodged"
    )
    for agent in ("reference", "adv-dodger"):
        assert booking_faults_met(run_once(agent, name)), f"{agent} never met the fault of {name}"


@pytest.mark.parametrize("name", FAULT_SCENARIOS)
def test_the_reference_meets_the_fault_and_still_scores_full_marks(name: str) -> None:
    r = run_once("reference", name)
    assert r.scores is not None and r.scores.passed and r.scores.preference == 1.0, r.scores


def test_the_old_item_aimed_sold_out_was_dodged_and_the_new_one_is_not() -> None:
    """adv-dodger books the near-best hotel: the old fault (aimed at the obvious hotel) never met it and
    it passed; aimed at ``first`` it meets the sold-out and, settling for a worse hotel, fails."""
    old = run_once("adv-dodger", "sold-out-at-booking", "H-SYD-06")
    assert not booking_faults_met(old) and old.scores is not None and old.scores.passed
    new = run_once("adv-dodger", "sold-out-at-booking")
    assert booking_faults_met(new) and new.scores is not None and not new.scores.passed
    assert [g.id for g in new.scores.failed_gates()] == ["preference"]


def test_the_scorer_judges_against_the_world_the_faults_left() -> None:
    """The reference's first pick sold out; the best of what was left is what it booked: fit 1.0,
    although it is below the best of the world before the fault."""
    sc = shipped("sold-out-at-booking")
    r = run_once("reference", "sold-out-at-booking")
    before = solve(sc, worlds.get("travel").view(sc)).best  # type: ignore[attr-defined]
    assert before is not None
    booked = {
        str(e.data.args.get("hotel_id"))
        for e in r.trace
        if isinstance(e, ToolCallEvent) and e.data.tool == "book_hotel" and isinstance(e.data.args, dict)
    }
    assert before.stays[0].hotel_id in booked and len(booked) == 2  # it tried the best, then the next
    assert r.scores is not None and r.scores.preference == 1.0


def test_an_item_aimed_fault_still_loads_and_validate_says_it_can_be_dodged() -> None:
    old = shipped("sold-out-at-booking").model_copy(
        update={"faults": [Fault(tool="book_hotel", kind="sold_out", target="H-SYD-06")]}
    )
    sc = TravelScenario.model_validate(old.model_dump(mode="json"))  # the old form loads as before
    findings = check(sc, worlds.get("travel").view(sc))  # type: ignore[attr-defined]
    assert not [f for f in findings if f.severity == "error"]
    assert any(f.severity == "info" and "never meets it" in f.message for f in findings)
    assert Rules.of(sc).unavailable == {"H-SYD-06"}  # and the oracle reads it as before
    new = check(shipped("sold-out-at-booking"), worlds.get("travel").view(sc))  # type: ignore[attr-defined]
    assert not any("never meets it" in f.message for f in new)
