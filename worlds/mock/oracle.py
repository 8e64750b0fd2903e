"""The to-do world's oracle: what must be added, whether it fits, and the reference plan."""

from __future__ import annotations

from typing import Any

from sandbox.spi import Finding
from worlds.mock.scenario import MockScenario


def missing(scenario: MockScenario) -> list[str]:
    """The required items not on the list at the start, in order."""
    have = {t.lower() for t in scenario.todos}
    return [t for t in scenario.constraints.must_have if t.lower() not in have]


def solvable(scenario: MockScenario) -> bool:
    return len(scenario.todos) + len(missing(scenario)) <= scenario.world.capacity


def check(scenario: MockScenario) -> list[Finding]:
    if solvable(scenario) != (scenario.expect.outcome == "booked"):
        why = "fit" if solvable(scenario) else "do not fit"
        return [
            Finding(
                "error", f"the required items {why} the list, but expect.outcome is {scenario.expect.outcome}"
            )
        ]
    return [Finding("info", f"oracle: {len(missing(scenario))} item(s) to add")]


def plan(scenario: MockScenario) -> dict[str, Any]:
    """PRIVILEGED: the calls that make the list right (the plan shape of ``sandbox.spi.World``)."""
    if not solvable(scenario):
        return {"pre": [], "options": [], "refuse_reason": "the list has no room for them"}
    todo = missing(scenario)
    calls = [{"tool": "add_item", "args": {"text": t}} for t in todo]
    items = [{"kind": "todo", "id": t} for t in todo]
    return {"pre": [], "options": [{"calls": calls, "items": items, "total": 0.0}], "refuse_reason": None}
