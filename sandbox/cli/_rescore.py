"""``travel-sandbox rescore BATCH``: score a stored batch's runs again under the current scoring.

A thin adapter over ``sandbox.runner.rescore_batch``: by default the rescored runs go into a new batch
(its id is printed; ``compare OLD NEW`` then shows what the scoring change did); ``--in-place``
rewrites the batch itself. Prints each scenario's passes and mean overall before → after, and a note
for every run that could not be rescored (stored by an earlier version without its final state, its
scenario changed or gone). ``--json F`` writes ``{source, batch, in_place, runs: [...], before,
after, notes}``. Exit 2 for an unknown batch id or a report path that cannot be written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sandbox.cli._app import app, guarded
from sandbox.cli._suite import DbOption, open_store, terminal_for
from sandbox.report import check_outputs, is_stdout, rescore_table
from sandbox.runner import rescore_batch


@app.command("rescore")
@guarded
def rescore_cmd(
    batch_id: Annotated[str, typer.Argument(help="Batch id (a unique prefix is enough).")],
    in_place: Annotated[
        bool, typer.Option(help="Rewrite the batch's scores instead of writing a new batch.")
    ] = False,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the before/after JSON here ('-': stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Score a stored batch's runs again, from their final states, under the current scoring."""
    check_outputs(json_path, None)
    result = rescore_batch(open_store(db), batch_id, in_place=in_place)
    data = result.to_json()
    console = terminal_for(json_path, None)
    rescore_table(data, console)
    if json_path is not None:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if is_stdout(json_path):
            typer.echo(text, nl=False)
        else:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            json_path.write_text(text, encoding="utf-8")
    where = "rescored in place" if in_place else f"rescored into new batch {result.batch}"
    console.print(f"batch {result.source}: {where}")
