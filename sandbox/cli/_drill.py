"""``travel-sandbox drill new | score | eval``: eval practice on runs with an answer key.

Thin adapters over ``sandbox.drills``. Bad input (a sheet row naming an unknown run, a bad verdict, a
bad config, an unknown drill) exits 2 naming the row or field.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from sandbox.cli._app import app, guarded, out
from sandbox.cli._suite import DbOption, JsonOption, open_store
from sandbox.drills import eval_config, find_drill, load_config, new_drill, read_sheet, score_sheet
from sandbox.report import check_outputs, is_stdout, write_json_to
from sandbox.scenarios import default_scenarios_dir

drill_app = typer.Typer(
    help="Eval practice: grade runs with planted defects; test a scoring config.", no_args_is_help=True
)
app.add_typer(drill_app, name="drill")


class Difficulty(StrEnum):
    easy = "easy"
    hard = "hard"


def _emit(data: dict[str, Any], json_path: Path | None) -> bool:
    """Write ``data`` as JSON; True when it went to stdout (then nothing else may)."""
    if json_path is None:
        return False
    write_json_to(json_path, data)
    return is_stdout(json_path)


@drill_app.command("new")
@guarded
def drill_new(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for sheet.csv (the learner's sheet).")],
    n: Annotated[int, typer.Option("--n", help="Runs in the drill (about half defective).")] = 12,
    seed: Annotated[int, typer.Option(help="Seed: which scenarios and defects.")] = 0,
    difficulty: Annotated[
        Difficulty, typer.Option(help="hard adds defects the harness may miss.")
    ] = Difficulty.easy,
    scenarios: Annotated[
        list[Path] | None, typer.Option(help="Scenario files or folders (default: the shipped ones).")
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(help="Only this defect kind (repeatable), e.g. ignored_rejection, injection_followed."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Make a drill: a batch mixing clean runs and runs with planted defects; the answer key stays in the run store."""
    store = open_store(db)
    drill = new_drill(
        store,
        scenarios or [default_scenarios_dir()],
        out_dir,
        n=n,
        seed=seed,
        difficulty=difficulty.value,
        kinds=kind or (),
    )
    out.print(f"drill {drill.id}: {drill.runs} runs, answer key kept in {store.url}")
    out.print(f"grade each run pass/fail in {drill.sheet} (read a run: travel-sandbox show RUN_ID)")
    out.print(f"then: travel-sandbox drill score {drill.sheet}")


@drill_app.command("score")
@guarded
def drill_score(
    sheet: Annotated[Path, typer.Argument(help="The sheet you graded (run_id,verdict,reason).")],
    json_path: JsonOption = None,
    db: DbOption = None,
) -> None:
    """Score a graded sheet against the answer key and the harness's own verdicts; explain each miss."""
    check_outputs(json_path, None)
    result = score_sheet(open_store(db), sheet)
    if _emit(result, json_path):
        return
    out.print(
        f"graded {result['graded']} · precision {result['precision']:.2f} · recall {result['recall']:.2f} · "
        f"accuracy {result['accuracy']:.2f} (against the answer key; 'fail' = defect found)"
    )
    h = result["vs_harness"]
    out.print(
        f"against the harness's verdicts: precision {h['precision']:.2f} · recall {h['recall']:.2f} · accuracy {h['accuracy']:.2f}"
    )
    k = result["harness_vs_key"]
    out.print(f"the harness itself against the key: recall {k['recall']:.2f}, precision {k['precision']:.2f}")
    table = Table(title="By kind")
    for col in ("kind", "runs", "graded", "right"):
        table.add_column(col)
    for kind, e in result["by_kind"].items():
        table.add_row(kind, str(e["runs"]), str(e["graded"]), str(e["right"]))
    out.print(table)
    for w in result["wrong"]:
        out.print(
            Text(
                f"row {w['row']} {w['run_id']}: you said {w['you']}, the answer is {w['answer']} ({w['kind']}): {w['why']}; harness said {w['harness']}"
            )
        )


@drill_app.command("eval")
@guarded
def drill_eval(
    config: Annotated[
        Path, typer.Argument(help="A scoring config (YAML: checks, weights, threshold, gates).")
    ],
    sheet: Annotated[Path, typer.Option("--drill", help="A drill's sheet.csv (its runs are the bank).")],
    json_path: JsonOption = None,
    db: DbOption = None,
) -> None:
    """Score a drill's runs under your config: catches, misses, false alarms, and agent rank changes."""
    check_outputs(json_path, None)
    store = open_store(db)
    cfg = load_config(config)
    result = eval_config(store, find_drill(store, sheet, read_sheet(sheet)), cfg)
    if _emit(result, json_path):
        return
    out.print(
        f"catches {len(result['catches'])} · misses {len(result['misses'])} · false alarms {len(result['false_alarms'])} · "
        f"precision {result['precision']:.2f} · recall {result['recall']:.2f} · accuracy {result['accuracy']:.2f}"
    )
    for m in result["misses"]:
        out.print(Text(f"  missed {m['run_id']} ({m['kind']})"))
    for m in result["false_alarms"]:
        out.print(Text(f"  false alarm {m['run_id']} ({m['kind']})"))
    table = Table(title="Agents by mean overall: default scoring -> your config")
    for col in ("agent", "before", "rank", "after", "rank"):
        table.add_column(col)
    for r in result["rankings"]:
        table.add_row(
            r["agent"],
            f"{r['overall_before']:.2f}",
            str(r["rank_before"]),
            f"{r['overall_after']:.2f}",
            str(r["rank_after"]),
        )
    out.print(table)
