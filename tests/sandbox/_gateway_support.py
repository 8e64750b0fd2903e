"""Helpers shared by the gateway tests: drive calls through ``Gateway.call`` one per graph step, or run
a small agent graph whose tool node is the gateway's tools (see tests/sandbox/test_gateway.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypedDict

from langchain_core.messages import AIMessage, ToolMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode
from langgraph.types import Command

from sandbox.control import Gateway
from sandbox.spi import CheckpointEvent, Event, ToolResult, Trace

Decide = Callable[[dict[str, Any]], dict[str, Any]]


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
