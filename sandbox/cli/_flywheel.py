"""``travel-sandbox calibration | decisions export | policy suggest``: from decisions to a better policy.

Thin adapters: ``calibration`` is ``sandbox.scoring.calibration_table`` over stored batches (how well
the agent's stated confidence predicts a pass, and a human's approval at a checkpoint: reliability
bins, ECE, Brier, per agent, model and policy); ``decisions export`` writes every human decision in the
run store with its checkpoint's context and the run's outcome (``sandbox.report.store_decisions``);
``policy suggest`` fits a threshold policy to such a file (``sandbox.control.suggest_policy``) and
writes it as a policy YAML that ``run --policy`` and ``sweep --policies`` take. Bad input exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from sandbox.cli._app import app, guarded, out
from sandbox.cli._suite import DbOption, open_store
from sandbox.control import load_policy, suggest_policy
from sandbox.errors import ConfigError
from sandbox.report import (
    is_stdout,
    parse_since,
    read_decisions,
    store_decisions,
    write_decisions,
    write_json_to,
)
from sandbox.scoring import calibration_table

decisions_app = typer.Typer(help="Export the humans' decisions at checkpoints.", no_args_is_help=True)
policy_app = typer.Typer(help="Override policies fitted to decisions.", no_args_is_help=True)
app.add_typer(decisions_app, name="decisions")
app.add_typer(policy_app, name="policy")


def _num(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


@app.command("calibration")
@guarded
def calibration_cmd(
    batches: Annotated[list[str] | None, typer.Argument(help="Batch ids (default: the most recent).")] = None,
    bins: Annotated[int, typer.Option(min=1, max=100, help="Reliability bins over [0, 1].")] = 10,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the table as JSON ('-': stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """How well stated confidence predicts a pass (runs) and an approval (checkpoints): ECE, Brier, bins."""
    store = open_store(db)
    if not batches:
        recent = store.batches(limit=1)
        if not recent:
            raise ConfigError(f"no batches in {store.url}")
        batches = [recent[0].id]
    runs = [r for b in batches for r in store.batch_runs(store.get_batch(b).id)]
    table = calibration_table(runs, bins)
    if json_path is not None:
        write_json_to(json_path, {"batches": batches, "bins": bins, "groups": table})
        if is_stdout(json_path):
            return
    for group in table:
        _print_group(group)


def _print_group(group: dict[str, Any]) -> None:
    out.print(f"[bold]agent {group['agent']} · model {group['model']} · policy {group['policy']}[/]")
    for what, label in (
        ("runs", "runs: confidence vs passed"),
        ("checkpoints", "checkpoints: confidence vs approved"),
    ):
        rel = group[what]
        if rel is None:
            out.print(f"  {label}: no stated confidence")
            continue
        out.print(f"  {label}: n {rel['n']} · ECE {_num(rel['ece'])} · Brier {_num(rel['brier'])}")
        t = Table(show_header=True, pad_edge=False, box=None)
        for col in ("bin", "n", "stated", "realised"):
            t.add_column(col, justify="right")
        for b in rel["bins"]:
            if b["n"]:
                t.add_row(
                    f"{b['lo']:.2f}-{b['hi']:.2f}",
                    str(b["n"]),
                    _num(b["confidence"], 2),
                    _num(b["accuracy"], 2),
                )
        out.print(t)


@decisions_app.command("export")
@guarded
def export_cmd(
    out_path: Annotated[Path, typer.Option("--out", help="Where to write: F.jsonl or F.csv.")],
    since: Annotated[
        str | None, typer.Option(help="Only runs started at or after this date (2026-11-29[T10:00]).")
    ] = None,
    batch: Annotated[
        list[str] | None,
        typer.Option(help="Only the runs of this batch (repeatable; e.g. a sweep's ask-on-write)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Every human decision (web and command line) with its checkpoint and the run's outcome."""
    when = parse_since(since) if since is not None else None
    write_decisions(out_path, [])  # a bad suffix or an unwritable path fails before the store is read
    n = write_decisions(out_path, store_decisions(open_store(db), when, batch))
    typer.echo(f"{n} decision(s) written to {out_path}", err=True)


@policy_app.command("suggest")
@guarded
def suggest_cmd(
    path: Annotated[Path, typer.Argument(help="A decisions export (.jsonl or .csv).")],
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Write the policy YAML here (default: stdout).")
    ] = None,
    max_missed: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Share of not-approved checkpoints it may let through.")
    ] = 0.1,
) -> None:
    """Fit a threshold policy (amount and confidence bands) and write it as a policy YAML."""
    found = suggest_policy(read_decisions(path), max_missed=max_missed, source=path.name)
    text = found.yaml()
    if out_path is None or is_stdout(out_path):
        typer.echo(text, nl=False)
    else:
        out_path.write_text(text, encoding="utf-8")
        load_policy(out_path)  # what it wrote loads as a policy
        typer.echo(
            f"wrote {out_path}: ask when {found.condition() or ('every write and plan' if found.every else 'never')}; "
            f"expected interruption rate {found.interruption_rate:.3f} ({found.asks} of {found.checkpoints})",
            err=True,
        )
