"""A run's trace: every message, tool call, result, guardrail block, checkpoint, decision and fault.

Events are typed, one class per kind (``sandbox.spi._events``): ``add`` takes an event's data model and
wraps it. Events are appended in order; ``key`` makes an append idempotent, because LangGraph re-runs a node
from its start on resume and the same step must not be recorded twice.

What a trace keeps is bounded: every text in an event longer than ``max_text`` characters (64 KiB
by default; ``TRAVEL_SANDBOX_MAX_STORED_TEXT``) is cut there and ends with a visible note,
``… [truncated: 20,971,520 characters, 65,536 kept]``, so a model that replies 20 MB cannot make
every stored copy of its run 20 MB. ``cap`` applies the same rule to any JSON-like value.
"""

from __future__ import annotations

import threading
import time
from typing import Any, TypeVar, cast

from pydantic_core import PydanticSerializationError

from sandbox.spi._event_data import EventData
from sandbox.spi._events import EVENT_OF, Event, TraceEvent

E = TypeVar("E", bound=Event[Any])


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

    def add(self, data: EventData, key: str | None = None) -> TraceEvent | None:
        """Append an event carrying ``data`` (its kind follows from the data's class), every text in
        it capped; None, and nothing appended, when ``key`` is already in the trace."""
        kind = EVENT_OF.get(type(data))
        if kind is None:
            raise TypeError(f"{type(data).__name__} is not the data of any trace event kind")
        data = _capped(data, self.max_text)
        with self._lock:
            if key is not None and key in self._keys:
                return None
            t = round(time.perf_counter() - self._start, 6)
            tag = kind.model_fields["type"].default
            event = cast(TraceEvent, kind(seq=len(self.events), t=t, type=tag, data=data, key=key))
            self.events.append(event)
            if key is not None:
                self._keys.add(key)
            return event

    def of_type(self, kind: type[E]) -> list[E]:
        """The events of one kind, e.g. ``trace.of_type(CheckpointEvent)``."""
        return [e for e in self.events if isinstance(e, kind)]

    def count(self, *kinds: type[Event[Any]]) -> int:
        return sum(1 for e in self.events if isinstance(e, kinds))

    def dump(self) -> list[dict[str, Any]]:
        return [e.model_dump(mode="json") for e in self.events]


def _capped(data: EventData, limit: int) -> EventData:
    """``data``, or a copy with every text longer than ``limit`` cut (``cap``)."""
    try:  # the usual case, fast: no text is longer than all of the data's JSON
        if len(data.__pydantic_serializer__.to_json(data)) <= limit:
            return data
    except PydanticSerializationError:  # a value JSON cannot show: look at every text
        pass
    raw = data.model_dump()
    capped = cap(raw, limit)
    return data if capped is raw else type(data).model_validate(capped)
