"""Issue 8 #12: a tool call gets its own result, whatever id the model gave it.

Some OpenAI-compatible servers (llama.cpp) number every reply's calls from ``call_0``; some send an
empty id. The gateway used to look earlier results up by the id alone: a second ``call_0`` got the
first one's result, and a booking reusing an id was skipped and answered as a success. Here the
attacks go through real graphs (``react`` and ``planner`` on a fake endpoint, a ``ToolNode`` graph,
a ``react`` graph restarted from its persisted state), READ and WRITE tools alike, with the default
policy asking before every WRITE, so the tool node is re-run on resume and replays must still hold.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from _fake_endpoint import SCENARIOS, FakeEndpoint, call, reply, run_on
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode
from langgraph.types import Command

from agents import react
from sandbox.control import Gateway, load_policy
from sandbox.scenarios import load_scenario
from sandbox.spi import AgentContext, RunResult, Trace, worlds

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

WORLD = worlds.get("travel")
AX100 = "AX100-2027-01-20"
OUT = '{"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}'
BACK = '{"origin": "JFK", "destination": "SFO", "date": "2027-01-24"}'
BOOK_OUT = '{"flight_id": "AX100-2027-01-20", "passengers": 1}'
BOOK_HOTEL = '{"hotel_id": "H-JFK-04", "check_in": "2027-01-20", "check_out": "2027-01-24"}'
SPENT = 402.0 + 2266.0  # AX100 and four nights at H-JFK-04


def same_id_everywhere(cid: str | None) -> list[dict[str, Any]]:
    """A react conversation on basic-round-trip whose every call carries the id ``cid``."""
    return [
        reply(calls=[call("get_budget", "{}", cid), call("search_flights", OUT, cid)]),
        reply(calls=[call("search_flights", BACK, cid)]),
        reply(calls=[call("book_flight", BOOK_OUT, cid), call("book_hotel", BOOK_HOTEL, cid)]),
        reply(calls=[call("get_budget", "{}", cid)]),
        reply(content="Booked B0001 and B0002. Total charged: $2,668.00."),
    ]


def assert_each_call_got_its_own_result(fake: FakeEndpoint, result: RunResult) -> None:
    assert result.status == "done", result.error
    budget, out = fake.results_shown(1)
    assert budget["result"]["budget_remaining"] == 3500.0 and "flights" not in budget["result"]
    assert {f["origin"] for f in out["result"]["flights"]} == {"SFO"}
    back = fake.results_shown(2)[2]
    assert {f["origin"] for f in back["result"]["flights"]} == {"JFK"}
    flight, hotel = fake.results_shown(3)[3:5]
    assert (flight["result"]["flight_id"], flight["result"]["booking_id"]) == (AX100, "B0001")
    assert (hotel["result"]["hotel_id"], hotel["result"]["booking_id"]) == ("H-JFK-04", "B0002")
    after = fake.results_shown(4)[5]
    assert after["result"]["spent"] == SPENT  # read again after the bookings, not the first answer
    # the world: two bookings, each asked about once and made once
    assert result.spend == SPENT and result.interrupts == 2
    done = [e.data.model_dump(mode="json") for e in result.trace if e.type == "tool_result"]
    assert [d["tool"] for d in done] == [
        "get_budget",
        "search_flights",
        "search_flights",
        "book_flight",
        "book_hotel",
        "get_budget",
    ]
    assert len({d["id"] for d in done}) == 6 and all(d["id"] for d in done)


def test_reused_tool_call_id_gets_its_own_result(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeEndpoint(same_id_everywhere("call_0")) as fake:
        result = run_on(fake, monkeypatch, "basic-round-trip")
    assert_each_call_got_its_own_result(fake, result)
    # the model still sees its own ids, each answered in the order it made the calls
    assert [m["tool_call_id"] for m in fake.shown(4) if m["role"] == "tool"] == ["call_0"] * 6


@pytest.mark.parametrize("cid", ["", None], ids=["empty", "missing"])
def test_empty_tool_call_id_is_not_shared(monkeypatch: pytest.MonkeyPatch, cid: str | None) -> None:
    with FakeEndpoint(same_id_everywhere(cid)) as fake:
        result = run_on(fake, monkeypatch, "basic-round-trip")
    assert_each_call_got_its_own_result(fake, result)


PROPOSAL = json.dumps(
    {
        "items": [{"kind": "flight", "id": "AX138-2027-01-15", "price": 95.0}],
        "total": 95.0,
        "rationale": "Aurora Air, lands before 5 pm",
        "confidence": 0.9,
    }
)
BOOK_ONE_WAY = '{"flight_id": "AX138-2027-01-15", "passengers": 1, "cabin": "economy"}'
ONE_WAY_REPORT = "Booked: B0001 (AX138-2027-01-15). Total charged: $95.00."


def test_reused_tool_call_id_in_the_planner_books_the_approved_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """The planner reads the traveller's answer to its proposal and books it; every call is ``call_0``."""
    script = [
        reply(content="One-way LHR to CDG on 15 January, economy, under $300."),  # understand
        reply(
            calls=[
                call("get_budget", "{}", "call_0"),
                call(
                    "search_flights",
                    '{"origin": "LHR", "destination": "CDG", "date": "2027-01-15"}',
                    "call_0",
                ),
            ]
        ),  # gather
        reply(content="I have the options."),
        reply(calls=[call("propose_itinerary", PROPOSAL, "call_0")]),  # propose: asks the traveller
        reply(content="Approved"),
        reply(calls=[call("book_flight", BOOK_ONE_WAY, "call_0")]),  # book: asks again
        reply(content="Booked B0001."),
        reply(calls=[call("list_bookings", "{}", "call_0")]),  # verify
        reply(content="The booking matches the plan."),
        reply(content=ONE_WAY_REPORT),  # report
    ]
    with FakeEndpoint(script) as fake:
        result = run_on(fake, monkeypatch, "one-way", agent="planner")
    assert result.status == "done", result.error
    assert result.final_message == ONE_WAY_REPORT
    assert result.scores is not None and result.scores.passed, result.scores
    assert fake.results_shown(4)[-1]["result"]["status"] == "approved"
    assert fake.results_shown(6)[-1]["result"]["booking_id"] == "B0001"
    assert [b["booking_id"] for b in fake.results_shown(8)[-1]["result"]["bookings"]] == ["B0001"]
    assert result.interrupts == 2 and result.spend == 95.0


