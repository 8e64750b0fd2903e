"""The Python API (``sandbox.run``, ``sandbox.load``, ``Results``): the CLI's batch as a function.

The contract: for the same batch, ``Results.to_json()`` is the JSON ``travel-sandbox run --json`` writes
(run ids, start times and durations aside), and a loaded batch's is what ``report BATCH --json`` writes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sandbox
from sandbox.cli import app
from sandbox.errors import ConfigError, ScenarioError, UnknownNameError
from sandbox.store import RunStore

ROOT = Path(__file__).resolve().parents[2]
ONE_WAY = str(ROOT / "scenarios" / "one-way.yaml")
ROUND_TRIP = str(ROOT / "scenarios" / "basic-round-trip.yaml")
VARYING = {"id", "started_at", "duration_s", "model_s"}  # differ between two runs of the same batch


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", url)
    return url


def cli(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def without(value: Any, keys: set[str]) -> Any:
    if isinstance(value, dict):
        return {k: without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [without(v, keys) for v in value]
    return value


def test_to_json_is_the_json_run_writes_for_the_same_batch(db: str, tmp_path: Path) -> None:
    out = tmp_path / "cli.json"
    options = ["--agent", "react", "--model", "noisy", "--temperature", "1.2", "--trials", "2"]
    cli("run", ONE_WAY, ROUND_TRIP, *options, "--no-progress", "--json", str(out))
    results = sandbox.run([ONE_WAY, ROUND_TRIP], agent="react", model="noisy", temperature=1.2, trials=2)
    from_cli, from_api = json.loads(out.read_text()), json.loads(results.to_json())
    assert len(from_api["runs"]) == 4 and from_api["summary"]["runs"] == 4
    assert from_api["summary"]["batch"] == results.batch != from_cli["summary"]["batch"]
    batch_ids = {"batch"}  # the summary's batch id: each batch has its own
    assert without(from_api, VARYING | batch_ids) == without(from_cli, VARYING | batch_ids)
    assert [r["id"] for r in from_api["runs"]] == [r.id for r in results.runs]
    # a real difference shows: the same batch with another temperature is not the same JSON
    other = sandbox.run([ONE_WAY, ROUND_TRIP], agent="react", model="noisy", temperature=0.0, trials=2)
    assert without(json.loads(other.to_json()), VARYING | batch_ids) != without(from_cli, VARYING | batch_ids)


def test_a_loaded_batch_is_what_report_writes(db: str, tmp_path: Path) -> None:
    results = sandbox.run([ROUND_TRIP, ONE_WAY], trials=2)
    out = tmp_path / "report.json"
    cli("report", results.batch, "--json", str(out))
    loaded = sandbox.load(results.batch)
    assert loaded.to_json() == out.read_text()
    assert loaded.batch == results.batch and loaded.store == results.store
    assert [(r.scenario, r.trial) for r in loaded] == [
        (s, t) for s in ("basic-round-trip", "one-way") for t in (0, 1)
    ]
    assert loaded.runs[0].trace == [] and sandbox.load(results.batch, trace=True).runs[0].trace


def test_rows_are_flat_and_pandas_gets_the_same(db: str) -> None:
    results = sandbox.run([ONE_WAY], agent="do-nothing", trials=2)
    rows = results.rows()
    assert [(r["scenario"], r["trial"], r["status"], r["passed"]) for r in rows] == [
        ("one-way", 0, "done", False),
        ("one-way", 1, "done", False),
    ]
    first, run = rows[0], results.runs[0]
    assert first["run"] == run.id and first["batch"] == results.batch
    assert run.scores is not None
    assert (first["overall"], first["budget_score"], first["budget"]) == (
        run.scores.overall,
        run.scores.budget,
        300.0,
    )
    assert first["failed_checks"] == [c.name for c in run.scores.checks if not c.passed] != []
    assert all(
        isinstance(v, str | int | float | bool | list) or v is None
        for k, v in first.items()
        if k != "started_at"
    )
    df = results.to_pandas()
    assert list(df.columns) == list(first) and len(df) == 2
    assert df["overall"].tolist() == [r["overall"] for r in rows]


def test_an_error_run_has_no_scores_in_its_row(db: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken_graph.py"
    broken.write_text(
        "def build(ctx):\n    raise RuntimeError('no graph today')\nbuild.needs_model = False\n"
    )
    results = sandbox.run(ONE_WAY, agent=f"{broken}:build")
    (row,) = results.rows()
    assert (row["status"], row["passed"], row["overall"], row["failed_checks"]) == ("error", False, None, [])
    assert row["error"] == "RuntimeError: no graph today"
    assert "1 errors" in repr(results)


def test_to_pandas_without_pandas_names_the_install_command(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    results = sandbox.run([ONE_WAY], agent="do-nothing")
    monkeypatch.setitem(sys.modules, "pandas", None)  # what an environment without pandas looks like
    with pytest.raises(ConfigError, match=r"pip install 'travel-agent-sandbox\[notebook\]'"):
        results.to_pandas()
    assert results.rows()  # rows need nothing


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"agent": "planer"}, UnknownNameError, "Did you mean 'planner'?"),
        ({"model": "gpt-4o"}, UnknownNameError, "Did you mean 'openai:gpt-4o'?"),
        ({"policy": "ask-on-wrte"}, UnknownNameError, "Did you mean 'ask-on-write'"),
        ({"human": "robot"}, UnknownNameError, "Unknown human 'robot'."),
        ({"trials": 0}, ConfigError, "trials must be a whole number from 1 to 1000, got 0"),
        ({"concurrency": 5000}, ConfigError, "concurrency must be a whole number from 1 to 1024, got 5000"),
        ({"timeout": -1}, ConfigError, "timeout must be seconds above 0"),
        ({"scenarios": "one-wya"}, ScenarioError, "one-wya: no such file; did you mean"),
    ],
)
def test_bad_input_raises_before_anything_runs(
    db: str, kwargs: dict[str, Any], error: type, message: str
) -> None:
    kwargs = {"scenarios": [ONE_WAY]} | kwargs
    with pytest.raises(error) as info:
        sandbox.run(**kwargs)
    assert message in str(info.value)
    assert RunStore(db).batches() == []  # nothing was recorded


def test_db_takes_a_url_or_a_file_and_load_reads_it_back(tmp_path: Path, db: str) -> None:
    elsewhere = tmp_path / "notebook.sqlite"
    results = sandbox.run(ONE_WAY, agent="do-nothing", db=elsewhere)
    assert RunStore(db).batches() == []  # not the default store
    assert (
        sandbox.load(results.batch, db=f"sqlite:///{elsewhere}").to_json()
        == sandbox.load(results.batch, db=elsewhere).to_json()
    )
    with pytest.raises(
        ConfigError, match=f"No batch with id 'nope' in .*Most recent batches: {results.batch}"
    ):
        sandbox.load("nope", db=elsewhere)


def test_loading_an_incomplete_batch_warns(db: str) -> None:
    store = RunStore(db)
    batch = store.start_batch({"planned_runs": 3})
    with pytest.warns(UserWarning, match=f"batch {batch} is incomplete: 0 of 3 planned runs stored"):
        loaded = sandbox.load(batch)
    assert len(loaded) == 0 and loaded.summary["runs"] == 0


def test_importing_the_spi_does_not_import_the_api() -> None:
    """Worlds and agents import ``sandbox.spi``: the API (runner, store, reports) loads on first use."""
    code = "import sys, sandbox.spi; print('sandbox._api' in sys.modules); import sandbox; sandbox.run; print('sandbox._api' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "True"]
    assert sorted(sandbox.__all__) == ["Results", "load", "run"] and "run" in dir(sandbox)
    with pytest.raises(AttributeError, match="module 'sandbox' has no attribute 'nothing'"):
        sandbox.nothing  # noqa: B018
