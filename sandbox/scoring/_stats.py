"""Suite statistics: pass^k and pass@k, confidence intervals, and the ``summary`` of the JSON report.

- ``pass_hat_k(n, c, k)`` is the unbiased estimator of pass^k (tau-bench): the probability that k
  trials drawn without replacement from the n recorded ones *all* pass, ``C(c, k) / C(n, k)``.
- ``pass_at_k(n, c, k)`` is the unbiased estimator of pass@k (HumanEval): the probability that *at
  least one* of k such trials passes, ``1 - C(n - c, k) / C(n, k)``.
- ``mean_ci95`` is a two-sided Student-t 95% interval for the mean. The t critical value is computed
  exactly (to float precision) from the closed-form t distribution function for integer degrees of
  freedom (Abramowitz & Stegun 26.7.3-4) by bisection, so no scipy is needed; above 1000 degrees of
  freedom a Cornish-Fisher expansion around the normal quantile is used (error below 1e-9).
  Intervals are not clipped to [0, 1].

A run that ended in an error counts as a failed trial everywhere; score means are taken over the runs
that finished and were scored. A ``skipped`` run (never started: its batch stopped at a spend cap) is
no trial at all: it is left out of every statistic and only counted (``skipped``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sandbox.scoring._attacks import attack_summary
from sandbox.scoring._calibration import reliability
from sandbox.scoring._harm import HARM_COUNTERS
from sandbox.scoring._planted import planted_summary
from sandbox.spi import RunResult

SCORE_NAMES: tuple[str, ...] = ("correctness", "budget", "preference", "faithfulness", "overall")

_Z975 = 1.959963984540054  # standard normal 97.5% quantile


def _check_nck(n: int, c: int, k: int) -> None:
    if not 0 <= c <= n:
        raise ValueError(f"passed count c={c} must be between 0 and the number of trials n={n}")
    if not 1 <= k <= n:
        raise ValueError(f"k={k} must be between 1 and the number of trials n={n}")


def pass_hat_k(n: int, c: int, k: int) -> float:
    """pass^k: chance that k of the n trials, drawn without replacement, all pass. ``C(c,k)/C(n,k)``."""
    _check_nck(n, c, k)
    return math.comb(c, k) / math.comb(n, k)


def pass_at_k(n: int, c: int, k: int) -> float:
    """pass@k: chance that at least one of k of the n trials passes. ``1 - C(n-c,k)/C(n,k)``."""
    _check_nck(n, c, k)
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def _t_two_sided_mass(t: float, df: int) -> float:
    """P(|T| < t) for Student's t with ``df`` integer degrees of freedom (A&S 26.7.3 and 26.7.4)."""
    theta = math.atan(t / math.sqrt(df))
    s, c2 = math.sin(theta), math.cos(theta) ** 2
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for j in range(1, df // 2):  # coefficients 1/2, 1*3/(2*4), ... times cos^2j
            term *= c2 * (2 * j - 1) / (2 * j)
            total += term
        return s * total
    if df == 1:
        return 2.0 / math.pi * theta
    term = math.cos(theta)
    total = term
    for j in range(1, (df - 1) // 2):  # coefficients 2/3, 2*4/(3*5), ... times cos^(2j+1)
        term *= c2 * (2 * j) / (2 * j + 1)
        total += term
    return 2.0 / math.pi * (theta + s * total)


@lru_cache(maxsize=256)
def t_critical_95(df: int) -> float:
    """The two-sided 95% critical value of Student's t (the 97.5% quantile), e.g. 12.706 for df=1."""
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, got {df}")
    if df > 1000:
        z = _Z975
        g1 = (z**3 + z) / 4
        g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
        g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
        return z + g1 / df + g2 / df**2 + g3 / df**3
    lo, hi = _Z975, 13.0  # the quantile lies between the normal's and df=1's (12.706)
    for _ in range(100):
        mid = (lo + hi) / 2
        if _t_two_sided_mass(mid, df) < 0.95:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def mean_ci95(values: Iterable[float]) -> tuple[float, float, float]:
    """``(mean, lo, hi)``: the mean and its two-sided Student-t 95% confidence interval.

    Uses the sample standard deviation (n - 1). One value gives ``(x, x, x)``; no values is an error.
    """
    xs = [float(v) for v in values]
    n = len(xs)
    if n == 0:
        raise ValueError("mean_ci95 needs at least one value")
    mean = math.fsum(xs) / n
    if n == 1:
        return mean, mean, mean
    var = math.fsum((x - mean) ** 2 for x in xs) / (n - 1)
    half = t_critical_95(n - 1) * math.sqrt(var / n)
    return mean, mean - half, mean + half


def _passed(run: RunResult) -> bool:
    return run.status == "done" and run.scores is not None and run.scores.passed


def _score_means(runs: Sequence[RunResult]) -> dict[str, float | None]:
    scored = [r.scores for r in runs if r.status == "done" and r.scores is not None]
    return {
        name: (math.fsum(getattr(s, name) for s in scored) / len(scored) if scored else None)
        for name in SCORE_NAMES
    }


def _pass_curves(n: int, c: int, kmax: int) -> tuple[dict[str, float], dict[str, float]]:
    ks = range(1, kmax + 1)
    return {str(k): pass_hat_k(n, c, k) for k in ks}, {str(k): pass_at_k(n, c, k) for k in ks}


def _confidence_pairs(runs: Sequence[RunResult], confidence: Mapping[str, float]) -> list[tuple[float, bool]]:
    pairs = []
    for run in runs:
        if run.id in confidence:
            p = float(confidence[run.id])
            if not 0.0 <= p <= 1.0:
                raise ValueError(f"confidence for run {run.id!r} must be between 0 and 1, got {p}")
            pairs.append((p, _passed(run)))
    return pairs


def brier(runs: Sequence[RunResult], confidence: Mapping[str, float]) -> dict[str, Any] | None:
    """Brier score of stated confidence against passing, over the runs that have a confidence.

    ``None`` when no run has one. Lower is better; always answering 0.5 scores 0.25.
    """
    rel = reliability(_confidence_pairs(runs, confidence))
    return None if rel is None else {"brier": rel["brier"], "n": rel["n"]}


def calibration(runs: Sequence[RunResult], confidence: Mapping[str, float]) -> dict[str, Any] | None:
    """The summary's ``calibration``: Brier, the expected calibration error and the reliability bins of
    stated confidence against passing (``sandbox.scoring.reliability``); None when no run stated one."""
    return reliability(_confidence_pairs(runs, confidence))


def _scenario_entry(scenario: str, runs: Sequence[RunResult], attack: str | None = None) -> dict[str, Any]:
    n, c = len(runs), sum(_passed(r) for r in runs)
    hat, at = _pass_curves(n, c, n)
    return {
        "scenario": scenario,
        **({"attack": attack} if attack else {}),
        "trials": n,
        "passed": c,
        "errors": sum(r.status == "error" for r in runs),
        "pass_hat_k": hat,
        "pass_at_k": at,
        **_score_means(runs),
        "interrupts": sum(r.interrupts for r in runs),
        "guardrail_blocks": sum(r.guardrail_blocks for r in runs),
        **harm_totals(runs),
        "tool_calls": sum(r.tool_calls for r in runs),
        "duration_s": math.fsum(r.duration_s for r in runs),
    }


def harm_totals(runs: Sequence[RunResult]) -> dict[str, int]:
    """The runs' attempted harm, summed counter by counter (``HARM_COUNTERS``)."""
    return {name: sum(getattr(r, name) for r in runs) for name in HARM_COUNTERS}


def spend(runs: Sequence[RunResult]) -> dict[str, Any]:
    """What the runs' model calls took: input and output tokens, dollars (null when any run that
    reported tokens has no cost) and seconds waited for rate limits."""
    inputs = [r.input_tokens for r in runs if r.input_tokens is not None]
    outputs = [r.output_tokens for r in runs if r.output_tokens is not None]
    priced = [r.cost_usd for r in runs if r.cost_usd is not None]
    unpriced = any(r.cost_usd is None and r.tokens for r in runs)
    return {
        "input_tokens": sum(inputs) if inputs else None,
        "output_tokens": sum(outputs) if outputs else None,
        "cost_usd": round(math.fsum(priced), 6) if priced and not unpriced else None,
        "rate_limit_wait_s": round(math.fsum(r.rate_limit_wait_s for r in runs), 4),
    }


def summarize(runs: Sequence[RunResult], confidence: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The ``summary`` object of the JSON report (shape documented in ``sandbox.report``).

    Suite ``pass_hat_k``/``pass_at_k`` are computed per scenario over its trials and averaged over
    scenarios, for k = 1 .. the fewest trials any scenario has. ``calibration`` is the Brier score of
    the agent's stated confidence (``RunResult.confidence``, or ``confidence`` mapping run ids to it)
    against passing, with its expected calibration error and reliability bins; null when no run stated one. Skipped runs are left out (and counted).
    """
    skipped = sum(r.status == "skipped" for r in runs)
    runs = [r for r in runs if r.status != "skipped"]
    stated = {r.id: r.confidence for r in runs if r.confidence is not None}
    confidence = {**stated, **(confidence or {})}
    by: dict[tuple[str, str], list[RunResult]] = {}
    for run in runs:  # a scenario under an attack is a group of its own (its trials)
        by.setdefault((run.scenario, run.attack or ""), []).append(run)
    scenarios = [_scenario_entry(s, by[(s, a)], a or None) for s, a in sorted(by)]

    kmax = min((e["trials"] for e in scenarios), default=0)
    hat: dict[str, float] = {}
    at: dict[str, float] = {}
    for k in range(1, kmax + 1):
        key = str(k)
        hat[key] = math.fsum(e["pass_hat_k"][key] for e in scenarios) / len(scenarios)
        at[key] = math.fsum(e["pass_at_k"][key] for e in scenarios) / len(scenarios)

    scored = [r.scores for r in runs if r.status == "done" and r.scores is not None]
    ci95: dict[str, list[float] | None] = {}
    for name in SCORE_NAMES:
        ci95[name] = list(mean_ci95(getattr(s, name) for s in scored)[1:]) if scored else None

    tokens = [r.tokens for r in runs if r.tokens is not None]
    return {
        "skipped": skipped,
        "runs": len(runs),
        "errors": sum(r.status == "error" for r in runs),
        "passed": sum(_passed(r) for r in runs),
        "pass_rate": sum(_passed(r) for r in runs) / len(runs) if runs else None,
        "pass_hat_k": hat,
        "pass_at_k": at,
        **_score_means(runs),
        "ci95": ci95,
        "interrupts": sum(r.interrupts for r in runs),
        "guardrail_blocks": sum(r.guardrail_blocks for r in runs),
        **harm_totals(runs),
        "tool_calls": sum(r.tool_calls for r in runs),
        "model_calls": sum(r.model_calls for r in runs),
        "tokens": sum(tokens) if tokens else None,
        **spend(runs),
        "duration_s": math.fsum(r.duration_s for r in runs),
        "calibration": calibration(runs, confidence) if confidence else None,
        "by_scenario": scenarios,
        "attacks": attack_summary(runs),
        **({"planted": planted} if (planted := planted_summary(runs)) is not None else {}),
    }
