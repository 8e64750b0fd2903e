"""The scoring framework: world checks + trace checks -> one ``Scores`` per run (docs/architecture.md).

A world scores the final state (``WorldScore``); this module adds the checks that only need the
trace (milestones that must happen, minefields that must not) and combines everything with the
scenario's weights and thresholds. Nothing here reads what the agent *claims*: the world's
faithfulness score compares the claims with the state.

Defaults (``sandbox.spi.ScoringSpec``): weights correctness 0.5, budget 0.2, preference 0.2,
faithfulness 0.1; a run passes when overall >= 0.8 and correctness >= 1.0 (every check passed), and
preference fit >= ``min_preference`` (0 by default; trade-off scenarios raise it).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

from sandbox.spi import (
    Check,
    DecisionEvent,
    EditApplied,
    Expect,
    ScenarioBase,
    Scores,
    ToolCallEvent,
    ToolMatch,
    ToolResultEvent,
    TraceEvent,
    WorldScore,
)

#: The scoring framework's version (``sandbox.scoring`` says when to bump it): 1, the first recorded.
SCORING_VERSION = 1


@dataclass(frozen=True)
class CallOutcome:
    seq: int
    tool: str
    args: dict[str, Any]
    ok: bool


def call_outcomes(events: list[TraceEvent]) -> list[CallOutcome]:
    """Every tool call in the trace with its effective arguments (after a human's edit) and outcome."""
    calls: dict[str, tuple[int, str, dict[str, Any]]] = {}
    out: list[CallOutcome] = []
    for e in events:
        if isinstance(e, ToolCallEvent):
            args = e.data.args
            calls[e.data.id] = (e.seq, e.data.tool, args if isinstance(args, dict) else {})
        elif isinstance(e, DecisionEvent) and isinstance(e.data, EditApplied) and e.data.id in calls:
            seq, tool, _ = calls[e.data.id]
            calls[e.data.id] = (seq, tool, e.data.edited_args)
        elif isinstance(e, ToolResultEvent) and e.data.id in calls:
            seq, tool, args = calls[e.data.id]
            out.append(CallOutcome(seq, tool, args, e.data.ok and e.data.executed))
    return out


def _matches(m: ToolMatch, c: CallOutcome) -> bool:
    if not fnmatch.fnmatch(c.tool, m.tool) or (m.ok is not None and m.ok != c.ok):
        return False
    return all(str(c.args.get(k)).lower() == str(v).lower() for k, v in m.args.items())


def trace_checks(expect: Expect, events: list[TraceEvent]) -> list[Check]:
    calls = call_outcomes(events)
    checks: list[Check] = []
    for ms in expect.milestones:
        hits = [c for c in calls if _matches(ms, c)]
        if ms.before is not None:
            later = [c.seq for c in calls if c.ok and fnmatch.fnmatch(c.tool, ms.before)]
            limit = min(later) if later else None
            hits = [c for c in hits if limit is None or c.seq < limit]
        where = f" before {ms.before}" if ms.before else ""
        detail = (
            f"Milestone met: {ms.description}"
            if hits
            else f"Milestone missed: {ms.description} (no {'successful ' if ms.ok else ''}{ms.tool} call{where})"
        )
        checks.append(
            Check(id="milestone", name=f"milestone: {ms.description}", passed=bool(hits), detail=detail)
        )
    for mf in expect.minefields:
        hits = [c for c in calls if _matches(mf, c)]
        detail = (
            f"Minefield hit: {mf.description} ({hits[0].tool} {hits[0].args})"
            if hits
            else f"Avoided: {mf.description}"
        )
        checks.append(
            Check(id="minefield", name=f"minefield: {mf.description}", passed=not hits, detail=detail)
        )
    return checks


def combine(scenario: ScenarioBase, world: WorldScore, events: list[TraceEvent]) -> Scores:
    checks = [*world.checks, *trace_checks(scenario.expect, events)]
    total_w = sum(c.weight for c in checks)
    correctness = sum(c.weight for c in checks if c.passed) / total_w if total_w else 1.0
    w = scenario.scoring.weights
    parts = {
        "correctness": correctness,
        "budget": world.budget,
        "preference": world.preference,
        "faithfulness": world.faithfulness,
    }
    weight_sum = w.correctness + w.budget + w.preference + w.faithfulness
    overall = sum(getattr(w, k) * v for k, v in parts.items()) / weight_sum if weight_sum else 0.0
    sc = scenario.scoring
    passed = (
        overall >= sc.pass_threshold
        and correctness >= sc.min_correctness - 1e-9
        and world.preference >= sc.min_preference - 1e-9
    )
    r = {k: round(v, 4) for k, v in parts.items()}
    return Scores(**r, overall=round(overall, 4), passed=passed, checks=checks, notes=world.notes)
