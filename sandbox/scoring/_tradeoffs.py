"""Trade-offs in one view: accuracy, speed and cost per agent, model and policy.

``tradeoffs(runs)`` gives one row per agent, model and policy (in order of first appearance), over the
runs that started::

    agent, model, policy, runs
    pass_rate               passed / runs
    wall_s_per_run          mean wall time of a run (``duration_s``)
    model_s_per_run         mean time waiting for the model (``model_s``; null when no run measured it)
    tokens_per_run          mean tokens (null when no run reported tokens)
    cost_usd                the runs' token cost in dollars (null when any run that used tokens has
                            no price: tokens x the model's price table, ``TRAVEL_SANDBOX_PRICES``)
    cost_per_run            cost_usd / runs (null with it)
    interruptions_per_run   checkpoints per run
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sandbox.scoring._stats import spend
from sandbox.spi import RunResult

TRADEOFF_FIELDS: tuple[str, ...] = (
    "agent", "model", "policy", "runs", "pass_rate", "wall_s_per_run", "model_s_per_run", "tokens_per_run",
    "cost_usd", "cost_per_run", "interruptions_per_run",
)  # fmt: skip


def _mean(values: Sequence[float]) -> float | None:
    return round(math.fsum(values) / len(values), 4) if values else None


def tradeoffs(runs: Sequence[RunResult]) -> list[dict[str, Any]]:
    """One row per agent, model and policy (see the module docstring)."""
    groups: dict[tuple[str, str, str], list[RunResult]] = {}
    for r in runs:
        if r.status != "skipped":
            groups.setdefault((r.agent, r.model, r.policy), []).append(r)
    rows = []
    for (agent, model, policy), group in groups.items():
        n = len(group)
        passed = sum(r.status == "done" and r.scores is not None and r.scores.passed for r in group)
        cost = spend(group)["cost_usd"]
        tokens = [float(r.tokens) for r in group if r.tokens is not None]
        rows.append(
            {
                "agent": agent,
                "model": model,
                "policy": policy,
                "runs": n,
                "pass_rate": passed / n,
                "wall_s_per_run": _mean([r.duration_s for r in group]),
                "model_s_per_run": _mean([r.model_s for r in group if r.model_s is not None]),
                "tokens_per_run": _mean(tokens),
                "cost_usd": cost,
                "cost_per_run": round(cost / n, 6) if cost is not None else None,
                "interruptions_per_run": round(sum(r.interrupts for r in group) / n, 4),
            }
        )
    return rows
