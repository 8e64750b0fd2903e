from __future__ import annotations

import datetime as dt
import hashlib
import json
import timeit
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from worlds.travel import WORLD
from worlds.travel.catalog import CatalogView, fare_cents
from worlds.travel.run import TravelEnv, TravelState, new_env
from worlds.travel.run.state import CALL_RECORD_FIELDS, FAULT_FIELDS
from worlds.travel.scenario import TravelScenario


def test_from_scenario_takes_clock_budget_and_calendar(scenario: TravelScenario, view: CatalogView) -> None:
    s = TravelState.from_scenario(scenario, view)
    assert s.clock == scenario.world.now
    assert s.budget_cents == 500_000
    assert [(e.id, e.title, e.source, e.booking_id) for e in s.calendar] == [
        ("E001", "Board meeting", "traveler", None)
    ]
    assert s.next_event_no == 2 and s.next_booking_no == 1
    assert s.bookings == {} and s.ledger == [] and s.tool_calls == []
    assert s.spent_cents == 0 and s.remaining_cents == 500_000


def test_no_budget_means_no_remaining(make_env: Callable[..., TravelEnv]) -> None:
    env = make_env(traveler={"budget": None})
    assert env.state.budget_cents is None and env.state.remaining_cents is None


def test_creation_is_fast_and_does_not_copy_the_catalog(scenario: TravelScenario, view: CatalogView) -> None:
    n = 200
    per_state = timeit.timeit(lambda: TravelState.from_scenario(scenario, view), number=n) / n
    per_env = timeit.timeit(lambda: new_env(scenario, view), number=n) / n
    assert per_state < 1e-3 and per_env < 1e-3
    assert len(TravelState.from_scenario(scenario, view).canonical()) < 1000


def test_ledger_arithmetic() -> None:
    s = TravelState.model_validate({"clock": "2027-01-05T09:00:00-08:00", "budget_cents": 10_000})
    s.add_ledger("charge", 6_000, "B0001", "flight")
    s.add_ledger("fee", 0, "B0001", "zero amounts are not recorded")
    s.add_ledger("refund", 6_000, "B0001", "cancel")
    s.add_ledger("fee", 1_500, "B0001", "late fee")
    s.add_ledger("charge", 2_000, "B0002", "hotel")
    assert [e.seq for e in s.ledger] == [1, 2, 3, 4]
    assert s.spent_cents == 3_500 and s.remaining_cents == 6_500
    assert s.booking_net_cents("B0001") == 1_500 and s.booking_net_cents("B0002") == 2_000


def test_ids_are_sequential() -> None:
    s = TravelState.model_validate({"clock": "2027-01-05T09:00:00Z", "next_event_no": 4})
    assert [s.new_booking_id(), s.new_booking_id()] == ["B0001", "B0002"]
    assert s.new_event_id() == "E004"


def _busy_env(env: TravelEnv, ok: Callable[..., Any]) -> TravelEnv:
    ok(env, "book_flight", flight_id="MV901-2027-01-20", passengers=2)
    ok(env, "book_hotel", hotel_id="H-JFK-90", check_in="2027-01-20", check_out="2027-01-24", hold=True)
    ok(env, "cancel_booking", booking_id="B0001")
    ok(
        env,
        "add_calendar_event",
        title="Dinner",
        start="2027-01-21T19:00:00-05:00",
        end="2027-01-21T21:00:00-05:00",
    )
    env.call("book_flight", {"flight_id": "nope", "passengers": 1}, call_id="c-bad")
    return env


def test_canonical_hash_dump_load_round_trip(env: TravelEnv, ok: Callable[..., Any]) -> None:
    s = _busy_env(env, ok).state
    text = s.dump()
    assert text == s.canonical() == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
    assert s.hash() == hashlib.sha256(text.encode()).hexdigest()
    back = TravelState.load(text)
    assert back == s and back.dump() == text and back.hash() == s.hash()
    assert TravelState.load(text.encode()) == s


def test_same_calls_same_hash_different_calls_different_hash(
    scenario: TravelScenario, view: CatalogView, ok: Callable[..., Any]
) -> None:
    a = _busy_env(new_env(scenario, view), ok)
    b = _busy_env(new_env(scenario, view), ok)
    assert a.state_hash() == b.state_hash()
    ok(b, "get_budget")
    assert a.state_hash() != b.state_hash()


