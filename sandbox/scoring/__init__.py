"""Scoring: one run's ``Scores`` from its world score and trace, and statistics over many runs.

``combine`` adds the trace checks (milestones, minefields) to the world's checks and weighs the
scores with the scenario's weights; ``summarize`` gives the suite summary of the reports (pass^k, pass@k, means with
95% intervals, calibration); ``compare_batches`` pairs batches by scenario (McNemar, paired
bootstrap). A world's own scoring returns a ``sandbox.spi.WorldScore``.
"""

from sandbox.scoring._combine import CallOutcome, call_outcomes, combine, trace_checks
from sandbox.scoring._paired import VERDICTS, compare_batches, mcnemar_exact, paired_bootstrap_ci
from sandbox.scoring._stats import (
    SCORE_NAMES,
    brier,
    mean_ci95,
    pass_at_k,
    pass_hat_k,
    summarize,
    t_critical_95,
)

__all__ = [
    "SCORE_NAMES",
    "VERDICTS",
    "CallOutcome",
    "brier",
    "call_outcomes",
    "combine",
    "compare_batches",
    "mcnemar_exact",
    "paired_bootstrap_ci",
    "mean_ci95",
    "pass_at_k",
    "pass_hat_k",
    "summarize",
    "t_critical_95",
    "trace_checks",
]
