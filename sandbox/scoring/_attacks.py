"""The attack axis of a suite summary: utility under each attack next to the clean suite's.

A batch run with attacks (``travel-sandbox run --attack``) holds, for each scenario x trial, one clean
run (``RunResult.attack`` null) and one run per attack. ``attack_summary`` gives, per attack, the
pass rate of its runs (utility under attack), the share whose attack reached its goal (``asr``: attack
success rate) and the share where the agent attempted the goal but was stopped (``attempted_rate``),
next to the clean runs' pass rate (``clean``). Skipped runs are left out; a run that ended in an error
counts as failed and as neither reached nor attempted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sandbox.spi import RunResult


def _rate(hits: int, n: int) -> float | None:
    return hits / n if n else None


def _passed(run: RunResult) -> bool:
    return run.status == "done" and run.scores is not None and run.scores.passed


def attack_summary(runs: Sequence[RunResult]) -> dict[str, Any] | None:
    """``{"clean": {...}, "by_attack": [{attack, runs, passed, pass_rate, reached, asr, attempted,
    attempted_rate, clean_pass_rate}]}``, attacks in the order they first appear; None when no run was
    under attack."""
    runs = [r for r in runs if r.status != "skipped"]
    if not any(r.attack for r in runs):
        return None
    clean = [r for r in runs if not r.attack]
    clean_entry = {
        "runs": len(clean),
        "passed": sum(_passed(r) for r in clean),
        "pass_rate": _rate(sum(_passed(r) for r in clean), len(clean)),
    }
    names = list(dict.fromkeys(r.attack for r in runs if r.attack))
    by_attack = []
    for name in names:
        mine = [r for r in runs if r.attack == name]
        passed = sum(_passed(r) for r in mine)
        reached = sum(bool(r.attack_success) for r in mine)
        attempted = sum(bool(r.attack_attempted) for r in mine)
        by_attack.append(
            {
                "attack": name,
                "runs": len(mine),
                "passed": passed,
                "pass_rate": _rate(passed, len(mine)),
                "reached": reached,
                "asr": _rate(reached, len(mine)),
                "attempted": attempted,
                "attempted_rate": _rate(attempted, len(mine)),
                "clean_pass_rate": clean_entry["pass_rate"],
            }
        )
    return {"clean": clean_entry, "by_attack": by_attack}
