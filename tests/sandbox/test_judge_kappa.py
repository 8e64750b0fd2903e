"""Cohen's κ and the agreement report of ``sandbox.judge``: κ on hand-built confusion matrices with
known values, its properties, its bootstrap interval, and ``agreement`` counting verdicts by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.judge import agreement, band, cohen_kappa, confusion, kappa_ci95
from sandbox.spi import Check, JudgeResult, RunResult, Scores


@pytest.mark.parametrize(
    ("matrix", "kappa"),
    [
        ([[10, 0], [0, 10]], 1.0),  # perfect agreement
        ([[7, 0], [0, 3]], 1.0),  # perfect, with unequal classes
        ([[25, 25], [25, 25]], 0.0),  # chance: the judge's verdict says nothing about the checks'
        ([[16, 4], [64, 16]], 0.0),  # chance with unequal rates: 80% of each row is a judge pass
        ([[0, 10], [10, 0]], -1.0),  # inverted: the judge always says the opposite
        ([[20, 5], [10, 15]], 0.4),  # the textbook example (Wikipedia, "Cohen's kappa")
        ([[45, 15], [25, 15]], 0.06 / 0.46),  # ibid., the second example: 0.1304
        ([[1, 2, 0], [0, 3, 1], [2, 0, 4]], (8 / 13 - 59 / 169) / (1 - 59 / 169)),  # three classes
    ],
    ids=[
        "perfect",
        "perfect-unequal",
        "chance",
        "chance-unequal",
        "inverted",
        "textbook",
        "textbook-2",
        "3x3",
    ],
)
def test_kappa_of_known_matrices(matrix: list[list[int]], kappa: float) -> None:
    assert cohen_kappa(matrix) == pytest.approx(kappa, abs=1e-12)


@pytest.mark.parametrize(
    "matrix",
    [[[0, 0], [0, 0]], [[10, 0], [0, 0]], [[0, 0], [0, 6]]],
    ids=["empty", "both-always-pass", "both-always-fail"],
)
def test_kappa_is_undefined_when_chance_agrees_perfectly(matrix: list[list[int]]) -> None:
    assert cohen_kappa(matrix) is None


def test_a_constant_judge_against_varied_checks_is_chance() -> None:
    """A judge that passes everything agrees with the checks on every run they pass, and still has κ 0."""
    assert cohen_kappa([[30, 0], [10, 0]]) == 0.0


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=60))
def test_kappa_is_at_most_one_symmetric_and_one_only_without_disagreement(
    pairs: list[tuple[bool, bool]],
) -> None:
    m = confusion(pairs)
    k = cohen_kappa(m)
    transposed = [[m[0][0], m[1][0]], [m[0][1], m[1][1]]]
    assert cohen_kappa(transposed) == (None if k is None else pytest.approx(k))
    if k is not None:
        assert -1.0 - 1e-12 <= k <= 1.0 + 1e-12
        assert (k == pytest.approx(1.0)) == (m[0][1] == m[1][0] == 0)


def test_confusion_rows_are_the_checks_and_columns_the_judge() -> None:
    pairs = [(True, True)] * 3 + [(True, False)] * 2 + [(False, True)] + [(False, False)] * 4
    assert confusion(pairs) == [[3, 2], [1, 4]]


def test_the_bootstrap_interval_holds_the_estimate_and_is_reproducible() -> None:
    pairs = [(True, True)] * 30 + [(True, False)] * 8 + [(False, True)] * 6 + [(False, False)] * 16
    k = cohen_kappa(confusion(pairs))
    ci = kappa_ci95(pairs)
    assert k is not None and ci is not None
    assert ci[0] < k < ci[1] and ci[1] - ci[0] < 0.6
    assert kappa_ci95(pairs) == ci and kappa_ci95(pairs, seed=1) != ci
    assert kappa_ci95(pairs[:1]) is None


@pytest.mark.parametrize(
    ("kappa", "word"),
    [(None, None), (-0.3, "poor"), (0.0, "poor"), (0.1, "slight"), (0.35, "fair"), (0.5, "moderate"),
     (0.7, "substantial"), (0.95, "almost perfect"), (1.0, "almost perfect")],
)  # fmt: skip
def test_bands(kappa: float | None, word: str | None) -> None:
    assert band(kappa) == word


# -- agreement over runs ----------------------------------------------------------------------------


def _run(rid: str, checks: bool | None, judge: bool | None, *, error: str | None = None) -> RunResult:
    scores = None
    if checks is not None:
        scores = Scores(
            correctness=1.0, budget=1.0, preference=1.0, faithfulness=1.0, overall=1.0, passed=checks,
            checks=[Check(name="route", passed=checks, detail="x"), Check(name="nights", passed=True, detail="y")],
        )  # fmt: skip
    verdict = None
    if judge is not None or error is not None:
        verdict = JudgeResult(
            judge="offline",
            rubric="report@1",
            scores={"accuracy": 2},
            passed=judge,
            reason=f"why {rid}",
            error=error,
        )
    return RunResult(
        id=rid, scenario=f"s-{rid}", trial=0, seed=0, agent="a", model="m", policy="p", human="h",
        status="done" if checks is not None else "error", scores=scores, judge=verdict,
        started_at=datetime(2027, 1, 1, tzinfo=UTC),
    )  # fmt: skip


def test_agreement_counts_verdicts_and_lists_disagreements() -> None:
    bank = [
        ("b1", _run("r1", True, True)),
        ("b1", _run("r2", True, False)),
        ("b1", _run("r3", False, False)),
        ("b2", _run("r4", False, True)),
        ("b2", _run("r5", False, False)),
        ("b2", _run("r6", None, None)),  # an error run: no checks verdict
        ("b2", _run("r7", True, None)),  # not judged (no final state)
        ("b2", _run("r8", True, None, error="the reply is not JSON")),  # a judge error
    ]
    report = agreement("offline", "report@1", bank).to_json()
    assert report["runs"] == 5
    assert report["confusion"] == {
        "checks_pass": {"judge_pass": 1, "judge_fail": 1},
        "checks_fail": {"judge_pass": 1, "judge_fail": 2},
    }
    assert report["accuracy"] == 0.6
    assert report["kappa"] == pytest.approx(cohen_kappa([[1, 1], [1, 2]]), abs=1e-4)
    assert report["left_out"] == {"not_scored": 1, "no_final_state": 1, "judge_error": 1}
    assert report["judge_errors"] == [{"run": "r8", "error": "the reply is not JSON"}]
    assert [(d["run"], d["checks"], d["judge"]) for d in report["disagreements"]] == [
        ("r2", "pass", "fail"),
        ("r4", "fail", "pass"),
    ]
    assert report["disagreements"][1]["failed_checks"] == ["route"]
    assert report["disagreements"][0]["judge_reason"] == "why r2"
    assert [(b["batch"], b["runs"], b["accuracy"]) for b in report["by_batch"]] == [
        ("b1", 3, 0.6667),
        ("b2", 2, 0.5),
    ]
