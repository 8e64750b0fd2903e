"""Running a suite from the command line: a batch over scenario files, stored, scored and reported.

Shared by ``travel-sandbox run`` (also ``run --resume``) and ``travel-sandbox demo`` (and the report
options by ``report``); no command lives here. ``--json -`` writes the JSON report to stdout; the
scorecard then goes to stderr.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandbox.cli._app import out
from sandbox.errors import SandboxError
from sandbox.judge import verdicts_line
from sandbox.report import check_outputs, is_stdout, scorecard, write_reports
from sandbox.runner import (
    RunOptions,
    SpendCaps,
    StoredBatch,
    resume_stored_batch,
    run_stored_batch,
)
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
    caps: SpendCaps | None = None,
    model_profile: str | None = None,
    finish: Callable[[RunResult], RunResult] | None = None,
    attacks: list[str] | None = None,
) -> None:
    """Run ``paths`` x ``trials``, store every run, print the scorecard and write the reports
    (``finish``: a step applied to each run before it is stored, e.g. a judge's verdict; ``attacks``:
    also run each scenario under these attacks)."""
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
        caps=caps,
        model_profile=model_profile,
        finish=finish,
        attacks=attacks or (),
    )
    _report(batch, options.agent, f"{options.agent} / {options.model}", json_path, html_path)


def resume_suite(
    batch_id: str,
    *,
    concurrency: int | None = None,
    caps: SpendCaps | None = None,
    db: str | None = None,
    progress: bool = True,
    json_path: Path | None = None,
    html_path: Path | None = None,
) -> None:
    """Run again what batch ``batch_id`` is missing (``run --resume``), then report the whole batch."""
    check_outputs(json_path, html_path)
    store = open_store(db)
    batch = resume_stored_batch(
        store,
        store.get_batch(batch_id).id,
        concurrency=concurrency,
        caps=caps,
        console=Console(stderr=True) if progress else None,
    )
    counts = batch.resumed or {}
    again = sum(counts.values())
    console = terminal_for(json_path, html_path)
    why = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    console.print(
        f"batch {batch.id}: resumed, {again} run(s) run again ({why})"
        if again
        else f"batch {batch.id}: nothing to resume, every planned run is done"
    )
    agent = batch.runs[0].agent if batch.runs else "?"
    model = batch.runs[0].model if batch.runs else "?"
    _report(batch, agent, f"{agent} / {model}", json_path, html_path)


def _report(
    batch: StoredBatch, agent: str, title: str, json_path: Path | None, html_path: Path | None
) -> None:
    console = terminal_for(json_path, html_path)
    if _privileged(agent):  # e.g. reference
        console.print(
            f"[yellow]note:[/] agent {agent!r} is PRIVILEGED (it reads the hidden scenario); "
            "it calibrates the scoring."
        )
    scorecard(batch.runs, batch.summary, console)
    line = verdicts_line(batch.id, batch.runs)  # runs judged as they finished (run --judge)
    if line:
        console.print(line)
    write_reports(json_path, html_path, batch.runs, batch.summary, title, batch.id)
    skipped = batch.summary.get("skipped") or 0
    if skipped:
        console.print(
            f"[yellow]stopped early:[/] {batch.summary.get('stopped')}; {skipped} run(s) skipped "
            f"(not counted in pass rates): `travel-sandbox run --resume {batch.id}` runs them"
        )
    console.print(f"batch {batch.id}: {len(batch.runs)} runs stored in {batch.store_url}")


def _privileged(agent: str) -> bool:
    try:
        return is_privileged(agents.get(agent))
    except SandboxError:  # resolved before the batch ran; a resumed batch's agent may be gone since
        return False


def terminal_for(json_path: Path | None, html_path: Path | None) -> Console:
    """Where the scorecard goes: stdout, unless a report is written there."""
    return Console(stderr=True, highlight=False) if is_stdout(json_path) or is_stdout(html_path) else out
