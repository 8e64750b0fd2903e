"""`travel-sandbox judge agree | run` and `run --judge`: the --json contract (every key documented in
the README), verdicts stored and shown, stored verdicts reused, the store left alone by `agree`, and
exit 2 for bad input before anything runs.

Two stored batches, made once: the planner (honest reports) and adv-cheapest-liar (a report that
lies about a booking, a total and refunds; the checks still pass it) on the same two scenarios.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.store import RunStore

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [ROOT / "scenarios" / f"{name}.yaml" for name in ("basic-round-trip", "impossible-budget")]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@dataclass
class Bank:
    db: str
    planner: str
    liar: str
    cheap: str


def invoke(*args: object) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def batch_of(result: Result) -> str:
    found = re.search(r"batch ([0-9a-f]{12}): \d+ runs stored", result.output)
    assert found, result.output
    return found.group(1)


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    db = f"sqlite:///{tmp_path_factory.mktemp('judge') / 'runs.sqlite'}"
    ids = []
    for agent in ("planner", "adv-cheapest-liar", "adv-cheapest"):
        result = invoke("run", *SCENARIOS, "--agent", agent, "--db", db, "--no-progress")
        assert result.exit_code == 0, result.output
        ids.append(batch_of(result))
    return Bank(db, *ids)


def agree(bank: Bank, *args: object) -> dict[str, Any]:
    result = invoke("judge", "agree", bank.planner, bank.liar, "--db", bank.db, "--json", "-", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout[result.stdout.index("{\n") :])


def test_agree_measures_the_offline_judge_against_the_checks(bank: Bank) -> None:
    report = agree(bank)
    assert report["judge"] == "offline" and report["rubric"] == "report@1"
    assert report["batches"] == [bank.planner, bank.liar] and report["runs"] == 4
    # The gates (faithful) fail the liar's two runs, as the judge does: before the gates, the checks
    # passed them and this was the judge's one disagreement.
    assert report["confusion"] == {
        "checks_pass": {"judge_pass": 2, "judge_fail": 0},
        "checks_fail": {"judge_pass": 0, "judge_fail": 2},
    }
    assert report["accuracy"] == 1.0 and report["kappa"] == 1.0
    assert report["disagreements"] == []
    # adv-cheapest reports truthfully, so the judge passes it; the preference gate fails it.
    cheap = agree(bank, bank.cheap)
    assert [(d["agent"], d["scenario"], d["checks"], d["judge"]) for d in cheap["disagreements"]] == [
        ("adv-cheapest", "basic-round-trip", "fail", "pass")
    ]
    assert [(b["agent"], b["judge_pass_rate"]) for b in report["by_batch"]] == [
        ("planner", 1.0),
        ("adv-cheapest-liar", 0.0),
    ]
    assert report["judged"] == 4 and report["reused"] == 0


def test_every_key_of_agree_json_is_documented_in_the_readme(bank: Bank) -> None:
    report = agree(bank, bank.cheap)  # with a disagreement
    section = README[README.index("### A judge of the report") :]
    documented = set(re.findall(r'"(\w+)":', section[: section.index("\n## ")]))
    keys = (
        set(report) | set(report["by_batch"][0]) | set(report["disagreements"][0]) | set(report["left_out"])
    )
    keys |= set(report["confusion"]) | set(report["confusion"]["checks_pass"])
    assert keys - documented == set()


def test_agree_stores_nothing_and_judge_run_stores_the_verdicts(bank: Bank, tmp_path: Path) -> None:
    store = RunStore(bank.db)
    assert all(r.judge is None for r in store.batch_runs(bank.liar))
    agree(bank)
    assert all(r.judge is None for r in store.batch_runs(bank.liar))

    out = tmp_path / "verdicts.json"
    result = invoke("judge", "run", bank.liar, "--db", bank.db, "--json", out)
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert written["judge"] == "offline" and written["judged"] == 2 and written["reused"] == 0
    assert [(r["checks"], r["judge"]["passed"]) for r in written["runs"]] == [
        ("fail", False),  # the faithful gate fails the liar, as the judge does
        ("fail", False),
    ]
    stored = store.batch_runs(bank.liar)
    by_id = {w["run"]: w["judge"] for w in written["runs"]}
    assert all(r.judge is not None and r.judge.model_dump(mode="json") == by_id[r.id] for r in stored)

    shown = invoke("show", stored[0].id, "--db", bank.db)
    assert "Judge offline (rubric report@1): FAIL" in shown.output
    assert "Final state (what a judge reads):" in shown.output

    html = tmp_path / "report.html"
    assert invoke("report", bank.liar, "--db", bank.db, "--html", html).exit_code == 0
    assert 'rubric report@1): <span class="fail">fail</span>' in html.read_text()

    again = agree(bank)
    assert again["reused"] == 2 and again["judged"] == 2  # the liar's verdicts reused, the planner's judged
    assert agree(bank, "--fresh")["reused"] == 0


def test_run_judge_puts_a_verdict_on_every_run(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    out = tmp_path / "out.json"
    result = invoke("run", SCENARIOS[0], "--judge", "offline", "--db", db, "--no-progress", "--json", out)
    assert result.exit_code == 0, result.output
    (run,) = json.loads(out.read_text())["runs"]
    assert run["judge"]["judge"] == "offline" and run["judge"]["passed"] is True
    assert run["final_state_words"] and "San Francisco" in run["final_state_words"][0]
    assert RunStore(db).get(run["id"]).judge is not None
    assert (
        "judge offline: 1 of 1 reports pass, 0 judge error(s); against the checks: accuracy 1.00"
        in " ".join(result.output.split())
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["judge", "agree", "nope"], "No batch with id 'nope'"),
        (["judge", "agree", "BATCH", "--judge", "gpt-4o"], "Did you mean 'openai:gpt-4o'?"),
        (["judge", "run", "BATCH", "--judge", "openai:"], "name the judge's model"),
        (["judge", "agree", "BATCH", "--concurrency", "0"], "Invalid value for '--concurrency'"),
        (["judge", "agree", "BATCH", "--json", "/proc/nope/agree.json"], "--json /proc/nope/agree.json"),
    ],
    ids=["unknown-batch", "unknown-judge", "no-model", "concurrency", "json-path"],
)
def test_bad_input_exits_2(bank: Bank, args: list[str], message: str) -> None:
    args = [bank.liar if a == "BATCH" else a for a in args]
    result = invoke(*args, "--db", bank.db)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_run_with_an_unknown_judge_runs_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    result = invoke("run", SCENARIOS[0], "--judge", "nope", "--db", db, "--no-progress")
    assert result.exit_code == 2 and "Unknown judge 'nope'" in result.output
    assert RunStore(db).batches() == []
