"""The ``react`` agent: a plain tool-calling loop (DESIGN.md §6).

    START -> model -> tools -> model -> ... -> END (when the model answers without tool calls)

The model node sends the world's rules (``ctx.policy_text``) as the system message, then the
conversation, to ``ctx.model.bind_tools(ctx.tools)``. Malformed tool calls (arguments that are not
JSON, a missing name) and calls to tools that do not exist are not dropped: they go through the
gateway like any other call, which answers each with a precise error observation and traces it.
Interrupts raised by the gateway (override checkpoints) pass through the tool node untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.messages import AIMessage, SystemMessage, ToolMessage
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode
from langgraph.prebuilt.tool_node import ToolCallRequest
from langgraph.types import Command

from agents._messages import with_invalid_calls_routed
from sandbox.agent import AgentContext

Execute = Callable[[ToolCallRequest], "ToolMessage | Command[Any]"]


def gateway_tool_node(tools: Sequence[Any]) -> ToolNode:
    """A ``ToolNode`` that sends calls to unknown tool names through the gateway too.

    LangGraph's ``ToolNode`` answers an unknown name itself, so the gateway (and the trace) would
    never see it. The gateway-wrapped tools route by their own name, so a renamed copy of any of
    them carries the unknown name to the gateway, which rejects it as ``unknown_tool``.
    """
    tools = list(tools)

    def route_unknown(request: ToolCallRequest, execute: Execute) -> ToolMessage | Command[Any]:
        if request.tool is None and tools and hasattr(tools[0], "gateway"):
            stand_in = tools[0].model_copy(update={"name": request.tool_call["name"]})
            request = request.override(tool=stand_in)
        return execute(request)

    return ToolNode(tools, wrap_tool_call=route_unknown)


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
    graph.add_node("tools", gateway_tool_node(ctx.tools))
    graph.add_edge(START, "model")
    graph.add_conditional_edges("model", route, ["tools", END])
    graph.add_edge("tools", "model")
    return graph.compile(checkpointer=ctx.checkpointer)


build.needs_model = True  # type: ignore[attr-defined]
