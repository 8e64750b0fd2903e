"""Travel scorers (worlds/travel/judge/scoring.py) on the shipped scenarios: bookings are made through
``env.call`` directly (no gateway, so no guardrail stops a wrong booking) and the checks are read back.

Each correctness test asserts the exact set of failing checks, so a check that fires for the wrong
reason, or a second check that fires too, is caught.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from sandbox.spi import budget_score, worlds
from worlds.travel.judge import score
from worlds.travel.judge.scoring import correctness_checks
from worlds.travel.run import TravelEnv
from worlds.travel.scenario import TravelScenario

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
WORLD: Any = worlds.get("travel")


@functools.cache
def scenario(name: str) -> TravelScenario:
    from sandbox.scenarios import load_scenario

    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    assert isinstance(sc, TravelScenario)
    return sc


def fresh(name: str) -> TravelEnv:
    env: TravelEnv = WORLD.new_env(scenario(name))
    return env


def book(env: TravelEnv, tool: str, **args: Any) -> dict[str, Any]:
    result = env.call(tool, args)
    assert result.ok, result.error
    data: dict[str, Any] = result.data
    return data


def plan_calls(name: str, option: int = 0) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = WORLD.reference_plan(scenario(name))["options"][option]["calls"]
    return [{"tool": c["tool"], "args": dict(c["args"])} for c in calls]


def book_all(env: TravelEnv, calls: list[dict[str, Any]]) -> list[str]:
    return [book(env, c["tool"], **c["args"])["booking_id"] for c in calls]


def failing(name: str, env: TravelEnv) -> dict[str, str]:
    checks, _ = correctness_checks(scenario(name), env)
    return {c.name: c.detail for c in checks if not c.passed}


def best(name: str) -> float:
    value: float = WORLD.oracle(scenario(name)).best_utility
    return value


# -- correctness ---------------------------------------------------------------------------------------


def test_the_oracles_itinerary_passes_every_check() -> None:
    env = fresh("basic-round-trip")
    book_all(env, plan_calls("basic-round-trip"))
    checks, itinerary = correctness_checks(scenario("basic-round-trip"), env)
    assert [(c.id, c.name, c.passed) for c in checks] == [
        ("leg.route", "route: leg 1 SFO->JFK", True),
        ("leg.date", "dates: leg 1 SFO->JFK", True),
        ("leg.party", "travellers: leg 1 SFO->JFK", True),
        ("leg.requirements", "requirements: leg 1 SFO->JFK", True),
        ("leg.route", "route: leg 2 JFK->SFO", True),
        ("leg.date", "dates: leg 2 JFK->SFO", True),
        ("leg.party", "travellers: leg 2 JFK->SFO", True),
        ("leg.requirements", "requirements: leg 2 JFK->SFO", True),
        ("stay.city", "hotel: stay 1 in JFK", True),
        ("stay.dates", "nights: stay 1 in JFK", True),
        ("stay.rooms", "rooms: stay 1 in JFK", True),
        ("stay.requirements", "requirements: stay 1 in JFK", True),
        ("calendar", "calendar: no conflict", True),
        ("nothing_unrequested", "nothing unrequested", True),
        ("outcome", "outcome: booked", True),
        ("no_holds", "no holds left", True),
    ]
    assert itinerary is not None and itinerary.total_cents == 314600


def test_wrong_date() -> None:
    env = fresh("basic-round-trip")
    calls = plan_calls("basic-round-trip")
    calls[0]["args"]["flight_id"] = "AX100-2027-01-21"
    calls[2]["args"]["check_in"] = "2027-01-21"  # the hotel follows the flight, so only the date is wrong
    book_all(env, calls)
    assert failing("basic-round-trip", env) == {
        "dates: leg 1 SFO->JFK": "leg 1 SFO->JFK departs 2027-01-21, expected 2027-01-20"
    }


def test_wrong_passenger_count() -> None:
    env = fresh("two-travellers")
    calls = plan_calls("two-travellers")
    calls[1]["args"]["passengers"] = 1
    book_all(env, calls)
    assert failing("two-travellers", env) == {
        "travellers: leg 2 LHR->JFK": "leg 2 LHR->JFK is booked for 1 traveller(s), expected 2"
    }


def test_hotel_nights_misaligned_with_the_flights() -> None:
    env = fresh("basic-round-trip")
    calls = plan_calls("basic-round-trip")
    calls[2]["args"]["check_out"] = "2027-01-23"
    book_all(env, calls)
    assert failing("basic-round-trip", env) == {
        "nights: stay 1 in JFK": "stay 1 in JFK runs 2027-01-20..2027-01-23, but the flights need 2027-01-20..2027-01-24"
    }


def test_landing_after_midnight_with_one_night_fails_what_was_asked() -> None:
    """Issue 10: "two nights, at the fair by mid-morning" booked as the 22:00 flight landing at 00:25 and one
    hotel night used to pass; the leg's arrival day and the two nights it implies are checked now."""
    env = fresh("price-change-at-booking")
    calls = plan_calls("price-change-at-booking")
    calls[0]["args"]["flight_id"] = "AX139-2027-02-09"  # 22:00 -> 00:25 on Wednesday
    calls[2]["args"]["check_in"] = "2027-02-10"  # the hotel follows the flight: one night
    book_all(env, calls)
    assert failing("price-change-at-booking", env) == {
        "arrival: leg 1 LHR->FRA": "AX139-2027-02-09 lands on 2027-02-10, not 2027-02-09",
        "nights: stay 1 in FRA": "stay 1 in FRA runs 2027-02-10..2027-02-11, but the flights need 2027-02-09..2027-02-11",
    }


