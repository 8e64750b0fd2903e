"""Spend caps: ``--max-tokens`` and ``--max-cost`` stop a batch cleanly at the cap; the runs not started
are ``skipped`` (stored, shown, left out of pass rates, counted), and ``run --resume`` runs them.

The scripted model reports estimated token usage like a real endpoint does, so these batches spend
tokens offline; a price table (``TRAVEL_SANDBOX_PRICES``) gives it a price for the dollar cap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.runner import RunOptions, SpendCaps, resume_stored_batch, run_stored_batch
from sandbox.store import RunFilter, RunStore

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
ONE_WAY = SCENARIOS / "one-way.yaml"


@pytest.fixture
def store(tmp_path: Path) -> RunStore:
    return RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")


def test_a_token_cap_stops_the_batch_and_skips_the_rest(store: RunStore) -> None:
    batch = run_stored_batch(
        [ONE_WAY], RunOptions(), store=store, trials=4, concurrency=1, caps=SpendCaps(max_tokens=1)
    )
    assert [r.status for r in batch.runs] == ["done", "skipped", "skipped", "skipped"]
    used = batch.runs[0].tokens
    assert used is not None and used > 1
    reason = f"skipped: the batch reached its token cap: {used:,} of --max-tokens 1"
    assert all(r.error == reason and r.scores is None and r.tokens is None for r in batch.runs[1:])
    s = batch.summary
    assert (s["runs"], s["skipped"], s["passed"], s["pass_rate"]) == (1, 3, 1, 1.0)  # skipped: no trial
    assert s["pass_hat_k"] == {"1": 1.0} and s["by_scenario"][0]["trials"] == 1
    assert s["stopped"] == reason.removeprefix("skipped: ") and s["tokens"] == used
    assert store.count(RunFilter(batch=batch.id, status="skipped")) == 3
    assert store.get_batch(batch.id).meta["plan"]["caps"] == {"max_cost": None, "max_tokens": 1}


def test_runs_in_flight_finish_and_only_runs_not_started_are_skipped(store: RunStore) -> None:
    batch = run_stored_batch(
        [ONE_WAY], RunOptions(), store=store, trials=5, concurrency=2, caps=SpendCaps(max_tokens=1)
    )
    assert [r.status for r in batch.runs] == ["done", "done", "skipped", "skipped", "skipped"]


def test_resume_runs_the_skipped_runs_under_the_recorded_cap_or_a_new_one(store: RunStore) -> None:
    batch = run_stored_batch(
        [ONE_WAY], RunOptions(), store=store, trials=4, concurrency=1, caps=SpendCaps(max_tokens=1)
    )
    again = resume_stored_batch(store, batch.id)  # the recorded cap holds for the resume too
    assert again.resumed == {"missing": 0, "error": 0, "skipped": 3}
    assert [r.status for r in again.runs] == ["done", "done", "skipped", "skipped"]
    done = resume_stored_batch(store, batch.id, caps=SpendCaps(max_tokens=10**9))
    assert done.resumed == {"missing": 0, "error": 0, "skipped": 2}
    assert [r.status for r in done.runs] == ["done"] * 4 and done.summary["skipped"] == 0
    assert done.summary["stopped"] is None and len(store.batch_runs(batch.id)) == 4


@pytest.fixture
def priced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    prices = tmp_path / "prices.yaml"
    prices.write_text("scripted: {input: 100.0, output: 200.0}\n")
    monkeypatch.setenv("TRAVEL_SANDBOX_PRICES", str(prices))
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    return prices


def test_a_dollar_cap_prices_each_run_and_stops_the_batch(priced: Path, tmp_path: Path) -> None:
    out, html = tmp_path / "r.json", tmp_path / "r.html"
    result = CliRunner().invoke(
        app,
        ["run", str(ONE_WAY), "--trials", "3", "--concurrency", "1", "--max-cost", "0.5"]
        + ["--no-progress", "--json", str(out), "--html", str(html)],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    first, *rest = data["runs"]
    assert first["cost_usd"] == round((first["input_tokens"] * 100 + first["output_tokens"] * 200) / 1e6, 6)
    assert first["cost_usd"] >= 0.5 and first["input_tokens"] + first["output_tokens"] == first["tokens"]
    assert [r["status"] for r in rest] == ["skipped", "skipped"]
    s = data["summary"]
    assert s["cost_usd"] == first["cost_usd"] and s["skipped"] == 2 and s["runs"] == 1
    assert s["stopped"].startswith("the batch reached its spend cap: $")
    text = " ".join(result.stdout.split())
    assert f"stopped early: {s['stopped']}; 2 run(s) skipped (not counted in pass rates)" in text
    assert f"`travel-sandbox run --resume {s['batch']}` runs them" in text
    assert f"· ${s['cost_usd']:,.4f} ·" in text and "2 runs skipped (never started" in text
    page = html.read_text()
    assert "skipped<b>2</b>" in page and page.count("<td>skipped</td>") == 2


def test_a_dollar_cap_needs_a_price(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    monkeypatch.delenv("TRAVEL_SANDBOX_PRICES", raising=False)
    result = CliRunner().invoke(app, ["run", str(ONE_WAY), "--max-cost", "1", "--no-progress"])
    assert result.exit_code == 2
    assert "--max-cost needs the price of model 'scripted'" in result.stderr
    assert "--max-tokens" in result.stderr
    assert (
        not (tmp_path / "runs.sqlite").exists()
        or RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}").batches() == []
    )


def test_the_shipped_price_table_prices_openai_models(priced: Path) -> None:
    from sandbox.runner import price_for

    assert price_for("openai:gpt-4o-mini") is not None and price_for("gpt-4o-mini") == price_for(
        "openai:gpt-4o-mini"
    )
    assert price_for("openai:some-local-model") is None
    assert price_for("scripted") is not None  # from TRAVEL_SANDBOX_PRICES, over the shipped table
