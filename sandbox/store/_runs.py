"""The run store: every finished run and every batch, in any SQLAlchemy database (SQLite by default).

``save`` commits each run as soon as it finishes, so an interrupted batch keeps every run already
done. The store is safe to share between threads: each call takes a lock and uses its own session.

The database comes from the ``url`` argument, else the ``TRAVEL_SANDBOX_DB`` environment variable,
else ``sqlite:///runs.sqlite`` in the working directory. PostgreSQL (``postgresql://user@host/db``,
the ``postgres`` extra) goes through psycopg 3; many processes (Ray workers, web apps) may share it. An in-memory SQLite URL (``sqlite://``) keeps
one shared connection, so every thread sees the same database.

Each run row keeps the run without its trace in ``public_json`` (listings never parse traces) and
its trace and the world's final state in ``result_json`` (``{"trace": [...], "final_state": ...}``,
``RunResult.STORED_ONLY``), so nothing of a run is stored twice; a row written by an earlier version,
with the whole run in ``result_json`` or no final state, reads the same.

A batch row keeps what started it (``meta``: the options, the plan, the provenance; see
``sandbox.runner``) and, once it finished, its summary. ``save(run, batch, replaces=old_id)`` swaps
a run of a batch for its re-run in one transaction (``run --resume``); ``update_batch`` rewrites a
batch's meta.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import threading
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Text, desc
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool
from sqlmodel import Field, Session, SQLModel, col, create_engine, func, select

from sandbox.errors import ConfigError
from sandbox.spi import RunResult
from sandbox.store._grades import DrillGradeRow, DrillGrades
from sandbox.store._query import RunFilter, unknown_batch_message

DB_ENV = "TRAVEL_SANDBOX_DB"
DEFAULT_URL = "sqlite:///runs.sqlite"


class RunRow(SQLModel, table=True):
    __tablename__ = "runs"

    id: str = Field(primary_key=True)
    batch_id: str | None = Field(default=None, index=True)
    scenario: str = Field(index=True)
    trial: int
    agent: str
    model: str
    policy: str
    human: str
    status: str
    passed: bool
    overall: float | None = None
    started_at: datetime = Field(index=True)
    duration_s: float = 0.0
    public_json: str = Field(sa_column=Column(Text, nullable=False))
    result_json: str = Field(sa_column=Column(Text, nullable=False))


class BatchRow(SQLModel, table=True):
    __tablename__ = "batches"

    id: str = Field(primary_key=True)
    created_at: datetime = Field(index=True)
    finished_at: datetime | None = None
    meta_json: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    summary_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class DrillRow(SQLModel, table=True):
    """A drill's answer key (``travel-sandbox drill``), kept apart from the runs it grades."""

    __tablename__ = "drills"

    id: str = Field(primary_key=True)
    created_at: datetime = Field(index=True)
    key_json: str = Field(sa_column=Column(Text, nullable=False))


class BatchInfo(SQLModel):
    """A batch as listed: what started it (``meta``, e.g. the command and its arguments) and its summary."""

    id: str
    created_at: datetime
    finished_at: datetime | None
    meta: dict[str, Any]
    summary: dict[str, Any] | None
    runs: int

    def incomplete(self) -> str | None:
        """Why the stored batch is not the whole batch, or None when it finished with every planned run."""
        planned = self.meta.get("planned_runs")
        planned = planned if isinstance(planned, int) else None
        if self.finished_at is not None and (planned is None or self.runs >= planned):
            return None
        stored = f"{self.runs} of {planned} planned runs" if planned is not None else f"{self.runs} runs"
        why = (
            "it never finished (stopped part-way, or still running)"
            if self.finished_at is None
            else "some runs were not stored"
        )
        return (
            f"batch {self.id} is incomplete: {stored} stored; {why}. Its scores cover the stored runs only."
        )


def _aware(t: datetime) -> datetime:
    """The store keeps UTC datetimes; a naive one is taken to be UTC already."""
    return t.replace(tzinfo=UTC) if t.utcoffset() is None else t


