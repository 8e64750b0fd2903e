"""Driving one live run, segment by segment.

A segment streams the graph from its start, or from a resume, until it ends or interrupts. At an
interrupt, a run with a simulated human (``scripted``, ``auto``) is answered on the spot; a run whose
human is a person (``web``) is persisted and the segment returns: status ``waiting``, the pending
checkpoints, the world's state, what the agent last said about its plan, and the trace so far. The
graph's own state is in LangGraph's checkpointer under ``thread_id = run id``; the pause also notes
how far the trace and that thread went (``live_pauses``), so a resume that a crash cut short can be
rolled back and run again. A resumed segment marks the decisions it resumed with as applied in the same
write as its outcome (its next pause, or its end). A finished run's thread is pruned.

``restore`` rebuilds a waiting run in a new process from those rows: the same scenario (as it was when
the run started), env with the loaded state, gateway over the stored trace, tools and graph on the
same checkpointer. On resume LangGraph re-runs the interrupted node from its start; the env's per-call
records make sibling calls that already ran return their recorded results, so nothing happens twice.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from langgraph.types import Command

from sandbox.control import Limits
from sandbox.live._decisions import now
from sandbox.live._rows import LiveCheckpointRow, LivePauseRow, LiveRunRow
from sandbox.live._store import LiveStore
from sandbox.live._threads import GraphThreads
from sandbox.live._views import aware, row_header
from sandbox.runner import ModelCallCounter, ProcessMetrics, RunOptions, RunParts, process_metrics
from sandbox.spi import (
    DEFAULT_MAX_TEXT,
    RunEnd,
    RunError,
    RunResult,
    Trace,
    cap,
    cap_text,
    parse_events,
    worlds,
)
from sandbox.store import RunStore

log = logging.getLogger(__name__)

WEB = "web"
FLUSH_EVERY_S = 0.2  # a running run's new trace events reach followers at least this often


@dataclass
class ActiveRun:
    """A live run in this process, between or during segments."""

    parts: RunParts
    persisted: int = 0  # trace events already in ``live_events``
    final: str = ""
    model_calls: int = 0
    tokens: int | None = None
    active_s: float = 0.0  # seconds spent running (a person's thinking time is not counted)
    flushed_at: float = 0.0  # when events were last written (monotonic)
    applying: list[str] = dataclasses.field(default_factory=list)  # decisions this segment resumed with

    @property
    def id(self) -> str:
        return str(self.parts.header["id"])


def options_json(o: RunOptions) -> str:
    data = dataclasses.asdict(o)
    data["base_dir"] = str(o.base_dir) if o.base_dir else None
    return json.dumps(data)


def options_from_json(text: str) -> RunOptions:
    data = json.loads(text)
    data["limits"] = Limits(**data.get("limits", {}))
    data["base_dir"] = Path(data["base_dir"]) if data.get("base_dir") else None
    return RunOptions(**data)


def restore(
    row: LiveRunRow, store: LiveStore, checkpointer: Any, max_text: int = DEFAULT_MAX_TEXT
) -> ActiveRun:
    """Rebuild a waiting run from its rows (see the module docstring). Raises on bad input."""
    scenario = worlds.get(row.world).scenario_model.model_validate_json(row.scenario_json)
    options = options_from_json(row.spec_json)
    events = parse_events(store.events(row.id))
    trace = Trace(events, start=time.perf_counter() - (events[-1].t if events else 0.0), max_text=max_text)
    started = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    parts = RunParts.new(scenario, options, run_id=row.id, started=started, trace=trace)
    parts.build(checkpointer=checkpointer, deadline=None, with_human=options.human != WEB)
    if row.state_json is not None:
        parts.env.restore_state(row.state_json)
    parts.gateway.restore_stated(json.loads(row.stated_json))
    return ActiveRun(parts, len(events), row.final_message, row.model_calls, row.tokens, row.active_s)


class Driver:
    """Runs segments and persists their outcome to the live tables and the run store."""

    def __init__(self, store: LiveStore, runs: RunStore, threads: GraphThreads):
        self.store, self.runs, self.threads = store, runs, threads

    def start(self, active: ActiveRun) -> ActiveRun | None:
        """The first segment of a freshly built run."""
        return self.segment(active, active.parts.begin())

    def resume(self, active: ActiveRun, decided: list[LiveCheckpointRow]) -> ActiveRun | None:
        resume = {cp.id: {**json.loads(cp.decision_json or "{}"), "seconds": _taken(cp)} for cp in decided}
        active.applying = [cp.id for cp in decided]
        return self.segment(active, Command(resume=resume))

    def segment(self, active: ActiveRun, payload: Any) -> ActiveRun | None:
        """Stream until the run ends (returns None) or waits for a person (returns the run)."""
        parts, t0 = active.parts, time.monotonic()
        limits = parts.options.limits
        parts.gateway.deadline = t0 + limits.timeout_s  # each segment gets the full time limit
        counter = ModelCallCounter(parts.trace)
        accounted = False
        try:
            pending = self._stream(active, payload, counter, t0)
            self._account(active, counter, t0)
            accounted = True
            if pending:
                self._pause(active, pending)
                return active
            result = parts.finish(active.final, self._stats(active))
        except Exception as exc:  # noqa: BLE001 - a failing run is an ``error`` result, never a crash
            if not accounted:
                self._account(active, counter, t0)
            result = parts.fail(exc, active.final, self._stats(active))
            # the client is served the message only (sandbox.web); the traceback belongs in the server log
            log.warning("run %s ended in error: %s", active.id, result.error, exc_info=exc)
        self.complete(active, result)
        return None

    def _stream(self, active: ActiveRun, payload: Any, counter: ModelCallCounter, t0: float) -> list[Any]:
        """Stream, answering a simulated human on the spot; the interrupts left for a person, if any."""
        parts = active.parts
        while True:
            pending, said = parts.segment(payload, counter, t0, lambda: self._step(active))
            active.final = said if said is not None else active.final
            if not pending or parts.human is None:
                return pending
            decisions = {i.id: parts.human.decide(i.value) for i in pending}
            self._record_decided(active, pending, decisions)
            payload = Command(resume=decisions)

    # -- persistence -----------------------------------------------------------------------------
    def flush(self, active: ActiveRun, **fields: Any) -> None:
        """Append the trace events not yet stored (and update the run's ``fields``)."""
        active.flushed_at = time.monotonic()
        events = [e.model_dump(mode="json") for e in active.parts.trace.events[active.persisted :]]
        if events or fields:
            self.store.save_progress(active.id, events=events, **fields)
            active.persisted += len(events)

    def _step(self, active: ActiveRun) -> None:
        """After a graph step: publish the new events, at most every ``FLUSH_EVERY_S`` seconds."""
        if time.monotonic() - active.flushed_at >= FLUSH_EVERY_S:
            self.flush(active)

    def complete(self, active: ActiveRun, result: RunResult) -> None:
        """Store the scored (or failed) run, mark it finished in the live tables, prune its thread."""
        self.runs.save(result)
        self.flush(
            active,
            status=result.status,
            error=result.error,
            final_message=result.final_message,
            model_calls=active.model_calls,
            tokens=active.tokens,
            active_s=active.active_s,
            applied=active.applying,
        )
        active.applying = []
        self.threads.prune(active.id)

    def complete_lost(self, row: LiveRunRow, reason: str) -> None:
        """Close a run that cannot go on (its process died, or it cannot be rebuilt) as ``error``."""
        events = parse_events(self.store.events(row.id))
        trace = Trace(events, start=time.perf_counter() - (events[-1].t if events else 0.0))
        trace.add(RunError(reason=reason))
        trace.add(RunEnd(status="error"))
        result = RunResult(
            **row_header(row),
            status="error",
            error=reason,
            final_message=row.final_message,
            **process_metrics(trace, row.model_calls, row.tokens, row.active_s),
            trace=list(trace.events),
        )
        self.runs.save(result)
        new = [e.model_dump(mode="json") for e in trace.events[len(events) :]]
        self.store.save_progress(row.id, status="error", error=reason, events=new)
        self.threads.prune(row.id)

    def _pause(self, active: ActiveRun, pending: list[Any]) -> None:
        limit = active.parts.trace.max_text
        seq = len(self.store.checkpoints(active.id))
        rows = [_checkpoint_row(active.id, seq + n, i.id, cap(i.value, limit)) for n, i in enumerate(pending)]
        events = [e.model_dump(mode="json") for e in active.parts.trace.events[active.persisted :]]
        active.persisted += len(events)  # before the write: once it is visible, a resume may flush
        graph = json.dumps(self.threads.keys(active.id))
        applied, active.applying = active.applying, []  # likewise: a decision may resume it at once
        self._write(
            active,
            len(events),
            applied,
            status="waiting",
            events=events,
            checkpoints=rows,
            applied=applied,
            pause=LivePauseRow(run_id=active.id, events=active.persisted, graph_json=graph),
            state_json=active.parts.env.dump_state(),
            stated_json=json.dumps(cap(active.parts.gateway.stated(), limit)),
            final_message=cap_text(active.final, limit),
            model_calls=active.model_calls,
            tokens=active.tokens,
            active_s=active.active_s,
        )

    def _write(self, active: ActiveRun, counted: int, applying: list[str], **kw: Any) -> None:
        try:
            self.store.save_progress(active.id, **kw)
        except Exception:
            active.persisted, active.applying = active.persisted - counted, applying
            raise

    def _record_decided(self, active: ActiveRun, pending: list[Any], decisions: dict[str, Any]) -> None:
        """A simulated human's checkpoints, stored already decided (the timeline shows them too)."""
        seq = len(self.store.checkpoints(active.id))
        rows = []
        for n, i in enumerate(pending):
            row = _checkpoint_row(active.id, seq + n, i.id, cap(i.value, active.parts.trace.max_text))
            row.status, row.resumed, row.decided_at = "decided", True, now()
            row.decision_json = json.dumps({k: v for k, v in decisions[i.id].items() if v is not None})
            rows.append(row)
        self.store.save_progress(active.id, checkpoints=rows)

    @staticmethod
    def _account(active: ActiveRun, counter: ModelCallCounter, t0: float) -> None:
        active.model_calls += counter.calls
        if counter.tokens is not None:
            active.tokens = (active.tokens or 0) + counter.tokens
        active.active_s += time.monotonic() - t0

    @staticmethod
    def _stats(active: ActiveRun) -> ProcessMetrics:
        return active.parts.stats(active.model_calls, active.tokens, active.active_s)


def _taken(cp: LiveCheckpointRow) -> float | None:
    """How long the person took: from the checkpoint stored (shown) to the decision received, in
    seconds (the ``seconds`` a human's decision may carry, sandbox.control)."""
    if cp.decided_at is None:
        return None
    return round(max(0.0, (aware(cp.decided_at) - aware(cp.created_at)).total_seconds()), 3)


def _checkpoint_row(run_id: str, seq: int, interrupt_id: str, payload: Any) -> LiveCheckpointRow:
    data = payload if isinstance(payload, dict) else {"value": payload}
    return LiveCheckpointRow(
        run_id=run_id,
        id=interrupt_id,
        seq=seq,
        status="pending",
        kind=str(data.get("kind", "tool")),
        tool=str(data.get("tool", "")),
        payload_json=json.dumps(data, default=str),
        created_at=now(),
    )
