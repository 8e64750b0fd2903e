"""``travel-sandbox validate | schema | world list | world build | world check | demo``: scenarios and worlds.

Thin adapters over ``sandbox.scenarios``, the worlds' registry and ``sandbox.conformance``; ``demo``
runs the shipped scenarios through ``sandbox.cli._suite``.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from sandbox.cli._app import EXIT_GAMED, EXIT_INVALID, app, guarded, out
from sandbox.cli._suite import DEFAULT_AGENT
from sandbox.cli._suite import run_suite as run_all
from sandbox.conformance import check_world
from sandbox.runner import RunOptions, adversarial_passes
from sandbox.scenarios import FileReport, default_scenarios_dir, lint, load_scenarios, schema_text
from sandbox.spi import default_world, worlds

world_app = typer.Typer(help="Build and inspect worlds.", no_args_is_help=True)
app.add_typer(world_app, name="world")


class Size(StrEnum):
    small = "small"
    medium = "medium"
    large = "large"


WorldOption = Annotated[
    str | None,
    typer.Option(
        "--world",
        help="World name (see `travel-sandbox world list`; default: $TRAVEL_SANDBOX_WORLD, else the "
        "installation's default world).",
        show_default=False,
    ),
]


def _print_problems(reports: list[FileReport]) -> tuple[int, int]:
    errors = warnings = 0
    for r in reports:
        for line in r.error_lines():
            typer.echo(line, err=True)
            errors += 1
        for line in r.warning_lines():
            typer.echo(line, err=True)
            warnings += 1
    return errors, warnings


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else ('es' if word.endswith('s') else 's')}"


def _summary(reports: list[FileReport], errors: int, warnings: int) -> str:
    valid = sum(r.ok for r in reports)
    text = f"{plural(len(reports), 'file')}, {valid} valid, {plural(errors, 'error')}"
    return text + (f", {plural(warnings, 'warning')}" if warnings else "")


@app.command()
@guarded
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Scenario files or directories of *.yaml files.")],
    world_checks: Annotated[
        bool, typer.Option("--checks/--schema-only", help="Also run the world's checks (the oracle).")
    ] = True,
    adversarial: Annotated[
        bool,
        typer.Option(
            "--adversarial",
            help="Also run every adversarial agent (adv-*) over the files and name each scenario one "
            f"passes; exit {EXIT_GAMED} when any does.",
        ),
    ] = False,
) -> None:
    """Check scenario files: schema, $schema first line, unique ids, then the world's own checks.

    Exit 0: valid; 2: a file is invalid; 3 (with --adversarial): valid, but an adversary passes a
    scenario (docs/adversaries.md says which passes are legitimate)."""
    reports = lint(paths, world_checks=world_checks)
    errors, warnings = _print_problems(reports)
    for r in reports:
        if r.ok and r.loaded.scenario is not None:
            detail = "; ".join([r.loaded.scenario.id, *r.info()])
            typer.echo(f"{r.file}: ok ({detail})")
    typer.echo(_summary(reports, errors, warnings))
    if not all(r.ok for r in reports):
        raise typer.Exit(EXIT_INVALID)
    if adversarial:
        report = adversarial_passes(paths)
        for p in report.passes:
            typer.echo(f"{p.file}: passed by {p.agent} (overall {p.overall:.2f})")
        for e in report.errors:
            typer.echo(f"error: {e}", err=True)
        n = len({p.scenario for p in report.passes})
        typer.echo(
            f"adversaries: {len(report.agents)} over {plural(report.scenarios, 'scenario')}; "
            f"{plural(len(report.passes), 'pass')} in {plural(n, 'scenario')}"
        )
        if report.passes:
            raise typer.Exit(EXIT_GAMED)


@app.command()
@guarded
def schema(world: WorldOption = None) -> None:
    """Print the JSON schema of scenario files (committed as scenarios/schema.json)."""
    typer.echo(schema_text(world), nl=False)


@world_app.command("list")
@guarded
def world_list() -> None:
    """List the installed worlds."""
    for name in worlds.names():
        typer.echo(name)


def _catalog_info(world_name: str | None, seed: int, size: str) -> dict[str, Any]:
    world = worlds.get(world_name or default_world())
    return {"world": world.name, "seed": seed, "size": size} | dict(world.build_catalog(seed, size))


def _info_table(info: dict[str, Any], title: str) -> Table:
    table = Table(title=title, show_header=False)
    table.add_column("key", style="bold")
    table.add_column("value", overflow="fold")
    for key, value in info.items():
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    return table


@world_app.command("build")
@guarded
def world_build(
    seed: Annotated[int, typer.Option(help="Catalog seed.")] = 7,
    size: Annotated[Size, typer.Option(help="Catalog size preset.")] = Size.small,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of a table.")
    ] = False,
    world: WorldOption = None,
) -> None:
    """Build (or load from the cache) a world's catalog and describe it."""
    info = _catalog_info(world, seed, size.value)
    if as_json:
        typer.echo(json.dumps(info, sort_keys=True, default=str))
    else:
        out.print(_info_table(info, f"{info['world']} catalog"))


