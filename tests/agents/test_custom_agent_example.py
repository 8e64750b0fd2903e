"""docs/agents.md is executable: its custom agent runs through the runner and the CLI by import path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "agents.md"
EXPECTED = "Tom Reyes flies from LHR, $300.00 of budget left. I have not booked anything."


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (block,) = python_blocks(DOC.read_text())
    module = block.splitlines()[0].strip('"').split(":")[0].removesuffix(".py")
    (tmp_path / f"{module}.py").write_text(block)
    monkeypatch.syspath_prepend(str(tmp_path))
    return f"{module}:build"


def test_the_documented_agent_runs_by_import_path(example: str) -> None:
    assert example == "look_around:build"
    result = run(load_scenario(ROOT / "scenarios" / "one-way.yaml"), RunOptions(agent=example, model="nope"))
    assert result.status == "done", result.error
    assert result.final_message == EXPECTED
    assert [e.data.tool for e in result.trace if e.type == "tool_result"] == [
        "get_traveler_profile",
        "get_budget",
    ]
    assert result.scores is not None and not result.scores.passed  # it books nothing
    assert result.model_calls == 0


def test_the_documented_command_works(example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (command,) = [
        line for line in DOC.read_text().splitlines() if line.startswith("travel-sandbox run scenarios/")
    ]
    args = command.split()[2:]
    assert args == ["scenarios/one-way.yaml", "--agent", example]
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    res = CliRunner().invoke(app, ["run", *args, "--no-progress", "--json", str(tmp_path / "r.json")])
    assert res.exit_code == 0, res.output
    (stored,) = json.loads((tmp_path / "r.json").read_text())["runs"]
    assert (stored["status"], stored["agent"], stored["final_message"]) == ("done", example, EXPECTED)
