"""The reliability diagram's geometry: stated confidence (x) against how often it came true (y), one
point per non-empty bin of ``sandbox.scoring.reliability`` (its size by how many pairs it holds), the
diagonal of perfect calibration dashed. Rendered by ``templates/_reliability.html.j2``."""

from __future__ import annotations

import math
from typing import Any


def reliability_chart(rel: dict[str, Any] | None, label: str = "runs") -> dict[str, Any] | None:
    """Plain numbers for the SVG; None when there is nothing to draw."""
    if not rel or not rel.get("bins"):
        return None
    left, top, size = 44, 16, 200

    def at(x: float, y: float) -> tuple[float, float]:
        return round(left + size * x, 1), round(top + size * (1 - y), 1)

    biggest = max(b["n"] for b in rel["bins"]) or 1
    points = []
    for b in rel["bins"]:
        if not b["n"]:
            continue
        x, y = at(b["confidence"], b["accuracy"])
        r = round(3 + 5 * math.sqrt(b["n"] / biggest), 1)
        points.append({"x": x, "y": y, "r": r, "n": b["n"], "conf": b["confidence"], "acc": b["accuracy"]})
    ticks = [{"v": f"{t / 4:.2f}", "x": at(t / 4, 0)[0], "y": at(0, t / 4)[1]} for t in range(5)]
    return {
        "label": label,
        "width": left + size + 20,
        "height": top + size + 40,
        "left": left,
        "top": top,
        "size": size,
        "bottom": top + size,
        "points": points,
        "path": " ".join(f"{p['x']},{p['y']}" for p in points),
        "ticks": ticks,
        "n": rel["n"],
        "ece": rel["ece"],
        "brier": rel["brier"],
    }
