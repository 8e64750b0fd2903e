"""The tool gateway (sandbox/control/_gateway.py, lc_tools.py, checkpoints.py, interaction.py) on the travel world.

Two ways in:

- ``agent_graph``: a small agent (StateGraph + MessagesState + ``ToolNode`` over
  ``gateway.langchain_tools()``) whose first turn is a message with the given tool calls, run with an
  ``InMemorySaver`` and resumed with ``Command(resume={interrupt.id: decision})``, exactly as the
  runner does. It proves that tool execution is idempotent per call id when LangGraph re-runs the
  tool node on resume.
- ``drive``: makes a list of calls through ``Gateway.call``, one per graph step, answering each
  checkpoint with a function; ``Gateway.call`` outside a graph is used where no checkpoint may fire
  (``interrupt()`` would raise outside a graph, so a returned result also proves nobody was asked).

Flights and hotels are those of ``scenarios/basic-round-trip.yaml`` (budget $3,500, party of one):
AX100 ($402, 06:25) and MV100 ($497, 12:05) SFO->JFK on 20 January; H-JFK-04 in New York.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypedDict

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode
from langgraph.types import Command

from sandbox.control import Gateway, Limits, ScriptedHuman, load_policy
from sandbox.scenarios import load_scenario
from sandbox.scoring import call_outcomes, trace_checks
from sandbox.spi import (
    CheckpointEvent,
    DecisionEvent,
    ErrorObservation,
    Event,
    Expect,
    GuardrailBlockEvent,
    PolicySpec,
    ScenarioBase,
    ToolCallEvent,
    ToolResult,
    ToolResultEvent,
    Trace,
    worlds,
)

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
WORLD = worlds.get("travel")

AX100 = "AX100-2027-01-20"
MV100 = "MV100-2027-01-20"
SEARCH_OUT: dict[str, Any] = {"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}
BOOK_AX100: dict[str, Any] = {"flight_id": AX100, "passengers": 1}
HOTEL: dict[str, Any] = {"hotel_id": "H-JFK-04", "check_in": "2027-01-20", "check_out": "2027-01-24"}
AX100_ACTION = (
    "Book flight AX100 SFO->JFK, departs Wed 20 Jan 2027 06:25 (non-stop) "
    "for 1 passenger(s) in economy for $402.00"
)

PROPOSAL: dict[str, Any] = {
    "items": [{"kind": "flight", "id": AX100, "price": 402.0}],
    "total": 402.0,
    "rationale": "cheapest morning non-stop",
    "confidence": 0.8,
    "alternatives": [
        {"items": [{"kind": "flight", "id": MV100}], "total": 497.0, "note": "leaves at noon"},
        {"items": [{"kind": "flight", "id": "UA100-2027-01-20"}], "total": 610.0, "note": "one stop"},
    ],
}

Decide = Callable[[dict[str, Any]], dict[str, Any]]


@functools.cache
def scenario(name: str = "basic-round-trip") -> ScenarioBase:
    return load_scenario(SCENARIOS / f"{name}.yaml")


def make_gateway(
    policy: str | PolicySpec = "never-ask", name: str = "basic-round-trip", limits: Limits | None = None
) -> tuple[Gateway, Any, Trace]:
    sc = scenario(name)
    env = WORLD.new_env(sc)
    trace = Trace()
    return Gateway(env, WORLD.tools, WORLD.hooks(env), load_policy(policy), trace, limits), env, trace


def approve(payload: dict[str, Any]) -> dict[str, Any]:
    return {"decision": "approve"}


class _Steps(TypedDict):
    i: int
    results: list[dict[str, Any]]


def drive(
    gw: Gateway, calls: list[tuple[str, Any, str]], decide: Decide = approve
) -> tuple[list[ToolResult], list[dict[str, Any]]]:
    """Make ``calls`` (name, args, call id) one per graph step; the results and every checkpoint payload."""

    def step(state: _Steps) -> dict[str, Any]:
        name, args, call_id = calls[state["i"]]
        result = gw.call(name, args, call_id)
        return {"i": state["i"] + 1, "results": [*state["results"], result.model_dump(mode="json")]}

    graph = StateGraph(_Steps)
    graph.add_node("step", step)
    graph.add_edge(START, "step")
    graph.add_conditional_edges("step", lambda s: "step" if s["i"] < len(calls) else END, ["step", END])
    app = graph.compile(checkpointer=InMemorySaver())
    config: Any = {"configurable": {"thread_id": "t"}}
    out = app.invoke({"i": 0, "results": []}, config)
    payloads: list[dict[str, Any]] = []
    while "__interrupt__" in out:
        payloads += [i.value for i in out["__interrupt__"]]
        out = app.invoke(Command(resume={i.id: decide(i.value) for i in out["__interrupt__"]}), config)
    return [ToolResult.model_validate(r) for r in out["results"]], payloads


def agent_graph(gw: Gateway, first_turn: list[tuple[str, dict[str, Any], str]]) -> Any:
    """An agent whose first message makes every call in ``first_turn`` at once, then says "done"."""
    calls = [{"name": n, "args": a, "id": cid, "type": "tool_call"} for n, a, cid in first_turn]

    def act(state: MessagesState) -> dict[str, Any]:
        first = len(state["messages"]) == 1
        return {"messages": [AIMessage(content="" if first else "done", tool_calls=calls if first else [])]}

    def route(state: MessagesState) -> str:
        last = state["messages"][-1]
        return "tools" if isinstance(last, AIMessage) and last.tool_calls else END

    graph = StateGraph(MessagesState)
    graph.add_node("act", act)
    graph.add_node("tools", ToolNode(gw.langchain_tools()))
    graph.add_edge(START, "act")
    graph.add_conditional_edges("act", route, ["tools", END])
    graph.add_edge("tools", "act")
    return graph.compile(checkpointer=InMemorySaver())


def observations(messages: list[Any]) -> dict[str, dict[str, Any]]:
    return {m.tool_call_id: json.loads(str(m.content)) for m in messages if isinstance(m, ToolMessage)}


def per_call(trace: Trace, kind: type[Event[Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in trace.of_type(kind):
        cid = e.data.call_id if isinstance(e, CheckpointEvent) else e.data.id
        out[cid] = out.get(cid, 0) + 1
    return out


def stored(trace: Trace, kind: type[Event[Any]]) -> list[dict[str, Any]]:
    """The data of the trace's events of one kind, as a stored trace has it."""
    return [e.data.model_dump(mode="json") for e in trace.of_type(kind)]


