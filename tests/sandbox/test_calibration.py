"""Calibration: the agent's stated confidence is read from the trace and scored against passing."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.scoring import summarize
from sandbox.spi import ToolCallEvent

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_a_planner_run_records_the_confidence_it_stated_and_the_summary_scores_it() -> None:
    result = run(load_scenario(SCENARIOS / "one-way.yaml"), RunOptions(agent="planner"))
    proposals = [
        e for e in result.trace if isinstance(e, ToolCallEvent) and e.data.tool == "propose_itinerary"
    ]
    args = proposals[-1].data.args if proposals else None
    assert isinstance(args, dict) and result.confidence == args["confidence"]
    summary = summarize([result])
    p = result.confidence
    assert p is not None
    expected = (p - (1.0 if result.scores and result.scores.passed else 0.0)) ** 2
    cal = summary["calibration"]
    assert (cal["brier"], cal["n"]) == (pytest.approx(expected), 1)
    assert cal["ece"] == pytest.approx(abs(p - (1.0 if result.scores and result.scores.passed else 0.0)))


def test_an_agent_that_states_nothing_has_no_calibration() -> None:
    result = run(load_scenario(SCENARIOS / "one-way.yaml"), RunOptions(agent="do-nothing"))
    assert result.confidence is None
    assert summarize([result])["calibration"] is None
