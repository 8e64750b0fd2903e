"""`travel-sandbox run | list | show | report`: exit codes, the --json contract, stored runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
RUN_KEYS = {
    "scenario",
    "trial",
    "agent",
    "model",
    "status",
    "scores",
    "spend",
    "interrupts",
    "guardrail_blocks",
    "tool_calls",
    "duration_s",
}
SCORE_KEYS = {"correctness", "budget", "preference", "faithfulness", "overall", "passed"}


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


def test_run_writes_the_json_contract(cli, tmp_path):
    out = tmp_path / "r.json"
    res = cli(
        "run",
        str(SCENARIOS / "one-way.yaml"),
        str(SCENARIOS / "basic-round-trip.yaml"),
        "--trials",
        "2",
        "--json",
        str(out),
        "--html",
        str(tmp_path / "r.html"),
        "--no-progress",
    )
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert len(data["runs"]) == 4
    for run in data["runs"]:
        assert RUN_KEYS <= set(run)
        assert SCORE_KEYS <= set(run["scores"])
        assert run["status"] == "done" and run["agent"] == "planner" and run["model"] == "scripted"
    summary = data["summary"]
    assert summary["runs"] == 4 and summary["pass_rate"] == 1.0
    assert summary["pass_hat_k"] == {"1": 1.0, "2": 1.0}
    assert set(summary["pass_at_k"]) == {"1", "2"}
    for name in ("correctness", "budget", "preference", "faithfulness", "overall"):
        assert summary[name] == 1.0
    assert "basic-round-trip" in (tmp_path / "r.html").read_text()
    assert "Scorecard: 4 runs, 2 scenarios" in res.output


def test_do_nothing_fails_and_the_batch_still_exits_zero(cli, tmp_path):
    out = tmp_path / "r.json"
    res = cli(
        "run", str(SCENARIOS / "one-way.yaml"), "--agent", "do-nothing", "--json", str(out), "--no-progress"
    )
    assert res.exit_code == 0
    run = json.loads(out.read_text())["runs"][0]
    assert run["scores"]["passed"] is False and run["tool_calls"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agent", "refrence"], "Unknown agent 'refrence'. Did you mean 'reference'?"),
        (["--policy", "ask-on-wrte"], "Unknown policy 'ask-on-wrte'. Did you mean 'ask-on-write'"),
        (["--human", "robot"], "Unknown human 'robot'."),
    ],
)
def test_bad_names_exit_2_before_running(cli, args, message):
    res = cli("run", str(SCENARIOS / "one-way.yaml"), *args)
    assert res.exit_code == 2
    assert message in res.output


def test_invalid_scenario_exits_2_naming_the_file(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    shutil.copy(SCENARIOS / "one-way.yaml", bad)
    bad.write_text(bad.read_text().replace("request:", "requestt:", 1))
    res = cli("run", str(bad))
    assert res.exit_code == 2
    assert f"{bad}:" in res.output and "requestt" in res.output


def test_show_and_report_read_the_store(cli, tmp_path):
    out = tmp_path / "r.json"
    assert cli("run", str(SCENARIOS / "one-way.yaml"), "--json", str(out), "--no-progress").exit_code == 0
    run_id = json.loads(out.read_text())["runs"][0]["id"]
    shown = cli("show", run_id[:6])
    assert shown.exit_code == 0
    assert "book_flight" in shown.output and run_id in shown.output
    again = tmp_path / "again.json"
    rep = cli("report", "--json", str(again))
    assert rep.exit_code == 0
    assert json.loads(again.read_text())["runs"][0]["id"] == run_id
    missing = cli("show", "nope-not-a-run")
    assert missing.exit_code == 2 and "nope-not-a-run" in missing.output


@pytest.mark.parametrize("what", ["agents", "models", "policies", "scenarios"])
def test_list(cli, what):
    res = cli("list", what)
    assert res.exit_code == 0
    expected = {
        "agents": "reference",
        "models": "",
        "policies": "ask-on-write",
        "scenarios": "basic-round-trip",
    }[what]
    assert expected in res.output


def test_json_dash_writes_the_report_to_stdout_and_the_scorecard_to_stderr(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = cli("run", str(SCENARIOS / "one-way.yaml"), "--agent", "do-nothing", "--json", "-", "--no-progress")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["runs"][0]["scenario"] == "one-way"
    assert "Scorecard: 1 run, 1 scenario" in res.stderr
    assert not (tmp_path / "-").exists()
    again = cli("report", "--json", "-")
    assert json.loads(again.stdout)["runs"] == json.loads(res.stdout)["runs"]


def test_report_of_a_batch_without_runs_exits_2(cli, tmp_path):
    from sandbox.store import RunStore

    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    batch = store.start_batch({"planned_runs": 3})
    res = cli("report", batch)
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [
        f"warning: batch {batch} is incomplete: 0 of 3 planned runs stored; it never finished "
        "(stopped part-way, or still running). Its scores cover the stored runs only.",
        f"error: batch {batch} has no stored runs; nothing to report",
    ]


def test_a_finished_batch_is_complete_and_an_old_unfinished_one_is_not(cli, tmp_path):
    from sandbox.cli._run import incomplete
    from sandbox.store import RunStore

    assert (
        cli("run", str(SCENARIOS / "one-way.yaml"), "--agent", "do-nothing", "--no-progress").exit_code == 0
    )
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    (done,) = store.batches()
    assert done.meta["planned_runs"] == 1 and incomplete(done) is None
    assert cli("report").stderr == ""
    old = store.get_batch(store.start_batch({"agent": "planner"}))  # stored before planned_runs existed
    assert incomplete(old) == (
        f"batch {old.id} is incomplete: 0 runs stored; it never finished (stopped part-way, or still "
        "running). Its scores cover the stored runs only."
    )


def test_a_report_that_cannot_be_written_after_the_batch_says_how_to_rebuild_it(cli, tmp_path, monkeypatch):
    """The path passed the check but the disk filled up meanwhile: exit 2, and the runs are kept."""
    from pathlib import Path as RealPath

    real_write = RealPath.write_text

    def disk_full(self, *args, **kwargs):
        if self.name == "r.json":
            raise OSError(28, "No space left on device")
        return real_write(self, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(RealPath, "write_text", disk_full)
        out = tmp_path / "r.json"
        res = cli(
            "run",
            str(SCENARIOS / "one-way.yaml"),
            "--agent",
            "do-nothing",
            "--json",
            str(out),
            "--no-progress",
        )
        assert res.exit_code == 2
        batch = res.stderr.split("travel-sandbox report ")[1].split()[0]
        assert res.stderr == (
            f"error: --json {out}: writing the report failed: No space left on device. The runs are stored; "
            f"`travel-sandbox report {batch} --json FILE` writes it again.\n"
        )
    assert cli("report", batch).exit_code == 0
