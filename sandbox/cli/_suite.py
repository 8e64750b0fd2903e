"""Running a suite from the command line: a batch over scenario files, stored, scored and reported.

Shared by ``travel-sandbox run`` and ``travel-sandbox demo`` (and the report options by ``report``);
no command lives here. ``--json -`` writes the JSON report to stdout; the scorecard then goes to stderr.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandbox.cli._app import out
from sandbox.judge import verdicts_line
from sandbox.report import check_outputs, is_stdout, scorecard, write_reports
from sandbox.runner import RunOptions, run_stored_batch
from sandbox.settings import get_settings
from sandbox.spi import RunResult, agents, is_privileged
from sandbox.store import RunStore

DEFAULT_AGENT = "planner"
DEFAULT_MODEL = "scripted"
DbOption = Annotated[
    str | None, typer.Option("--db", help="Run store URL (default: $TRAVEL_SANDBOX_DB or ~/.local/share).")
]
JsonOption = Annotated[Path | None, typer.Option("--json", help="Write the JSON report here ('-': stdout).")]
HtmlOption = Annotated[Path | None, typer.Option("--html", help="Write the HTML report here ('-': stdout).")]


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
    finish: Callable[[RunResult], RunResult] | None = None,
) -> None:
    """Run ``paths`` x ``trials``, store every run, print the scorecard and write the reports
    (``finish``: a step applied to each run before it is stored, e.g. a judge's verdict)."""
    check_outputs(json_path, html_path)
    store = open_store(db)
    err = Console(stderr=True)
    batch = run_stored_batch(
        paths,
        options,
        store=store,
        trials=trials,
        concurrency=concurrency,
        console=err if progress else None,
        finish=finish,
    )
    batch_id, results, summary = batch.id, batch.runs, batch.summary
    console = terminal_for(json_path, html_path)
    if is_privileged(agents.get(options.agent)):  # e.g. reference
        console.print(
            f"[yellow]note:[/] agent {options.agent!r} is PRIVILEGED (it reads the hidden scenario); "
            "it calibrates the scoring."
        )
    scorecard(results, summary, console)
    line = verdicts_line(batch_id, results)  # runs judged as they finished (run --judge)
    if line:
        console.print(line)
    write_reports(json_path, html_path, results, summary, f"{options.agent} / {options.model}", batch_id)
    console.print(f"batch {batch_id}: {len(results)} runs stored in {store.url}")


def terminal_for(json_path: Path | None, html_path: Path | None) -> Console:
    """Where the scorecard goes: stdout, unless a report is written there."""
    return Console(stderr=True, highlight=False) if is_stdout(json_path) or is_stdout(html_path) else out