# -- a third-party graph: LangGraph's own ToolNode runs a reply's calls in parallel ------------------
def gateway_for(scenario: str, trace: Trace | None = None) -> tuple[Gateway, Any]:
    env = WORLD.new_env(load_scenario(SCENARIOS / f"{scenario}.yaml"))
    policy = load_policy("ask-on-write")
    return Gateway(env, WORLD.tools, WORLD.hooks(env), policy, trace or Trace()), env


def tool_node_graph(gw: Gateway, turns: list[list[tuple[str, str]]]) -> Any:
    """An agent whose n-th reply makes the calls ``turns[n]`` (name, JSON arguments), all ``call_0``."""

    def act(state: MessagesState) -> dict[str, Any]:
        n = sum(isinstance(m, AIMessage) for m in state["messages"])
        calls = [
            {"name": name, "args": json.loads(args), "id": "call_0", "type": "tool_call"}
            for name, args in (turns[n] if n < len(turns) else [])
        ]
        return {"messages": [AIMessage(content="" if calls else "done", tool_calls=calls)]}

    graph = StateGraph(MessagesState)
    graph.add_node("act", act)
    graph.add_node("tools", ToolNode(gw.langchain_tools()))
    graph.add_edge(START, "act")
    graph.add_conditional_edges(
        "act", lambda s: "tools" if s["messages"][-1].tool_calls else END, ["tools", END]
    )
    graph.add_edge("tools", "act")
    return graph.compile(checkpointer=InMemorySaver())


