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
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sandbox.spi import Decision, ToolSpec

#: The key of a resume value under which the harness says how long the human took (seconds); it is
#: not part of the decision, and the gateway takes it off before reading the decision.
SECONDS = "seconds"


class DecisionIn(BaseModel):
    """A human's decision at a checkpoint."""

    model_config = ConfigDict(extra="forbid")

    decision: Decision
    args: dict[str, Any] | None = Field(None, description="edit: argument values to change.")
    alternative: int | None = Field(None, ge=0, description="edit: choose this alternative (0-based).")
    reason: str | None = Field(None, description="reject: the reason the agent is shown.")
    text: str | None = Field(None, description="respond: the answer given instead of running the tool.")
    reason_kind: str | None = Field(
        None,
        max_length=40,
        description="reject: what the objection is about, for analysis (e.g. a simulated reviewer's "
        "constraint, minefield, budget or false_alarm); never shown to the agent.",
    )


def take_seconds(raw: Any) -> tuple[Any, float | None]:
    """Split a resume value into the decision and the seconds the human took (``SECONDS``), if given."""
    if not isinstance(raw, dict) or SECONDS not in raw:
        return raw, None
    raw = dict(raw)
    taken = raw.pop(SECONDS)
    ok = isinstance(taken, int | float) and not isinstance(taken, bool) and 0 <= taken < float("inf")
    return raw, round(float(taken), 3) if ok else None


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
