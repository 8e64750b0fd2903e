"""Agent control tools and phase-scoped tools in the gateway, on the to-do world (``worlds/mock``).

A control tool (role ``control``, ``sandbox.spi.control_tool``) is the agent's signal to its own graph:
the gateway answers it with its arguments as the agent's schema read them, traces one ``control``
event, and nothing else happens — no world call, no record in the env, no guardrail, no policy, no
checkpoint, no count against the run's tool-call limit. A call made through tools scoped to a phase
(``AgentContext.phase_tools``) of a tool that phase does not offer is answered ``not_in_phase``,
traced like any other result.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

import pytest
from langchain_core.messages import HumanMessage
from langgraph.types import Command
from pydantic import BaseModel, ConfigDict, model_validator

from sandbox.control import Gateway, Limits, load_policy, tool_specs
from sandbox.scenarios import load_scenario
from sandbox.spi import (
    CONTROL,
    AgentContext,
    CheckpointEvent,
    ConfigError,
    ControlEvent,
    ScenarioBase,
    ToolCallEvent,
    ToolResultEvent,
    Trace,
    control_tool,
    control_tools,
    question_tool,
    worlds,
)
from tests.sandbox._gateway_support import agent_graph

SCENARIOS = Path(__file__).resolve().parents[2] / "worlds" / "mock" / "scenarios"
WORLD = worlds.get("mock")


class SignalArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: Literal["done", "stop"]
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _lower(cls, data: Any) -> Any:  # an agent's schema may be lenient with what models send
        if isinstance(data, dict) and isinstance(data.get("outcome"), str):
            return {**data, "outcome": data["outcome"].strip().lower()}
        return data


SIGNAL = control_tool("signal", "Tell the graph the step is over.", SignalArgs)


@functools.cache
def scenario() -> ScenarioBase:
    return load_scenario(SCENARIOS / "add-two-items.yaml")


def make_gateway(policy: str = "always-ask", limits: Limits | None = None) -> tuple[Gateway, Any, Trace]:
    env = WORLD.new_env(scenario())
    trace = Trace()
    specs = tool_specs(WORLD, [SIGNAL])
    gw = Gateway(env, specs, WORLD.hooks(env), load_policy(policy), trace, limits, user=WORLD.user_noun)
    return gw, env, trace


def control_data(trace: Trace) -> list[dict[str, Any]]:
    return [e.data.model_dump(mode="json") for e in trace.of_type(ControlEvent)]


def test_a_control_call_is_answered_with_its_arguments_and_traced_and_nothing_else_happens() -> None:
    gw, env, trace = make_gateway("always-ask")  # every call of a tool would stop for the human
    before = env.state_hash()
    # called outside a graph: a checkpoint would raise, so an answer proves nobody was asked
    result = gw.call("signal", {"outcome": " DONE ", "note": "all set"}, "c1")
    assert result.ok and result.data == {"outcome": "done", "note": "all set"}
    assert control_data(trace) == [
        {
            "id": "c1",
            "tool": "signal",
            "args": {"outcome": " DONE ", "note": "all set"},
            "ok": True,
            "result": {"ok": True, "result": {"outcome": "done", "note": "all set"}},
        }
    ]
    assert trace.count(ToolCallEvent, ToolResultEvent, CheckpointEvent) == 0
    assert env.state_hash() == before and env.state.calls == [] and env.lookup("c1") is None
    assert gw.interrupts == 0 and gw.blocks == 0


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        ({"outcome": "maybe"}, "outcome", "invalid value for 'outcome'"),
        ({"note": "no outcome"}, "outcome", "missing required argument 'outcome'"),
        ({"outcome": "done", "colour": "red"}, "colour", "unexpected argument 'colour'"),
        ('{"outcome": ', None, "arguments are not valid JSON"),
    ],
    ids=["bad-value", "missing", "extra", "not-json"],
)
def test_a_control_call_that_does_not_fit_its_schema_is_a_traced_error(
    args: Any, field: str | None, message: str
) -> None:
    gw, _, trace = make_gateway()
    result = gw.call("signal", args, "c1")
    assert not result.ok and result.error is not None
    assert (result.error.code, result.error.field) == ("invalid_argument", field)
    assert result.error.message.startswith(message)
    (event,) = control_data(trace)
    assert (
        event["ok"] is False
        and event["args"] == args
        and event["result"]["error"]["code"] == "invalid_argument"
    )


def test_control_calls_do_not_count_against_the_tool_call_limit() -> None:
    gw, _, trace = make_gateway("never-ask", Limits(max_tool_calls=1))
    assert all(gw.call("signal", {"outcome": "done"}, f"s{i}").ok for i in range(5))
    assert gw.call("list_items", {}, "c1").ok
    blocked = gw.call("list_items", {}, "c2")
    assert (
        blocked.error is not None
        and blocked.error.code == "blocked"
        and "1 tool calls" in blocked.error.message
    )
    assert trace.count(ControlEvent) == 5


def test_a_control_call_replayed_after_a_checkpoint_is_traced_once() -> None:
    gw, env, trace = make_gateway("ask-on-write")
    first = [("signal", {"outcome": "done"}, "c-sig"), ("add_item", {"text": "buy milk"}, "c-add")]
    app = agent_graph(gw, first)
    config: Any = {"configurable": {"thread_id": "t"}}
    out = app.invoke({"messages": [HumanMessage("Add milk")]}, config)
    (stop,) = out["__interrupt__"]
    assert stop.value["tool"] == "add_item"
    app.invoke(Command(resume={stop.id: {"decision": "approve"}}), config)
    assert trace.count(ControlEvent) == 1 and [i.text for i in env.state.items][-1] == "buy milk"
    assert [c.tool for c in env.state.calls] == ["add_item"]


def ctx_for(gw: Gateway) -> AgentContext:
    return AgentContext(model=None, tools=gw.langchain_tools(), policy_text="", checkpointer=None)


def test_a_tool_outside_the_phase_is_answered_not_in_phase_through_the_gateway() -> None:
    gw, env, trace = make_gateway("never-ask")
    reading = ctx_for(gw).phase_tools("read", ["list_items", "signal", "no_such_tool"])
    assert [t.name for t in reading] == ["list_items", "signal"]
    # a graph routes a name it was not given through a renamed copy of a scoped tool
    as_add = reading[0].model_copy(update={"name": "add_item"})
    message = as_add.invoke({"name": "add_item", "args": {"text": "x"}, "id": "c1", "type": "tool_call"})
    assert message.status == "error"
    assert '"code":"not_in_phase"' in message.content
    assert "add_item is not available in the read phase; available: list_items, signal" in message.content
    assert [e.data.tool for e in trace.of_type(ToolCallEvent)] == ["add_item"]
    (outcome,) = trace.of_type(ToolResultEvent)
    assert outcome.data.ok is False and outcome.data.result.model_dump()["error"]["code"] == "not_in_phase"
    assert [i.text for i in env.state.items] == ["water the plants"]  # the world did not run it
    # a name no tool has is still unknown, and the phase's own tools run
    unknown = reading[0].model_copy(update={"name": "fly"})
    assert (
        '"code":"unknown_tool"'
        in unknown.invoke({"name": "fly", "args": {}, "id": "c2", "type": "tool_call"}).content
    )
    assert (
        '"ok":true'
        in reading[0].invoke({"name": "list_items", "args": {}, "id": "c3", "type": "tool_call"}).content
    )


def test_a_control_tool_outside_the_phase_is_refused_as_a_control_event() -> None:
    gw, env, trace = make_gateway()
    (listing,) = ctx_for(gw).phase_tools("read", ["list_items"])
    as_signal = listing.model_copy(update={"name": "signal"})
    message = as_signal.invoke(
        {"name": "signal", "args": {"outcome": "done"}, "id": "c1", "type": "tool_call"}
    )
    assert '"code":"not_in_phase"' in message.content
    (event,) = control_data(trace)
    assert event["ok"] is False and trace.count(ToolCallEvent) == 0 and env.state.calls == []


def test_unscoped_tools_reach_every_tool_and_control_tools_carry_their_role() -> None:
    gw, _, _ = make_gateway("never-ask")
    tools = {t.name: t for t in ctx_for(gw).tools}
    assert tools["signal"].role == CONTROL and tools["signal"].kind == "INTERACT"
    assert tools["add_item"].invoke({"text": "bread"}).startswith('{"ok":true')
    assert tools["signal"].args_schema is SignalArgs


def test_an_agent_declares_its_control_tools_on_its_factory() -> None:
    def build(ctx: AgentContext) -> Any:
        return None

    assert control_tools(build) == ()
    build.control_tools = (SIGNAL,)  # type: ignore[attr-defined]
    assert control_tools(build) == (SIGNAL,)
    build.control_tools = (question_tool(),)  # type: ignore[attr-defined]
    with pytest.raises(ConfigError, match="control_tools must hold control tools"):
        control_tools(build)
    with pytest.raises(TypeError, match="args must be a pydantic model class"):
        control_tool("signal", "text", dict)  # type: ignore[arg-type]


def test_a_control_tool_may_not_take_the_name_of_a_world_tool() -> None:
    clash = control_tool("add_item", "A signal named like a world tool.", SignalArgs)
    with pytest.raises(ConfigError, match="'add_item' has the name of a tool of the mock world"):
        tool_specs(WORLD, [clash])
