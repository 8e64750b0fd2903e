"""``travel-sandbox sweep PATHS --policies P1,P2,...``: one stored batch per override policy, then the
sweep table (interruptions and human time per run, attempted harm and who caught it, pass rate,
pass^k, cost) and its Pareto frontier of interruptions against harm that reached the world.

A thin adapter over ``sandbox.runner.run_sweep`` and ``sandbox.report`` (the table:
``sandbox.scoring.sweep_json``). Exit 2 for bad input before anything runs: an unknown policy (with a
did-you-mean), agent, model or human, an invalid scenario, a report path that cannot be written.
``--json -`` writes the JSON to stdout; the table then goes to stderr. ``sweep --show ID`` reads a
stored sweep back instead of running one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sandbox.cli._app import app, guarded
from sandbox.cli._suite import DEFAULT_AGENT, DbOption, HtmlOption, JsonOption, open_store, terminal_for
from sandbox.control import Limits
from sandbox.errors import ConfigError
from sandbox.report import (
    check_outputs,
    load_sweep,
    sweep_scorecard,
    write_json_to,
    write_sweep_html,
)
from sandbox.runner import RunOptions, model_setup, parse_policies, run_sweep
from sandbox.scenarios import default_scenarios_dir

DEFAULT_POLICIES = "never-ask,ask-when-unsure,ask-above-500,ask-on-write,always-ask"


@app.command("sweep")
@guarded
def sweep_cmd(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Scenario files or directories (default: shipped).")
    ] = None,
    policies: Annotated[
        str,
        typer.Option(help="Comma-separated override policies: presets or YAML files, one batch each."),
    ] = DEFAULT_POLICIES,
    agent: Annotated[
        str, typer.Option(help="Agent name, entry point or package.module:attr.")
    ] = DEFAULT_AGENT,
    model: Annotated[str | None, typer.Option(help="Model name (default: scripted).")] = None,
    temperature: Annotated[float, typer.Option(min=0.0, help="Sampling temperature (noisy, openai).")] = 0.0,
    trials: Annotated[int, typer.Option(min=1, max=1000, help="Trials per scenario (for pass^k).")] = 1,
    human: Annotated[
        str, typer.Option(help="Who answers checkpoints: reviewer[:CATCH[:FALSE_ALARM]], scripted or auto.")
    ] = "reviewer",
    concurrency: Annotated[int, typer.Option(min=1, max=128, help="Runs at once.")] = 2,
    timeout: Annotated[float, typer.Option(min=0.001, max=86_400.0, help="Per-run time limit (s).")] = 120.0,
    show: Annotated[
        str | None, typer.Option(help="Show a stored sweep by id instead of running one.")
    ] = None,
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    db: DbOption = None,
    progress: Annotated[bool, typer.Option(help="Show progress bars on stderr.")] = True,
) -> None:
    """Run the scenarios once per override policy and compare what each checkpoint buys."""
    check_outputs(json_path, html_path)
    store = open_store(db)
    if show is not None:
        stored = load_sweep(store, show)
        _report(stored.id, stored.table, stored.policies, stored.batches, stored.about, json_path, html_path)
        return
    if human == "console":
        raise ConfigError(
            "sweep runs many batches unattended; use a simulated human (reviewer, scripted, auto)"
        )
    names = parse_policies(policies)  # an unknown policy fails here, with exit 2
    setup = model_setup(model)
    options = RunOptions(
        agent=agent,
        model=setup.model,
        human=human,
        temperature=temperature,
        limits=Limits(timeout_s=timeout),
        model_options=setup.options,
        prices=setup.prices.model_dump() if setup.prices is not None else None,
    )
    err = Console(stderr=True)

    def announce(n: int, policy: str) -> None:
        if progress:
            err.print(f"[bold]policy {n + 1}/{len(names)}:[/] {policy}")

    sweep = run_sweep(
        paths or [default_scenarios_dir()],
        options,
        names,
        store=store,
        trials=trials,
        concurrency=concurrency,
        console=err if progress else None,
        on_policy=announce,
    )
    about = f"agent {agent} · model {setup.model} · human {human}"
    batches = [b.id for b in sweep.batches]
    _report(sweep.id, sweep.table(), sweep.policies, batches, about, json_path, html_path)


def _report(
    sweep_id: str,
    table: dict[str, Any],
    policies: list[str],
    batches: list[str],
    about: str,
    json_path: Path | None,
    html_path: Path | None,
) -> None:
    console = terminal_for(json_path, html_path)
    sweep_scorecard(table, console)
    if json_path is not None:
        write_json_to(json_path, table)
    if html_path is not None:
        write_sweep_html(html_path, table, f"Policy sweep {sweep_id}", about)
    listed = ", ".join(f"{p}: {b}" for p, b in zip(policies, batches, strict=True))
    console.print(f"sweep {sweep_id} ({about}): batches {listed}")
