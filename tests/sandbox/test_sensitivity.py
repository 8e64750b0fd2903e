"""The sensitivity view (sandbox/report/_sensitivity.py): ranks as the weights change, pass rates as
the gates move; and both rendered in the compare report (HTML) from ``batch_comparison``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.report import batch_comparison, render_compare_html
from sandbox.report._sensitivity import (
    BASE_WEIGHTS,
    mean_overall,
    pass_rates,
    passes_at,
    rank_flips,
    ranks,
    reweight,
    sensitivity,
    weight_sweep,
)
from sandbox.spi import Gate, RunResult, Scores
from sandbox.store import RunStore


def scores(c: float, b: float, p: float, f: float, gates: dict[str, bool] | None = None) -> Scores:
    gate_list = [Gate(id=k, passed=v, detail="") for k, v in (gates or {}).items()]
    return Scores(
        correctness=c, budget=b, preference=p, faithfulness=f, overall=0.0,
        passed=all(g.passed for g in gate_list), gates=gate_list,
    )  # fmt: skip


# A: right bookings, over budget; B: wrong bookings, cheap. Default weights favour A; budget-heavy, B.
CORRECT_BUT_DEAR = [scores(1.0, 0.0, 0.8, 1.0), scores(1.0, 0.2, 0.8, 1.0)]
CHEAP_BUT_WRONG = [scores(0.4, 1.0, 0.8, 1.0), scores(0.5, 1.0, 0.8, 1.0)]


def test_reweight_keeps_the_others_in_proportion_and_sums_to_one() -> None:
    w = reweight(BASE_WEIGHTS, "budget", 0.6)
    assert w["budget"] == 0.6
    assert sum(w.values()) == pytest.approx(1.0)
    assert w["correctness"] / w["preference"] == pytest.approx(0.5 / 0.2)
    assert reweight(BASE_WEIGHTS, "correctness", 1.0) == pytest.approx(
        {"correctness": 1.0, "budget": 0.0, "preference": 0.0, "faithfulness": 0.0}
    )
    with pytest.raises(ValueError):
        reweight(BASE_WEIGHTS, "speed", 0.5)


def test_a_weight_change_that_flips_two_agents_is_detected() -> None:
    groups = {"A": CORRECT_BUT_DEAR, "B": CHEAP_BUT_WRONG}
    assert ranks(mean_overall(groups, BASE_WEIGHTS)) == {"A": 1, "B": 2}
    sweep = weight_sweep(groups)
    assert sweep[0]["dimension"] is None and sweep[0]["rank"] == {"A": 1, "B": 2}
    heavy_budget = next(r for r in sweep if r["dimension"] == "budget" and r["weight"] == 1.0)
    assert heavy_budget["rank"] == {"A": 2, "B": 1}
    flips = rank_flips(sweep)
    assert {"dimension": "budget", "weight": 1.0, "up": "B", "down": "A"} in flips
    assert all(f["up"] == "B" and f["down"] == "A" for f in flips)
    # more weight on A's strength keeps the order; taking it away flips it
    assert {f["weight"] for f in flips if f["dimension"] == "correctness"} == {0.0, 0.25}


def test_no_flip_when_one_agent_is_better_on_every_score() -> None:
    groups = {"best": [scores(1, 1, 1, 1)], "worse": [scores(0.9, 0.8, 0.7, 0.9)]}
    assert rank_flips(weight_sweep(groups)) == []


def test_equal_means_share_the_better_rank() -> None:
    assert ranks({"a": 0.5, "b": 0.9, "c": 0.5}) == {"b": 1, "a": 2, "c": 2}


def test_preference_gate_applies_only_where_the_run_had_one() -> None:
    booked = scores(1, 1, 0.7, 1, {"checks": True, "preference": False})
    refusal = scores(1, 1, 0.2, 1, {"checks": True, "refusal": True})
    broken = scores(0, 1, 1.0, 1, {"checks": False, "preference": True})
    assert passes_at(booked, "preference", 0.6) and not passes_at(booked, "preference", 0.8)
    assert passes_at(refusal, "preference", 1.0)  # no preference gate: the threshold does not apply
    assert not passes_at(broken, "preference", 0.5)  # another gate failed: fails at every threshold
    assert passes_at(refusal, "overall", 0.0) and not passes_at(
        scores(0, 0, 0, 0, {"x": True}), "overall", 0.5
    )


gate_flags = st.dictionaries(st.sampled_from(["checks", "preference", "budget", "overall"]), st.booleans())
unit = st.floats(0, 1)
runs = st.lists(st.builds(scores, unit, unit, unit, unit, st.one_of(st.none(), gate_flags)), max_size=12)


@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), runs, min_size=1))
def test_pass_rate_never_rises_with_the_threshold(groups: dict[str, list[Scores]]) -> None:
    for gate in ("preference", "overall"):
        table = pass_rates(groups, gate, [t / 20 for t in range(21)])  # type: ignore[arg-type]
        for g in groups:
            rates = [row["pass_rate"][g] for row in table]
            assert rates == sorted(rates, reverse=True), (gate, g, rates)


def test_sensitivity_holds_both_views() -> None:
    view = sensitivity({"A": CORRECT_BUT_DEAR, "B": CHEAP_BUT_WRONG})
    assert view["groups"] == ["A", "B"]
    assert len(view["sweep"]) == 1 + 4 * 5
    assert [r["threshold"] for r in view["preference_gate"]] == [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert view["flips"]


def test_the_compare_report_shows_the_sensitivity_view(tmp_path) -> None:
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    t0 = datetime(2027, 1, 1, 9, tzinfo=UTC)
    ids = []
    for agent, group in (("dear", CORRECT_BUT_DEAR), ("cheap", CHEAP_BUT_WRONG)):
        batch = store.start_batch({"agent": agent, "model": "scripted", "trials": 1})
        for m, (scenario, s) in enumerate(zip(("one-way", "basic-round-trip"), group, strict=True)):
            run = RunResult(
                id=f"{agent}{m}", scenario=scenario, trial=0, seed=1, agent=agent, model="scripted",
                policy="never-ask", human="scripted", status="done", scores=s, started_at=t0 + timedelta(minutes=m),
            )  # fmt: skip
            store.save(run, batch)
        store.finish_batch(batch, {})
        ids.append(batch)
    data = batch_comparison(store, ids, resamples=50)
    sens = data["sensitivity"]
    assert sens["groups"] == ids
    assert {"dimension": "budget", "weight": 1.0, "up": ids[1], "down": ids[0]} in sens["flips"]
    html = render_compare_html(data)
    assert "Sensitivity" in html
    assert "budget at 1.00: cheap / scripted moves above dear / scripted" in html
    assert "Pass rate as the preference gate moves" in html