def world_changes(env: Any) -> tuple[Any, ...]:
    """Everything a WRITE changes (not the call record)."""
    s = env.state
    return (s.model_dump(include={"bookings", "seats_taken", "rooms_taken", "ledger", "calendar"}),)


# -- idempotency under resume (a ToolNode re-runs every sibling call) ------------------------------

SEARCH_THEN_BOOK: list[tuple[str, dict[str, Any], str]] = [
    ("search_flights", SEARCH_OUT, "c-search"),
    ("book_flight", BOOK_AX100, "c-book"),
]


def _first_invoke(order: list[tuple[str, dict[str, Any], str]]) -> tuple[Any, Any, Gateway, Any, Trace]:
    gw, env, trace = make_gateway("ask-on-write")
    app = agent_graph(gw, order)
    config = {"configurable": {"thread_id": "run-1"}}
    out = app.invoke({"messages": [HumanMessage("Book me a flight to New York")]}, config)
    return app, out, gw, env, trace


@pytest.mark.parametrize(
    "order", [SEARCH_THEN_BOOK, SEARCH_THEN_BOOK[::-1]], ids=["search-first", "book-first"]
)
def test_resume_after_a_checkpoint_changes_the_world_exactly_once(
    order: list[tuple[str, dict[str, Any], str]],
) -> None:
    app, out, gw, env, trace = _first_invoke(order)
    (stop,) = out["__interrupt__"]
    assert (stop.value["call_id"], stop.value["tool"], stop.value["kind"]) == (
        "c-book",
        "book_flight",
        "tool",
    )
    assert env.state.bookings == {} and env.state.ledger == []
    # the sibling search may or may not have run yet (ToolNode runs calls on threads); the booking has not
    assert [r.call_id for r in env.state.tool_calls] in ([], ["c-search"])
    assert (trace.count(CheckpointEvent), trace.count(DecisionEvent)) == (1, 0)

    config = {"configurable": {"thread_id": "run-1"}}
    out = app.invoke(Command(resume={stop.id: {"decision": "approve"}}), config)

    assert "__interrupt__" not in out and out["messages"][-1].content == "done"
    s = env.state
    assert [(b.id, b.item_id, b.status, b.call_id) for b in s.bookings.values()] == [
        ("B0001", AX100, "confirmed", "c-book")
    ]
    assert [(e.kind, e.amount_cents, e.booking_id) for e in s.ledger] == [("charge", 40200, "B0001")]
    assert s.seats_taken == {f"{AX100}/economy": 1}
    assert sorted((r.call_id, r.tool) for r in s.tool_calls) == [
        ("c-book", "book_flight"),
        ("c-search", "search_flights"),
    ]
    assert s.call_counts == {"search_flights": 1, "book_flight": 1}
    assert per_call(trace, ToolCallEvent) == {"c-search": 1, "c-book": 1}
    assert per_call(trace, ToolResultEvent) == {"c-search": 1, "c-book": 1}
    assert per_call(trace, CheckpointEvent) == {"c-book": 1}
    assert per_call(trace, DecisionEvent) == {"c-book": 1}
    assert gw.interrupts == 1
    obs = observations(out["messages"])
    assert obs["c-book"]["ok"] is True and obs["c-book"]["result"]["booking_id"] == "B0001"
    assert obs["c-search"]["result"]["count"] == 2

    # a further replay of either call returns the recorded result and changes nothing
    before = env.state_hash()
    assert gw.call("book_flight", BOOK_AX100, "c-book").data["booking_id"] == "B0001"
    assert gw.call("search_flights", SEARCH_OUT, "c-search").ok
    assert env.state_hash() == before and len(trace.events) == 6


