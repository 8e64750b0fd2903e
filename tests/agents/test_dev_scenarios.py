"""The default agent passes every developers' scenario (tests/agents/dev_scenarios/README.md).

These are the agent's own training scenarios, written in the developers' words for classes of phrasing
it once got wrong; each is a regression test for its class. They are not the shipped library.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

DEV = Path(__file__).resolve().parent / "dev_scenarios"
FILES = sorted(DEV.glob("*.yaml"))


def test_the_developers_scenarios_are_not_in_the_library() -> None:
    library = {p.name for p in (DEV.parents[2] / "scenarios").glob("*.yaml")}
    assert not library & {p.name for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_default_agent_passes(path: Path) -> None:
    scenario = load_scenario(path)
    assert "dev" in scenario.tags, "a developers' scenario is tagged dev"
    result = run(scenario, RunOptions(agent="planner", model="scripted"))
    assert result.status == "done", result.error
    assert result.scores is not None
    assert result.scores.passed, [c.detail for c in result.scores.checks if not c.passed] + [
        g.detail for g in result.scores.gates if not g.passed
    ]
