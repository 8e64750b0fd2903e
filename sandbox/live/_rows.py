"""The rows of the live tables (``sandbox.live._store`` says what each holds)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

LiveStatus = str  # running | waiting | done | error
TERMINAL = ("done", "error")


class LiveRunRow(SQLModel, table=True):
    __tablename__ = "live_runs"

    id: str = Field(primary_key=True)
    world: str
    scenario: str = Field(index=True)
    agent: str
    model: str
    policy: str
    human: str
    trial: int = 0
    seed: int = 0
    status: str = Field(index=True)
    error: str | None = None
    created_at: datetime = Field(index=True)
    updated_at: datetime
    spec_json: str = Field(sa_column=Column(Text, nullable=False))
    scenario_json: str = Field(sa_column=Column(Text, nullable=False))
    state_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    stated_json: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    final_message: str = Field(default="", sa_column=Column(Text, nullable=False))
    model_calls: int = 0
    tokens: int | None = None
    active_s: float = 0.0


class LiveEventRow(SQLModel, table=True):
    __tablename__ = "live_events"

    run_id: str = Field(primary_key=True)
    seq: int = Field(primary_key=True)
    type: str
    event_json: str = Field(sa_column=Column(Text, nullable=False))


class LiveCheckpointRow(SQLModel, table=True):
    __tablename__ = "live_checkpoints"

    run_id: str = Field(primary_key=True)
    id: str = Field(primary_key=True)  # the LangGraph interrupt id
    seq: int  # order within the run
    status: str = Field(index=True)  # pending | held (in its undo window) | decided
    kind: str
    tool: str
    payload_json: str = Field(sa_column=Column(Text, nullable=False))
    decision_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    resumed: bool = False
    created_at: datetime
    decided_at: datetime | None = None


class LivePauseRow(SQLModel, table=True):
    __tablename__ = "live_pauses"

    run_id: str = Field(primary_key=True)
    events: int  # trace events stored at the pause
    graph_json: str = Field(sa_column=Column(Text, nullable=False))  # ``live_threads.Keys`` at the pause


TABLES = (LiveRunRow, LiveEventRow, LiveCheckpointRow, LivePauseRow)
OPEN = ("pending", "held")  # a checkpoint not yet decided for good: the run must not resume
