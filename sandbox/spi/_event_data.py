"""What each kind of trace event carries: one model per kind (``sandbox.spi._events`` wraps them).

Every model here is the ``data`` of one event kind, field for field as runs have stored it since
traces were plain dicts, so a stored trace of an earlier run loads and dumps back to the same JSON. A
field that earlier runs left out when it had nothing to say (``executed`` on a call that ran, a
decision's unused ``reason``) is still left out: its ``exclude_if`` says when.

Where one kind has had two shapes, its data is a union the shape decides (a ``message`` from the
user or from the assistant; a ``guardrail_block`` by the world's rules or by the override policy;
a ``decision`` of a human or the arguments an edit produced).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from sandbox.spi._scenario import Decision, ReasonKind
from sandbox.spi._tools import ToolErrorInfo


def _is_none(value: object) -> bool:
    return value is None


def _is_empty(value: object) -> bool:
    return not value


def _is_false(value: object) -> bool:
    return value is False


class _Record(BaseModel):
    """A part of an event's data (a violation, a requested call, ...)."""

    model_config = ConfigDict(extra="forbid")


class EventData(_Record):
    """The ``data`` of one event kind. ``Trace.add(data)`` finds the kind from the class."""


# -- the run ----------------------------------------------------------------------------------------


class RunStart(EventData):
    scenario: str
    agent: str
    model: str
    policy: str


class RunError(EventData):
    reason: str = Field(description="What went wrong, in words (the exception and its message).")
    traceback: str | None = Field(
        None, exclude_if=_is_none, description="Server side only: never served by the web app."
    )


class RunEnd(EventData):
    status: Literal["done", "error"]
    overall: float | None = Field(None, exclude_if=_is_none)
    passed: bool | None = Field(None, exclude_if=_is_none)


# -- messages ---------------------------------------------------------------------------------------


class RequestedCall(_Record):
    """A tool call as the model asked for it (before the gateway saw it)."""

    id: str | None
    name: str
    args: dict[str, Any]


class InjectedMistake(_Record):
    """A mistake the ``noisy`` model planted in this reply on purpose."""

    kind: str
    detail: str


class UserMessage(EventData):
    role: Literal["user"] = "user"
    content: str


class AssistantMessage(EventData):
    role: Literal["assistant"] = "assistant"
    node: str = Field(description="The graph node that produced the message.")
    content: str
    tool_calls: list[RequestedCall] = Field(default_factory=list)
    injected_mistakes: list[InjectedMistake] = Field(default_factory=list, exclude_if=_is_empty)
    model_quirks: list[str] = Field(
        default_factory=list,
        exclude_if=_is_empty,
        description="The model's own mistakes that fire in this run.",
    )


# -- tool calls -------------------------------------------------------------------------------------

#: What the model sent as a call's arguments: an object, or (a malformed call) its text or value.
RawArgs = dict[str, Any] | list[Any] | str | bool | int | float | None


class ToolCall(EventData):
    id: str
    tool: str
    args: RawArgs


class ResultObservation(_Record):
    """A call that returned: what the agent saw (``ok`` is true unless a tool says otherwise)."""

    ok: bool
    result: JsonValue


class ErrorObservation(_Record):
    ok: bool
    error: ToolErrorInfo


class ToolOutcome(EventData):
    """A call's result (the ``tool_result`` event), as the agent saw it."""

    id: str
    tool: str
    ok: bool
    result: ResultObservation | ErrorObservation
    executed: bool = Field(
        True,
        exclude_if=bool,
        description="False when a human answered instead of running the tool: the call did not happen.",
    )


class ControlSignal(EventData):
    """A call of one of the agent's control tools (role ``control``, e.g. ``finish_phase``): what the
    agent said and what the gateway answered. It never reaches the world, a checkpoint or the run's
    tool-call count; a graph acts on it (a phase signal moves the graph to its next phase)."""

    id: str
    tool: str
    args: RawArgs = Field(description="The arguments as sent (an object, or a malformed call's text).")
    ok: bool
    result: ResultObservation | ErrorObservation


class Fault(EventData):
    id: str
    tool: str
    fault: str = Field(description="The injected fault that fired on this call.")


# -- blocks -----------------------------------------------------------------------------------------


class Violation(_Record):
    rule: str
    message: str


class RuleViolations(EventData):
    """A call the world's rules (or a generic limit) blocked before it ran."""

    id: str
    tool: str
    args: dict[str, Any]
    violations: list[Violation]


class PolicyRejection(EventData):
    """A call the override policy rejected."""

    id: str
    tool: str
    rule: str
    reason: str


# -- checkpoints and decisions ----------------------------------------------------------------------

CheckpointKind = Literal["tool", "proposal", "question"]


