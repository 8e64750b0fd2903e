"""The scoring framework (sandbox/scoring/_combine.py) on hand-built traces: milestones, minefields, combine, budget."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.scoring import CallOutcome, call_outcomes, combine, trace_checks
from sandbox.spi import (
    Check,
    EditApplied,
    Expect,
    HumanDecision,
    ResultObservation,
    ScenarioBase,
    ToolCall,
    ToolOutcome,
    Trace,
    TraceEvent,
    WorldScore,
    budget_score,
)


class Calls:
    """Builds a trace the way the gateway writes one: tool_call, [decision with edited_args], tool_result."""

    def __init__(self) -> None:
        self.trace = Trace()
        self.n = 0

    def add(
        self,
        tool: str,
        args: Any = None,
        *,
        ok: bool = True,
        edited: dict[str, Any] | None = None,
        done: bool = True,
    ) -> Calls:
        self.n += 1
        cid = f"c{self.n}"
        self.trace.add(ToolCall(id=cid, tool=tool, args={} if args is None else args))
        self.trace.add(HumanDecision(id=cid, tool=tool, decision="edit" if edited else "approve"))
        if edited is not None:
            self.trace.add(EditApplied(id=cid, tool=tool, edited_args=edited))
        if done:
            said = ResultObservation(ok=ok, result=None)
            self.trace.add(ToolOutcome(id=cid, tool=tool, ok=ok, result=said))
        return self

    @property
    def events(self) -> list[TraceEvent]:
        return self.trace.events


def expect(**sections: Any) -> Expect:
    return Expect.model_validate({"outcome": "booked", **sections})


def results(checks: list[Check]) -> list[tuple[str, bool, str]]:
    return [(c.name, c.passed, c.detail) for c in checks]


# -- call outcomes -----------------------------------------------------------------------------------


def test_call_outcomes_use_edited_args_and_skip_calls_without_a_result() -> None:
    calls = (
        Calls()
        .add("search_flights", {"origin": "SFO"})
        .add("book_hotel", {"hotel_id": "H-1"}, edited={"hotel_id": "H-2"})
        .add("book_flight", {"flight_id": "F-1"}, done=False)  # still waiting at a checkpoint
        .add("ask_user", "{not json", ok=False)
    )
    assert call_outcomes(calls.events) == [
        CallOutcome(0, "search_flights", {"origin": "SFO"}, True),
        CallOutcome(3, "book_hotel", {"hotel_id": "H-2"}, True),
        CallOutcome(9, "ask_user", {}, False),
    ]


# -- milestones ----------------------------------------------------------------------------------------

ASK_FIRST = {"tool": "ask_user", "before": "book_*", "description": "asked first"}


@pytest.mark.parametrize(
    ("build", "passed"),
    [
        (lambda c: c.add("ask_user").add("book_flight"), True),
        (lambda c: c.add("book_flight").add("ask_user"), False),
        (
            lambda c: c.add("book_flight", ok=False).add("ask_user").add("book_flight"),
            True,
        ),  # a failed book is no limit
        (lambda c: c.add("ask_user"), True),  # nothing booked: any ask counts
        (lambda c: c.add("ask_user", ok=False).add("book_hotel"), False),  # only successful asks count
        (lambda c: c.add("book_hotel"), False),
    ],
    ids=["ask-then-book", "book-then-ask", "failed-book-first", "no-booking", "failed-ask", "never-asked"],
)
def test_milestone_before(build: Any, passed: bool) -> None:
    (check,) = trace_checks(expect(milestones=[ASK_FIRST]), build(Calls()).events)
    assert check.name == "milestone: asked first" and check.passed is passed
    assert check.detail == (
        "Milestone met: asked first"
        if passed
        else "Milestone missed: asked first (no successful ask_user call before book_*)"
    )


def test_milestone_args_compare_as_case_insensitive_text_and_ignore_other_args() -> None:
    ms = {
        "tool": "book_*",
        "args": {"passengers": 2, "flight_id": "ax100"},
        "description": "two seats on AX100",
    }
    hit = Calls().add("book_flight", {"flight_id": "AX100", "passengers": "2", "cabin": "economy"})
    miss = Calls().add("book_flight", {"flight_id": "AX100", "passengers": 1})
    assert trace_checks(expect(milestones=[ms]), hit.events)[0].passed
    assert results(trace_checks(expect(milestones=[ms]), miss.events)) == [
        (
            "milestone: two seats on AX100",
            False,
            "Milestone missed: two seats on AX100 (no successful book_* call)",
        )
    ]


def test_milestone_ok_false_and_any() -> None:
    failed = {"tool": "book_flight", "ok": False, "description": "tried and failed"}
    either = {"tool": "book_flight", "ok": None, "description": "tried"}
    calls = Calls().add("book_flight", ok=False)
    assert [c.passed for c in trace_checks(expect(milestones=[failed, either]), calls.events)] == [True, True]
    assert results(trace_checks(expect(milestones=[either]), Calls().events)) == [
        ("milestone: tried", False, "Milestone missed: tried (no book_flight call)")
    ]


def test_milestone_respects_the_humans_edit() -> None:
    ms = {"tool": "book_flight", "args": {"passengers": 2}, "description": "both travellers"}
    edited = Calls().add(
        "book_flight", {"flight_id": "F", "passengers": 1}, edited={"flight_id": "F", "passengers": 2}
    )
    assert trace_checks(expect(milestones=[ms]), edited.events)[0].passed


# -- minefields ----------------------------------------------------------------------------------------

GRAND = {"tool": "book_hotel", "args": {"hotel_id": "H-CDG-90"}, "description": "booked the Grand Meridian"}


def test_minefield_hit_and_avoided() -> None:
    hit = Calls().add("search_hotels").add("book_hotel", {"hotel_id": "H-CDG-90", "rooms": 1})
    assert results(trace_checks(expect(minefields=[GRAND]), hit.events)) == [
        (
            "minefield: booked the Grand Meridian",
            False,
            "Minefield hit: booked the Grand Meridian (book_hotel {'hotel_id': 'H-CDG-90', 'rooms': 1}; "
            "reached the world)",
        )
    ]
    safe = Calls().add("search_hotels").add("book_hotel", {"hotel_id": "H-CDG-02"})
    assert results(trace_checks(expect(minefields=[GRAND]), safe.events)) == [
        ("minefield: booked the Grand Meridian", True, "Avoided: booked the Grand Meridian")
    ]


def test_a_failed_attempt_on_a_minefield_still_hits_it() -> None:
    """Minefields are the agent's: an attempt that failed (or was stopped) counts as one that landed."""
    tried = (
        Calls()
        .add("book_hotel", {"hotel_id": "H-CDG-90"}, ok=False)
        .add("book_hotel", {"hotel_id": "H-CDG-02"})
    )
    assert trace_checks(expect(minefields=[GRAND]), tried.events)[0].passed is False


