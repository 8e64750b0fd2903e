"""Batch against batch (sandbox.scoring.compare_batches): McNemar, the paired bootstrap, clustering by
scenario, verdict rules, per-batch pass^k with intervals, per-tag rows, different scenario sets."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.scoring import compare_batches, mcnemar_exact, mean_ci95, paired_bootstrap_ci
from sandbox.spi import RunResult, Scores

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def run(
    scenario: str,
    trial: int,
    passed: bool,
    overall: float | None = None,
    *,
    agent: str = "planner",
    error: bool = False,
    tags: Sequence[str] = (),
) -> RunResult:
    overall = (1.0 if passed else 0.4) if overall is None else overall
    scores = (
        None
        if error
        else Scores(
            correctness=overall,
            budget=1.0,
            preference=overall,
            faithfulness=1.0,
            overall=overall,
            passed=passed,
        )
    )
    return RunResult(
        id=f"{agent}-{scenario}-{trial}",
        scenario=scenario,
        tags=list(tags),
        trial=trial,
        seed=trial,
        agent=agent,
        model="scripted",
        policy="ask-on-write",
        human="scripted",
        status="error" if error else "done",
        error="boom" if error else None,
        scores=scores,
        started_at=T0 + timedelta(minutes=trial),
    )


def batch(verdicts: dict[str, Sequence[bool]], agent: str = "planner", **kw: object) -> list[RunResult]:
    """Runs from ``{scenario: [passed per trial]}``."""
    return [run(s, t, p, agent=agent, **kw) for s, ps in verdicts.items() for t, p in enumerate(ps)]  # type: ignore[arg-type]


# -- McNemar --------------------------------------------------------------------------------------


def test_mcnemar_exact_known_values() -> None:
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(1, 0) == 1.0  # one discordant pair says nothing
    assert mcnemar_exact(5, 5) == 1.0
    assert mcnemar_exact(8, 0) == mcnemar_exact(0, 8) == 2 / 2**8  # 0.0078125
    assert mcnemar_exact(6, 1) == pytest.approx(2 * (1 + 7) / 2**7)  # 0.125
    assert mcnemar_exact(10, 2) == pytest.approx(0.03857421875)  # R: binom.test(2, 12)$p.value
    with pytest.raises(ValueError):
        mcnemar_exact(-1, 2)


@given(st.integers(0, 60), st.integers(0, 60))
def test_mcnemar_is_the_two_sided_binomial_tail(a: int, b: int) -> None:
    """Independently: the probability of every split at least as far from n/2 as the one seen."""
    n = a + b
    if n == 0:
        return
    far = abs(Fraction(a) - Fraction(n, 2))
    p = sum(Fraction(math.comb(n, x), 2**n) for x in range(n + 1) if abs(Fraction(x) - Fraction(n, 2)) >= far)
    assert mcnemar_exact(a, b) == pytest.approx(float(min(p, Fraction(1))), rel=1e-12)


# -- paired bootstrap -----------------------------------------------------------------------------


def test_bootstrap_of_a_constant_difference_is_that_constant() -> None:
    assert paired_bootstrap_ci([0.25] * 12, resamples=500) == (0.25, 0.25)


def test_bootstrap_is_seeded_and_close_to_the_normal_interval() -> None:
    diffs = [0.0] * 50 + [1.0] * 50
    lo, hi = paired_bootstrap_ci(diffs, seed=3)
    assert (lo, hi) == paired_bootstrap_ci(diffs, seed=3)
    spread = [((7 * i) % 23) / 23 for i in range(40)]
    assert paired_bootstrap_ci(spread, seed=4) != paired_bootstrap_ci(spread, seed=5)
    half = 1.96 * math.sqrt(0.25 / 100)  # ~0.098
    assert lo == pytest.approx(0.5 - half, abs=0.015) and hi == pytest.approx(0.5 + half, abs=0.015)


def test_bootstrap_needs_differences() -> None:
    with pytest.raises(ValueError):
        paired_bootstrap_ci([])


# -- compare_batches ------------------------------------------------------------------------------


def test_identical_batches_differ_in_nothing() -> None:
    runs = batch({f"s{i}": [i % 3 != 0] * 3 for i in range(9)})
    other = batch({f"s{i}": [i % 3 != 0] * 3 for i in range(9)}, agent="react")
    data = compare_batches([("A", runs), ("B", other)])
    [pair] = data["paired"]
    assert (pair["a"], pair["b"], pair["scenarios"]) == ("A", "B", 9)
    assert (pair["a_only"], pair["b_only"], pair["p_value"], pair["flipped"]) == (0, 0, 1.0, [])
    assert pair["overall_diff"] == 0.0 and pair["overall_diff_ci95"] == [0.0, 0.0]
    assert data["batches"][0]["pass_hat_k"] == data["batches"][1]["pass_hat_k"]
    assert [b["agent"] for b in data["batches"]] == ["planner", "react"]


def test_eight_flips_one_way_give_a_small_p_and_an_interval_below_zero() -> None:
    a = batch({f"s{i}": [True] * 2 for i in range(10)})
    b = batch({f"s{i}": [i >= 8] * 2 for i in range(10)}, agent="react")  # s0..s7 now fail
    [pair] = compare_batches([("A", a), ("B", b)])["paired"]
    assert (pair["a_only"], pair["b_only"]) == (8, 0)
    assert pair["p_value"] == pytest.approx(0.0078125)
    assert pair["flipped"] == [f"s{i}" for i in range(8)]
    assert pair["overall_diff"] == pytest.approx(-0.6 * 8 / 10)
    lo, hi = pair["overall_diff_ci95"]
    assert lo <= pair["overall_diff"] <= hi < 0
    assert pair["pass_rate_diff"] == pytest.approx(-0.8)


def test_trials_of_one_scenario_are_one_pair() -> None:
    """Three trials that pass in a and fail in b are one discordant scenario, not three."""
    a = batch({"x": [True, True, True], "y": [True] * 3})
    b = batch({"x": [False, False, False], "y": [True] * 3})
    [pair] = compare_batches([("A", a), ("B", b)])["paired"]
    assert (pair["scenarios"], pair["a_only"], pair["b_only"]) == (2, 1, 0)
    assert pair["p_value"] == 1.0
    assert pair["flipped"] == ["x"]


def test_verdict_all_or_majority() -> None:
    a = batch({"x": [True, True, False]})
    b = batch({"x": [True, True, True]})
    [strict] = compare_batches([("A", a), ("B", b)], verdict="all")["paired"]
    [lenient] = compare_batches([("A", a), ("B", b)], verdict="majority")["paired"]
    assert (strict["a_only"], strict["b_only"], strict["flipped"]) == (0, 1, ["x"])
    assert (lenient["a_only"], lenient["b_only"], lenient["flipped"]) == (0, 0, [])
    assert strict["pass_rate_diff"] == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match="verdict"):
        compare_batches([("A", a), ("B", b)], verdict="most")  # type: ignore[arg-type]


def test_an_error_run_is_a_failed_trial_scoring_zero() -> None:
    a = [run("x", 0, True, 0.9), run("x", 1, True, 0.9)]
    b = [run("x", 0, True, 0.9), run("x", 1, False, error=True)]
    [pair] = compare_batches([("A", a), ("B", b)])["paired"]
    assert pair["a_only"] == 1
    assert pair["by_scenario"][0]["b_overall"] == pytest.approx(0.45)


def test_each_batch_has_pass_hat_k_and_pass_at_k_with_intervals() -> None:
    a = batch({"x": [True] * 3, "y": [True, False, False]})
    entry = compare_batches([("A", a), ("B", a)])["batches"][0]
    assert entry["trials"] == 3 and entry["scenarios"] == 2 and entry["runs"] == 6
    assert entry["pass_hat_k"] == pytest.approx({"1": 2 / 3, "2": 1 / 2, "3": 1 / 2})
    assert entry["pass_at_k"] == pytest.approx({"1": 2 / 3, "2": 5 / 6, "3": 1.0})
    assert entry["pass_hat_k_ci95"]["1"] == pytest.approx(list(mean_ci95([1.0, 1 / 3])[1:]))
    assert entry["pass_at_k_ci95"]["3"] == [1.0, 1.0]


def test_different_scenario_sets_are_compared_on_their_intersection() -> None:
    a = batch({"x": [True], "y": [True], "only-a": [True]})
    b = batch({"x": [False], "y": [True], "only-b": [False]})
    c = batch({"x": [True], "y": [False], "only-c": [True], "only-b": [True]})
    data = compare_batches([("A", a), ("B", b), ("C", c)])
    assert data["scenarios"] == ["x", "y"]
    assert data["left_out"] == {"A": ["only-a"], "B": ["only-b"], "C": ["only-b", "only-c"]}
    assert [b["scenarios"] for b in data["batches"]] == [2, 2, 2]
    assert [(p["a"], p["b"], p["flipped"]) for p in data["paired"]] == [("A", "B", ["x"]), ("A", "C", ["y"])]


def test_no_scenario_in_common_is_an_error() -> None:
    with pytest.raises(ValueError, match="no scenario in common"):
        compare_batches([("A", batch({"x": [True]})), ("B", batch({"y": [True]}))])
    with pytest.raises(ValueError, match="at least two"):
        compare_batches([("A", batch({"x": [True]}))])


def test_per_tag_rows() -> None:
    a = [run("x", 0, True, tags=["faults"]), run("y", 0, True, tags=["faults", "hotel"]), run("z", 0, True)]
    b = [run("x", 0, False, tags=["faults"]), run("y", 0, True, tags=["faults", "hotel"]), run("z", 0, True)]
    [pair] = compare_batches([("A", a), ("B", b)])["paired"]
    tags = {t["tag"]: t for t in pair["by_tag"]}
    assert set(tags) == {"faults", "hotel", "(untagged)"}
    assert (tags["faults"]["scenarios"], tags["faults"]["a_only"]) == (2, 1)
    assert tags["faults"]["pass_rate_diff"] == pytest.approx(-0.5)
    assert tags["hotel"]["pass_rate_diff"] == 0.0
