"""Calibration: does the agent's stated confidence mean what it says? Reliability bins, ECE and Brier.

Two questions, each a list of ``(confidence, outcome)`` pairs:

- **runs** (``run_pairs``): the confidence the agent last stated for its plan (``RunResult.confidence``)
  against the run passing;
- **checkpoints** (``checkpoint_pairs``): the confidence shown at each checkpoint of a WRITE call or a
  plan against the human approving it as it stood (``approve``; a reject, an edit or an answer instead
  is not). Look-ups and questions carry no confidence of their own and are left out.

``reliability(pairs, bins)`` splits [0, 1] into ``bins`` equal bins (a confidence of exactly 1 falls in
the last) and gives, per bin, how many pairs it holds, their mean stated confidence and the share that
came true (the reliability diagram's points); ``ece`` is the expected calibration error, the bins'
``|confidence - accuracy|`` weighted by their share of the pairs; ``brier`` the mean squared error
(always answering 0.5 scores 0.25). ``calibration_table(runs)`` does both questions per agent, model
and policy. An ``ask-when-unsure`` threshold can be read off the checkpoint bins: the lowest confidence
above which the human approves often enough.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from sandbox.spi import CheckpointEvent, DecisionEvent, HumanDecision, RunResult

DEFAULT_BINS = 10


def reliability(pairs: Sequence[tuple[float, bool]], bins: int = DEFAULT_BINS) -> dict[str, Any] | None:
    """``{"n", "brier", "ece", "bins": [{"lo", "hi", "n", "confidence", "accuracy"}]}``; None for no pairs.
    Every bin is listed (an empty one with null confidence and accuracy)."""
    if bins < 1:
        raise ValueError(f"bins must be at least 1, got {bins}")
    if not pairs:
        return None
    for p, _ in pairs:
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"a confidence must be between 0 and 1, got {p}")
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for p, ok in pairs:
        groups[min(int(p * bins), bins - 1)].append((p, ok))
    n = len(pairs)
    rows, ece = [], 0.0
    for i, group in enumerate(groups):
        conf = math.fsum(p for p, _ in group) / len(group) if group else None
        acc = sum(ok for _, ok in group) / len(group) if group else None
        if conf is not None and acc is not None:
            ece += len(group) / n * abs(conf - acc)
        rows.append(
            {
                "lo": round(i / bins, 6),
                "hi": round((i + 1) / bins, 6),
                "n": len(group),
                "confidence": conf,
                "accuracy": acc,
            }
        )
    brier = math.fsum((p - (1.0 if ok else 0.0)) ** 2 for p, ok in pairs) / n
    return {"n": n, "brier": brier, "ece": ece, "bins": rows}


def _passed(run: RunResult) -> bool:
    return run.status == "done" and run.scores is not None and run.scores.passed


def run_pairs(runs: Iterable[RunResult]) -> list[tuple[float, bool]]:
    """(stated confidence, passed) of every run that stated one (skipped runs left out)."""
    return [
        (float(r.confidence), _passed(r))
        for r in runs
        if r.status != "skipped" and r.confidence is not None and 0.0 <= r.confidence <= 1.0
    ]


def checkpoint_pairs(runs: Iterable[RunResult]) -> list[tuple[float, bool]]:
    """(confidence shown, approved as it stood) of every checkpoint of a WRITE call or a plan that showed
    a confidence and was decided."""
    pairs = []
    for run in runs:
        decided = {
            e.data.id: e.data.decision
            for e in run.trace
            if isinstance(e, DecisionEvent) and isinstance(e.data, HumanDecision)
        }
        for e in run.trace:
            if not isinstance(e, CheckpointEvent):
                continue
            cp = e.data
            if cp.confidence is None or not 0.0 <= cp.confidence <= 1.0 or cp.call_id not in decided:
                continue
            if cp.kind == "proposal" or cp.tool_kind == "WRITE":
                pairs.append((float(cp.confidence), decided[cp.call_id] == "approve"))
    return pairs


def calibration_table(runs: Sequence[RunResult], bins: int = DEFAULT_BINS) -> list[dict[str, Any]]:
    """``[{"agent", "model", "policy", "runs": reliability | None, "checkpoints": reliability | None}]``,
    one entry per agent, model and policy (in order of first appearance)."""
    groups: dict[tuple[str, str, str], list[RunResult]] = {}
    for r in runs:
        groups.setdefault((r.agent, r.model, r.policy), []).append(r)
    return [
        {
            "agent": agent,
            "model": model,
            "policy": policy,
            "runs": reliability(run_pairs(group), bins),
            "checkpoints": reliability(checkpoint_pairs(group), bins),
        }
        for (agent, model, policy), group in groups.items()
    ]
