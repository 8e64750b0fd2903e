"""What a judge may read of a run, and nothing else: ``JudgeInput`` (request, report, final state).

A judge stands where an outside reader of the run stands, so ``judge_input`` is the one place that
reads a stored run for a judge, and it takes three things from it: the user's request (the run's first
user message), the agent's report (its final message) and the world's final state in plain words
(``RunResult.final_state_words``, from ``World.describe_state``). The run's scores and checks, the
rest of its trace (the noisy model's planted mistakes, checkpoints, tool results) and the scenario's
hidden sections never reach a judge: a judge that could read the checks would agree with them
trivially. The type says so: ``JudgeInput`` has exactly these three fields and rejects any other.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from sandbox.errors import SandboxError
from sandbox.spi import MessageEvent, RunResult, UserMessage


class Unjudgeable(SandboxError):
    """A run a judge cannot read: it ended in error, or it has no request or final state stored."""


class JudgeInput(BaseModel):
    """Everything a judge reads of one run (an LLM judge is shown exactly this)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    request: str = Field(description="The user's request, as the agent received it.")
    report: str = Field(description="The agent's final message to the user.")
    final_state: tuple[str, ...] = Field(
        description="What the run left in the world, in plain words, one line per thing."
    )


def request_of(run: RunResult) -> str | None:
    """The run's request: the first user message of its trace."""
    for event in run.trace:
        if isinstance(event, MessageEvent) and isinstance(event.data, UserMessage):
            return event.data.content
    return None


def judge_input(run: RunResult) -> JudgeInput:
    """The run as a judge may read it; ``Unjudgeable`` (saying why) for a run it cannot read."""
    if run.status != "done":
        raise Unjudgeable(f"run {run.id} ended {run.status}: it has no report to judge")
    if run.final_state_words is None:
        raise Unjudgeable(f"run {run.id} has no final state in words (stored by an earlier version)")
    request = request_of(run)
    if request is None:
        raise Unjudgeable(f"run {run.id} has no request in its trace")
    return JudgeInput(request=request, report=run.final_message, final_state=tuple(run.final_state_words))