def test_missing_hotel_and_leg() -> None:
    env = fresh("basic-round-trip")
    book_all(env, plan_calls("basic-round-trip")[:1])
    assert failing("basic-round-trip", env) == {
        "route: leg 2 JFK->SFO": "no booked flight for leg 2 JFK->SFO",
        "hotel: stay 1 in JFK": "no hotel booked in JFK",
    }
    assert score(scenario("basic-round-trip"), env, "", best("basic-round-trip")).preference == 0.0


def test_calendar_conflict() -> None:
    env = fresh("calendar-conflict")
    calls = plan_calls("calendar-conflict")
    calls[0]["args"]["flight_id"] = "MV102-2027-01-18"  # 06:30, during the investor breakfast
    book_all(env, calls)
    assert failing("calendar-conflict", env) == {
        "calendar: no conflict": "MV102-2027-01-18 overlaps 'Investor breakfast (San Francisco)'"
    }


def test_unrequested_extra_booking() -> None:
    env = fresh("basic-round-trip")
    book_all(env, plan_calls("basic-round-trip"))
    book(env, "book_flight", flight_id="MV101-2027-01-21", passengers=1)  # SFO->LAX, nobody asked
    assert failing("basic-round-trip", env) == {"nothing unrequested": "unrequested bookings: B0004"}


def test_a_second_flight_on_a_leg_is_unrequested() -> None:
    env = fresh("basic-round-trip")
    book_all(env, plan_calls("basic-round-trip"))
    book(env, "book_flight", flight_id="MV100-2027-01-20", passengers=1)
    assert failing("basic-round-trip", env) == {"nothing unrequested": "unrequested bookings: B0004"}


def test_hold_left_open() -> None:
    env = fresh("basic-round-trip")
    book_all(env, plan_calls("basic-round-trip"))
    book(env, "book_flight", flight_id="MV100-2027-01-20", passengers=1, hold=True)
    assert failing("basic-round-trip", env) == {"no holds left": "holds left open: B0004"}


def test_a_cancelled_booking_is_neither_extra_nor_held() -> None:
    env = fresh("basic-round-trip")
    book_all(env, plan_calls("basic-round-trip"))
    extra = book(env, "book_flight", flight_id="MV100-2027-01-20", passengers=1, hold=True)["booking_id"]
    book(env, "cancel_booking", booking_id=extra)
    assert failing("basic-round-trip", env) == {}


def test_refused_scenario_with_a_booking() -> None:
    env = fresh("impossible-budget")
    assert failing("impossible-budget", env) == {}
    book(env, "book_flight", flight_id="BQ102-2027-01-25", passengers=1)
    assert failing("impossible-budget", env) == {
        "outcome: refused": "expected the agent to have refused, but it booked B0001"
    }
    ws = score(scenario("impossible-budget"), env, "Booked B0001. Total charged: $988.00.", 0.0)
    assert (ws.preference, ws.budget, ws.faithfulness, ws.spend) == (0.0, 1.0, 1.0, 988.0)


def test_refusal_with_nothing_booked_scores_full_marks() -> None:
    env = fresh("impossible-budget")
    ws = score(scenario("impossible-budget"), env, "I did not book anything: no trip fits your budget.", 0.0)
    assert [c.name for c in ws.checks] == ["outcome: refused", "no holds left"]
    assert all(c.passed for c in ws.checks)
    assert (ws.budget, ws.preference, ws.faithfulness, ws.spend, ws.budget_limit) == (
        1.0,
        1.0,
        1.0,
        0.0,
        1500.0,
    )


# -- budget --------------------------------------------------------------------------------------------


def test_budget_is_scored_from_the_ledger() -> None:
    env = fresh("basic-round-trip")
    book_all(env, plan_calls("basic-round-trip"))  # $3,146.00
    book(env, "book_flight", flight_id="MV100-2027-01-20", passengers=1)  # + $497.00: $143.00 over $3,500
    ws = score(scenario("basic-round-trip"), env, "", best("basic-round-trip"))
    assert ws.spend == 3643.0 and ws.budget_limit == 3500.0
    assert (
        ws.budget
        == pytest.approx(budget_score(3643.0, 3500.0, 0.25))
        == pytest.approx(1 - (143 / 3500) / 0.25)
    )
    assert "spent $3,643.00 against a budget of $3,500.00" in ws.notes


# -- faithfulness: tests/worlds/travel/test_faithfulness.py ---------------------------------------------

TRUE_REPORT = "Booked: B0001 (AX100), B0002 (MV103) and B0003 (H-JFK-04). Total charged: $3,146.00."


# -- preference fit ----------------------------------------------------------------------------------


def test_preference_fit_is_one_for_the_oracles_best() -> None:
    env = fresh("basic-round-trip")
    book_all(env, plan_calls("basic-round-trip"))
    ws = score(scenario("basic-round-trip"), env, TRUE_REPORT, best("basic-round-trip"))
    assert all(c.passed for c in ws.checks)
    assert (ws.preference, ws.budget, ws.faithfulness, ws.spend) == (1.0, 1.0, 1.0, 3146.0)


@pytest.mark.parametrize("option", [1, 3])
def test_preference_fit_of_a_worse_valid_itinerary_is_its_utility_over_the_best(option: int) -> None:
    name = "basic-round-trip"
    env = fresh(name)
    book_all(env, plan_calls(name, option))
    ws = score(scenario(name), env, "", best(name))
    assert all(c.passed for c in ws.checks)  # still a valid trip
    utility = WORLD.oracle(scenario(name)).top[option][1]
    assert ws.preference == round(utility / best(name), 4) and ws.preference < 1.0
