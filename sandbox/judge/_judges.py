"""Judges by name (``offline``, ``openai:NAME``) and judging one run.

A judge has a ``name``, the ``rubric`` it applies and ``judge(JudgeInput, deadline) -> JudgeResult``,
which never raises. ``judge_run`` gives a judge one run, as a judge may read it (``judge_input``), and
returns the run with the verdict on it (``RunResult.judge``); a run a judge cannot read (an error
run, a run stored before runs kept their final state in words) is returned unchanged.
"""

from __future__ import annotations

from typing import Protocol

from sandbox.errors import UnknownNameError
from sandbox.judge._input import JudgeInput, Unjudgeable, judge_input
from sandbox.judge._offline import NAME as OFFLINE
from sandbox.judge._offline import OfflineJudge
from sandbox.judge._openai import PREFIX, OpenAIJudge
from sandbox.judge._rubric import Rubric, default_rubric
from sandbox.spi import Deadline, JudgeResult, RunResult

#: The judges by name, for help texts and did-you-mean.
JUDGES = (OFFLINE, f"{PREFIX}MODEL")


class Judge(Protocol):
    name: str
    rubric: Rubric

    def judge(self, inp: JudgeInput, deadline: Deadline | None = None) -> JudgeResult: ...


def make_judge(name: str, rubric: Rubric | None = None) -> Judge:
    """The judge called ``name``; ``UnknownNameError`` (exit 2) for another name, ``ConfigError`` for
    ``openai:`` without a model or without a key for OpenAI itself."""
    rubric = rubric or default_rubric()
    if name == OFFLINE:
        return OfflineJudge(rubric)
    if name.startswith(PREFIX):
        return OpenAIJudge(name.removeprefix(PREFIX), rubric)
    raise UnknownNameError("judge", name, JUDGES, fallback=[f"{PREFIX}{name}"])


def judge_run(run: RunResult, judge: Judge, deadline: Deadline | None = None) -> RunResult:
    """``run`` with ``judge``'s verdict on it, or unchanged when a judge cannot read it."""
    try:
        inp = judge_input(run)
    except Unjudgeable:
        return run
    return run.model_copy(update={"judge": judge.judge(inp, deadline)})
