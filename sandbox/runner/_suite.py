"""A stored batch: scenario files x trials run with one set of options, every run stored, then summarised.

What ``travel-sandbox run`` and the Python API (``sandbox.run``) both do, so that they give the same
runs and the same JSON: ``check_options`` resolves every name before anything runs (an unknown agent,
model, human or policy raises, with a did-you-mean), ``run_stored_batch`` records the batch (what
started it, ``meta``), runs it (``run_batch``: each run stored as it finishes), and stores its summary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from sandbox.control import HUMANS, load_policy
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.runner._batch import load_jobs, run_batch
from sandbox.runner._parts import RunOptions
from sandbox.scoring import summarize
from sandbox.spi import RunResult, agents, model_factory
from sandbox.store import RunStore


@dataclass(frozen=True)
class StoredBatch:
    """A batch that ran: its id, its runs in (file, trial) order, its summary and where it is stored."""

    id: str
    runs: list[RunResult]
    summary: dict[str, Any]
    store_url: str


def check_options(options: RunOptions) -> None:
    """Resolve every name the options give (the model only for an agent that uses one); raise
    ``UnknownNameError``/``ConfigError`` saying what is wrong, before anything runs."""
    factory = agents.get(options.agent)
    if getattr(factory, "needs_model", True):
        model_factory(options.model)
    if options.human not in HUMANS:
        raise UnknownNameError("human", options.human, HUMANS)
    if options.policy is not None:
        load_policy(options.policy)


def run_stored_batch(
    paths: Sequence[str | Path],
    options: RunOptions,
    *,
    store: RunStore,
    trials: int = 1,
    concurrency: int = 2,
    console: Console | None = None,
    finish: Callable[[RunResult], RunResult] | None = None,
) -> StoredBatch:
    """Run ``paths`` x ``trials`` (scenario files or folders), store every run and the batch's summary.

    Raises ``ScenarioError`` for an invalid scenario file and ``ConfigError`` when there is nothing to
    run, before the batch is recorded. ``console``: where the progress bar goes (none without one);
    ``finish``: a step applied to each run before it is stored (``run --judge``: a judge's verdict).
    """
    jobs = load_jobs(paths, trials)
    if not jobs:
        raise ConfigError("no scenarios to run")
    meta = {
        "agent": options.agent,
        "model": options.model,
        "trials": trials,
        "human": options.human,
        "policy": options.policy,
        "paths": [str(p) for p in paths],
        "planned_runs": len(jobs),  # so that `report` can tell a batch stopped part-way
    }
    batch_id = store.start_batch(meta)
    runs = run_batch(
        jobs, options, concurrency=concurrency, store=store, batch_id=batch_id, console=console, finish=finish
    )
    summary = {"batch": batch_id, **summarize(runs)}  # `run --json` has summary.batch
    store.finish_batch(batch_id, summary)
    return StoredBatch(batch_id, runs, summary, store.url)
