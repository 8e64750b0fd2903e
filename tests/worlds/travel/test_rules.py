from __future__ import annotations

from collections.abc import Callable
from typing import Any

from worlds.travel.run import TravelEnv, check_call
from worlds.travel.run.rules import DOMAIN_RULES, Violation

Ok = Callable[..., Any]
F1, F2, BACK = "MV901-2027-01-20", "MV902-2027-01-20", "MV903-2027-01-24"
MEETING, EVENING = "MV904-2027-01-12", "MV905-2027-01-12"
HOTEL = "H-JFK-90"


def rules(env: TravelEnv, tool: str, **args: Any) -> list[str]:
    return [v.rule for v in check_call(env, tool, args)]


def test_rule_order() -> None:
    assert [r.name for r in DOMAIN_RULES] == [
        "budget_cap",
        "calendar_conflict",
        "passenger_count",
        "hotel_nights_aligned",
        "not_in_past",
        "no_duplicate",
    ]


def test_clean_calls_and_calls_rules_do_not_judge(env: TravelEnv) -> None:
    assert check_call(env, "book_flight", {"flight_id": F1, "passengers": 2}) == []
    assert check_call(env, "search_flights", {"origin": "SFO"}) == []  # READ
    assert check_call(env, "nope", {}) == []
    assert check_call(env, "book_flight", {"flight_id": F1, "passengers": "many"}) == []  # the tool says why
    assert check_call(env, "book_flight", {"flight_id": "XX1-2027-01-01", "passengers": 1}) == []


def test_budget_cap(make_env: Callable[..., TravelEnv], ok: Ok) -> None:
    env = make_env(traveler={"budget": 400})
    unit = env.fare_cents(env.view.flight(F1), "economy")  # type: ignore[arg-type]
    [v] = check_call(env, "book_flight", {"flight_id": F1, "passengers": 2})
    assert v == Violation("budget_cap", v.message)
    assert f"${2 * unit / 100:,.2f}" in v.message and "$400.00" in v.message
    assert check_call(env, "book_flight", {"flight_id": F1, "passengers": 2, "hold": True}) == []
    ok(env, "book_flight", flight_id=F1, passengers=2, hold=True)
    assert rules(env, "confirm_booking", booking_id="B0001") == ["budget_cap"]
    assert (
        check_call(make_env(traveler={"budget": None}), "book_flight", {"flight_id": F1, "passengers": 2})
        == []
    )


def test_calendar_conflict_compares_instants(make_env: Callable[..., TravelEnv], env: TravelEnv) -> None:
    [v] = check_call(env, "book_flight", {"flight_id": MEETING, "passengers": 1})
    assert v.rule == "calendar_conflict" and MEETING in v.message and "E001 'Board meeting'" in v.message
    assert check_call(env, "book_flight", {"flight_id": EVENING, "passengers": 1}) == []
    # The same meeting written in another time zone still clashes; ending at departure does not.
    tokyo = make_env(
        traveler={
            "calendar": [
                {"title": "Call", "start": "2027-01-13T03:00:00+09:00", "end": "2027-01-13T04:00:00+09:00"},
                {"title": "Lunch", "start": "2027-01-12T17:00:00-08:00", "end": "2027-01-12T18:00:00-08:00"},
            ]
        }
    )
    assert rules(tokyo, "book_flight", flight_id=MEETING, passengers=1) == ["calendar_conflict"]
    assert rules(tokyo, "book_flight", flight_id=EVENING, passengers=1) == []
    relaxed = make_env(constraints={"calendar_free": False})
    assert rules(relaxed, "book_flight", flight_id=MEETING, passengers=1) == []


def test_calendar_ignores_agent_events(env: TravelEnv, ok: Ok) -> None:
    ok(
        env,
        "add_calendar_event",
        title="x",
        start="2027-01-20T07:00:00-08:00",
        end="2027-01-20T12:00:00-08:00",
    )
    assert rules(env, "book_flight", flight_id=F1, passengers=1) == []


