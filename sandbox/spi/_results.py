"""Run results and scores: what a run produces, what the store keeps and what reports show.

The ``--json`` report is a stable contract: ``{"runs": [RunResult.public()...], "summary": {...}}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sandbox.spi._trace import TraceEvent

RunStatus = Literal["done", "error"]


class Check(BaseModel):
    """One correctness check, explained in words for reports."""

    model_config = ConfigDict(extra="forbid")
    name: str
    passed: bool
    weight: float = 1.0
    detail: str = Field(description="Why it passed or failed, in plain words.")


class Scores(BaseModel):
    model_config = ConfigDict(extra="forbid")
    correctness: float
    budget: float
    preference: float
    faithfulness: float
    overall: float
    passed: bool
    checks: list[Check] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


@dataclass
class WorldScore:
    checks: list[Check]
    budget: float
    preference: float
    faithfulness: float
    spend: float
    budget_limit: float | None = None
    notes: list[str] = field(default_factory=list)


class RunResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    scenario: str
    scenario_version: int = 1
    tags: list[str] = Field(default_factory=list)
    trial: int
    seed: int
    agent: str
    model: str
    policy: str
    human: str
    status: RunStatus
    error: str | None = None
    scores: Scores | None = None
    spend: float = 0.0
    budget: float | None = None
    interrupts: int = 0
    guardrail_blocks: int = 0
    tool_calls: int = 0
    model_calls: int = 0
    tokens: int | None = None
    duration_s: float = 0.0
    human_seconds: float = Field(
        0.0,
        description="Seconds the humans took to decide the run's checkpoints, in all: each from the "
        "checkpoint shown to the decision received (a simulated human's simulated time).",
    )
    started_at: datetime
    final_message: str = ""
    confidence: float | None = Field(
        None, description="The agent's last stated confidence in its plan (its proposal), if any."
    )
    state_hash: str | None = None
    trace: list[TraceEvent] = Field(default_factory=list)

    def public(self) -> dict[str, Any]:
        """The run as it appears in the ``--json`` report (everything but the trace)."""
        return self.model_dump(mode="json", exclude={"trace"})


def budget_score(spend: float, limit: float | None, tolerance: float) -> float:
    """1.0 within the budget, falling linearly to 0 at ``tolerance`` (default 25%) over it."""
    if limit is None or spend <= limit + 1e-9:
        return 1.0
    over = (spend - limit) / limit
    return max(0.0, 1.0 - over / tolerance)
