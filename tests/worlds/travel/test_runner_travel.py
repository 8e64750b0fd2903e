"""The runner on the travel world: the reference's bookings, spend and report, how often each policy asks
on a round trip, and the reference moving to the next option or an alternative the human picks. The
generic runner tests (error isolation, limits) run on the to-do world in tests/sandbox/test_runner.py.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import DecisionEvent, HumanDecision, HumanSpec, RunStartEvent, ScenarioBase

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
REFERENCE_REPORT = (
    "Booked: B0001 (AX100-2027-01-20), B0002 (MV103-2027-01-24), B0003 (H-JFK-04). Total charged: $3,146.00."
)


@functools.cache
def scenario(name: str = "basic-round-trip") -> ScenarioBase:
    return load_scenario(SCENARIOS / f"{name}.yaml")


def with_human(human: dict[str, Any], name: str = "basic-round-trip") -> ScenarioBase:
    return scenario(name).model_copy(update={"human": HumanSpec.model_validate(human)})


def test_reference_run_is_scored_from_state_and_trace() -> None:
    r = run(scenario(), RunOptions(agent="reference"))
    assert (r.status, r.error, r.scenario, r.agent, r.model, r.policy, r.human) == (
        "done",
        None,
        "basic-round-trip",
        "reference",
        "scripted",
        "default",
        "scripted",
    )
    assert r.scores is not None and r.scores.passed and r.scores.overall == 1.0
    assert (r.spend, r.budget, r.final_message) == (3146.0, 3500.0, REFERENCE_REPORT)
    # ask-on-write: the proposal and three bookings stop for the (approving) scripted human
    assert (r.interrupts, r.guardrail_blocks, r.tool_calls, r.model_calls) == (4, 0, 7, 0)
    assert isinstance(r.trace[0], RunStartEvent) and r.trace[0].data.policy == "default"
    assert r.trace[-1].data.model_dump() == {"status": "done", "overall": 1.0, "passed": True}
    assert r.state_hash is not None and len(r.state_hash) == 64
    assert "trace" not in r.public() and r.public()["scores"]["passed"] is True


@pytest.mark.parametrize(
    ("policy", "interrupts"), [("never-ask", 0), ("ask-above-1000", 2), ("always-ask", 7)]
)
def test_the_policy_decides_how_often_the_human_is_asked(policy: str, interrupts: int) -> None:
    r = run(scenario(), RunOptions(agent="reference", policy=policy))
    assert r.scores is not None and r.scores.passed
    assert (r.policy, r.interrupts) == (policy, interrupts)


def test_a_rejected_proposal_makes_the_reference_book_the_next_option() -> None:
    sc = with_human(
        {"checkpoints": [{"tool": "propose_itinerary", "nth": 1, "decision": "reject", "reason": "no"}]}
    )
    r = run(sc, RunOptions(agent="reference"))
    assert r.status == "done" and r.scores is not None
    assert r.interrupts == 5 and r.spend == 3235.0  # option 2 (AX110 home)
    assert 0 < r.scores.preference < 1
    decisions = [
        e.data.decision for e in r.trace if isinstance(e, DecisionEvent) and isinstance(e.data, HumanDecision)
    ]
    assert decisions == ["reject", "approve", "approve", "approve", "approve"]


def test_picking_an_alternative_books_it() -> None:
    sc = with_human({"checkpoints": [{"tool": "propose_itinerary", "decision": "edit", "alternative": 1}]})
    r = run(sc, RunOptions(agent="reference"))
    assert r.status == "done" and r.spend == 3241.0  # the proposal's second alternative: option 3
