"""``benchmarks/intent_coverage.py``: the mechanics of comparing a reading with a scenario's hidden
constraints (agree / disagree / not stated / n/a, per field and per tag), on three shipped scenarios.
No accuracy figure is pinned: the reader belongs to another piece of work; this checks the ruler."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from agents.intent import LegIntent, StayIntent, TripIntent
from sandbox.scenarios import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
IDS = ("basic-round-trip", "cancel-hotel-keep-flights", "hotel-only-austin-crash-pad")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "intent_coverage", ROOT / "benchmarks" / "intent_coverage.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["intent_coverage"] = module
    spec.loader.exec_module(module)
    return module


def _exact(scenario) -> TripIntent:  # type: ignore[no-untyped-def]
    """The intent a perfect reader would give: the hidden constraints, copied."""
    c = scenario.constraints
    legs = [LegIntent(origin=x.origin, destination=x.destination, date=x.date, nonstop=x.nonstop or None)
            for x in c.legs]  # fmt: skip
    stays = [
        StayIntent(
            city=s.city,
            check_in=(s.dates() or (None, None))[0],
            check_out=(s.dates() or (None, None))[1],
            min_stars=s.min_stars,
            amenities=list(s.amenities),
        )  # fmt: skip
        for s in c.stays
    ]
    change = scenario.expect.change
    return TripIntent(legs=legs, stays=stays, travelers=c.travelers, rooms=c.rooms, budget=c.max_total,
                      keep=list(scenario.expect.keep), cancel=list(change.cancel) if change else [])  # fmt: skip


def test_a_perfect_reading_agrees_and_an_empty_one_states_nothing():
    bench = _bench()
    for sid in IDS:
        scenario = load_scenario(SCENARIOS / f"{sid}.yaml")
        exact = bench.fields_of(scenario, _exact(scenario))
        assert set(exact) == set(bench.FIELDS)
        assert set(exact.values()) <= {"agree", "n/a"}, (sid, exact)
        empty = bench.fields_of(scenario, TripIntent())
        assert "agree" not in empty.values() and "disagree" not in empty.values(), (sid, empty)
        assert empty["party"] == "not stated"
    round_trip = load_scenario(SCENARIOS / "basic-round-trip.yaml")
    exact = bench.fields_of(round_trip, _exact(round_trip))
    assert exact["route"] == exact["dates"] == exact["budget"] == "agree"
    assert exact["keep"] == exact["cancel"] == "n/a"


def test_a_misreading_disagrees_on_its_own_field_only():
    bench = _bench()
    scenario = load_scenario(SCENARIOS / "basic-round-trip.yaml")
    wrong = _exact(scenario)
    wrong.travelers = 2
    wrong.legs[1].destination = "LAX"
    wrong.stays[0].min_stars = 5  # the scenario wants 4 stars as a wish only: a limit it does not have
    got = bench.fields_of(scenario, wrong)
    assert (got["party"], got["route"], got["stars"]) == ("disagree", "disagree", "disagree")
    assert got["dates"] == got["budget"] == "agree"
    held = load_scenario(SCENARIOS / "cancel-hotel-keep-flights.yaml")
    swapped = _exact(held)
    swapped.keep, swapped.cancel = swapped.cancel, swapped.keep
    got = bench.fields_of(held, swapped)
    assert got["keep"] == got["cancel"] == "disagree"


def test_counts_per_field_and_tag_and_the_json_report(tmp_path: Path):
    bench = _bench()
    scenarios = [load_scenario(SCENARIOS / f"{sid}.yaml") for sid in IDS]
    result = bench.coverage(scenarios)
    assert [r["scenario"] for r in result["scenarios"]] == list(IDS)
    for counts in result["by_field"].values():
        assert sum(counts.values()) == len(IDS)
    tag_total = sum(sum(c.values()) for c in result["by_tag"].values())
    assert tag_total == sum(len(s.tags) for s in scenarios) * len(bench.FIELDS)
    held = bench.context(scenarios[1])  # what list_bookings and the profile tell the agent
    assert [b.id for b in held.bookings] == ["B0001", "B0002", "B0003"] and held.home == "JFK"
    folder = tmp_path / "s"
    folder.mkdir()
    for sid in IDS[:2]:
        (folder / f"{sid}.yaml").write_text((SCENARIOS / f"{sid}.yaml").read_text())
    out = tmp_path / "cov.json"
    assert bench.main([str(folder), "--json", str(out)]) == 0
    written = json.loads(out.read_text())
    assert len(written["scenarios"]) == 2 and set(written["by_field"]) == set(bench.FIELDS)


def test_json_dash_puts_the_report_on_stdout_and_the_tables_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _bench()
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / f"{IDS[0]}.yaml").write_text((SCENARIOS / f"{IDS[0]}.yaml").read_text())
    assert bench.main([str(folder), "--json", "-"]) == 0
    got = capsys.readouterr()
    assert json.loads(got.out)["scenarios"][0]["scenario"] == IDS[0]  # stdout is the JSON alone
    assert "agree share" in got.err and not (tmp_path / "-").exists() and not Path("-").exists()


def test_a_json_path_that_cannot_be_written_exits_2_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _bench()
    with pytest.raises(SystemExit) as exit_:
        bench.main([str(SCENARIOS), "--json", str(tmp_path)])  # a folder, not a file
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--json" in err and "is a directory" in err
