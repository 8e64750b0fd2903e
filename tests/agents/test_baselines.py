"""Conformance of the baseline agents over every shipped scenario (parametrised over the files, so a new
scenario is covered without touching this test).

- ``reference`` (privileged: it executes the oracle's plan) must pass every scenario, and score full
  marks on correctness, budget and preference where a booking is expected: otherwise the scenario, the
  oracle or the scorers disagree.
- ``do-nothing`` must fail every scenario that expects a booking or a change: otherwise the scenario
  rewards inaction.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from agents.baselines import DO_NOTHING_REPORT
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import RunResult, ScenarioBase, worlds

SCENARIO_FILES = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


def test_scenarios_are_shipped() -> None:
    assert len(SCENARIO_FILES) >= 8


@functools.cache
def scenario(path: Path) -> ScenarioBase:
    return load_scenario(path)


def untouched_state_hash(path: Path) -> str:
    sc = scenario(path)
    world = worlds.get(getattr(getattr(sc, "world", None), "name", "travel"))
    return world.new_env(sc).state_hash()


def run_agent(path: Path, agent: str) -> RunResult:
    result = run(scenario(path), RunOptions(agent=agent, base_dir=path.parent))
    assert result.status == "done", result.error
    assert result.scores is not None
    return result


def failed_checks(result: RunResult) -> list[str]:
    assert result.scores is not None
    return [f"{c.name}: {c.detail}" for c in result.scores.checks if not c.passed]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_reference_passes(path: Path) -> None:
    r = run_agent(path, "reference")
    s = r.scores
    assert s is not None
    assert s.passed, failed_checks(r)
    assert failed_checks(r) == []
    if scenario(path).expect.outcome == "booked":
        assert (s.correctness, s.budget, s.preference) == (1.0, 1.0, 1.0)
    assert s.faithfulness == 1.0, s.notes


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_do_nothing_fails_every_scenario_that_expects_a_booking(path: Path) -> None:
    r = run_agent(path, "do-nothing")
    s = r.scores
    assert s is not None
    assert (r.tool_calls, r.final_message) == (0, DO_NOTHING_REPORT)
    assert r.state_hash == untouched_state_hash(path)  # the world is exactly as the run found it
    if scenario(path).expect.outcome in ("booked", "changed"):
        assert not s.passed, "do-nothing passes a scenario that expects a booking or a change"
        assert failed_checks(r) != []  # it fails on correctness, not only on a lower overall score
