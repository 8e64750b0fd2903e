"""Typed trace events: one pydantic model per kind, in one union discriminated on ``type``.

A stored event has kept one shape since traces were plain dicts, and still has::

    {"seq": 3, "t": 0.41, "type": "tool_call", "data": {"id": "c1", "tool": "list_items", "args": {...}}, "key": "call:c1"}

``Event[D]`` is that envelope with ``data`` typed ``D`` (``sandbox.spi._event_data``); each kind is a
subclass that fixes ``type``; ``TraceEvent`` is the union of all kinds, so ``RunResult.trace``, the run
store and the live store load every event as its own class. Writers append data, never dicts:
``trace.add(ToolCall(id=..., tool=..., args=...))`` (the kind follows from the data's class); readers
narrow and read attributes: ``if isinstance(e, ToolCallEvent): e.data.tool`` (or ``e.type == "tool_call"``).

| ``type`` | event | ``data`` |
|---|---|---|
| ``run_start`` | ``RunStartEvent`` | ``RunStart`` |
| ``message`` | ``MessageEvent`` | ``UserMessage`` or ``AssistantMessage`` (by ``role``) |
| ``tool_call`` | ``ToolCallEvent`` | ``ToolCall`` |
| ``tool_result`` | ``ToolResultEvent`` | ``ToolOutcome`` |
| ``control`` | ``ControlEvent`` | ``ControlSignal`` (an agent's control tool: a call and its answer) |
| ``guardrail_block`` | ``GuardrailBlockEvent`` | ``RuleViolations`` or ``PolicyRejection`` |
| ``checkpoint`` | ``CheckpointEvent`` | ``CheckpointPayload`` |
| ``decision`` | ``DecisionEvent`` | ``HumanDecision`` or ``EditApplied`` |
| ``fault`` | ``FaultEvent`` | ``Fault`` |
| ``harm`` | ``HarmEvent`` | ``HarmAttempt`` |
| ``error`` | ``ErrorEvent`` | ``RunError`` |
| ``run_end`` | ``RunEndEvent`` | ``RunEnd`` |

Adding a kind (a planted mistake and its fate, an attack, a claim to the traveller) is one data
model (an ``EventData`` subclass), its event
(``class HarmEvent(Event[HarmAttempt]): type: Literal["harm"] = "harm"``) and one member in ``TraceEvent``;
``Trace.add`` finds the new kind from the union by itself. Old traces stay loadable as long as a
kind's stored fields keep their names and meaning (add fields with defaults; never rename).
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Generic, Literal, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from sandbox.spi._event_data import (
    AssistantMessage,
    CheckpointPayload,
    ControlSignal,
    EditApplied,
    EventData,
    Fault,
    HarmAttempt,
    HumanDecision,
    PolicyRejection,
    RuleViolations,
    RunEnd,
    RunError,
    RunStart,
    ToolCall,
    ToolOutcome,
    UserMessage,
)

D = TypeVar("D", bound=BaseModel)


class Event(BaseModel, Generic[D]):
    """One trace event: its place in the trace, its time, its kind and what it carries."""

    model_config = ConfigDict(extra="forbid")

    seq: int
    t: float = Field(description="Seconds since the run started.")
    type: str
    data: D
    key: str | None = Field(
        None, description="Idempotency key: an event with a key already present is skipped."
    )


class RunStartEvent(Event[RunStart]):
    type: Literal["run_start"] = "run_start"


class MessageEvent(Event[Annotated[UserMessage | AssistantMessage, Field(discriminator="role")]]):
    type: Literal["message"] = "message"


class ToolCallEvent(Event[ToolCall]):
    type: Literal["tool_call"] = "tool_call"


class ToolResultEvent(Event[ToolOutcome]):
    type: Literal["tool_result"] = "tool_result"


class ControlEvent(Event[ControlSignal]):
    type: Literal["control"] = "control"


class GuardrailBlockEvent(Event[RuleViolations | PolicyRejection]):
    type: Literal["guardrail_block"] = "guardrail_block"


class CheckpointEvent(Event[CheckpointPayload]):
    type: Literal["checkpoint"] = "checkpoint"


class DecisionEvent(Event[HumanDecision | EditApplied]):
    type: Literal["decision"] = "decision"


class FaultEvent(Event[Fault]):
    type: Literal["fault"] = "fault"


class HarmEvent(Event[HarmAttempt]):
    type: Literal["harm"] = "harm"


class ErrorEvent(Event[RunError]):
    type: Literal["error"] = "error"


class RunEndEvent(Event[RunEnd]):
    type: Literal["run_end"] = "run_end"


#: Every kind of event; pydantic picks the class by ``type``.
TraceEvent = Annotated[
    RunStartEvent
    | MessageEvent
    | ToolCallEvent
    | ToolResultEvent
    | ControlEvent
    | GuardrailBlockEvent
    | CheckpointEvent
    | DecisionEvent
    | FaultEvent
    | HarmEvent
    | ErrorEvent
    | RunEndEvent,
    Field(discriminator="type"),
]

_ADAPTER: TypeAdapter[TraceEvent] = TypeAdapter(TraceEvent)
_EVENTS: TypeAdapter[list[TraceEvent]] = TypeAdapter(list[TraceEvent])


def parse_event(value: Any) -> TraceEvent:
    """An event from its stored form (a dict, as ``model_dump(mode="json")`` wrote it)."""
    return _ADAPTER.validate_python(value)


def parse_events(values: Any) -> list[TraceEvent]:
    return _EVENTS.validate_python(values)


def _members(annotation: Any) -> list[Any]:
    """The classes of a (possibly ``Annotated``) union, or the one class."""
    if typing.get_origin(annotation) is Annotated:
        return _members(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


#: Each event class by the classes of data it carries (what ``Trace.add`` builds from a data model).
EVENT_OF: dict[type[EventData], type[Event[Any]]] = {
    data: event for event in _members(TraceEvent) for data in _members(event.model_fields["data"].annotation)
}

#: The kinds, by their ``type``.
EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(e.model_fields["type"].default for e in EVENT_OF.values()))
