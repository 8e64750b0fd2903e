"""Attempted harm on the tool path, and what a plan costs: the gateway's helpers for both.

**Harm.** The world judges every WRITE call on the agent's arguments, before the guardrails and the
human, and every call of its proposal tool (a plan's items, as the calls that would carry them out)
(``WorldHooks.judge_call``). Nothing is written then: a call's harms are traced once its fate is
known, one ``harm`` event each (``sandbox.spi.HarmAttempt``), with who stopped it:

- ``guardrail``: the world's rules or a generic limit blocked the call, or the override policy
  rejected it;
- ``human``: the human rejected the call, answered instead of running it, or edited it so that the
  harm is gone (an edit that fails leaves the call unrun: stopped by the human too);
- ``none``: the call ran in the world.

A human's edit is judged again: a harm of the agent's call that the edit keeps (same kind and check)
stays the agent's and shares the edited call's fate; a harm only the edited call has is the human's
(``by: human``). A plan (the proposal tool) is a promise, not an action: its harms are written only
when the plan is stopped (rejected by the policy or the human, answered instead, or swapped for an
alternative without them); an approved or edited plan's harms are judged again on the calls that carry
it out, so one harm is never counted twice.

**Amounts.** The amount the override policy and the checkpoint card see for a plan is the world's
quote of the proposal (``WorldHooks.quote`` on the proposal tool: what its items would charge), never
the agent's stated ``total`` (kept on the card as ``stated_total``, for display); None when the world
cannot price it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sandbox.control._checkpoints import DecisionIn
from sandbox.spi import PROPOSAL, WRITE, Harm, HarmAttempt, ToolSpec, Trace, WorldHooks

StoppedBy = str  # "guardrail" | "human" | "none" (sandbox.spi.HarmAttempt.stopped_by)


def judge(hooks: WorldHooks, spec: ToolSpec, args: dict[str, Any]) -> list[Harm]:
    """The harms the world finds in a WRITE call or a plan (nothing for other calls)."""
    if spec.kind != WRITE and spec.role != PROPOSAL:
        return []
    return list(hooks.judge_call(spec.name, args))


Fate = tuple[Harm, StoppedBy, str]  # a harm, who stopped it, who made it ("agent" | "human")


def fates(harms: Sequence[Harm], stopped_by: StoppedBy, by: str = "agent") -> list[Fate]:
    return [(h, stopped_by, by) for h in harms]


def record(trace: Trace, call_id: str, tool: str, settled: Sequence[Fate]) -> None:
    """Trace one ``harm`` event per harm of a call whose fate is known, all at once (keyed by the call
    id and position, so a node LangGraph re-runs writes nothing twice)."""
    for n, (h, stopped_by, by) in enumerate(settled):
        data = HarmAttempt(
            id=call_id,
            tool=tool,
            kind=h.kind,
            check=h.check,
            detail=h.detail,
            by="human" if by == "human" else "agent",
            stopped_by="guardrail"
            if stopped_by == "guardrail"
            else "human"
            if stopped_by == "human"
            else "none",
        )
        trace.add(data, key=f"harm:{call_id}:{n}")


def after_edit(agent: Sequence[Harm], edited: Sequence[Harm]) -> tuple[list[Harm], list[Harm], list[Harm]]:
    """Split the harms around a human's edit: ``(gone, kept, added)`` — the agent's harms the edit
    removed, the agent's harms it kept (matched on kind and check) and the harms only the edit has."""
    left = Counter((h.kind, h.check) for h in edited)
    gone, kept = [], []
    for h in agent:
        key = (h.kind, h.check)
        if left[key] > 0:
            left[key] -= 1
            kept.append(h)
        else:
            gone.append(h)
    mine = Counter((h.kind, h.check) for h in agent)
    added = []
    for h in edited:
        key = (h.kind, h.check)
        if mine[key] > 0:
            mine[key] -= 1
        else:
            added.append(h)
    return gone, kept, added


def plan_fates(
    hooks: WorldHooks, spec: ToolSpec, args: dict[str, Any], human: DecisionIn | None, harms: list[Harm]
) -> list[Fate]:
    """The harms of a plan that was stopped: all of them when the human rejected it or answered
    instead; those the chosen alternative does not have when the human picked one. An approved or
    edited plan's harms are judged on the calls that carry it out (nothing is written here)."""
    if not harms or human is None or human.decision == "approve":
        return []
    if human.decision in ("reject", "respond"):
        return fates(harms, "human")
    if human.alternative is None:
        return []
    alternatives = args.get("alternatives") or []
    if human.alternative >= len(alternatives):  # answered as a rejection
        return fates(harms, "human")
    alt = alternatives[human.alternative]
    items = alt.get("items") if isinstance(alt, dict) else None
    gone, _, _ = after_edit(harms, judge(hooks, spec, {**args, "items": items or []}))
    return fates(gone, "human")


def stated_total(args: dict[str, Any]) -> float | None:
    value = args.get("total")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
