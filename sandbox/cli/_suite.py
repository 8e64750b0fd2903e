"""Running a suite from the command line: a batch over scenario files, stored, scored and reported.

Shared by ``travel-sandbox run`` and ``travel-sandbox demo``; no command lives here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandbox.cli._app import out
from sandbox.errors import ConfigError
from sandbox.report import scorecard, write_html, write_json
from sandbox.runner import RunOptions, load_jobs, run_batch
from sandbox.scoring import summarize
from sandbox.settings import get_settings
from sandbox.spi import agents, is_privileged
from sandbox.store import RunStore

DEFAULT_AGENT = "planner"
DEFAULT_MODEL = "scripted"

DbOption = Annotated[
    str | None, typer.Option("--db", help="Run store URL (default: $TRAVEL_SANDBOX_DB or ~/.local/share).")
]


def open_store(db: str | None) -> RunStore:
    return RunStore(db or get_settings().db_url())


def run_suite(
    paths: list[Path],
    options: RunOptions,
    *,
    trials: int = 1,
    concurrency: int = 2,
    db: str | None = None,
    progress: bool = True,
    json_path: Path | None = None,
    html_path: Path | None = None,
) -> None:
    """Run ``paths`` x ``trials``, store every run, print the scorecard and write the reports."""
    jobs = load_jobs(paths, trials)
    if not jobs:
        raise ConfigError("no scenarios to run")
    store = open_store(db)
    meta = {
        "agent": options.agent,
        "model": options.model,
        "trials": trials,
        "human": options.human,
        "policy": options.policy,
        "paths": [str(p) for p in paths],
    }
    batch_id = store.start_batch(meta)
    err = Console(stderr=True)
    results = run_batch(
        jobs,
        options,
        concurrency=concurrency,
        store=store,
        batch_id=batch_id,
        console=err if progress else None,
    )
    summary = summarize(results)
    store.finish_batch(batch_id, summary)
    if is_privileged(agents.get(options.agent)):  # e.g. reference
        out.print(
            f"[yellow]note:[/] agent {options.agent!r} is PRIVILEGED (it reads the hidden scenario); "
            "it calibrates the scoring."
        )
    scorecard(results, summary, out)
    if json_path:
        write_json(json_path, results, summary)
    if html_path:
        write_html(html_path, results, summary, title=f"{options.agent} / {options.model}")
    out.print(f"batch {batch_id}: {len(results)} runs stored in {store.url}")
