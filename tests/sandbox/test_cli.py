"""The CLI's exit codes, stderr lines and --json output are contracts; they are pinned here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

import sandbox
from sandbox.cli import app
from sandbox.spi import worlds

ROOT = Path(sandbox.__file__).resolve().parent.parent
HEAD = "# yaml-language-server: $schema=schema.json\n"
VALID = (
    HEAD
    + """\
id: ny-trip
title: Two nights in New York
tags: [business, smoke]
request: Book me a round trip from San Francisco to New York, out on 15 January 2027 and back on 17 January, with a hotel.
world:
  seed: 7
  now: 2027-01-05T09:00:00-08:00
traveler:
  name: Ada
  home: SFO
  budget: 5000
constraints:
  legs:
    - {origin: SFO, destination: JFK, date: 2027-01-15}
    - {origin: JFK, destination: SFO, date: 2027-01-17}
  stays:
    - {city: JFK, after_leg: 0}
preferences:
  - kind: nonstop
expect:
  outcome: booked
"""
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def write(name: str, text: str) -> str:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text(text, encoding="utf-8")
    return name


def test_validate_valid_file_exits_0_and_shows_the_oracle() -> None:
    result = run("validate", write("ok.yaml", VALID))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok.yaml: ok (ny-trip; oracle: ")
    assert "feasible itineraries" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 file, 1 valid, 0 errors")


def test_validate_invalid_files_exit_2_with_exact_lines() -> None:
    write(
        "s/a.yaml",
        VALID.replace("outcome: booked", "outcome: book").replace("  budget: 5000", "  budjet: 5000"),
    )
    write("s/b.yaml", VALID.removeprefix(HEAD))
    write("s/c.yaml", VALID.replace("id: ny-trip", "id: other"))
    result = run("validate", "--schema-only", "s")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "s/a.yaml:12: traveler.budjet: unknown field 'budjet' (expected one of: name, home, budget, party, "
        "profile, calendar, facts, bookings, defaults, unknown_answer)",
        "s/a.yaml:22: expect.outcome: expected one of 'booked', 'refused', 'asked', 'changed', got 'book'",
        "s/b.yaml:1: first line must be '# yaml-language-server: $schema=schema.json'",
    ]
    assert result.stdout.splitlines() == ["s/c.yaml: ok (other)", "3 files, 1 valid, 3 errors"]


def test_validate_duplicate_ids_and_missing_paths() -> None:
    write("one.yaml", VALID)
    write("two.yaml", VALID)
    result = run("validate", "--schema-only", "one.yaml", "two.yaml", "gone.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "two.yaml:2: id: duplicate scenario id 'ny-trip' (also in one.yaml)",
        "gone.yaml: no such file; did you mean one.yaml?",  # the closest file name beside it
    ]
    assert result.stdout.splitlines() == ["one.yaml: ok (ny-trip)", "3 files, 1 valid, 2 errors"]


def test_validate_reports_world_check_errors_with_lines() -> None:
    text = VALID.replace("  budget: 5000", "  budget: 5000\n  profile: {loyalty: {}}").replace(
        "{city: JFK, after_leg: 0}", "{city: XXX, after_leg: 0}"
    )
    result = run("validate", write("x.yaml", text))
    assert result.exit_code == 2
    assert any(
        line.startswith("x.yaml:19: constraints.stays.0.city: ") for line in result.stderr.splitlines()
    )


def test_validate_needs_a_path() -> None:
    assert run("validate").exit_code == 2


def test_schema_prints_the_committed_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "scenarios" / "schema.json").read_text(encoding="utf-8")


def test_world_build_json() -> None:
    result = run("world", "build", "--seed", "7", "--size", "small", "--json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    info = json.loads(lines[0])
    assert {"world", "seed", "size", "flights", "hotels", "cities", "catalog_hash", "build_seconds"} <= set(
        info
    )
    assert (info["world"], info["seed"], info["size"]) == ("travel", 7, "small")
    assert info["flights"] > 0 and info["hotels"] > 0 and len(info["catalog_hash"]) == 64


def test_world_build_table_and_list() -> None:
    result = run("world", "build")
    assert result.exit_code == 0, result.output
    assert "catalog_hash" in result.stdout and "travel catalog" in result.stdout
    assert run("world", "list").stdout == "mock\ntravel\n"


def test_world_check_passes_a_conforming_world_and_exits_2_naming_each_problem() -> None:
    mock = str(ROOT / "worlds" / "mock" / "scenarios")
    result = run("world", "check", "mock", mock)
    assert (result.exit_code, result.stdout) == (0, "world 'mock': 10 checks, 0 problems\n")
    travel = str(ROOT / "scenarios" / "one-way.yaml")
    result = run("world", "check", "mock", travel, "--no-runs")
    assert (result.exit_code, result.stdout) == (
        2,
        "world 'mock': 3 checks, 1 problems\n  scenario_model: one-way: not a MockScenario\n",
    )


def test_unknown_world_exits_2_with_a_suggestion() -> None:
    result = run("world", "build", "--world", "trave")
    assert result.exit_code == 2
    assert (
        result.stderr == "error: Unknown world 'trave'. Did you mean 'travel'? Known worlds: mock, travel.\n"
    )
    assert run("schema", "--world", "trave").exit_code == 2


def test_bad_option_exits_2() -> None:
    assert run("world", "build", "--size", "huge").exit_code == 2


@pytest.fixture
def broken_world() -> Iterator[str]:
    def build_catalog(seed: int, size: str) -> dict[str, Any]:
        raise RuntimeError("boom")

    worlds.register("broken-test-world", SimpleNamespace(name="broken", build_catalog=build_catalog))  # type: ignore[arg-type]
    yield "broken-test-world"
    worlds.unregister("broken-test-world")


def test_unexpected_errors_exit_1_without_traceback(broken_world: str) -> None:
    result = run("world", "build", "--world", broken_world)
    assert result.exit_code == 1
    assert result.stderr == "error: unexpected RuntimeError: boom (this is a bug in travel-sandbox)\n"


def test_demo_builds_the_world_and_lists_valid_scenarios() -> None:
    write("sc/ny.yaml", VALID)
    result = run("demo", "--scenarios", "sc", "--no-run")
    assert result.exit_code == 0, result.output
    assert "travel catalog (seed 7, small)" in result.stdout
    assert "ny-trip" in result.stdout and "booked" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 file, 1 valid, 0 errors")


def test_demo_runs_the_scenarios_and_prints_the_scorecard(tmp_path: Path) -> None:
    write("sc/ny.yaml", VALID)
    result = run("demo", "--scenarios", "sc", "--db", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    assert result.exit_code == 0, result.output
    assert "Scorecard: 1 run, 1 scenario" in result.stdout
    assert "pass rate 1.00 (1/1)" in result.stdout


def test_demo_fails_on_an_invalid_scenario(monkeypatch: pytest.MonkeyPatch) -> None:
    write("sc/ny.yaml", VALID.replace("outcome: booked", "outcome: book"))
    monkeypatch.setenv("TRAVEL_SANDBOX_SCENARIOS", "sc")
    result = run("demo")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "sc/ny.yaml:22: expect.outcome: expected one of 'booked', 'refused', 'asked', 'changed', got 'book'"
    ]


def test_shipped_scenarios_are_valid() -> None:
    shipped = ROOT / "scenarios"
    if not any(shipped.glob("*.yaml")):
        pytest.skip("no scenarios shipped yet")
    result = run("validate", str(shipped))
    assert result.exit_code == 0, result.stderr


def test_python_dash_m_sandbox() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sandbox", "world", "list"], capture_output=True, text=True, check=False
    )
    assert (proc.returncode, proc.stdout) == (0, "mock\ntravel\n"), proc.stderr


def test_a_closed_output_pipe_ends_quietly_not_as_a_bug() -> None:
    """`travel-sandbox validate scenarios/ | head -1`: the reader goes away; that is no error of ours."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "sandbox",
                "validate",
                str(ROOT / "scenarios"),
            ],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    finally:
        os.close(write_end)
    assert "BrokenPipeError" not in done.stderr and "this is a bug" not in done.stderr, done.stderr[-500:]
    assert done.returncode == 141