def test_direct_calls_key_on_the_id_but_an_empty_or_reused_id_is_no_replay() -> None:
    gw, env, trace = make_gateway()
    budget = gw.call("get_budget", {}, "")
    assert budget.data["spent"] == 0.0
    assert gw.call("search_flights", SEARCH_OUT, "").data["count"] == 2  # not the budget again
    assert gw.call("book_flight", BOOK_AX100, "c1").data["booking_id"] == "B0001"
    assert gw.call("book_flight", BOOK_AX100, "c1").data["booking_id"] == "B0001"  # a replay
    reused = gw.call("book_hotel", HOTEL, "c1")  # another call under the same id: runs
    assert reused.ok and reused.data["hotel_id"] == "H-JFK-04"
    assert gw.call("get_budget", {}, "c1").data["spent"] > 402.0
    assert [(r.call_id, r.tool) for r in env.state.tool_calls] == [
        ("auto-1", "get_budget"),
        ("auto-2", "search_flights"),
        ("c1", "book_flight"),
        ("c1#2", "book_hotel"),
        ("c1#3", "get_budget"),
    ]
    assert len(env.state.bookings) == 2 and trace.count(ToolResultEvent) == 5


def test_a_run_paused_before_call_keys_were_kept_restores_and_replays_by_id() -> None:
    """A paused run stored by an older version has no ``call_keys`` in its stated memory: it still
    restores, and a recorded call made again under its id returns the recorded result."""
    gw, env, _ = make_gateway()
    assert gw.call("book_flight", BOOK_AX100, "c-book").ok
    stated = {k: v for k, v in gw.stated().items() if k != "call_keys"}
    restored, env2, _ = make_gateway()
    env2.restore_state(env.dump_state())
    restored.restore_stated(stated)
    assert restored.stated()["rationale"] == gw.stated()["rationale"]
    before = env2.state_hash()
    assert restored.call("book_flight", BOOK_AX100, "c-book").data["booking_id"] == "B0001"
    assert env2.state_hash() == before


