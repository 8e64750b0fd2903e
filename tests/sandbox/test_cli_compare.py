"""`travel-sandbox compare`: the --json contract (exact keys), batch ids from `run`, terminal and HTML
output, and exit 2 for unknown batches and other bad input.

Three stored batches, made once: planner and do-nothing on the same three scenarios (two trials
each), and do-nothing on one of them only (a different scenario set).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from sandbox.cli import app

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [
    ROOT / "scenarios" / f"{name}.yaml" for name in ("one-way", "basic-round-trip", "impossible-budget")
]
TOP_KEYS = [
    "batches",
    "paired",
    "verdict",
    "resamples",
    "seed",
    "scenarios",
    "left_out",
    "notes",
    "provenance",
    "tradeoffs",
    "sensitivity",
]
BATCH_KEYS = [
    "batch", "agent", "model", "policy", "runs", "scenarios", "trials", "passed", "pass_hat_k", "pass_at_k",
    "pass_hat_k_ci95", "pass_at_k_ci95", "overall", "overall_ci95",
]  # fmt: skip
PAIRED_KEYS = [
    "a", "b", "scenarios", "a_only", "b_only", "p_value", "overall_diff", "overall_diff_ci95", "flipped",
    "pass_rate_diff", "pass_rate_diff_ci95", "by_scenario", "by_tag",
]  # fmt: skip


@dataclass
class Batches:
    db: str
    planner: str
    nothing: str
    nothing_one: str
    reports: dict[str, dict[str, Any]]  # the `run --json` report of each batch


def invoke(*args: object) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> Batches:
    tmp = tmp_path_factory.mktemp("compare")
    db = f"sqlite:///{tmp / 'runs.sqlite'}"
    reports = {}
    for name, agent, paths in (
        ("planner", "planner", SCENARIOS),
        ("nothing", "do-nothing", SCENARIOS),
        ("nothing_one", "do-nothing", SCENARIOS[:1]),
    ):
        out = tmp / f"{name}.json"
        result = invoke(
            "run", *paths, "--agent", agent, "--trials", 2, "--db", db, "--no-progress", "--json", out
        )
        assert result.exit_code == 0, result.output
        reports[name] = json.loads(out.read_text())
        assert f"batch {reports[name]['summary']['batch']}: " in result.stdout  # run prints its batch id
    ids = {name: r["summary"]["batch"] for name, r in reports.items()}
    return Batches(db, ids["planner"], ids["nothing"], ids["nothing_one"], reports)


def verdicts(report: dict[str, Any]) -> dict[str, bool]:
    """Each scenario's verdict from a `run --json` report: passed in every trial."""
    out: dict[str, bool] = {}
    for run in report["runs"]:
        passed = run["status"] == "done" and run["scores"]["passed"]
        out[run["scenario"]] = out.get(run["scenario"], True) and passed
    return out


def test_run_json_has_the_batch_and_prints_it_on_stderr_with_json_stdout(batches: Batches) -> None:
    result = invoke(
        "run", SCENARIOS[0], "--agent", "do-nothing", "--db", batches.db, "--no-progress", "--json", "-"
    )
    assert result.exit_code == 0, result.output
    batch = json.loads(result.stdout)["summary"]["batch"]
    assert f"batch {batch}: 1 runs stored" in result.stderr
    assert batch not in (batches.planner, batches.nothing, batches.nothing_one)


