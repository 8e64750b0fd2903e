"""Planted mistakes in reports: one run's answer key (``show``) and a suite's check recall (scorecard).

Texts come from the run (mistake details) and are printed as plain ``Text``, never as markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sandbox.scoring import PlantedMistake, has_planted, planted_mistakes
from sandbox.spi import RunResult

FATE_STYLES = {"caught": "green", "stopped": "cyan", "refused": "dim", "slipped": "bold red"}


def fate_words(m: PlantedMistake) -> str:
    if m.fate == "caught":
        return f"caught by {m.caught_by}"
    if m.fate == "stopped":
        return f"stopped by the {m.stopped_by}"
    return "refused by the tool" if m.fate == "refused" else "slipped through"


def run_planted(run: RunResult) -> list[PlantedMistake] | None:
    """The run's planted mistakes with their fates; None for a run of a model that plants none."""
    return planted_mistakes(run) if has_planted(run) else None


def show_planted(run: RunResult, console: Console) -> None:
    """The answer key of one run, when its model planted mistakes."""
    planted = run_planted(run)
    if planted is None:
        return
    console.rule("Planted mistakes (answer key)")
    for m in planted:
        fate = Text(fate_words(m), style=FATE_STYLES[m.fate])
        console.print(Text.assemble("  ", Text(m.kind, style="bold"), " — ", fate, f" ({m.source})"))
        console.print(Text(f"    {m.detail}; {m.why}", style="dim"))


def show_json(run: RunResult) -> dict[str, Any]:
    """``show --json``: the run as the JSON report has it, with ``planted`` (empty without any)."""
    planted = run_planted(run) or []
    return {**run.public(), "planted": [m.model_dump(mode="json") for m in planted]}


def planted_scorecard(summary: dict[str, Any], console: Console) -> None:
    """Each check's recall over planted mistakes, and the kinds no check caught (when any were planted)."""
    p = summary.get("planted")
    if not p:
        return
    fates = ", ".join(f"{n} {f}" for f, n in p["by_fate"].items())
    console.print(f"planted mistakes {p['mistakes']}: {fates}")
    table = Table(title="Check recall over planted mistakes that took effect", show_edge=False)
    for col in ("check", "caught", "of", "recall", "kinds caught"):
        table.add_column(col, justify="left" if col in ("check", "kinds caught") else "right")
    for c in p["checks"]:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(c["kinds"].items()))
        table.add_row(
            Text(c["check"]), str(c["caught"]), str(c["eligible"]), f"{c['recall']:.2f}", Text(kinds)
        )
    console.print(table)
    if p["uncaught_kinds"]:
        console.print(Text("kinds no check caught: " + ", ".join(p["uncaught_kinds"]), style="red"))
