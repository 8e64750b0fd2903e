"""Partial changes: held bookings priced at what was paid, ``expect.keep`` and ``expect.change``, outcome
``changed``; the oracle plans only the change with the kept bookings as context; the reference plan
cancels first; ``validate`` says what is wrong with a change scenario. On the shipped change scenarios
and on variants of the runtime test scenario."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from sandbox.scenarios import load_scenario
from sandbox.spi import worlds
from tests.worlds.travel.conftest import make_scenario
from worlds.travel.catalog import CatalogView
from worlds.travel.judge import check, solve
from worlds.travel.judge._oracle_held import held_context
from worlds.travel.judge.scoring import correctness_checks
from worlds.travel.run import TravelEnv, check_call, new_env
from worlds.travel.scenario import TravelScenario

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
WORLD: Any = worlds.get("travel")


@functools.cache
def shipped(name: str) -> TravelScenario:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    assert isinstance(sc, TravelScenario)
    return sc


def run_calls(sc: TravelScenario, *calls: tuple[str, dict[str, Any]]) -> TravelEnv:
    env: TravelEnv = WORLD.new_env(sc)
    for tool, args in calls:
        result = env.call(tool, args)
        assert result.ok, result.error
    return env


def failing(sc: TravelScenario, env: TravelEnv) -> dict[str, tuple[str, str]]:
    checks, _ = correctness_checks(sc, env)
    return {c.name: (c.id, c.detail) for c in checks if not c.passed}


CANCEL_B2 = ("cancel_booking", {"booking_id": "B0002"})
EVENING = ("book_flight", {"flight_id": "NP107-2027-02-05", "passengers": 1, "seat": "aisle"})


# -- the oracle ---------------------------------------------------------------------------------------


def test_kept_bookings_are_paid_at_what_was_paid() -> None:
    sc = shipped("rebook-return-evening")
    held = held_context(sc, WORLD.view(sc))
    # B0001 $198 and B0003 $498 are kept; B0002 ($176, refundable) comes back in full
    assert held.spent_cents == 19_800 + 49_800
    assert [f.id for f in held.flights] == ["NP120-2027-02-03"]
    result = solve(sc, WORLD.view(sc))
    assert result.budget_cents == 120_000 - 69_600
    assert result.best is not None and [fc.flight_id for fc in result.best.flights] == ["NP107-2027-02-05"]


def test_cancelling_costs_the_late_fee_and_validate_checks_the_allowance() -> None:
    sc = shipped("cancel-hotel-keep-flights")
    view = WORLD.view(sc)
    assert held_context(sc, view).cancel_fees_cents == 24_225  # 25 % of the $969 paid
    assert [f.severity for f in check(sc, view)] == ["info"]
    stingy = sc.model_copy(
        update={
            "expect": sc.expect.model_copy(
                update={"change": sc.expect.change.model_copy(update={"fees_allowed": 100.0})}
            )
        }
    )  # type: ignore[union-attr]
    assert [f.message for f in check(stingy, view) if f.severity == "error"] == [
        "expect.change.fees_allowed: cancelling B0003 at the start costs $242.25 in fees, above the $100.00 allowed"
    ]


def test_a_new_flight_may_not_overlap_a_kept_one(view: CatalogView) -> None:
    held = [{"kind": "flight", "flight_id": "MV901-2027-01-20", "passengers": 1, "price": 300}]
    sc = make_scenario(
        traveler={"bookings": held},
        constraints={
            "legs": [{"origin": "SFO", "destination": "JFK", "date": "2027-01-20", "depart_before": "11:00"}]
        },
        expect={"outcome": "booked", "keep": ["B0001"]},
    )
    result = solve(sc, view)
    ids = {it.flights[0].flight_id for it, _ in result.top}
    assert "MV902-2027-01-20" not in ids  # 10:00-18:30 overlaps MV901 08:00-16:30
    assert "MV901-2027-01-20" not in ids  # the kept flight itself is no new flight


# -- the checks ------------------------------------------------------------------------------------------


def test_the_reference_change_passes_every_check() -> None:
    sc = shipped("rebook-return-evening")
    env = run_calls(sc, CANCEL_B2, EVENING)
    checks, itinerary = correctness_checks(sc, env)
    assert [(c.id, c.passed) for c in checks if c.id in ("keep", "change")] == [
        ("keep", True),
        ("keep", True),
        ("change", True),
        ("change", True),
    ]
    assert all(c.passed for c in checks)
    assert itinerary is not None and itinerary.total_cents == 20_600  # the new flight only


def test_leaving_the_old_flight_or_cancelling_a_kept_booking_fails() -> None:
    sc = shipped("rebook-return-evening")
    assert failing(sc, run_calls(sc, EVENING)) == {
        "nothing unrequested": ("nothing_unrequested", "unrequested bookings: B0002"),
        "cancel: B0002": ("change", "B0002 should have been cancelled, but it is confirmed"),
    }
    env = run_calls(sc, CANCEL_B2, ("cancel_booking", {"booking_id": "B0003"}), EVENING)
    assert failing(sc, env) == {
        "keep: B0003": ("keep", "B0003 should still be held unchanged, but it is cancelled"),
    }


def test_rebooking_the_whole_trip_is_not_a_partial_change() -> None:
    sc = shipped("rebook-return-evening")
    env = run_calls(
        sc,
        ("cancel_booking", {"booking_id": "B0001"}),
        CANCEL_B2,
        ("cancel_booking", {"booking_id": "B0003"}),
        ("book_flight", {"flight_id": "NP120-2027-02-03", "passengers": 1}),
        EVENING,
        ("book_hotel", {"hotel_id": "H-JFK-05", "check_in": "2027-02-03", "check_out": "2027-02-05"}),
    )
    failed = failing(sc, env)
    assert {cid for cid, _ in failed.values()} == {"keep", "nothing_unrequested"}


def test_cancel_only_change() -> None:
    sc = shipped("cancel-hotel-keep-flights")
    env = run_calls(sc, ("cancel_booking", {"booking_id": "B0003"}))
    assert failing(sc, env) == {}
    assert WORLD.score(sc, env, [], "I cancelled B0003.").preference == 1.0
    env = run_calls(
        sc,
        ("cancel_booking", {"booking_id": "B0003"}),
        ("book_hotel", {"hotel_id": "H-ORD-05", "check_in": "2027-02-10", "check_out": "2027-02-13"}),
    )
    assert failing(sc, env) == {
        "nothing unrequested": ("nothing_unrequested", "unrequested bookings: B0004"),
        "outcome: changed": ("outcome", "nothing new was asked for, but the agent booked B0004"),
    }
    assert failing(sc, run_calls(sc)) == {
        "nothing unrequested": ("nothing_unrequested", "unrequested bookings: B0003"),
        "cancel: B0003": ("change", "B0003 should have been cancelled, but it is confirmed"),
    }


def test_fees_beyond_the_allowance_fail_the_change() -> None:
    sc = shipped("cancel-hotel-keep-flights")
    expect = sc.expect.model_copy(
        update={"change": sc.expect.change.model_copy(update={"fees_allowed": 200.0})}
    )  # type: ignore[union-attr]
    tight = sc.model_copy(update={"expect": expect})
    env = run_calls(tight, ("cancel_booking", {"booking_id": "B0003"}))
    assert failing(tight, env) == {
        "change: cancellation fees": ("change", "cancellation fees $242.25 exceed the expected $200.00")
    }


def test_a_kept_flight_counts_for_the_calendar(view: CatalogView) -> None:
    held = [{"kind": "flight", "flight_id": "MV901-2027-01-20", "passengers": 1, "price": 300}]
    sc = make_scenario(
        traveler={"bookings": held},
        constraints={
            "legs": [{"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}],
            "calendar_free": False,
        },
        expect={"outcome": "booked", "keep": ["B0001"]},
    )
    env = new_env(sc, view)
    assert env.call("book_flight", {"flight_id": "MV902-2027-01-20", "passengers": 1}).ok
    assert failing(sc, env) == {
        "calendar: no conflict": ("calendar", "MV902-2027-01-20 overlaps 'kept flight MV901-2027-01-20'")
    }


# -- the schema and validate -----------------------------------------------------------------------------


def test_keep_and_cancel_are_disjoint_and_changed_needs_a_change() -> None:
    with pytest.raises(ValidationError, match="B0001 both kept and cancelled"):
        make_scenario(expect={"outcome": "booked", "keep": ["B0001"], "change": {"cancel": ["B0001"]}})
    with pytest.raises(ValidationError, match="outcome 'changed' needs change.cancel"):
        make_scenario(expect={"outcome": "changed"})
    with pytest.raises(ValidationError, match="should match pattern"):
        make_scenario(expect={"outcome": "booked", "keep": ["b1"]})


def test_validate_names_what_is_wrong_with_a_change(view: CatalogView) -> None:
    held = [
        {"kind": "flight", "flight_id": "MV901-2027-01-20", "passengers": 1, "price": 300},
        {"kind": "hotel", "hotel_id": "H-JFK-90", "check_in": "2027-01-20", "check_out": "2027-01-24"},
    ]
    sc = make_scenario(
        traveler={"bookings": held},
        constraints={"legs": [{"origin": "JFK", "destination": "SFO", "date": "2027-01-24"}]},
        expect={"outcome": "changed", "keep": ["B0007"], "change": {"cancel": ["B0001"]}},
    )
    assert [(f.severity, f.message) for f in check(sc, view)] == [
        ("warning", "traveler.bookings.1: no price; it is charged at today's fare (late-booking markup included), not at what the traveller paid"),
        ("error", "expect.keep.0: B0007 names no held booking (traveler.bookings holds 2)"),
        ("error", "traveler.bookings.1: B0002 is neither in expect.keep nor in expect.change.cancel"),
        ("error", "expect.outcome: 'changed' is for cancel-only requests; with legs or stays to book, use 'booked'"),
    ]  # fmt: skip


def test_validate_warns_on_long_avoid_lists(view: CatalogView) -> None:
    ids = ["H-JFK-01", "H-JFK-02", "H-JFK-03", "H-JFK-04", "H-JFK-05", "H-JFK-06"]
    sc = make_scenario(
        constraints={"legs": [{"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}], "avoid": ids}
    )
    warnings = [f.message for f in check(sc, view) if f.message.startswith("constraints.avoid")]
    assert warnings == [
        "constraints.avoid: 6 ids; use a declarative constraint (time windows, airlines, stars, amenities, "
        "max_nightly, ...) instead of listing what it excludes"
    ]
    sc = make_scenario(
        constraints={
            "legs": [{"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}],
            "avoid": ids[:5],
        }
    )
    assert [f for f in check(sc, view) if f.message.startswith("constraints.avoid")] == []


# -- the reference and the guardrail ---------------------------------------------------------------------


def test_the_reference_plan_cancels_first_and_books_only_the_change() -> None:
    plan = WORLD.reference_plan(shipped("rebook-return-evening"))
    assert plan["pre"][0] == {"tool": "cancel_booking", "args": {"booking_id": "B0002"}}
    assert [c["args"] for c in plan["options"][0]["calls"]] == [
        {"flight_id": "NP107-2027-02-05", "passengers": 1, "cabin": "economy", "seat": "aisle"}
    ]
    cancel_only = WORLD.reference_plan(shipped("cancel-hotel-keep-flights"))
    assert cancel_only["pre"] == [{"tool": "cancel_booking", "args": {"booking_id": "B0003"}}]
    assert cancel_only["options"] == [] and "cancelled B0003" in cancel_only["report"]


def test_an_unaligned_stay_exempts_its_city_from_the_nights_rule(view: CatalogView) -> None:
    legs = [{"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}]
    call = {"hotel_id": "H-JFK-90", "check_in": "2027-01-21", "check_out": "2027-01-23"}
    for aligned, rules in ((True, ["hotel_nights_aligned"]), (False, [])):
        stay = {"city": "JFK", "check_in": "2027-01-21", "nights": 2, "aligned": aligned}
        env = new_env(make_scenario(constraints={"legs": legs, "stays": [stay]}), view)
        assert env.call("book_flight", {"flight_id": "MV902-2027-01-20", "passengers": 1}).ok
        assert [v.rule for v in check_call(env, "book_hotel", call)] == rules
