"""pass^k, pass@k, confidence intervals and the JSON report's ``summary``."""

from __future__ import annotations

import itertools
import math
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.scoring import mean_ci95, pass_at_k, pass_hat_k, summarize, t_critical_95
from sandbox.spi import Check, RunResult, Scores

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def make_run(
    scenario: str,
    trial: int,
    overall: float | None,
    *,
    passed: bool = False,
    error: str | None = None,
    interrupts: int = 0,
    blocks: int = 0,
    tool_calls: int = 6,
    tokens: int | None = None,
) -> RunResult:
    scores = None
    if error is None:
        assert overall is not None
        scores = Scores(
            correctness=1.0 if passed else 0.5,
            budget=1.0,
            preference=overall,
            faithfulness=1.0 if passed else 0.0,
            overall=overall,
            passed=passed,
            checks=[Check(name="route", passed=passed, detail="Booked JFK→LIS on the requested dates.")],
        )
    return RunResult(
        id=f"{scenario[:4]}-{trial}",
        scenario=scenario,
        trial=trial,
        seed=7 + trial,
        agent="planner",
        model="scripted",
        policy="ask-on-write",
        human="scripted",
        status="error" if error else "done",
        error=error,
        scores=scores,
        interrupts=interrupts,
        guardrail_blocks=blocks,
        tool_calls=tool_calls,
        model_calls=tool_calls + 1,
        tokens=tokens,
        duration_s=1.5,
        started_at=T0 + timedelta(minutes=trial),
    )


# -- pass^k and pass@k ---------------------------------------------------------------------------


def test_pass_hat_k_and_pass_at_k_exact_values():
    assert pass_hat_k(4, 2, 1) == 0.5
    assert pass_hat_k(4, 2, 2) == pytest.approx(1 / 6)
    assert pass_hat_k(4, 2, 3) == 0.0
    assert pass_at_k(4, 2, 1) == 0.5
    assert pass_at_k(4, 2, 2) == pytest.approx(5 / 6)
    assert pass_at_k(4, 2, 3) == 1.0
    assert pass_hat_k(8, 8, 8) == 1.0
    assert pass_at_k(8, 0, 8) == 0.0


@pytest.mark.parametrize(
    ("n", "c", "k"), [(4, 2, 0), (4, 2, 5), (0, 0, 1), (3, 4, 1), (3, -1, 1), (3, 1, -1)]
)
def test_pass_k_outside_domain_is_an_error(n, c, k):
    with pytest.raises(ValueError):
        pass_hat_k(n, c, k)
    with pytest.raises(ValueError):
        pass_at_k(n, c, k)


@given(st.integers(1, 9).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n), st.integers(1, n))))
def test_estimators_equal_enumeration_over_k_subsets(nck):
    n, c, k = nck
    outcomes = [True] * c + [False] * (n - c)
    subsets = list(itertools.combinations(outcomes, k))
    all_pass = Fraction(sum(all(s) for s in subsets), len(subsets))
    any_pass = Fraction(sum(any(s) for s in subsets), len(subsets))
    assert pass_hat_k(n, c, k) == pytest.approx(float(all_pass), abs=1e-12)
    assert pass_at_k(n, c, k) == pytest.approx(float(any_pass), abs=1e-12)
    assert pass_hat_k(n, c, k) <= c / n <= pass_at_k(n, c, k) + 1e-12
    if k > 1:
        assert pass_hat_k(n, c, k) <= pass_hat_k(n, c, k - 1)


# -- confidence intervals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062047), (2, 4.3026527), (4, 2.7764451), (9, 2.2621572), (30, 2.0422725), (100, 1.9839715),
     (1000, 1.9623391), (5000, 1.9604386), (10**6, 1.9599664)],
)  # fmt: skip
def test_t_critical_values_match_tables(df, expected):
    assert t_critical_95(df) == pytest.approx(expected, abs=1e-6)


def test_t_critical_value_is_continuous_where_the_method_switches():
    assert t_critical_95(1000) - t_critical_95(1001) == pytest.approx(2.38e-6, abs=2e-8)


def test_mean_ci95_on_known_data():
    mean, lo, hi = mean_ci95([1, 2, 3, 4, 5])
    half = 2.7764451052 * math.sqrt(2.5 / 5)
    assert (mean, lo, hi) == pytest.approx((3.0, 3.0 - half, 3.0 + half))
    assert lo == pytest.approx(1.0367568, abs=1e-6)


def test_mean_ci95_edge_cases():
    assert mean_ci95([0.8]) == (0.8, 0.8, 0.8)
    assert mean_ci95([0.5, 0.5, 0.5]) == (0.5, 0.5, 0.5)
    assert mean_ci95(x for x in (0.0, 1.0)) == pytest.approx((0.5, 0.5 - 6.3531024, 0.5 + 6.3531024))
    with pytest.raises(ValueError, match="at least one value"):
        mean_ci95([])
    with pytest.raises(ValueError):
        t_critical_95(0)


# -- summarize -----------------------------------------------------------------------------------


