"""The travel world's tutorial (``travel-sandbox learn``): its scenarios are shipped and the default agent
passes each (clean runs for the walkthrough's drill), its defect kinds are drill recipes, and the
``ignored_rejection`` recipe finds a scenario carrying its tag among them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import worlds

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
WORLD = worlds.get("travel")


@pytest.mark.parametrize("sid", WORLD.tutorial_scenarios)
def test_the_default_agent_passes_every_tutorial_scenario(sid: str) -> None:
    sc = load_scenario(SCENARIOS / f"{sid}.yaml")
    assert sc.id == sid
    r = run(sc, RunOptions(agent="planner", base_dir=SCENARIOS))
    assert r.scores is not None and r.scores.passed, r.scores


def test_tutorial_kinds_are_recipes_whose_tags_the_tutorial_scenarios_carry() -> None:
    recipes = {r.kind: r for r in WORLD.drill_recipes}
    assert WORLD.tutorial_kinds and set(WORLD.tutorial_kinds) <= set(recipes)
    tags = {t for sid in WORLD.tutorial_scenarios for t in load_scenario(SCENARIOS / f"{sid}.yaml").tags}
    for kind in WORLD.tutorial_kinds:
        assert not recipes[kind].tags or set(recipes[kind].tags) & tags, kind
