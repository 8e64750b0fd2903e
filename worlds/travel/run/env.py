"""``TravelEnv``: one run's world — the shared catalog view, the run's own state and its faults.

``call`` is the one way a tool runs. In order:

1. a ``call_id`` already executed in this run returns its recorded result and changes nothing
   (LangGraph re-runs a node from its start on resume, sibling tool calls included);
2. an unknown tool fails ``unknown_tool`` naming it and listing the known tools (recorded, not counted);
3. the call is counted (``state.call_counts``) and the fault injector may fire: an ``error`` or
   ``timeout`` fault fails the call without running the tool; a booking fault (``price_change``,
   ``sold_out``, ``stale``) changes the world first (``FAULT_FIELDS``) and the tool then runs;
4. a WRITE tool runs on a snapshot: if it fails, every field except ``CALL_RECORD_FIELDS``
   (``tool_calls``, ``call_counts``) and ``FAULT_FIELDS`` is restored, so a failed WRITE leaves
   bookings, inventory, ledger, calendar, clock and counters exactly as they were;
5. a ``ToolCallRecord`` (arguments, result, the fault that fired) is appended to ``state.tool_calls``.

``call`` never raises for bad input: bad arguments, unknown ids and faults all come back as error results.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sandbox.spi import WRITE, ToolResult, ToolSpec, UnknownNameError
from worlds.travel.catalog import fare_cents, night_rate_cents
from worlds.travel.records import CABINS, Cabin, Flight, Hotel
from worlds.travel.run.faults import FaultInjector
from worlds.travel.run.state import CALL_RECORD_FIELDS, FAULT_FIELDS, ToolCallRecord, TravelState
from worlds.travel.scenario import TravelScenario

if TYPE_CHECKING:
    from worlds.travel.catalog import CatalogView

_SNAPSHOT_FIELDS = tuple(
    f for f in TravelState.model_fields if f not in CALL_RECORD_FIELDS and f not in FAULT_FIELDS
)


def _jsonable(value: Any) -> Any:
    """A JSON-native copy of ``value`` (so recorded arguments dump and load back identically)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def adjust_cents(cents: int, pct: float) -> int:
    """``cents`` changed by ``pct`` percent, rounded to a whole cent."""
    return cents if not pct else max(0, round(cents * (100 + pct) / 100))