def test_compare_json_is_the_contract(batches: Batches, tmp_path: Path) -> None:
    out = tmp_path / "cmp.json"
    result = invoke("compare", batches.planner, batches.nothing, "--db", batches.db, "--json", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert list(data) == TOP_KEYS
    assert [list(b) for b in data["batches"]] == [BATCH_KEYS, BATCH_KEYS]
    [pair] = data["paired"]
    assert list(pair) == PAIRED_KEYS

    a, b = data["batches"]
    assert (a["batch"], a["agent"], a["model"]) == (batches.planner, "planner", "scripted")
    assert (b["batch"], b["agent"]) == (batches.nothing, "do-nothing")
    assert a["pass_hat_k"] == batches.reports["planner"]["summary"]["pass_hat_k"]
    assert b["pass_at_k"] == batches.reports["nothing"]["summary"]["pass_at_k"]
    assert set(a["pass_hat_k_ci95"]) == {"1", "2"}

    va, vb = verdicts(batches.reports["planner"]), verdicts(batches.reports["nothing"])
    assert (pair["a"], pair["b"], pair["scenarios"]) == (batches.planner, batches.nothing, 3)
    assert pair["a_only"] == sum(va[s] and not vb[s] for s in va)
    assert pair["b_only"] == sum(vb[s] and not va[s] for s in va)
    assert pair["a_only"] >= 2  # do-nothing books nothing: it fails every scenario that expects a booking
    assert pair["flipped"] == sorted(s for s in va if va[s] != vb[s])
    assert 0 < pair["p_value"] <= 1 and pair["overall_diff"] < 0
    lo, hi = pair["overall_diff_ci95"]
    assert lo <= pair["overall_diff"] <= hi
    assert data["left_out"] == {batches.planner: [], batches.nothing: []} and data["notes"] == []


def test_compare_json_to_stdout_puts_the_tables_on_stderr(batches: Batches) -> None:
    result = invoke("compare", batches.planner[:6], batches.nothing, "--db", batches.db, "--json", "-")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # nothing else on stdout
    assert data["batches"][0]["batch"] == batches.planner  # a prefix resolves
    assert "Paired by scenario" in result.stderr and "McNemar" in result.stderr


def test_compare_terminal_names_the_flips_and_the_html_is_self_contained(
    batches: Batches, tmp_path: Path
) -> None:
    html = tmp_path / "cmp.html"
    result = invoke("compare", batches.planner, batches.nothing, "--db", batches.db, "--html", html)
    assert result.exit_code == 0, result.output
    assert "Batches" in result.stdout and "Scenarios that differ" in result.stdout
    assert "one-way" in result.stdout and "a only" in result.stdout
    page = html.read_text()
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert batches.planner in page and "McNemar" in page and "By tag" in page and "one-way" in page


def test_different_scenario_sets_are_compared_on_the_intersection(batches: Batches, tmp_path: Path) -> None:
    out = tmp_path / "cmp.json"
    result = invoke(
        "compare", batches.planner, batches.nothing, batches.nothing_one, "--db", batches.db, "--json", out
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["scenarios"] == ["one-way"]
    assert data["left_out"][batches.planner] == ["basic-round-trip", "impossible-budget"]
    assert [p["b"] for p in data["paired"]] == [batches.nothing, batches.nothing_one]
    assert [p["scenarios"] for p in data["paired"]] == [1, 1]
    assert result.stderr.startswith(
        "warning: the batches ran different scenarios: compared on the 1 they all ran"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope-batch"], "error: compare needs at least two batch ids, got 1"),
        (["{planner}", "{planner}"], "error: batch {planner} is given twice"),
        (
            ["{planner}", "{planner}0"],
            "error: No batch with id '{planner}0' in {db}. Did you mean '{planner}'?",
        ),
        (["{planner}", "zzzzzz"], "error: No batch with id 'zzzzzz' in {db}. Most recent batches: "),
        (["{planner}"] + ["x"] * 10, "error: compare at most 10 batches at once (got 11)"),
    ],
)
def test_bad_batches_exit_2_naming_them(batches: Batches, args: list[str], message: str) -> None:
    fill = {"planner": batches.planner, "db": batches.db}
    result = invoke("compare", *(a.format(**fill) for a in args), "--db", batches.db)
    assert result.exit_code == 2
    assert result.stderr.startswith(message.format(**fill))
    assert result.stdout == ""


def test_batches_with_no_scenario_in_common_exit_2(batches: Batches, tmp_path: Path) -> None:
    other = tmp_path / "o.json"
    ran = invoke(
        "run", SCENARIOS[1], "--agent", "do-nothing", "--db", batches.db, "--no-progress", "--json", other
    )
    assert ran.exit_code == 0
    lone = json.loads(other.read_text())["summary"]["batch"]
    result = invoke("compare", batches.nothing_one, lone, "--db", batches.db)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the batches have no scenario in common")


@pytest.mark.parametrize("option", [["--resamples", "0"], ["--verdict", "most"], ["--json", "."]])
def test_bad_options_exit_2(batches: Batches, option: list[str]) -> None:
    result = invoke("compare", batches.planner, batches.nothing, "--db", batches.db, *option)
    assert result.exit_code == 2, result.output
