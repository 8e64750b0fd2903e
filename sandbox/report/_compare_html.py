"""The HTML view of a batch comparison: one self-contained file (inline CSS and SVG, no scripts).

``compare_view`` turns the comparison into plain numbers and strings (shared with the web app's
compare page); the template lays them out with autoescaping on, since scenario ids and tags come
from files. Chart geometry is computed here.
"""

from __future__ import annotations

from typing import Any

from sandbox.report._compare import batch_labels, conclusion, interval, p_text
from sandbox.report._html import _env

SERIES_COLORS = ("#1a202c", "#2b6cb0", "#c05621", "#2f855a", "#805ad5", "#b83280", "#718096")


def _curve_chart(batches: list[dict[str, Any]], kmax: int) -> dict[str, Any]:
    """pass^k (solid) and pass@k (dashed) against k, one colour per batch, on a 0..1 axis."""
    left, top, plot_w, plot_h = 48, 24, 400, 180
    span = max(1, kmax - 1)

    def x_of(k: int) -> float:
        return round(left + (plot_w * (k - 1) / span if kmax > 1 else plot_w / 2), 1)

    def y_of(v: float) -> float:
        return round(top + plot_h * (1 - v), 1)

    series = []
    for i, b in enumerate(batches):
        color = SERIES_COLORS[i % len(SERIES_COLORS)]
        for name, curve, dash in (("pass^k", b["pass_hat_k"], ""), ("pass@k", b["pass_at_k"], "5 4")):
            points = [{"x": x_of(int(k)), "y": y_of(v), "v": v, "k": k} for k, v in curve.items()]
            series.append(
                {
                    "name": f"{b['label']} {name}",
                    "color": color,
                    "dash": dash,
                    "points": points,
                    "path": " ".join(f"{p['x']},{p['y']}" for p in points),
                }
            )
    return {
        "width": left + plot_w + 40,
        "height": top + plot_h + 44,
        "left": left,
        "top": top,
        "plot_w": plot_w,
        "bottom": top + plot_h,
        "series": series,
        "legend": [{"name": s["name"], "color": s["color"], "dash": s["dash"]} for s in series],
        "xticks": [{"x": x_of(k), "label": str(k)} for k in range(1, kmax + 1)],
        "yticks": [{"y": y_of(t / 4), "label": f"{t / 4:.2f}"} for t in range(5)],
    }


def _diff_bar(ci: list[float], diff: float, width: int = 240) -> dict[str, Any]:
    """An interval on a -1..1 axis: where its ends, the estimate and zero fall, in pixels."""

    def x(v: float) -> float:
        return round(width * (max(-1.0, min(1.0, v)) + 1) / 2, 1)

    return {"width": width, "lo": x(ci[0]), "hi": x(ci[1]), "at": x(diff), "zero": x(0.0)}


def _weighting(row: dict[str, Any]) -> str:
    if row["dimension"] is None:
        w = row["weights"]
        return "default (" + ", ".join(f"{d} {w[d]:.2f}" for d in w) + ")"
    return f"{row['dimension']} {row['weight']:.2f}"


def sensitivity_view(sens: dict[str, Any] | None, labels: dict[str, str]) -> dict[str, Any] | None:
    """The sensitivity view's tables: rank per weighting (rows that moved marked), the flips in words,
    pass rate per gate threshold."""
    if not sens or not sens.get("sweep"):
        return None
    groups = sens["groups"]
    base = sens["sweep"][0]["rank"]
    weights = [
        {
            "label": _weighting(row),
            "moved": row["rank"] != base,
            "cells": [{"rank": row["rank"][g], "overall": row["overall"][g]} for g in groups],
        }
        for row in sens["sweep"]
    ]
    flips = list(
        dict.fromkeys(
            f"{f['dimension']} at {f['weight']:.2f}: {labels.get(f['up'], f['up'])} moves above "
            f"{labels.get(f['down'], f['down'])}"
            for f in sens["flips"]
        )
    )
    gates = [
        {
            "name": name,
            "rows": [
                {"threshold": r["threshold"], "rates": [r["pass_rate"][g] for g in groups]} for r in sens[key]
            ],
        }
        for name, key in (("preference", "preference_gate"), ("overall", "overall_gate"))
    ]
    return {"labels": [labels.get(g, g) for g in groups], "weights": weights, "flips": flips, "gates": gates}


def compare_view(data: dict[str, Any]) -> dict[str, Any]:
    """The comparison as the HTML report and the web page show it."""
    labels = batch_labels(data)
    kmax = max(b["trials"] for b in data["batches"])
    batches = []
    for b in data["batches"]:
        curve = [
            {
                "k": k,
                "hat": b["pass_hat_k"][k],
                "hat_ci": b["pass_hat_k_ci95"][k],
                "at": b["pass_at_k"][k],
                "at_ci": b["pass_at_k_ci95"][k],
            }
            for k in b["pass_hat_k"]
        ]
        batches.append({**b, "label": labels[b["batch"]], "curve": curve})
    pairs = []
    for p in data["paired"]:
        rows = [
            {**r, "differs": bool(r["flip"] or r["pass_rate_diff"] or abs(r["overall_diff"]) > 1e-9)}
            for r in p["by_scenario"]
        ]
        pairs.append(
            {
                **p,
                "a_label": labels[p["a"]],
                "b_label": labels[p["b"]],
                "conclusion": conclusion(p, labels),
                "p_text": p_text(p["p_value"]),
                "significant": p["p_value"] < 0.05,
                "overall_ci_text": interval(p["overall_diff_ci95"]),
                "rate_ci_text": interval(p["pass_rate_diff_ci95"]),
                "overall_bar": _diff_bar(p["overall_diff_ci95"], p["overall_diff"]),
                "rows": rows,
                "differing": sum(r["differs"] for r in rows),
            }
        )
    rule = "all its trials pass" if data["verdict"] == "all" else "more than half its trials pass"
    return {
        "batches": batches,
        "pairs": pairs,
        "kmax": kmax,
        "scenarios": data["scenarios"],
        "notes": data.get("notes", []),
        "rule": rule,
        "resamples": data["resamples"],
        "seed": data["seed"],
        "chart": _curve_chart(batches, kmax),
        "tradeoffs": data.get("tradeoffs") or [],
        "sensitivity": sensitivity_view(data.get("sensitivity"), labels),
    }


def render_compare_html(data: dict[str, Any], title: str = "Batch comparison") -> str:
    """The whole self-contained HTML file."""
    return _env().get_template("compare.html.j2").render(title=title, view=compare_view(data))


def render_compare_fragment(data: dict[str, Any]) -> str:
    """The comparison's body (its own scoped styles, escaped), for a page that has its own frame."""
    return _env().get_template("_compare_body.html.j2").render(view=compare_view(data))
