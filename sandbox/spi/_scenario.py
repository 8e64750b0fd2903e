"""World-independent sections of a scenario file (docs/architecture.md).

A world extends ``ScenarioBase`` with its own sections: at least ``world`` (whose ``name`` defaults to
the world's name), and whatever else it needs (the user, hidden constraints, preferences, faults).
Every model rejects unknown fields, so a typo in a scenario file is an error that names the field,
never a silently ignored key.

Hidden sections — everything except ``request`` and what the world exposes through its tools — are
never shown to an agent or a model.
"""

from __future__ import annotations

import fnmatch
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Decision = Literal["approve", "edit", "reject", "respond"]
PolicyOutcome = Literal["approve", "ask", "reject"]
Outcome = Literal["booked", "refused", "asked", "changed"]
ToolKindName = Literal["READ", "WRITE", "INTERACT"]
ToolRoleName = Literal["question", "proposal"]
#: What a human's rejection is about (``CheckpointRule.reason_kind``; inferred from the words when absent).
ReasonKind = Literal["price", "airline", "time", "hotel", "dates", "other"]

#: Sections an agent must never see. Scores and the simulated human read them; models do not.
HIDDEN_SECTIONS: tuple[str, ...] = ("constraints", "preferences", "expect", "human", "scoring", "faults")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckpointRule(Strict):
    """How the simulated human decides at a checkpoint. First matching rule wins."""

    tool: str = Field("*", description="Tool-name glob the checkpoint is about, e.g. 'delete_*'.")
    contains: list[str] = Field(
        default_factory=list,
        description="Only checkpoints that mention one of these strings (e.g. an item id): a proposal's "
        "plan items, or a call's arguments.",
    )
    nth: int | None = Field(None, ge=1, description="Only the nth checkpoint matching this rule (1-based).")
    decision: Decision
    reason: str | None = Field(None, description="For reject: the reason the agent is shown.")
    reason_kind: ReasonKind | None = Field(
        None,
        description="For reject: what the reason is about (price, airline, time, hotel, dates, other); "
        "inferred from the reason's words when absent. A 'price' rejection must be followed by a cheaper plan.",
    )
    args: dict[str, Any] | None = Field(None, description="For edit: argument values to change.")
    alternative: int | None = Field(None, ge=0, description="For edit: pick this alternative (0-based).")
    text: str | None = Field(None, description="For respond: the answer given instead of running the tool.")


class HumanSpec(Strict):
    """The simulated human: how checkpoints are decided (the user's answers come from the world's sections)."""

    checkpoints: list[CheckpointRule] = Field(default_factory=list)
    default: Literal["approve", "reject"] = "approve"


class PolicyRule(Strict):
    """One override-policy rule: ``{kind: WRITE, when: "amount > 500", then: ask}``."""

    tool: str = "*"
    kind: ToolKindName | None = None
    role: ToolRoleName | None = Field(
        None, description="Only interaction tools of this role: 'question' or 'proposal'."
    )
    when: str | None = Field(
        None, description="Condition over amount, budget_remaining, confidence, kind; e.g. 'amount > 500'."
    )
    then: PolicyOutcome
    reason: str | None = None


class PolicySpec(Strict):
    name: str | None = None
    rules: list[PolicyRule]
    default: PolicyOutcome = Field("reject", description="Outcome when no rule matches.")


class ToolMatch(Strict):
    """Matches calls in the trace: a tool-name glob, a subset of arguments, and success or failure."""

    tool: str
    args: dict[str, Any] = Field(default_factory=dict)
    ok: bool | None = Field(
        True, description="Match only successful (true) or failed (false) calls; null: any."
    )

    def matches_call(self, tool: str, args: dict[str, Any]) -> bool:
        """Whether a call of ``tool`` with ``args`` matches the tool glob and every argument given here
        (compared as text, ignoring case); ``ok`` is not looked at (the call has not run)."""
        if not fnmatch.fnmatch(tool, self.tool):
            return False
        return all(str(args.get(k)).lower() == str(v).lower() for k, v in self.args.items())


class Milestone(ToolMatch):
    """Something that must happen, optionally before the first successful call matching ``before``."""

    before: str | None = None
    description: str


class Minefield(ToolMatch):
    """Something that must never happen, nor be attempted: a call matching it fails the run even when a
    guardrail or the human stopped it (``ok`` is not read: every attempt counts), unless ``learnable``."""

    description: str
    learnable: bool = Field(
        False,
        description="The request never states this constraint: only the human's stop reveals it. A "
        "stopped attempt is recorded, not failed; an attempt that reached the world still fails.",
    )


class Expect(Strict):
    outcome: Outcome
    milestones: list[Milestone] = Field(default_factory=list)
    minefields: list[Minefield] = Field(default_factory=list)


class ScoreWeights(Strict):
    correctness: float = Field(0.5, ge=0)
    budget: float = Field(0.2, ge=0)
    preference: float = Field(0.2, ge=0)
    faithfulness: float = Field(0.1, ge=0)


class ScoringSpec(Strict):
    weights: ScoreWeights = Field(default_factory=ScoreWeights)
    pass_threshold: float = Field(
        0.8,
        ge=0,
        le=1,
        description="Ranking only, unless set in the file: then an extra gate (overall >= it).",
    )
    min_correctness: float = Field(1.0, ge=0, le=1, description="Correctness below this fails the run.")
    min_preference: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Preference fit below this fails the run; default 0.8 when the outcome is 'booked', "
        "else no preference gate.",
    )
    waste_allowed: float = Field(
        0.0, ge=0, description="Dollars the run may lose on items it acquired and gave up itself."
    )
    budget_tolerance: float = Field(0.25, gt=0, description="Budget score reaches 0 at this fraction over.")


class ScenarioBase(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    version: int = Field(1, ge=1)
    description: str | None = None
    request: str = Field(min_length=1, description="The only task text the agent sees.")
    human: HumanSpec = Field(default_factory=HumanSpec)
    policy: str | PolicySpec | None = Field(
        None, description="A preset name, a policy file path, or inline rules."
    )
    expect: Expect
    scoring: ScoringSpec = Field(default_factory=ScoringSpec)
