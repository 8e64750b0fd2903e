"""The interaction tools every agent gets: ``ask_user`` and ``propose_itinerary``.

They are handled by the harness, not the world: both go through the gateway's checkpoint mechanism.
``ask_user`` always reaches the human (the simulated traveller answers it); ``propose_itinerary``
reaches the human when the override policy says ``ask``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sandbox.control._checkpoints import DecisionIn
from sandbox.spi import INTERACT, ToolResult, describe_validation, tool


class ProposedItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field(description="What the item is, e.g. 'flight' or 'hotel'.")
    id: str = Field(description="The item's id, as returned by a search.")
    details: dict[str, Any] = Field(default_factory=dict, description="Dates, cabin, travellers, rooms, ...")
    price: float | None = Field(None, description="Total price of this item in dollars.")


class Alternative(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[ProposedItem]
    total: float
    note: str | None = Field(None, description="Why it was not the first choice.")


@tool(INTERACT)
def ask_user(env: Any, question: str) -> dict[str, Any]:
    """Ask the traveller a clarifying question and get their answer.

    Use it when the request leaves something you need open (dates, destination, who travels).
    """
    raise AssertionError("ask_user is answered by the harness")  # pragma: no cover


@tool(INTERACT)
def propose_itinerary(
    env: Any,
    items: list[ProposedItem],
    total: float,
    rationale: str,
    confidence: float = Field(ge=0, le=1),
    alternatives: list[Alternative] | None = None,
) -> dict[str, Any]:
    """Present the plan you intend to book, for the traveller's approval, before booking it.

    items: what you will book; total: the total price in dollars; rationale: why this plan;
    confidence: 0..1, how sure you are it is what the traveller wants; alternatives: the other
    options you weighed. The answer says whether the plan was approved, rejected (with a reason)
    or changed to one of the alternatives.
    """
    raise AssertionError("propose_itinerary is answered by the harness")  # pragma: no cover


INTERACTION_TOOLS = [ask_user, propose_itinerary]


def interaction_result(name: str, args: dict[str, Any], human: DecisionIn | None) -> ToolResult:
    """The observation the agent gets back from an interaction tool."""
    spec = {t.name: t for t in INTERACTION_TOOLS}[name]
    try:
        spec.args_model.model_validate(args)
    except ValidationError as exc:
        fld, msg = describe_validation(exc)
        return ToolResult.failure("invalid_argument", msg, fld)
    if name == "ask_user":
        if human is None or human.decision == "reject":
            reason = human.reason if human else None
            return ToolResult.success(
                {"answer": None, "note": f"The traveller did not answer. {reason or ''}".strip()}
            )
        return ToolResult.success({"answer": human.text or ""})
    if human is None:
        return ToolResult.success({"status": "approved", "by": "policy", "note": "No approval was needed."})
    if human.decision == "approve":
        return ToolResult.success({"status": "approved"})
    if human.decision == "reject":
        return ToolResult.success({"status": "rejected", "reason": human.reason or "no reason given"})
    if human.decision == "respond":
        return ToolResult.success({"status": "responded", "text": human.text or ""})
    alternatives = args.get("alternatives") or []
    if human.alternative is not None:
        if human.alternative >= len(alternatives):
            return ToolResult.success(
                {"status": "rejected", "reason": f"alternative {human.alternative} does not exist"}
            )
        return ToolResult.success(
            {
                "status": "approved_alternative",
                "alternative": human.alternative,
                "plan": alternatives[human.alternative],
            }
        )
    return ToolResult.success({"status": "edited", "changes": human.args or {}})
