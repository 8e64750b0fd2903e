from __future__ import annotations

from collections.abc import Callable
from typing import Any

from worlds.travel.run import TravelEnv
from worlds.travel.run.faults import stable_uniform
from worlds.travel.run.state import CALL_RECORD_FIELDS, FAULT_FIELDS

Ok = Callable[..., Any]
Err = Callable[..., tuple[str, str]]
MakeEnv = Callable[..., TravelEnv]
F1, F2 = "MV901-2027-01-20", "MV902-2027-01-20"
HOTEL = "H-JFK-90"
SEARCH = {"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}


def world(env: TravelEnv) -> dict[str, Any]:
    """The state without the call record and fault effects: what a failed call must not change."""
    return env.state.model_dump(exclude=set(CALL_RECORD_FIELDS) | set(FAULT_FIELDS))


def listed(env: TravelEnv, ok: Ok, flight_id: str, **args: Any) -> dict[str, Any]:
    flights = ok(env, "search_flights", **{**SEARCH, **args})["flights"]
    return next(f for f in flights if f["flight_id"] == flight_id)


def test_error_on_nth_call_of_a_glob(make_env: MakeEnv, ok: Ok) -> None:
    env = make_env(faults=[{"tool": "search_*", "kind": "error", "on_call": 2}])
    ok(env, "search_flights", **SEARCH)
    before = world(env)
    r = env.call(
        "search_hotels", {"city": "JFK", "check_in": "2027-01-20", "check_out": "2027-01-22"}, call_id="s2"
    )
    assert (
        not r.ok
        and r.error is not None
        and r.error.code == "service_error"
        and "search_hotels" in r.error.message
    )
    assert world(env) == before
    assert env.fault_for("s2") == "fault 0 (error) on search_hotels call 2"
    assert env.state.faults_fired == {"0": 1} and env.state.call_counts == {
        "search_flights": 1,
        "search_hotels": 1,
    }
    ok(env, "search_flights", **SEARCH)  # the 3rd call works again


def test_timeout_blocks_a_write_without_changing_the_world(make_env: MakeEnv, ok: Ok) -> None:
    env = make_env(faults=[{"tool": "book_*", "kind": "timeout", "message": "provider did not answer"}])
    before = world(env)
    r = env.call("book_flight", {"flight_id": F2, "passengers": 1})
    assert r.error is not None and (r.error.code, r.error.message) == ("timeout", "provider did not answer")
    assert world(env) == before and env.state.tool_calls[-1].fault is not None
    ok(env, "book_flight", flight_id=F2, passengers=1)  # no trigger given: fires once


def test_probability_is_seeded_and_stable(make_env: MakeEnv) -> None:
    def pattern(trial: int, p: float = 0.5) -> list[bool]:
        env = make_env(trial=trial, faults=[{"tool": "get_budget", "kind": "error", "probability": p}])
        return [env.call("get_budget", {}).ok for _ in range(40)]

    assert pattern(0) == pattern(0) and pattern(1) == pattern(1)
    assert pattern(0) != pattern(1)
    assert 5 < pattern(0).count(False) < 35
    assert all(pattern(0, p=0.0)) and not any(pattern(0, p=1.0))
    assert stable_uniform(7, 0, "get_budget", 1, 0) == stable_uniform(7, 0, "get_budget", 1, 0) < 1


def test_price_change_on_the_target(make_env: MakeEnv, ok: Ok) -> None:
    env = make_env(faults=[{"tool": "book_flight", "kind": "price_change", "target": F2, "pct": 20}])
    shown = listed(env, ok, F2, passengers=2)
    ok(env, "book_flight", flight_id=F1, passengers=1)  # another item: no fault
    b = ok(env, "book_flight", flight_id=F2, passengers=2)
    unit = round(shown["price"] * 100 * 1.2)
    assert b["total_price"] == 2 * unit / 100 and env.state.price_changes == {F2: 20.0}
    assert env.state.tool_calls[-1].fault == f"fault 0 (price_change) on book_flight call 2: {F2} price +20%"
    assert listed(env, ok, F2)["price"] == unit / 100  # later searches show the new price
    ok(env, "cancel_booking", booking_id=b["booking_id"])
    ok(env, "book_flight", flight_id=F2, passengers=2)
    assert env.state.price_changes == {F2: 20.0}  # fired once


def test_price_change_above_max_price_fails_but_sticks(make_env: MakeEnv, ok: Ok, err: Err) -> None:
    env = make_env(faults=[{"tool": "book_*", "kind": "price_change", "pct": 50}])
    shown = listed(env, ok, F2)
    before = world(env)
    code, msg = err(env, "book_flight", flight_id=F2, passengers=1, max_price=shown["total_price"])
    new = round(shown["price"] * 100 * 1.5)
    assert code == "price_changed" and f"${new / 100:,.2f}" in msg
    assert world(env) == before and env.state.price_changes == {F2: 50.0}
    assert ok(env, "book_flight", flight_id=F2, passengers=1, max_price=new / 100)["charged"] == new / 100


def test_sold_out_fault(make_env: MakeEnv, ok: Ok, err: Err) -> None:
    env = make_env(faults=[{"tool": "book_hotel", "kind": "sold_out", "target": HOTEL}])
    stay = {"check_in": "2027-01-20", "check_out": "2027-01-22"}
    before = world(env)
    code, msg = err(env, "book_hotel", hotel_id=HOTEL, **stay)
    assert code == "sold_out" and HOTEL in msg and world(env) == before
    assert env.state.sold_out == [HOTEL]
    hotels = ok(env, "search_hotels", city="JFK", **stay)["hotels"]
    h = next(h for h in hotels if h["hotel_id"] == HOTEL)
    assert (h["rooms_left"], h["available"]) == (0, False)
    assert sum(h["available"] for h in hotels) == len(hotels) - 1


def test_sold_out_without_target_hits_the_first_booking(make_env: MakeEnv, ok: Ok, err: Err) -> None:
    env = make_env(faults=[{"tool": "book_*", "kind": "sold_out"}])
    assert err(env, "book_flight", flight_id=F1, passengers=1)[0] == "sold_out"
    assert listed(env, ok, F1)["seats_left"] == 0
    ok(env, "book_flight", flight_id=F2, passengers=1)
    assert env.state.sold_out == [F1]


def test_stale_search_results(make_env: MakeEnv, ok: Ok, err: Err) -> None:
    env = make_env(
        faults=[
            {"tool": "book_flight", "kind": "stale", "target": F1},
            {"tool": "book_flight", "kind": "price_change", "target": F1, "on_call": 9},
        ]
    )
    shown = listed(env, ok, F1)
    for _ in range(2):
        code, msg = err(env, "book_flight", flight_id=F1, passengers=1)
        assert code == "sold_out" and F1 in msg
    assert env.state.stale == [F1] and env.state.faults_fired == {"0": 1}
    assert listed(env, ok, F1) == shown  # still listed as available, at the old price


def test_booking_faults_ignore_other_tools(make_env: MakeEnv, ok: Ok) -> None:
    env = make_env(faults=[{"tool": "*", "kind": "sold_out", "target": F1}])
    ok(env, "search_flights", **SEARCH)
    ok(env, "get_flight", flight_id=F1)
    ok(env, "book_flight", flight_id=F2, passengers=1)
    assert env.state.faults_fired == {} and env.state.sold_out == []


def test_first_fault_in_order_wins(make_env: MakeEnv) -> None:
    env = make_env(
        faults=[
            {"tool": "get_*", "kind": "timeout", "on_call": 1},
            {"tool": "get_budget", "kind": "error", "on_call": 1},
        ]
    )
    r = env.call("get_budget", {})
    assert r.error is not None and r.error.code == "timeout"
    assert env.state.faults_fired == {"0": 1}


def test_replayed_call_does_not_refire(make_env: MakeEnv) -> None:
    env = make_env(faults=[{"tool": "get_budget", "kind": "error", "probability": 1.0}])
    first = env.call("get_budget", {}, call_id="x")
    assert env.call("get_budget", {}, call_id="x") == first
    assert env.state.faults_fired == {"0": 1} and env.state.call_counts == {"get_budget": 1}