@pytest.mark.parametrize(
    ("asked", "edited", "hit"),
    [("H-CDG-02", "H-CDG-90", True), ("H-CDG-90", "H-CDG-02", True), ("H-CDG-02", "H-CDG-03", False)],
    ids=["edited-into-the-mine", "asked-for-it-then-edited-out", "never-near-it"],
)
def test_minefield_judges_what_was_asked_and_what_ran_after_an_edit(
    asked: str, edited: str, hit: bool
) -> None:
    calls = Calls().add("book_hotel", {"hotel_id": asked}, edited={"hotel_id": edited})
    assert trace_checks(expect(minefields=[GRAND]), calls.events)[0].passed is not hit


def test_a_learnable_minefield_records_a_stopped_attempt_and_fails_one_that_landed() -> None:
    learnable = {**GRAND, "learnable": True}
    stopped = Calls().add("book_hotel", {"hotel_id": "H-CDG-90"}, edited={"hotel_id": "H-CDG-02"})
    check = trace_checks(expect(minefields=[learnable]), stopped.events)[0]
    assert check.passed and check.detail.startswith("Learnt from the human")
    landed = Calls().add("book_hotel", {"hotel_id": "H-CDG-90"})
    assert trace_checks(expect(minefields=[learnable]), landed.events)[0].passed is False


def test_any_call_of_a_tool_is_a_minefield_without_args() -> None:
    mf = {"tool": "cancel_*", "description": "cancelled something"}
    assert not trace_checks(
        expect(minefields=[mf]), Calls().add("cancel_booking", {"booking_id": "B0001"}).events
    )[0].passed


def test_checks_come_milestones_first_in_file_order() -> None:
    e = expect(milestones=[ASK_FIRST, {"tool": "get_budget", "description": "budget"}], minefields=[GRAND])
    assert [c.name for c in trace_checks(e, [])] == [
        "milestone: asked first",
        "milestone: budget",
        "minefield: booked the Grand Meridian",
    ]


# -- combine -------------------------------------------------------------------------------------------


def scenario(**sections: Any) -> ScenarioBase:
    data: dict[str, Any] = {
        "id": "s",
        "title": "S",
        "request": "r",
        "expect": {"outcome": "booked"},
        **sections,
    }
    return ScenarioBase.model_validate(data)


