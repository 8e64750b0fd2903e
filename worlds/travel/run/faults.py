"""Scenario faults: tool errors and time-outs, price changes, sold-out items and stale search results.

A ``Fault`` (``worlds.travel.scenario``) names a tool glob (``fnmatch``), a kind and a trigger:

- ``on_call: N`` — the N-th call of any tool matching the glob in this run (1-based);
- ``probability: p`` — each matching call, with probability p, decided by a stable sha256 of
  ``(seed, trial, tool, call number, fault index)``, so the same seed and trial always fail the same calls;
- neither — the first call the fault applies to, once.

Kinds:

- ``error`` / ``timeout``: the call fails with code ``service_error`` / ``timeout`` and the tool never
  runs, so the state is unchanged apart from the call record.
- ``price_change``, ``sold_out``, ``stale`` apply only to booking calls (``book_flight``,
  ``book_hotel``) whose tool matches the glob. ``target`` says which item they strike:

  - an item id: that item only (a good agent's obvious pick; an agent that books something else never
    meets the fault, so shipped scenarios no longer use this form where the fault is the point);
  - ``first`` (or no target): whatever item the first matching booking call names, once;
  - ``any`` (``price_change`` only): every item, each at the first matching booking call that names it,
    so no item escapes the change (``FIRST`` and ``ANY`` below).

  They change the world *before* the tool runs, and those changes stay even when the booking fails:

  - ``price_change``: the item costs ``pct`` percent more from now on (``state.price_changes``), so the
    booking charges more than the search showed (and fails ``price_changed`` if above ``max_price``);
  - ``sold_out``: the item is sold out from now on (``state.sold_out``); the booking fails ``sold_out``
    and later searches show it as sold out;
  - ``stale``: the item is really gone but the search cache is not (``state.stale``): searches keep
    listing it as available at its old price, and every booking of it fails ``sold_out``.

The injector holds no state of its own: call counts and fired faults live in ``TravelState``, so a
restored state carries on exactly where it stopped. Every fault that fires is named on the call's
``ToolCallRecord.fault``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from sandbox.spi import ToolResult
from worlds.travel.run.state import TravelState
from worlds.travel.scenario import FAULT_ANY, FAULT_FIRST, Fault

#: Booking tools and the argument that names the item they book.
BOOKING_TOOLS: dict[str, str] = {"book_flight": "flight_id", "book_hotel": "hotel_id"}
BOOKING_KINDS = frozenset({"price_change", "sold_out", "stale"})
FIRST = FAULT_FIRST  # ``target``: whatever item the first matching booking call names
ANY = FAULT_ANY  # ``target``: every item, each at its first matching booking call (``price_change`` only)


def strikes(fault: Fault, item: str) -> bool:
    """Whether a booking fault may strike ``item`` at all (its trigger decides when)."""
    return fault.target in (None, FIRST, ANY) or fault.target == item


@dataclass(frozen=True)
class FaultHit:
    """A fault that fired on one call. ``result`` is set when the call must fail without running."""

    index: int
    fault: Fault
    label: str
    result: ToolResult | None = None


def stable_uniform(*parts: object) -> float:
    """A number in [0, 1) that depends only on ``parts`` (not on ``PYTHONHASHSEED``)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


class FaultInjector:
    """Decides, before each call, whether a scenario fault fires, and applies its effect on the world."""

    def __init__(self, faults: list[Fault], seed: int, trial: int):
        self.faults = list(faults)
        self.seed = seed
        self.trial = trial

    def __repr__(self) -> str:
        return f"FaultInjector({len(self.faults)} faults, seed={self.seed}, trial={self.trial})"

    def before_call(self, state: TravelState, tool: str, args: dict[str, Any]) -> FaultHit | None:
        """The first fault (in scenario order) that fires on this call, with its effect applied to ``state``.

        Call this after the call has been counted in ``state.call_counts``.
        """
        for index, fault in enumerate(self.faults):
            if not fnmatchcase(tool, fault.tool):
                continue
            item: str | None = None
            if fault.kind in BOOKING_KINDS:
                if tool not in BOOKING_TOOLS:
                    continue
                raw = args.get(BOOKING_TOOLS[tool])
                if not isinstance(raw, str) or not strikes(fault, raw):
                    continue
                item = raw
            n = sum(c for name, c in state.call_counts.items() if fnmatchcase(name, fault.tool))
            if not self._triggered(state, index, fault, tool, n, item):
                continue
            key = str(index)
            state.faults_fired[key] = state.faults_fired.get(key, 0) + 1
            if fault.target == ANY:
                state.faults_fired[f"{key}@{item}"] = 1
            return self._apply(state, index, fault, tool, n, item)
        return None

    def _triggered(
        self, state: TravelState, index: int, fault: Fault, tool: str, n: int, item: str | None
    ) -> bool:
        if fault.on_call is not None:
            return n == fault.on_call
        if fault.probability is not None:
            return stable_uniform(self.seed, self.trial, tool, n, index) < fault.probability
        if fault.target == ANY:  # once per item
            return f"{index}@{item}" not in state.faults_fired
        return state.faults_fired.get(str(index), 0) == 0

    def _apply(
        self, state: TravelState, index: int, fault: Fault, tool: str, n: int, item: str | None
    ) -> FaultHit:
        where = f"fault {index} ({fault.kind}) on {tool} call {n}"
        if fault.kind == "error":
            msg = fault.message or f"{tool} failed: the booking service returned an internal error; try again"
            return FaultHit(index, fault, where, ToolResult.failure("service_error", msg))
        if fault.kind == "timeout":
            msg = fault.message or f"{tool} timed out after 30 s with no answer from the provider; try again"
            return FaultHit(index, fault, where, ToolResult.failure("timeout", msg))
        assert item is not None  # booking kinds always name their item
        if fault.kind == "price_change":
            old = state.price_changes.get(item, 0.0)
            new = ((1 + old / 100) * (1 + fault.pct / 100) - 1) * 100
            state.price_changes[item] = round(new, 6)
            return FaultHit(index, fault, f"{where}: {item} price {fault.pct:+g}%")
        target = state.sold_out if fault.kind == "sold_out" else state.stale
        if item not in target:
            target.append(item)
            target.sort()
        return FaultHit(index, fault, f"{where}: {item} {fault.kind.replace('_', ' ')}")
