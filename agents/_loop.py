"""The tool loop the shipped graphs share: decide -> run the reply's tool calls -> decide ... -> END.

``tool_loop(ctx, decide)`` compiles it for any ``decide(state) -> AIMessage`` (a model call, or a
rule-based baseline); ``run_tools_in_order`` is its tool node, also used by the planner's phases;
``tool_results`` reads the JSON observations back by call id (for agents that choose their own
unique ids; a model's ids may repeat, see ``agents._messages.answered_calls``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, MessagesState, StateGraph

from agents._messages import calls_of
from sandbox.spi import AgentContext


def run_tools_in_order(tools: Sequence[Any], refuse: Callable[[str], str | None] | None = None) -> Any:
    """A tool node that runs the last reply's calls one by one, in order, unknown names included.

    In order, stopping at a checkpoint: LangGraph's ``ToolNode`` runs a reply's calls in parallel, so
    the calls after one that waits for the human may reach the world before or after it, and the same
    replies could end in different states (and state hashes). Here the calls after a checkpoint run
    only once the human has answered (on resume the node re-runs, and the calls already made return
    their recorded results). Unknown names: the gateway-wrapped tools route by their own name, so a
    renamed copy of any of them carries the unknown name to the gateway, which answers
    ``unknown_tool`` (and the trace records it) instead of the graph answering on its own. Malformed
    calls go to the gateway with their raw text (``agents._messages.calls_of``). ``refuse(name)``, if
    given, answers a call with an error text instead of running it (e.g. a tool not bound in a phase).
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
            why = refuse(name) if refuse is not None else None
            tool = tool_for(name) if why is None else None
            if tool is not None:
                results.append(tool.invoke(call, config))
                continue
            why = why or f"unknown tool {name!r}; known tools: {', '.join(sorted(by_name))}"
            results.append(ToolMessage(why, tool_call_id=call["id"] or "", name=name, status="error"))
        return {"messages": results}

    return run_tools


def has_tool_calls(state: MessagesState) -> bool:
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


def tool_results(messages: Sequence[BaseMessage]) -> dict[str, dict[str, Any]]:
    """Every tool observation so far, parsed, by call id (an unreadable one as an error)."""
    out: dict[str, dict[str, Any]] = {}
    for m in messages:
        if isinstance(m, ToolMessage):
            try:
                out[m.tool_call_id] = json.loads(str(m.content))
            except json.JSONDecodeError:
                out[m.tool_call_id] = {
                    "ok": False,
                    "error": {"code": "unreadable", "message": str(m.content)},
                }
    return out