def test_passenger_count(env: TravelEnv) -> None:
    [v] = check_call(env, "book_flight", {"flight_id": F2, "passengers": 3})
    assert v.rule == "passenger_count" and "3 passengers" in v.message and "party is 2" in v.message
    assert rules(env, "book_flight", flight_id=F2, passengers=1) == []


def test_hotel_nights_aligned(env: TravelEnv, ok: Ok) -> None:
    stay = {"hotel_id": HOTEL, "check_in": "2027-01-20", "check_out": "2027-01-24"}
    assert rules(env, "book_hotel", **stay) == []  # no flights yet: nothing to align with
    ok(env, "book_flight", flight_id=F1, passengers=1)
    assert rules(env, "book_hotel", **stay) == []
    [v] = check_call(env, "book_hotel", {**stay, "check_in": "2027-01-19"})
    assert v.rule == "hotel_nights_aligned" and f"flight {F1} arrives in JFK on 2027-01-20" in v.message
    ok(env, "book_flight", flight_id=BACK, passengers=1, hold=True)
    assert rules(env, "book_hotel", **stay) == []
    [v] = check_call(env, "book_hotel", {**stay, "check_out": "2027-01-23"})
    assert f"check-out 2027-01-23 but flight {BACK} leaves JFK on 2027-01-24" in v.message
    ok(env, "cancel_booking", booking_id="B0001")
    ok(env, "book_hotel", **stay, hold=True)
    assert rules(env, "confirm_booking", booking_id="B0003") == []


def test_not_in_past(make_env: Callable[..., TravelEnv]) -> None:
    late = make_env(world={"now": "2027-01-21T12:00:00-08:00"})
    assert rules(late, "book_flight", flight_id=F1, passengers=1) == ["not_in_past"]
    [v] = check_call(
        late, "book_hotel", {"hotel_id": HOTEL, "check_in": "2027-01-20", "check_out": "2027-01-22"}
    )
    assert v.rule == "not_in_past" and "2027-01-20" in v.message and "2027-01-21" in v.message
    event = {"title": "x", "start": "2027-01-21T10:00:00-08:00", "end": "2027-01-21T11:00:00-08:00"}
    assert rules(late, "add_calendar_event", **event) == ["not_in_past"]


def test_no_duplicate(env: TravelEnv, ok: Ok) -> None:
    ok(env, "book_flight", flight_id=F2, passengers=1, hold=True)
    [v] = check_call(env, "book_flight", {"flight_id": F2, "passengers": 1})
    assert v.rule == "no_duplicate" and "B0001" in v.message
    ok(env, "book_hotel", hotel_id=HOTEL, check_in="2027-01-20", check_out="2027-01-22")
    found = check_call(
        env, "book_hotel", {"hotel_id": HOTEL, "check_in": "2027-01-21", "check_out": "2027-01-23"}
    )
    assert [v.rule for v in found] == ["hotel_nights_aligned", "no_duplicate"]  # F2 lands on the 20th
    assert "B0002 (2027-01-20 to 2027-01-22)" in found[1].message
    assert "no_duplicate" not in rules(
        env, "book_hotel", hotel_id=HOTEL, check_in="2027-01-22", check_out="2027-01-23"
    )
    ok(env, "cancel_booking", booking_id="B0001")
    assert rules(env, "book_flight", flight_id=F2, passengers=1) == []


def test_several_violations_in_rule_order(make_env: Callable[..., TravelEnv]) -> None:
    env = make_env(traveler={"budget": 100})
    assert rules(env, "book_flight", flight_id=MEETING, passengers=4) == [
        "budget_cap",
        "calendar_conflict",
        "passenger_count",
    ]


def test_rule_callable_on_raw_args(env: TravelEnv) -> None:
    passenger_count = next(r for r in DOMAIN_RULES if r.name == "passenger_count")
    assert passenger_count(env, "book_flight", {"flight_id": F2, "passengers": 1}) is None
    v = passenger_count(env, "book_flight", {"flight_id": F2, "passengers": 5})
    assert (
        v is not None and v.rule == "passenger_count" and str(v).startswith("passenger_count: 5 passengers")
    )
