"""The tool gateway (sandbox/control/_gateway.py, _lc_tools.py, _checkpoints.py, _interaction.py), on
the to-do world (``worlds/mock``): the path every call takes, whatever the world.

Two ways in:

- ``agent_graph``: a small agent (StateGraph + MessagesState + ``ToolNode`` over
  ``gateway.langchain_tools()``) whose first turn is a message with the given tool calls, run with an
  ``InMemorySaver`` and resumed with ``Command(resume={interrupt.id: decision})``, exactly as the
  runner does. It proves that tool execution is idempotent per call id when LangGraph re-runs the
  tool node on resume.
- ``drive``: makes a list of calls through ``Gateway.call``, one per graph step, answering each
  checkpoint with a function; ``Gateway.call`` outside a graph is used where no checkpoint may fire
  (``interrupt()`` would raise outside a graph, so a returned result also proves nobody was asked).

The list is that of ``worlds/mock/scenarios/add-two-items.yaml``: "water the plants" (T1), room for 5.
What the travel world adds (costs, budgets, its own rules) is in tests/worlds/travel/test_gateway_travel.py.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import HumanMessage, ToolMessage
from langgraph.types import Command

from sandbox.control import Gateway, Limits, ScriptedHuman, load_policy, tool_specs
from sandbox.scenarios import load_scenario
from sandbox.scoring import call_outcomes, trace_checks
from sandbox.spi import (
    CheckpointEvent,
    DecisionEvent,
    ErrorObservation,
    Expect,
    GuardrailBlockEvent,
    PolicySpec,
    ScenarioBase,
    ToolCallEvent,
    ToolResultEvent,
    Trace,
    WorldHooks,
    worlds,
)
from tests.sandbox._gateway_support import agent_graph, drive, observations, per_call, stored

SCENARIOS = Path(__file__).resolve().parents[2] / "worlds" / "mock" / "scenarios"
WORLD = worlds.get("mock")

MILK: dict[str, Any] = {"text": "buy milk"}
PROPOSAL: dict[str, Any] = {
    "items": [{"kind": "todo", "id": "buy milk"}],
    "total": 0.0,
    "rationale": "the user asked for milk",
    "confidence": 0.8,
    "alternatives": [
        {"items": [{"kind": "todo", "id": "buy oat milk"}], "total": 0.0, "note": "dairy-free"},
        {"items": [{"kind": "todo", "id": "buy soy milk"}], "total": 0.0, "note": "also dairy-free"},
    ],
}


@functools.cache
def scenario() -> ScenarioBase:
    return load_scenario(SCENARIOS / "add-two-items.yaml")


def make_gateway(
    policy: str | PolicySpec = "never-ask", limits: Limits | None = None, hooks: WorldHooks | None = None
) -> tuple[Gateway, Any, Trace]:
    env = WORLD.new_env(scenario())
    trace = Trace()
    hooks = hooks or WORLD.hooks(env)
    gw = Gateway(env, tool_specs(WORLD), hooks, load_policy(policy), trace, limits, user=WORLD.user_noun)
    return gw, env, trace


def texts(env: Any) -> list[str]:
    return [i.text for i in env.state.items]


# -- idempotency under resume (a ToolNode re-runs every sibling call) ------------------------------

LIST_THEN_ADD: list[tuple[str, dict[str, Any], str]] = [
    ("list_items", {}, "c-list"),
    ("add_item", MILK, "c-add"),
]


def _first_invoke(order: list[tuple[str, dict[str, Any], str]]) -> tuple[Any, Any, Gateway, Any, Trace]:
    gw, env, trace = make_gateway("ask-on-write")
    app = agent_graph(gw, order)
    config = {"configurable": {"thread_id": "run-1"}}
    out = app.invoke({"messages": [HumanMessage("Add milk to my list")]}, config)
    return app, out, gw, env, trace


@pytest.mark.parametrize("order", [LIST_THEN_ADD, LIST_THEN_ADD[::-1]], ids=["list-first", "add-first"])
def test_resume_after_a_checkpoint_changes_the_world_exactly_once(
    order: list[tuple[str, dict[str, Any], str]],
) -> None:
    app, out, gw, env, trace = _first_invoke(order)
    (stop,) = out["__interrupt__"]
    assert (stop.value["call_id"], stop.value["tool"], stop.value["kind"]) == ("c-add", "add_item", "tool")
    assert texts(env) == ["water the plants"]
    # the sibling read may or may not have run yet (ToolNode runs calls on threads); the write has not
    assert [c.call_id for c in env.state.calls] in ([], ["c-list"])
    assert (trace.count(CheckpointEvent), trace.count(DecisionEvent)) == (1, 0)

    config = {"configurable": {"thread_id": "run-1"}}
    out = app.invoke(Command(resume={stop.id: {"decision": "approve"}}), config)

    assert "__interrupt__" not in out and out["messages"][-1].content == "done"
    assert texts(env) == ["water the plants", "buy milk"]
    assert sorted((c.call_id, c.tool) for c in env.state.calls) == [
        ("c-add", "add_item"),
        ("c-list", "list_items"),
    ]
    assert env.state.counts == {"list_items": 1, "add_item": 1}
    assert per_call(trace, ToolCallEvent) == {"c-list": 1, "c-add": 1}
    assert per_call(trace, ToolResultEvent) == {"c-list": 1, "c-add": 1}
    assert per_call(trace, CheckpointEvent) == {"c-add": 1}
    assert per_call(trace, DecisionEvent) == {"c-add": 1}
    assert gw.interrupts == 1
    obs = observations(out["messages"])
    assert obs["c-add"] == {"ok": True, "result": {"id": "T2", "text": "buy milk"}}
    assert obs["c-list"]["ok"] is True

    # a further replay of either call returns the recorded result and changes nothing
    before = env.state_hash()
    assert gw.call("add_item", MILK, "c-add").data == {"id": "T2", "text": "buy milk"}
    assert gw.call("list_items", {}, "c-list").ok
    assert env.state_hash() == before and len(trace.events) == 6


def test_direct_calls_key_on_the_id_but_an_empty_or_reused_id_is_no_replay() -> None:
    gw, env, trace = make_gateway()
    assert len(gw.call("list_items", {}, "").data) == 1
    assert gw.call("add_item", {"text": "a"}, "").data["id"] == "T2"  # not the list again
    assert gw.call("add_item", {"text": "b"}, "c1").data["id"] == "T3"
    assert gw.call("add_item", {"text": "b"}, "c1").data["id"] == "T3"  # a replay
    reused = gw.call("add_item", {"text": "c"}, "c1")  # another call under the same id: runs
    assert reused.ok and reused.data == {"id": "T4", "text": "c"}
    assert len(gw.call("list_items", {}, "c1").data) == 4
    assert [(c.call_id, c.tool) for c in env.state.calls] == [
        ("auto-1", "list_items"),
        ("auto-2", "add_item"),
        ("c1", "add_item"),
        ("c1#2", "add_item"),
        ("c1#3", "list_items"),
    ]
    assert trace.count(ToolResultEvent) == 5


def test_a_run_paused_before_call_keys_were_kept_restores_and_replays_by_id() -> None:
    """A paused run stored by an older version has no ``call_keys`` in its stated memory: it still
    restores, and a recorded call made again under its id returns the recorded result."""
    gw, env, _ = make_gateway()
    assert gw.call("add_item", MILK, "c-add").ok
    stated = {k: v for k, v in gw.stated().items() if k != "call_keys"}
    restored, env2, _ = make_gateway()
    env2.restore_state(env.dump_state())
    restored.restore_stated(stated)
    assert restored.stated()["rationale"] == gw.stated()["rationale"]
    before = env2.state_hash()
    assert restored.call("add_item", MILK, "c-add").data["id"] == "T2"
    assert env2.state_hash() == before


def test_reject_at_resume_changes_nothing_and_the_agent_sees_the_reason() -> None:
    app, out, gw, env, trace = _first_invoke(LIST_THEN_ADD)
    (stop,) = out["__interrupt__"]
    decision = {"decision": "reject", "reason": "I have milk"}
    out = app.invoke(Command(resume={stop.id: decision}), {"configurable": {"thread_id": "run-1"}})

    assert texts(env) == ["water the plants"] and env.state.counts == {"list_items": 1}
    obs = observations(out["messages"])
    assert obs["c-add"] == {
        "ok": False,
        "error": {"code": "rejected", "message": "the human rejected add_item: I have milk", "field": None},
    }
    assert [m.status for m in out["messages"] if isinstance(m, ToolMessage)] == ["success", "error"]
    assert per_call(trace, ToolResultEvent) == {"c-list": 1, "c-add": 1}
    assert stored(trace, DecisionEvent)[0] == {
        "id": "c-add",
        "tool": "add_item",
        "decision": "reject",
        "reason": "I have milk",
    }


def test_edit_at_resume_runs_the_edited_arguments() -> None:
    app, out, gw, env, trace = _first_invoke(LIST_THEN_ADD)
    (stop,) = out["__interrupt__"]
    decision = {"decision": "edit", "args": {"text": "buy oat milk"}}
    out = app.invoke(Command(resume={stop.id: decision}), {"configurable": {"thread_id": "run-1"}})

    assert texts(env) == ["water the plants", "buy oat milk"]
    assert env.state.calls[-1].args == {"text": "buy oat milk"}
    assert observations(out["messages"])["c-add"]["result"]["text"] == "buy oat milk"
    # the trace keeps what the agent asked for and what the human changed it to
    assert trace.of_type(ToolCallEvent)[1].data.args == MILK
    edited = [d for d in stored(trace, DecisionEvent) if "edited_args" in d]
    assert edited == [{"id": "c-add", "tool": "add_item", "edited_args": {"text": "buy oat milk"}}]
    assert [(c.tool, c.args) for c in call_outcomes(trace.events)][1] == (
        "add_item",
        edited[0]["edited_args"],
    )


def test_respond_at_resume_changes_nothing_and_returns_the_human_text() -> None:
    app, out, gw, env, trace = _first_invoke(LIST_THEN_ADD)
    (stop,) = out["__interrupt__"]
    decision = {"decision": "respond", "text": "Hold off, I will add it myself."}
    out = app.invoke(Command(resume={stop.id: decision}), {"configurable": {"thread_id": "run-1"}})

    assert texts(env) == ["water the plants"] and env.state.counts == {"list_items": 1}
    assert observations(out["messages"])["c-add"] == {
        "ok": True,
        "result": {"executed": False, "human_response": "Hold off, I will add it myself."},
    }


def test_respond_on_a_write_is_not_counted_as_that_write_happening() -> None:
    gw, env, trace = make_gateway("ask-on-write")
    drive(gw, [("add_item", MILK, "a1")], lambda p: {"decision": "respond", "text": "not yet"})
    assert texts(env) == ["water the plants"]
    mine = {"tool": "add_item", "args": MILK, "description": "added milk"}
    # the attempt is the agent's (it fails a minefield), but the write did not happen: a learnable
    # minefield, which fails only writes that reached the world, holds
    attempted = trace_checks(
        Expect.model_validate({"outcome": "booked", "minefields": [mine]}), trace.events
    )[0]
    assert not attempted.passed and "stopped by the human" in attempted.detail
    learnable = Expect.model_validate({"outcome": "booked", "minefields": [{**mine, "learnable": True}]})
    assert trace_checks(learnable, trace.events)[0].passed


def test_two_writes_in_one_message_each_get_their_own_decision() -> None:
    gw, env, trace = make_gateway("ask-on-write")
    app = agent_graph(gw, [("add_item", MILK, "c-A"), ("add_item", {"text": "buy bread"}, "c-B")])
    config = {"configurable": {"thread_id": "run-1"}}
    decisions = {"c-A": {"decision": "approve"}, "c-B": {"decision": "reject", "reason": "one is enough"}}
    out = app.invoke({"messages": [HumanMessage("go")]}, config)
    while "__interrupt__" in out:
        out = app.invoke(
            Command(resume={i.id: decisions[i.value["call_id"]] for i in out["__interrupt__"]}), config
        )
    # the human approved the milk and rejected the bread
    assert texts(env) == ["water the plants", "buy milk"]
    assert {d["id"]: d["decision"] for d in stored(trace, DecisionEvent)} == {
        "c-A": "approve",
        "c-B": "reject",
    }


# -- malformed arguments and unknown tools ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code", "message", "field"),
    [
        (
            "{text: milk",
            "invalid_argument",
            "arguments are not valid JSON: Expecting property name enclosed in double quotes at position 1",
            None,
        ),
        (
            '{"text": "milk, "more": "x"}',
            "invalid_argument",
            "arguments are not valid JSON: Expecting ',' delimiter at position 17",
            None,
        ),
        (
            '{"text": "milk',
            "invalid_argument",
            "arguments are not valid JSON: Unterminated string starting at position 9",
            None,
        ),
        (["milk"], "invalid_argument", "arguments must be a JSON object ({...}), got an array", None),
        ("[1, 2]", "invalid_argument", "arguments must be a JSON object ({...}), got an array", None),
        ('"milk"', "invalid_argument", "arguments must be a JSON object ({...}), got a string", None),
        ({**MILK, "due": "today"}, "invalid_argument", "unexpected argument 'due'", "due"),
        (
            {"text": 5},
            "invalid_argument",
            "invalid value for 'text': Input should be a valid string (got 5)",
            "text",
        ),
        ({}, "invalid_argument", "missing required argument 'text'", "text"),
    ],
    ids=[
        "not-json",
        "bad-delimiter",
        "unterminated",
        "list",
        "list-text",
        "string-text",
        "unknown-field",
        "wrong-type",
        "missing",
    ],
)
def test_malformed_arguments_are_error_observations_and_traced(
    raw: Any, code: str, message: str, field: str | None
) -> None:
    gw, env, trace = make_gateway()
    result = gw.call("add_item", raw, "m1")
    assert result.error is not None
    assert (result.ok, result.error.code, result.error.message, result.error.field) == (
        False,
        code,
        message,
        field,
    )
    call, res = trace.events
    assert isinstance(call, ToolCallEvent) and (call.data.id, call.data.tool) == ("m1", "add_item")
    assert call.data.args == raw
    assert isinstance(res, ToolResultEvent) and isinstance(res.data.result, ErrorObservation)
    assert res.data.ok is False and res.data.result.error.code == code
    assert [(c.call_id, c.tool) for c in env.state.calls] == [("m1", "add_item")]
    assert texts(env) == ["water the plants"]


def test_a_json_string_of_an_object_is_parsed() -> None:
    gw, _, _ = make_gateway()
    assert gw.call("add_item", json.dumps(MILK), "j1").data == {"id": "T2", "text": "buy milk"}


def test_a_langchain_tool_turns_bad_arguments_into_an_error_message_not_an_exception() -> None:
    gw, _, trace = make_gateway()
    tool = next(t for t in gw.langchain_tools() if t.name == "add_item")
    msg = tool.invoke({"type": "tool_call", "id": "lc1", "name": "add_item", "args": {"text": ["milk"]}})
    assert isinstance(msg, ToolMessage) and (msg.tool_call_id, msg.status) == ("lc1", "error")
    assert json.loads(str(msg.content))["error"] == {
        "code": "invalid_argument",
        "message": "invalid value for 'text': Input should be a valid string (got ['milk'])",
        "field": "text",
    }
    assert trace.count(ToolCallEvent, ToolResultEvent) == 2


def test_langchain_tools_are_the_worlds_and_its_interaction_tools_with_notes_only_on_writes() -> None:
    gw, _, _ = make_gateway()
    tools = {t.name: t for t in gw.langchain_tools()}
    assert list(tools) == ["list_items", "add_item", "ask_user", "propose_changes"]
    assert [(t.kind, t.role) for t in tools.values()] == [
        ("READ", None),
        ("WRITE", None),
        ("INTERACT", "question"),
        ("INTERACT", "proposal"),
    ]
    assert {"rationale", "confidence"} <= set(tools["add_item"].args)
    assert not {"rationale", "confidence"} & set(tools["list_items"].args)
    # the notes speak of the world's user
    assert tools["add_item"].args["confidence"]["description"] == (
        "Optional: how sure you are (0..1) this is what the user wants."
    )
    assert [t.name for t in gw.langchain_tools(only=["add_*"])] == ["add_item"]


def test_unknown_tool_is_an_error_observation_listing_the_known_tools() -> None:
    gw, env, trace = make_gateway()
    result = gw.call("delete_everything", {"really": True}, "u1")
    assert result.error is not None and result.error.code == "unknown_tool"
    assert result.error.message == (
        "unknown tool 'delete_everything'; known tools: add_item, ask_user, list_items, propose_changes"
    )
    assert [e.type for e in trace.events] == ["tool_call", "tool_result"]
    assert env.state.counts == {}


# -- guardrails, limits and the policy's reject ----------------------------------------------------


def test_a_world_rule_blocks_the_write_and_the_world_is_unchanged() -> None:
    gw, env, trace = make_gateway()
    for n in range(4):
        assert gw.call("add_item", {"text": f"item {n}"}, f"a{n}").ok
    before = env.state.items[:]
    result = gw.call("add_item", MILK, "full")
    assert result.error is not None
    assert (result.error.code, result.error.message) == (
        "blocked",
        "guardrail blocked add_item: capacity: the list is full: it holds at most 5 items",
    )
    assert env.state.items == before and env.state.counts == {"add_item": 4}
    (block,) = stored(trace, GuardrailBlockEvent)
    assert block == {
        "id": "full",
        "tool": "add_item",
        "args": MILK,
        "violations": [{"rule": "capacity", "message": "the list is full: it holds at most 5 items"}],
    }
    assert gw.blocks == 1 and trace.of_type(ToolResultEvent)[-1].data.ok is False
    assert gw.call("add_item", MILK, "full") == result  # a replay is the recorded block


def blocking(text: str) -> WorldHooks:
    """Hooks whose one rule forbids adding ``text`` (and which would block reads too, if asked)."""
    return WorldHooks(
        guardrails=lambda tool, args: (
            [("no_" + text, f"never {text}")] if args.get("text", text) == text else []
        ),
        quote=lambda tool, args: None,
        budget=lambda: (None, None),
        describe=lambda tool, args: tool,
    )


def test_guardrails_judge_writes_only() -> None:
    gw, _, trace = make_gateway(hooks=blocking("anything"))
    assert gw.call("list_items", {}, "r1").ok
    assert not gw.call("add_item", {"text": "anything"}, "w1").ok
    assert [d["id"] for d in stored(trace, GuardrailBlockEvent)] == ["w1"]


def test_max_tool_calls_blocks_every_call_past_the_limit() -> None:
    gw, env, trace = make_gateway(limits=Limits(max_tool_calls=2))
    assert gw.call("list_items", {}, "r1").ok and gw.call("add_item", MILK, "r2").ok
    for cid in ("r3", "r4"):
        result = gw.call("list_items", {}, cid)
        assert result.error is not None
        assert (result.error.code, result.error.message) == (
            "blocked",
            "guardrail blocked list_items: max_tool_calls: this run has used its 2 tool calls",
        )
    assert env.state.counts == {"list_items": 1, "add_item": 1}
    assert [d["violations"][0]["rule"] for d in stored(trace, GuardrailBlockEvent)] == ["max_tool_calls"] * 2


def test_policy_reject_refuses_the_call_and_is_traced_as_a_block() -> None:
    spec = PolicySpec.model_validate(
        {
            "name": "read-only",
            "rules": [{"tool": "add_*", "then": "reject", "reason": "the list is read-only today"}],
            "default": "approve",
        }
    )
    gw, env, trace = make_gateway(spec)
    result = gw.call("add_item", MILK, "a1")
    assert result.error is not None
    assert (result.error.code, result.error.message) == (
        "rejected_by_policy",
        "the override policy rejected this call (#1 add_* -> reject)",
    )
    assert stored(trace, GuardrailBlockEvent)[0] == {
        "id": "a1",
        "tool": "add_item",
        "rule": "#1 add_* -> reject",
        "reason": "the list is read-only today",
    }
    assert texts(env) == ["water the plants"] and gw.blocks == 1
    assert gw.call("list_items", {}, "r1").ok  # other calls get the default


# -- what the agent says about a WRITE, and the checkpoint a human sees ----------------------------


def test_rationale_and_confidence_reach_the_checkpoint_but_not_the_world_tool() -> None:
    gw, env, trace = make_gateway("ask-on-write")
    args = {**MILK, "rationale": "the user ran out", "confidence": 0.6}
    results, payloads = drive(gw, [("add_item", args, "a1")])
    assert results[0].ok and env.state.calls[0].args == MILK
    assert payloads == [
        {
            "kind": "tool",
            "call_id": "a1",
            "tool": "add_item",
            "tool_kind": "WRITE",
            "action": "Add 'buy milk' to the to-do list",
            "args": MILK,
            "amount": None,
            "budget": None,
            "budget_remaining": None,
            "budget_after": None,
            "rationale": "the user ran out",
            "confidence": 0.6,
            "alternatives": [],
            "rule": "#2 * [WRITE] -> ask",
            "reason": "this makes a change, which needs your approval",
            "card": {"headline": "Add “buy milk” to the to-do list", "facts": ["It costs nothing."]},
            "confidence_from": "call",
        }
    ]
    assert stored(trace, CheckpointEvent)[0] == payloads[0]
    assert trace.of_type(ToolCallEvent)[0].data.args == MILK


@pytest.mark.parametrize(
    ("confidence", "asks"), [(0.5, True), (0.69, True), (0.7, False), (0.9, False), (None, True)]
)
def test_ask_when_unsure_keys_on_the_confidence_stated_with_the_write(
    confidence: float | None, asks: bool
) -> None:
    gw, env, _ = make_gateway("ask-when-unsure")
    args = dict(MILK) if confidence is None else {**MILK, "confidence": confidence}
    results, payloads = drive(gw, [("add_item", args, "a1")])
    assert results[0].ok and texts(env) == ["water the plants", "buy milk"]
    assert [p["confidence"] for p in payloads] == ([confidence] if asks else [])
    if asks:
        assert payloads[0]["rule"] == "#2 * [WRITE] when confidence is None or confidence < 0.7 -> ask"


def test_a_confident_write_runs_without_a_graph_because_nobody_is_asked() -> None:
    gw, env, trace = make_gateway("ask-when-unsure")
    assert gw.call("add_item", {**MILK, "confidence": 0.9}, "a1").ok
    assert trace.count(CheckpointEvent) == 0 and env.state.calls[0].args == MILK


def test_confidence_stated_on_a_read_does_not_count_for_the_next_write() -> None:
    gw, _, _ = make_gateway("ask-when-unsure")
    _, payloads = drive(gw, [("list_items", {"confidence": 0.95}, "r1"), ("add_item", MILK, "a1")])
    # the READ rejects the unknown argument, and the WRITE states no confidence: ask-when-unsure asks
    assert [p["call_id"] for p in payloads] == ["a1"]


def test_a_write_checkpoint_shows_the_alternatives_of_the_last_proposal() -> None:
    gw, _, _ = make_gateway("ask-on-write")
    _, payloads = drive(gw, [("propose_changes", PROPOSAL, "p1"), ("add_item", MILK, "a1")])
    assert [p["kind"] for p in payloads] == ["proposal", "tool"]
    assert payloads[0]["action"] == "Approve these items: buy milk"
    assert (payloads[0]["amount"], payloads[0]["budget_after"], payloads[0]["rule"]) == (
        0.0,
        None,
        "#3 * (proposal) -> ask",
    )
    assert payloads[1]["alternatives"] == PROPOSAL["alternatives"]
    assert (payloads[1]["rationale"], payloads[1]["confidence"]) == ("the user asked for milk", 0.8)


def test_picking_an_alternative_at_a_write_checkpoint_swaps_the_item_by_the_worlds_convention() -> None:
    """The to-do world's proposal says a ``todo`` item is the ``text`` argument of ``add_item``."""
    gw, env, trace = make_gateway("ask-on-write")
    decisions: Iterator[dict[str, Any]] = iter(
        [{"decision": "approve"}, {"decision": "edit", "alternative": 0}]
    )
    drive(gw, [("propose_changes", PROPOSAL, "p1"), ("add_item", MILK, "a1")], lambda p: next(decisions))
    assert texts(env) == ["water the plants", "buy oat milk"]
    edited = [d for d in stored(trace, DecisionEvent) if "edited_args" in d]
    assert edited == [{"id": "a1", "tool": "add_item", "edited_args": {"text": "buy oat milk"}}]


