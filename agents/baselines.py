"""Baseline agents that show what a score means. ``do-nothing`` books nothing and says so."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langgraph.graph import END, START, MessagesState, StateGraph

from sandbox.spi import AgentContext

DO_NOTHING_REPORT = "I have not booked anything and made no changes. Nothing was charged."


def build_do_nothing(ctx: AgentContext) -> Any:
    """An agent that never calls a tool: it must fail every scenario that expects a booking."""

    def reply(state: MessagesState) -> dict[str, Any]:
        return {"messages": [AIMessage(content=DO_NOTHING_REPORT)]}

    graph = StateGraph(MessagesState)
    graph.add_node("reply", reply)
    graph.add_edge(START, "reply")
    graph.add_edge("reply", END)
    return graph.compile(checkpointer=ctx.checkpointer)


build_do_nothing.needs_model = False  # type: ignore[attr-defined]
