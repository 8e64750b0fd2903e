"""The judge's reports in the terminal: agreement with the checks, and verdicts given to a batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sandbox.judge._agree import agreement
from sandbox.spi import RunResult

SHOWN = 20  # disagreements listed in the terminal (all of them are in --json)


def _num(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def agreement_table(report: dict[str, Any], console: Console) -> None:
    """``judge agree``: the confusion matrix, κ with its interval, per batch, then the disagreements."""
    n = report["runs"]
    console.print(
        Text(
            f"{report['judge']} (rubric {report['rubric']}) against the checks: {n} runs of "
            f"{len(report['batches'])} batch(es)",
            style="bold",
        )
    )
    m = report["confusion"]
    matrix = Table(show_header=True, title="confusion (rows: checks, columns: judge)")
    matrix.add_column("")
    matrix.add_column("judge pass", justify="right")
    matrix.add_column("judge fail", justify="right")
    for row in ("checks_pass", "checks_fail"):
        matrix.add_row(row.replace("_", " "), str(m[row]["judge_pass"]), str(m[row]["judge_fail"]))
    console.print(matrix)
    ci = report["kappa_ci95"]
    interval = f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else ""
    band = f" ({report['kappa_band']})" if report["kappa_band"] else ""
    console.print(
        f"Cohen's κ {_num(report['kappa'])}{interval}{band} · accuracy {_num(report['accuracy'])} · "
        f"judge passes {_pct(report['judge_pass_rate'])}, checks pass {_pct(report['checks_pass_rate'])}"
    )
    by = Table(show_header=True, title="by batch")
    for col in ("batch", "agent", "model", "runs", "accuracy", "κ", "checks pass", "judge pass"):
        by.add_column(col, justify="right" if col not in ("batch", "agent", "model") else "left")
    for b in report["by_batch"]:
        by.add_row(
            b["batch"],
            b["agent"],
            b["model"],
            str(b["runs"]),
            _num(b["accuracy"]),
            _num(b["kappa"]),
            _pct(b["checks_pass_rate"]),
            _pct(b["judge_pass_rate"]),
        )
    console.print(by)
    _disagreements(report["disagreements"], console)
    left = {k: v for k, v in report["left_out"].items() if v}
    if left:
        console.print(
            Text("left out: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in left.items()), style="dim")
        )
    console.print(
        Text(f"{report['judged']} judged now, {report['reused']} stored verdicts reused", style="dim")
    )


def _disagreements(rows: list[dict[str, Any]], console: Console) -> None:
    if not rows:
        console.print("The judge and the checks agree on every run.")
        return
    table = Table(show_header=True, title=f"disagreements ({min(len(rows), SHOWN)} of {len(rows)} shown)")
    for col in ("run", "scenario", "agent", "checks", "judge", "judge's reason", "failed checks"):
        table.add_column(col, overflow="fold")
    for d in rows[:SHOWN]:
        table.add_row(
            d["run"],
            f"{d['scenario']}#{d['trial']}",
            d["agent"],
            d["checks"],
            d["judge"],
            d["judge_reason"],
            ", ".join(d["failed_checks"]) or "—",
        )
    console.print(table)


def verdicts_table(rows: list[dict[str, Any]], console: Console) -> None:
    """``judge run``: each run's verdict next to its checks'."""
    table = Table(show_header=True)
    for col in ("run", "scenario", "checks", "judge", "scores", "reason"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["run"], r["scenario"], r["checks"], r["judge"], r["scores"], r["reason"])
    console.print(table)


def verdicts_line(batch_id: str, runs: Sequence[RunResult]) -> str | None:
    """One line under a batch's scorecard when its runs were judged as they finished (``run --judge``):
    how many reports pass, judge errors, and the agreement with the checks."""
    first = next((r.judge for r in runs if r.judge is not None), None)
    if first is None:
        return None
    report = agreement(first.judge, first.rubric, [(batch_id, r) for r in runs]).to_json()
    passed = sum(1 for r in runs if r.judge is not None and r.judge.passed)
    return (
        f"judge {first.judge}: {passed} of {len(runs)} reports pass, {report['left_out']['judge_error']} "
        f"judge error(s); against the checks: accuracy {_num(report['accuracy'])}, Cohen's κ "
        f"{_num(report['kappa'])} (travel-sandbox judge agree {batch_id})"
    )