@world_app.command("check")
@guarded
def world_check(
    name: Annotated[str, typer.Argument(help="A registered world (see `travel-sandbox world list`).")],
    paths: Annotated[list[Path], typer.Argument(help="The world's scenario files or directories.")],
    runs: Annotated[
        bool, typer.Option("--runs/--no-runs", help="Also run the do-nothing and reference agents.")
    ] = True,
) -> None:
    """Check a world against the world contract (like Gymnasium's env checker); exit 2 on a problem."""
    report = check_world(worlds.get(name), load_scenarios(paths), runs=runs)
    typer.echo(report.summary())
    if not report.ok:
        raise typer.Exit(EXIT_INVALID)


def _scenario_table(reports: list[FileReport]) -> Table:
    table = Table(title="Scenarios")
    table.add_column("id", no_wrap=True)
    for column in ("title", "tags", "expect", "oracle"):
        table.add_column(column, overflow="fold")
    for r in reports:
        s = r.loaded.scenario
        oracle = Text("; ".join(m.removeprefix("oracle: ") for m in r.info()) or "-")
        if not r.ok:
            oracle = Text.assemble(("invalid ", "bold red"), oracle)
        if s is None:
            table.add_row(Text("-"), Text(r.file), Text(""), Text(""), oracle)
        else:
            table.add_row(Text(s.id), Text(s.title), Text(", ".join(s.tags)), Text(s.expect.outcome), oracle)
    return table


@app.command()
@guarded
def demo(
    scenarios: Annotated[
        Path | None, typer.Option(help="Scenario directory (default: the shipped scenarios/).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the default world's catalog.")] = 7,
    size: Annotated[Size, typer.Option(help="Size of the default world's catalog.")] = Size.small,
    world: WorldOption = None,
    run_suite: Annotated[
        bool, typer.Option("--run/--no-run", help="Run the scenarios after validating.")
    ] = True,
    db: Annotated[
        str | None, typer.Option("--db", help="Run store URL (default: $TRAVEL_SANDBOX_DB).")
    ] = None,
) -> None:
    """The main job on built-in defaults: build the world, validate the scenarios, run them, print the scorecard."""
    info = _catalog_info(world, seed, size.value)
    out.print(_info_table(info, f"{info['world']} catalog (seed {seed}, {size.value})"))
    directory = scenarios or default_scenarios_dir()
    reports = lint([directory])
    errors, warnings = _print_problems(reports)
    if any(r.loaded.scenario is not None for r in reports):
        out.print(_scenario_table(reports))
    typer.echo(_summary(reports, errors, warnings))
    if not all(r.ok for r in reports):
        raise typer.Exit(EXIT_INVALID)
    if run_suite:
        run_all([directory], RunOptions(agent=DEFAULT_AGENT), db=db, progress=False)
