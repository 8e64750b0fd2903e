"""Scoring: one run's ``Scores`` from its world score and trace, and statistics over many runs.

``harm_counts`` counts a run's attempted harm from its ``harm`` events (who stopped each).
``combine`` adds the trace checks (milestones, minefields) to the world's checks and weighs the
scores with the scenario's weights; ``summarize`` gives the suite summary of the reports (pass^k, pass@k, means with
95% intervals, calibration); ``compare_batches`` pairs batches by scenario (McNemar, paired
bootstrap). ``planted_mistakes`` gives each mistake a model planted in a run its fate (caught by a
check, stopped, refused by the tool, slipped through) and ``planted_summary`` each check's recall over
them. A world's own scoring returns a ``sandbox.spi.WorldScore``.

``SCORING_VERSION`` is the version of this framework's scoring (how checks combine into scores and a
pass): bump it whenever a change here makes a stored score mean something else (a weight, a gate, a
trace check). Every batch records it (with the world's own scoring version, ``World.provenance``);
``travel-sandbox compare`` warns when two batches were scored under different versions and
``travel-sandbox rescore`` scores stored runs again under the current one. History: 1, the scoring of
the first versioned release; 2, pass is a set of gates (``gates``; ``overall`` ranks only).
"""

from sandbox.scoring._calibration import calibration_table, checkpoint_pairs, reliability, run_pairs
from sandbox.scoring._combine import SCORING_VERSION, CallOutcome, call_outcomes, combine, trace_checks
from sandbox.scoring._gates import DEFAULT_MIN_PREFERENCE, AttemptedCall, attempted_calls, gates
from sandbox.scoring._harm import HARM_COUNTERS, harm_counts, harms_of, stopped_words
from sandbox.scoring._paired import VERDICTS, compare_batches, mcnemar_exact, paired_bootstrap_ci
from sandbox.scoring._planted import (
    FATES,
    PlantedMistake,
    failed_signals,
    has_planted,
    mistake_table,
    planted_mistakes,
    planted_summary,
)
from sandbox.scoring._stats import (
    SCORE_NAMES,
    brier,
    mean_ci95,
    pass_at_k,
    pass_hat_k,
    summarize,
    t_critical_95,
)
from sandbox.scoring._sweep import SWEEP_FIELDS, decision_seconds, pareto_frontier, sweep_json, sweep_row
from sandbox.scoring._tradeoffs import TRADEOFF_FIELDS, tradeoffs

__all__ = [
    "FATES",
    "PlantedMistake",
    "failed_signals",
    "has_planted",
    "mistake_table",
    "planted_mistakes",
    "planted_summary",
    "DEFAULT_MIN_PREFERENCE",
    "AttemptedCall",
    "attempted_calls",
    "gates",
    "HARM_COUNTERS",
    "SCORE_NAMES",
    "SCORING_VERSION",
    "SWEEP_FIELDS",
    "TRADEOFF_FIELDS",
    "VERDICTS",
    "CallOutcome",
    "brier",
    "calibration_table",
    "checkpoint_pairs",
    "call_outcomes",
    "combine",
    "compare_batches",
    "decision_seconds",
    "harm_counts",
    "harms_of",
    "mcnemar_exact",
    "paired_bootstrap_ci",
    "pareto_frontier",
    "mean_ci95",
    "pass_at_k",
    "pass_hat_k",
    "reliability",
    "run_pairs",
    "summarize",
    "stopped_words",
    "sweep_json",
    "sweep_row",
    "t_critical_95",
    "trace_checks",
    "tradeoffs",
]
