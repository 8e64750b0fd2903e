"""``--backend ray``: a batch's runs on a (local) Ray cluster give what the thread backend gives.

One local Ray per session (``ray_cluster`` in ``tests/conftest.py``: loopback only, usage statistics
off, two CPUs, a small object store). Runs are the planner with the scripted model (deterministic), so
each (scenario, trial) must end in the same world state on either backend.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.runner import RunOptions, load_jobs, run_batch, run_stored_batch
from sandbox.runner._backends import endpoint_shares
from sandbox.scenarios import default_scenarios_dir
from sandbox.spi import RunResult
from sandbox.store import RunStore
from tests._ray import RAY_MARKS

pytestmark = RAY_MARKS
SCENARIOS = [default_scenarios_dir() / f"{n}.yaml" for n in ("basic-round-trip", "one-way", "business-class")]


def outcome(runs: list[RunResult]) -> dict[tuple[str, int], tuple[Any, ...]]:
    return {
        (r.scenario, r.trial): (r.status, r.state_hash, r.scores.overall if r.scores else None, r.tool_calls)
        for r in runs
    }


def test_ray_gives_the_same_runs_and_state_hashes_as_threads(ray_cluster: None) -> None:
    jobs = load_jobs(SCENARIOS, trials=2)
    threads = run_batch(jobs, RunOptions(), concurrency=4)
    on_ray = run_batch(jobs, RunOptions(), concurrency=4, backend="ray")
    assert [r.status for r in on_ray] == ["done"] * 6
    assert outcome(on_ray) == outcome(threads)
    assert len({r.state_hash for r in on_ray}) == 3  # one world state per scenario, whatever the trial


def test_runs_are_stored_as_they_finish_and_a_dead_worker_fails_only_its_run(
    ray_cluster: None, db_url: str
) -> None:
    """The agent's process dies on the Paris request: that run is ``error`` (naming why) and every
    other run of the batch is done and stored, each before the next result is handled. On SQLite and
    on PostgreSQL."""
    store = RunStore(db_url)
    stored_when_seen: list[int] = []
    options = RunOptions(agent="tests.sandbox._ray_agents:build_dies_in_paris")
    batch = store.start_batch({})
    runs = run_batch(
        load_jobs(SCENARIOS, trials=1),
        options,
        concurrency=1,  # one actor: the runs after the one that killed it run on its restart
        store=store,
        batch_id=batch,
        backend="ray",
        on_result=lambda _: stored_when_seen.append(len(store.batch_runs(batch, trace=False))),
    )
    assert stored_when_seen == [1, 2, 3]
    by_scenario = {(r.scenario, r.trial): r for r in store.batch_runs(batch, trace=False)}
    assert {k: r.status for k, r in by_scenario.items()} == {
        ("basic-round-trip", 0): "done",
        ("one-way", 0): "error",
        ("business-class", 0): "done",  # sent to the actor while it was restarting: run on its restart
    }
    lost = by_scenario[("one-way", 0)].error or ""
    assert lost.startswith("the run's worker failed:") and "Actor" in lost, lost
    assert [r.status for r in runs] == ["done", "error", "done"]
    store.engine.dispose()


def test_a_stored_batch_on_ray_records_its_backend(ray_cluster: None, tmp_path: Path) -> None:
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    batch = run_stored_batch(SCENARIOS[:1], RunOptions(), store=store, trials=2, backend="ray")
    assert batch.summary["batch"] == batch.id and [r.status for r in batch.runs] == ["done", "done"]
    assert store.get_batch(batch.id).meta["plan"]["backend"] == "ray"


def test_cli_run_backend_ray_matches_threads_state_hash_per_scenario_and_trial(
    ray_cluster: None, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    hashes = {}
    for backend in ("threads", "ray"):
        out = tmp_path / f"{backend}.json"
        args = ["run", *map(str, SCENARIOS[:2]), "--trials", "2", "--backend", backend, "--db", db]
        result = CliRunner().invoke(app, [*args, "--json", str(out), "--no-progress"])
        assert result.exit_code == 0, result.output
        report = json.loads(out.read_text())
        assert report["summary"]["batch"]
        hashes[backend] = {(r["scenario"], r["trial"]): r["state_hash"] for r in report["runs"]}
    assert hashes["ray"] == hashes["threads"] and len(hashes["ray"]) == 4


def test_endpoint_limits_are_shared_out_so_the_cluster_keeps_to_them() -> None:
    actors, shares = endpoint_shares({"rpm": 10, "tpm": 100_000, "tool_choice": "auto"}, 4)
    assert actors == 4 and [s["rpm"] for s in shares] == [3, 3, 2, 2]
    assert sum(s["tpm"] for s in shares) == 100_000 and all(s["tool_choice"] == "auto" for s in shares)
    actors, shares = endpoint_shares({"rpm": 2}, 8)  # never a share of 0 (that would be no limit)
    assert actors == 2 and [s["rpm"] for s in shares] == [1, 1]
    assert endpoint_shares({}, 3) == (3, [{}, {}, {}])


def test_without_ray_installed_the_cli_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    db = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    result = CliRunner().invoke(app, ["run", str(SCENARIOS[0]), "--backend", "ray", "--db", db])
    assert result.exit_code == 2
    assert "pip install 'travel-agent-sandbox[ray]'" in result.output
    assert not (tmp_path / "runs.sqlite").exists()  # nothing ran, nothing was stored


def test_an_address_without_the_ray_backend_is_bad_input(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    result = CliRunner().invoke(app, ["run", str(SCENARIOS[0]), "--address", "ray://x:10001", "--db", db])
    assert result.exit_code == 2 and "--address is the Ray cluster's" in result.output
