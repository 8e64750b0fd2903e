"""Reports over runs: the terminal scorecard and run view, the ``--json`` report, the HTML file; and
batch against batch (``batch_comparison``): terminal tables, the ``compare --json`` report, HTML.

``check_outputs`` checks report paths (a file, or ``-`` for stdout: ``is_stdout``) before a batch
starts; ``write_reports`` writes the JSON and HTML reports after it, and ``write_json_to`` a command's
own JSON report the same way.

All take the runs and their ``summary`` (``sandbox.scoring.summarize(runs)``). The summary's shape::

    runs, errors, passed                int    counts; an error run is a failed run
    pass_rate                           float | null   passed / runs
    pass_hat_k, pass_at_k               {"1": float, ...}  per scenario over its trials, averaged over
                                        scenarios, for k = 1 .. the fewest trials of any scenario
    correctness, budget, preference,    float | null   means over the runs that finished with scores
    faithfulness, overall
    ci95                                {score: [lo, hi] | null}   Student-t 95% interval of each mean
    interrupts, guardrail_blocks,       int    totals
    tool_calls, model_calls
    tokens                              int | null     total, null when no run reported tokens
    duration_s                          float  sum of run wall times
    calibration                         {"brier": float, "n": int, "ece": float, "bins": [{"lo", "hi",
                                          "n", "confidence", "accuracy"}]} | null   stated confidence
                                          against passing (sandbox.scoring.reliability)
    planted                             only when a run planted mistakes (the noisy model):
                                        {mistakes, by_fate {caught, stopped, refused, slipped},
                                         by_kind {kind: {fate: n}}, checks [{check, caught, eligible,
                                         recall, kinds {kind: n}}] (best recall first),
                                         uncaught_kinds [kind]} (sandbox.scoring.planted_summary)
    by_scenario                         [{scenario, trials, passed, errors, pass_hat_k, pass_at_k
                                          (k = 1 .. trials), the five score means, interrupts,
                                          guardrail_blocks, tool_calls, duration_s}], by scenario id
    batch                               str    the stored batch (``run`` and ``report``; not from
                                        ``summarize`` itself)
    attacks                             {"clean": {runs, passed, pass_rate}, "by_attack": [{attack,
                                          runs, passed, pass_rate, reached, asr, attempted,
                                          attempted_rate, clean_pass_rate}]} | null (no attack;
                                          docs/attacks.md); by_scenario then has one entry per
                                          scenario and attack (``attack`` on the attacked ones)

The ``compare --json`` report (``batch_comparison``; statistics in ``sandbox.scoring.compare_batches``)::

    batches     [{batch, agent, model, policy, runs, scenarios, trials (the fewest of any scenario),
                  passed, pass_hat_k, pass_at_k ({"1": x, ...}), pass_hat_k_ci95, pass_at_k_ci95
                  ({"1": [lo, hi], ...}), overall, overall_ci95}]   over the scenarios in common
    paired      [{a (the first batch), b (another), scenarios, a_only, b_only, p_value (exact
                  McNemar over scenarios), overall_diff (b - a), overall_diff_ci95 [lo, hi],
                  flipped [scenario ids], pass_rate_diff, pass_rate_diff_ci95,
                  by_scenario [{scenario, tags, a_passed, a_trials, b_passed, b_trials, a_verdict,
                                b_verdict, flip ("a_only" | "b_only" | null), pass_rate_diff,
                                a_overall, b_overall, overall_diff}],
                  by_tag [{tag, scenarios, a_pass_rate, b_pass_rate, pass_rate_diff, overall_diff,
                           a_only, b_only}]}]   each batch after the first against the first
    verdict     "all" | "majority"   when a scenario passes in a batch (all its trials / more than half)
    resamples, seed                  of the paired bootstrap
    scenarios   [ids]                the scenarios every batch ran (the ones compared)
    left_out    {batch: [ids]}       each batch's scenarios outside that intersection
    notes       [str]                what a reader must know (incomplete batches, skipped runs left
                                     out, scenarios left out, differences in provenance: code, scoring,
                                     world data, scenario content)
    provenance  {batch: {...} | null}   each batch's recorded provenance (``sandbox.runner``)
    tradeoffs   [{batch, agent, model, policy, runs, pass_rate, wall_s_per_run, model_s_per_run,
                  tokens_per_run, cost_usd, cost_per_run, interruptions_per_run}]   accuracy, speed
                                     and cost per batch and agent/model/policy, over all its runs
                                     (``sandbox.scoring.tradeoffs``)
    sensitivity {groups [batch ids], base_weights {correctness, budget, preference, faithfulness},
                 sweep [{dimension (null: the default weights) , weight, weights, overall {batch: mean},
                         rank {batch: 1..}}],
                 flips [{dimension, weight, up (batch), down (batch)}]   order swapped vs the default,
                 preference_gate, overall_gate [{threshold, pass_rate {batch: share of runs}}]}
                                     from the stored component scores of the scenarios in common
                                     (``sandbox.report._sensitivity``)

``show_json`` is ``show --json``: the run as the JSON report has it plus ``planted`` (each planted
mistake: ``kind``, ``caught_by`` (a check id or null), ``fate``, ``stopped_by``, ``source``,
``detail``, ``calls``, ``why``); ``run_planted`` gives those for the HTML and web pages.

``rescore_table`` prints ``travel-sandbox rescore``'s before/after table.
"""

from sandbox.report._compare import MAX_BATCHES, batch_comparison, compare_json
from sandbox.report._compare_html import compare_view, render_compare_fragment, render_compare_html
from sandbox.report._compare_terminal import compare_scorecard
from sandbox.report._decisions import (
    DECISION_COLUMNS,
    parse_since,
    read_decisions,
    run_decisions,
    store_decisions,
    write_decisions,
)
from sandbox.report._html import render_html, write_html
from sandbox.report._json import report_dict, to_json, write_json
from sandbox.report._output import (
    check_outputs,
    is_stdout,
    write_compare_reports,
    write_json_to,
    write_reports,
)
from sandbox.report._planted import run_planted, show_json
from sandbox.report._rescore import rescore_table
from sandbox.report._sweep import (
    render_sweep_fragment,
    render_sweep_html,
    sweep_scorecard,
    sweep_view,
    write_sweep_html,
)
from sandbox.report._sweep_store import StoredSweep, load_sweep, recent_sweeps
from sandbox.report._terminal import scorecard, show_run

__all__ = [
    "DECISION_COLUMNS",
    "MAX_BATCHES",
    "StoredSweep",
    "batch_comparison",
    "check_outputs",
    "compare_json",
    "compare_scorecard",
    "compare_view",
    "is_stdout",
    "load_sweep",
    "parse_since",
    "read_decisions",
    "render_compare_fragment",
    "render_compare_html",
    "render_html",
    "render_sweep_fragment",
    "render_sweep_html",
    "recent_sweeps",
    "report_dict",
    "rescore_table",
    "run_planted",
    "show_json",
    "run_decisions",
    "store_decisions",
    "scorecard",
    "show_run",
    "sweep_scorecard",
    "sweep_view",
    "to_json",
    "write_html",
    "write_compare_reports",
    "write_decisions",
    "write_json",
    "write_json_to",
    "write_reports",
    "write_sweep_html",
]
