"""How far a judge agrees with the deterministic checks: Cohen's κ, the confusion matrix, accuracy.

Two raters give every run a verdict: the checks (``RunResult.scores.passed``) and the judge
(``RunResult.judge.passed``). ``confusion`` counts them (rows: the checks, columns: the judge), and
``cohen_kappa`` is the agreement beyond what two raters with those pass rates would reach by chance:
``κ = (p_o - p_e) / (1 - p_e)``, with ``p_o`` the share of runs they agree on and ``p_e`` the share
expected by chance (``Σ row_i · col_i / n²``). 1 is perfect agreement, 0 chance, below 0 worse than
chance. It is undefined (``None``) when chance alone agrees perfectly (``p_e = 1``: both raters gave
one and the same verdict to every run).

The formula is ten lines, so it is computed here rather than with scikit-learn's
``cohen_kappa_score``, which would add scikit-learn, SciPy and NumPy (about 100 MB) to the install
for it; the tests pin it on matrices with known values. Its 95% interval is a percentile bootstrap
over runs (seeded, so a report is reproducible): with a few hundred runs κ moves by ±0.1 by chance.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sandbox.spi import RunResult

VERDICTS = ("pass", "fail")
RESAMPLES = 2000
#: Landis & Koch's (1977) words for ranges of κ, as commonly used (a convention, not a test).
BANDS = (
    (0.0, "poor"),
    (0.2, "slight"),
    (0.4, "fair"),
    (0.6, "moderate"),
    (0.8, "substantial"),
    (1.0, "almost perfect"),
)

Matrix = Sequence[Sequence[int]]


def cohen_kappa(matrix: Matrix) -> float | None:
    """Cohen's κ of a square confusion matrix (rows: one rater, columns: the other)."""
    n = sum(map(sum, matrix))
    if n == 0:
        return None
    observed = sum(matrix[i][i] for i in range(len(matrix))) / n
    rows = [sum(r) for r in matrix]
    cols = [sum(r[j] for r in matrix) for j in range(len(matrix))]
    expected = sum(r * c for r, c in zip(rows, cols, strict=True)) / n**2
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def band(kappa: float | None) -> str | None:
    """Landis & Koch's word for κ ("fair", "moderate", ...)."""
    if kappa is None:
        return None
    return next((word for top, word in BANDS if kappa <= top), BANDS[-1][1])


def confusion(pairs: Sequence[tuple[bool, bool]]) -> list[list[int]]:
    """``[[checks pass & judge pass, checks pass & judge fail], [checks fail & judge pass, both fail]]``."""
    m = [[0, 0], [0, 0]]
    for checks, judge in pairs:
        m[0 if checks else 1][0 if judge else 1] += 1
    return m


def kappa_ci95(
    pairs: Sequence[tuple[bool, bool]], resamples: int = RESAMPLES, seed: int = 0
) -> list[float] | None:
    """A percentile bootstrap 95% interval of κ over the runs (``None`` with fewer than 2 runs)."""
    if len(pairs) < 2:
        return None
    rng = random.Random(seed)
    values = sorted(
        k
        for _ in range(resamples)
        if (k := cohen_kappa(confusion([pairs[rng.randrange(len(pairs))] for _ in pairs]))) is not None
    )
    if not values:
        return None
    return [
        round(values[int(0.025 * (len(values) - 1))], 4),
        round(values[int(0.975 * (len(values) - 1))], 4),
    ]


def _rate(n: int, of: int) -> float | None:
    return round(n / of, 4) if of else None


@dataclass
class Agreement:
    """A judge against the checks on a run bank (``to_json`` is the ``judge agree --json`` report)."""

    judge: str
    rubric: str
    batches: list[str]
    pairs: list[tuple[bool, bool]] = field(default_factory=list)
    by_batch: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    left_out: dict[str, int] = field(
        default_factory=lambda: {"not_scored": 0, "no_final_state": 0, "judge_error": 0}
    )
    judge_errors: list[dict[str, str]] = field(default_factory=list)
    reused: int = 0
    judged: int = 0

    def to_json(self) -> dict[str, Any]:
        m = confusion(self.pairs)
        kappa, n = cohen_kappa(m), len(self.pairs)
        return {
            "judge": self.judge,
            "rubric": self.rubric,
            "batches": self.batches,
            "runs": n,
            "kappa": None if kappa is None else round(kappa, 4),
            "kappa_ci95": kappa_ci95(self.pairs),
            "kappa_band": band(kappa),
            "accuracy": _rate(m[0][0] + m[1][1], n),
            "confusion": {
                "checks_pass": {"judge_pass": m[0][0], "judge_fail": m[0][1]},
                "checks_fail": {"judge_pass": m[1][0], "judge_fail": m[1][1]},
            },
            "checks_pass_rate": _rate(m[0][0] + m[0][1], n),
            "judge_pass_rate": _rate(m[0][0] + m[1][0], n),
            "by_batch": self.by_batch,
            "disagreements": self.disagreements,
            "left_out": dict(self.left_out),
            "judge_errors": self.judge_errors,
            "reused": self.reused,
            "judged": self.judged,
        }


def _verdict(passed: bool) -> str:
    return VERDICTS[0] if passed else VERDICTS[1]


def agreement(judge: str, rubric: str, bank: Sequence[tuple[str, RunResult]]) -> Agreement:
    """Compare each judged run's verdict with its checks' (``bank``: ``(batch id, run)`` pairs, the
    runs judged by ``judge``); runs without both verdicts are counted in ``left_out``."""
    batches = list(dict.fromkeys(b for b, _ in bank))
    out = Agreement(judge, rubric, batches)
    per_batch: dict[str, list[tuple[bool, bool]]] = {b: [] for b in batches}
    about: dict[str, RunResult] = {}
    for batch, run in bank:
        about.setdefault(batch, run)
        if run.status != "done" or run.scores is None:
            out.left_out["not_scored"] += 1
            continue
        verdict = run.judge
        if verdict is None:
            out.left_out["no_final_state"] += 1
            continue
        if verdict.passed is None:
            out.left_out["judge_error"] += 1
            out.judge_errors.append({"run": run.id, "error": verdict.error or "no verdict"})
            continue
        pair = (run.scores.passed, verdict.passed)
        out.pairs.append(pair)
        per_batch[batch].append(pair)
        if pair[0] != pair[1]:
            out.disagreements.append(
                {
                    "run": run.id,
                    "batch": batch,
                    "scenario": run.scenario,
                    "trial": run.trial,
                    "agent": run.agent,
                    "model": run.model,
                    "checks": _verdict(pair[0]),
                    "judge": _verdict(pair[1]),
                    "judge_reason": verdict.reason,
                    "judge_scores": verdict.scores,
                    "failed_checks": [c.name for c in run.scores.checks if not c.passed],
                }
            )
    for batch in batches:
        pairs, first = per_batch[batch], about[batch]
        m, kappa = confusion(pairs), cohen_kappa(confusion(pairs))
        out.by_batch.append(
            {
                "batch": batch,
                "agent": first.agent,
                "model": first.model,
                "runs": len(pairs),
                "accuracy": _rate(m[0][0] + m[1][1], len(pairs)),
                "kappa": None if kappa is None else round(kappa, 4),
                "checks_pass_rate": _rate(m[0][0] + m[0][1], len(pairs)),
                "judge_pass_rate": _rate(m[0][0] + m[1][0], len(pairs)),
            }
        )
    return out
