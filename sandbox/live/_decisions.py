"""Recording decisions in the live tables, each state change one conditional ``UPDATE`` in one
transaction (``sandbox.live._store`` explains the tables).

A decision moves its checkpoint from ``pending`` to ``decided`` and, when it was the run's last open
one, claims the run for resuming (``waiting`` -> ``running``) in the same transaction. A decision held
for an undo window moves it to ``held`` instead and claims nothing; ``release`` makes it ``decided`` and
claims the run once the window is over, ``undo`` puts it back to ``pending``. Of two concurrent requests
on one checkpoint exactly one wins, even across processes.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, exists, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from sandbox.live._rows import OPEN, LiveCheckpointRow, LiveRunRow


def now() -> datetime:
    return datetime.now(UTC)


class Decisions:
    """The decision writes of ``LiveStore`` (a mixin over its engine, lock and change counter)."""

    engine: Engine
    _lock: threading.Lock

    def _bump(self, run_id: str) -> None:
        raise NotImplementedError

    def decide(
        self, run_id: str, checkpoint_id: str, decision: dict[str, Any], *, hold: bool = False
    ) -> list[LiveCheckpointRow] | None:
        """Record a decision and, if it was the run's last pending one, claim the run for resuming, in
        one transaction. ``None``: not recorded (the checkpoint is not pending or the run not waiting);
        else the decided checkpoints to resume the run with (``[]`` while others are still pending).
        ``hold``: record it ``held`` for an undo window instead: nothing is claimed until ``release``."""
        with self._lock, Session(self.engine, expire_on_commit=False) as s:
            # the run row first: concurrent deciders on one run (from other processes too) queue here
            waiting = (
                update(LiveRunRow)
                .where(col(LiveRunRow.id) == run_id, col(LiveRunRow.status) == "waiting")
                .values(updated_at=now())
            )
            record = (
                update(LiveCheckpointRow)
                .where(
                    col(LiveCheckpointRow.run_id) == run_id,
                    col(LiveCheckpointRow.id) == checkpoint_id,
                    col(LiveCheckpointRow.status) == "pending",
                )
                .values(
                    status="held" if hold else "decided", decision_json=json.dumps(decision), decided_at=now()
                )
            )
            if s.exec(waiting).rowcount != 1 or s.exec(record).rowcount != 1:
                s.rollback()
                return None
            rows = [] if hold else _claim(s, run_id)
            s.commit()
            self._bump(run_id)
            s.expunge_all()
            return rows

    def release(self, run_id: str, checkpoint_id: str) -> list[LiveCheckpointRow] | None:
        """A held decision's undo window is over: make it final and, if nothing else of the run is
        open, claim the run, in one transaction. ``None``: it was not held (undone, or already released)."""
        return self._settle(run_id, checkpoint_id, final=True)

    def undo(self, run_id: str, checkpoint_id: str) -> bool:
        """Take back a held decision inside its undo window: the checkpoint is pending again."""
        return self._settle(run_id, checkpoint_id, final=False) is not None

    def _settle(self, run_id: str, checkpoint_id: str, *, final: bool) -> list[LiveCheckpointRow] | None:
        values: dict[str, Any] = (
            {"status": "decided"}
            if final
            else {"status": "pending", "decision_json": None, "decided_at": None}
        )
        with self._lock, Session(self.engine, expire_on_commit=False) as s:
            moved = s.exec(
                update(LiveCheckpointRow)
                .where(
                    col(LiveCheckpointRow.run_id) == run_id,
                    col(LiveCheckpointRow.id) == checkpoint_id,
                    col(LiveCheckpointRow.status) == "held",
                )
                .values(**values)
            )
            if moved.rowcount != 1:
                s.rollback()
                return None
            rows = _claim(s, run_id) if final else []
            s.commit()
            self._bump(run_id)
            s.expunge_all()
            return rows


def _claim(s: Session, run_id: str) -> list[LiveCheckpointRow]:
    """In ``s``'s transaction: move the run from ``waiting`` to ``running`` if nothing of it is pending;
    its decided, unapplied checkpoints if it moved, else ``[]``. A held decision counts as open."""
    pending = exists().where(
        and_(col(LiveCheckpointRow.run_id) == run_id, col(LiveCheckpointRow.status).in_(OPEN))
    )
    claimed = s.exec(
        update(LiveRunRow)
        .where(col(LiveRunRow.id) == run_id, col(LiveRunRow.status) == "waiting", ~pending)
        .values(status="running", updated_at=now())
    )
    if claimed.rowcount != 1:
        return []
    return list(
        s.exec(
            select(LiveCheckpointRow)
            .where(
                LiveCheckpointRow.run_id == run_id,
                LiveCheckpointRow.status == "decided",
                col(LiveCheckpointRow.resumed).is_(False),
            )
            .order_by(col(LiveCheckpointRow.seq))
        ).all()
    )
