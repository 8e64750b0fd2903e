"""The decision flywheel: reliability bins, ECE and Brier for runs and checkpoints
(sandbox/scoring/_calibration.py); ``decisions export`` of every human decision with its checkpoint and
the run's outcome (sandbox/report/_decisions.py); ``policy suggest`` fitting a threshold policy
(sandbox/control/_suggest.py) that ``run --policy`` and ``sweep --policies`` take.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.control import CallFacts, load_policy, suggest_policy
from sandbox.errors import ConfigError
from sandbox.report import DECISION_COLUMNS, read_decisions, write_decisions
from sandbox.scoring import reliability

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SUBSET = ["hotel-only-paris-cap.yaml", "human-rejects-airline.yaml"]


def invoke(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


# -- calibration -----------------------------------------------------------------------------------


def test_reliability_bins_ece_and_brier_by_hand() -> None:
    pairs = [(0.9, True), (0.9, True), (0.9, False), (0.1, False), (1.0, True)]
    rel = reliability(pairs, bins=2)
    assert rel is not None
    low, high = rel["bins"]
    assert (low["lo"], low["hi"], low["n"], low["accuracy"]) == (0.0, 0.5, 1, 0.0)
    assert high["n"] == 4 and high["accuracy"] == pytest.approx(0.75)
    assert high["confidence"] == pytest.approx(0.925)  # a confidence of exactly 1 is in the last bin
    assert rel["ece"] == pytest.approx(1 / 5 * 0.1 + 4 / 5 * abs(0.925 - 0.75))
    assert rel["brier"] == pytest.approx((0.01 + 0.01 + 0.81 + 0.01 + 0.0) / 5)
    assert reliability([], bins=3) is None
    perfect = reliability([(1.0, True), (0.0, False)], bins=10)
    assert perfect is not None and perfect["ece"] == 0.0 and perfect["brier"] == 0.0
    assert [b["n"] for b in perfect["bins"]] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    with pytest.raises(ValueError, match="between 0 and 1"):
        reliability([(1.5, True)])


# -- a batch with the reviewer, exported and fitted --------------------------------------------------


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp = tmp_path_factory.mktemp("flywheel")
    db = f"sqlite:///{tmp / 'runs.sqlite'}"
    res = invoke(
        "run", *[SCENARIOS / f for f in SUBSET], "--model", "noisy", "--temperature", "0.7", "--trials", "2",
        "--human", "reviewer", "--policy", "ask-on-write", "--db", db, "--no-progress",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    return db, tmp


def test_calibration_reports_runs_and_checkpoints_per_agent_model_and_policy(
    stored: tuple[str, Path],
) -> None:
    db, tmp = stored
    out = tmp / "cal.json"
    res = invoke("calibration", "--db", db, "--bins", "5", "--json", out)
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    (group,) = data["groups"]
    assert (group["agent"], group["model"], group["policy"]) == ("planner", "noisy", "ask-on-write")
    for what in ("runs", "checkpoints"):
        rel = group[what]
        assert len(rel["bins"]) == 5 and sum(b["n"] for b in rel["bins"]) == rel["n"]
        assert 0.0 <= rel["ece"] <= 1.0 and 0.0 <= rel["brier"] <= 1.0
    assert group["runs"]["n"] <= 4 < group["checkpoints"]["n"]
    text = invoke("calibration", "--db", db).output
    assert "checkpoints: confidence vs approved" in text and "ECE" in text


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_decisions_export_has_every_decision_with_its_context_and_the_outcome(
    stored: tuple[str, Path], suffix: str
) -> None:
    db, tmp = stored
    out = tmp / f"decisions{suffix}"
    res = invoke("decisions", "export", "--out", out, "--db", db)
    assert res.exit_code == 0, res.output
    rows = read_decisions(out)
    if suffix == ".csv":
        with out.open(newline="") as f:
            assert tuple(next(csv.reader(f))) == DECISION_COLUMNS
    else:
        assert all(list(json.loads(line)) == list(DECISION_COLUMNS) for line in out.read_text().splitlines())
    assert rows and {r["human"] for r in rows} == {"reviewer"}
    assert {r["run_id"] for r in rows} and all(r["seconds"] and r["seconds"] > 0 for r in rows)
    rejected = [r for r in rows if r["decision"] == "reject"]
    assert rejected and all(
        r["reason_kind"] in ("price", "airline", "time", "hotel", "dates", "other") for r in rejected
    )
    assert any(r["harms"] > 0 for r in rows)  # the noisy model's harmful writes, caught or not
    assert all(isinstance(r["run_passed"], bool) and r["tool_kind"] in ("WRITE", "INTERACT") for r in rows)
    later = tmp / f"later{suffix}"
    assert invoke("decisions", "export", "--out", later, "--db", db, "--since", "2999-01-01").exit_code == 0
    assert read_decisions(later) == []
    other = tmp / f"other{suffix}"
    batch = rows[0]["batch"]
    assert invoke("decisions", "export", "--out", other, "--db", db, "--batch", batch[:6]).exit_code == 0
    assert len(read_decisions(other)) == len(rows)  # one batch in this store
    res = invoke("decisions", "export", "--out", other, "--db", db, "--batch", "nope")
    assert res.exit_code == 2 and "nope" in res.output


def test_policy_suggest_writes_a_policy_that_loads_and_sweep_takes_it(stored: tuple[str, Path]) -> None:
    db, tmp = stored
    export = tmp / "all.jsonl"
    assert invoke("decisions", "export", "--out", export, "--db", db).exit_code == 0
    policy = tmp / "suggested.yaml"
    res = invoke("policy", "suggest", export, "--out", policy)
    assert res.exit_code == 0, res.output
    assert "expected interruption rate" in res.output
    text = policy.read_text()
    assert "# expected interruption rate:" in text
    assert yaml.safe_load(text)["name"] == "suggested"
    load_policy(policy)
    res = invoke(
        "sweep", SCENARIOS / SUBSET[0], "--policies", f"never-ask,{policy}", "--model", "noisy",
        "--db", db, "--json", tmp / "sw.json", "--no-progress",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert [r["policy"] for r in json.loads((tmp / "sw.json").read_text())["policies"]] == [
        "never-ask",
        str(policy),
    ]


def rows(*cells: tuple[float | None, float | None, str]) -> list[dict[str, Any]]:
    return [
        {
            "kind": "tool",
            "tool_kind": "WRITE",
            "amount": a,
            "confidence": c,
            "decision": d,
            "run_id": f"r{n % 3}",
        }
        for n, (a, c, d) in enumerate(cells)
    ]


def test_the_fit_asks_least_while_missing_few_rejections() -> None:
    data = rows(
        (1200, 0.9, "reject"),
        (1500, 0.9, "reject"),
        (1100, 0.95, "reject"),  # dear: people say no
        (300, 0.9, "approve"),
        (200, 0.9, "approve"),
        (150, 0.95, "approve"),
        (400, 0.9, "approve"),
        (300, 0.3, "reject"),
        (250, 0.4, "edit"),  # unsure: people say no
        (300, 0.8, "approve"),
    )
    found = suggest_policy(data, max_missed=0.0)
    assert (found.above, found.below, found.unknown) == (1000, 0.5, False)
    assert (found.asks, found.checkpoints, found.missed, found.not_approved) == (5, 10, 0, 5)
    assert found.interruption_rate == 0.5
    assert [(b["amount"], b["confidence"]) for b in found.bands][:2] == [
        ("$100-$250", "0.85-0.95"),
        ("$100-$250", "0.95+"),
    ]
    assert found.bands[-1]["amount"] == "$1,000-$2,000"
    policy = load_policy(_written(found.yaml()))
    ask = lambda a, c: policy.decide(CallFacts(tool="t", kind="WRITE", amount=a, confidence=c)).outcome  # noqa: E731
    assert (ask(1200, 0.99), ask(300, 0.3), ask(300, 0.9)) == ("ask", "ask", "approve")
    loose = suggest_policy(data, max_missed=0.4)  # may let two of five through: the cheaper rule
    assert loose.asks < found.asks and loose.missed <= 2
    approves_all = suggest_policy(rows((100, 0.9, "approve"), (900, 0.2, "approve")))
    assert approves_all.condition() is None and approves_all.asks == 0
    assert "then: ask" not in approves_all.yaml()


def _written(text: str) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "p.yaml"
    path.write_text(text)
    return path


def test_bad_inputs_are_refused_naming_the_problem(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no decided WRITE or plan"):
        suggest_policy([{"kind": "question", "tool_kind": "INTERACT", "decision": "respond"}])
    with pytest.raises(ConfigError, match="must end in .jsonl or .csv"):
        write_decisions(tmp_path / "d.txt", [])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"decision": "approve", "kind": "tool", "tool_kind": "WRITE"}\nnot json\n')
    with pytest.raises(ConfigError, match=r"bad.jsonl:2: not JSON"):
        read_decisions(bad)
    res = invoke("policy", "suggest", tmp_path / "missing.csv")
    assert res.exit_code == 2 and "no such file" in res.output
    res = invoke("decisions", "export", "--out", tmp_path / "d.jsonl", "--since", "yesterday",
                 "--db", f"sqlite:///{tmp_path / 'r.sqlite'}")  # fmt: skip
    assert res.exit_code == 2 and "--since" in res.output


def test_the_html_report_draws_the_reliability_diagram(stored: tuple[str, Path]) -> None:
    db, tmp = stored
    html = tmp / "report.html"
    res = invoke("report", "--db", db, "--html", html)
    assert res.exit_code == 0, res.output
    text = html.read_text()
    assert 'aria-label="Reliability diagram of runs' in text
    assert text.count('class="rel-bin"') >= 1 and "ECE" in text
    assert "ECE" in res.output
