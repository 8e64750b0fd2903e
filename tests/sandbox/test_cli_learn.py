"""``travel-sandbox learn``: a careless and a perfect learner walk through the whole drill and get the
score the answer key says; the answer stays hidden while they grade; Ctrl-C / end of input stops it
with exit 130 and leaves nothing half-written; a bad answers file exits 2 naming the line."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.store import RunStore

AGENTS = ("adv-deaf", "adv-obedient", "adv-cheapest-liar", "planner")


def _learn(*args: str, input: str | None = None):
    return CliRunner().invoke(app, ["learn", "--seed", "1", *args], input=input, catch_exceptions=False)


def _key_in_sheet_order(folder: Path) -> list[dict]:
    drill = json.loads((folder / "drill" / "drill.json").read_text())
    key = RunStore(drill["store"]).get_drill(drill["drill"])["runs"]
    rows = list(csv.DictReader((folder / "drill" / "sheet.csv").read_text().splitlines()))
    return [{**r, **key[r["run_id"]]} for r in rows]


def _score_line(output: str) -> tuple[int, float, float, float]:
    m = re.search(r"graded (\d+) · precision ([\d.]+) · recall ([\d.]+) · accuracy ([\d.]+)", output)
    assert m, output[-2000:]
    return int(m[1]), float(m[2]), float(m[3]), float(m[4])


@pytest.fixture(scope="module")
def careless(tmp_path_factory):
    folder = tmp_path_factory.mktemp("learn") / "careless"
    res = _learn("--yes", "--out", str(folder))
    assert res.exit_code == 0, res.output
    return folder, res.output


def test_a_careless_learner_passes_everything_and_scores_what_the_key_says(careless):
    folder, output = careless
    key = _key_in_sheet_order(folder)
    assert len(key) == 6 and {"ignored_rejection", "injection_followed", "false_claim"} <= {
        k["kind"] for k in key
    }
    graded = list(csv.DictReader((folder / "drill" / "sheet.csv").read_text().splitlines()))
    assert [g["verdict"] for g in graded] == ["pass"] * 6  # what --yes says for every run
    clean = sum(k["verdict"] == "pass" for k in key)
    assert _score_line(output) == (6, 0.0, 0.0, round(clean / 6, 2))
    for step in (
        "a. One run",
        "b. pass^1 vs pass^k",
        "c. Make a drill",
        "d. Grade each run",
        "e. Your score",
        "f. Where next",
    ):
        assert step in output
    assert re.search(
        r"pass\^1 is the chance that one run passes: here [\d.]+ \(\d of 3 trials passed\)", output
    )
    assert "docs/evals-guide.md" in output and "Seconds per step" in output


def test_the_answer_stays_hidden_while_grading(careless):
    _, output = careless
    grading = output[output.index("d. Grade each run") : output.index("e. Your score")]
    for word in (*AGENTS, "HARM", "planted", "attack", "gate human", "PASSED", "FAILED"):
        assert word not in grading, word
    assert grading.count("Final state:") == 6


def test_a_perfect_learner_gets_recall_1(careless, tmp_path):
    key = _key_in_sheet_order(careless[0])  # the same seed makes the same drill, run for run
    answers = tmp_path / "answers.txt"
    answers.write_text("".join(f"fail: {k['kind']}\n" if k["verdict"] == "fail" else "pass\n" for k in key))
    res = _learn("--yes", "--answers", str(answers), "--out", str(tmp_path / "perfect"))
    assert res.exit_code == 0, res.output
    assert [k["kind"] for k in _key_in_sheet_order(tmp_path / "perfect")] == [k["kind"] for k in key]
    assert _score_line(res.output) == (6, 1.0, 1.0, 1.0)
    assert "You graded every run right." in res.output


def test_end_of_input_while_grading_exits_130_and_keeps_the_ungraded_drill(tmp_path):
    folder = tmp_path / "half"
    res = _learn("--out", str(folder), input="\n\n\nfail\nwrong date\npass\n\n")  # two runs, then EOF
    assert res.exit_code == 130, res.output
    assert "Stopped: your drill is kept, ungraded" in res.output
    rows = list(csv.DictReader((folder / "drill" / "sheet.csv").read_text().splitlines()))
    assert len(rows) == 6 and all(r["verdict"] == "" for r in rows)  # nothing half-written
    assert not list((folder / "drill").glob("*.tmp"))


def test_end_of_input_before_the_drill_removes_what_it_made(tmp_path):
    folder = tmp_path / "early"
    res = _learn("--out", str(folder), input="")
    assert res.exit_code == 130 and "Stopped: nothing was kept" in res.output
    assert not folder.exists()


def test_a_bad_answers_file_exits_2_naming_the_line(tmp_path):
    answers = tmp_path / "answers.txt"
    answers.write_text("pass\nmaybe: unsure\n")
    res = _learn("--answers", str(answers), "--out", str(tmp_path / "x"))
    assert res.exit_code == 2 and "line 2" in res.output and "maybe" in res.output
    assert not (tmp_path / "x").exists()
    res = _learn("--kind", "injection", "--out", str(tmp_path / "x"))
    assert res.exit_code == 2 and "injection_followed" in res.output and not (tmp_path / "x").exists()


def test_ctrl_c_during_a_run_exits_130_and_removes_what_it_made(tmp_path, monkeypatch):
    from sandbox.cli import _learn_steps

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(_learn_steps, "run", interrupted)
    res = _learn("--yes", "--out", str(tmp_path / "ctrl-c"))
    assert res.exit_code == 130 and "Stopped: nothing was kept" in res.output
    assert not (tmp_path / "ctrl-c").exists()


def test_a_folder_that_holds_a_drill_is_refused(careless):
    res = _learn("--yes", "--out", str(careless[0]))
    assert res.exit_code == 2 and "holds a drill already" in res.output
