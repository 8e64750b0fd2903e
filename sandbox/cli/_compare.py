"""``travel-sandbox compare BATCH_A BATCH_B [...]``: stored batches side by side, each against the first.

A thin adapter over ``sandbox.report.batch_comparison`` (statistics: ``sandbox.scoring.compare_batches``).
Exit 2 for bad input: an unknown batch id (the message names the closest known ones), fewer than two
batches or more than ``MAX_BATCHES``, batches with no scenario in common, a report path that cannot be
written. What a reader must know (an incomplete batch, scenarios left out because the batches ran
different ones) goes to stderr as ``warning:`` lines. ``--json -`` writes the JSON to stdout; the
tables then go to stderr.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from sandbox.cli._app import app, guarded
from sandbox.cli._suite import DbOption, HtmlOption, JsonOption, open_store, terminal_for
from sandbox.report import (
    MAX_BATCHES,
    batch_comparison,
    check_outputs,
    compare_scorecard,
    write_compare_reports,
)

MAX_RESAMPLES = 100_000


class VerdictRule(StrEnum):
    all = "all"
    majority = "majority"


@app.command("compare")
@guarded
def compare_cmd(
    batches: Annotated[
        list[str],
        typer.Argument(
            help=f"Batch ids (a unique prefix is enough), 2 to {MAX_BATCHES}; each is compared against the first."
        ),
    ],
    json_path: JsonOption = None,
    html_path: HtmlOption = None,
    verdict: Annotated[
        VerdictRule,
        typer.Option(help="A scenario passes in a batch when all its trials pass, or more than half."),
    ] = VerdictRule.all,
    resamples: Annotated[
        int, typer.Option(min=1, max=MAX_RESAMPLES, help="Paired bootstrap resamples of scenarios.")
    ] = 10_000,
    seed: Annotated[int, typer.Option(help="Seed of the paired bootstrap.")] = 0,
    db: DbOption = None,
) -> None:
    """Compare stored batches: pass^k and pass@k with intervals, McNemar and a paired bootstrap by scenario."""
    check_outputs(json_path, html_path)
    data = batch_comparison(open_store(db), batches, verdict=verdict.value, resamples=resamples, seed=seed)
    for note in data["notes"]:
        typer.echo(f"warning: {note}", err=True)
    compare_scorecard(data, terminal_for(json_path, html_path), notes=False)
    write_compare_reports(json_path, html_path, data)
