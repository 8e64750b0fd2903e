"""``run --resume BATCH``: exactly the planned runs that are missing, ``error`` or ``skipped`` run again,
in the same batch, with the options the batch recorded; finished runs are never run again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.errors import ConfigError
from sandbox.runner import RunOptions, _backends, resume_stored_batch, run_batch, run_stored_batch
from sandbox.spi import RunResult
from sandbox.store import RunStore

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FILES = [SCENARIOS / "one-way.yaml", SCENARIOS / "impossible-budget.yaml"]


@pytest.fixture
def store(tmp_path: Path) -> RunStore:
    return RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every run the batch runner starts, as (scenario, trial)."""
    started: list[tuple[str, int]] = []
    real = _backends.run

    def run(scenario: Any, options: RunOptions) -> RunResult:
        started.append((scenario.id, options.trial))
        return real(scenario, options)

    monkeypatch.setattr(_backends, "run", run)  # what the thread backend runs
    return started


def _damage(store: RunStore, batch: str) -> dict[str, RunResult]:
    """Delete one run, mark one ``error`` and one ``skipped``; return the runs left untouched by key."""
    runs = {f"{r.scenario}#{r.trial}": r for r in store.batch_runs(batch)}
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM runs WHERE id = ?", (runs["one-way#0"].id,))
    store.save(
        runs["one-way#2"].model_copy(update={"status": "error", "scores": None, "error": "boom"}), batch
    )
    skip = {"status": "skipped", "scores": None, "error": "skipped: the batch reached its token cap"}
    store.save(runs["impossible-budget#1"].model_copy(update=skip), batch)
    return {k: r for k, r in runs.items() if k not in ("one-way#0", "one-way#2", "impossible-budget#1")}


def test_resume_runs_exactly_the_missing_errored_and_skipped_runs(
    store: RunStore, counted: list[tuple[str, int]]
) -> None:
    options = RunOptions(agent="planner", seed=11)
    batch = run_stored_batch(FILES, options, store=store, trials=3, concurrency=2)
    assert len(counted) == 6 and all(r.status == "done" for r in batch.runs)
    untouched = _damage(store, batch.id)
    counted.clear()

    resumed = resume_stored_batch(store, batch.id)
    assert resumed.resumed == {"missing": 1, "error": 1, "skipped": 1}
    assert sorted(counted) == [("impossible-budget", 1), ("one-way", 0), ("one-way", 2)]
    runs = store.batch_runs(batch.id)
    assert len(runs) == 6 and all(r.status == "done" for r in runs)
    by_key = {f"{r.scenario}#{r.trial}": r for r in runs}
    for key, run in untouched.items():  # finished runs were not run again
        assert by_key[key] == run
    assert {r.seed for r in runs} == {11} and {r.agent for r in runs} == {"planner"}  # as recorded
    assert [(r.scenario, r.trial) for r in resumed.runs] == [
        ("one-way", 0), ("one-way", 1), ("one-way", 2),
        ("impossible-budget", 0), ("impossible-budget", 1), ("impossible-budget", 2),
    ]  # fmt: skip
    info = store.get_batch(batch.id)
    assert info.incomplete() is None and info.summary is not None and info.summary["runs"] == 6
    assert [{k: v for k, v in r.items() if k != "at"} for r in info.meta["resumes"]] == [
        {"missing": 1, "error": 1, "skipped": 1}
    ]
    counted.clear()
    again = resume_stored_batch(store, batch.id)  # nothing left to do
    assert again.resumed == {"missing": 0, "error": 0, "skipped": 0} and counted == []


def test_a_batch_that_crashed_part_way_is_finished_by_resume(
    store: RunStore, counted: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash_after_two(result: RunResult) -> None:
        if len(counted) >= 2:
            raise KeyboardInterrupt  # the process dies: no summary, two runs stored

    real = run_batch
    monkeypatch.setattr(
        "sandbox.runner._suite.run_batch", lambda *a, **k: real(*a, **{**k, "on_result": crash_after_two})
    )
    with pytest.raises(KeyboardInterrupt):
        run_stored_batch(FILES, RunOptions(agent="do-nothing"), store=store, trials=2, concurrency=1)
    monkeypatch.setattr("sandbox.runner._suite.run_batch", real)
    (info,) = store.batches()
    assert info.runs == 2 and info.finished_at is None and info.incomplete() is not None
    counted.clear()
    resumed = resume_stored_batch(store, info.id)
    assert resumed.resumed == {"missing": 2, "error": 0, "skipped": 0} and len(counted) == 2
    assert store.get_batch(info.id).incomplete() is None


def test_resume_refuses_a_changed_scenario_and_a_batch_without_a_plan(
    store: RunStore, tmp_path: Path
) -> None:
    path = tmp_path / "one-way.yaml"
    shutil.copy(FILES[0], path)
    batch = run_stored_batch([path], RunOptions(agent="do-nothing"), store=store)
    path.write_text(path.read_text().replace("title:", "title: Edited -", 1))
    with pytest.raises(ConfigError, match="scenario 'one-way' .* changed since the batch started"):
        resume_stored_batch(store, batch.id)
    path.unlink()
    with pytest.raises(ConfigError, match="the file of scenario 'one-way' .* is gone"):
        resume_stored_batch(store, batch.id)
    old = store.start_batch({"agent": "planner", "model": "scripted", "trials": 1, "planned_runs": 1})
    with pytest.raises(ConfigError, match=f"batch {old} was recorded without a plan"):
        resume_stored_batch(store, old)


def test_run_resume_on_the_command_line(store: RunStore, tmp_path: Path) -> None:
    batch = run_stored_batch(FILES, RunOptions(agent="do-nothing"), store=store, trials=2)
    _damage_two = [r for r in store.batch_runs(batch.id) if r.trial == 1]
    with store.engine.begin() as conn:
        for r in _damage_two:
            conn.exec_driver_sql("DELETE FROM runs WHERE id = ?", (r.id,))
    out = tmp_path / "r.json"
    cli = CliRunner()
    result = cli.invoke(
        app, ["run", "--resume", batch.id[:7], "--db", store.url, "--no-progress", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"batch {batch.id}: resumed, 2 run(s) run again (2 missing)" in result.stdout
    data = json.loads(out.read_text())
    assert data["summary"]["batch"] == batch.id and data["summary"]["runs"] == 4 and len(data["runs"]) == 4

    bad = cli.invoke(
        app, ["run", "--resume", batch.id, "--agent", "planner", "--trials", "3", "--db", store.url]
    )
    assert bad.exit_code == 2
    assert "--agent, --trials cannot be given with it" in bad.stderr
    bad = cli.invoke(app, ["run", str(FILES[0]), "--resume", batch.id, "--db", store.url])
    assert bad.exit_code == 2 and "PATHS cannot be given with it" in bad.stderr
    unknown = cli.invoke(app, ["run", "--resume", "nosuchbatch", "--db", store.url])
    assert unknown.exit_code == 2 and "No batch with id 'nosuchbatch'" in unknown.stderr
