"""Streaming a graph for one segment of a run, tracing what the agent says as it comes."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from sandbox.control import Limits, RunDeadlineExceeded
from sandbox.spi import Trace


def stream_graph(
    graph: Any,
    payload: Any,
    config: dict[str, Any],
    trace: Trace,
    limits: Limits,
    t0: float,
    on_step: Callable[[], None] | None = None,
) -> tuple[list[Any], str | None]:
    """Stream the graph until it ends or interrupts: ``(pending interrupts, last assistant text)``.

    Assistant messages are traced as they come; ``on_step()`` is called after every graph step that
    did not interrupt (so what an interrupted step traced is seen only with its pending checkpoints).
    """
    pending: list[Any] = []
    last_ai: str | None = None
    for chunk in graph.stream(payload, config, stream_mode="updates"):
        if time.monotonic() - t0 > limits.timeout_s:
            raise RunDeadlineExceeded(f"run exceeded its time limit of {limits.timeout_s:g} s")
        for node, update in chunk.items():
            if node == "__interrupt__":
                pending.extend(update)
                continue
            for msg in _messages(update):
                if isinstance(msg, AIMessage):
                    last_ai = _text(msg)
                    calls = [
                        {"id": c.get("id"), "name": c["name"], "args": c["args"]} for c in msg.tool_calls
                    ]
                    event = {"role": "assistant", "node": node, "content": last_ai, "tool_calls": calls}
                    meta = msg.response_metadata or {}
                    for key in ("injected_mistakes", "model_quirks"):  # what a noisy model did on purpose
                        if meta.get(key):
                            event[key] = meta[key]
                    trace.add("message", event)
        if on_step is not None and "__interrupt__" not in chunk:
            on_step()
    return pending, last_ai


def _messages(update: Any) -> list[BaseMessage]:
    if isinstance(update, dict):
        msgs = update.get("messages", [])
        return list(msgs) if isinstance(msgs, list | tuple) else [msgs]
    return []


def _text(msg: AIMessage) -> str:
    if isinstance(msg.content, str):
        return msg.content
    return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in msg.content)
