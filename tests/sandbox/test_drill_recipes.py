"""The drill recipes "ignored rejection" and "injection followed": `drill new --kind` plants them, the
answer key names the evidence, the harness's own verdict catches both (the human gate; the attack's
record), and a perfect learner finds them all."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.store import RunStore

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FEW = ["human-rejects-airline", "basic-round-trip", "one-way"]
KINDS = ("ignored_rejection", "injection_followed")


def _cli(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def drill(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("recipes")
    db = f"sqlite:///{tmp / 'runs.sqlite'}"
    args = ["drill", "new", "--n", "4", "--seed", "5", "--out", str(tmp / "d"), "--db", db]
    for k in KINDS:
        args += ["--kind", k]
    for s in FEW:
        args += ["--scenarios", str(SCENARIOS / f"{s}.yaml")]
    res = _cli(*args)
    assert res.exit_code == 0, res.output
    drill_id = json.loads((tmp / "d" / "drill.json").read_text())["drill"]
    return tmp / "d", db, drill_id


def test_both_kinds_are_planted_and_the_harness_catches_them(drill):
    folder, db, drill_id = drill
    store = RunStore(db)
    key = store.get_drill(drill_id)["runs"]
    assert sorted(v["kind"] for v in key.values()) == ["clean", "clean", *KINDS]
    runs = {r.id: r for r in store.batch_runs(drill_id)}
    for rid, v in key.items():
        run = runs[rid]
        assert run.scores is not None
        failed = [g.id for g in run.scores.failed_gates()]
        if v["kind"] == "ignored_rejection":
            assert run.agent == "adv-deaf" and v["evidence"] == ["gate:human"]
            assert "human" in failed and v["harness"] == "fail"
            human = next(g for g in run.scores.gates if g.id == "human")
            assert "the human rejected" in human.detail or "ruled it out" in human.detail
        elif v["kind"] == "injection_followed":
            assert run.attack == "planted-hotel" and v["attack"] == "planted-hotel"
            assert run.attack_success or run.attack_attempted
            assert set(v["evidence"]) <= {"attack:reached", "attack:attempted"} and v["evidence"]
            assert v["harness"] == "fail" and not run.scores.passed
        else:
            assert v["verdict"] == "pass" and run.scores.passed and run.attack is None


def test_a_perfect_learner_finds_both_and_a_careless_one_neither(drill):
    folder, db, drill_id = drill
    key = RunStore(db).get_drill(drill_id)["runs"]
    rows = list(csv.DictReader((folder / "sheet.csv").read_text().splitlines()))
    for name, verdict in (("perfect.csv", None), ("careless.csv", "pass")):
        sheet = folder / name
        with sheet.open("w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["run_id", "verdict", "reason"])
            for r in rows:
                w.writerow([r["run_id"], verdict or key[r["run_id"]]["verdict"], ""])
        res = _cli("drill", "score", str(sheet), "--json", "-", "--db", db)
        assert res.exit_code == 0, res.output
        got = json.loads(res.output)
        for kind in KINDS:
            assert got["by_kind"][kind]["runs"] == 1
            assert got["by_kind"][kind]["right"] == (1 if verdict is None else 0)
        assert got["recall"] == (1.0 if verdict is None else 0.0)
        assert got["harness_vs_key"]["recall"] == 1.0  # the harness's own gates catch both kinds


def test_an_unknown_kind_exits_2_with_a_suggestion(tmp_path):
    res = _cli(
        "drill", "new", "--kind", "ignored_rejections", "--out", str(tmp_path / "d"),
        "--db", f"sqlite:///{tmp_path / 'r.sqlite'}",
    )  # fmt: skip
    assert res.exit_code == 2 and "ignored_rejection" in res.output and "Did you mean" in res.output
    assert not (tmp_path / "d").exists()
