"""The ``react`` agent: a plain tool-calling loop (DESIGN.md §6).

    START -> model -> tools -> model -> ... -> END (when the model answers without tool calls)

The model node sends the world's rules (``ctx.policy_text``) as the system message, then the
conversation, to ``ctx.model.bind_tools(ctx.tools)``. Malformed tool calls (arguments that are not
JSON, a missing name) and calls to tools that do not exist are not dropped: they go through the
gateway like any other call, which answers each with a precise error observation and traces it.
Interrupts raised by the gateway (override checkpoints) pass through the tool node untouched; a
reply's calls run in order, one at a time, so the same replies always give the same world state.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, SystemMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, MessagesState, StateGraph

from agents._messages import with_invalid_calls_routed
from sandbox.agent import AgentContext


def run_tools_in_order(tools: Sequence[Any]) -> Any:
    """A tool node that runs the last reply's calls one by one, in order, unknown names included.

    In order, stopping at a checkpoint: LangGraph's ``ToolNode`` runs a reply's calls in parallel, so
    the calls after one that waits for the human may reach the world before or after it, and the same
    replies could end in different states (and state hashes). Here the calls after a checkpoint run
    only once the human has answered (on resume the node re-runs, and the calls already made return
    their recorded results). Unknown names: the gateway-wrapped tools route by their own name, so a
    renamed copy of any of them carries the unknown name to the gateway, which answers
    ``unknown_tool`` (and the trace records it) instead of the graph answering on its own.
    """
    by_name = {t.name: t for t in tools}

    def tool_for(name: str) -> Any:
        if name in by_name:
            return by_name[name]
        gateway_tools = [t for t in by_name.values() if hasattr(t, "gateway")]
        return gateway_tools[0].model_copy(update={"name": name}) if gateway_tools else None

    def run_tools(state: MessagesState, config: RunnableConfig) -> dict[str, Any]:
        last = state["messages"][-1]
        results: list[ToolMessage] = []
        for call in last.tool_calls if isinstance(last, AIMessage) else []:
            tool = tool_for(call["name"])
            if tool is None:
                text = f"unknown tool {call['name']!r}; known tools: {', '.join(sorted(by_name))}"
                results.append(
                    ToolMessage(text, tool_call_id=call["id"] or "", name=call["name"], status="error")
                )
                continue
            results.append(tool.invoke({**call, "type": "tool_call"}, config))
        return {"messages": results}

    return run_tools


def has_tool_calls(state: MessagesState) -> bool:
    last = state["messages"][-1]
    return isinstance(last, AIMessage) and bool(last.tool_calls)


def build(ctx: AgentContext) -> Any:
    if ctx.model is None:
        raise ValueError("the react agent needs a chat model (ctx.model is None)")
    model = ctx.model.bind_tools(ctx.tools)
    system = SystemMessage(content=ctx.policy_text)

    def call_model(state: MessagesState) -> dict[str, Any]:
        reply = model.invoke([system, *state["messages"]])
        if not isinstance(reply, AIMessage):  # a model that returns a bare string or chunk
            reply = AIMessage(content=getattr(reply, "content", str(reply)))
        return {"messages": [with_invalid_calls_routed(reply)]}

    def route(state: MessagesState) -> str:
        return "tools" if has_tool_calls(state) else END

    graph = StateGraph(MessagesState)
    graph.add_node("model", call_model)
    graph.add_node("tools", run_tools_in_order(ctx.tools))
    graph.add_edge(START, "model")
    graph.add_conditional_edges("model", route, ["tools", END])
    graph.add_edge("tools", "model")
    return graph.compile(checkpointer=ctx.checkpointer)


build.needs_model = True  # type: ignore[attr-defined]
