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


class JudgeResult(BaseModel):
    """What a judge said about a run's report (``travel-sandbox judge``): a score of 1-5 per criterion
    of its rubric, a verdict and a one-line reason; or, when it gave none, the error (``passed`` null).

    A judge reads what an outside reader of the run would: the request, the report and the final state
    in plain words, never the run's checks or the scenario's hidden sections.
    """

    model_config = ConfigDict(extra="forbid")
    judge: str = Field(description='Which judge: "offline" or "openai:NAME".')
    rubric: str = Field(description='The rubric it applied, by name and version ("report@1").')
    scores: dict[str, int] = Field(default_factory=dict, description="Criterion -> score, 1 (worst) to 5.")
    passed: bool | None = Field(None, description="The judge's verdict; null when it gave none (error).")
    reason: str = ""
    error: str | None = Field(None, description="Why the judge gave no verdict (a bad reply, no answer).")


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
    started_at: datetime
    final_message: str = ""
    confidence: float | None = Field(
        None, description="The agent's last stated confidence in its plan (its proposal), if any."
    )
    state_hash: str | None = None
    final_state_words: list[str] | None = Field(
        None,
        description="What the run left in the world, in plain words (World.describe_state), one line per "
        "thing (a booking, an item); what a judge reads of the outcome. Null for runs stored before it.",
    )
    judge: JudgeResult | None = Field(
        None, description="A judge's verdict on the report (travel-sandbox judge run, run --judge)."
    )
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
