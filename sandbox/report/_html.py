"""The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external URLs).

Scenario text and everything a run produced are untrusted, so the template is rendered with
autoescaping on and a Content-Security-Policy that forbids scripts and remote loads. Chart geometry
is computed here as plain numbers; every label reaches the page through the escaping template.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from sandbox.report._planted import run_planted
from sandbox.report._reliability import reliability_chart
from sandbox.scoring import SCORE_NAMES, tradeoffs
from sandbox.spi import RunResult

COLORS = {
    "correctness": "#2b6cb0",
    "budget": "#2f855a",
    "preference": "#b7791f",
    "faithfulness": "#805ad5",
    "overall": "#1a202c",
}
LABEL_CHARS = 30


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("sandbox.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = lambda x, d=2: "—" if x is None else f"{x:.{d}f}"
    env.filters["plural"] = lambda n, word: f"{n} {word}" if n == 1 else f"{n} {word}s"
    env.filters["money"] = lambda x: "—" if x is None else f"${x:,.2f}"
    return env


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def score_bars(by_scenario: list[dict[str, Any]]) -> dict[str, Any]:
    """Horizontal grouped bars: one group per scenario, one bar per mean score (0..1)."""
    left, plot_w, bar_h, gap, top = 220, 440, 7, 14, 34
    group_h = bar_h * len(SCORE_NAMES) + gap
    groups = []
    for i, e in enumerate(by_scenario):
        y0 = top + i * group_h
        bars = []
        for j, name in enumerate(SCORE_NAMES):
            value = e[name]
            bars.append(
                {
                    "name": name,
                    "value": value,
                    "y": y0 + j * bar_h,
                    "w": round(plot_w * (value or 0.0), 1),
                    "color": COLORS[name],
                }
            )
        groups.append({"label": _short(e["scenario"]), "full": e["scenario"], "y": y0, "bars": bars})
    height = top + max(1, len(by_scenario)) * group_h + 24
    ticks = [{"x": round(left + plot_w * t / 4, 1), "label": f"{t / 4:.2f}"} for t in range(5)]
    legend = [{"name": n, "color": COLORS[n], "x": left + k * 92} for k, n in enumerate(SCORE_NAMES)]
    return {
        "width": left + plot_w + 40,
        "height": height,
        "left": left,
        "plot_w": plot_w,
        "top": top,
        "bottom": height - 24,
        "bar_h": bar_h - 1,
        "label_dy": (bar_h * len(SCORE_NAMES)) / 2 + 4,
        "groups": groups,
        "ticks": ticks,
        "legend": legend,
    }


def pass_curve(pass_hat_k: dict[str, float], pass_at_k: dict[str, float]) -> dict[str, Any]:
    """pass^k (solid) and pass@k (dashed) against k, on a 0..1 axis."""
    left, top, plot_w, plot_h = 48, 24, 400, 180
    ks = [int(k) for k in pass_hat_k]
    span = max(1, len(ks) - 1)

    def point(i: int, v: float) -> dict[str, Any]:
        x = left + (plot_w * i / span if len(ks) > 1 else plot_w / 2)
        return {"x": round(x, 1), "y": round(top + plot_h * (1 - v), 1), "v": v}

    series = []
    for name, curve, dash in (("pass^k", pass_hat_k, ""), ("pass@k", pass_at_k, "5 4")):
        pts = [point(i, v) for i, v in enumerate(curve.values())]
        series.append(
            {"name": name, "dash": dash, "points": pts, "path": " ".join(f"{p['x']},{p['y']}" for p in pts)}
        )
    xticks = [{"x": point(i, 0)["x"], "label": str(k)} for i, k in enumerate(ks)]
    yticks = [{"y": round(top + plot_h * (1 - t / 4), 1), "label": f"{t / 4:.2f}"} for t in range(5)]
    return {
        "width": left + plot_w + 110,
        "height": top + plot_h + 44,
        "left": left,
        "top": top,
        "plot_w": plot_w,
        "plot_h": plot_h,
        "bottom": top + plot_h,
        "series": series,
        "xticks": xticks,
        "yticks": yticks,
        "empty": not ks,
    }


def render_html(
    runs: Sequence[RunResult], summary: dict[str, Any], title: str = "Travel Agent Sandbox report"
) -> str:
    by_run: dict[str, list[RunResult]] = {}
    for run in sorted(runs, key=lambda r: (r.scenario, r.trial, r.id)):
        by_run.setdefault(run.scenario, []).append(run)
    scenarios = [{"entry": e, "runs": by_run.get(e["scenario"], [])} for e in summary["by_scenario"]]
    started = sorted(r.started_at for r in runs)
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            title=title,
            summary=summary,
            score_names=SCORE_NAMES,
            colors=COLORS,
            scenarios=scenarios,
            runs=list(runs),
            errors=[r for r in runs if r.status == "error"],
            first=started[0] if started else None,
            last=started[-1] if started else None,
            bars=score_bars(summary["by_scenario"]),
            curve=pass_curve(summary["pass_hat_k"], summary["pass_at_k"]),
            planted={r.id: p for r in runs if (p := run_planted(r))},
            tradeoffs=tradeoffs(runs),
            reliability=reliability_chart(summary.get("calibration"), "runs (confidence vs passed)"),
        )
    )


def write_html(
    path: str | Path,
    runs: Sequence[RunResult],
    summary: dict[str, Any],
    title: str = "Travel Agent Sandbox report",
) -> Path:
    """Write the report to ``path`` (parent folders are created) and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(runs, summary, title), encoding="utf-8")
    return out
