"""Hostile YAML files: alias bombs, deep nesting and huge files are refused with exit 2 naming the file.

Issue 8 (#3, #8). Before the fix, a 600-byte file of nested aliases made ``validate``, ``run``,
``demo`` and the web library's start-up expand billions of values (3 GB and 24 s at depth 7,
MemoryError at depth 9), deep nesting ended in a RecursionError ("this is a bug", exit 1), and files
of any size were read whole. The full-size bomb is only ever loaded in a child process whose address
space is capped, so that the old code fails with a MemoryError instead of eating the machine.
"""

from __future__ import annotations

import logging
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.live._library import Library

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "scenarios" / "one-way.yaml"
HEAD = "# yaml-language-server: $schema=schema.json\n"
MEMORY_CAP = 1 << 30  # bytes of address space for the child that reads the full-size bomb


def alias_bomb(depth: int) -> str:
    """Nine aliases per level: ``depth`` levels repeat 9**(depth + 1) strings."""
    lines = [HEAD.rstrip("\n"), "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, depth + 1)]
    return "\n".join(lines) + "\n"


def deep_nesting(levels: int) -> str:
    return HEAD + "id: deep\ntags: " + "[" * levels + "]" * levels + "\n"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def test_yaml_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    """The issue's file (depth 9, under 600 bytes), in a child process capped at 1 GiB."""
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(9))
    assert bomb.stat().st_size < 600
    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))\n"
        "from sandbox.cli import main\n"
        f"sys.argv = ['travel-sandbox', 'validate', {str(bomb)!r}]\n"
        "main()\n"
    )
    limits = resource.getrlimit(resource.RLIMIT_AS)
    if limits[1] != resource.RLIM_INFINITY and limits[1] < MEMORY_CAP:
        pytest.skip("the address space is already capped below the test's own cap")
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT, check=False
    )
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert f"{bomb}:6: YAML aliases repeat more than 10,000 values (an alias bomb?); refused" in proc.stderr


def test_yaml_alias_bomb_exits_2_in_validate_run_and_demo(cli, tmp_path: Path) -> None:
    """A smaller bomb (59,049 strings, harmless to old code too) is over the alias budget everywhere."""
    folder = tmp_path / "sc"
    folder.mkdir()
    bomb = folder / "bomb.yaml"
    bomb.write_text(alias_bomb(4))
    message = f"{bomb}:6: YAML aliases repeat more than 10,000 values (an alias bomb?); refused"
    for args in (["validate", bomb], ["run", bomb, "--no-progress"], ["demo", "--scenarios", folder]):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "bug" not in result.output


def test_deeply_nested_yaml_exits_2(cli, tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(deep_nesting(5000))
    for args in (["validate", deep], ["run", deep, "--no-progress"]):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert f"{deep}:3: YAML nested deeper than 64 levels; refused" in result.stderr


def test_oversized_scenario_file_is_refused(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid scenario padded past the cap (set low here) is refused before it is parsed."""
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_SCENARIO_BYTES", "4000")
    big = tmp_path / "big.yaml"
    big.write_text(SHIPPED.read_text() + "# padding\n" * 500)
    result = cli("validate", big)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0] == (
        f"{big}: file is larger than 4,000 bytes, the limit (TRAVEL_SANDBOX_MAX_SCENARIO_BYTES)"
    )


def test_yaml_alias_bomb_and_deep_nesting_in_a_policy_file_exit_2(cli, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb-policy.yaml"
    bomb.write_text("name: bomb\n" + alias_bomb(4).replace("a0:", "rules: []\na0:", 1))
    deep = tmp_path / "deep-policy.yaml"
    deep.write_text("name: deep\nrules: " + "[" * 5000 + "]" * 5000 + "\n")
    expected = {
        bomb: f"error: {bomb}:8: YAML aliases repeat more than 10,000 values (an alias bomb?); refused",
        deep: f"error: {deep}:2: YAML nested deeper than 64 levels; refused",
    }
    for policy, message in expected.items():
        result = cli("run", SHIPPED, "--agent", "do-nothing", "--policy", policy, "--no-progress")
        assert result.exit_code == 2, result.output
        assert result.stderr.strip() == message


def test_yaml_bad_files_are_skipped_by_the_web_library_at_startup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_SCENARIO_BYTES", "20000")
    shutil.copy(SHIPPED, tmp_path / "one-way.yaml")
    (tmp_path / "bomb.yaml").write_text(alias_bomb(4))
    (tmp_path / "deep.yaml").write_text(deep_nesting(5000))
    (tmp_path / "huge.yaml").write_text(HEAD + "# padding\n" * 3000)
    with caplog.at_level(logging.WARNING, logger="sandbox.live._library"):
        library = Library.load(tmp_path)
    assert list(library.entries) == ["one-way"]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "bomb.yaml left out" in logged and "alias bomb" in logged
    assert "deep.yaml left out" in logged and "nested deeper than 64 levels" in logged
    assert "huge.yaml left out" in logged and "larger than 20,000 bytes" in logged
