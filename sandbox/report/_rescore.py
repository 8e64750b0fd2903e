"""``travel-sandbox rescore``'s terminal report: each scenario's passes and mean overall before and after.

Reads the ``rescore --json`` data (``sandbox.runner.Rescored.to_json``): one row per stored run with its
scores before and after (``after`` null when the run was not rescored, its ``status`` saying why).
"""

from __future__ import annotations

import math
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text


def _mean(values: list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _arrow(before: float | None, after: float | None) -> Text:
    b = "—" if before is None else f"{before:.2f}"
    a = "—" if after is None else f"{after:.2f}"
    changed = before is not None and after is not None and abs(after - before) > 1e-9
    return Text(f"{b} → {a}", style="bold yellow" if changed else "")


def rescore_table(data: dict[str, Any], console: Console) -> None:
    """Per scenario: runs rescored, passes and mean overall before → after; then the suite line."""
    by: dict[str, list[dict[str, Any]]] = {}
    for row in data["runs"]:
        by.setdefault(row["scenario"], []).append(row)
    table = Table(
        title=f"Rescored batch {data['source']} → {data['batch']}"
        + (" (in place)" if data["in_place"] else ""),
        box=box.SIMPLE_HEAVY,
        show_edge=False,
        padding=(0, 1),
    )
    for col, justify in (
        ("scenario", "left"),
        ("rescored", "right"),
        ("passed", "left"),
        ("overall", "left"),
    ):
        table.add_column(col, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column("flips", justify="right")
    for scenario in sorted(by):
        rows = by[scenario]
        done = [r for r in rows if r["status"] == "rescored"]
        flips = sum(r["before_passed"] != r["after_passed"] for r in done)
        table.add_row(
            Text(scenario),
            f"{len(done)}/{len(rows)}",
            Text(
                f"{sum(bool(r['before_passed']) for r in done)} → {sum(bool(r['after_passed']) for r in done)}"
            ),
            _arrow(_mean([r["before_overall"] for r in done]), _mean([r["after_overall"] for r in done])),
            Text(str(flips), style="bold yellow" if flips else ""),
        )
    console.print(table)
    before, after = data["before"], data["after"]
    rescored = sum(r["status"] == "rescored" for r in data["runs"])
    line = Text(f"{rescored} of {len(data['runs'])} runs rescored · pass rate ")
    line.append_text(_arrow(before.get("pass_rate"), after.get("pass_rate")))
    line.append(" · overall ")
    line.append_text(_arrow(before.get("overall"), after.get("overall")))
    console.print(line)
    for note in data["notes"]:
        console.print(Text(f"note: {note}", style="yellow"))
