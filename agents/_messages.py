"""Message helpers shared by the shipped graphs.

A model may emit malformed tool calls (``AIMessage.invalid_tool_calls``: arguments that are not JSON,
a missing name). They must not vanish or crash a graph: ``with_invalid_calls_routed`` turns each into
an ordinary tool call whose ``args`` carry the raw text, so it goes through the gateway like any
other call — the gateway reports the exact problem back to the model as an error observation and
records it in the trace.
"""

from __future__ import annotations

import uuid

from langchain_core.messages import AIMessage

from sandbox.spi import RAW_ARGS_KEY


def with_invalid_calls_routed(msg: AIMessage) -> AIMessage:
    """The message with every invalid tool call turned into a call the gateway will reject precisely."""
    if not msg.invalid_tool_calls:
        return msg
    calls = list(msg.tool_calls)
    for bad in msg.invalid_tool_calls:
        calls.append(
            {
                "name": bad.get("name") or "unnamed_tool",
                "args": {RAW_ARGS_KEY: bad.get("args") or ""},
                "id": bad.get("id") or f"invalid-{uuid.uuid4().hex[:8]}",
                "type": "tool_call",
            }
        )
    return msg.model_copy(update={"tool_calls": calls, "invalid_tool_calls": []})
