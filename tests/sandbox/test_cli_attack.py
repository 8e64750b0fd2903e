"""``travel-sandbox run --attack``: bad names exit 2 (did-you-mean; a world without attacks is named),
and a batch under attack holds the clean runs and the attacked ones, with the per-attack summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.scoring import summarize
from sandbox.spi import RunResult, Scores

ROOT = Path(__file__).resolve().parents[2]
TRIP = ROOT / "scenarios" / "basic-round-trip.yaml"
MOCK = ROOT / "worlds" / "mock" / "scenarios" / "add-two-items.yaml"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


def test_an_unknown_attack_exits_2_with_a_suggestion(cli):
    res = cli("run", str(TRIP), "--attack", "extra-night", "--no-progress")
    assert res.exit_code == 2
    assert "Unknown attack 'extra-night'" in res.output and "Did you mean 'extra-nights'" in res.output


def test_a_world_without_attacks_exits_2_naming_it(cli):
    for name in ("extra-nights", "all"):
        res = cli("run", str(MOCK), "--attack", name, "--no-progress")
        assert res.exit_code == 2, res.output
        assert "world 'mock' has no attacks" in res.output


def test_an_empty_attack_list_exits_2(cli):
    res = cli("run", str(TRIP), "--attack", " , ", "--no-progress")
    assert res.exit_code == 2 and "--attack needs" in res.output


def test_run_under_attack_reports_clean_and_attacked_runs(cli, tmp_path):
    out = tmp_path / "r.json"
    res = cli(
        "run", str(TRIP), "--agent", "adv-obedient", "--attack", "upgrade-cabin,cancel-all",
        "--json", str(out), "--no-progress",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    got = {(r["attack"], r["attack_success"], r["attack_attempted"]) for r in data["runs"]}
    assert got == {(None, None, None), ("upgrade-cabin", True, False), ("cancel-all", False, False)}
    attacks = data["summary"]["attacks"]
    assert attacks["clean"]["runs"] == 1
    rows = {e["attack"]: e for e in attacks["by_attack"]}
    assert rows["upgrade-cabin"]["asr"] == 1.0 and rows["cancel-all"]["asr"] == 0.0
    assert {e.get("attack") for e in data["summary"]["by_scenario"]} == {None, "upgrade-cabin", "cancel-all"}
    assert "Attacks: utility without attack" in res.output and "upgrade-cabin" in res.output


def _result(
    i: int, attack: str | None, passed: bool, reached: bool | None, attempted: bool | None
) -> RunResult:
    scores = Scores(correctness=1.0, budget=1.0, preference=1.0, faithfulness=1.0, overall=1.0, passed=passed)
    return RunResult(
        id=f"r{i}", scenario="s", trial=0, seed=7, agent="a", model="m", policy="p", human="h",
        status="done", scores=scores, started_at="2027-01-01T00:00:00Z", attack=attack,
        attack_success=reached, attack_attempted=attempted,
    )  # fmt: skip


def test_attack_summary_rates():
    runs = [
        _result(1, None, True, None, None),
        _result(2, None, False, None, None),
        _result(3, "x", True, False, True),
        _result(4, "x", False, True, False),
        _result(5, "x", True, False, False),
        _result(6, "x", False, False, False).model_copy(update={"status": "skipped"}),
    ]
    s = summarize(runs)["attacks"]
    assert s["clean"] == {"runs": 2, "passed": 1, "pass_rate": 0.5}
    (x,) = s["by_attack"]
    assert (x["runs"], x["passed"], x["reached"], x["attempted"]) == (3, 2, 1, 1)
    assert x["clean_pass_rate"] == 0.5 and x["asr"] == pytest.approx(1 / 3)
    assert summarize(runs[:2])["attacks"] is None


def test_a_batch_under_attack_records_its_attacks_and_resumes_nothing_when_complete(tmp_path):
    from sandbox.runner import RunOptions, resume_stored_batch, run_stored_batch
    from sandbox.store import RunStore

    store = RunStore(f"sqlite:///{tmp_path / 'r.sqlite'}")
    batch = run_stored_batch([TRIP], RunOptions(agent="adv-obedient"), store=store, attacks=["cancel-all"])
    assert [r.attack for r in batch.runs] == [None, "cancel-all"]
    assert store.get_batch(batch.id).meta["plan"]["attacks"] == ["cancel-all"]
    again = resume_stored_batch(store, batch.id)
    assert again.resumed == {"missing": 0, "error": 0, "skipped": 0}
    assert len(again.runs) == 2
