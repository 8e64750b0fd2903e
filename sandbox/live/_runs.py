"""Live runs: runs that pause at checkpoints for a person (the web app) and survive a restart.

    live = LiveRuns(RunStore(url), checkpoints="runs.checkpoints.sqlite", scenarios_dir=Path("scenarios"))
    run = live.start(LiveSpec(scenario="basic-round-trip", human="web", policy="ask-on-write"))
    ...                                     # the run goes ``waiting``; live.checkpoints(run["id"])
    live.decide(run["id"], checkpoint_id, DecisionIn(decision="approve"))

Each run runs in a background thread (``sandbox.live._drive``) until it ends or waits for a person.
A waiting run is persisted (``sandbox.live._store``): its checkpoints, the world's state and the trace
in the run store's database, the graph's state in LangGraph's checkpointer (``thread_id`` = run id):
a SQLite file, or, given a PostgreSQL URL (``checkpoints="postgresql://..."``, what the web app does
when its run store is PostgreSQL), the Postgres checkpointer in that database (``_pg_threads``). A decision is recorded atomically, and the last pending one claims the run for resuming in the
same transaction (of two concurrent decisions on a checkpoint exactly one wins); the run then resumes
with ``Command(resume={interrupt_id: decision})``, in this process or in a new one after a restart. A
finished run is scored like ``runner.run``, saved to the run store, and its LangGraph thread pruned.

``undo_seconds`` > 0 opens an undo window on a decision that would let an irreversible action reach
the world (an approval or edit of a WRITE whose card says it is irreversible, e.g. a non-refundable
booking): it is recorded ``held``, ``undo`` takes it back, and only when the window is over is it
released and the run resumed. A held decision is not final: a restart inside the window puts it back
to pending and the run keeps waiting.

When the next ``LiveRuns`` opens the database after a process died, every run with a recorded decision
not yet applied is resumed (one whose resume was under way is first rolled back to its pause: trace
and LangGraph thread), so an accepted decision is never lost; other runs left ``running`` are marked
``error``; threads of finished runs still in the checkpointer are pruned.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from langgraph.checkpoint.sqlite import SqliteSaver
from pydantic import BaseModel, ConfigDict, Field

from sandbox.control import DecisionIn, Limits
from sandbox.errors import ConfigError, SandboxError
from sandbox.live import _views as views
from sandbox.live._drive import WEB, ActiveRun, Driver, options_json, restore
from sandbox.live._follow import FollowItem, follow
from sandbox.live._library import Library, validate_decision, validate_names
from sandbox.live._listing import ListQuery, batch_list, list_page
from sandbox.live._model_options import WebModelOptions, web_model_setup
from sandbox.live._pg_threads import is_postgres, open_postgres_saver
from sandbox.live._rows import TERMINAL, LiveRunRow
from sandbox.live._store import LiveStore, Resumable
from sandbox.live._threads import GraphThreads, Threads
from sandbox.runner import ModelSetup, RunOptions, RunParts
from sandbox.settings import get_settings
from sandbox.spi import RunResult, Trace, world_of
from sandbox.store import RunStore

log = logging.getLogger(__name__)
RESTART_REASON = "interrupted by a server restart"


class RunNotFound(SandboxError):
    """No run (or no checkpoint of the run) with that id."""


class Conflict(SandboxError):
    """The checkpoint was already decided, or the run is not waiting for a decision."""


class LiveSpec(BaseModel):
    """What to run: a scenario of the library, with an agent, model, policy and human."""

    model_config = ConfigDict(extra="forbid")

    scenario: str = Field(description="Scenario id (see /api/scenarios).")
    agent: str = Field("planner", description="Agent name (see /api/agents).")
    model: str = Field("scripted", description="Model name, for agents that use one (see /api/models).")
    policy: str | None = Field(None, description="Override-policy preset; none: the scenario's own.")
    human: Literal["web", "scripted", "auto", "reviewer"] = Field(
        "web",
        description="Who decides checkpoints: a person (web), the scenario's rules, approve-all, or a "
        "simulated reviewer who catches most harmful changes (catch rate 0.8).",
    )
    trial: int = Field(0, ge=0, le=10_000)
    seed: int | None = Field(None, description="Run seed (default: the scenario's world seed).")
    model_options: WebModelOptions = Field(
        default_factory=WebModelOptions,
        description="Request options from a fixed allow-list (tool_choice, max_tokens, parallel_tool_calls, "
        "top_p); never an endpoint, a key or a file.",
    )
    model_profile: str | None = Field(
        None,
        max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="A model profile of the server, by name (see /api/model-profiles); it sets the model "
        "unless the request gives one.",
    )

    def model_setup(self) -> ModelSetup:
        """The run's model, its options and prices (the profile's under the allowed options)."""
        given = "model" in self.model_fields_set
        return web_model_setup(self.model, given, self.model_profile, self.model_options)


class LiveRuns:
    """The live runs of one app: start, decide, look, follow. Thread-safe."""

    def __init__(
        self,
        runs: RunStore,
        *,
        checkpoints: str | Path,
        scenarios_dir: Path,
        workers: int = 8,
        timeout_s: float = 120.0,
        undo_seconds: float = 0.0,
    ):
        self.runs = runs
        self.undo_seconds = undo_seconds
        self._timers: dict[tuple[str, str], threading.Timer] = {}
        self._closed = False
        self.store = LiveStore(runs.engine)
        self.library = Library.load(scenarios_dir)
        self.timeout_s = timeout_s
        self.max_text = get_settings().max_stored_text
        self.checkpointer, self.threads, self._close_checkpointer = _open_checkpointer(checkpoints, workers)
        self.driver = Driver(self.store, runs, self.threads)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="live-run")
        self._active: dict[str, ActiveRun] = {}
        self._lock = threading.Lock()
        self.recovered: list[str] = []  # runs found cut off by a dead process and marked ``error``
        self.resumed: list[str] = []  # runs found with a decision not yet applied, resumed
        self._recover()

    def close(self) -> None:
        """Let running segments reach their pause or end, then close the checkpointer. A decision still
        in its undo window stays held: the next ``LiveRuns`` puts it back to pending."""
        with self._lock:
            self._closed = True
            timers, self._timers = list(self._timers.values()), {}
        for timer in timers:
            timer.cancel()
        self._pool.shutdown(wait=True)
        self._close_checkpointer()

    # -- starting and deciding -------------------------------------------------------------------
    def start(self, spec: LiveSpec) -> dict[str, Any]:
        """Validate every name (nothing is created on bad input), then start the run in the background."""
        entry = self.library.get(spec.scenario)
        setup = spec.model_setup()
        validate_names(spec.agent, setup.model, spec.policy)
        options = RunOptions(
            agent=spec.agent,
            model=setup.model,
            model_options=setup.options,
            prices=setup.prices.model_dump() if setup.prices is not None else None,
            human=spec.human,
            policy=spec.policy,
            trial=spec.trial,
            seed=spec.seed,
            limits=Limits(timeout_s=self.timeout_s),
            base_dir=entry.base_dir,
        )
        parts = RunParts.new(entry.scenario, options, trace=Trace(max_text=self.max_text))
        run_id, header = parts.id, parts.header
        started = header["started_at"]
        world = world_of(entry.scenario).name
        self.store.add_run(
            LiveRunRow(
                id=run_id,
                world=world,
                scenario=entry.scenario.id,
                agent=spec.agent,
                model=setup.model,
                policy=header["policy"],
                human=spec.human,
                trial=spec.trial,
                seed=header["seed"],
                status="running",
                created_at=started,
                updated_at=started,
                spec_json=options_json(options),
                scenario_json=entry.scenario.model_dump_json(),
            )
        )
        self._submit(self._first, parts)
        return {"id": run_id, "status": "running"}

    def decide(self, run_id: str, checkpoint_id: str, decision: DecisionIn) -> dict[str, Any]:
        """Record a person's decision; resume the run once no checkpoint of it is pending."""
        row = self.store.run(run_id)
        cp = self.store.checkpoint(run_id, checkpoint_id) if row is not None else None
        if row is None or cp is None:
            what = f"run {run_id!r}" if row is None else f"checkpoint {checkpoint_id!r} in run {run_id!r}"
            raise RunNotFound(f"There is no {what}.")
        if cp.status != "pending" or row.status != "waiting":
            raise Conflict(f"Checkpoint {checkpoint_id!r} is {cp.status} and run {run_id!r} is {row.status}.")
        payload = views.checkpoint_view(cp)["payload"]
        validate_decision(decision, payload)
        hold = (
            self.undo_seconds > 0 and decision.decision in ("approve", "edit") and views.irreversible(payload)
        )
        decided = self.store.decide(run_id, checkpoint_id, decision.model_dump(exclude_none=True), hold=hold)
        if decided is None:
            raise Conflict(f"Checkpoint {checkpoint_id!r} was decided by another request first.")
        view = self._checkpoint(run_id, checkpoint_id)  # as decided: before a window can end
        if hold:
            self._hold(run_id, checkpoint_id)
        elif decided:  # recorded and claimed together: from here a restart resumes it too
            self._submit(self._resume, run_id, decided)
        return view

    def undo(self, run_id: str, checkpoint_id: str) -> dict[str, Any]:
        """Take back a decision inside its undo window: the checkpoint is pending again."""
        if self.store.checkpoint(run_id, checkpoint_id) is None:
            raise RunNotFound(f"There is no checkpoint {checkpoint_id!r} in run {run_id!r}.")
        if not self.store.undo(run_id, checkpoint_id):
            raise Conflict(f"Checkpoint {checkpoint_id!r} has no decision in its undo window to take back.")
        with self._lock:
            timer = self._timers.pop((run_id, checkpoint_id), None)
        if timer is not None:
            timer.cancel()
        return self._checkpoint(run_id, checkpoint_id)

    def _checkpoint(self, run_id: str, checkpoint_id: str) -> dict[str, Any]:
        row = self.store.checkpoint(run_id, checkpoint_id)
        assert row is not None
        return self._view(row)

    def _view(self, row: Any) -> dict[str, Any]:
        """A checkpoint as served: a held decision with the end of its undo window."""
        view = views.checkpoint_view(row)
        if row.status == "held" and row.decided_at is not None:
            view["undo_until"] = (
                views.aware(row.decided_at) + timedelta(seconds=self.undo_seconds)
            ).isoformat()
        return view

    def _hold(self, run_id: str, checkpoint_id: str) -> None:
        timer = threading.Timer(self.undo_seconds, self._release, (run_id, checkpoint_id))
        timer.daemon = True
        with self._lock:
            if self._closed:
                return
            self._timers[(run_id, checkpoint_id)] = timer
        timer.start()

    def _release(self, run_id: str, checkpoint_id: str) -> None:
        """The undo window is over: the decision is final, and the run resumes if nothing else is open."""
        with self._lock:
            self._timers.pop((run_id, checkpoint_id), None)
            if self._closed:
                return
        try:
            decided = self.store.release(run_id, checkpoint_id)
            if decided:
                self._submit(self._resume, run_id, decided)
        except Exception:  # a timer thread has no caller: log, and the next start puts it back to pending
            log.exception("releasing the held decision %s of run %s failed", checkpoint_id, run_id)

    # -- looking ---------------------------------------------------------------------------------
    def get(self, run_id: str, *, trace: bool = True) -> dict[str, Any]:
        row = self.store.run(run_id)
        result = self._stored(run_id) if row is None or row.status in TERMINAL else None
        if row is None and result is None:
            raise RunNotFound(f"There is no run {run_id!r}.")
        events = self.store.events(row.id) if row is not None and (trace or result is None) else None
        pending = [c.id for c in self.store.checkpoints(row.id) if c.status == "pending"] if row else []
        return views.run_view(row, result, events, pending, trace=trace)

    def list_runs(self, limit: int = 50) -> list[dict[str, Any]]:
        """Live and finished runs, newest first, without traces."""
        return self.list_page(ListQuery(), limit)[0]

    def list_page(
        self, query: ListQuery, limit: int = 50, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the filtered runs list, newest first, and how many runs match in all."""
        return list_page(self.store, self.runs, query, limit, offset)

    def batches(self, limit: int = 50) -> list[dict[str, Any]]:
        """The most recent stored batches (CLI ``run``), for picking batches to compare."""
        return batch_list(self.runs, limit)

    def checkpoints(self, run_id: str) -> list[dict[str, Any]]:
        self.get(run_id, trace=False)  # 404 for an unknown run
        return [self._view(c) for c in self.store.checkpoints(run_id)]

    def compare(self, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            raise ConfigError("Give the runs to compare: ?ids=RUN,RUN,...")
        return [views.compare_view(self.get(i, trace=False)) for i in ids]

    def follow(self, run_id: str, after: int = -1, **timing: float) -> AsyncIterator[FollowItem]:
        """The run's trace events after ``after`` as they come, ``ping`` when idle, then ``end``
        (``_follow.follow``; ``timing``: ``poll``, ``keepalive``, ``recheck`` seconds)."""
        return follow(self.store, self.get, run_id, after, **timing)

    # -- background work -------------------------------------------------------------------------
    def _submit(self, fn: Callable[..., None], *args: Any) -> None:
        def guarded() -> None:
            try:
                fn(*args)
            except Exception:  # a bug here must not kill the worker; the run stays visible as it is
                log.exception("live run task failed")

        self._pool.submit(guarded)

    def _first(self, parts: RunParts) -> None:
        try:
            parts.build(checkpointer=self.checkpointer, deadline=None, with_human=parts.options.human != WEB)
        except Exception as exc:  # noqa: BLE001 - bad input found late is an ``error`` run
            result = parts.fail(exc, "", parts.stats(0, None, 0.0))
            log.warning("run %s ended in error: %s", parts.header["id"], result.error, exc_info=exc)
            self.driver.complete(ActiveRun(parts), result)
            return
        self._own(ActiveRun(parts), self.driver.start)

    def _resume(self, run_id: str, decided: list[Any]) -> None:
        with self._lock:
            active = self._active.get(run_id)
        if active is None:  # not in this process: a restart happened since it paused
            row = self.store.run(run_id)
            assert row is not None
            try:
                active = restore(row, self.store, self.checkpointer, self.max_text)
            except Exception as exc:  # noqa: BLE001 - e.g. the agent is no longer installed
                self.driver.complete_lost(row, f"cannot resume: {exc}")
                return
        self._own(active, lambda a: self.driver.resume(a, decided))

    def _own(self, active: ActiveRun, segment: Callable[[ActiveRun], ActiveRun | None]) -> None:
        """Run a segment with the run held in memory from before it can pause (a decision may resume
        it the moment its pause is written) until it has finished."""
        with self._lock:
            self._active[active.id] = active
        if segment(active) is None:
            with self._lock:
                self._active.pop(active.id, None)

    def _recover(self) -> None:
        resume, self.recovered = self.store.recover(RESTART_REASON)
        for run_id in self.recovered:
            row = self.store.run(run_id)
            if row is not None:
                self.driver.complete_lost(row, RESTART_REASON)
        for r in resume:
            self._resume_recovered(r)
        self.threads.sweep(self.store.finished)

    def _resume_recovered(self, r: Resumable) -> None:
        if r.pause is not None:  # the resume under way when the process died left rows behind
            self.threads.roll_back(r.run_id, json.loads(r.pause.graph_json))
        log.info("resuming run %s with its %d recorded decision(s)", r.run_id, len(r.decided))
        self.resumed.append(r.run_id)
        self._submit(self._resume, r.run_id, r.decided)

    def _stored(self, run_id: str) -> RunResult | None:
        try:
            return self.runs.get(run_id)
        except ConfigError:
            return None


def _open_checkpointer(where: str | Path, workers: int) -> tuple[Any, Threads, Callable[[], None]]:
    """LangGraph's checkpointer at ``where``: a PostgreSQL URL (``_pg_threads``), else a SQLite file."""
    if is_postgres(str(where)):
        return open_postgres_saver(str(where), max_size=workers + 2)
    conn = sqlite3.connect(str(where), check_same_thread=False)
    conn.execute("PRAGMA auto_vacuum=INCREMENTAL")  # a new file: pruned runs give space back
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    saver = SqliteSaver(conn)
    return saver, GraphThreads(saver), conn.close