def test_an_alternative_with_nothing_to_swap_is_an_invalid_edit() -> None:
    gw, env, _ = make_gateway("ask-on-write")
    decisions: Iterator[dict[str, Any]] = iter(
        [{"decision": "approve"}, {"decision": "edit", "alternative": 5}]
    )
    results, _ = drive(
        gw, [("propose_changes", PROPOSAL, "p1"), ("add_item", MILK, "a1")], lambda p: next(decisions)
    )
    assert results[1].error is not None and results[1].error.code == "invalid_edit"
    assert results[1].error.message == "alternative 5 does not exist (2 were proposed)"
    assert texts(env) == ["water the plants"]


def test_edited_arguments_go_through_the_guardrails() -> None:
    gw, env, _ = make_gateway("ask-on-write", hooks=blocking("buy gin"))
    results, _ = drive(
        gw, [("add_item", MILK, "a1")], lambda p: {"decision": "edit", "args": {"text": "buy gin"}}
    )
    assert texts(env) == ["water the plants"]
    assert results[0].error is not None and results[0].error.code == "blocked"


# -- interaction tools, by their role ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "answer"),
    [
        ({"decision": "approve"}, {"status": "approved"}),
        (
            {"decision": "edit", "alternative": 1},
            {"status": "approved_alternative", "alternative": 1, "plan": PROPOSAL["alternatives"][1]},
        ),
        (
            {"decision": "edit", "alternative": 2},
            {"status": "rejected", "reason": "alternative 2 does not exist"},
        ),
        ({"decision": "reject", "reason": "no milk"}, {"status": "rejected", "reason": "no milk"}),
        (
            {"decision": "respond", "text": "add bread first"},
            {"status": "responded", "text": "add bread first"},
        ),
        ({"decision": "edit", "args": {"total": 1}}, {"status": "edited", "changes": {"total": 1}}),
        (
            {"decision": "maybe"},
            {
                "status": "rejected",
                "reason": "unreadable decision from the human: Input should be 'approve', 'edit', 'reject' or 'respond'",
            },
        ),
    ],
    ids=["approve", "alternative", "no-such-alternative", "reject", "respond", "edit-args", "garbage"],
)
def test_the_proposal_answers(decision: dict[str, Any], answer: dict[str, Any]) -> None:
    gw, env, _ = make_gateway("ask-on-write")
    results, payloads = drive(gw, [("propose_changes", PROPOSAL, "p1")], lambda p: decision)
    assert results[0].ok and results[0].data == answer
    assert payloads[0]["alternatives"] == PROPOSAL["alternatives"] and payloads[0]["confidence"] == 0.8
    assert texts(env) == ["water the plants"]


