"""Reports over runs: the terminal scorecard and run view, the ``--json`` report, the HTML file.

``check_outputs`` checks report paths (a file, or ``-`` for stdout: ``is_stdout``) before a batch
starts; ``write_reports`` writes the JSON and HTML reports after it.

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
    calibration                         {"brier": float, "n": int} | null
    by_scenario                         [{scenario, trials, passed, errors, pass_hat_k, pass_at_k
                                          (k = 1 .. trials), the five score means, interrupts,
                                          guardrail_blocks, tool_calls, duration_s}], by scenario id
"""

from sandbox.report._html import render_html, write_html
from sandbox.report._json import report_dict, to_json, write_json
from sandbox.report._output import check_outputs, is_stdout, write_reports
from sandbox.report._terminal import scorecard, show_run

__all__ = [
    "check_outputs",
    "is_stdout",
    "render_html",
    "report_dict",
    "scorecard",
    "show_run",
    "to_json",
    "write_html",
    "write_json",
    "write_reports",
]
