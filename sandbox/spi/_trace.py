"""A run's trace: every message, tool call, result, guardrail block, checkpoint, decision and fault.

Events are appended in order; ``key`` makes an append idempotent, because LangGraph re-runs a node
from its start on resume and the same step must not be recorded twice.

What a trace keeps is bounded: every text in an event longer than ``max_text`` characters (64 KiB
by default; ``TRAVEL_SANDBOX_MAX_STORED_TEXT``) is cut there and ends with a visible note,
``… [truncated: 20,971,520 characters, 65,536 kept]``, so a model that replies 20 MB cannot make
every stored copy of its run 20 MB. ``cap`` applies the same rule to any JSON-like value.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal[
    "run_start",
    "message",
    "tool_call",
    "tool_result",
    "guardrail_block",
    "checkpoint",
    "decision",
    "fault",
    "error",
    "run_end",
]


class TraceEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    seq: int
    t: float = Field(description="Seconds since the run started.")
    type: EventType
    data: dict[str, Any] = Field(default_factory=dict)
    key: str | None = Field(
        None, description="Idempotency key: an event with a key already present is skipped."
    )


DEFAULT_MAX_TEXT = 65_536


def cap_text(text: str, limit: int = DEFAULT_MAX_TEXT) -> str:
    """``text``, or its first ``limit`` characters and a note saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [truncated: {len(text):,} characters, {limit:,} kept]"


def cap(value: Any, limit: int = DEFAULT_MAX_TEXT) -> Any:
    """``value`` with every string in it (dict values and keys, list items) capped by ``cap_text``;
    the same object when nothing needed cutting."""
    if isinstance(value, str):
        return cap_text(value, limit)
    if isinstance(value, dict):
        items = [(cap(k, limit), cap(v, limit)) for k, v in value.items()]
        same = all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(items, value.items(), strict=True))
        return value if same else dict(items)
    if isinstance(value, list | tuple):
        capped = [cap(v, limit) for v in value]
        return value if all(a is b for a, b in zip(capped, value, strict=True)) else type(value)(capped)
    return value


class Trace:
    """An append-only, thread-safe list of events with idempotent appends and bounded texts."""

    def __init__(
        self,
        events: list[TraceEvent] | None = None,
        start: float | None = None,
        max_text: int = DEFAULT_MAX_TEXT,
    ):
        self.max_text = max_text
        self.events: list[TraceEvent] = list(events or [])
        self._keys = {e.key for e in self.events if e.key}
        self._start = time.perf_counter() if start is None else start
        self._lock = threading.Lock()

    def add(
        self, type: EventType, data: dict[str, Any] | None = None, key: str | None = None
    ) -> TraceEvent | None:
        capped = cap(data, self.max_text) if data else {}
        with self._lock:
            if key is not None and key in self._keys:
                return None
            event = TraceEvent(
                seq=len(self.events),
                t=round(time.perf_counter() - self._start, 6),
                type=type,
                data=capped,
                key=key,
            )
            self.events.append(event)
            if key is not None:
                self._keys.add(key)
            return event

    def of_type(self, *types: EventType) -> list[TraceEvent]:
        return [e for e in self.events if e.type in types]

    def count(self, *types: EventType) -> int:
        return sum(1 for e in self.events if e.type in types)

    def dump(self) -> list[dict[str, Any]]:
        return [e.model_dump(mode="json") for e in self.events]
