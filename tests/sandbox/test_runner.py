"""The runner (sandbox/runner/_run.py): a scored run end to end, humans in the loop, and error isolation.

Test agents are registered under ``test-runner-*`` names for the length of one test.
"""

from __future__ import annotations

import functools
import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode

from sandbox.control import Limits
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import (
    AgentContext,
    DecisionEvent,
    ErrorEvent,
    HumanDecision,
    HumanSpec,
    RunResult,
    RunStartEvent,
    ScenarioBase,
    agents,
)

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
REFERENCE_REPORT = (
    "Booked: B0001 (AX100-2027-01-20), B0002 (MV103-2027-01-24), B0003 (H-JFK-04). Total charged: $3,146.00."
)


@functools.cache
def scenario(name: str = "basic-round-trip") -> ScenarioBase:
    return load_scenario(SCENARIOS / f"{name}.yaml")


def with_human(human: dict[str, Any], name: str = "basic-round-trip") -> ScenarioBase:
    return scenario(name).model_copy(update={"human": HumanSpec.model_validate(human)})


@pytest.fixture
def register() -> Iterator[Callable[[str, Any], str]]:
    names: list[str] = []

    def add(name: str, factory: Any) -> str:
        full = f"test-runner-{name}"
        factory.needs_model = False
        agents.register(full, factory, replace=True)
        names.append(full)
        return full

    yield add
    for n in names:
        agents.unregister(n)


def one_node(fn: Any) -> Callable[[AgentContext], Any]:
    def build(ctx: AgentContext) -> Any:
        graph = StateGraph(MessagesState)
        graph.add_node("act", fn)
        graph.add_edge(START, "act")
        graph.add_edge("act", END)
        return graph.compile(checkpointer=ctx.checkpointer)

    return build


def looping(ctx: AgentContext) -> Any:
    """Reads the budget forever."""
    ids = itertools.count()

    def act(state: MessagesState) -> dict[str, Any]:
        call = {"name": "get_budget", "args": {}, "id": f"loop-{next(ids)}", "type": "tool_call"}
        return {"messages": [AIMessage(content="", tool_calls=[call])]}

    graph = StateGraph(MessagesState)
    graph.add_node("act", act)
    graph.add_node("tools", ToolNode(ctx.tools))
    graph.add_edge(START, "act")
    graph.add_edge("act", "tools")
    graph.add_edge("tools", "act")
    return graph.compile(checkpointer=ctx.checkpointer)


def assert_error(result: RunResult, reason: str) -> None:
    assert result.status == "error" and result.scores is None
    assert result.error is not None and result.error.startswith(reason), result.error
    assert [e.type for e in result.trace[-2:]] == ["error", "run_end"]
    error, end = result.trace[-2:]
    assert isinstance(error, ErrorEvent) and error.data.reason == result.error
    assert end.data.model_dump() == {"status": "error"}  # as stored: no score


# -- a run end to end ------------------------------------------------------------------------------


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


def test_same_scenario_and_trial_give_the_same_final_state() -> None:
    a, b = (run(scenario(), RunOptions(agent="reference")) for _ in range(2))
    assert a.state_hash == b.state_hash and a.id != b.id


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


def test_a_human_who_rejects_everything_leaves_nothing_booked_and_an_honest_report() -> None:
    r = run(with_human({"default": "reject"}), RunOptions(agent="reference"))
    assert r.status == "done" and r.scores is not None and not r.scores.passed
    assert r.spend == 0.0 and r.scores.faithfulness == 1.0
    assert r.final_message.startswith("I did not book anything")


def test_the_auto_human_approves_everything() -> None:
    r = run(with_human({"default": "reject"}), RunOptions(agent="reference", human="auto"))
    assert r.scores is not None and r.scores.passed and r.human == "auto"


# -- error isolation: every failure is a run with status "error", never an exception ---------------


def test_agent_factory_that_raises(register: Callable[[str, Any], str]) -> None:
    def boom(ctx: AgentContext) -> Any:
        raise RuntimeError("the graph could not be built")

    r = run(scenario(), RunOptions(agent=register("boom", boom)))
    assert_error(r, "RuntimeError: the graph could not be built")
    assert r.state_hash is not None  # the env existed


def test_unknown_agent_name() -> None:
    r = run(scenario(), RunOptions(agent="referenc"))
    assert_error(r, "UnknownNameError: Unknown agent 'referenc'. Did you mean 'reference'?")
    assert r.state_hash is None and r.agent == "referenc"


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        (
            RunOptions(agent="reference", policy="ask-sometimes"),
            "UnknownNameError: Unknown policy 'ask-sometimes'.",
        ),
        (RunOptions(agent="reference", human="robot"), "UnknownNameError: Unknown human 'robot'."),
    ],
)
def test_unknown_policy_or_human(options: RunOptions, reason: str) -> None:
    assert_error(run(scenario(), options), reason)


def test_a_node_that_raises(register: Callable[[str, Any], str]) -> None:
    def act(state: MessagesState) -> dict[str, Any]:
        raise ConnectionError("model endpoint went away")

    assert_error(
        run(scenario(), RunOptions(agent=register("raises", one_node(act)))),
        "ConnectionError: model endpoint went away",
    )


def test_a_looping_agent_hits_the_time_limit(register: Callable[[str, Any], str]) -> None:
    limits = Limits(timeout_s=0.2, max_steps=100_000, max_tool_calls=1_000_000)
    started = time.monotonic()
    r = run(scenario(), RunOptions(agent=register("loop", looping), limits=limits))
    assert_error(r, "RunDeadlineExceeded: run exceeded its time limit of 0.2 s")
    assert r.tool_calls > 0 and time.monotonic() - started < 2.0


def test_a_sleeping_agent_hits_the_time_limit(register: Callable[[str, Any], str]) -> None:
    def act(state: MessagesState) -> dict[str, Any]:
        time.sleep(0.2)
        return {"messages": [AIMessage(content="Sorry, I dozed off.")]}

    r = run(scenario(), RunOptions(agent=register("sleep", one_node(act)), limits=Limits(timeout_s=0.05)))
    assert_error(r, "RunDeadlineExceeded: run exceeded its time limit of 0.05 s")


def test_the_time_limit_bounds_the_wall_time_of_a_blocked_node(register: Callable[[str, Any], str]) -> None:
    def act(state: MessagesState) -> dict[str, Any]:
        time.sleep(0.8)
        return {"messages": [AIMessage(content="late")]}

    r = run(scenario(), RunOptions(agent=register("blocked", one_node(act)), limits=Limits(timeout_s=0.05)))
    assert r.status == "error" and r.duration_s < 0.5


def test_the_recursion_limit(register: Callable[[str, Any], str]) -> None:
    r = run(scenario(), RunOptions(agent=register("loop", looping), limits=Limits(max_steps=10)))
    assert_error(r, "GraphRecursionError: Recursion limit of 10 reached without hitting a stop condition.")
    assert r.tool_calls == 5


def test_the_tool_call_limit_blocks_and_the_run_still_ends(register: Callable[[str, Any], str]) -> None:
    r = run(
        scenario(), RunOptions(agent=register("loop", looping), limits=Limits(max_tool_calls=3, max_steps=20))
    )
    assert_error(r, "GraphRecursionError: Recursion limit of 20 reached")
    assert (r.tool_calls, r.guardrail_blocks) == (10, 7)
