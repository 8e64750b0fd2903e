"""Fit a threshold override policy to people's decisions (``travel-sandbox policy suggest FILE``).

The input is the rows of ``travel-sandbox decisions export``: each a checkpoint of a WRITE call or a
plan (questions and look-ups are left out) with its ``amount``, the agent's ``confidence`` and what the
human decided. A rejection, an edit or an answer instead means the human wanted a say; an approval
means the checkpoint was an interruption that changed nothing.

``approval_bands`` tabulates approval rates by amount band and confidence band (unknowns in their own
band). ``suggest_policy`` searches the threshold policies "ask when ``amount > A`` or
``confidence < C`` [or the confidence is unknown]" over the band edges and keeps the one that asks the
fewest checkpoints while still asking at most ``max_missed`` of the decisions the human did not approve
let through (default 0.1: nine in ten of them still reach the human). ``Suggestion.yaml()`` writes it as
a policy file (``--policy FILE``, ``sweep --policies FILE``), with its expected interruption rate: the
share of the exported checkpoints it would still stop, and per run.

Fit it on decisions made under a policy that asks before every write (``ask-on-write``,
``always-ask``): a checkpoint the old policy never raised is not in the export, so it cannot count.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sandbox.errors import ConfigError

AMOUNT_EDGES: tuple[float, ...] = (0, 100, 250, 500, 1000, 2000)
CONFIDENCE_EDGES: tuple[float, ...] = (0.0, 0.5, 0.7, 0.85, 0.95)
DEFAULT_MAX_MISSED = 0.1


@dataclass(frozen=True)
class Decided:
    amount: float | None
    confidence: float | None
    approved: bool
    run: str


def decided_rows(rows: Sequence[dict[str, Any]]) -> list[Decided]:
    """The WRITE and plan checkpoints of an export, as the fit sees them."""
    out = []
    for r in rows:
        if r.get("kind") != "proposal" and r.get("tool_kind") != "WRITE":
            continue
        out.append(
            Decided(
                r.get("amount"), r.get("confidence"), r.get("decision") == "approve", str(r.get("run_id"))
            )
        )
    return out


def _band(value: float | None, edges: Sequence[float], money: bool) -> tuple[int, str]:
    """``(order, label)`` of the band ``value`` falls in; unknowns last."""
    if value is None:
        return len(edges), "unknown"
    i = max((n for n, e in enumerate(edges) if value >= e), default=0)
    lo = edges[i]
    hi = edges[i + 1] if i + 1 < len(edges) else None
    fmt = (lambda x: f"${x:,.0f}") if money else (lambda x: f"{x:.2f}")
    return i, f"{fmt(lo)}+" if hi is None else f"{fmt(lo)}-{fmt(hi)}"


def approval_bands(decided: Sequence[Decided]) -> list[dict[str, Any]]:
    """``[{"amount", "confidence", "n", "approved", "approval_rate"}]`` per non-empty band pair, by
    amount band then confidence band (unknowns last)."""
    cells: dict[tuple[tuple[int, str], tuple[int, str]], list[bool]] = {}
    for d in decided:
        key = (_band(d.amount, AMOUNT_EDGES, True), _band(d.confidence, CONFIDENCE_EDGES, False))
        cells.setdefault(key, []).append(d.approved)
    return [
        {
            "amount": a[1],
            "confidence": c[1],
            "n": len(v),
            "approved": sum(v),
            "approval_rate": sum(v) / len(v),
        }
        for (a, c), v in sorted(cells.items())
    ]


@dataclass(frozen=True)
class Suggestion:
    """A fitted threshold policy: ask when ``amount > above`` or ``confidence < below`` (or, with
    ``unknown``, no confidence was stated); what it would have done on the data it was fitted on."""

    above: float | None  # None: no amount rule
    below: float | None  # None: no confidence rule
    unknown: bool
    checkpoints: int
    runs: int
    asks: int
    not_approved: int
    missed: int
    bands: list[dict[str, Any]]
    source: str
    every: bool = False  # ask before every write and plan (nothing looser misses few enough)

    @property
    def interruption_rate(self) -> float:
        return self.asks / self.checkpoints if self.checkpoints else 0.0

    def condition(self) -> str | None:
        parts = []
        if self.above is not None:
            parts.append(f"amount > {_num(self.above)}")
        if self.below is not None:
            parts.append(f"confidence < {_num(self.below)}")
        if self.unknown:
            parts.append("confidence is None")
        return " or ".join(parts) or None

    def yaml(self) -> str:
        """The policy file: comments saying what it was fitted on and what to expect, then the rules."""
        when = self.condition()
        per_run = self.asks / self.runs if self.runs else 0.0
        lines = [
            f"# suggested: fitted by `travel-sandbox policy suggest` on {self.checkpoints} decisions "
            f"({self.runs} runs) in {self.source}",
            f"# expected interruption rate: {self.interruption_rate:.3f} of writes and plans "
            f"({self.asks} of {self.checkpoints}; {per_run:.2f} per run)",
            f"# not approved by the human: {self.not_approved}; of those it would let through: {self.missed}",
            "# approval rate by amount and confidence band (n):",
            *(
                f"#   {b['amount']:>14} · confidence {b['confidence']:>9}: {b['approval_rate']:.2f} ({b['n']})"
                for b in self.bands
            ),
            "name: suggested",
            "rules:",
            "  - role: question",
            "    then: approve",
            "    reason: a question for the user, who answers it; nothing to approve",
        ]
        if when is not None or self.every:
            for key, value, what in (("kind", "WRITE", "change"), ("role", "proposal", "plan")):
                lines += [f"  - {key}: {value}"]
                lines += [f'    when: "{when}"'] if when is not None else []
                lines += [
                    "    then: ask",
                    f"    reason: people often said no to a {what} like this ({when or 'any'})",
                ]
        lines.append("default: approve")
        return "\n".join(lines) + "\n"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _asks(d: Decided, above: float | None, below: float | None, unknown: bool) -> bool:
    if above is not None and d.amount is not None and d.amount > above:
        return True
    if below is not None and d.confidence is not None and d.confidence < below:
        return True
    return unknown and d.confidence is None


def suggest_policy(
    rows: Sequence[dict[str, Any]], *, max_missed: float = DEFAULT_MAX_MISSED, source: str = "the export"
) -> Suggestion:
    """The threshold policy that asks least while missing at most ``max_missed`` of the checkpoints the
    human did not approve (see the module docstring). ``ConfigError`` when there is nothing to fit."""
    if not 0.0 <= max_missed <= 1.0:
        raise ConfigError(f"--max-missed must be from 0 to 1, got {max_missed}")
    decided = decided_rows(rows)
    if not decided:
        raise ConfigError(f"{source}: no decided WRITE or plan checkpoints to fit a policy on")
    not_approved = sum(not d.approved for d in decided)
    allowed = math.floor(max_missed * not_approved + 1e-9)
    runs = len({d.run for d in decided})
    bands = approval_bands(decided)
    best: tuple[tuple[float, ...], Suggestion] | None = None
    for above in (None, *AMOUNT_EDGES):
        for below in (None, *CONFIDENCE_EDGES[1:], 1.0):
            for unknown in (False, True):
                flags = [_asks(d, above, below, unknown) for d in decided]
                missed = sum(not d.approved and not f for d, f in zip(decided, flags, strict=True))
                if missed > allowed:
                    continue
                # fewest asks, then the simplest rule, then the highest amount and lowest confidence bar
                simple = (above is not None) + (below is not None) + unknown
                key = (sum(flags), simple, -(above if above is not None else math.inf), below or 0.0)
                if best is None or key < best[0]:
                    found = Suggestion(
                        above,
                        below,
                        unknown,
                        len(decided),
                        runs,
                        sum(flags),
                        not_approved,
                        missed,
                        bands,
                        source,
                    )
                    best = (key, found)
    if best is None:  # only asking every write and plan misses nothing more
        found = Suggestion(
            None, None, False, len(decided), runs, len(decided), not_approved, 0, bands, source, True
        )
        return found
    return best[1]
