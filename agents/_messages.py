"""Message helpers shared by the shipped graphs: the calls of a reply, and which result answered which.

A model may emit malformed tool calls (``AIMessage.invalid_tool_calls``: arguments that are not JSON
or not a JSON object, a missing name). They must not vanish or crash a graph, and the model must see
its own call next turn exactly as it sent it (a small model imitates whatever it sees in its history).
So a reply stays as the model sent it, and ``calls_of`` lists its calls for the tool node: the
well-formed ones, then each malformed one with its raw argument text, which goes through the gateway
like any other call; the gateway answers it with the exact problem (an error observation, traced).

Call ids are the model's and may repeat or be empty (some servers number every reply's calls from
``call_0``), so ``answered_calls`` pairs calls with their results by position, not by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage


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
