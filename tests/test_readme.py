"""The README is executable documentation: its set-up commands, CLI lines and policy example are real."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.control import load_policy
from sandbox.spi import PolicySpec

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def test_setup_is_two_make_targets_and_ci_runs_the_test_one():
    setup = blocks("sh")[0]
    commands = [line.split("#")[0].strip() for line in setup.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, flags=re.M) and re.search(r"^test:", makefile, flags=re.M)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci.splitlines()[-1]


def test_every_cli_line_names_a_real_command_and_options():
    lines = [ln.split("#")[0].strip() for b in blocks("sh") for ln in b.splitlines()]
    cli_lines = [ln for ln in lines if ln.startswith(".venv/bin/travel-sandbox")]
    assert cli_lines
    runner = CliRunner()
    for line in cli_lines:
        words = shlex.split(line)[1:]
        command = [w for w in words if not w.startswith("-") and w.isidentifier()][:2]
        result = runner.invoke(
            app,
            [*command[:2], "--help"]
            if command[0] in ("world", "judge", "scenarios", "drill", "decisions", "policy")
            else [command[0], "--help"],
        )
        assert result.exit_code == 0, line
        for option in (w.split("=")[0] for w in words if w.startswith("--")):
            assert option in result.output, f"{line}: {option} is not an option of {command}"


def test_policy_example_loads_and_decides():
    spec = PolicySpec.model_validate(yaml.safe_load(blocks("yaml")[0]))
    policy = load_policy(spec)
    from sandbox.control import CallFacts

    assert policy.decide(CallFacts(tool="book_hotel", kind="WRITE", amount=900.0)).outcome == "ask"
    assert (
        policy.decide(CallFacts(tool="book_hotel", kind="WRITE", amount=90.0, confidence=0.9)).outcome
        == "approve"
    )
    assert policy.decide(CallFacts(tool="search_flights", kind="READ")).outcome == "approve"
