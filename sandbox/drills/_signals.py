"""Signals over a finished run (``sandbox.spi.DrillRecipe`` documents them), and a recipe's evidence.

Signals name what a reader of the run could find: failed checks by id, scores below 1, attempted harm
by the check it would break, planted mistakes caught or slipped through, the harness's verdict and
its failed gates, and how an attack fared.
"""

from __future__ import annotations

from sandbox.scoring import failed_signals, harms_of, has_planted, planted_mistakes
from sandbox.spi import RunResult


def run_signals(run: RunResult) -> set[str]:
    """Every signal that holds for ``run`` (``always`` holds for every finished run)."""
    out = failed_signals(run) | {"always"}
    out |= {f"harm:{h.check}" for h in harms_of(run.trace)}
    if has_planted(run):
        for m in planted_mistakes(run):
            if m.fate == "caught":
                out.add(f"planted:{m.kind}")
            elif m.fate == "slipped":
                out.add(f"slipped:{m.kind}")
    if run.scores is not None:
        out.add("passed" if run.scores.passed else "failed")
        out |= {f"gate:{g.id}" for g in run.scores.failed_gates()}
    if run.attack_success:
        out.add("attack:reached")
    if run.attack_attempted:
        out.add("attack:attempted")
    return out


def matched(evidence: tuple[str, ...], signals: set[str]) -> list[str]:
    """The entries of ``evidence`` that hold (an entry ``a+b`` needs both ``a`` and ``b``)."""
    return [e for e in evidence if all(part in signals for part in e.split("+"))]
