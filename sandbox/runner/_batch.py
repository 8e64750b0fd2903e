"""Batches: scenarios x trials, run concurrently with a bound, each result stored as it finishes.

Per-run isolation comes from ``run`` (which never raises); a batch only schedules, stores and
reports progress. Results come back in (scenario, trial) order whatever order they finish in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sandbox.errors import ScenarioError
from sandbox.runner._parts import RunOptions
from sandbox.runner._run import run
from sandbox.scenarios import check_files
from sandbox.spi import RunResult, ScenarioBase
from sandbox.store import RunStore


@dataclass(frozen=True)
class Job:
    scenario: ScenarioBase
    base_dir: Path | None
    trial: int


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


def run_batch(
    jobs: Sequence[Job],
    options: RunOptions,
    *,
    concurrency: int = 1,
    store: RunStore | None = None,
    batch_id: str | None = None,
    console: Console | None = None,
    on_result: Callable[[RunResult], None] | None = None,
    finish: Callable[[RunResult], RunResult] | None = None,
) -> list[RunResult]:
    """Run every job (at most ``concurrency`` at once); store each result as soon as it is done.

    ``finish`` (e.g. a judge's verdict, ``run --judge``) is applied to each result in its worker
    before it is stored; it must not raise."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    results: dict[int, RunResult] = {}
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
    with progress, ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="run") as pool:
        task = progress.add_task("runs", total=len(jobs), last="")
        futures = {
            pool.submit(
                _run_job,
                job.scenario,
                dataclasses.replace(options, trial=job.trial, base_dir=job.base_dir),
                finish,
            ): i
            for i, job in enumerate(jobs)
        }
        for fut in as_completed(futures):
            result = fut.result()
            results[futures[fut]] = result
            if store is not None:
                store.save(result, batch_id)
            if on_result is not None:
                on_result(result)
            mark = (
                "error"
                if result.status == "error"
                else ("pass" if result.scores and result.scores.passed else "fail")
            )
            progress.update(task, advance=1, last=f"{result.scenario}#{result.trial} {mark}")
    return [results[i] for i in range(len(jobs))]


def _run_job(
    scenario: ScenarioBase, options: RunOptions, finish: Callable[[RunResult], RunResult] | None
) -> RunResult:
    result = run(scenario, options)
    return result if finish is None else finish(result)
