"""Batch against batch: per-batch pass^k and pass@k with intervals, and paired tests on the same scenarios.

Trials of one scenario are not independent (same request, same world, often the same model), so
every paired statistic here treats the *scenario* as the unit: each scenario contributes one pair,
whatever its number of trials.

- A scenario's **verdict** in a batch is *pass* when ``all`` of its trials pass (the default; the
  strict reading that pass^k takes), or, with ``verdict="majority"``, when more than half of them do.
  A run that ended in an error is a failed trial.
- ``a_only`` counts the scenarios whose verdict is pass in batch a and fail in batch b; ``b_only`` the
  reverse; ``flipped`` lists both kinds. ``p_value`` is the exact two-sided McNemar test on those
  discordant scenarios: under "no difference" each discordant scenario is a fair coin, so
  ``p = min(1, 2 P(X <= min(a_only, b_only)))`` with ``X ~ Binomial(a_only + b_only, 1/2)``; no
  discordant scenario gives ``p = 1``.
- ``overall_diff`` is the mean over scenarios of (b's mean ``overall`` - a's), an error run's
  ``overall`` counting 0: positive means b scores higher. ``overall_diff_ci95`` is a paired bootstrap
  percentile interval: the scenarios are resampled with replacement (``resamples`` times, seeded, so
  the interval is reproducible) and the mean difference recomputed; ``pass_rate_diff`` and its
  interval do the same for each scenario's share of passed trials.
- Per batch, ``pass_hat_k`` and ``pass_at_k`` are the suite estimators of ``summarize`` (per scenario,
  averaged over scenarios, k = 1 .. the fewest trials of any scenario), with Student-t 95% intervals
  over scenarios (``mean_ci95``; not clipped to [0, 1]).

Batches over different scenario sets are compared on the scenarios all of them ran; ``left_out``
names the others, per batch.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sandbox.scoring._stats import mean_ci95, pass_at_k, pass_hat_k
from sandbox.spi import RunResult

Verdict = Literal["all", "majority"]
VERDICTS: tuple[str, ...] = ("all", "majority")
RESAMPLES = 10_000


def mcnemar_exact(a_only: int, b_only: int) -> float:
    """Two-sided exact McNemar p-value for ``a_only`` and ``b_only`` discordant pairs (1.0 for none)."""
    if a_only < 0 or b_only < 0:
        raise ValueError(f"discordant counts must not be negative, got {a_only} and {b_only}")
    n = a_only + b_only
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(a_only, b_only) + 1))
    return min(1.0, 2 * tail / 2**n)


def _percentile(ordered: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of sorted values, interpolating linearly between order statistics."""
    pos = q * (len(ordered) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def paired_bootstrap_ci(
    diffs: Sequence[float], *, resamples: int = RESAMPLES, seed: int = 0
) -> tuple[float, float]:
    """95% percentile interval of the mean of ``diffs`` (one per scenario), resampling scenarios."""
    if not diffs:
        raise ValueError("paired_bootstrap_ci needs at least one difference")
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, got {resamples}")
    rng = random.Random(seed)
    n = len(diffs)
    means = sorted(math.fsum(rng.choices(diffs, k=n)) / n for _ in range(resamples))
    return _percentile(means, 0.025), _percentile(means, 0.975)


@dataclass(frozen=True)
class ScenarioOutcome:
    """One scenario in one batch: its trials, how many passed, its mean overall (errors count 0)."""

    scenario: str
    tags: tuple[str, ...]
    trials: int
    passed: int
    overall: float

    @property
    def rate(self) -> float:
        return self.passed / self.trials

    def verdict(self, rule: Verdict) -> bool:
        return self.passed == self.trials if rule == "all" else 2 * self.passed > self.trials


def _passed(run: RunResult) -> bool:
    return run.status == "done" and run.scores is not None and run.scores.passed


def outcomes(runs: Sequence[RunResult]) -> dict[str, ScenarioOutcome]:
    """Each scenario's outcome in a batch, by scenario id."""
    by: dict[str, list[RunResult]] = {}
    for run in runs:
        by.setdefault(run.scenario, []).append(run)
    out = {}
    for scenario, trials in sorted(by.items()):
        overall = [r.scores.overall if r.status == "done" and r.scores else 0.0 for r in trials]
        tags = sorted({t for r in trials for t in r.tags})
        out[scenario] = ScenarioOutcome(
            scenario=scenario,
            tags=tuple(tags),
            trials=len(trials),
            passed=sum(_passed(r) for r in trials),
            overall=math.fsum(overall) / len(overall),
        )
    return out


def _one(values: Sequence[str], plural: str) -> str:
    """The one value a batch's runs share, else ``"mixed: N <plural>"`` (e.g. each scenario's own policy)."""
    distinct = sorted(set(values))
    return distinct[0] if len(distinct) == 1 else f"mixed: {len(distinct)} {plural}"


def _ci(values: Sequence[float]) -> list[float]:
    return list(mean_ci95(values)[1:])


def batch_entry(batch: str, runs: Sequence[RunResult], scenarios: Sequence[str]) -> dict[str, Any]:
    """One batch over ``scenarios``: who ran it, pass^k and pass@k with intervals, mean overall."""
    kept = [r for r in runs if r.scenario in set(scenarios)]
    by = outcomes(kept)
    entries = [by[s] for s in scenarios]
    kmax = min(e.trials for e in entries)
    hat: dict[str, float] = {}
    at: dict[str, float] = {}
    hat_ci: dict[str, list[float]] = {}
    at_ci: dict[str, list[float]] = {}
    for k in range(1, kmax + 1):
        hats = [pass_hat_k(e.trials, e.passed, k) for e in entries]
        ats = [pass_at_k(e.trials, e.passed, k) for e in entries]
        hat[str(k)], hat_ci[str(k)] = math.fsum(hats) / len(hats), _ci(hats)
        at[str(k)], at_ci[str(k)] = math.fsum(ats) / len(ats), _ci(ats)
    overall = [e.overall for e in entries]
    return {
        "batch": batch,
        "agent": _one([r.agent for r in kept], "agents"),
        "model": _one([r.model for r in kept], "models"),
        "policy": _one([r.policy for r in kept], "policies"),
        "runs": len(kept),
        "scenarios": len(entries),
        "trials": kmax,
        "passed": sum(e.passed for e in entries),
        "pass_hat_k": hat,
        "pass_at_k": at,
        "pass_hat_k_ci95": hat_ci,
        "pass_at_k_ci95": at_ci,
        "overall": math.fsum(overall) / len(overall),
        "overall_ci95": _ci(overall),
    }


def _scenario_row(a: ScenarioOutcome, b: ScenarioOutcome, rule: Verdict) -> dict[str, Any]:
    va, vb = a.verdict(rule), b.verdict(rule)
    return {
        "scenario": a.scenario,
        "tags": sorted(set(a.tags) | set(b.tags)),
        "a_passed": a.passed,
        "a_trials": a.trials,
        "b_passed": b.passed,
        "b_trials": b.trials,
        "a_verdict": va,
        "b_verdict": vb,
        "flip": None if va == vb else ("a_only" if va else "b_only"),
        "pass_rate_diff": b.rate - a.rate,
        "a_overall": a.overall,
        "b_overall": b.overall,
        "overall_diff": b.overall - a.overall,
    }


def _tag_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    by: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        for tag in row["tags"] or ["(untagged)"]:
            by.setdefault(tag, []).append(row)
    out = []
    for tag, group in sorted(by.items()):
        n = len(group)
        out.append(
            {
                "tag": tag,
                "scenarios": n,
                "a_pass_rate": math.fsum(r["a_passed"] / r["a_trials"] for r in group) / n,
                "b_pass_rate": math.fsum(r["b_passed"] / r["b_trials"] for r in group) / n,
                "pass_rate_diff": math.fsum(r["pass_rate_diff"] for r in group) / n,
                "overall_diff": math.fsum(r["overall_diff"] for r in group) / n,
                "a_only": sum(r["flip"] == "a_only" for r in group),
                "b_only": sum(r["flip"] == "b_only" for r in group),
            }
        )
    return out


def paired_entry(
    a: str,
    b: str,
    a_runs: Sequence[RunResult],
    b_runs: Sequence[RunResult],
    scenarios: Sequence[str],
    *,
    verdict: Verdict = "all",
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> dict[str, Any]:
    """Batch ``b`` against batch ``a`` on ``scenarios``, one pair per scenario (see the module)."""
    oa, ob = outcomes(a_runs), outcomes(b_runs)
    rows = [_scenario_row(oa[s], ob[s], verdict) for s in scenarios]
    overall = [r["overall_diff"] for r in rows]
    rate = [r["pass_rate_diff"] for r in rows]
    a_only = sum(r["flip"] == "a_only" for r in rows)
    b_only = sum(r["flip"] == "b_only" for r in rows)
    return {
        "a": a,
        "b": b,
        "scenarios": len(rows),
        "a_only": a_only,
        "b_only": b_only,
        "p_value": mcnemar_exact(a_only, b_only),
        "overall_diff": math.fsum(overall) / len(overall),
        "overall_diff_ci95": list(paired_bootstrap_ci(overall, resamples=resamples, seed=seed)),
        "flipped": [r["scenario"] for r in rows if r["flip"]],
        "pass_rate_diff": math.fsum(rate) / len(rate),
        "pass_rate_diff_ci95": list(paired_bootstrap_ci(rate, resamples=resamples, seed=seed)),
        "by_scenario": rows,
        "by_tag": _tag_rows(rows),
    }


def compare_batches(
    batches: Sequence[tuple[str, Sequence[RunResult]]],
    *,
    verdict: Verdict = "all",
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> dict[str, Any]:
    """Every batch on the scenarios all of them ran, and each batch after the first paired against it.

    ``batches`` is ``[(batch id, its runs), ...]`` (at least two, each with runs); raises
    ``ValueError`` when they have no scenario in common. The result's shape is documented in
    ``sandbox.report`` (the ``compare --json`` contract).
    """
    if len(batches) < 2:
        raise ValueError("compare needs at least two batches")
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, got {verdict!r}")
    sets = {bid: {r.scenario for r in runs} for bid, runs in batches}
    for bid, found in sets.items():
        if not found:
            raise ValueError(f"batch {bid} has no runs")
    common = sorted(set.intersection(*sets.values()))
    if not common:
        raise ValueError(
            "the batches have no scenario in common: " + "; ".join(f"{b}: {len(s)}" for b, s in sets.items())
        )
    first, first_runs = batches[0]
    return {
        "batches": [batch_entry(bid, runs, common) for bid, runs in batches],
        "paired": [
            paired_entry(
                first, bid, first_runs, runs, common, verdict=verdict, resamples=resamples, seed=seed
            )
            for bid, runs in batches[1:]
        ],
        "verdict": verdict,
        "resamples": resamples,
        "seed": seed,
        "scenarios": common,
        "left_out": {bid: sorted(found - set(common)) for bid, found in sets.items()},
    }