def sqlalchemy_url(url: str) -> str:
    """The URL as SQLAlchemy takes it: a PostgreSQL URL without a driver (``postgresql://``, as people
    and ``TRAVEL_SANDBOX_DB`` write it; ``postgres://`` too) means psycopg 3 (``postgresql+psycopg://``)."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url.removeprefix(plain)
    return url


def _make_engine(url: str) -> Engine:
    url = sqlalchemy_url(url)
    if url.startswith("sqlite"):
        in_memory = url.split("?")[0] in ("sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://")
        if in_memory:
            return create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
        return create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    if url.startswith("postgresql+psycopg"):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise ConfigError(
                "a PostgreSQL run store needs the psycopg driver: pip install 'travel-agent-sandbox[postgres]'"
            ) from None
    return create_engine(url, pool_pre_ping=True)


class RunStore(DrillGrades):
    """Runs and batches in a database. ``RunStore()`` opens the default; ``RunStore(engine=...)`` reuses one."""

    def __init__(self, url: str | None = None, *, engine: Engine | None = None):
        if engine is None:
            url = url or os.environ.get(DB_ENV) or DEFAULT_URL
            try:
                engine = _make_engine(url)
            except ConfigError:
                raise
            except Exception as exc:  # bad URL or missing driver: name the URL and where it came from
                shown = re.sub(r"://([^:/@]*):[^@]*@", r"://\1:***@", url)
                raise ConfigError(f"Cannot open run store {shown!r} (from url or ${DB_ENV}): {exc}") from exc
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self._lock = threading.Lock()
        tables = [
            SQLModel.metadata.tables[name]
            for name in (
                RunRow.__tablename__,
                BatchRow.__tablename__,
                DrillRow.__tablename__,
                DrillGradeRow.__tablename__,
            )
        ]
        try:
            SQLModel.metadata.create_all(engine, tables=tables)
        except SQLAlchemyError as exc:
            raise ConfigError(f"Cannot open run store {self.url!r}: {exc}") from exc

    # -- drills ----------------------------------------------------------------------------------

    def save_drill(self, drill_id: str, key: dict[str, Any]) -> None:
        """Keep a drill's answer key (by the drill's id: the id of the batch holding its runs)."""
        row = DrillRow(id=drill_id, created_at=datetime.now(UTC), key_json=json.dumps(key, default=str))
        with self._lock, Session(self.engine) as session:
            session.merge(row)
            session.commit()

    def get_drill(self, drill_id: str) -> dict[str, Any]:
        with self._lock, Session(self.engine) as session:
            row = session.get(DrillRow, drill_id)
            if row is None:
                raise ConfigError(f"No drill with id {drill_id!r} in {self.url}.")
            key: dict[str, Any] = json.loads(row.key_json)
            return key

    def drill_of(self, run_id: str) -> str | None:
        """The drill a run belongs to (the id of its batch, when that batch is a drill)."""
        with self._lock, Session(self.engine) as session:
            run = session.get(RunRow, run_id)
            if run is None or run.batch_id is None:
                return None
            return run.batch_id if session.get(DrillRow, run.batch_id) is not None else None

    # -- batches ---------------------------------------------------------------------------------

    def start_batch(self, meta: dict[str, Any] | None = None, *, batch_id: str | None = None) -> str:
        """Record a new batch (``meta``: what started it, e.g. ``{"command": "run", "args": {...}}``)."""
        new_id = batch_id or uuid.uuid4().hex[:12]
        row = BatchRow(id=new_id, created_at=datetime.now(UTC), meta_json=json.dumps(meta or {}, default=str))
        with self._lock, Session(self.engine) as session:
            if session.get(BatchRow, new_id) is not None:
                raise ConfigError(f"A batch with id {new_id!r} already exists in {self.url}.")
            session.add(row)
            session.commit()
        return new_id

    def update_batch(self, batch_id: str, meta: dict[str, Any]) -> None:
        """Replace what the batch records about itself (``meta``), e.g. when it is resumed."""
        with self._lock, Session(self.engine) as session:
            row = session.get(BatchRow, batch_id)
            if row is None:
                raise ConfigError(f"No batch with id {batch_id!r} in {self.url}.")
            row.meta_json = json.dumps(meta, default=str)
            session.add(row)
            session.commit()

    def finish_batch(self, batch_id: str, summary: dict[str, Any]) -> None:
        """Store the batch's summary (the JSON report's ``summary``) and when it finished."""
        with self._lock, Session(self.engine) as session:
            row = session.get(BatchRow, batch_id)
            if row is None:
                raise ConfigError(f"No batch with id {batch_id!r} in {self.url}.")
            row.finished_at = datetime.now(UTC)
            row.summary_json = json.dumps(summary)
            session.add(row)
            session.commit()

    def batches(self, limit: int = 20) -> builtins.list[BatchInfo]:
        """The most recent batches first."""
        with self._lock, Session(self.engine) as session:
            rows = session.exec(select(BatchRow).order_by(desc(col(BatchRow.created_at))).limit(limit)).all()
            return [self._batch_info(session, row) for row in rows]

    def get_batch(self, batch_id: str) -> BatchInfo:
        """The batch ``batch_id`` (a unique prefix is enough); an unknown id names the closest known ones."""
        with self._lock, Session(self.engine) as session:
            row = session.get(BatchRow, batch_id)
            if row is None and batch_id:
                stmt = (
                    select(BatchRow).where(col(BatchRow.id).startswith(batch_id, autoescape=True)).limit(50)
                )
                matches = [m for m in session.exec(stmt).all() if m.id.startswith(batch_id)]
                if len(matches) > 1:
                    ids = ", ".join(sorted(m.id for m in matches[:5]))
                    raise ConfigError(f"Batch id prefix {batch_id!r} is ambiguous: it matches {ids}.")
                row = matches[0] if matches else None
            if row is None:
                known = session.exec(
                    select(BatchRow.id).order_by(desc(col(BatchRow.created_at))).limit(500)
                ).all()
                raise ConfigError(unknown_batch_message(batch_id, self.url, list(known)))
            return self._batch_info(session, row)

    @staticmethod
    def _batch_info(session: Session, row: BatchRow) -> BatchInfo:
        count = session.exec(select(func.count()).where(RunRow.batch_id == row.id)).one()
        return BatchInfo(
            id=row.id,
            created_at=row.created_at,
            finished_at=row.finished_at,
            meta=json.loads(row.meta_json),
            summary=json.loads(row.summary_json) if row.summary_json else None,
            runs=count,
        )

    # -- runs ------------------------------------------------------------------------------------

    def save(self, run: RunResult, batch_id: str | None = None, *, replaces: str | None = None) -> None:
        """Store a run, replacing any earlier version with the same id, and commit at once.

        ``replaces``: the id of a stored run this one takes the place of (a re-run of an errored or
        skipped run): it is deleted in the same transaction."""
        row = RunRow(
            id=run.id,
            batch_id=batch_id,
            scenario=run.scenario,
            trial=run.trial,
            agent=run.agent,
            model=run.model,
            policy=run.policy,
            human=run.human,
            status=run.status,
            passed=run.status == "done" and run.scores is not None and run.scores.passed,
            overall=run.scores.overall if run.scores is not None else None,
            started_at=_aware(run.started_at),
            duration_s=run.duration_s,
            public_json=json.dumps(run.public()),
            result_json=run.model_dump_json(include=set(RunResult.STORED_ONLY)),
        )
        with self._lock, Session(self.engine) as session:
            if replaces is not None and replaces != run.id:
                old = session.get(RunRow, replaces)
                if old is not None:
                    session.delete(old)
            session.merge(row)
            session.commit()

    def get(self, run_id: str) -> RunResult:
        """The full run (trace included). A unique prefix of the id is enough."""
        with self._lock, Session(self.engine) as session:
            row = session.get(RunRow, run_id)
            if row is None and run_id:
                stmt = select(RunRow).where(col(RunRow.id).startswith(run_id, autoescape=True)).limit(50)
                matches = [
                    m for m in session.exec(stmt).all() if m.id.startswith(run_id)
                ]  # LIKE ignores case
                if len(matches) > 1:
                    ids = ", ".join(sorted(m.id for m in matches[:5]))
                    more = " …" if len(matches) > 5 else ""
                    raise ConfigError(
                        f"Run id prefix {run_id!r} is ambiguous: it matches {ids}{more}. Give more characters."
                    )
                row = matches[0] if matches else None
            if row is None:
                recent = session.exec(select(RunRow.id).order_by(*self._newest_first()).limit(5)).all()
                hint = f" Most recent runs: {', '.join(recent)}." if recent else " The store has no runs yet."
                raise ConfigError(f"No run with id {run_id!r} in {self.url}.{hint}")
            return _whole(row.public_json, row.result_json)

    def list(
        self,
        limit: int = 50,
        scenario: str | None = None,
        batch_id: str | None = None,
        *,
        where: RunFilter | None = None,
        offset: int = 0,
    ) -> builtins.list[RunResult]:
        """The most recent runs first, without their traces (``trace`` is empty); ``where`` filters
        (``scenario`` and ``batch_id`` are shorthands for its fields), ``offset`` skips that many."""
        where = (where or RunFilter()).model_copy(
            update={k: v for k, v in (("scenario", scenario), ("batch", batch_id)) if v is not None}
        )
        stmt = where.apply(select(RunRow.public_json), RunRow)
        with self._lock, Session(self.engine) as session:
            rows = session.exec(stmt.order_by(*self._newest_first()).offset(offset).limit(limit)).all()
        return [RunResult.model_validate_json(r) for r in rows]

    def count(self, where: RunFilter | None = None) -> int:
        """How many stored runs match ``where``."""
        stmt = (where or RunFilter()).apply(select(func.count()).select_from(RunRow), RunRow)
        with self._lock, Session(self.engine) as session:
            return int(session.exec(stmt).one())

    def keys(
        self, where: RunFilter | None = None, limit: int = 50
    ) -> builtins.list[tuple[datetime, str, str | None]]:
        """``(started_at, id, batch id)`` of the first ``limit`` matching runs, newest first: the
        listing's sort keys alone, cheap to merge with runs kept elsewhere before loading one page
        (``public_runs``)."""
        stmt = (where or RunFilter()).apply(select(RunRow.started_at, RunRow.id, RunRow.batch_id), RunRow)
        with self._lock, Session(self.engine) as session:
            rows = session.exec(stmt.order_by(*self._newest_first()).limit(limit)).all()
        return [(_aware(t), i, b) for t, i, b in rows]

    def public_runs(self, ids: Sequence[str]) -> dict[str, RunResult]:
        """The runs with these ids, without their traces, by id (unknown ids are left out)."""
        if not ids:
            return {}
        stmt = select(RunRow.id, RunRow.public_json).where(col(RunRow.id).in_(builtins.list(ids)))
        with self._lock, Session(self.engine) as session:
            rows = session.exec(stmt).all()
        return {i: RunResult.model_validate_json(p) for i, p in rows}

    def batch_runs(self, batch_id: str, *, trace: bool = True) -> builtins.list[RunResult]:
        """Every run of a batch, by scenario and trial; with their traces unless ``trace=False``."""
        columns = (RunRow.public_json, RunRow.result_json if trace else RunRow.public_json)
        stmt = (
            select(*columns)
            .where(RunRow.batch_id == batch_id)
            .order_by(col(RunRow.scenario), col(RunRow.trial), col(RunRow.id))
        )
        with self._lock, Session(self.engine) as session:
            rows = session.exec(stmt).all()
        return [
            _whole(public, trace_json) if trace else RunResult.model_validate_json(public)
            for public, trace_json in rows
        ]

    @staticmethod
    def _newest_first() -> tuple[Any, ...]:
        return desc(col(RunRow.started_at)), desc(col(RunRow.id))


def _whole(public_json: str, result_json: str) -> RunResult:
    """The run from its row: the public part, and the trace (an older row's whole run) over it."""
    return RunResult.model_validate({**json.loads(public_json), **json.loads(result_json)})
