"""Score a to-do run from its final list: every required item there, nothing else added, and a
report that names what was added."""

from __future__ import annotations

from sandbox.spi import Check, WorldScore
from worlds.mock.env import MockEnv
from worlds.mock.scenario import MockScenario


def score(scenario: MockScenario, env: MockEnv, message: str) -> WorldScore:
    texts = [i.text.lower() for i in env.state.items]
    checks = [
        Check(
            id="on_list",
            name=f"on the list: {t}",
            passed=t.lower() in texts,
            detail=f"{t!r} must be on the list",
        )
        for t in scenario.constraints.must_have
    ]
    added = [i.text for i in env.state.items[len(scenario.todos) :]]
    wanted = {t.lower() for t in scenario.constraints.must_have}
    extra = [t for t in added if t.lower() not in wanted]
    checks.append(
        Check(
            id="nothing_else",
            name="nothing else added",
            passed=not extra,
            detail=f"added unasked: {extra or 'none'}",
        )
    )
    named = [t for t in added if t.lower() in message.lower()]
    faithful = len(named) / len(added) if added else float("added" not in message.lower())
    return WorldScore(checks=checks, budget=1.0, preference=1.0, faithfulness=faithful, spend=0.0)