def test_reject_at_resume_books_nothing_and_the_agent_sees_the_reason() -> None:
    app, out, gw, env, trace = _first_invoke(SEARCH_THEN_BOOK)
    (stop,) = out["__interrupt__"]
    decision = {"decision": "reject", "reason": "I never fly before 8 am"}
    out = app.invoke(Command(resume={stop.id: decision}), {"configurable": {"thread_id": "run-1"}})

    assert env.state.bookings == {} and env.state.ledger == [] and env.state.seats_taken == {}
    assert env.state.call_counts == {"search_flights": 1}
    obs = observations(out["messages"])
    assert obs["c-book"] == {
        "ok": False,
        "error": {
            "code": "rejected",
            "message": "the human rejected book_flight: I never fly before 8 am",
            "field": None,
        },
    }
    assert [m.status for m in out["messages"] if isinstance(m, ToolMessage)] == ["success", "error"]
    assert per_call(trace, ToolResultEvent) == {"c-search": 1, "c-book": 1}
    assert stored(trace, DecisionEvent)[0] == {
        "id": "c-book",
        "tool": "book_flight",
        "decision": "reject",
        "reason": "I never fly before 8 am",
    }


def test_edit_at_resume_books_the_edited_arguments() -> None:
    app, out, gw, env, trace = _first_invoke(SEARCH_THEN_BOOK)
    (stop,) = out["__interrupt__"]
    decision = {"decision": "edit", "args": {"flight_id": MV100}}
    out = app.invoke(Command(resume={stop.id: decision}), {"configurable": {"thread_id": "run-1"}})

    s = env.state
    assert [(b.item_id, b.passengers) for b in s.bookings.values()] == [(MV100, 1)]
    assert s.seats_taken == {f"{MV100}/economy": 1}
    assert [e.amount_cents for e in s.ledger] == [49700]
    assert s.tool_calls[-1].args == {"flight_id": MV100, "passengers": 1}
    assert observations(out["messages"])["c-book"]["result"]["flight_id"] == MV100
    # the trace keeps what the agent asked for and what the human changed it to
    assert trace.of_type(ToolCallEvent)[1].data.args == BOOK_AX100
    edited = [d for d in stored(trace, DecisionEvent) if "edited_args" in d]
    assert edited == [
        {"id": "c-book", "tool": "book_flight", "edited_args": {"flight_id": MV100, "passengers": 1}}
    ]
    assert [(c.tool, c.args) for c in call_outcomes(trace.events)][1] == (
        "book_flight",
        edited[0]["edited_args"],
    )


def test_edit_of_the_passenger_count_is_booked_for_that_many() -> None:
    gw, env, trace = make_gateway("ask-on-write", "two-travellers")
    flight = WORLD.reference_plan(scenario("two-travellers"))["options"][0]["calls"][0]["args"]["flight_id"]
    results, _ = drive(
        gw,
        [("book_flight", {"flight_id": flight, "passengers": 1}, "b1")],
        lambda p: {"decision": "edit", "args": {"passengers": 2}},
    )
    assert results[0].ok and results[0].data["passengers"] == 2
    assert env.state.seats_taken == {f"{flight}/economy": 2}


def test_respond_at_resume_changes_nothing_and_returns_the_human_text() -> None:
    app, out, gw, env, trace = _first_invoke(SEARCH_THEN_BOOK)
    before = world_changes(env)
    (stop,) = out["__interrupt__"]
    decision = {"decision": "respond", "text": "Hold off, I will book the flight myself."}
    out = app.invoke(Command(resume={stop.id: decision}), {"configurable": {"thread_id": "run-1"}})

    assert world_changes(env) == before and env.state.bookings == {}
    assert env.state.call_counts == {"search_flights": 1}
    assert observations(out["messages"])["c-book"] == {
        "ok": True,
        "result": {"executed": False, "human_response": "Hold off, I will book the flight myself."},
    }


def test_respond_on_a_write_is_not_counted_as_that_write_happening() -> None:
    gw, env, trace = make_gateway("ask-on-write")
    drive(gw, [("book_hotel", HOTEL, "h1")], lambda p: {"decision": "respond", "text": "not yet"})
    assert env.state.bookings == {}
    mine = Expect.model_validate(
        {
            "outcome": "booked",
            "minefields": [
                {"tool": "book_hotel", "args": {"hotel_id": "H-JFK-04"}, "description": "booked H-JFK-04"}
            ],
        }
    )
    assert trace_checks(mine, trace.events)[0].passed


