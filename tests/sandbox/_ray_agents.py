"""Agents for the Ray backend tests, loaded by ``module:attr`` in Ray's worker processes."""

from __future__ import annotations

import os
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.graph import END, START, MessagesState, StateGraph

from sandbox.spi import AgentContext


def build_dies_in_paris(ctx: AgentContext) -> Any:
    """Ends its process (as an out-of-memory kill would) on a request that names Paris; else reports
    that it did nothing."""

    def act(state: MessagesState) -> dict[str, Any]:
        if "Paris" in str(state["messages"][0].content):
            os._exit(17)
        return {"messages": [AIMessage(content="I did nothing.")]}

    graph = StateGraph(MessagesState)
    graph.add_node("act", act)
    graph.add_edge(START, "act")
    graph.add_edge("act", END)
    return graph.compile(checkpointer=ctx.checkpointer)


build_dies_in_paris.needs_model = False  # type: ignore[attr-defined]
