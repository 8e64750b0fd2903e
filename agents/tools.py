"""Helpers for agent graphs: the public toolkit the shipped graphs are built from, for yours too.

Reading a model's reply and the results it got back:

- ``calls_of(msg)``: every tool call of a reply in the order a tool node runs them, malformed ones
  (``AIMessage.invalid_tool_calls``: arguments that are not JSON, a missing name) included with their
  raw argument text, so the gateway answers each with the exact problem and the model sees its own
  call next turn, not a rewritten one;
- ``answered_calls(messages)``: every answered call paired with its ``ToolMessage`` **by position**
  (a model's call ids may repeat or be empty: some servers number every reply's calls from ``call_0``);
- ``observation(msg)``: a ``ToolMessage``'s JSON envelope as a dict, ``{"ok": true, "result": ...}``
  or ``{"ok": false, "error": {"code", "message", "field"}}`` (text that is not JSON reads as an
  ``unreadable`` error);
- ``tool_results(messages)``: every observation so far by call id, for graphs that choose their own
  unique ids.

Building a graph:

- ``run_tools_in_order(tools)``: a tool node that runs the last reply's calls one at a time, in order,
  stopping at a checkpoint; unknown names, calls of tools the phase does not offer and malformed calls
  go to the gateway, which answers and traces them;
- ``tool_loop(ctx, decide)``: compiles ``decide -> tools -> decide ...`` until a reply has no calls,
  for any ``decide(state) -> AIMessage`` (a model call, or rules).

The result shapes these helpers read are documented in ``docs/agents.md``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, MessagesState, StateGraph

from sandbox.spi import AgentContext

__all__ = [
    "answered_calls",
    "calls_of",
    "has_tool_calls",
    "observation",
    "run_tools_in_order",
    "tool_loop",
    "tool_results",
]


def calls_of(msg: BaseMessage) -> list[dict[str, Any]]:
    """Every tool call of a reply, in the order the tool node runs them (well-formed ones first).

    A malformed call's ``args`` is its raw text (or None), never a wrapper: the message is not changed.
    """
    if not isinstance(msg, AIMessage):
        return []
    calls: list[dict[str, Any]] = [{**c, "type": "tool_call"} for c in msg.tool_calls]
    for bad in msg.invalid_tool_calls:
        calls.append(
            {
                "name": bad.get("name") or "unnamed_tool",
                "args": bad.get("args"),
                "id": bad.get("id"),
                "type": "tool_call",
            }
        )
    return calls


def answered_calls(messages: Sequence[BaseMessage]) -> list[tuple[dict[str, Any], ToolMessage]]:
    """Every answered call with its result: the tool messages right after a reply answer its calls in
    order (``calls_of`` order, as the shipped tool nodes write them)."""
    out: list[tuple[dict[str, Any], ToolMessage]] = []
    waiting: list[dict[str, Any]] = []
    for m in messages:
        if isinstance(m, ToolMessage):
            if waiting:
                out.append((waiting.pop(0), m))
        else:
            waiting = calls_of(m)
    return out


def run_tools_in_order(tools: Sequence[Any]) -> Any:
    """A tool node that runs the last reply's calls one by one, in order, unknown names included.

    In order, stopping at a checkpoint: LangGraph's ``ToolNode`` runs a reply's calls in parallel, so
    the calls after one that waits for the human may reach the world before or after it, and the same
    replies could end in different states (and state hashes). Here the calls after a checkpoint run
    only once the human has answered (on resume the node re-runs, and the calls already made return
    their recorded results). Names the node was not given: the gateway-wrapped tools route by their own
    name, so a renamed copy of any of them carries the name to the gateway, which answers
    ``unknown_tool`` for a name no tool has, and ``not_in_phase`` for a real tool that the phase the
    tools are scoped to (``AgentContext.phase_tools``) does not offer; the trace records both. Malformed
    calls go to the gateway with their raw text (``calls_of``).
    """
    by_name = {t.name: t for t in tools}

    def tool_for(name: str) -> Any:
        if name in by_name:
            return by_name[name]
        gateway_tools = [t for t in by_name.values() if hasattr(t, "gateway")]
        return gateway_tools[0].model_copy(update={"name": name}) if gateway_tools else None

    def run_tools(state: MessagesState, config: RunnableConfig) -> dict[str, Any]:
        results: list[ToolMessage] = []
        for call in calls_of(state["messages"][-1]):
            name = call["name"]
            tool = tool_for(name)
            if tool is not None:
                results.append(tool.invoke(call, config))
                continue
            why = f"unknown tool {name!r}; known tools: {', '.join(sorted(by_name))}"
            results.append(ToolMessage(why, tool_call_id=call["id"] or "", name=name, status="error"))
        return {"messages": results}

    return run_tools


def has_tool_calls(state: MessagesState) -> bool:
    """Whether the last message is a reply with tool calls (malformed ones count)."""
    return bool(calls_of(state["messages"][-1]))


def tool_loop(ctx: AgentContext, decide: Callable[[MessagesState], AIMessage]) -> Any:
    """Compile ``decide`` -> tools -> ``decide`` ... until a reply has no tool calls."""

    def step(state: MessagesState) -> dict[str, Any]:
        return {"messages": [decide(state)]}

    def route(state: MessagesState) -> str:
        return "tools" if has_tool_calls(state) else END

    graph = StateGraph(MessagesState)
    graph.add_node("act", step)
    graph.add_node("tools", run_tools_in_order(ctx.tools))
    graph.add_edge(START, "act")
    graph.add_conditional_edges("act", route, ["tools", END])
    graph.add_edge("tools", "act")
    return graph.compile(checkpointer=ctx.checkpointer)


def observation(msg: ToolMessage) -> dict[str, Any]:
    """A tool result as the dict the gateway sent: ``{"ok": True, "result": ...}`` or
    ``{"ok": False, "error": {"code", "message", "field"}}``. A text that is not a JSON object (a graph's
    own answer, e.g. ``run_tools_in_order``'s to a name when it was given no gateway tool) reads as an
    ``unreadable`` error."""
    text = msg.content if isinstance(msg.content, str) else json.dumps(msg.content)
    try:
        body = json.loads(text)
    except json.JSONDecodeError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("ok"), bool):
        return body
    return {"ok": False, "error": {"code": "unreadable", "message": text, "field": None}}


def tool_results(messages: Sequence[BaseMessage]) -> dict[str, dict[str, Any]]:
    """Every tool observation so far (``observation``), by call id: for graphs that choose their own
    unique ids (a model's may repeat: pair them with ``answered_calls`` instead)."""
    return {m.tool_call_id: observation(m) for m in messages if isinstance(m, ToolMessage)}
