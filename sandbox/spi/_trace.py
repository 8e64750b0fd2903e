"""A run's trace: every message, tool call, result, guardrail block, checkpoint, decision and fault.

Events are appended in order; ``key`` makes an append idempotent, because LangGraph re-runs a node
from its start on resume and the same step must not be recorded twice.
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


class Trace:
    """An append-only, thread-safe list of events with idempotent appends."""

    def __init__(self, events: list[TraceEvent] | None = None, start: float | None = None):
        self.events: list[TraceEvent] = list(events or [])
        self._keys = {e.key for e in self.events if e.key}
        self._start = time.perf_counter() if start is None else start
        self._lock = threading.Lock()

    def add(
        self, type: EventType, data: dict[str, Any] | None = None, key: str | None = None
    ) -> TraceEvent | None:
        with self._lock:
            if key is not None and key in self._keys:
                return None
            event = TraceEvent(
                seq=len(self.events),
                t=round(time.perf_counter() - self._start, 6),
                type=type,
                data=data or {},
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
