"""A run's process metrics: what it cost (calls, tokens and their price, waits, time) and what the safety
layers caught (blocks, checkpoints, attempted harm), not how well it did."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from sandbox.scoring import harm_counts
from sandbox.spi import (
    CheckpointEvent,
    DecisionEvent,
    GuardrailBlockEvent,
    HumanDecision,
    ToolResultEvent,
    Trace,
    TraceEvent,
)


class ProcessMetrics(TypedDict):
    """A run's process metrics (``RunResult`` fields): what it cost, not how well it did."""

    interrupts: int
    guardrail_blocks: int
    harm_attempted: int
    caught_by_guardrail: int
    caught_by_human: int
    reached_world: int
    harm_by_human: int
    tool_calls: int
    model_calls: int
    tokens: int | None
    input_tokens: int | None
    output_tokens: int | None
    cost_usd: float | None
    rate_limit_wait_s: float
    duration_s: float
    model_s: float | None
    human_seconds: float


def process_metrics(
    trace: Trace,
    model_calls: int,
    tokens: int | None,
    duration_s: float,
    *,
    input_tokens: int | None = None,
    output_tokens: int | None = None,
    prices: dict[str, float] | None = None,
    rate_limit_wait_s: float = 0.0,
    model_s: float | None = None,
) -> ProcessMetrics:
    """The process metrics of a run: interrupts, guardrail blocks, attempted harm and who stopped it
    (``sandbox.scoring.harm_counts``), tool and model calls, tokens (and their cost, given ``prices``
    in $ per 1M input and output tokens), rate-limit waits, time (wall and, when measured, waiting for the
    model), and the humans' time deciding."""
    harm = harm_counts(trace.events)
    return ProcessMetrics(
        interrupts=trace.count(CheckpointEvent),
        guardrail_blocks=trace.count(GuardrailBlockEvent),
        harm_attempted=harm["harm_attempted"],
        caught_by_guardrail=harm["caught_by_guardrail"],
        caught_by_human=harm["caught_by_human"],
        reached_world=harm["reached_world"],
        harm_by_human=harm["harm_by_human"],
        tool_calls=trace.count(ToolResultEvent),
        model_calls=model_calls,
        tokens=tokens,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        cost_usd=token_cost(prices, input_tokens, output_tokens, tokens),
        rate_limit_wait_s=round(rate_limit_wait_s, 4),
        duration_s=round(duration_s, 4),
        model_s=round(model_s, 4) if model_s is not None else None,
        human_seconds=_human_seconds(trace.events),
    )


def _human_seconds(events: Iterable[TraceEvent]) -> float:
    """The seconds the humans took over the run's decisions (``HumanDecision.seconds``), in all."""
    taken = (
        e.data.seconds for e in events if isinstance(e, DecisionEvent) and isinstance(e.data, HumanDecision)
    )
    return round(sum(s for s in taken if s is not None), 3)


def token_cost(
    prices: dict[str, float] | None, input_tokens: int | None, output_tokens: int | None, total: int | None
) -> float | None:
    """Dollars for these tokens at ``prices`` ($ per 1M ``input`` and ``output`` tokens); None when
    there is no price, or the tokens are unknown or not split into input and output."""
    if prices is None or input_tokens is None or output_tokens is None:
        return None
    if total and input_tokens + output_tokens == 0:
        return None  # the model reported a total only
    return round((input_tokens * prices["input"] + output_tokens * prices["output"]) / 1e6, 6)