class TravelEnv:
    """One run: ``view`` (shared, read-only), ``state`` (this run's), ``faults`` (scenario's), and the
    ``tools`` it can run by name (``tools.new_env`` gives it the travel tools)."""

    def __init__(
        self,
        scenario: TravelScenario,
        view: CatalogView,
        state: TravelState,
        faults: FaultInjector,
        tools: Mapping[str, ToolSpec],
    ):
        self.scenario = scenario
        self.view = view
        self.state = state
        self.faults = faults
        self.tools = tools
        self._by_call_id = {r.call_id: r for r in state.tool_calls}
        self.current_call_id = "direct"  # the call a running tool belongs to (bookings record it)

    # -- the call path -----------------------------------------------------------------------------

    def call(self, tool: str, args: dict[str, Any] | None = None, call_id: str | None = None) -> ToolResult:
        """Run one tool call (see the module docstring for the exact order of things)."""
        call_id = None if call_id is None else str(call_id)
        if call_id is not None and call_id in self._by_call_id:
            return ToolResult.model_validate(self._by_call_id[call_id].result)
        spec = self.tools.get(tool) if isinstance(tool, str) else None
        if spec is None:
            known = sorted(self.tools)
            return self.record(
                call_id,
                str(tool),
                args,
                ToolResult.failure("unknown_tool", str(UnknownNameError("tool", str(tool), known))),
            )
        state = self.state
        cid = self.current_call_id = self._new_call_id(call_id)
        state.call_counts[spec.name] = state.call_counts.get(spec.name, 0) + 1
        hit = self.faults.before_call(state, spec.name, args if isinstance(args, dict) else {})
        if hit is not None and hit.result is not None:
            result = hit.result
        else:
            snapshot = self._snapshot() if spec.kind == WRITE else None
            try:
                result = spec.invoke(self, args)
            except Exception as exc:  # a tool bug must not crash the run; the trace shows it
                result = ToolResult.failure("internal_error", f"{spec.name} failed unexpectedly: {exc!r}")
            if snapshot is not None and not result.ok:
                self._restore(snapshot)
        return self._append(cid, spec.name, args, result, hit.label if hit else None)

    def dump_state(self) -> str:
        """The run's state, exactly (for a paused run that must survive a restart)."""
        return self.state.dump()

    def restore_state(self, text: str) -> None:
        """Put a dumped state back, with the index of executed calls that makes replays idempotent."""
        self.state = TravelState.load(text)
        self._by_call_id = {r.call_id: r for r in self.state.tool_calls}

    def as_if_called(self, tool: str, args: dict[str, Any]) -> TravelEnv:
        """A throwaway env whose state is this one's after the faults ``tool`` would meet if called now.

        Guardrails and quotes look at it, so that a price change about to fire on this booking is
        part of the amount the budget rule and the override policy see (not a surprise after them).
        """
        probe = TravelEnv(self.scenario, self.view, self.state.model_copy(deep=True), self.faults, self.tools)
        probe.state.call_counts[tool] = probe.state.call_counts.get(tool, 0) + 1
        self.faults.before_call(probe.state, tool, args)
        return probe

    def record(
        self, call_id: str | None, tool: str, args: Any, result: ToolResult, fault: str | None = None
    ) -> ToolResult:
        """Append a call record without running anything (also used for calls the gateway answered
        itself: blocked, rejected, answered by a human), so a replay of ``call_id`` returns ``result``."""
        if call_id is not None and call_id in self._by_call_id:
            return ToolResult.model_validate(self._by_call_id[call_id].result)
        return self._append(self._new_call_id(call_id), tool, args, result, fault)

    def _append(self, cid: str, tool: str, args: Any, result: ToolResult, fault: str | None) -> ToolResult:
        while cid in self._by_call_id:  # an automatic id taken while the tool ran
            cid += "+"
        rec = ToolCallRecord(
            seq=len(self.state.tool_calls) + 1,
            call_id=cid,
            tool=tool,
            args=_jsonable(args) if isinstance(args, dict) else {},
            result=result.model_dump(mode="json"),
            fault=fault,
        )
        self.state.tool_calls.append(rec)
        self._by_call_id[cid] = rec
        return result

    def _new_call_id(self, call_id: str | None) -> str:
        if call_id is not None:
            return call_id
        cid = f"auto-{len(self.state.tool_calls) + 1}"
        while cid in self._by_call_id:
            cid += "+"
        return cid

    def lookup(self, call_id: str) -> ToolResult | None:
        """The recorded result of ``call_id``, or None if this run has not executed it."""
        rec = self._by_call_id.get(call_id)
        return None if rec is None else ToolResult.model_validate(rec.result)

    def fault_for(self, call_id: str) -> str | None:
        """The fault that fired on ``call_id``, if any."""
        rec = self._by_call_id.get(call_id)
        return None if rec is None else rec.fault

    def state_hash(self) -> str:
        return self.state.hash()

    def _snapshot(self) -> dict[str, Any]:
        return {name: copy.deepcopy(getattr(self.state, name)) for name in _SNAPSHOT_FIELDS}

    def _restore(self, snapshot: dict[str, Any]) -> None:
        for name, value in snapshot.items():
            setattr(self.state, name, value)

    # -- the world as this run sees it (shared by tools and rules) ---------------------------------

    @property
    def now(self) -> datetime:
        return self.state.clock

    def local_today(self, city: str) -> date:
        """The world clock's date in ``city``'s time zone (the clock's own date for unknown cities)."""
        return self.local_date(self.now, city)

    def local_date(self, when: datetime, city: str) -> date:
        """The local date of ``when`` in ``city``'s time zone."""
        c = self.view.city(city)
        return when.astimezone(ZoneInfo(c.tz)).date() if c is not None else when.date()

    def _pct(self, item_id: str) -> float:
        return 0.0 if item_id in self.state.stale else self.state.price_changes.get(item_id, 0.0)

    def fare_cents(self, flight: Flight, cabin: Cabin) -> int:
        """Today's price of one seat, price-change faults included (stale items show the old price)."""
        return adjust_cents(fare_cents(flight, cabin, self.now), self._pct(flight.id))

    def nightly_cents(self, hotel: Hotel, check_in: date, check_out: date) -> list[int]:
        """One room's rate for each night of the stay, price-change faults included."""
        pct = self._pct(hotel.id)
        nights = (check_out - check_in).days
        return [adjust_cents(night_rate_cents(hotel, check_in + timedelta(d)), pct) for d in range(nights)]

    def seats_left(self, flight: Flight, cabin: Cabin) -> int:
        """Catalog capacity minus seats held or booked in this run; 0 when a fault sold the flight out."""
        if flight.id in self.state.sold_out:
            return 0
        taken = self.state.seats_taken.get(f"{flight.id}/{cabin}", 0)
        return max(0, flight.seats[CABINS.index(cabin)] - taken)

    def rooms_left(self, hotel: Hotel, check_in: date, check_out: date) -> int:
        """Rooms free on every night of the stay; 0 when a fault sold the hotel out."""
        if hotel.id in self.state.sold_out:
            return 0
        taken = self.state.rooms_taken
        nights = max(1, (check_out - check_in).days)
        worst = max(taken.get(f"{hotel.id}/{check_in + timedelta(d)}", 0) for d in range(nights))
        return max(0, hotel.rooms - worst)

    def bookable(self, item_id: str) -> bool:
        """False for items a fault made unbookable (sold out, or stale search results)."""
        return item_id not in self.state.sold_out and item_id not in self.state.stale
