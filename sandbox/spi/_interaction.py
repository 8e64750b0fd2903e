"""Interaction tools: calls the harness answers itself, found by their role, never by their name.

Three roles exist. A world has at most one tool of each of the first two (``World.interaction_tools``):

- ``question`` — ``ask_user(question)``: the agent asks the user something; the simulated user
  (``World.answer``) or a person answers it. Asking the user is the same in every world, so the tool
  and its name are the sandbox's; a world only words its description (``question_tool(description)``).
- ``proposal`` — the agent presents its plan for approval before it acts: ``items``, ``total``,
  ``rationale``, ``confidence``, ``alternatives`` and (optional) ``assumptions`` (these argument names
  are the contract the gateway and the checkpoint card read). The tool's name, its description and the schema of one plan item are
  the world's (``proposal_tool(name, description, item=...)``). An item names what it is (``kind``)
  and which one (``id``); ``item_arg`` says which argument of the world's WRITE call holds an item's
  id (``"{kind}_id"``: a ``room`` item is the ``room_id`` argument), so a human at a WRITE call's
  checkpoint can swap in an alternative's item.
- ``control`` — an agent's signal to its own graph, e.g. ``finish_phase(outcome, reason)``: the
  agent declares it (``control_tool(name, description, args)``, listed in its factory's
  ``control_tools``) and the gateway answers it with its arguments as the schema read them, traced as a
  ``control`` event, outside the run's tool-call limit, never reaching the world or a checkpoint. The
  schema is the agent's, so it may be lenient (a ``mode="before"`` validator that lower-cases an
  outcome) with what real models send.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from sandbox.spi._tools import CONTROL, INTERACT, PROPOSAL, QUESTION, ToolSpec

#: The name of the sandbox's question tool, the same in every world.
QUESTION_TOOL = "ask_user"
_QUESTION_TEXT = """\
Ask the user a clarifying question and get their answer.

Use it when the request leaves something you need open."""


class ProposalItem(BaseModel):
    """One item of a proposed plan. A world may subclass it to describe its own items."""

    model_config = ConfigDict(extra="forbid")
    kind: str = Field(description="What the item is.")
    id: str = Field(description="The item's id.")
    details: dict[str, Any] = Field(default_factory=dict, description="What else the action needs.")
    price: float | None = Field(None, description="Total price of this item in dollars.")


@dataclass(frozen=True)
class ProposalSpec(ToolSpec):
    """A proposal tool: ``item_arg`` names the WRITE argument that holds an item's id (``{kind}``
    stands for the item's kind)."""

    item_arg: str = "{kind}_id"

    def arg_for(self, kind: str) -> str:
        return self.item_arg.format(kind=kind)


def _answered_by_the_harness(env: Any, **args: Any) -> Any:  # pragma: no cover - never invoked
    raise AssertionError("interaction tools are answered by the harness")


def _args_name(name: str) -> str:
    return "".join(p.capitalize() for p in name.split("_")) + "Args"


@functools.cache
def question_tool(description: str = _QUESTION_TEXT) -> ToolSpec:
    """The sandbox's ``ask_user(question)``, described in the world's words."""
    args = create_model(_args_name(QUESTION_TOOL), __config__=ConfigDict(extra="forbid"), question=(str, ...))
    return ToolSpec(
        name=QUESTION_TOOL,
        kind=INTERACT,
        fn=_answered_by_the_harness,
        description=inspect.cleandoc(description),
        args_model=args,
        role=QUESTION,
    )


def proposal_tool(
    name: str, description: str, *, item: type[ProposalItem] = ProposalItem, item_arg: str = "{kind}_id"
) -> ProposalSpec:
    """A world's proposal tool: ``name(items, total, rationale, confidence, alternatives, assumptions)``."""
    forbid = ConfigDict(extra="forbid")
    alternative = create_model(
        "Alternative",
        __config__=forbid,
        items=(list[item], ...),  # type: ignore[valid-type]
        total=(float, ...),
        note=(str | None, Field(None, description="Why it was not the first choice.")),
    )
    args = create_model(
        _args_name(name),
        __config__=forbid,
        items=(list[item], ...),  # type: ignore[valid-type]
        total=(float, ...),
        rationale=(str, ...),
        confidence=(float, Field(ge=0, le=1)),
        alternatives=(list[alternative] | None, None),
        assumptions=(
            list[str] | None,
            Field(
                None,
                description="How you read the request, one line each, for the traveller to check: what it "
                "said ('3 travellers') and what you assumed because it did not say.",
            ),
        ),
    )
    return ProposalSpec(
        name=name,
        kind=INTERACT,
        fn=_answered_by_the_harness,
        description=inspect.cleandoc(description),
        args_model=args,
        role=PROPOSAL,
        item_arg=item_arg,
    )


def control_tool(name: str, description: str, args: type[BaseModel]) -> ToolSpec:
    """An agent's control tool: ``args`` is its schema (a pydantic model; what the model sees, and what
    the gateway validates a call with). List it in the agent factory's ``control_tools``."""
    if not (isinstance(args, type) and issubclass(args, BaseModel)):
        raise TypeError(f"control tool {name}: args must be a pydantic model class, got {args!r}")
    return ToolSpec(
        name=name,
        kind=INTERACT,
        fn=_answered_by_the_harness,
        description=inspect.cleandoc(description),
        args_model=args,
        role=CONTROL,
    )
