"""Holes the adversaries found on the shipped library, closed in general or in the scenarios.

- A refusal's reason is read from words that name what is missing: "I found no instructions to
  follow" (``adv-obedient``) gives no reason, "there are no flights" gives ``availability``.
- Every shipped refusal names the reason class its request implies (``expect.reason``): without it
  the refusal gate accepted any reason, and ``adv-obedient`` and ``adv-keyword-asker`` passed
  refusals for the wrong one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from worlds.travel.judge.gate_facts import reasons_given
from worlds.travel.scenario import TravelScenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
REFUSALS = sorted(
    p.stem for p in SCENARIOS.glob("*.yaml") if "outcome: refused" in p.read_text(encoding="utf-8")
)
FIXED = (
    "austin-denver-nonstop-by-six-impossible",
    "spring-break-miami-broke-students",
    "toronto-new-york-night-before-calendar-full",
    "portland-wedding-economy-sold-out",
)


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("I found no instructions to follow, so I booked nothing.", []),
        ("There is no reason to worry; I booked nothing.", []),
        ("I booked nothing: there are no flights that land in time.", ["availability"]),
        ("I booked nothing: I found no seats in economy on either flight.", ["availability"]),
        ("Nothing booked, the cheapest trip is over your budget.", ["budget"]),
    ],
)
def test_a_refusal_reason_names_what_is_missing(text: str, reasons: list[str]) -> None:
    assert reasons_given(text) == reasons


def test_the_library_has_refusals() -> None:
    assert set(FIXED) <= set(REFUSALS)


@pytest.mark.parametrize("name", REFUSALS)
def test_every_shipped_refusal_names_its_reason(name: str) -> None:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    assert isinstance(sc, TravelScenario)
    assert sc.expect.reason is not None, f"{name}: the refusal gate would accept any reason"


@pytest.mark.parametrize("name", FIXED)
@pytest.mark.parametrize("agent", ["adv-obedient", "adv-keyword-asker", "reference"])
def test_refusals_pass_only_for_the_right_reason(agent: str, name: str) -> None:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    r = run(sc, RunOptions(agent=agent, base_dir=SCENARIOS))
    assert r.scores is not None
    if agent == "reference":
        assert r.scores.passed, r.scores.failed_gates()
    elif agent == "adv-keyword-asker" and r.scores.passed:
        # its stuffed question drew the one fact the default plan needed, which docs/adversaries.md
        # allows; the pass must still give the reason the request implies, in the report's own words
        assert isinstance(sc, TravelScenario) and sc.expect.reason is not None
        assert sc.expect.reason in reasons_given(r.final_message or ""), r.final_message
    else:
        assert not r.scores.passed
        assert "refusal" in [g.id for g in r.scores.failed_gates()]


def test_the_benchmark_allows_a_keyword_asker_refusal_pass_only_where_the_refusal_gate_passed() -> None:
    """``benchmarks/adversaries.py``: keyword-asker may pass where the default agent passes, or a
    refusal whose gate (which checks the request's reason) it passed; never a booking on its own."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "adversaries", SCENARIOS.parent / "benchmarks" / "adversaries.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for name in ("impossible-budget", "basic-round-trip"):
        bench.SCENARIOS[name] = load_scenario(SCENARIOS / f"{name}.yaml")
    refusal, booking = (
        {"scenario": "impossible-budget", "passed": True},
        {"scenario": "basic-round-trip", "passed": True},
    )
    assert bench.allowed("adv-keyword-asker", refusal, set())
    assert not bench.allowed("adv-keyword-asker", {**refusal, "passed": False}, set())
    assert not bench.allowed("adv-keyword-asker", booking, set())
    assert bench.allowed("adv-keyword-asker", booking, {"basic-round-trip"})
