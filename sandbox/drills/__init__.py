"""Eval practice on real runs: drills with an answer key (``travel-sandbox drill``).

``new_drill`` makes a batch mixing clean runs and runs with a planted defect (the world's
``drill_recipes``) and keeps the answer key in the run store; ``score_sheet`` grades a learner's sheet
against it and against the harness's own verdicts; ``eval_config`` scores a scoring config (checks,
gates, weights, threshold) against a drill's runs; ``run_signals`` names what holds for a run. ``drill_runs``, ``grade_run`` and
``score_grades`` grade a drill kept in the run store (the web drill page).
"""

from sandbox.drills._eval import EvalConfig, eval_config, load_config
from sandbox.drills._grading import MAX_REASON, drill_runs, grade_run, new_stored_drill, score_grades
from sandbox.drills._new import Drill, new_drill, recipes
from sandbox.drills._score import find_drill, read_sheet, score_sheet
from sandbox.drills._signals import matched, run_signals

__all__ = [
    "Drill",
    "EvalConfig",
    "MAX_REASON",
    "drill_runs",
    "grade_run",
    "new_stored_drill",
    "score_grades",
    "eval_config",
    "find_drill",
    "load_config",
    "matched",
    "new_drill",
    "read_sheet",
    "recipes",
    "run_signals",
    "score_sheet",
]
