"""Every registered agent passes the same checks (docs/architecture.md): it runs a small shipped scenario
with its default model, finishes ``done`` with a score and a report (unless its factory declares
``reports_nothing``, as the ``adv-cheapest-silent`` yardstick does), and the same trial reproduces the
same world state. Agents whose module has not landed are skipped, naming the missing module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.errors import ConfigError
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import agents, model_factory

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
DEFAULT_MODEL = "scripted"


def factory_or_skip(name: str) -> Any:
    try:
        factory = agents.get(name)
        if getattr(factory, "needs_model", True):
            model_factory(DEFAULT_MODEL)
    except ConfigError as exc:  # an entry point whose module is not there (yet)
        pytest.skip(f"agent {name!r} cannot load: {exc}")
    return factory


@pytest.mark.parametrize("name", agents.names())
def test_every_agent_finishes_one_way_with_a_score(name: str) -> None:
    factory = factory_or_skip(name)
    scenario = load_scenario(SCENARIOS / "one-way.yaml")
    first = run(scenario, RunOptions(agent=name, model=DEFAULT_MODEL))
    assert first.status == "done", first.error
    assert first.scores is not None and 0.0 <= first.scores.overall <= 1.0
    if not getattr(factory, "reports_nothing", False):  # only a yardstick may say nothing on purpose
        assert first.final_message.strip(), "the agent must end with a report to the traveller"
    assert first.state_hash is not None
    again = run(scenario, RunOptions(agent=name, model=DEFAULT_MODEL))
    assert (again.state_hash, again.final_message, again.tool_calls) == (
        first.state_hash,
        first.final_message,
        first.tool_calls,
    )


def test_the_shipped_agents_are_registered() -> None:
    assert {"planner", "react", "random", "reference", "do-nothing"} <= set(agents.names())


def test_an_unknown_agent_suggests_names_and_exits_2(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    res = CliRunner().invoke(
        app, ["run", str(SCENARIOS / "one-way.yaml"), "--agent", "reactt", "--no-progress"]
    )
    assert res.exit_code == 2
    assert "Unknown agent 'reactt'. Did you mean 'react'?" in res.output
