"""``scripted``: a deterministic, rule-based chat model that plans and books trips (no network, no LLM).

It is a real LangChain chat model (``BaseChatModel`` with tool calling): bind tools with
``bind_tools`` and invoke it with a message history. It decides each reply only from what an LLM
would see — the system prompt (the rules and the current date), the traveller's request, its own
earlier tool calls, the tool results as JSON text and the traveller's answers — and it calls only
tools that are bound. It never reads a scenario file or imports a world.

What it does, in order (``_scripted_strategy``): read the request (``docs/scripted-model.md`` lists
the phrasing it understands), ask the traveller when a hard requirement is missing, gather the
budget, calendar, bookings and search results, rank the combinations of flights and hotels, propose
the best with its alternatives and a confidence from the utility margin, book what was approved,
recover from failures (retry service errors, re-plan after sold-out items, price rises and refusals),
verify with ``list_bookings`` and report exactly what was booked.

Under a graph that names a phase in its system prompt (``PHASE: gather``) it takes only that phase's
steps and ends the phase when the next step needs tools the phase did not bind: with a call of the
graph's phase signal, ``finish_phase(outcome, reason)``, when it is bound and its schema accepts the
outcome (``done``, ``replan`` when an approved plan cannot be booked, ``give_up`` when nothing can be
proposed), the reason being a short summary; with that summary alone (``REPLAN: ...``) otherwise.

``ScriptedChatModel.quirks`` (``Quirks``, off by default) makes it commit deliberate mistakes with
seeded probabilities; the ``noisy`` model may set it. ``ScriptedChatModel.strategy`` (a class
attribute) is the ``Strategy`` class that decides each step: a subclass may override one decision
(how plans are ranked, what is booked, what the report says) and keep the rest; the adversarial
agents (``agents/adversarial``) do exactly that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict

from agents.models import _scripted_text as say
from agents.models._scripted_belief import PHASE_SIGNAL, Belief, _text
from agents.models._scripted_context import Context
from agents.models._scripted_quirks import NO_QUIRKS, Quirks
from agents.models._scripted_strategy import Step, Strategy
from sandbox.spi import ModelSpec

__all__ = ["Quirks", "ScriptedChatModel", "make"]


def _tool_names(tools: Sequence[Any] | None) -> list[str]:
    names = []
    for t in tools or []:
        fn = t.get("function", t) if isinstance(t, dict) else None
        names.append(str(fn.get("name")) if isinstance(fn, dict) else str(getattr(t, "name", t)))
    return names


def _signal_outcomes(tools: Sequence[Any] | None) -> tuple[str, ...]:
    """The outcomes the bound phase signal accepts (the ``enum`` of its ``outcome`` in its schema)."""
    for t in tools or []:
        fn = t.get("function", t) if isinstance(t, dict) else None
        if isinstance(fn, dict) and fn.get("name") == PHASE_SIGNAL:
            outcome = ((fn.get("parameters") or {}).get("properties") or {}).get("outcome") or {}
            return tuple(str(v) for v in outcome.get("enum") or ())
    return ()


def _call_id(b: Belief, k: int, name: str, args: dict[str, Any]) -> str:
    digest = hashlib.sha256(
        f"{b.n_messages}|{k}|{name}|{json.dumps(args, sort_keys=True, default=str)}".encode()
    )
    return f"call_{k:02d}_{digest.hexdigest()[:8]}"


def _describe(step: Step) -> str:
    names = ", ".join(dict.fromkeys(n for n, _ in step.calls))
    return f"[{step.phase}] calling {names}"


class ScriptedChatModel(BaseChatModel):
    """The deterministic travel-planning chat model. ``quirks``: optional deliberate mistakes."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    quirks: Quirks = NO_QUIRKS
    strategy: ClassVar[type[Strategy]] = Strategy  # what decides each step (subclasses may swap it)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model": "scripted", "quirks": repr(self.quirks) if self.quirks.active else None}

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Bind tools the usual way: their OpenAI schemas are passed to every call as ``tools``."""
        return self.bind(tools=[_openai_schema(t) for t in tools], **kwargs)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        tools = kwargs.get("tools")
        message = self.reply(messages, _tool_names(tools), _signal_outcomes(tools))
        in_tokens = (
            sum(len(_text(m.content)) for m in messages) // 4
            + len(json.dumps(kwargs.get("tools") or [])) // 4
        )
        out_tokens = (len(_text(message.content)) + len(json.dumps(message.tool_calls, default=str))) // 4
        message.usage_metadata = {
            "input_tokens": in_tokens,
            "output_tokens": out_tokens,
            "total_tokens": in_tokens + out_tokens,
        }
        return ChatResult(generations=[ChatGeneration(message=message)])

    def reply(
        self, messages: Sequence[BaseMessage], tools: Sequence[str], outcomes: Sequence[str] = ()
    ) -> AIMessage:
        """The next message after ``messages``, with only ``tools`` available; ``outcomes``: what the
        bound phase signal accepts (none bound: a phase ends with text)."""
        b = Belief.read(messages)
        bound = frozenset(tools)
        strategy = self.strategy(b, bound, self.quirks)
        step = strategy.next()
        phase = b.phase
        calls = [(n, a) for n, a in step.calls if n in bound]
        if calls and len(calls) == len(step.calls):
            tool_calls = [
                {"name": n, "args": a, "id": _call_id(b, len(b.calls) + i + 1, n, a), "type": "tool_call"}
                for i, (n, a) in enumerate(calls)
            ]
            return AIMessage(content=_describe(step), tool_calls=tool_calls)
        if step.calls and phase not in (None, "report") and bound:
            why = strategy.why or _why(strategy)
            return _end_phase(b, strategy.ctx, phase, step.phase, why, outcomes)
        if step.calls:  # the report is due although work is left (the graph ran out of steps)
            strategy.why = strategy.why or "I ran out of steps before finishing"
            return AIMessage(content=strategy.report().text)
        if phase not in (None, "report") and bound:
            return _end_phase(b, strategy.ctx, phase, "report", strategy.why, outcomes)
        return AIMessage(content=step.text)


def _end_phase(
    b: Belief, ctx: Context, phase: str, next_phase: str, why: str | None, outcomes: Sequence[str]
) -> AIMessage:
    """The reply that ends ``phase``: a ``finish_phase`` call with the summary as its reason, or the
    summary alone when no phase signal is bound (or it does not accept the outcome)."""
    text = say.phase_end(ctx, phase, next_phase, why)
    outcome = say.phase_outcome(phase, next_phase)
    if outcome not in outcomes:
        return AIMessage(content=text)
    args = {"outcome": outcome, "reason": text}
    call = {"name": PHASE_SIGNAL, "args": args, "id": _call_id(b, len(b.calls) + 1, PHASE_SIGNAL, args)}
    return AIMessage(content=text, tool_calls=[{**call, "type": "tool_call"}])


def _why(strategy: Strategy) -> str | None:
    """Why the approved plan must change, for a ``replan`` signal's reason."""
    props = strategy.ctx.props
    if props and props[-1].approved:
        _, problem = strategy.execute(strategy.ctx.approved_items(props[-1]), props[-1].call.seq)
        return problem
    return None


def make(spec: ModelSpec) -> ScriptedChatModel:
    """Model factory (entry point ``scripted``). ``spec.options["quirks"]``: a ``Quirks`` or its fields."""
    raw = spec.options.get("quirks")
    quirks = raw if isinstance(raw, Quirks) else Quirks.of(raw) if isinstance(raw, dict) else NO_QUIRKS
    return ScriptedChatModel(quirks=quirks)


_SCHEMAS: dict[tuple[str, str, int], tuple[Any, dict[str, Any]]] = {}


def _openai_schema(tool: Any) -> dict[str, Any]:
    """A tool's OpenAI schema, converted once per (name, schema class): runs bind the same tools often."""
    schema = getattr(tool, "args_schema", None)
    if not isinstance(tool, BaseTool) or schema is None:
        return convert_to_openai_tool(tool)
    key = (tool.name, tool.description, id(schema))
    if key not in _SCHEMAS:  # the entry keeps the schema class alive, so its id is not reused
        _SCHEMAS[key] = (schema, convert_to_openai_tool(tool))
    return _SCHEMAS[key][1]
