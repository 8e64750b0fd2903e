"""A learner's grades of a drill's runs, kept server-side (the web drill page): a reload keeps them.

One row per graded run (``drill_grades``: the drill, the run, ``pass``/``fail``, the learner's reason),
apart from the answer key (``drills``) so listing or grading never reads the key. ``DrillGrades`` is a
mixin of ``RunStore``: it uses the store's engine and lock.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Text, desc
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, col, func, select


class DrillGradeRow(SQLModel, table=True):
    __tablename__ = "drill_grades"

    drill_id: str = Field(primary_key=True)
    run_id: str = Field(primary_key=True)
    verdict: str
    reason: str = Field(default="", sa_column=Column(Text, nullable=False))
    graded_at: datetime


class DrillInfo(SQLModel):
    """A drill as listed: no answers, only its size, how it was made and how much of it is graded."""

    id: str
    created_at: datetime
    runs: int
    seed: int | None
    difficulty: str | None
    graded: int


class DrillGrades:
    """Grades of drills' runs (mixed into ``RunStore``)."""

    engine: Engine
    _lock: threading.Lock

    def save_grade(self, drill_id: str, run_id: str, verdict: str, reason: str = "") -> None:
        """Keep (or replace) the learner's grade of one run of a drill."""
        row = DrillGradeRow(
            drill_id=drill_id, run_id=run_id, verdict=verdict, reason=reason, graded_at=datetime.now(UTC)
        )
        with self._lock, Session(self.engine) as session:
            session.merge(row)
            session.commit()

    def drill_grades(self, drill_id: str) -> dict[str, tuple[str, str]]:
        """``{run id: (verdict, reason)}`` of the runs graded so far."""
        with self._lock, Session(self.engine) as session:
            rows = session.exec(select(DrillGradeRow).where(DrillGradeRow.drill_id == drill_id)).all()
            return {r.run_id: (r.verdict, r.reason) for r in rows}

    def list_drills(self, limit: int = 50) -> list[DrillInfo]:
        """The newest drills first, with their grading progress."""
        keys = SQLModel.metadata.tables["drills"]  # the answer keys (``RunStore``'s ``DrillRow``)
        with self._lock, Session(self.engine) as session:
            rows = session.execute(sa_select(keys).order_by(desc(keys.c.created_at)).limit(limit)).all()
            counts = dict(
                session.exec(
                    select(DrillGradeRow.drill_id, func.count())
                    .where(col(DrillGradeRow.drill_id).in_([r.id for r in rows]))
                    .group_by(DrillGradeRow.drill_id)
                ).all()
            )
            out = []
            for r in rows:
                key: dict[str, Any] = json.loads(r.key_json)
                out.append(
                    DrillInfo(
                        id=r.id,
                        created_at=_aware(r.created_at),
                        runs=len(key.get("runs") or {}),
                        seed=key.get("seed"),
                        difficulty=key.get("difficulty"),
                        graded=int(counts.get(r.id, 0)),
                    )
                )
            return out


def _aware(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC) if t.utcoffset() is None else t
