"""A judge over stored batches (a run bank): verdicts reused or given, optionally saved.

``judge_batches`` loads the runs of one or more stored batches and gives each run the judge's verdict:
a verdict already stored by the same judge under the same rubric version is reused (unless
``fresh``), anything else is judged now, ``concurrency`` runs at a time (an LLM judge waits on the
network), each within its own deadline of ``timeout`` seconds. With ``save`` the new verdicts are
stored on their runs (``travel-sandbox judge run``); without, the store is only read
(``travel-sandbox judge agree``). A verdict that failed (a judge error) is never reused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sandbox.judge._agree import Agreement, agreement
from sandbox.judge._judges import Judge, judge_run
from sandbox.spi import Deadline, RunResult
from sandbox.store import RunStore


@dataclass
class JudgedBank:
    """The runs of the batches, in batch order, each with its verdict where a judge could read it."""

    runs: list[tuple[str, RunResult]] = field(default_factory=list)
    reused: int = 0
    judged: int = 0


def reusable(run: RunResult, judge: Judge) -> bool:
    """The run already carries this judge's verdict under this rubric version, and it is no error."""
    v = run.judge
    return v is not None and v.judge == judge.name and v.rubric == judge.rubric.label and v.passed is not None


def judge_with_deadline(judge: Judge, timeout: float) -> Callable[[RunResult], RunResult]:
    """A run's finishing step that puts ``judge``'s verdict on it (``run --judge``)."""
    return lambda run: judge_run(run, judge, Deadline.after(timeout))


def judge_batches(
    store: RunStore,
    batch_ids: Sequence[str],
    judge: Judge,
    *,
    fresh: bool = False,
    save: bool = False,
    concurrency: int = 4,
    timeout: float = 120.0,
) -> JudgedBank:
    """Judge every run of the batches (ids or unique prefixes; an unknown one raises ``ConfigError``)."""
    ids = list(dict.fromkeys(store.get_batch(b).id for b in batch_ids))  # resolved before any judging
    bank = JudgedBank()
    todo: list[int] = []
    for batch in ids:
        for run in store.batch_runs(batch):
            if not fresh and reusable(run, judge):
                bank.reused += 1
            else:
                todo.append(len(bank.runs))
                run = run.model_copy(update={"judge": None})  # another judge's verdict is not this one's
            bank.runs.append((batch, run))
    step = judge_with_deadline(judge, timeout)
    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="judge") as pool:
        done = list(pool.map(lambda i: step(bank.runs[i][1]), todo))
    for i, run in zip(todo, done, strict=True):
        if run.judge is not None:
            batch = bank.runs[i][0]
            bank.judged += 1
            bank.runs[i] = (batch, run)
            if save:
                store.save(run, batch)
    return bank


def agree_on_batches(
    store: RunStore,
    batch_ids: Sequence[str],
    judge: Judge,
    *,
    fresh: bool = False,
    concurrency: int = 4,
    timeout: float = 120.0,
) -> Agreement:
    """``judge agree``: judge the batches' runs (stored verdicts of this judge reused; nothing saved)
    and measure the judge's agreement with the checks."""
    bank = judge_batches(store, batch_ids, judge, fresh=fresh, concurrency=concurrency, timeout=timeout)
    out = agreement(judge.name, judge.rubric.label, bank.runs)
    out.reused, out.judged = bank.reused, bank.judged
    return out
