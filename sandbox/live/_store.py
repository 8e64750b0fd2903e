"""The tables of live runs (``sandbox.live``): runs, their trace events, checkpoints and pauses.

They live in the run store's database (same engine) beside ``runs`` and ``batches``:

- ``live_runs``: one row per live run: its spec, the scenario it started with (JSON), its status
  (``running`` | ``waiting`` | ``done`` | ``error``) and, while it waits, what a new process needs to
  carry on: the world's state (``state_json``), what the agent last said about its plan
  (``stated_json``), the last assistant text, model-call counts and active seconds.
- ``live_events``: the trace, one row per event, appended as the run goes (server-sent events read it).
- ``live_checkpoints``: one row per checkpoint (a LangGraph interrupt): payload, ``pending`` until a
  decision is recorded; ``resumed`` (applied) once the run's outcome after resuming with it (its next
  pause, or its end) is stored. A decision held for an undo window is ``held``: not final, it can be
  undone (back to ``pending``) until it is released (``decided``); a restart finds it ``held`` and
  puts it back to ``pending``, so a decision inside its window is never applied by a restart.
- ``live_pauses``: per run, where its last pause left the trace (event count) and LangGraph's thread
  (the keys of its rows), so a resume cut short by a crash can be rolled back to the pause and run again.

Every state change that must not happen twice is one conditional ``UPDATE``, and a decision is one
transaction: recording it (``... WHERE status = 'pending'``) and, when it was the run's last pending
one, claiming the run for resuming (``... WHERE status = 'waiting' AND NOT EXISTS (a pending
checkpoint)``). Of two concurrent requests exactly one wins, even across processes, and no crash can
leave a run waiting with nothing pending (those writes are ``sandbox.live._decisions``). A process
that starts finds every run with a recorded, unapplied decision (``recover``) and resumes it; other
runs left ``running`` become ``error``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, event, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, desc, func, select

from sandbox.live._decisions import Decisions, now
from sandbox.live._rows import (
    TABLES,
    TERMINAL,
    LiveCheckpointRow,
    LiveEventRow,
    LivePauseRow,
    LiveRunRow,
)


@dataclass
class Resumable:
    """A run found at start-up with decisions recorded but not applied: resume it with ``decided``.
    ``pause`` is set when a resume had started (the run was ``running``): roll its thread back first."""

    run_id: str
    decided: list[LiveCheckpointRow]
    pause: LivePauseRow | None


def _tune_sqlite(engine: Engine) -> None:
    """A SQLite file: write-ahead logging, so readers (listings, event streams) never wait for writers."""
    if engine.url.get_backend_name() != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA synchronous=NORMAL"))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")


class LiveStore(Decisions):
    """Reads and atomic writes of the live tables, on the run store's engine."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._lock = threading.Lock()  # serialises writers in this process (SQLite allows one anyway)
        self._versions: dict[str, int] = {}  # per run, bumped by every write from this process
        _tune_sqlite(engine)
        SQLModel.metadata.create_all(
            engine, tables=[SQLModel.metadata.tables[t.__tablename__] for t in TABLES]
        )

    def version(self, run_id: str) -> int:
        """Changes written for this run by this process: a cheap "anything new?" for followers."""
        return self._versions.get(run_id, 0)

    def _bump(self, run_id: str) -> None:
        self._versions[run_id] = self._versions.get(run_id, 0) + 1

    # -- runs ------------------------------------------------------------------------------------
    def add_run(self, row: LiveRunRow) -> None:
        with self._lock, Session(self.engine) as s:
            s.add(row)
            s.commit()

    def run(self, run_id: str) -> LiveRunRow | None:
        with Session(self.engine) as s:
            return s.get(LiveRunRow, run_id)

    def runs(
        self, statuses: Iterable[str] | None = None, limit: int = 200, where: dict[str, str] | None = None
    ) -> list[LiveRunRow]:
        """Newest first; ``where`` matches columns exactly (agent, model, policy, scenario)."""
        stmt = select(LiveRunRow).order_by(desc(col(LiveRunRow.created_at)), desc(col(LiveRunRow.id)))
        stmt = _filtered(stmt, statuses, where)
        with Session(self.engine) as s:
            return list(s.exec(stmt.limit(limit)).all())

    def count(self, statuses: Iterable[str] | None = None, where: dict[str, str] | None = None) -> int:
        stmt = _filtered(select(func.count()).select_from(LiveRunRow), statuses, where)
        with Session(self.engine) as s:
            return int(s.exec(stmt).one())

    def known(self, run_ids: Sequence[str]) -> set[str]:
        """Which of these runs are live runs (started here, whatever their status)."""
        stmt = select(LiveRunRow.id).where(col(LiveRunRow.id).in_(list(run_ids)))
        with Session(self.engine) as s:
            return set(s.exec(stmt).all())

    def save_progress(
        self,
        run_id: str,
        *,
        status: str | None = None,
        events: Sequence[dict[str, Any]] = (),
        checkpoints: Sequence[LiveCheckpointRow] = (),
        applied: Sequence[str] = (),
        pause: LivePauseRow | None = None,
        **fields: Any,
    ) -> None:
        """In one transaction: append trace events, add checkpoints, mark the decided checkpoints
        ``applied`` (resumed), record the ``pause`` (forgotten once the run is over), update the run's
        fields."""
        rows = [dict(run_id=run_id, seq=e["seq"], type=e["type"], event_json=json.dumps(e)) for e in events]
        with self._lock, Session(self.engine) as s:
            if rows:
                s.exec(insert(LiveEventRow), params=rows)
            for cp in checkpoints:
                s.add(cp)
            if applied:
                s.exec(
                    update(LiveCheckpointRow)
                    .where(
                        col(LiveCheckpointRow.run_id) == run_id, col(LiveCheckpointRow.id).in_(list(applied))
                    )
                    .values(resumed=True)
                )
            if pause is not None:
                s.merge(pause)
            if status in TERMINAL:  # a finished run is never resumed
                s.exec(delete(LivePauseRow).where(col(LivePauseRow.run_id) == run_id))
            if status is not None or fields:
                values = {**fields, "updated_at": now()} | ({"status": status} if status else {})
                s.exec(update(LiveRunRow).where(col(LiveRunRow.id) == run_id).values(**values))
            s.commit()
            self._bump(run_id)

    def recover(self, reason: str) -> tuple[list[Resumable], list[str]]:
        """At start-up, in one transaction: the runs to resume and the runs that cannot go on.

        A run is resumed when it has a decision recorded and not applied and nothing pending: a
        ``waiting`` one (left by a crash between recording and claiming, before both were one
        transaction) as it is; a ``running`` one (its resume was cut short) from its pause, with the
        trace events the lost attempt appended deleted. Every other run left ``running`` becomes
        ``error`` with ``reason``. A decision still ``held`` in its undo window was not final: it goes
        back to ``pending`` and its run keeps waiting. Both lists are in creation order.
        """
        with self._lock, Session(self.engine, expire_on_commit=False) as s:
            s.exec(
                update(LiveCheckpointRow)
                .where(col(LiveCheckpointRow.status) == "held")
                .values(status="pending", decision_json=None, decided_at=None)
            )
            resume, lost = [], []
            for row, cps, pause in _unfinished(s):
                decided = [c for c in cps if c.status == "decided" and not c.resumed]
                pending = any(c.status == "pending" for c in cps)
                started = row.status == "running"
                if decided and not pending and (pause is not None or not started):
                    resume.append(Resumable(row.id, decided, pause if started else None))
                elif started:
                    lost.append(row.id)
            for r in resume:
                if r.pause is not None:
                    cut = col(LiveEventRow.seq) >= r.pause.events
                    s.exec(delete(LiveEventRow).where(col(LiveEventRow.run_id) == r.run_id, cut))
            for ids, values in (
                ([r.run_id for r in resume], {"status": "running"}),
                (lost, {"status": "error", "error": reason}),
            ):
                if ids:
                    stmt = update(LiveRunRow).where(col(LiveRunRow.id).in_(ids))
                    s.exec(stmt.values(**values, updated_at=now()))
            s.commit()
            s.expunge_all()
        for run_id in [r.run_id for r in resume] + lost:
            self._bump(run_id)
        return resume, lost

    def finished(self, run_ids: Sequence[str]) -> set[str]:
        """Which of these runs are live runs that are over (done or error)."""
        stmt = select(LiveRunRow.id).where(
            col(LiveRunRow.id).in_(list(run_ids)), col(LiveRunRow.status).in_(TERMINAL)
        )
        with Session(self.engine) as s:
            return set(s.exec(stmt).all())

    # -- events ----------------------------------------------------------------------------------
    def events(self, run_id: str, after: int = -1) -> list[dict[str, Any]]:
        stmt = (
            select(LiveEventRow.event_json)
            .where(LiveEventRow.run_id == run_id, LiveEventRow.seq > after)
            .order_by(col(LiveEventRow.seq))
        )
        with Session(self.engine) as s:
            return [json.loads(text) for text in s.exec(stmt).all()]

    def counts(self, run_ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """Events per type, per run (listings show counts without reading traces)."""
        stmt = (
            select(LiveEventRow.run_id, LiveEventRow.type, func.count())
            .where(col(LiveEventRow.run_id).in_(list(run_ids)))
            .group_by(col(LiveEventRow.run_id), col(LiveEventRow.type))
        )
        out: dict[str, dict[str, int]] = {r: {} for r in run_ids}
        with Session(self.engine) as s:
            for run_id, kind, n in s.exec(stmt).all():
                out[run_id][kind] = n
        return out

    # -- checkpoints -----------------------------------------------------------------------------
    def checkpoints(self, run_id: str) -> list[LiveCheckpointRow]:
        stmt = select(LiveCheckpointRow).where(LiveCheckpointRow.run_id == run_id)
        with Session(self.engine) as s:
            return list(s.exec(stmt.order_by(col(LiveCheckpointRow.seq))).all())

    def pending(self, run_ids: Sequence[str]) -> dict[str, list[str]]:
        """The pending checkpoint ids of each run."""
        stmt = (
            select(LiveCheckpointRow.run_id, LiveCheckpointRow.id)
            .where(col(LiveCheckpointRow.run_id).in_(list(run_ids)), LiveCheckpointRow.status == "pending")
            .order_by(col(LiveCheckpointRow.seq))
        )
        out: dict[str, list[str]] = {r: [] for r in run_ids}
        with Session(self.engine) as s:
            for run_id, cp_id in s.exec(stmt).all():
                out[run_id].append(cp_id)
        return out

    def checkpoint(self, run_id: str, checkpoint_id: str) -> LiveCheckpointRow | None:
        with Session(self.engine) as s:
            return s.get(LiveCheckpointRow, (run_id, checkpoint_id))


def _filtered(stmt: Any, statuses: Iterable[str] | None, where: dict[str, str] | None) -> Any:
    if statuses is not None:
        stmt = stmt.where(col(LiveRunRow.status).in_(list(statuses)))
    for name, value in (where or {}).items():
        if name not in ("agent", "model", "policy", "scenario"):
            raise ValueError(f"live runs are not filtered by {name!r}")
        stmt = stmt.where(col(getattr(LiveRunRow, name)) == value)
    return stmt


def _unfinished(
    s: Session,
) -> list[tuple[LiveRunRow, list[LiveCheckpointRow], LivePauseRow | None]]:
    """Every ``running`` or ``waiting`` run with its checkpoints (in order) and its last pause."""
    runs = s.exec(
        select(LiveRunRow)
        .where(col(LiveRunRow.status).in_(["running", "waiting"]))
        .order_by(col(LiveRunRow.created_at), col(LiveRunRow.id))
    ).all()
    ids = [r.id for r in runs]
    cps: dict[str, list[LiveCheckpointRow]] = {i: [] for i in ids}
    for cp in s.exec(
        select(LiveCheckpointRow)
        .where(col(LiveCheckpointRow.run_id).in_(ids))
        .order_by(col(LiveCheckpointRow.seq))
    ).all():
        cps[cp.run_id].append(cp)
    pauses = {p.run_id: p for p in s.exec(select(LivePauseRow).where(col(LivePauseRow.run_id).in_(ids)))}
    return [(r, cps[r.id], pauses.get(r.id)) for r in runs]
