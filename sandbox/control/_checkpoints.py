"""Checkpoint payloads (what a human sees) and decisions (what a human says).

A checkpoint is raised with LangGraph's ``interrupt(payload)`` (``CheckpointPayload``, defined in
``sandbox.spi`` because it is also the ``checkpoint`` trace event's data); the run resumes with
``Command(resume={interrupt_id: decision})``. Both are plain JSON so they survive a checkpointer.
An edit's arguments are checked against the schema of what they edit (``edit_error``) by the web API
before a decision is accepted and by the gateway before it is applied, so a value of the wrong type
never reaches an agent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sandbox.spi import (
    CardContent,
    CheckpointEvent,
    CheckpointKind,
    CheckpointPayload,
    Decision,
    DecisionEvent,
    HumanDecision,
    PlanChange,
    ReasonKind,
    ToolSpec,
    Trace,
    WorldHooks,
)

#: The key of a resume value under which the harness says how long the human took (seconds); it is
#: not part of the decision, and the gateway takes it off before reading the decision.
SECONDS = "seconds"

ConfidenceFrom = Literal["plan", "call", "earlier call"]


@dataclass
class Stated:
    """What the agent last said about its plan (from its proposal or a WRITE's own arguments).

    ``source``: where ``rationale`` and ``confidence`` were last stated: ``plan`` (a proposal) or
    ``call`` (notes on a WRITE call)."""

    rationale: str | None = None
    confidence: float | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)  # the proposed plan's items
    assumptions: list[str] = field(default_factory=list)
    source: Literal["plan", "call"] | None = None


@dataclass(frozen=True)
class Stop:
    """Why the gateway stops a call: the policy's rule, in its syntax and in words, and the cost facts."""

    rule: str
    reason: str | None
    amount: float | None
    budget: float | None
    budget_remaining: float | None
    confidence: float | None


def checkpoint_payload(
    kind: CheckpointKind,
    call_id: str,
    spec: ToolSpec,
    args: dict[str, Any],
    stop: Stop,
    hooks: WorldHooks,
    stated: Stated,
    *,
    noted: bool,
    trace: Trace,
) -> CheckpointPayload:
    """What the human sees at a checkpoint. Only what applies to the call: a look-up carries no
    cost, rationale, confidence or alternatives (the agent stated those for its plan, not for it);
    ``noted``: the call itself carried the agent's notes (rationale, confidence)."""
    action = hooks.describe(spec.name, args)
    card = hooks.card(spec.name, args) or CardContent(headline=action)
    write = spec.kind == "WRITE"
    payload = CheckpointPayload(
        kind=kind,
        call_id=call_id,
        tool=spec.name,
        tool_kind=spec.kind,
        action=action,
        args=args,
        amount=stop.amount,
        budget=stop.budget,
        budget_remaining=stop.budget_remaining,
        budget_after=(stop.budget_remaining - stop.amount)
        if stop.budget_remaining is not None and stop.amount is not None and write
        else None,
        rule=stop.rule,
        reason=stop.reason,
        card=card,
    )
    if kind == "proposal":
        assumptions = [str(a) for a in args.get("assumptions") or []]
        return payload.model_copy(
            update={
                "rationale": args.get("rationale"),
                "confidence": stop.confidence,
                "confidence_from": "plan" if stop.confidence is not None else None,
                "alternatives": list(args.get("alternatives") or []),
                "assumptions": assumptions,
                "previous": plan_change(trace, args),
            }
        )
    if write:
        source: ConfidenceFrom = "call" if noted else "plan" if stated.source == "plan" else "earlier call"
        return payload.model_copy(
            update={
                "rationale": stated.rationale,
                "confidence": stop.confidence,
                "confidence_from": source if stop.confidence is not None else None,
                "alternatives": stated.alternatives,
                "assumptions": stated.assumptions,
            }
        )
    return payload


def _item_name(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    return f"{item.get('kind', 'item')} {item.get('id', '?')}"


def plan_change(trace: Trace, args: dict[str, Any]) -> PlanChange | None:
    """How the plan in ``args`` differs from the last plan proposed, when the human rejected that one."""
    last = next((e.data for e in reversed(trace.of_type(CheckpointEvent)) if e.data.kind == "proposal"), None)
    if last is None:
        return None
    said = next(
        (
            e.data
            for e in trace.of_type(DecisionEvent)
            if isinstance(e.data, HumanDecision) and e.data.id == last.call_id
        ),
        None,
    )
    if said is None or said.decision != "reject":
        return None
    before = [_item_name(i) for i in last.args.get("items") or []]
    after = [_item_name(i) for i in args.get("items") or []]
    total_before, total_after = last.args.get("total"), args.get("total")
    return PlanChange(
        reason=said.reason,
        added=[i for i in after if i not in before],
        removed=[i for i in before if i not in after],
        total_before=float(total_before) if isinstance(total_before, int | float) else None,
        total_after=float(total_after) if isinstance(total_after, int | float) else None,
    )


class DecisionIn(BaseModel):
    """A human's decision at a checkpoint."""

    model_config = ConfigDict(extra="forbid")

    decision: Decision
    args: dict[str, Any] | None = Field(None, description="edit: argument values to change.")
    alternative: int | None = Field(None, ge=0, description="edit: choose this alternative (0-based).")
    reason: str | None = Field(None, description="reject: the reason the agent is shown.")
    reason_kind: ReasonKind | None = Field(
        None,
        description="reject: what the reason is about (price, airline, time, hotel, dates, other); "
        "when not given, scoring reads it from the reason's words (sandbox.spi.infer_reason_kind).",
    )
    text: str | None = Field(None, description="respond: the answer given instead of running the tool.")


def apply_edit(
    args: dict[str, Any],
    decision: DecisionIn,
    items: list[dict[str, Any]],
    alternatives: list[dict[str, Any]],
    arg_for: Callable[[str], str] | None = None,
) -> dict[str, Any] | str:
    """The arguments after a human's ``edit``, or a message saying why the edit cannot apply.

    ``alternative`` picks one of the plans the agent proposed. At a tool checkpoint it replaces the
    item this call acts on with the alternative's item of the same kind and position. Which argument
    holds an item is the world's convention, ``arg_for(kind)`` (the proposal tool's ``item_arg``;
    ``{kind}_id`` by default): an item ``{kind: K, id: X, details: {...}}`` is the call argument
    ``arg_for(K): X`` plus those of its details the call takes. Explicit ``args`` are applied last.
    """
    merged = dict(args)
    if decision.alternative is not None:
        if decision.alternative >= len(alternatives):
            return f"alternative {decision.alternative} does not exist ({len(alternatives)} were proposed)"
        alt = alternatives[decision.alternative]
        if isinstance(alt.get("args"), dict):
            merged.update(alt["args"])
        else:
            swapped = _swap_item(merged, items, list(alt.get("items") or []), arg_for or _default_arg)
            if swapped is None:
                return f"alternative {decision.alternative} has no item to replace what this call books"
            merged = swapped
    if decision.args:
        merged.update(decision.args)
    return merged


def edit_error(decision: DecisionIn, tool: str, tools: Iterable[ToolSpec]) -> tuple[str, str] | None:
    """Why an edit's ``args`` cannot apply: ``(field, message)`` naming the argument, or None.

    At a tool's checkpoint the args are that tool's arguments, checked against its schema. A plan or
    another interaction (the world's proposal tool) is edited with its own arguments or with those its
    actions are carried out with: each must be an argument of the interaction or of one of the world's
    WRITE tools, with a value that tool accepts. An unknown tool is not checked here.
    """
    if decision.decision != "edit" or not decision.args:
        return None
    specs = {t.name: t for t in tools}
    spec = specs.get(tool)
    if spec is None:
        return None
    schemas = [spec] + ([t for t in specs.values() if t.kind == "WRITE"] if spec.kind == "INTERACT" else [])
    for key, value in decision.args.items():
        owners = [s for s in schemas if key in s.args_model.model_fields]
        if not owners:
            known = sorted({f for s in schemas for f in s.args_model.model_fields})
            what = f"{tool} has no argument {key!r}" if len(schemas) == 1 else f"no argument {key!r} to edit"
            return f"args.{key}", f"{what}; the arguments are: {', '.join(known)}"
        problems = [_value_problem(s, key, value) for s in owners]
        if all(problems):
            return f"args.{key}", str(problems[0])
    return None


def _value_problem(spec: ToolSpec, key: str, value: Any) -> str | None:
    try:
        spec.args_model.model_validate({key: value})
    except ValidationError as exc:  # other fields are missing here: only this one counts
        mine = [e for e in exc.errors() if e["loc"][:1] == (key,)]
        if mine:
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
            return f"invalid value for {key!r} ({spec.name}): {mine[0]['msg']} (got {shown})"
    return None


def _default_arg(kind: str) -> str:
    return f"{kind}_id"


def _swap_item(
    args: dict[str, Any],
    items: list[dict[str, Any]],
    alt_items: list[dict[str, Any]],
    arg_for: Callable[[str], str],
) -> dict[str, Any] | None:
    for kind in {str(i.get("kind")) for i in items + alt_items}:
        key = arg_for(kind)
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