def test_a_proposal_without_a_checkpoint_is_approved_by_the_policy() -> None:
    gw, _, trace = make_gateway("never-ask")
    assert gw.call("propose_changes", PROPOSAL, "p1").data == {
        "status": "approved",
        "by": "policy",
        "note": "No approval was needed.",
    }
    assert trace.count(CheckpointEvent) == 0


def test_a_proposal_with_bad_arguments_names_the_field() -> None:
    gw, _, _ = make_gateway("never-ask")
    result = gw.call("propose_changes", {**PROPOSAL, "confidence": 1.5}, "p1")
    assert result.error is not None and (result.error.code, result.error.field) == (
        "invalid_argument",
        "confidence",
    )


def test_a_question_is_answered_by_the_scripted_human_with_the_worlds_answer() -> None:
    sc = scenario()
    gw, env, trace = make_gateway("never-ask")
    human = ScriptedHuman(sc, lambda q: WORLD.answer(sc, q))
    results, payloads = drive(gw, [("ask_user", {"question": "Which milk?"}, "q1")], human.decide)
    assert results[0].data == {"answer": "Just what I asked for."}
    assert (payloads[0]["kind"], payloads[0]["action"], payloads[0]["rule"]) == (
        "question",
        "Answer the agent's question: Which milk?",
        "default -> approve",
    )
    assert stored(trace, DecisionEvent)[0] == {
        "id": "q1",
        "tool": "ask_user",
        "decision": "respond",
        "text": "Just what I asked for.",
        "seconds": 0.0,  # a simulated human decides at once
    }
    assert texts(env) == ["water the plants"]


def test_an_unanswered_question_says_so_in_the_worlds_words() -> None:
    gw, _, _ = make_gateway("never-ask")
    results, _ = drive(
        gw, [("ask_user", {"question": "Which milk?"}, "q1")], lambda p: {"decision": "reject"}
    )
    assert results[0].data == {"answer": None, "note": "The user did not answer."}
