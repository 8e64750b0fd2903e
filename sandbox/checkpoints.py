"""Checkpoint payloads (what a human sees) and decisions (what a human says).

A checkpoint is raised with LangGraph's ``interrupt(payload)``; the run resumes with
``Command(resume={interrupt_id: decision})``. Both are plain JSON so they survive a checkpointer.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sandbox.scenario import Decision

CheckpointKind = Literal["tool", "proposal", "question"]


class CheckpointPayload(BaseModel):
    """Everything a human needs to decide, in one JSON object."""

    model_config = ConfigDict(extra="forbid")

    kind: CheckpointKind
    call_id: str
    tool: str
    tool_kind: str
    action: str = Field(description="What the agent wants to do, in plain words.")
    args: dict[str, Any]
    amount: float | None = Field(None, description="Cost in dollars, when the call has one.")
    budget: float | None = None
    budget_remaining: float | None = None
    budget_after: float | None = Field(None, description="Budget left if this call goes through.")
    rationale: str | None = None
    confidence: float | None = None
    alternatives: list[dict[str, Any]] = Field(default_factory=list)
    rule: str = Field(description="The override-policy rule that caused the stop.")


class DecisionIn(BaseModel):
    """A human's decision at a checkpoint."""

    model_config = ConfigDict(extra="forbid")

    decision: Decision
    args: dict[str, Any] | None = Field(None, description="edit: argument values to change.")
    alternative: int | None = Field(None, ge=0, description="edit: choose this alternative (0-based).")
    reason: str | None = Field(None, description="reject: the reason the agent is shown.")
    text: str | None = Field(None, description="respond: the answer given instead of running the tool.")


def apply_edit(
    args: dict[str, Any], decision: DecisionIn, alternatives: list[dict[str, Any]]
) -> dict[str, Any]:
    """The arguments after a human's ``edit``: an alternative's ``args`` first, then explicit ``args``."""
    merged = dict(args)
    if decision.alternative is not None and decision.alternative < len(alternatives):
        alt_args = alternatives[decision.alternative].get("args")
        if isinstance(alt_args, dict):
            merged.update(alt_args)
    if decision.args:
        merged.update(decision.args)
    return merged
