"""Provenance: what a batch records about where its results came from, and compare's warnings.

A batch records its plan and provenance when it starts (code version and git commit, scoring version,
each world's own values: for travel, the catalog's generator version and hash and the travel scoring
version; each scenario's content hash). ``compare`` says in its notes (terminal, JSON, HTML) when two
batches differ in any of them, and leaves skipped runs out with a note.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.report import batch_comparison, render_compare_html
from sandbox.runner import RunOptions, batch_provenance, code_version, run_stored_batch, scenario_hash
from sandbox.runner import _provenance as provenance_module
from sandbox.scenarios import check_files, load_scenario
from sandbox.scoring import SCORING_VERSION
from sandbox.store import RunStore
from worlds.travel.catalog.generator import SIZES, catalog_version
from worlds.travel.world import SCORING_VERSION as TRAVEL_SCORING_VERSION

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FILES = [SCENARIOS / "one-way.yaml", SCENARIOS / "impossible-budget.yaml"]


@pytest.fixture
def store(tmp_path: Path) -> RunStore:
    return RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")


def _batch(store: RunStore, agent: str = "do-nothing") -> str:
    return run_stored_batch(FILES, RunOptions(agent=agent), store=store, trials=2).id


def test_a_batch_records_its_plan_and_provenance(store: RunStore) -> None:
    batch = run_stored_batch(
        FILES, RunOptions(agent="do-nothing", seed=3), store=store, trials=2, concurrency=1
    )
    meta = store.get_batch(batch.id).meta
    plan, prov = meta["plan"], meta["provenance"]
    assert plan["scenarios"] == ["one-way", "impossible-budget"] and plan["trials"] == 2
    assert plan["options"]["agent"] == "do-nothing" and plan["options"]["seed"] == 3
    assert plan["concurrency"] == 1 and meta["planned_runs"] == 4
    assert prov["code"]["package"] == "travel-agent-sandbox" and prov["code"]["version"] == "0.1.0"
    assert prov["scoring_version"] == SCORING_VERSION
    travel = prov["worlds"]["travel"]
    assert travel["travel scoring"] == TRAVEL_SCORING_VERSION
    small = travel["catalog 7/small"]
    assert small.startswith(f"v{catalog_version(SIZES['small'])} ") and len(small.split()[1]) == 16
    for path in FILES:
        scenario = load_scenario(path)
        entry = prov["scenarios"][scenario.id]
        assert entry == {"hash": scenario_hash(scenario), "version": scenario.version, "file": str(path)}
    assert batch.summary["provenance"] == prov  # run --json carries it as summary.provenance


def test_a_scenario_hash_follows_its_content_not_its_layout(tmp_path: Path) -> None:
    text = (SCENARIOS / "one-way.yaml").read_text()
    relaid = tmp_path / "relaid.yaml"
    relaid.write_text("# a comment the hash ignores\n" + text + "\n\n")
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("title:", "title: Changed -", 1))
    base = scenario_hash(load_scenario(SCENARIOS / "one-way.yaml"))
    assert scenario_hash(load_scenario(relaid)) == base
    assert scenario_hash(load_scenario(changed)) != base


def test_the_code_version_never_fails_without_git(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_git(*args: Any, **kwargs: Any) -> Any:
        raise FileNotFoundError("git")

    code_version.cache_clear()
    monkeypatch.setattr(subprocess, "run", no_git)
    try:
        assert code_version() == {
            "package": "travel-agent-sandbox",
            "version": "0.1.0",
            "commit": None,
            "dirty": None,
            "diff": None,
        }
        prov = batch_provenance(check_files(FILES[:1]))
        assert prov["code"]["commit"] is None and prov["scenarios"]["one-way"]["hash"]
    finally:
        code_version.cache_clear()


def test_the_code_version_knows_the_checkout_it_runs_from() -> None:
    code_version.cache_clear()
    here = provenance_module._git("rev-parse", "HEAD")
    assert code_version()["commit"] == here  # None outside a checkout; then so is the recorded one


def _tamper(store: RunStore, batch: str, change: dict[str, Any]) -> None:
    """Rewrite a stored batch's provenance as a batch of other code/scoring/data would have it."""
    meta = store.get_batch(batch).meta
    prov = meta["provenance"]
    for path, value in change.items():
        *parents, last = path.split(".")
        node = prov
        for key in parents:
            node = node[key]
        node[last] = value
    store.update_batch(batch, meta)


def test_compare_is_quiet_when_batches_share_their_provenance(store: RunStore) -> None:
    a, b = _batch(store), _batch(store, "planner")
    assert batch_comparison(store, [a, b])["notes"] == []


def test_compare_warns_when_code_scoring_data_or_scenarios_differ(store: RunStore, tmp_path: Path) -> None:
    a, b = _batch(store), _batch(store, "planner")
    _tamper(
        store,
        b,
        {
            "code.commit": "0123456789abcdef",
            "scoring_version": SCORING_VERSION + 1,
            "worlds.travel.catalog 7/small": "v9 feedfacefeedface",
            "scenarios.one-way.hash": "0" * 64,
        },
    )
    data = batch_comparison(store, [a, b])
    notes = "\n".join(data["notes"])
    assert f"batches {a} and {b} ran different code" in notes and "commit 0123456789" in notes
    assert f"different scoring versions ({SCORING_VERSION} vs {SCORING_VERSION + 1})" in notes
    assert f"travel-sandbox rescore {a}" in notes  # the older one
    assert "world travel catalog 7/small differs" in notes and "v9 feedfacefeedface" in notes
    assert "different content for scenario(s) one-way" in notes and "impossible-budget" not in notes
    assert data["provenance"][b]["scoring_version"] == SCORING_VERSION + 1

    result = CliRunner().invoke(
        app,
        [
            "compare",
            a,
            b,
            "--db",
            store.url,
            "--json",
            str(tmp_path / "c.json"),
            "--html",
            str(tmp_path / "c.html"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "warning: batches" in result.stderr and "different scoring versions" in result.stderr
    assert json.loads((tmp_path / "c.json").read_text())["notes"] == data["notes"]
    page = (tmp_path / "c.html").read_text()
    assert "different scoring versions" in page and "ran different code" in page
    assert "different scoring versions" in render_compare_html(data)


def test_compare_names_a_batch_recorded_before_provenance(store: RunStore) -> None:
    a, b = _batch(store), _batch(store, "planner")
    meta = store.get_batch(a).meta
    del meta["provenance"]
    store.update_batch(a, meta)
    notes = batch_comparison(store, [a, b])["notes"]
    assert notes == [
        f"batch {a} records no provenance (an earlier version ran it): whether its code, scoring and "
        "scenarios match the other batches' cannot be checked"
    ]


def test_compare_leaves_skipped_runs_out_and_says_so(store: RunStore) -> None:
    a, b = _batch(store), _batch(store, "planner")
    full = batch_comparison(store, [a, b])
    run = next(r for r in store.batch_runs(b) if r.scenario == "one-way" and r.trial == 1)
    store.save(run.model_copy(update={"status": "skipped", "scores": None, "error": "skipped: cap"}), b)
    data = batch_comparison(store, [a, b])
    assert f"batch {b}: 1 run(s) were skipped at a spend cap and are left out" in "\n".join(data["notes"])
    planner = data["batches"][1]
    assert planner["runs"] == full["batches"][1]["runs"] - 1
