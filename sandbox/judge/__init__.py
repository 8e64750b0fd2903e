"""A judge of the agent's report, measured like any other model.

A judge reads what an outside reader of a run reads (``JudgeInput``: the request, the report, the
final state in plain words; ``judge_input`` takes exactly that from a run, never its checks, its
trace or the scenario's hidden sections) and scores the report on a rubric kept in the repository
(``rubric.yaml``: accuracy, relevance, tone, 1-5 each, and a pass rule), with a verdict and a
one-line reason (``sandbox.spi.JudgeResult``, stored on the run as ``RunResult.judge``).

- ``make_judge(name)``: ``offline`` (``OfflineJudge``, a deterministic stand-in of plain heuristics,
  so the feature runs without a key) or ``openai:NAME`` (``OpenAIJudge``, any OpenAI-compatible
  endpoint, with the settings of the ``openai:NAME`` models). A judge never raises: a bad reply is
  asked again, then recorded as a judge error.
- ``judge_run`` gives one run its verdict; ``judge_with_deadline`` is that as a batch's finishing
  step (``run --judge``); ``judge_batches`` judges stored batches (``judge run``), reusing verdicts.
- ``agreement`` / ``agree_on_batches`` measure a judge against the deterministic checks on a run
  bank (``judge agree``): ``cohen_kappa``, the ``confusion`` matrix, accuracy, the disagreements.

It sits above ``spi`` and ``store`` and below ``cli``; the runner knows nothing of it (``run
--judge`` hands the runner a finishing step).
"""

from sandbox.judge._agree import Agreement, agreement, band, cohen_kappa, confusion, kappa_ci95
from sandbox.judge._bank import JudgedBank, agree_on_batches, judge_batches, judge_with_deadline
from sandbox.judge._input import JudgeInput, Unjudgeable, judge_input
from sandbox.judge._judges import JUDGES, Judge, judge_run, make_judge
from sandbox.judge._offline import OfflineJudge
from sandbox.judge._openai import OpenAIJudge, parse_reply
from sandbox.judge._rubric import Rubric, default_rubric, load_rubric, user_prompt
from sandbox.judge._table import agreement_table, verdicts_line, verdicts_table

__all__ = [
    "JUDGES",
    "Agreement",
    "Judge",
    "JudgeInput",
    "JudgedBank",
    "OfflineJudge",
    "OpenAIJudge",
    "Rubric",
    "Unjudgeable",
    "agree_on_batches",
    "agreement",
    "agreement_table",
    "band",
    "cohen_kappa",
    "confusion",
    "default_rubric",
    "judge_batches",
    "judge_input",
    "judge_run",
    "judge_with_deadline",
    "kappa_ci95",
    "load_rubric",
    "make_judge",
    "parse_reply",
    "user_prompt",
    "verdicts_line",
    "verdicts_table",
]