class CardContent(_Record):
    """What a checkpoint card says about a call, in the world's words (``WorldHooks.card``).

    A world that gives none gets a card whose headline is its one-line description
    (``WorldHooks.describe``) and nothing else.
    """

    headline: str = Field(
        description="The action in words, e.g. 'Fly SFO→JFK Tue 9 Feb 07:05, nonstop, $412'."
    )
    facts: list[str] = Field(
        default_factory=list, exclude_if=_is_empty, description="Facts to check before deciding, a line each."
    )
    terms: list[str] = Field(
        default_factory=list,
        exclude_if=_is_empty,
        description="Cancellation terms and what is refundable, a line per item.",
    )
    irreversible: bool = Field(
        False,
        exclude_if=_is_false,
        description="Carrying it out commits what cannot be got back (e.g. money for a non-refundable "
        "item): the web app asks for a second confirmation, or holds the decision for an undo window.",
    )


class PlanChange(_Record):
    """How a proposed plan differs from the plan the human rejected just before it."""

    reason: str | None = Field(None, description="Why the human rejected the previous plan.")
    added: list[str] = Field(default_factory=list, description="Items new in this plan (kind and id).")
    removed: list[str] = Field(default_factory=list, description="Items of the rejected plan left out.")
    total_before: float | None = None
    total_after: float | None = None


class CheckpointPayload(EventData):
    """Everything a human needs to decide, in one JSON object (the ``checkpoint`` event's data and
    the value of LangGraph's ``interrupt``)."""

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
    stated_total: float | None = Field(
        None,
        exclude_if=_is_none,
        description="A proposal: the total the agent stated, for display only (``amount`` is computed "
        "from the items by the gateway).",
    )
    reason: str | None = Field(
        None,
        exclude_if=_is_none,
        description="That rule in words (its `reason`), e.g. 'bookings over $500 need approval'.",
    )
    card: CardContent | None = Field(None, exclude_if=_is_none, description="The call in the world's words.")
    assumptions: list[str] = Field(
        default_factory=list,
        exclude_if=_is_empty,
        description="What the agent assumed about the request that the request did not say (its proposal's).",
    )
    confidence_from: Literal["plan", "call", "earlier call"] | None = Field(
        None,
        exclude_if=_is_none,
        description="Where the agent stated the confidence shown: in its plan (its proposal), with this "
        "call, or with an earlier call.",
    )
    previous: PlanChange | None = Field(
        None, exclude_if=_is_none, description="A plan after a rejected one: what changed since."
    )


class HumanDecision(EventData):
    """What a human decided at a checkpoint (the fields of ``sandbox.control.DecisionIn`` it used)."""

    id: str
    tool: str
    decision: Decision
    args: dict[str, Any] | None = Field(None, exclude_if=_is_none)
    alternative: int | None = Field(None, exclude_if=_is_none)
    reason: str | None = Field(None, exclude_if=_is_none)
    reason_kind: ReasonKind | None = Field(
        None, exclude_if=_is_none, description="What a rejection is about; absent in older traces."
    )
    text: str | None = Field(None, exclude_if=_is_none)
    seconds: float | None = Field(
        None,
        exclude_if=_is_none,
        description="How long the human took, from the checkpoint shown to the decision received (a "
        "simulated human's simulated time).",
    )


class EditApplied(EventData):
    """The arguments a call runs with after a human's edit (scoring judges these, not the asked ones)."""

    id: str
    tool: str
    edited_args: dict[str, Any]


# -- attempted harm ---------------------------------------------------------------------------------

#: What an attempted call would break: a hard ``constraint`` of the scenario, a ``minefield``, the ``budget``.
HarmKind = Literal["constraint", "minefield", "budget"]
#: Who stopped a harmful call: a ``guardrail`` (the world's rules, a generic limit or the override
#: policy's reject), the ``human`` at a checkpoint (reject, respond, or an edit that removed the harm),
#: or ``none``: the call ran in the world.
StoppedBy = Literal["guardrail", "human", "none"]


class HarmAttempt(EventData):
    """One harm an attempted call would have done had it reached the world (the ``harm`` event), judged
    by the world (``WorldHooks.judge_call``) on the call's arguments before the guardrails and the human,
    and written once the call's fate is known: who stopped it (``stopped_by``). ``by`` is who made it:
    the ``agent``'s arguments, or a ``human``'s edit that brought in a harm the agent's call did not
    have."""

    id: str = Field(description="The call id.")
    tool: str
    kind: HarmKind
    check: str = Field(description="The stable id of what it breaks (a check id, 'minefield', 'budget').")
    detail: str = Field(description="What it breaks, in words.")
    by: Literal["agent", "human"] = "agent"
    stopped_by: StoppedBy
