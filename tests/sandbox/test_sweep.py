"""`travel-sandbox sweep`: one stored batch per override policy, the JSON contract, the Pareto frontier,
exit 2 for an unknown policy, the HTML report, reading a sweep back; and the sanity that must hold on
the shipped library, checked on a small subset of it (noisy model, T=0.7, the reviewing human):
asking before every write lets strictly less harm reach the world than never asking, and always
asking interrupts most.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.scoring import SWEEP_FIELDS, pareto_frontier
from sandbox.store import RunStore

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
#: Two shipped scenarios where the noisy model attempts harm that a guardrail does not stop.
SUBSET = ["hotel-only-paris-cap.yaml", "human-rejects-airline.yaml"]
POLICIES = "never-ask,ask-on-write,always-ask"


def invoke(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path, str]:
    tmp = tmp_path_factory.mktemp("sweep")
    db = f"sqlite:///{tmp / 'runs.sqlite'}"
    out, html = tmp / "sweep.json", tmp / "sweep.html"
    paths = [SCENARIOS / f for f in SUBSET]
    res = invoke(
        "sweep", *paths, "--policies", POLICIES, "--model", "noisy", "--temperature", "0.7",
        "--human", "reviewer", "--db", db, "--json", out, "--html", html, "--no-progress",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    return json.loads(out.read_text()), html, db


def test_the_json_is_the_contract(swept: tuple[dict[str, Any], Path, str]) -> None:
    table, _, _ = swept
    assert set(table) == {"policies", "frontier"}
    assert [r["policy"] for r in table["policies"]] == POLICIES.split(",")
    for row in table["policies"]:
        assert list(row) == list(SWEEP_FIELDS)
        assert row["runs"] == len(SUBSET)
        assert (
            row["harm_attempted"]
            == row["caught_by_human"] + row["caught_by_guardrail"] + row["reached_world"]
        )
        assert set(row["pass_hat_k"]) == {"1"}
        assert 0.0 <= row["pass_rate"] <= 1.0
    assert table["frontier"] == pareto_frontier(table["policies"])


def test_asking_on_writes_lets_less_harm_reach_the_world_and_always_asking_interrupts_most(
    swept: tuple[dict[str, Any], Path, str],
) -> None:
    rows = {r["policy"]: r for r in swept[0]["policies"]}
    assert rows["ask-on-write"]["reached_world"] < rows["never-ask"]["reached_world"]
    assert rows["never-ask"]["caught_by_human"] == 0  # nobody was asked
    assert rows["ask-on-write"]["caught_by_human"] > 0
    most = max(rows.values(), key=lambda r: r["interruptions_per_run"])
    assert most["policy"] == "always-ask"
    assert rows["always-ask"]["human_minutes_per_run"] > rows["never-ask"]["human_minutes_per_run"]
    assert rows["never-ask"]["interruptions_per_run"] < rows["ask-on-write"]["interruptions_per_run"]


def test_each_policy_is_a_stored_batch_tagged_with_the_sweep_and_can_be_shown_again(
    swept: tuple[dict[str, Any], Path, str], tmp_path: Path
) -> None:
    table, _, db = swept
    tags = [b.meta.get("sweep") for b in RunStore(db).batches()]
    tags = [t for t in tags if t]
    assert sorted(t["policy"] for t in tags) == sorted(POLICIES.split(","))
    assert len({t["id"] for t in tags}) == 1
    again = tmp_path / "again.json"
    res = invoke("sweep", "--show", tags[0]["id"][:6], "--db", db, "--json", again)
    assert res.exit_code == 0, res.output
    assert json.loads(again.read_text()) == table


def test_the_html_draws_the_frontier(swept: tuple[dict[str, Any], Path, str]) -> None:
    table, html, _ = swept
    text = html.read_text()
    assert "<script" not in text and "http" not in text.replace("http-equiv", "")
    assert text.count('class="sweep-point') == 3
    assert text.count('class="sweep-point on-front"') == len(table["frontier"])
    if len(table["frontier"]) > 1:
        assert 'class="frontier-line"' in text
    for policy in POLICIES.split(","):
        assert f"<code>{policy}</code>" in text


@pytest.mark.parametrize(
    ("policies", "message"),
    [
        ("never-ask,nevr-ask", "Unknown policy 'nevr-ask'. Did you mean 'never-ask'?"),
        ("never-ask,,always-ask", "comma-separated list"),
        ("never-ask,never-ask", "never-ask given more than once"),
        ("ask-above-lots", "ask-above-"),
    ],
)
def test_a_bad_policy_list_exits_2_before_anything_runs(tmp_path: Path, policies: str, message: str) -> None:
    db = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    res = invoke("sweep", SCENARIOS / SUBSET[0], "--policies", policies, "--db", db)
    assert res.exit_code == 2
    assert message in res.output
    assert RunStore(db).batches() == []


def test_an_unknown_human_or_a_console_human_exits_2(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    res = invoke("sweep", SCENARIOS / SUBSET[0], "--human", "reviewer:2", "--db", db)
    assert res.exit_code == 2 and "catch rate" in res.output
    res = invoke("sweep", SCENARIOS / SUBSET[0], "--human", "console", "--db", db)
    assert res.exit_code == 2 and "unattended" in res.output


def row(policy: str, asks: float, reached: int, runs: int = 10) -> dict[str, Any]:
    return {"policy": policy, "runs": runs, "interruptions_per_run": asks, "reached_world": reached}


def test_the_frontier_keeps_only_policies_nothing_beats_on_both() -> None:
    rows = [
        row("always", 9.0, 0),
        row("never", 0.0, 8),
        row("write", 4.0, 0),  # beats always: as little harm, fewer asks
        row("unsure", 2.0, 9),  # beaten by never
        row("above", 2.0, 3),
        row("twin", 2.0, 3),  # the same point as above: both stay
    ]
    assert pareto_frontier(rows) == ["never", "above", "twin", "write"]
    assert pareto_frontier([row("a", 1.0, 2, runs=0)]) == []  # no runs, no point
    assert pareto_frontier([row("few", 1.0, 2, runs=2), row("many", 1.0, 4, runs=8)]) == ["many"]  # per run
