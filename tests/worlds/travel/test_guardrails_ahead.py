"""Guardrails and quotes see the price a booking will really be charged, faults included."""

from __future__ import annotations

from pathlib import Path

from sandbox.scenarios import load_scenario
from worlds.travel import WORLD

SCENARIO = Path(__file__).resolve().parents[3] / "scenarios" / "price-rise-over-budget.yaml"
FLIGHTS = [("BQ134-2027-02-05", "economy"), ("MV143-2027-02-07", "economy")]
STAY = {"hotel_id": "H-AMS-06", "check_in": "2027-02-05", "check_out": "2027-02-07", "rooms": 1}


def test_a_price_rise_that_breaks_the_budget_is_blocked_before_the_booking():
    sc = load_scenario(SCENARIO)
    env = WORLD.new_env(sc)
    for flight_id, cabin in FLIGHTS:
        assert env.call("book_flight", {"flight_id": flight_id, "passengers": 2, "cabin": cabin}).ok
    hooks = WORLD.hooks(env)
    plain = env.call("search_hotels", {"city": "AMS", "check_in": "2027-02-05", "check_out": "2027-02-07"})
    shown = next(h for h in plain.data["hotels"] if h["hotel_id"] == "H-AMS-06")["total_price"]
    quoted = hooks.quote("book_hotel", STAY)
    assert quoted is not None and quoted > shown  # the +30% about to fire is in the quote
    rules = [rule for rule, _ in hooks.guardrails("book_hotel", STAY)]
    assert "budget_cap" in rules
    before = env.state_hash()
    hooks.guardrails("book_hotel", STAY)
    assert env.state_hash() == before  # looking ahead changed nothing


def test_the_checkpoint_text_states_the_price_the_policy_sees():
    env = WORLD.new_env(load_scenario(SCENARIO))
    hooks = WORLD.hooks(env)
    quoted = hooks.quote("book_hotel", STAY)
    assert quoted is not None
    assert f"for ${quoted:,.2f}" in hooks.describe("book_hotel", STAY)
