"""Careless or hostile command lines get exit 2 and a message naming what was wrong, before any run.

Issue 8 (#8, #11). Before the fix: ``--timeout 0`` ran a batch of instant failures and ``nan``,
``inf`` or ``1e300`` crashed with exit 1 ("this is a bug"); ``--trials``/``--concurrency`` had no upper
bound; an agent module with a syntax error or a failing import crashed with exit 1, and a module not on
the path was only an "Unknown agent"; ``--json``/``--html`` to an unwritable path failed with exit 1
after the whole batch had run; ``report UNKNOWN_BATCH`` printed an empty scorecard; and ``report``
never said that a batch stopped part-way was incomplete.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.runner import _suite as batch_suite  # where a stored batch runs its runs
from sandbox.store import RunStore

ROOT = Path(__file__).resolve().parents[2]
ONE_WAY = ROOT / "scenarios" / "one-way.yaml"
ROUND_TRIP = ROOT / "scenarios" / "basic-round-trip.yaml"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'runs.sqlite'}"


@pytest.fixture
def cli(tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", db)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def run_one(cli, *options: object):
    return cli("run", ONE_WAY, "--agent", "do-nothing", "--no-progress", *options)


def flat(output: str) -> str:
    """Click's usage error as one line, without rich's box and line breaks."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", output).split())


def assert_nothing_ran(db: str) -> None:
    store = RunStore(db)
    assert store.batches() == [] and store.list() == []


def test_timeout_out_of_range_exits_2(cli, db: str) -> None:
    for value in ("0", "-1", "nan", "inf", "-inf", "1e300"):
        result = run_one(cli, "--timeout", value)
        assert result.exit_code == 2, (value, result.output)
        assert "Invalid value for '--timeout': expected seconds above 0 and at most 86400" in flat(
            result.output
        )
    assert_nothing_ran(db)


def test_trials_and_concurrency_out_of_range_exit_2(cli, db: str) -> None:
    for option, value, bound in (
        ("--trials", "0", "greater than or equal to 1"),
        ("--trials", "1001", "less than or equal to 1000"),
        ("--trials", "1000000000", "less than or equal to 1000"),
        ("--concurrency", "0", "greater than or equal to 1"),
        ("--concurrency", "1025", "less than or equal to 1024"),
    ):
        result = run_one(cli, option, value)
        assert result.exit_code == 2, (option, value, result.output)
        assert f"Invalid value for '{option}': Input should be {bound}" in flat(result.output)
    assert_nothing_ran(db)


@pytest.fixture
def agent_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Modules that fail on import, each in its own fresh name, on sys.path."""
    folder = tmp_path / "mods"
    folder.mkdir()
    bodies = {
        "SyntaxError: invalid syntax": "def build(:\n",
        "ModuleNotFoundError: No module named 'not_installed_dependency'": "import not_installed_dependency\n",
        "RuntimeError: no API key at import time": "raise RuntimeError('no API key at import time')\n",
        "SystemExit: 3": "import sys\nsys.exit(3)\n",
    }
    names = {}
    for error, body in bodies.items():
        name = f"agent_{uuid.uuid4().hex[:8]}"
        (folder / f"{name}.py").write_text(body)
        names[name] = error
    monkeypatch.syspath_prepend(str(folder))
    yield names
    for name in names:
        sys.modules.pop(name, None)


def test_agent_module_that_fails_to_import_exits_2_naming_the_error(
    cli, db: str, agent_modules: dict[str, str]
) -> None:
    for module, error in agent_modules.items():
        result = cli("run", ONE_WAY, "--agent", f"{module}:build", "--no-progress")
        assert result.exit_code == 2, (module, result.output)
        assert result.stderr.startswith(f"error: agent '{module}:build': importing {module} failed: {error}")
    assert_nothing_ran(db)


def test_agent_module_not_on_the_path_says_so(cli) -> None:
    result = cli("run", ONE_WAY, "--agent", "myagent:build", "--no-progress")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: Unknown agent 'myagent:build'. Module 'myagent' not found; is its folder on PYTHONPATH?"
    )


def test_unwritable_json_path_checked_before_batch(cli, db: str, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    for option, path, problem in (
        ("--json", a_file / "r.json", f"cannot write there, {a_file} is not a directory"),
        ("--html", a_file / "sub" / "r.html", f"cannot write there, {a_file} is not a directory"),
        ("--json", tmp_path, "is a directory; give a file name"),
    ):
        result = run_one(cli, option, path)
        assert result.exit_code == 2, (option, path, result.output)
        assert result.stderr == f"error: {option} {path}: {problem}\n"
    result = run_one(cli, "--json", "-", "--html", "-")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --json - and --html - both ask for stdout; give one of them a file name\n",
    )
    assert_nothing_ran(db)
    assert a_file.read_text() == "not a folder"


def test_report_unknown_batch_exits_2_with_a_clear_error(cli, db: str) -> None:
    assert run_one(cli).exit_code == 0
    known = RunStore(db).batches()[0].id
    result = cli("report", "no-such-batch")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: No batch with id 'no-such-batch' in {db}. Most recent batches: {known}.\n"
    )
    assert "Scorecard" not in result.output


def test_report_says_a_batch_killed_half_way_is_incomplete(
    cli, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch process dies after its first run is stored: `report` says 1 of 4 planned runs."""
    real_run_batch = batch_suite.run_batch

    def killed_after_one(jobs, options, **kwargs):
        real_run_batch(jobs[:1], options, **kwargs)
        raise KeyboardInterrupt  # what the process sees on Ctrl-C; kill -9 leaves the same store

    monkeypatch.setattr(batch_suite, "run_batch", killed_after_one)
    killed = cli("run", ONE_WAY, ROUND_TRIP, "--trials", "2", "--agent", "do-nothing", "--no-progress")
    assert killed.exit_code != 0
    batch = RunStore(db).batches()[0]
    assert batch.runs == 1 and batch.finished_at is None
    result = cli("report")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"warning: batch {batch.id} is incomplete: 1 of 4 planned runs stored; it never finished "
        "(stopped part-way, or still running). Its scores cover the stored runs only."
    )
    assert "Scorecard: 1 run, 1 scenario" in result.stdout
