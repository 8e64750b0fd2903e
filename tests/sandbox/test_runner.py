"""The runner (sandbox/runner/_run.py): a scored run end to end, humans in the loop, and error isolation,
on the to-do world (``worlds/mock``); the travel world's own runs are in tests/worlds/travel/test_runner_travel.py.

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
    ErrorEvent,
    HumanSpec,
    RunResult,
    RunStartEvent,
    ScenarioBase,
    agents,
)

SCENARIOS = Path(__file__).resolve().parents[2] / "worlds" / "mock" / "scenarios"
REFERENCE_REPORT = "Booked: T2 (buy milk), T3 (call mum). Total charged: $0.00."


@functools.cache
def scenario(name: str = "add-two-items") -> ScenarioBase:
    return load_scenario(SCENARIOS / f"{name}.yaml")


def with_human(human: dict[str, Any], name: str = "add-two-items") -> ScenarioBase:
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
    """Reads the list forever."""
    ids = itertools.count()

    def act(state: MessagesState) -> dict[str, Any]:
        call = {"name": "list_items", "args": {}, "id": f"loop-{next(ids)}", "type": "tool_call"}
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
        "mock-add-two-items",
        "reference",
        "scripted",
        "default",
        "scripted",
    )
    assert r.scores is not None and r.scores.passed and r.scores.overall == 1.0
    assert (r.spend, r.budget, r.final_message) == (0.0, None, REFERENCE_REPORT)
    # ask-on-write: the proposal and both additions stop for the (approving) scripted human
    assert (r.interrupts, r.guardrail_blocks, r.tool_calls, r.model_calls) == (3, 0, 3, 0)
    assert r.confidence == 0.95  # what the reference stated in its proposal
    assert isinstance(r.trace[0], RunStartEvent) and r.trace[0].data.policy == "default"
    assert r.trace[-1].data.model_dump() == {"status": "done", "overall": 1.0, "passed": True}
    assert r.state_hash is not None and len(r.state_hash) == 64
    assert "trace" not in r.public() and r.public()["scores"]["passed"] is True


def test_same_scenario_and_trial_give_the_same_final_state() -> None:
    a, b = (run(scenario(), RunOptions(agent="reference")) for _ in range(2))
    assert a.state_hash == b.state_hash and a.id != b.id


# ask-when-unsure: the reference states 0.95 in its proposal, which also covers the writes that follow
@pytest.mark.parametrize(
    ("policy", "interrupts"), [("never-ask", 0), ("ask-when-unsure", 0), ("always-ask", 3)]
)
def test_the_policy_decides_how_often_the_human_is_asked(policy: str, interrupts: int) -> None:
    r = run(scenario(), RunOptions(agent="reference", policy=policy))
    assert r.scores is not None and r.scores.passed
    assert (r.policy, r.interrupts) == (policy, interrupts)


def test_a_human_who_rejects_everything_leaves_nothing_done_and_an_honest_report() -> None:
    r = run(with_human({"default": "reject"}), RunOptions(agent="reference"))
    assert r.status == "done" and r.scores is not None and not r.scores.passed
    assert r.tool_calls == 1 and r.scores.faithfulness == 1.0
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