@pytest.fixture
def runs() -> list[RunResult]:
    return [
        make_run("nyc-weekend", 0, 0.95, passed=True, interrupts=1, tokens=1200),
        make_run("nyc-weekend", 1, 0.91, passed=True, interrupts=1, tokens=1100),
        make_run("nyc-weekend", 2, 0.40, blocks=2, tokens=1500),
        make_run("nyc-weekend", 3, None, error="model timed out after 60 s", tool_calls=2),
        make_run("lisbon-family", 0, 0.90, passed=True, interrupts=2),
        make_run("lisbon-family", 1, 0.88, passed=True, interrupts=2),
        make_run("lisbon-family", 2, 0.86, passed=True, interrupts=1),
        make_run("injected-review", 0, 0.30, blocks=1),
        make_run("injected-review", 1, 0.20, blocks=1),
        make_run("injected-review", 2, 0.10),
    ]


def test_summary_counts_and_pass_rates(runs):
    s = summarize(runs)
    assert s["runs"] == 10
    assert s["errors"] == 1
    assert s["passed"] == 5
    assert s["pass_rate"] == 0.5  # the error run counts as a failure
    # per scenario (n, c): nyc (4, 2), lisbon (3, 3), injected (3, 0); averaged over scenarios
    assert s["pass_hat_k"] == pytest.approx({"1": 0.5, "2": 7 / 18, "3": 1 / 3})
    assert s["pass_at_k"] == pytest.approx({"1": 0.5, "2": 11 / 18, "3": 2 / 3})
    assert list(s["pass_hat_k"]) == ["1", "2", "3"]  # k up to the fewest trials of any scenario
    assert (s["interrupts"], s["guardrail_blocks"], s["tool_calls"]) == (7, 4, 56)
    assert s["model_calls"] == 66
    assert s["tokens"] == 3800
    assert s["duration_s"] == pytest.approx(15.0)
    assert s["calibration"] is None


def test_summary_means_and_ci_are_over_scored_runs(runs):
    s = summarize(runs)
    overall = [0.95, 0.91, 0.40, 0.90, 0.88, 0.86, 0.30, 0.20, 0.10]
    mean, lo, hi = mean_ci95(overall)
    assert s["overall"] == pytest.approx(mean)
    assert s["preference"] == pytest.approx(mean)
    assert s["budget"] == 1.0
    assert s["correctness"] == pytest.approx((5 * 1.0 + 4 * 0.5) / 9)
    assert s["faithfulness"] == pytest.approx(5 / 9)
    assert s["ci95"]["overall"] == pytest.approx([lo, hi])
    assert s["ci95"]["budget"] == [1.0, 1.0]
    assert list(s["ci95"]) == ["correctness", "budget", "preference", "faithfulness", "overall"]


def test_summary_by_scenario(runs):
    by = {e["scenario"]: e for e in summarize(runs)["by_scenario"]}
    assert [e["scenario"] for e in summarize(runs)["by_scenario"]] == [
        "injected-review",
        "lisbon-family",
        "nyc-weekend",
    ]
    nyc = by["nyc-weekend"]
    assert (nyc["trials"], nyc["passed"], nyc["errors"]) == (4, 2, 1)
    assert nyc["pass_hat_k"] == pytest.approx({"1": 0.5, "2": 1 / 6, "3": 0.0, "4": 0.0})
    assert nyc["pass_at_k"] == pytest.approx({"1": 0.5, "2": 5 / 6, "3": 1.0, "4": 1.0})
    assert nyc["overall"] == pytest.approx((0.95 + 0.91 + 0.40) / 3)
    assert (nyc["interrupts"], nyc["guardrail_blocks"], nyc["tool_calls"]) == (2, 2, 20)
    assert nyc["duration_s"] == pytest.approx(6.0)
    assert by["lisbon-family"]["pass_hat_k"] == {"1": 1.0, "2": 1.0, "3": 1.0}
    assert by["injected-review"]["pass_at_k"] == {"1": 0.0, "2": 0.0, "3": 0.0}


def test_summary_of_only_error_runs_and_of_nothing():
    s = summarize([make_run("nyc-weekend", 0, None, error="boom")])
    assert (s["runs"], s["errors"], s["pass_rate"]) == (1, 1, 0.0)
    assert s["overall"] is None and s["ci95"]["overall"] is None
    assert s["pass_hat_k"] == {"1": 0.0}
    assert s["by_scenario"][0]["correctness"] is None
    empty = summarize([])
    assert (empty["runs"], empty["pass_rate"], empty["pass_hat_k"], empty["by_scenario"]) == (0, None, {}, [])
    assert empty["tokens"] is None


def test_calibration_is_the_brier_score_of_stated_confidence(runs):
    confidence = {"nyc--0": 0.9, "nyc--2": 0.8, "nyc--3": 0.5, "not-a-run": 0.1}
    cal = summarize(runs, confidence)["calibration"]
    # passed (0.9 → 1), failed (0.8 → 0), error counts as failed (0.5 → 0); unknown ids are ignored
    assert (cal["brier"], cal["n"]) == (pytest.approx((0.01 + 0.64 + 0.25) / 3), 3)
    assert cal["ece"] == pytest.approx((0.1 + 0.8 + 0.5) / 3)  # three bins of one run each
    assert [b["n"] for b in cal["bins"]] == [0, 0, 0, 0, 0, 1, 0, 0, 1, 1]
    assert summarize(runs, {"not-a-run": 0.5})["calibration"] is None
    with pytest.raises(ValueError, match="between 0 and 1"):
        summarize(runs, {"nyc--0": 1.5})
