"""A policy sweep's reports: the terminal table, the frontier chart's geometry and the HTML file.

``sweep_view(table)`` turns ``sandbox.scoring.sweep_json``'s table into plain numbers and strings for
the template (shared with the web app's sweep page): one row per policy and a scatter of interruptions
per run (x) against harm that reached the world per run (y), the Pareto frontier joined by a line.
The HTML file is self-contained (inline CSS and SVG, no scripts) and rendered with autoescaping, since
policy names can be file paths.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sandbox.report._html import _env
from sandbox.report._output import is_stdout

FRONT_COLOR = "#2b6cb0"
OTHER_COLOR = "#4a5568"
HARM_COLUMNS = ("harm_attempted", "caught_by_human", "caught_by_guardrail", "reached_world")


def _fmt(x: Any, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}" if isinstance(x, float) else str(x)


def _nice_max(v: float) -> float:
    """A round axis maximum at or above ``v`` (1, 2, 2.5 or 5 x 10^n); 1 when ``v`` is 0."""
    if v <= 0:
        return 1.0
    unit = 10 ** math.floor(math.log10(v))
    return next(m * unit for m in (1, 2, 2.5, 5, 10) if m * unit >= v - 1e-12)


def frontier_chart(rows: list[dict[str, Any]], frontier: list[str]) -> dict[str, Any]:
    """Scatter geometry: x = interruptions per run, y = harm reached per run, frontier points joined."""
    left, top, plot_w, plot_h = 56, 20, 420, 220
    xs = [float(r["interruptions_per_run"]) for r in rows]
    ys = [r["reached_world"] / (r["runs"] or 1) for r in rows]
    x_max, y_max = _nice_max(max(xs, default=0.0)), _nice_max(max(ys, default=0.0))

    def at(x: float, y: float) -> tuple[float, float]:
        return round(left + plot_w * x / x_max, 1), round(top + plot_h * (1 - y / y_max), 1)

    points = []
    for r, x, y in zip(rows, xs, ys, strict=True):
        px, py = at(x, y)
        on = r["policy"] in frontier
        points.append(
            {"policy": r["policy"], "x": px, "y": py, "vx": x, "vy": y, "front": on,
             "color": FRONT_COLOR if on else OTHER_COLOR}
        )  # fmt: skip
    front = sorted((p for p in points if p["front"]), key=lambda p: (p["vx"], p["vy"]))
    ticks_x = [{"x": at(x_max * i / 4, 0)[0], "label": _fmt(x_max * i / 4, 1)} for i in range(5)]
    ticks_y = [{"y": at(0, y_max * i / 4)[1], "label": _fmt(y_max * i / 4, 2)} for i in range(5)]
    return {
        "width": left + plot_w + 150,
        "height": top + plot_h + 48,
        "left": left,
        "top": top,
        "plot_w": plot_w,
        "plot_h": plot_h,
        "bottom": top + plot_h,
        "points": points,
        "front_path": " ".join(f"{p['x']},{p['y']}" for p in front),
        "ticks_x": ticks_x,
        "ticks_y": ticks_y,
    }


def sweep_view(table: dict[str, Any]) -> dict[str, Any]:
    """The table as the template shows it: rows with formatted cells, the frontier and its chart."""
    rows = table["policies"]
    frontier = table["frontier"]
    shown = []
    for r in rows:
        hat = r["pass_hat_k"]
        kmax = max((int(k) for k in hat), default=0)
        shown.append(
            {
                **r,
                "front": r["policy"] in frontier,
                "pass_hat_last": f"pass^{kmax} {hat[str(kmax)]:.2f}" if kmax else "—",
                "reached_per_run": r["reached_world"] / (r["runs"] or 1),
            }
        )
    return {"rows": shown, "frontier": frontier, "chart": frontier_chart(rows, frontier)}


def sweep_scorecard(table: dict[str, Any], console: Console) -> None:
    """The sweep table in the terminal, frontier policies marked, then the frontier in order."""
    t = Table(
        title="policy sweep",
        caption="harm: attempted/caught by the human/by a guardrail/reached the world; * the frontier",
        show_header=True,
    )
    t.add_column("policy", no_wrap=True)
    for col in ("runs", "asks/run", "min/run", "harm", "pass", "pass^k", "$"):
        t.add_column(col, justify="right", no_wrap=col in ("harm", "pass^k"))
    frontier = set(table["frontier"])
    for r in table["policies"]:
        hat = r["pass_hat_k"]
        kmax = max((int(k) for k in hat), default=0)
        harm = "/".join(str(r[k]) for k in HARM_COLUMNS)
        t.add_row(
            ("* " if r["policy"] in frontier else "  ") + r["policy"],
            str(r["runs"]),
            _fmt(r["interruptions_per_run"]),
            _fmt(r["human_minutes_per_run"]),
            harm,
            _fmt(r["pass_rate"]),
            f"k={kmax} {hat[str(kmax)]:.2f}" if kmax else "—",
            _fmt(r["cost_usd"], 4),
        )
    console.print(t)
    console.print(
        "frontier (fewest interruptions for the harm that reached the world; * above): "
        + (" -> ".join(table["frontier"]) or "none")
    )


def render_sweep_fragment(table: dict[str, Any], note: str = "") -> str:
    """The sweep's body (its own scoped styles, escaped), for a page that has its own frame."""
    return _env().get_template("_sweep_body.html.j2").render(note=note, **sweep_view(table))


def render_sweep_html(table: dict[str, Any], title: str, note: str = "") -> str:
    """The sweep's HTML report (self-contained)."""
    return _env().get_template("sweep.html.j2").render(title=title, note=note, **sweep_view(table))


def write_sweep_html(path: Path, table: dict[str, Any], title: str, note: str = "") -> None:
    text = render_sweep_html(table, title, note)
    if is_stdout(path):
        print(text, end="")
    else:
        path.write_text(text, encoding="utf-8")
