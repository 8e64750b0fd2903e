"""Batches: scenarios x trials, run concurrently with a bound, each result stored as it finishes.

Per-run isolation comes from ``run`` (which never raises); a batch only schedules, stores and
reports progress. Results come back in (scenario, trial) order whatever order they finish in.

A batch may have spend caps (``SpendCaps``: dollars, tokens). Runs start one by one as workers free
up; after each run ends its tokens and cost are added up, and once a cap is reached no further run
starts: the runs still in flight finish (so a batch can pass its cap by what up to ``concurrency - 1``
runs spend), and every run not started is ``skipped``, with the reason, and stored like any other
(``run --resume`` runs them later). A run that reports no tokens counts nothing toward the caps.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sandbox.errors import ScenarioError
from sandbox.runner._parts import RunOptions, RunParts
from sandbox.runner._run import run
from sandbox.scenarios import check_files
from sandbox.spi import RunResult, ScenarioBase
from sandbox.store import RunStore


@dataclass(frozen=True)
class Job:
    scenario: ScenarioBase
    base_dir: Path | None
    trial: int
    replaces: str | None = None  # the stored run this one takes the place of (a resumed batch)
    attack: str | None = None  # the attack planted into this run (None: the clean run)


@dataclass(frozen=True)
class SpendCaps:
    """Caps on what a batch's runs may spend in all: dollars (``cost_usd``) and tokens."""

    max_cost: float | None = None
    max_tokens: int | None = None

    def __bool__(self) -> bool:
        return self.max_cost is not None or self.max_tokens is not None


class SpendMeter:
    """What a batch's finished runs spent, against its caps. Thread-safe."""

    def __init__(self, caps: SpendCaps | None):
        self.caps = caps or SpendCaps()
        self.tokens = 0
        self.cost = 0.0
        self._lock = threading.Lock()

    def add(self, result: RunResult) -> str | None:
        """Count a finished run; the reason to stop (a cap reached), or None."""
        with self._lock:
            self.tokens += result.tokens or 0
            self.cost += result.cost_usd or 0.0
            caps = self.caps
            if caps.max_cost is not None and self.cost >= caps.max_cost:
                return (
                    f"the batch reached its spend cap: ${self.cost:,.4f} of --max-cost ${caps.max_cost:,.4f}"
                )
            if caps.max_tokens is not None and self.tokens >= caps.max_tokens:
                return f"the batch reached its token cap: {self.tokens:,} of --max-tokens {caps.max_tokens:,}"
            return None


def load_jobs(paths: Sequence[str | Path], trials: int) -> list[Job]:
    """Load scenario files (raising ``ScenarioError`` listing every problem) into trial jobs."""
    loaded = check_files(paths)
    issues = [i for r in loaded for i in r.issues]
    if issues:
        raise ScenarioError(issues)
    return [
        Job(r.scenario, Path(r.file).parent, t)
        for r in loaded
        if r.scenario is not None
        for t in range(trials)
    ]


def skipped_result(job: Job, options: RunOptions, reason: str) -> RunResult:
    """The result of a run that never started: ``skipped``, with the reason."""
    header = RunParts.new(job.scenario, _job_options(job, options)).header
    return RunResult(**header, status="skipped", error=f"skipped: {reason}")


def _job_options(job: Job, options: RunOptions) -> RunOptions:
    return dataclasses.replace(
        options, trial=job.trial, base_dir=job.base_dir, attack=job.attack or options.attack
    )


def run_batch(
    jobs: Sequence[Job],
    options: RunOptions,
    *,
    concurrency: int = 1,
    store: RunStore | None = None,
    batch_id: str | None = None,
    console: Console | None = None,
    on_result: Callable[[RunResult], None] | None = None,
    caps: SpendCaps | None = None,
    finish: Callable[[RunResult], RunResult] | None = None,
) -> list[RunResult]:
    """Run every job (at most ``concurrency`` at once); store each result as soon as it is done.

    Past a spend cap (``caps``) the jobs not started yet come back ``skipped``. ``finish`` (e.g. a
    judge's verdict, ``run --judge``) is applied to each result in its worker before it is stored; it
    must not raise.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    results: dict[int, RunResult] = {}
    meter = SpendMeter(caps)
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        disable=console is None,
        transient=False,
    )
    todo: Iterator[tuple[int, Job]] = iter(enumerate(jobs))
    stop: str | None = None

    def finished(i: int, result: RunResult) -> None:
        results[i] = result
        if store is not None:
            store.save(result, batch_id, replaces=jobs[i].replaces)
        if on_result is not None:
            on_result(result)
        under = f"@{result.attack}" if result.attack else ""
        progress.update(task, advance=1, last=f"{result.scenario}{under}#{result.trial} {_mark(result)}")

    with progress, ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="run") as pool:
        task = progress.add_task("runs", total=len(jobs), last="")
        running: dict[Future[RunResult], int] = {}

        def start_next() -> None:
            nxt = next(todo, None)
            if nxt is not None:
                i, job = nxt
                running[pool.submit(_run_job, job.scenario, _job_options(job, options), finish)] = i

        for _ in range(concurrency):
            start_next()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                i = running.pop(fut)
                result = fut.result()
                finished(i, result)
                stop = stop or meter.add(result)
                if stop is None:
                    start_next()
        for i, job in todo:  # only when a cap stopped the batch
            finished(i, skipped_result(job, options, stop or "the batch stopped"))
    return [results[i] for i in range(len(jobs))]


def _mark(result: RunResult) -> str:
    if result.status != "done":
        return result.status
    return "pass" if result.scores and result.scores.passed else "fail"


def _run_job(
    scenario: ScenarioBase, options: RunOptions, finish: Callable[[RunResult], RunResult] | None
) -> RunResult:
    result = run(scenario, options)
    return result if finish is None else finish(result)
