"""Streaming a graph for one segment of a run, tracing what the agent says as it comes.

The segment streams under the run's deadline (``within_deadline``), so a model call inside a node can
bound its wait by the time left, and report a rate-limit wait (``sandbox.spi.current_deadline``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import RunnableConfig
from langgraph.types import Command, Interrupt

from sandbox.spi import AgentGraph, AssistantMessage, Deadline, RequestedCall, Trace, within_deadline


def stream_graph(
    graph: AgentGraph,
    payload: dict[str, Any] | Command[Any],
    config: RunnableConfig,
    trace: Trace,
    deadline: Deadline,
    on_step: Callable[[], None] | None = None,
) -> tuple[list[Interrupt], str | None]:
    """Stream the graph until it ends or interrupts: ``(pending interrupts, last assistant text)``.

    Assistant messages are traced as they come; ``on_step()`` is called after every graph step that
    did not interrupt (so what an interrupted step traced is seen only with its pending checkpoints).
    """
    pending: list[Interrupt] = []
    last_ai: str | None = None
    with within_deadline(deadline):  # a model call inside a node bounds its wait by the time left
        for chunk in graph.stream(payload, config, stream_mode="updates"):
            if deadline.remaining() < 0:
                raise deadline.exceeded()
            said = _trace_update(chunk, trace, pending)
            last_ai = said if said is not None else last_ai
            if on_step is not None and "__interrupt__" not in chunk:
                on_step()
    return pending, last_ai


def _trace_update(chunk: dict[str, Any], trace: Trace, pending: list[Interrupt]) -> str | None:
    """Trace a step's assistant messages and collect its interrupts; the step's last assistant text."""
    last_ai: str | None = None
    for node, update in chunk.items():
        if node == "__interrupt__":
            pending.extend(update)
            continue
        for msg in _messages(update):
            if isinstance(msg, AIMessage):
                last_ai = _text(msg)
                calls = [
                    RequestedCall(id=c.get("id"), name=c["name"], args=c["args"]) for c in msg.tool_calls
                ]
                meta = msg.response_metadata or {}
                said = AssistantMessage(
                    node=node,
                    content=last_ai,
                    tool_calls=calls,
                    # what a noisy model did on purpose
                    injected_mistakes=meta.get("injected_mistakes") or [],
                    model_quirks=meta.get("model_quirks") or [],
                )
                trace.add(said)
    return last_ai


def _messages(update: Any) -> list[BaseMessage]:
    if isinstance(update, dict):
        msgs = update.get("messages", [])
        return list(msgs) if isinstance(msgs, list | tuple) else [msgs]
    return []


def _text(msg: AIMessage) -> str:
    if isinstance(msg.content, str):
        return msg.content
    return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in msg.content)
