"""Trade-offs in one view (sandbox/scoring/_tradeoffs.py): accuracy, speed (wall and model time) and
cost per agent, model and policy, in the HTML report and in ``compare``; and the model time a run
measures (``RunResult.model_s``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.scoring import TRADEOFF_FIELDS, tradeoffs
from tests.sandbox.test_stats import make_run

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_a_run_measures_the_time_it_waited_for_its_model() -> None:
    result = run(load_scenario(SCENARIOS / "one-way.yaml"), RunOptions(model="noisy"))
    assert result.model_calls > 0
    assert result.model_s is not None and 0.0 < result.model_s <= result.duration_s
    silent = run(load_scenario(SCENARIOS / "one-way.yaml"), RunOptions(agent="do-nothing"))
    assert silent.model_calls == 0 and silent.model_s == 0.0


def timed(run_: Any, **update: Any) -> Any:
    return run_.model_copy(update=update)


def test_one_row_per_agent_model_and_policy_with_means_and_cost() -> None:
    runs = [
        timed(
            make_run("paris", 0, 1.0, passed=True), duration_s=2.0, model_s=1.0, tokens=1000, cost_usd=0.01
        ),
        timed(
            make_run("paris", 1, 0.2), duration_s=4.0, model_s=3.0, tokens=3000, cost_usd=0.03, interrupts=3
        ),
        timed(make_run("paris", 2, 0.2), duration_s=1.0, model_s=None, tokens=None, policy="never-ask"),
        timed(make_run("paris", 3, 0.2), status="skipped", scores=None),  # never started: left out
    ]
    rows = tradeoffs(runs)
    assert [list(r) for r in rows] == [list(TRADEOFF_FIELDS)] * 2
    first, second = rows
    assert (first["runs"], first["pass_rate"], first["wall_s_per_run"], first["model_s_per_run"]) == (
        2,
        0.5,
        3.0,
        2.0,
    )
    assert (first["tokens_per_run"], first["cost_usd"], first["cost_per_run"]) == (2000.0, 0.04, 0.02)
    assert first["interruptions_per_run"] == 1.5
    assert (second["policy"], second["model_s_per_run"], second["tokens_per_run"], second["cost_usd"]) == (
        "never-ask",
        None,
        None,
        None,
    )
    unpriced = tradeoffs([timed(make_run("p", 0, 1.0), tokens=500, cost_usd=None)])
    assert unpriced[0]["cost_usd"] is None and unpriced[0]["cost_per_run"] is None


@pytest.fixture(scope="module")
def two_batches(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str], Path]:
    tmp = tmp_path_factory.mktemp("tradeoffs")
    db = f"sqlite:///{tmp / 'runs.sqlite'}"
    ids = []
    for policy in ("never-ask", "always-ask"):
        out = tmp / f"{policy}.json"
        res = CliRunner().invoke(
            app,
            ["run", str(SCENARIOS / "one-way.yaml"), "--model", "noisy", "--policy", policy, "--human", "auto",
             "--db", db, "--json", str(out), "--html", str(tmp / f"{policy}.html"), "--no-progress"],
        )  # fmt: skip
        assert res.exit_code == 0, res.output
        ids.append(json.loads(out.read_text())["summary"]["batch"])
    return db, ids, tmp


def test_the_html_report_has_the_tradeoffs(two_batches: tuple[str, list[str], Path]) -> None:
    _, _, tmp = two_batches
    html = (tmp / "always-ask.html").read_text()
    assert 'id="tradeoffs"' in html and "planner · noisy · always-ask" in html
    assert "model s / run" in html and "cost / run" in html


def test_compare_shows_the_tradeoffs_of_each_batch(two_batches: tuple[str, list[str], Path]) -> None:
    db, ids, tmp = two_batches
    out, html = tmp / "cmp.json", tmp / "cmp.html"
    res = CliRunner().invoke(app, ["compare", *ids, "--db", db, "--json", str(out), "--html", str(html)])
    assert res.exit_code == 0, res.output
    rows = json.loads(out.read_text())["tradeoffs"]
    assert [(r["batch"], r["policy"]) for r in rows] == [(ids[0], "never-ask"), (ids[1], "always-ask")]
    assert rows[0]["interruptions_per_run"] < rows[1]["interruptions_per_run"]
    assert all(r["model_s_per_run"] is not None and r["model_s_per_run"] > 0 for r in rows)
    assert 'id="tradeoffs"' in html.read_text()
    shown = CliRunner().invoke(app, ["compare", *ids, "--db", db])
    assert "Trade-offs: accuracy, speed, cost" in shown.output
