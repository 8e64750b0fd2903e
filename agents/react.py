"""The ``react`` agent: a plain tool-calling loop (docs/agents.md).

    START -> model -> tools -> model -> ... -> END (when the model answers without tool calls)

The model node sends the world's rules (``ctx.policy_text``) as the system message, then the
conversation, to ``ctx.model.bind_tools(ctx.tools)``. Malformed tool calls (arguments that are not
JSON, a missing name) and calls to tools that do not exist are not dropped: they go through the
gateway like any other call, which answers each with a precise error observation and traces it.
Interrupts raised by the gateway (override checkpoints) pass through the tool node untouched; a
reply's calls run in order, one at a time, so the same replies always give the same world state.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, SystemMessage
from langgraph.graph import MessagesState

from agents.tools import run_tools_in_order, tool_loop
from sandbox.spi import AgentContext

__all__ = ["build", "run_tools_in_order"]


def build(ctx: AgentContext) -> Any:
    if ctx.model is None:
        raise ValueError("the react agent needs a chat model (ctx.model is None)")
    model = ctx.model.bind_tools(ctx.tools)
    system = SystemMessage(content=ctx.policy_text)

    def call_model(state: MessagesState) -> AIMessage:
        reply = model.invoke([system, *state["messages"]])
        if not isinstance(reply, AIMessage):  # a model that returns a bare string or chunk
            reply = AIMessage(content=getattr(reply, "content", str(reply)))
        return reply  # as the model sent it: malformed calls stay malformed (see agents.tools.calls_of)

    return tool_loop(ctx, call_model)


build.needs_model = True  # type: ignore[attr-defined]
