"""``travel-sandbox run | list | show | report``: running batches and reading their results.

Thin adapters over ``sandbox.runner``, ``sandbox.store`` and ``sandbox.report`` (a batch: ``_suite``).
``run`` exits 0 when the batch ran (whatever the scores), 2 for bad input (unknown agent, policy or
human, judge, invalid scenario, an option out of range, a report path that cannot be written), 1 for an
internal failure. Everything ``run`` can check is checked before the first run starts. ``--json -``
writes the JSON report to stdout; the scorecard then goes to stderr.
"""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sandbox.cli._app import app, guarded, out
from sandbox.cli._suite import (
    DEFAULT_AGENT,
    DEFAULT_MODEL,
    DbOption,
    HtmlOption,
    JsonOption,
    open_store,
    run_suite,
    terminal_for,
)
from sandbox.control import Limits, list_policies
from sandbox.errors import ConfigError
from sandbox.judge import judge_with_deadline, make_judge
from sandbox.report import check_outputs, scorecard, show_run, write_reports
from sandbox.runner import RunOptions, check_options, load_jobs
from sandbox.scenarios import default_scenarios_dir
from sandbox.scoring import summarize
from sandbox.spi import agents, is_privileged, models
from sandbox.store import BatchInfo

MAX_TRIALS = 1000
MAX_CONCURRENCY = 128
MAX_TIMEOUT_S = 86_400.0  # one day per run


def _seconds(value: float) -> float:
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT_S):
        raise typer.BadParameter(
            f"expected seconds above 0 and at most {MAX_TIMEOUT_S:.0f} (one day), got {value:g}"
        )
    return value


@app.command("run")
@guarded
def run_cmd(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Scenario files or directories (default: shipped).")
    ] = None,
    agent: Annotated[
        str, typer.Option(help="Agent name, entry point or package.module:attr.")
    ] = DEFAULT_AGENT,
    model: Annotated[str, typer.Option(help="Model name (for agents that use one).")] = DEFAULT_MODEL,
    trials: Annotated[int, typer.Option(min=1, max=MAX_TRIALS, help="Trials per scenario (for pass^k).")] = 1,
    concurrency: Annotated[int, typer.Option(min=1, max=MAX_CONCURRENCY, help="Runs at once.")] = 2,
    human: Annotated[
        str, typer.Option(help="Who answers checkpoints: scripted, auto or console.")
    ] = "scripted",
    policy: Annotated[
        str | None, typer.Option(help="Override policy preset or YAML file (default: the scenario's own).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Run seed (default: the scenario's world seed).")] = None,
    temperature: Annotated[
        float, typer.Option(min=0.0, help="Sampling temperature (noisy, openai models).")
    ] = 0.0,
    timeout: Annotated[
        float, typer.Option(callback=_seconds, help="Per-run wall-time limit in seconds.")
    ] = 120.0,
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    db: DbOption = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
    judge: Annotated[
        str | None,
        typer.Option(
            "--judge",
            help="Judge each run's report as it finishes: offline or openai:MODEL (see `travel-sandbox judge`).",
        ),
    ] = None,
) -> None:
    """Run scenarios x trials with an agent and print the scorecard."""
    check_outputs(json_path, html_path)
    finish = None if judge is None else judge_with_deadline(make_judge(judge), timeout)
    if human == "console":
        concurrency = 1
    options = RunOptions(
        agent=agent,
        model=model,
        human=human,
        policy=policy,
        seed=seed,
        temperature=temperature,
        limits=Limits(timeout_s=timeout),
    )
    check_options(options)  # unknown names fail here, with exit 2, before anything runs
    run_suite(
        paths or [default_scenarios_dir()],
        options,
        trials=trials,
        concurrency=concurrency,
        db=db,
        progress=progress,
        json_path=json_path,
        html_path=html_path,
        finish=finish,
    )


class ListWhat(StrEnum):
    agents = "agents"
    models = "models"
    policies = "policies"
    scenarios = "scenarios"


@app.command("list")
@guarded
def list_cmd(what: Annotated[ListWhat, typer.Argument(help="What to list.")]) -> None:
    """List agents, models, override policies or shipped scenarios."""
    table = Table(show_header=True)
    if what is ListWhat.agents:
        table.add_column("agent")
        table.add_column("about")
        for name in agents.names():
            f = agents.get(name)
            doc = (f.__doc__ or "").strip().splitlines()[0] if f.__doc__ else ""
            table.add_row(name, ("PRIVILEGED. " if is_privileged(f) else "") + doc)
    elif what is ListWhat.models:
        table.add_column("model")
        for name in models.names():
            table.add_row(name)
    elif what is ListWhat.policies:
        table.add_column("policy")
        table.add_column("about")
        for name, about in list_policies():
            table.add_row(name, about)
    else:
        for col in ("id", "title", "tags", "expect"):
            table.add_column(col)
        for job in load_jobs([default_scenarios_dir()], 1):
            s = job.scenario
            table.add_row(s.id, s.title, ", ".join(s.tags), s.expect.outcome)
    out.print(table)


@app.command("show")
@guarded
def show_cmd(
    run_id: Annotated[str, typer.Argument(help="Run id (a unique prefix is enough).")], db: DbOption = None
) -> None:
    """Show one run: its trace, readable, then its scores with every check explained."""
    show_run(open_store(db).get(run_id), out)


@app.command("report")
@guarded
def report_cmd(
    batch_id: Annotated[str | None, typer.Argument(help="Batch id (default: the most recent).")] = None,
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    db: DbOption = None,
) -> None:
    """Rebuild a stored batch's scorecard (and JSON/HTML reports); say so when the batch is incomplete."""
    check_outputs(json_path, html_path)
    store = open_store(db)
    if batch_id is None:
        recent = store.batches(limit=1)
        if not recent:
            raise ConfigError(f"no batches in {store.url}")
        batch_id = recent[0].id
    info = store.get_batch(batch_id)  # an unknown id fails here, naming the recent batches
    batch_id = info.id  # a prefix resolved
    note = incomplete(info)
    if note:
        typer.echo(f"warning: {note}", err=True)
    runs = store.batch_runs(batch_id)
    if not runs:
        raise ConfigError(f"batch {batch_id} has no stored runs; nothing to report")
    summary = {"batch": batch_id, **summarize(runs)}
    scorecard(runs, summary, terminal_for(json_path, html_path))
    write_reports(json_path, html_path, runs, summary, f"batch {batch_id}", batch_id)


def incomplete(info: BatchInfo) -> str | None:
    """Why a stored batch is not the whole batch, or None when it finished with every planned run."""
    return info.incomplete()
