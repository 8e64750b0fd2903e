"""The ``random`` baseline: valid calls, random choices, the same run for the same scenario."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from agents.random_agent import build, mentioned_cities, mentioned_dates
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TODAY = dt.date(2027, 1, 5)


def test_it_skims_cities_and_dates():
    text = "From San Francisco to New York: out on Wednesday 20 January 2027 and back on Sunday 24 January."
    assert mentioned_cities(text) == ["SFO", "JFK"]
    assert mentioned_dates(text, TODAY) == [dt.date(2027, 1, 20), dt.date(2027, 1, 24)]
    assert mentioned_dates("January 2027, then February 3rd and 2027-02-09", TODAY) == [
        dt.date(2027, 2, 3),
        dt.date(2027, 2, 9),
    ]
    assert mentioned_dates("on 3 January", TODAY) == [dt.date(2028, 1, 3)]  # past without a year: next year
    assert mentioned_cities("somewhere warm") == [] and mentioned_dates("next month", TODAY) == []
    assert getattr(build, "needs_model", True) is False


@pytest.mark.parametrize("sid", ["basic-round-trip", "one-way", "two-travellers", "calendar-conflict"])
def test_every_call_is_valid_and_the_run_repeats(sid):
    scenario = load_scenario(SCENARIOS / f"{sid}.yaml")
    first = run(scenario, RunOptions(agent="random"))
    again = run(scenario, RunOptions(agent="random", trial=1))
    assert first.status == "done" and first.scores is not None
    assert (first.state_hash, first.final_message) == (again.state_hash, again.final_message)
    errors = [
        e.data.result.error.model_dump() for e in first.trace if e.type == "tool_result" and not e.data.ok
    ]
    assert not [e for e in errors if e["code"] in ("not_found", "invalid_argument", "unknown_tool")]
    booked = [e.data.args for e in first.trace if e.type == "tool_call" and e.data.tool.startswith("book_")]
    assert booked, "it books something from the search results"
