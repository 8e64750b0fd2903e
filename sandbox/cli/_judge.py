"""``travel-sandbox judge agree | run``: a judge of the agent's report, and its agreement with the checks.

Thin adapters over ``sandbox.judge``. ``judge agree BATCH...`` judges the stored runs of one or more
batches (a run bank), reusing verdicts this judge already stored under the same rubric, stores
nothing, and measures the judge against the deterministic verdicts (Cohen's κ, the confusion matrix,
accuracy, the disagreements); ``judge run BATCH...`` stores the judge's verdict on each run
(``RunResult.judge``, shown by ``show`` and the reports). Exit 2 for bad input: an unknown batch or
judge, ``openai:`` without a model, or without a key for OpenAI itself, a ``--json`` path that cannot
be written. A judge that gives no verdict for a run is a judge error in the report, never a failure
of the command. ``--json -`` writes the JSON to stdout; the tables then go to stderr.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from sandbox.cli._app import app, guarded
from sandbox.cli._suite import DbOption, JsonOption, open_store, terminal_for
from sandbox.judge import JUDGES, agree_on_batches, agreement_table, judge_batches, make_judge, verdicts_table
from sandbox.report import check_outputs, write_json_to

judge_app = typer.Typer(
    help="A judge of the agent's report (offline or any OpenAI-compatible model), measured against the checks.",
    no_args_is_help=True,
)
app.add_typer(judge_app, name="judge")

MAX_CONCURRENCY = 64
BatchesArgument = Annotated[
    list[str], typer.Argument(help="Stored batch ids (a unique prefix is enough): the run bank.")
]
JudgeOption = Annotated[
    str, typer.Option("--judge", help=f"The judge: {' or '.join(JUDGES)} (an OpenAI-compatible endpoint).")
]
FreshOption = Annotated[
    bool, typer.Option("--fresh", help="Judge every run again, even those with this judge's stored verdict.")
]
ConcurrencyOption = Annotated[
    int,
    typer.Option(min=1, max=MAX_CONCURRENCY, help="Runs judged at once (an LLM judge waits on the network)."),
]
TimeoutOption = Annotated[
    float, typer.Option(min=1.0, max=3600.0, help="Seconds one verdict may take, retries included.")
]


@judge_app.command("agree")
@guarded
def agree_cmd(
    batches: BatchesArgument,
    judge: JudgeOption = "offline",
    json_path: JsonOption = None,
    fresh: FreshOption = False,
    concurrency: ConcurrencyOption = 4,
    timeout: TimeoutOption = 120.0,
    db: DbOption = None,
) -> None:
    """Measure a judge against the checks on stored runs: Cohen's κ, confusion matrix, disagreements."""
    check_outputs(json_path, None)
    the_judge = make_judge(judge)  # an unknown name or a missing key fails here, before any judging
    report = agree_on_batches(
        open_store(db), batches, the_judge, fresh=fresh, concurrency=concurrency, timeout=timeout
    ).to_json()
    agreement_table(report, terminal_for(json_path, None))
    if json_path is not None:
        write_json_to(json_path, report)


@judge_app.command("run")
@guarded
def run_cmd(
    batches: BatchesArgument,
    judge: JudgeOption = "offline",
    json_path: JsonOption = None,
    fresh: FreshOption = False,
    concurrency: ConcurrencyOption = 4,
    timeout: TimeoutOption = 120.0,
    db: DbOption = None,
) -> None:
    """Judge the report of every run of stored batches and store the verdicts on the runs."""
    check_outputs(json_path, None)
    the_judge = make_judge(judge)
    store = open_store(db)
    bank = judge_batches(
        store, batches, the_judge, fresh=fresh, save=True, concurrency=concurrency, timeout=timeout
    )
    rows = [_row(batch, run) for batch, run in bank.runs]
    console = terminal_for(json_path, None)
    verdicts_table([r["table"] for r in rows], console)
    console.print(f"{bank.judged} runs judged and stored, {bank.reused} stored verdicts reused")
    if json_path is not None:
        write_json_to(
            json_path,
            {
                "judge": the_judge.name,
                "rubric": the_judge.rubric.label,
                "judged": bank.judged,
                "reused": bank.reused,
                "runs": [r["json"] for r in rows],
            },
        )


def _row(batch: str, run: Any) -> dict[str, Any]:
    checks = None if run.scores is None else ("pass" if run.scores.passed else "fail")
    v = run.judge
    verdict = None if v is None or v.passed is None else ("pass" if v.passed else "fail")
    shown = verdict or ("error" if v is not None else "—")
    return {
        "json": {
            "run": run.id,
            "batch": batch,
            "scenario": run.scenario,
            "trial": run.trial,
            "checks": checks,
            "judge": None if v is None else v.model_dump(mode="json"),
        },
        "table": {
            "run": run.id,
            "scenario": f"{run.scenario}#{run.trial}",
            "checks": checks or run.status,
            "judge": shown,
            "scores": "" if v is None else " ".join(f"{k} {s}" for k, s in v.scores.items()),
            "reason": "" if v is None else (v.error or v.reason),
        },
    }