def test_two_writes_in_one_message_each_get_their_own_decision() -> None:
    gw, env, trace = make_gateway("ask-on-write")
    app = agent_graph(
        gw, [("book_flight", BOOK_AX100, "c-A"), ("book_flight", {**BOOK_AX100, "flight_id": MV100}, "c-B")]
    )
    config = {"configurable": {"thread_id": "run-1"}}
    decisions = {
        "c-A": {"decision": "approve"},
        "c-B": {"decision": "reject", "reason": "one flight is enough"},
    }
    out = app.invoke({"messages": [HumanMessage("go")]}, config)
    while "__interrupt__" in out:
        out = app.invoke(
            Command(resume={i.id: decisions[i.value["call_id"]] for i in out["__interrupt__"]}), config
        )
    # the human approved AX100 and rejected MV100
    assert [b.item_id for b in env.state.bookings.values()] == [AX100]
    assert {d["id"]: d["decision"] for d in stored(trace, DecisionEvent)} == {
        "c-A": "approve",
        "c-B": "reject",
    }


# -- malformed arguments and unknown tools ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code", "message", "field"),
    [
        (
            "{origin: SFO",
            "invalid_argument",
            "arguments are not valid JSON: Expecting property name enclosed in double quotes at position 1",
            None,
        ),
        (
            '{"origin": "SFO, "destination": "JFK"}',
            "invalid_argument",
            "arguments are not valid JSON: Expecting ',' delimiter at position 18",
            None,
        ),
        (
            '{"origin": "SFO',
            "invalid_argument",
            "arguments are not valid JSON: Unterminated string starting at position 11",
            None,
        ),
        (["SFO", "JFK"], "invalid_argument", "arguments must be a JSON object ({...}), got an array", None),
        ("[1, 2]", "invalid_argument", "arguments must be a JSON object ({...}), got an array", None),
        ('"SFO"', "invalid_argument", "arguments must be a JSON object ({...}), got a string", None),
        ({**SEARCH_OUT, "seat": "aisle"}, "invalid_argument", "unexpected argument 'seat'", "seat"),
        (
            {**SEARCH_OUT, "passengers": "two"},
            "invalid_argument",
            "invalid value for 'passengers': Input should be a valid integer, unable to parse string as an integer (got 'two')",
            "passengers",
        ),
        (
            {"origin": "SFO", "date": "2027-01-20"},
            "invalid_argument",
            "missing required argument 'destination'",
            "destination",
        ),
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
    result = gw.call("search_flights", raw, "m1")
    assert result.error is not None
    assert (result.ok, result.error.code, result.error.message, result.error.field) == (
        False,
        code,
        message,
        field,
    )
    call, res = trace.events
    assert isinstance(call, ToolCallEvent) and (call.data.id, call.data.tool) == ("m1", "search_flights")
    assert call.data.args == raw
    assert isinstance(res, ToolResultEvent) and isinstance(res.data.result, ErrorObservation)
    assert res.data.ok is False and res.data.result.error.code == code
    assert [(r.call_id, r.tool) for r in env.state.tool_calls] == [("m1", "search_flights")]


def test_a_json_string_of_an_object_is_parsed() -> None:
    gw, _, _ = make_gateway()
    assert gw.call("search_flights", json.dumps(SEARCH_OUT), "j1").data["count"] == 2


def test_a_langchain_tool_turns_bad_arguments_into_an_error_message_not_an_exception() -> None:
    gw, _, trace = make_gateway()
    tool = next(t for t in gw.langchain_tools() if t.name == "book_flight")
    msg = tool.invoke(
        {
            "type": "tool_call",
            "id": "lc1",
            "name": "book_flight",
            "args": {"flight_id": AX100, "passengers": 0},
        }
    )
    assert isinstance(msg, ToolMessage) and (msg.tool_call_id, msg.status) == ("lc1", "error")
    assert json.loads(str(msg.content))["error"] == {
        "code": "invalid_argument",
        "message": "invalid value for 'passengers': Input should be greater than or equal to 1 (got 0)",
        "field": "passengers",
    }
    assert trace.count(ToolCallEvent, ToolResultEvent) == 2


def test_langchain_tools_have_world_and_interaction_tools_with_notes_only_on_writes() -> None:
    gw, _, _ = make_gateway()
    tools = {t.name: t for t in gw.langchain_tools()}
    assert {"search_flights", "book_flight", "ask_user", "propose_itinerary"} <= set(tools)
    assert {"rationale", "confidence"} <= set(tools["book_flight"].args)
    assert not {"rationale", "confidence"} & set(tools["search_flights"].args)
    assert [t.name for t in gw.langchain_tools(only=["book_*"])] == ["book_flight", "book_hotel"]


def test_unknown_tool_is_an_error_observation_listing_the_known_tools() -> None:
    gw, env, trace = make_gateway()
    result = gw.call("book_spaceship", {"to": "Mars"}, "u1")
    assert result.error is not None and result.error.code == "unknown_tool"
    assert result.error.message.startswith(
        "unknown tool 'book_spaceship'; known tools: add_calendar_event, ask_user, book_flight,"
    )
    assert "propose_itinerary" in result.error.message and "search_flights" in result.error.message
    assert [e.type for e in trace.events] == ["tool_call", "tool_result"]
    assert env.state.call_counts == {}


# -- guardrails, limits and the policy's reject ----------------------------------------------------


def test_guardrail_blocks_a_duplicate_booking_and_the_world_is_unchanged() -> None:
    gw, env, trace = make_gateway()
    assert gw.call("book_flight", BOOK_AX100, "b1").ok
    before = world_changes(env)
    result = gw.call("book_flight", BOOK_AX100, "b2")
    assert result.error is not None
    assert (result.error.code, result.error.message) == (
        "blocked",
        f"guardrail blocked book_flight: no_duplicate: flight {AX100} is already booked or held as B0001",
    )
    assert world_changes(env) == before and env.state.call_counts == {"book_flight": 1}
    (block,) = stored(trace, GuardrailBlockEvent)
    assert block == {
        "id": "b2",
        "tool": "book_flight",
        "args": BOOK_AX100,
        "violations": [
            {"rule": "no_duplicate", "message": f"flight {AX100} is already booked or held as B0001"}
        ],
    }
    assert gw.blocks == 1 and trace.of_type(ToolResultEvent)[-1].data.ok is False
    assert gw.call("book_flight", BOOK_AX100, "b2") == result  # a replay is the recorded block


def test_guardrail_blocks_a_booking_over_budget_naming_every_rule_it_breaks() -> None:
    gw, env, trace = make_gateway()
    result = gw.call("book_flight", {"flight_id": AX100, "passengers": 9}, "b1")
    assert result.error is not None and result.error.code == "blocked"
    rules = [v["rule"] for v in stored(trace, GuardrailBlockEvent)[0]["violations"]]
    assert rules == ["budget_cap", "passenger_count"]
    assert (
        "book_flight costs $3,618.00 but only $3,500.00 of the $3,500.00 budget is left"
        in result.error.message
    )
    assert env.state.bookings == {} and env.state.ledger == []


def test_guardrails_do_not_judge_reads() -> None:
    gw, _, trace = make_gateway(limits=Limits(max_tool_calls=100))
    assert gw.call("search_flights", {**SEARCH_OUT, "passengers": 9}, "r1").ok
    assert trace.count(GuardrailBlockEvent) == 0


def test_max_tool_calls_blocks_every_call_past_the_limit() -> None:
    gw, env, trace = make_gateway(limits=Limits(max_tool_calls=2))
    assert gw.call("get_budget", {}, "r1").ok and gw.call("get_calendar", {}, "r2").ok
    for cid in ("r3", "r4"):
        result = gw.call("get_budget", {}, cid)
        assert result.error is not None
        assert (result.error.code, result.error.message) == (
            "blocked",
            "guardrail blocked get_budget: max_tool_calls: this run has used its 2 tool calls",
        )
    assert env.state.call_counts == {"get_budget": 1, "get_calendar": 1}
    assert [d["violations"][0]["rule"] for d in stored(trace, GuardrailBlockEvent)] == ["max_tool_calls"] * 2


def test_policy_reject_refuses_the_call_and_is_traced_as_a_block() -> None:
    spec = PolicySpec.model_validate(
        {
            "name": "no-hotels",
            "rules": [{"tool": "book_hotel", "then": "reject", "reason": "hotels are booked by the office"}],
            "default": "approve",
        }
    )
    gw, env, trace = make_gateway(spec)
    result = gw.call("book_hotel", HOTEL, "h1")
    assert result.error is not None
    assert (result.error.code, result.error.message) == (
        "rejected_by_policy",
        "the override policy rejected this call (#1 book_hotel -> reject)",
    )
    assert stored(trace, GuardrailBlockEvent)[0] == {
        "id": "h1",
        "tool": "book_hotel",
        "rule": "#1 book_hotel -> reject",
        "reason": "hotels are booked by the office",
    }
    assert env.state.bookings == {} and gw.blocks == 1
    assert gw.call("book_flight", BOOK_AX100, "b1").ok  # other calls get the default


# -- what the agent says about a WRITE, and the checkpoint a human sees ----------------------------


def test_rationale_and_confidence_reach_the_checkpoint_but_not_the_world_tool() -> None:
    gw, env, trace = make_gateway("ask-on-write")
    args = {**BOOK_AX100, "rationale": "the only morning non-stop", "confidence": 0.6}
    results, payloads = drive(gw, [("book_flight", args, "b1")])
    assert results[0].ok and env.state.tool_calls[0].args == BOOK_AX100
    assert payloads == [
        {
            "kind": "tool",
            "call_id": "b1",
            "tool": "book_flight",
            "tool_kind": "WRITE",
            "action": AX100_ACTION,
            "args": BOOK_AX100,
            "amount": 402.0,
            "budget": 3500.0,
            "budget_remaining": 3500.0,
            "budget_after": 3098.0,
            "rationale": "the only morning non-stop",
            "confidence": 0.6,
            "alternatives": [],
            "rule": "#2 * [WRITE] -> ask",
        }
    ]
    assert stored(trace, CheckpointEvent)[0] == payloads[0]
    assert trace.of_type(ToolCallEvent)[0].data.args == BOOK_AX100


@pytest.mark.parametrize(
    ("confidence", "asks"), [(0.5, True), (0.69, True), (0.7, False), (0.9, False), (None, True)]
)
def test_ask_when_unsure_keys_on_the_confidence_stated_with_the_write(
    confidence: float | None, asks: bool
) -> None:
    gw, env, _ = make_gateway("ask-when-unsure")
    args = dict(BOOK_AX100) if confidence is None else {**BOOK_AX100, "confidence": confidence}
    results, payloads = drive(gw, [("book_flight", args, "b1")])
    assert results[0].ok and len(env.state.bookings) == 1
    assert [p["confidence"] for p in payloads] == ([confidence] if asks else [])
    if asks:
        assert payloads[0]["rule"] == "#2 * [WRITE] when confidence is None or confidence < 0.7 -> ask"


def test_a_confident_write_runs_without_a_graph_because_nobody_is_asked() -> None:
    gw, env, trace = make_gateway("ask-when-unsure")
    assert gw.call("book_flight", {**BOOK_AX100, "confidence": 0.9}, "b1").ok
    assert trace.count(CheckpointEvent) == 0 and env.state.tool_calls[0].args == BOOK_AX100


def test_confidence_stated_on_a_read_does_not_count_for_the_next_write() -> None:
    gw, env, _ = make_gateway("ask-when-unsure")
    calls = [("search_flights", {**SEARCH_OUT, "confidence": 0.95}, "s1"), ("book_flight", BOOK_AX100, "b1")]
    _, payloads = drive(gw, calls)
    # the WRITE states no confidence of its own, so ask-when-unsure must ask
    assert [p["call_id"] for p in payloads] == ["b1"]


def test_a_write_checkpoint_shows_the_alternatives_of_the_last_proposal() -> None:
    gw, _, _ = make_gateway("ask-on-write")
    _, payloads = drive(gw, [("propose_itinerary", PROPOSAL, "p1"), ("book_flight", BOOK_AX100, "b1")])
    assert [p["kind"] for p in payloads] == ["proposal", "tool"]
    assert payloads[0]["action"] == f"Approve this plan: {AX100}, total $402.00"
    assert (payloads[0]["amount"], payloads[0]["budget_after"], payloads[0]["rule"]) == (
        402.0,
        None,
        "#3 propose_itinerary -> ask",
    )
    assert payloads[1]["alternatives"] == PROPOSAL["alternatives"]
    assert (payloads[1]["rationale"], payloads[1]["confidence"]) == ("cheapest morning non-stop", 0.8)


def test_picking_an_alternative_at_a_booking_checkpoint_does_not_book_the_original() -> None:
    gw, env, _ = make_gateway("ask-on-write")
    decisions: Iterator[dict[str, Any]] = iter(
        [{"decision": "approve"}, {"decision": "edit", "alternative": 0}]
    )
    drive(
        gw,
        [("propose_itinerary", PROPOSAL, "p1"), ("book_flight", BOOK_AX100, "b1")],
        lambda p: next(decisions),
    )
    assert AX100 not in [b.item_id for b in env.state.bookings.values()]


def test_edited_arguments_go_through_the_guardrails() -> None:
    gw, env, _ = make_gateway("ask-on-write")
    results, _ = drive(
        gw, [("book_flight", BOOK_AX100, "b1")], lambda p: {"decision": "edit", "args": {"passengers": 9}}
    )
    assert env.state.bookings == {}
    assert results[0].error is not None and results[0].error.code == "blocked"


# -- interaction tools -----------------------------------------------------------------------------


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
        ({"decision": "reject", "reason": "too early"}, {"status": "rejected", "reason": "too early"}),
        (
            {"decision": "respond", "text": "book the hotel first"},
            {"status": "responded", "text": "book the hotel first"},
        ),
        ({"decision": "edit", "args": {"total": 390}}, {"status": "edited", "changes": {"total": 390}}),
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
def test_propose_itinerary_answers(decision: dict[str, Any], answer: dict[str, Any]) -> None:
    gw, env, _ = make_gateway("ask-on-write")
    results, payloads = drive(gw, [("propose_itinerary", PROPOSAL, "p1")], lambda p: decision)
    assert results[0].ok and results[0].data == answer
    assert payloads[0]["alternatives"] == PROPOSAL["alternatives"] and payloads[0]["confidence"] == 0.8
    assert env.state.bookings == {}


def test_propose_itinerary_without_a_checkpoint_is_approved_by_the_policy() -> None:
    gw, _, trace = make_gateway("never-ask")
    assert gw.call("propose_itinerary", PROPOSAL, "p1").data == {
        "status": "approved",
        "by": "policy",
        "note": "No approval was needed.",
    }
    assert trace.count(CheckpointEvent) == 0


def test_propose_itinerary_with_bad_arguments_names_the_field() -> None:
    gw, _, _ = make_gateway("never-ask")
    result = gw.call("propose_itinerary", {**PROPOSAL, "confidence": 1.5}, "p1")
    assert result.error is not None and (result.error.code, result.error.field) == (
        "invalid_argument",
        "confidence",
    )


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "What is the purpose of this trip?",
            "It's a work trip; I have meetings in Midtown on Thursday and Friday.",
        ),
        ("Do you like window seats?", "No particular wishes about the flights beyond what I said."),
        ("Is there anything else I should know?", "I don't mind; use your judgement."),
    ],
)
def test_ask_user_is_answered_by_the_scripted_human_from_the_traveller_facts(
    question: str, answer: str
) -> None:
    sc = scenario()
    gw, env, trace = make_gateway("never-ask")
    human = ScriptedHuman(sc, lambda q: WORLD.answer(sc, q))
    results, payloads = drive(gw, [("ask_user", {"question": question}, "q1")], human.decide)
    assert results[0].data == {"answer": answer}
    assert (payloads[0]["kind"], payloads[0]["action"]) == (
        "question",
        f"Answer the agent's question: {question}",
    )
    assert stored(trace, DecisionEvent)[0] == {
        "id": "q1",
        "tool": "ask_user",
        "decision": "respond",
        "text": answer,
    }
    assert env.state.bookings == {}
