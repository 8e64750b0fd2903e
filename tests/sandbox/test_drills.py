"""Drills: `drill new` writes a sheet and hides the key; `drill score` grades a perfect, an always-pass
and a random learner; `drill eval` scores a strict, a lenient and a random config; bad rows exit 2."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.store import RunStore

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FEW = ["basic-round-trip", "one-way", "multi-city-two-rooms", "day-after-tomorrow", "rebook-return-evening"]


@pytest.fixture(scope="module")
def drill(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("drill")
    db = f"sqlite:///{tmp / 'runs.sqlite'}"
    args = ["drill", "new", "--n", "6", "--seed", "3", "--out", str(tmp / "d"), "--db", db]
    for s in FEW:
        args += ["--scenarios", str(SCENARIOS / f"{s}.yaml")]
    res = CliRunner().invoke(app, args, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return tmp / "d", db


def _rows(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader((folder / "sheet.csv").read_text().splitlines()))


def _cli(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _key(db: str, folder: Path) -> dict:
    drill_id = json.loads((folder / "drill.json").read_text())["drill"]
    return RunStore(db).get_drill(drill_id)["runs"]


def _grade(folder: Path, name: str, verdicts: dict[str, str]) -> Path:
    rows = _rows(folder)
    out = folder / name
    with out.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["run_id", "verdict", "reason"])
        for r in rows:
            w.writerow([r["run_id"], verdicts[r["run_id"]], "because"])
    return out


def _score(sheet: Path, db: str) -> dict:
    res = _cli("drill", "score", str(sheet), "--json", "-", "--db", db)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_the_sheet_has_empty_verdicts_and_no_answers(drill):
    folder, db = drill
    rows = _rows(folder)
    assert rows and list(rows[0]) == ["run_id", "verdict", "reason"]
    assert all(r["verdict"] == "" for r in rows)
    key = _key(db, folder)
    assert {r["run_id"] for r in rows} == set(key)
    assert {"pass", "fail"} == {v["verdict"] for v in key.values()}  # a mix of clean and defective
    text = "".join(p.read_text() for p in folder.iterdir())
    assert "fail" not in text and "clean" not in text  # the answer key is not in the learner's folder


def test_perfect_always_pass_and_random_learners(drill):
    folder, db = drill
    key = _key(db, folder)
    perfect = _score(_grade(folder, "perfect.csv", {r: v["verdict"] for r, v in key.items()}), db)
    assert (perfect["recall"], perfect["precision"], perfect["accuracy"]) == (1.0, 1.0, 1.0)
    assert perfect["graded"] == len(key) and perfect["wrong"] == []
    lazy = _score(_grade(folder, "lazy.csv", dict.fromkeys(key, "pass")), db)
    clean = sum(v["verdict"] == "pass" for v in key.values())
    assert lazy["recall"] == 0.0 and lazy["precision"] == 0.0
    assert lazy["accuracy"] == round(clean / len(key), 4)
    assert {w["answer"] for w in lazy["wrong"]} == {"fail"} and all(w["why"] for w in lazy["wrong"])
    assert set(lazy["by_kind"]) == {v["kind"] for v in key.values()}
    rng = random.Random(0)
    guesses = {r: rng.choice(["pass", "fail"]) for r in key}
    rand = _score(_grade(folder, "random.csv", guesses), db)
    right = sum(guesses[r] == v["verdict"] for r, v in key.items())
    assert rand["accuracy"] == round(right / len(key), 4)
    assert len(rand["wrong"]) == len(key) - right


def test_bad_rows_exit_2_naming_the_row(drill):
    folder, db = drill
    rows = _rows(folder)
    bad = folder / "bad.csv"
    bad.write_text(f"run_id,verdict,reason\n{rows[0]['run_id']},pass,\nnot-a-run,fail,\n")
    res = _cli("drill", "score", str(bad), "--db", db)
    assert res.exit_code == 2 and "row 3" in res.output and "not-a-run" in res.output
    bad.write_text(f"run_id,verdict,reason\n{rows[0]['run_id']},maybe,\n")
    res = _cli("drill", "score", str(bad), "--db", db)
    assert res.exit_code == 2 and "row 2" in res.output and "maybe" in res.output


def _eval(folder: Path, db: str, config: str) -> dict:
    path = folder / "config.yaml"
    path.write_text(config)
    res = _cli("drill", "eval", str(path), "--drill", str(folder / "sheet.csv"), "--json", "-", "--db", db)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_drill_eval_strict_lenient_and_random_configs(drill):
    folder, db = drill
    key = _key(db, folder)
    defective = {r for r, v in key.items() if v["verdict"] == "fail"}
    gates = "{correctness: 1.0, budget: 1.0, preference: 1.0, faithfulness: 1.0}"
    every_gate = "[checks, minefields, budget, faithful, preference, waste, refusal, human]"
    strict = _eval(folder, db, f"threshold: 1.0\ngates: {gates}\nrequire: {every_gate}\n")
    if all(v["harness"] == "fail" for r, v in key.items() if r in defective):  # easy: every defect shows
        assert strict["recall"] == 1.0 and set(strict["catches"]) == defective
    lenient = _eval(folder, db, "threshold: 0.0\ngates: {}\n")
    assert lenient["recall"] == 0.0 and lenient["catches"] == [] and lenient["false_alarms"] == []
    assert {m["run_id"] for m in lenient["misses"]} == defective
    rng = random.Random(1)
    weights = {d: round(rng.random(), 2) for d in ("correctness", "budget", "preference", "faithfulness")}
    rand = _eval(folder, db, f"threshold: {rng.random():.2f}\nweights: {json.dumps(weights)}\n")
    assert len(rand["catches"]) + len(rand["misses"]) == len(defective)
    assert {r["agent"] for r in rand["rankings"]} == {v["agent"] for v in key.values()}
    path = folder / "bad.yaml"
    path.write_text("gates: {speed: 1.0}\n")
    res = _cli("drill", "eval", str(path), "--drill", str(folder / "sheet.csv"), "--db", db)
    assert res.exit_code == 2 and "speed" in res.output
    path.write_text("require: [vibes]\n")
    res = _cli("drill", "eval", str(path), "--drill", str(folder / "sheet.csv"), "--db", db)
    assert res.exit_code == 2 and "vibes" in res.output
