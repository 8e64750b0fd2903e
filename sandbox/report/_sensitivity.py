"""How robust a comparison's verdict is to the scoring's choices: the sensitivity view.

Pure functions over stored component scores (``Scores``: correctness, budget, preference, faithfulness,
gates); nothing is run again. Two questions, one answer each for the HTML compare report and the web
compare page (``compare_view`` renders both from ``sensitivity``):

- **Ranks as the weights change** (``weight_sweep``): each weight in turn is set to each value of a
  grid (0, 0.25, 0.5, 0.75, 1) and the other three are rescaled to keep their default proportions and
  sum to 1 - w; ``overall`` is recomputed per run and averaged per group, and groups are ranked by it
  (competition ranking: a tie shares the better rank). ``rank_flips`` lists the weightings under which
  two groups swap order relative to the default weights (``BASE_WEIGHTS``, the scenario defaults).
- **Pass rates as a gate's threshold moves** (``pass_rates``): a run passes at threshold ``t`` when
  every other gate it recorded passed and its score for the moved gate is >= ``t``. The ``preference``
  gate applies where the run had one (``booked`` scenarios; a run scored before gates were recorded
  keeps its stored verdict, with the threshold on top); the ``overall`` gate applies to every run
  (what a scenario's ``pass_threshold`` would do). The pass rate is the share of runs that pass; it
  can only fall as ``t`` rises.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from sandbox.spi import Scores

DIMENSIONS = ("correctness", "budget", "preference", "faithfulness")
#: The default weights of a scenario's scoring (``sandbox.spi.ScoreWeights``).
BASE_WEIGHTS: dict[str, float] = {"correctness": 0.5, "budget": 0.2, "preference": 0.2, "faithfulness": 0.1}
GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
EPS = 1e-9
Gate = Literal["preference", "overall"]
Groups = Mapping[str, Sequence[Scores]]


def reweight(base: Mapping[str, float], dimension: str, weight: float) -> dict[str, float]:
    """``base`` with ``dimension`` at ``weight`` and the others rescaled to sum to ``1 - weight`` (in
    their ``base`` proportions; equally when they are all 0)."""
    if dimension not in DIMENSIONS or not 0.0 <= weight <= 1.0:
        raise ValueError(f"cannot set {dimension!r} to {weight}")
    others = [d for d in DIMENSIONS if d != dimension]
    rest = sum(base.get(d, 0.0) for d in others)
    out = {dimension: weight}
    for d in others:
        share = base.get(d, 0.0) / rest if rest > 0 else 1 / len(others)
        out[d] = (1.0 - weight) * share
    return out


def overall_under(scores: Scores, weights: Mapping[str, float]) -> float:
    """A run's ``overall`` recomputed under ``weights`` (the weighted mean of its four scores)."""
    total = sum(weights.get(d, 0.0) for d in DIMENSIONS)
    if total <= 0:
        return 0.0
    return sum(weights.get(d, 0.0) * float(getattr(scores, d)) for d in DIMENSIONS) / total


def mean_overall(groups: Groups, weights: Mapping[str, float]) -> dict[str, float]:
    """Each group's mean ``overall`` under ``weights`` (0.0 for a group without scored runs)."""
    return {
        g: round(sum(overall_under(s, weights) for s in runs) / len(runs), 4) if runs else 0.0
        for g, runs in groups.items()
    }


def ranks(means: Mapping[str, float]) -> dict[str, int]:
    """Rank 1 for the highest mean; equal means share the better rank (1, 1, 3)."""
    return {g: 1 + sum(other > m + EPS for other in means.values()) for g, m in means.items()}


def weight_sweep(
    groups: Groups, base: Mapping[str, float] = BASE_WEIGHTS, grid: Sequence[float] = GRID
) -> list[dict[str, Any]]:
    """The default weighting first, then each dimension at each grid value: weights, means and ranks."""
    rows = []
    settings: list[tuple[str | None, float | None, dict[str, float]]] = [(None, None, dict(base))]
    settings += [(d, w, reweight(base, d, w)) for d in DIMENSIONS for w in grid]
    for dimension, weight, weights in settings:
        means = mean_overall(groups, weights)
        rows.append(
            {
                "dimension": dimension,
                "weight": weight,
                "weights": {d: round(v, 4) for d, v in weights.items()},
                "overall": means,
                "rank": ranks(means),
            }
        )
    return rows


def rank_flips(sweep: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each weighting of ``sweep`` (after its first, default row) under which a group that ranked
    strictly below another under the default now ranks strictly above it."""
    base = sweep[0]["rank"]
    out = []
    for row in sweep[1:]:
        for a in base:
            for b in base:
                if base[a] < base[b] and row["rank"][b] < row["rank"][a]:
                    out.append({"dimension": row["dimension"], "weight": row["weight"], "up": b, "down": a})
    return out


def passes_at(scores: Scores, gate: Gate, threshold: float) -> bool:
    """Whether a run passes with ``gate`` at ``threshold`` (module docstring)."""
    value = float(getattr(scores, gate))
    if not scores.gates:  # scored before gates were recorded: the stored verdict, the threshold on top
        return scores.passed and value >= threshold - EPS
    others = all(g.passed for g in scores.gates if g.id != gate)
    applies = gate == "overall" or any(g.id == gate for g in scores.gates)
    return others and (not applies or value >= threshold - EPS)


def pass_rates(groups: Groups, gate: Gate, thresholds: Sequence[float] = THRESHOLDS) -> list[dict[str, Any]]:
    """Per threshold, each group's share of runs that pass with ``gate`` there."""
    return [
        {
            "threshold": t,
            "pass_rate": {
                g: round(sum(passes_at(s, gate, t) for s in runs) / len(runs), 4) if runs else 0.0
                for g, runs in groups.items()
            },
        }
        for t in thresholds
    ]


def sensitivity(groups: Groups) -> dict[str, Any]:
    """The whole view: the weight sweep and its rank flips, and pass rates under both gates."""
    sweep = weight_sweep(groups)
    return {
        "groups": list(groups),
        "base_weights": dict(BASE_WEIGHTS),
        "sweep": sweep,
        "flips": rank_flips(sweep),
        "preference_gate": pass_rates(groups, "preference"),
        "overall_gate": pass_rates(groups, "overall"),
    }
