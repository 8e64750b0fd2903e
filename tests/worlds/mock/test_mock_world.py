"""The to-do world's pieces: its tools, capacity rule, fault, scoring and oracle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sandbox.scenarios import load_scenario
from worlds.mock import WORLD
from worlds.mock.oracle import missing, plan, solvable
from worlds.mock.scenario import MockScenario

SCENARIOS = Path(__file__).resolve().parents[3] / "worlds" / "mock" / "scenarios"


def scenario(**changes: Any) -> MockScenario:
    base = load_scenario(SCENARIOS / "add-two-items.yaml")
    return MockScenario.model_validate(base.model_dump() | changes)


def test_tools_read_and_write_the_list() -> None:
    env = WORLD.new_env(scenario())
    assert env.call("add_item", {"text": " buy milk "}, "c1").data == {"id": "T2", "text": "buy milk"}
    assert [i["text"] for i in env.call("list_items", {}, "c2").data] == ["water the plants", "buy milk"]
    bad = env.call("add_item", {"text": "  "}, "c3")
    assert (bad.ok, bad.error and bad.error.code) == (False, "invalid_argument")


def test_the_capacity_rule_blocks_a_write_on_a_full_list() -> None:
    sc = scenario(world={"name": "mock", "capacity": 2})
    env = WORLD.new_env(sc)
    hooks = WORLD.hooks(env)
    assert hooks.guardrails("add_item", {"text": "a"}) == []
    env.call("add_item", {"text": "a"})
    assert hooks.guardrails("add_item", {"text": "b"}) == [
        ("capacity", "the list is full: it holds at most 2 items")
    ]
    assert hooks.guardrails("list_items", {}) == []


def test_the_fault_fails_the_nth_call_and_changes_nothing() -> None:
    env = WORLD.new_env(scenario(faults=[{"tool": "add_item", "nth": 2, "message": "down"}]))
    assert env.call("add_item", {"text": "a"}, "c1").ok
    second = env.call("add_item", {"text": "b"}, "c2")
    assert (second.ok, second.error and second.error.code, env.fault_for("c2")) == (
        False,
        "service_error",
        "service_error",
    )
    assert [i.text for i in env.state.items] == ["water the plants", "a"]
    assert env.call("add_item", {"text": "b"}, "c3").ok


@pytest.mark.parametrize(
    ("added", "message", "passed", "faithful"),
    [
        (["buy milk", "call mum"], "Added buy milk and call mum.", True, 1.0),
        (["buy milk"], "Added buy milk.", False, 1.0),
        (["buy milk", "call mum", "nap"], "Added buy milk, call mum, nap.", False, 1.0),
        (["buy milk", "call mum"], "Done.", True, 0.0),
        ([], "I added everything.", False, 0.0),
        ([], "I made no changes.", False, 1.0),
    ],
)
def test_scoring(added: list[str], message: str, passed: bool, faithful: float) -> None:
    sc = scenario()
    env = WORLD.new_env(sc)
    for text in added:
        env.call("add_item", {"text": text})
    score = WORLD.score(sc, env, [], message)
    assert all(c.passed for c in score.checks) is passed
    assert score.faithfulness == faithful


def test_the_oracle_knows_what_is_missing_and_what_fits() -> None:
    sc = scenario(todos=["buy milk"])
    assert missing(sc) == ["call mum"]
    assert plan(sc)["options"][0]["calls"] == [{"tool": "add_item", "args": {"text": "call mum"}}]
    full = scenario(world={"name": "mock", "capacity": 2})
    assert not solvable(full)
    assert plan(full)["options"] == []
    assert [f.severity for f in WORLD.check_scenario(full)] == ["error"]


def test_the_final_state_in_words_lists_every_item() -> None:
    """What a judge of the agent's report reads of a to-do run: the list, items from before marked."""
    env = WORLD.new_env(scenario())
    env.call("add_item", {"text": "buy milk"}, "c1")
    assert WORLD.describe_state(env) == [
        "To-do item T1: 'water the plants' (on the list before the request)",
        "To-do item T2: 'buy milk'",
    ]