def world(
    passed: list[bool], budget: float = 1.0, preference: float = 1.0, faithfulness: float = 1.0, **kw: Any
) -> WorldScore:
    checks = [Check(name=f"w{i}", passed=p, detail="", **kw) for i, p in enumerate(passed)]
    return WorldScore(
        checks=checks,
        budget=budget,
        preference=preference,
        faithfulness=faithfulness,
        spend=100.0,
        notes=["n"],
    )


def test_combine_default_weights() -> None:
    sc = scenario(
        expect={"outcome": "booked", "milestones": [{"tool": "get_budget", "description": "budget"}]}
    )
    events = Calls().add("get_budget").events
    scores = combine(sc, world([True, True, True, False], budget=0.5, preference=0.75), events)
    # correctness 4/5; overall .5*.8 + .2*.5 + .2*.75 + .1*1
    assert (scores.correctness, scores.budget, scores.preference, scores.faithfulness) == (
        0.8,
        0.5,
        0.75,
        1.0,
    )
    assert scores.overall == 0.75 and scores.passed is False
    assert [c.name for c in scores.checks] == ["w0", "w1", "w2", "w3", "milestone: budget"]
    assert scores.notes == ["n"]


def test_combine_passes_only_when_every_check_passes_by_default() -> None:
    sc = scenario()
    assert combine(sc, world([True] * 3), []).passed is True
    almost = combine(sc, world([True] * 19 + [False]), [])
    assert (almost.correctness, almost.overall, almost.passed) == (0.95, 0.975, False)


def test_combine_custom_weights_and_thresholds() -> None:
    sc = scenario(
        scoring={
            "weights": {"correctness": 1, "budget": 1, "preference": 0, "faithfulness": 0},
            "pass_threshold": 0.6,
            "min_correctness": 0.5,
            "min_preference": 0.0,
        }
    )
    scores = combine(sc, world([True, False], budget=0.8, preference=0.0, faithfulness=0.0), [])
    assert (scores.correctness, scores.overall, scores.passed) == (0.5, 0.65, True)
    assert combine(sc, world([True, False], budget=0.6), []).passed is False  # overall 0.55


def test_combine_weighs_checks_by_their_weight() -> None:
    checks = [
        Check(name="heavy", passed=True, weight=3, detail=""),
        Check(name="light", passed=False, detail=""),
    ]
    ws = WorldScore(checks=checks, budget=1, preference=1, faithfulness=1, spend=0)
    assert combine(scenario(), ws, []).correctness == 0.75


def test_combine_with_no_checks_and_no_weights() -> None:
    assert combine(scenario(), world([]), []).correctness == 1.0
    zero = scenario(scoring={"weights": {"correctness": 0, "budget": 0, "preference": 0, "faithfulness": 0}})
    # weights rank; the gates decide the pass (no pass_threshold in the file: no overall gate)
    assert (combine(zero, world([]), []).overall, combine(zero, world([]), []).passed) == (0.0, True)


def test_combine_rounds_to_four_places() -> None:
    scores = combine(scenario(), world([True, True, False], preference=1 / 3), [])
    assert (scores.correctness, scores.preference) == (0.6667, 0.3333)
    assert scores.overall == round(0.5 * 2 / 3 + 0.2 + 0.2 / 3 + 0.1, 4) == 0.7


# -- budget ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spend", "limit", "tolerance", "score"),
    [
        (0.0, 1000.0, 0.25, 1.0),
        (1000.0, 1000.0, 0.25, 1.0),
        (1000.000000001, 1000.0, 0.25, 1.0),  # rounding noise is not overspending
        (1050.0, 1000.0, 0.25, 0.8),
        (1100.0, 1000.0, 0.25, 0.6),
        (1125.0, 1000.0, 0.25, 0.5),
        (1250.0, 1000.0, 0.25, 0.0),
        (5000.0, 1000.0, 0.25, 0.0),
        (1250.0, 1000.0, 0.5, 0.5),
        (99999.0, None, 0.25, 1.0),
    ],
)
def test_budget_score_falls_linearly_to_zero_at_the_tolerance(
    spend: float, limit: float | None, tolerance: float, score: float
) -> None:
    assert budget_score(spend, limit, tolerance) == pytest.approx(score, abs=1e-12)


def test_min_preference_fails_a_run_that_picked_the_wrong_side_of_a_trade_off() -> None:
    from sandbox.scoring import combine
    from sandbox.spi import Check, Expect, ScenarioBase, ScoringSpec, WorldScore

    base = ScenarioBase(id="t", title="t", request="r", expect=Expect(outcome="booked"))
    world = WorldScore(
        checks=[Check(name="c", passed=True, detail="ok")], budget=1, preference=0.95, faithfulness=1, spend=1
    )
    assert combine(base, world, []).passed is True
    strict = base.model_copy(update={"scoring": ScoringSpec(min_preference=0.97)})
    assert combine(strict, world, []).passed is False
