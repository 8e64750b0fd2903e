"""``travel-sandbox rescore``: stored runs scored again from their final states, without running them.

Under unchanged scoring the rescored scores equal the stored ones, run for run; with the scoring
changed (a trace check added to the framework, monkeypatched) they differ, and the source batch keeps
its scores unless ``--in-place``. Runs stored without a final state (by an earlier version) and runs
of a scenario changed since are left alone, each with a note.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.runner import RunOptions, rescore_batch, run_stored_batch
from sandbox.scoring import _combine
from sandbox.spi import Check, RunResult
from sandbox.store import RunStore

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
NAMES = ("one-way", "basic-round-trip", "impossible-budget")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """One planner batch (3 scenarios x 2 trials) in a database file the tests copy."""
    folder = tmp_path_factory.mktemp("rescore")
    url = f"sqlite:///{folder / 'runs.sqlite'}"
    batch = run_stored_batch(
        [SCENARIOS / f"{n}.yaml" for n in NAMES], RunOptions(), store=RunStore(url), trials=2
    )
    assert all(r.status == "done" and r.final_state for r in batch.runs)
    return str(folder / "runs.sqlite"), batch.id


@pytest.fixture
def store(stored: tuple[str, str], tmp_path: Path) -> RunStore:
    shutil.copy(stored[0], tmp_path / "runs.sqlite")
    return RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")


def _by_key(runs: list[RunResult]) -> dict[tuple[str, int], RunResult]:
    return {(r.scenario, r.trial): r for r in runs}


def test_rescoring_under_unchanged_scoring_gives_the_stored_scores(
    store: RunStore, stored: tuple[str, str]
) -> None:
    source = stored[1]
    out = rescore_batch(store, source)
    assert out.batch != source and not out.in_place and out.notes == []
    before, after = _by_key(store.batch_runs(source)), _by_key(store.batch_runs(out.batch))
    assert set(before) == set(after) and len(after) == 6
    for key, run in before.items():
        again = after[key]
        assert again.id != run.id
        assert again.scores == run.scores and again.spend == run.spend and again.budget == run.budget
        assert again.state_hash == run.state_hash and again.final_state == run.final_state
        assert again.trace == run.trace  # the run's end event carries the same verdict
    assert out.before == out.after
    assert all(row["status"] == "rescored" for row in out.rows)
    meta = store.get_batch(out.batch).meta
    assert meta["rescored_from"]["batch"] == source and meta["plan"] == store.get_batch(source).meta["plan"]


def _stricter_trace_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scoring change: the framework adds a check that fails for every run that booked nothing."""
    original = _combine.trace_checks

    def trace_checks(expect, events):  # type: ignore[no-untyped-def]
        extra = Check(name="new rule", passed=expect.outcome != "refused", detail="a rule added to scoring")
        return [*original(expect, events), extra]

    monkeypatch.setattr(_combine, "trace_checks", trace_checks)


def test_rescoring_under_changed_scoring_differs_and_keeps_the_source(
    store: RunStore, stored: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = stored[1]
    kept = _by_key(store.batch_runs(source))
    _stricter_trace_checks(monkeypatch)
    out = rescore_batch(store, source)
    after = _by_key(store.batch_runs(out.batch))
    refused = ("impossible-budget", 0)
    assert after[refused].scores is not None and kept[refused].scores is not None
    assert after[refused].scores.correctness < kept[refused].scores.correctness
    assert after[refused].scores.checks[-1].name == "new rule"
    one_way = ("one-way", 0)
    assert after[one_way].scores.checks[-1].passed  # type: ignore[union-attr]
    assert after[one_way].scores.overall == kept[one_way].scores.overall  # type: ignore[union-attr]
    assert _by_key(store.batch_runs(source)) == kept  # the source batch keeps its scores
    changed = [r for r in out.rows if r["before_overall"] != r["after_overall"]]
    assert {r["scenario"] for r in changed} == {"impossible-budget"}


def test_rescoring_in_place_rewrites_the_batch(
    store: RunStore, stored: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = stored[1]
    ids = {r.id for r in store.batch_runs(source)}
    _stricter_trace_checks(monkeypatch)
    out = rescore_batch(store, source, in_place=True)
    assert out.batch == source
    runs = store.batch_runs(source)
    assert {r.id for r in runs} == ids  # the same runs, rescored
    assert all(r.scores and r.scores.checks[-1].name == "new rule" for r in runs)
    info = store.get_batch(source)
    assert (
        info.summary is not None and info.summary["overall"] == out.after["overall"] < out.before["overall"]
    )
    assert len(info.meta["rescored"]) == 1


def test_runs_without_a_final_state_are_skipped_with_a_note(store: RunStore, stored: tuple[str, str]) -> None:
    source = stored[1]
    old = next(r for r in store.batch_runs(source) if r.scenario == "one-way" and r.trial == 1)
    with store.engine.begin() as conn:  # as an earlier version stored it: the trace only
        conn.exec_driver_sql(
            "UPDATE runs SET result_json = ? WHERE id = ?", (old.model_dump_json(include={"trace"}), old.id)
        )
    assert store.get(old.id).final_state is None  # an old row still loads
    out = rescore_batch(store, source)
    assert out.notes == [
        "1 run(s) were stored without their final state (by an earlier version) and are left out of "
        "the rescored batch"
    ]
    row = next(r for r in out.rows if r["run"] == old.id)
    assert row["status"] == "not rescored: no final state stored" and row["after_overall"] is None
    assert len(store.batch_runs(out.batch)) == 5
    assert store.get_batch(out.batch).incomplete() is not None  # compare will say so


def test_a_changed_scenario_is_not_rescored(tmp_path: Path) -> None:
    folder = tmp_path / "sc"
    folder.mkdir()
    path = folder / "one-way.yaml"
    shutil.copy(SCENARIOS / "one-way.yaml", path)
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    batch = run_stored_batch([path], RunOptions(), store=store)
    path.write_text(path.read_text().replace("title:", "title: Edited -", 1))
    out = rescore_batch(store, batch.id)
    assert [r["status"] for r in out.rows] == ["not rescored: scenario changed or gone"]
    assert out.notes[0].startswith("scenario 'one-way' changed since the batch ran")


def test_the_rescore_command_prints_before_and_after(
    store: RunStore, stored: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "rescore.json"
    result = CliRunner().invoke(app, ["rescore", stored[1][:8], "--db", store.url, "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert list(data) == ["source", "batch", "in_place", "runs", "before", "after", "notes"]
    assert data["source"] == stored[1] and len(data["runs"]) == 6
    assert f"Rescored batch {stored[1]} → {data['batch']}" in result.stdout
    assert "6 of 6 runs rescored · pass rate" in result.stdout
    assert f"rescored into new batch {data['batch']}" in result.stdout
    bad = CliRunner().invoke(app, ["rescore", "nosuchbatch", "--db", store.url])
    assert bad.exit_code == 2 and "No batch with id 'nosuchbatch'" in bad.stderr
