"""What an agent gets back from an interaction tool, by the tool's role (``sandbox.spi.ToolRole``).

The question and proposal tools are the world's (``World.interaction_tools``) but answered by the
harness: both go through the gateway's checkpoint mechanism. The question tool always reaches the
human (the simulated user answers it); the proposal tool reaches the human when the override policy
says ``ask``. Control tools are the agent's (its factory's ``control_tools``): the gateway answers them
itself (``control_result``), before any guardrail, policy or checkpoint. ``tool_specs(world, control)``
is every tool an agent of a world is given, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from sandbox.control._args import jsonable, parse_args
from sandbox.control._checkpoints import DecisionIn
from sandbox.spi import (
    QUESTION,
    ConfigError,
    ControlSignal,
    ToolResult,
    ToolScope,
    ToolSpec,
    Trace,
    World,
    describe_validation,
)


def tool_specs(world: World, control: Sequence[ToolSpec] = ()) -> list[ToolSpec]:
    """The world's tools, its interaction tools, then the agent's control tools (``control``): what the
    gateway serves an agent. A control tool may not take the name of a world's tool."""
    specs = [*world.tools, *world.interaction_tools]
    taken = {s.name for s in specs}
    for spec in control:
        if spec.name in taken:
            raise ConfigError(
                f"the agent's control tool {spec.name!r} has the name of a tool of the {world.name} world"
            )
        taken.add(spec.name)
    return [*specs, *control]


def control_result(spec: ToolSpec, args: dict[str, Any]) -> ToolResult:
    """The answer to a control tool's call: its arguments as the tool's schema read them (normalised by
    the agent's own validators), or an ``invalid_argument`` error naming the field."""
    try:
        parsed = spec.args_model.model_validate(args)
    except ValidationError as exc:
        fld, msg = describe_validation(exc)
        return ToolResult.failure("invalid_argument", msg, fld)
    return ToolResult.success(parsed.model_dump(mode="json"))


def interaction_result(
    spec: ToolSpec, args: dict[str, Any], human: DecisionIn | None, user: str
) -> ToolResult:
    """The observation the agent gets back from an interaction tool; ``user`` is the world's word
    for its user."""
    try:
        spec.args_model.model_validate(args)
    except ValidationError as exc:
        fld, msg = describe_validation(exc)
        return ToolResult.failure("invalid_argument", msg, fld)
    if spec.role == QUESTION:
        if human is None or human.decision == "reject":
            reason = human.reason if human else None
            return ToolResult.success(
                {"answer": None, "note": f"The {user} did not answer. {reason or ''}".strip()}
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


def answer_control(
    trace: Trace, call_id: str, spec: ToolSpec, raw_args: object, scope: ToolScope | None
) -> ToolResult:
    """Answer an agent's control call and trace it as a ``control`` event (a replay traces nothing new
    and gets the same answer: it depends on the arguments alone)."""
    args, parse_error = parse_args(raw_args)
    if parse_error is not None:
        result = ToolResult.failure("invalid_argument", parse_error)
    elif scope is not None and spec.name not in scope.tools:
        result = ToolResult.failure("not_in_phase", scope.refusal(spec.name))
    else:
        result = control_result(spec, args)
    signal = ControlSignal(
        id=call_id,
        tool=spec.name,
        args=args if parse_error is None else raw_args,
        ok=result.ok,
        result=jsonable(result),
    )
    trace.add(signal, key=f"control:{call_id}")
    return result