def test_reused_tool_call_ids_in_a_parallel_tool_node_each_run_once() -> None:
    gw, env = gateway_for("basic-round-trip")
    turns = [
        [("get_budget", "{}"), ("book_flight", BOOK_OUT), ("book_hotel", BOOK_HOTEL)],
        [("get_budget", "{}"), ("get_budget", "{}")],  # the same call twice in one reply: both run
    ]
    app = tool_node_graph(gw, turns)
    config: Any = {"configurable": {"thread_id": "t"}}
    out = app.invoke({"messages": [HumanMessage("go")]}, config)
    asked = 0
    while "__interrupt__" in out:
        asked += len(out["__interrupt__"])
        out = app.invoke(
            Command(resume={i.id: {"decision": "approve"} for i in out["__interrupt__"]}), config
        )
    results = [json.loads(str(m.content)) for m in out["messages"] if isinstance(m, ToolMessage)]
    budget, flight, hotel, again, twice = results
    assert budget["result"]["spent"] == 0.0
    assert (flight["result"]["flight_id"], hotel["result"]["hotel_id"]) == (AX100, "H-JFK-04")
    assert again["result"]["spent"] == twice["result"]["spent"] == SPENT
    assert asked == 2 and len(env.state.bookings) == 2
    assert [r.tool for r in env.state.tool_calls] == [
        "get_budget",
        "book_flight",
        "book_hotel",
        "get_budget",
        "get_budget",
    ]


# -- a react graph stopped at a checkpoint, restarted from its persisted state, resumed ----------------
class Replies(BaseChatModel):
    """Answers with ``turns[n]`` when the conversation holds n replies so far (no memory of its own)."""

    turns: list[list[tuple[str, str]]]

    @property
    def _llm_type(self) -> str:
        return "replies"

    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:
        return self

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any
    ) -> ChatResult:
        n = sum(isinstance(m, AIMessage) for m in messages)
        calls = [
            {"name": name, "args": json.loads(args), "id": "call_0", "type": "tool_call"}
            for name, args in (self.turns[n] if n < len(self.turns) else [])
        ]
        msg = AIMessage(content="" if calls else "done", tool_calls=calls)
        return ChatResult(generations=[ChatGeneration(message=msg)])


def test_replay_after_a_restart_returns_the_recorded_result_and_books_once(tmp_path: Path) -> None:
    turns = [[("get_budget", "{}"), ("book_flight", BOOK_OUT)], [("get_budget", "{}")]]
    db = str(tmp_path / "checkpoints.sqlite")
    config: Any = {"configurable": {"thread_id": "run-1"}}

    def build(gw: Gateway, conn: sqlite3.Connection) -> Any:
        ctx = AgentContext(Replies(turns=turns), gw.langchain_tools(), "rules", SqliteSaver(conn))
        return react.build(ctx)

    gw, env = gateway_for("basic-round-trip")
    with sqlite3.connect(db, check_same_thread=False) as conn:
        out = build(gw, conn).invoke({"messages": [HumanMessage("book it")]}, config)
    assert [i.value["tool"] for i in out["__interrupt__"]] == ["book_flight"]
    first_budget = env.lookup("call_0")
    assert first_budget is not None and first_budget.data["spent"] == 0.0
    # what a paused live run keeps: the world's state, the gateway's memory, the trace
    state, stated, events = env.dump_state(), json.loads(json.dumps(gw.stated())), list(gw.trace.events)
    del gw, env

    gw, env = gateway_for("basic-round-trip", Trace(events))
    env.restore_state(state)
    gw.restore_stated(stated)
    with sqlite3.connect(db, check_same_thread=False) as conn:
        app = build(gw, conn)
        resume = {i.id: {"decision": "approve"} for i in out["__interrupt__"]}
        out = app.invoke(Command(resume=resume), config)
    assert "__interrupt__" not in out
    results = [json.loads(str(m.content)) for m in out["messages"] if isinstance(m, ToolMessage)]
    replayed, booked, again = results
    assert replayed == json.loads(first_budget.to_observation())  # the recorded result, not a new read
    assert booked["result"]["booking_id"] == "B0001"
    assert again["result"]["spent"] == 402.0
    assert len(env.state.bookings) == 1
    assert [r.tool for r in env.state.tool_calls] == ["get_budget", "book_flight", "get_budget"]
