"""Request (``XCreate``) and response (``XPublic``) models of the JSON API (STYLE.md 14).

They document the contract in ``/docs`` and filter what goes out; the values come from
``sandbox.live`` as plain dicts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sandbox.control import DecisionIn
from sandbox.live import LiveSpec
from sandbox.spi import Scores, TraceEvent

RunStatus = Literal["running", "waiting", "done", "error"]


class ScenarioPublic(BaseModel):
    id: str
    title: str
    tags: list[str]
    request: str = Field(description="The only task text the agent sees.")
    version: int
    expect: str = Field(description="Expected outcome: booked, refused, asked or changed.")


class AgentPublic(BaseModel):
    name: str
    about: str
    privileged: bool = Field(description="Reads the hidden scenario (the reference agent): calibration only.")
    needs_model: bool


class ModelPublic(BaseModel):
    name: str


class PolicyPublic(BaseModel):
    name: str = Field(description="Preset name; ask-above-<amount> is a family, e.g. ask-above-500.")
    about: str


class RunCreate(LiveSpec):
    """Start a run of a library scenario. Unknown names, and names the web may not use (file paths,
    import paths), are refused (422 naming the field) and nothing is created."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "scenario": "basic-round-trip",
                    "agent": "reference",
                    "policy": "ask-on-write",
                    "human": "web",
                }
            ]
        },
    )

    scenario: str = Field(max_length=200, description="Scenario id (see /api/scenarios).")
    agent: str = Field("planner", max_length=200, description="Agent name (see /api/agents).")
    model: str = Field(
        "scripted",
        max_length=300,
        description="Model name, for agents that use one (see /api/models): a registered model, "
        "openai:NAME, or replay:NAME for a recording of the server's recordings folder.",
    )
    policy: str | None = Field(
        None,
        max_length=200,
        description="Override-policy preset (see /api/policies); none: the scenario's own.",
    )
    seed: int | None = Field(
        None, ge=0, le=2**63 - 1, description="Run seed (default: the scenario's world seed)."
    )


class RunCreated(BaseModel):
    id: str
    status: RunStatus


class RunSummary(BaseModel):
    """A run without its trace (listings, comparisons)."""

    id: str
    status: RunStatus
    scenario: str
    scenario_version: int = 1
    tags: list[str] = Field(default_factory=list)
    trial: int
    seed: int
    agent: str
    model: str
    policy: str
    human: str
    started_at: datetime
    error: str | None = None
    scores: Scores | None = None
    spend: float | None = None
    budget: float | None = None
    interrupts: int = 0
    guardrail_blocks: int = 0
    tool_calls: int = 0
    model_calls: int = 0
    tokens: int | None = None
    duration_s: float = Field(0.0, description="Seconds the run ran (time waiting for a person excluded).")
    final_message: str = ""
    state_hash: str | None = None
    live: bool = Field(description="Started from the web app (it has checkpoints and a live trace).")
    pending: list[str] = Field(description="Ids of the checkpoints waiting for a decision.")


class RunPublic(RunSummary):
    trace: list[TraceEvent]


class CheckpointPublic(BaseModel):
    id: str = Field(description="The checkpoint (LangGraph interrupt) id.")
    run_id: str
    seq: int
    status: Literal["pending", "decided"]
    kind: Literal["tool", "proposal", "question"] | str
    tool: str
    payload: dict[str, Any] = Field(
        description="What the human sees: action, args, amount, budget impact, rationale, confidence, "
        "alternatives and the rule that caused the stop (sandbox.control.CheckpointPayload)."
    )
    decision: dict[str, Any] | None = None
    created_at: datetime
    decided_at: datetime | None = None


class DecisionCreate(DecisionIn):
    """approve; edit with ``args`` (an object) and/or ``alternative`` (an index); reject with a
    ``reason``; respond with ``text``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"decision": "approve"},
                {"decision": "edit", "alternative": 0},
                {"decision": "reject", "reason": "too expensive"},
            ]
        },
    )


class CompareRow(BaseModel):
    id: str
    status: RunStatus
    scenario: str
    agent: str
    model: str
    policy: str
    human: str
    trial: int
    scores: Scores | None = None
    spend: float | None = None
    budget: float | None = None
    interrupts: int = 0
    guardrail_blocks: int = 0
    tool_calls: int = 0
    model_calls: int = 0
    duration_s: float = 0.0
    error: str | None = None


class Problem(BaseModel):
    """An error response: what was wrong, in words; for a field that was wrong, a list naming it
    (``[{"loc": ["body", "model"], "msg": ..., "type": ...}]``, FastAPI's validation shape)."""

    detail: str | list[dict[str, Any]]
