"""``travel-sandbox scenarios generate``: a world's procedurally generated, validated scenarios.

A thin adapter over ``sandbox.scenarios.generate_scenarios``: an unknown family or a bad option
exits 2 (with "did you mean"), a generator failure on one scenario is reported and the rest written
(exit 1: a bug in the generator). ``--json FILE`` writes the summary (``-``: stdout, and nothing else
there).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sandbox.cli._app import EXIT_BUG, app, guarded
from sandbox.cli._commands import Size, WorldOption
from sandbox.scenarios import generate_scenarios
from sandbox.spi import default_world, worlds

scenarios_app = typer.Typer(help="Generate scenario files.", no_args_is_help=True)
app.add_typer(scenarios_app, name="scenarios")


def _families_help() -> str:
    try:
        gen = worlds.get(default_world()).scenario_generator
    except Exception:  # the help text never fails
        return ""
    return "" if gen is None else f" Families of the default world: {', '.join(gen.families)}."


@scenarios_app.command("generate")
@guarded
def generate(
    family: Annotated[
        list[str],
        typer.Option(
            "--family",
            help="A family name, a comma-separated list, or 'all' (repeatable)." + _families_help(),
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder to write <id>.yaml files (and schema.json) to.")],
    n: Annotated[int, typer.Option("--n", min=1, help="Scenarios per family.")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Seed: the same seed writes the same files.")] = 1,
    size: Annotated[
        Size | None,
        typer.Option(
            "--size", help="Pin the catalog size (default: the generator's mix).", show_default=False
        ),
    ] = None,
    json_path: Annotated[
        str | None, typer.Option("--json", help="Write the summary as JSON to FILE ('-': stdout).")
    ] = None,
    world: WorldOption = None,
) -> None:
    """Draw N validated scenarios of each family for a seed and write them to a folder."""
    result = generate_scenarios(
        family, n=n, seed=seed, out=out, size=size.value if size else None, world_name=world
    )
    summary = json.dumps(result.as_dict(), indent=2)
    if json_path == "-":
        typer.echo(summary)
    else:
        for name, fam in result.families.items():
            typer.echo(f"{name}: {len(fam.ids)} written, {fam.redraws} redrawn")
        typer.echo(f"{result.written} scenarios written to {result.out} in {result.seconds:.1f} s")
        if json_path:
            Path(json_path).write_text(summary + "\n", encoding="utf-8")
    for line in result.failed:
        typer.echo(f"error: {line} (this is a bug in the generator)", err=True)
    if result.failed:
        raise typer.Exit(EXIT_BUG)
