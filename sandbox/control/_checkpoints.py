"""Checkpoint payloads (what a human sees) and decisions (what a human says).

A checkpoint is raised with LangGraph's ``interrupt(payload)``; the run resumes with
``Command(resume={interrupt_id: decision})``. Both are plain JSON so they survive a checkpointer.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sandbox.spi import Decision

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
    args: dict[str, Any],
    decision: DecisionIn,
    items: list[dict[str, Any]],
    alternatives: list[dict[str, Any]],
) -> dict[str, Any] | str:
    """The arguments after a human's ``edit``, or a message saying why the edit cannot apply.

    ``alternative`` picks one of the plans the agent proposed. At a tool checkpoint it replaces the
    item this call books with the alternative's item of the same kind and position, by convention:
    an item ``{kind: "flight", id: X, details: {...}}`` is the call argument ``flight_id: X`` plus its
    details (``cabin``, ``check_in``, ...). Explicit ``args`` are applied last.
    """
    merged = dict(args)
    if decision.alternative is not None:
        if decision.alternative >= len(alternatives):
            return f"alternative {decision.alternative} does not exist ({len(alternatives)} were proposed)"
        alt = alternatives[decision.alternative]
        if isinstance(alt.get("args"), dict):
            merged.update(alt["args"])
        else:
            swapped = _swap_item(merged, items, list(alt.get("items") or []))
            if swapped is None:
                return f"alternative {decision.alternative} has no item to replace what this call books"
            merged = swapped
    if decision.args:
        merged.update(decision.args)
    return merged


def _swap_item(
    args: dict[str, Any], items: list[dict[str, Any]], alt_items: list[dict[str, Any]]
) -> dict[str, Any] | None:
    for kind in {str(i.get("kind")) for i in items + alt_items}:
        key = f"{kind}_id"
        if key not in args:
            continue
        mine = [i for i in items if i.get("kind") == kind]
        theirs = [i for i in alt_items if i.get("kind") == kind]
        pos = next((n for n, i in enumerate(mine) if i.get("id") == args[key]), 0)
        if pos >= len(theirs):
            return None
        pick = theirs[pos]
        details = {k: v for k, v in (pick.get("details") or {}).items() if k in args}
        return {**args, **details, key: pick.get("id")}
    return None