def test_loaded_state_continues_the_run(
    env: TravelEnv, scenario: TravelScenario, view: CatalogView, ok: Callable[..., Any]
) -> None:
    _busy_env(env, ok)
    restored = TravelEnv(scenario, view, TravelState.load(env.state.dump()), env.faults, env.tools)
    assert restored.call("book_flight", {"flight_id": "nope"}, call_id="c-bad") == env.lookup("c-bad")
    for e in (env, restored):
        ok(e, "book_flight", flight_id="MV902-2027-01-20", passengers=1)
    assert restored.state_hash() == env.state_hash()


def test_state_rejects_unknown_fields(scenario: TravelScenario, view: CatalogView) -> None:
    data = json.loads(TravelState.from_scenario(scenario, view).dump())
    data["surprise"] = 1
    with pytest.raises(ValidationError, match="surprise"):
        TravelState.load(json.dumps(data))


def test_field_groups_name_real_fields() -> None:
    assert set(CALL_RECORD_FIELDS) | set(FAULT_FIELDS) < set(TravelState.model_fields)


HELD: list[dict[str, Any]] = [
    {"kind": "flight", "flight_id": "MV901-2027-01-20", "passengers": 2},
    {
        "kind": "hotel",
        "hotel_id": "H-JFK-90",
        "check_in": "2027-01-20",
        "check_out": "2027-01-24",
        "price": 700,
    },
]


def test_held_bookings_start_confirmed_charged_and_taken(
    make_env: Callable[..., TravelEnv], view: CatalogView, ok: Callable[..., Any], err: Callable[..., Any]
) -> None:
    env = make_env(traveler={"bookings": HELD})
    s = env.state
    flight = view.flight("MV901-2027-01-20")
    assert flight is not None
    fare = fare_cents(flight, "economy", env.now) * 2  # today's fare when no price is given
    assert list(s.bookings) == ["B0001", "B0002"] and s.next_booking_no == 3
    b1, b2 = s.bookings["B0001"], s.bookings["B0002"]
    assert (b1.status, b1.kind, b1.passengers, b1.cabin, b1.price_cents) == (
        "confirmed",
        "flight",
        2,
        "economy",
        fare,
    )
    assert b1.terms.refundable and b2.terms.free_cancel_days == 3 and b2.terms.cancel_fee_pct == 50
    assert (b2.status, b2.check_in, b2.check_out, b2.rooms, b2.price_cents) == (
        "confirmed",
        dt.date(2027, 1, 20),
        dt.date(2027, 1, 24),
        1,
        70_000,
    )
    assert [(e.kind, e.amount_cents, e.booking_id) for e in s.ledger] == [
        ("charge", fare, "B0001"),
        ("charge", 70_000, "B0002"),
    ]
    assert s.spent_cents == fare + 70_000 and s.remaining_cents == 500_000 - fare - 70_000
    assert s.seats_taken == {"MV901-2027-01-20/economy": 2}
    assert s.rooms_taken == {f"H-JFK-90/2027-01-{d}": 1 for d in (20, 21, 22, 23)}
    assert [(e.id, e.source, e.booking_id) for e in s.calendar] == [
        ("E001", "traveler", None),
        ("E002", "agent", "B0001"),
    ]
    # They behave like bookings made in the run: inventory is taken, cancelling refunds per the terms.
    assert (
        err(env, "book_hotel", hotel_id="H-JFK-90", check_in="2027-01-21", check_out="2027-01-22", rooms=2)[0]
        == "sold_out"
    )
    assert ok(env, "cancel_booking", booking_id="B0001")["refund"] == fare / 100
    assert s.spent_cents == 70_000 and s.seats_taken == {}
    assert [e.id for e in s.calendar] == ["E001"]
    assert ok(env, "book_flight", flight_id="MV902-2027-01-20", passengers=1)["booking_id"] == "B0003"


def _holding(scenario: TravelScenario, bookings: list[dict[str, Any]]) -> TravelScenario:
    data = scenario.model_dump()
    data["traveler"]["bookings"] = bookings
    return TravelScenario.model_validate(data)


def test_held_bookings_use_the_given_view_and_name_unknown_ids(
    scenario: TravelScenario, view: CatalogView
) -> None:
    held = _holding(scenario, HELD)
    assert TravelState.from_scenario(held, view) == TravelState.from_scenario(held, WORLD.view(held))
    bad = _holding(
        scenario,
        [{"kind": "hotel", "hotel_id": "H-JFK-77", "check_in": "2027-01-20", "check_out": "2027-01-21"}],
    )
    with pytest.raises(ValueError, match=r"traveler\.bookings\.0\.hotel_id: unknown hotel 'H-JFK-77'"):
        TravelState.from_scenario(bad, view)
    with pytest.raises(ValidationError, match="check_out must be after check_in"):
        _holding(scenario, [{**HELD[1], "check_out": "2027-01-20"}])
