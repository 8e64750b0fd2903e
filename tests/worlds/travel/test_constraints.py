"""The declarative constraints, kind by kind: the schema accepts and rejects the right forms, the oracle
prunes by each one, and the scorer's check with its stable id passes on a booking that meets it and
fails (with the exact words) on one that does not.

Bookings are made with ``env.call`` directly (no gateway, so no guardrail stops a wrong booking) on
the runtime test scenario (``conftest``): MV901 (08:00, refundable, 3 economy seats) and MV902 (10:00,
non-refundable) fly SFO->JFK on 20 January, MV903 flies back on the 24th; H-JFK-90 (3 stars, $200,
2 rooms) and H-JFK-91 (2 stars, $150, non-refundable) are in New York.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from tests.worlds.travel.conftest import make_scenario
from worlds.travel.catalog import CatalogView
from worlds.travel.constraints import Constraints, Leg, Stay, normalise_airlines
from worlds.travel.judge import check, solve
from worlds.travel.judge.scoring import correctness_checks
from worlds.travel.run import TravelEnv, new_env
from worlds.travel.scenario import TravelScenario

OUT = {"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}
BACK = {"origin": "JFK", "destination": "SFO", "date": "2027-01-24"}
STAY = {"city": "JFK", "after_leg": 0}


def scenario(**constraints: Any) -> TravelScenario:
    base: dict[str, Any] = {"legs": [OUT, BACK], "stays": [STAY], "travelers": 2, "rooms": 1}
    return make_scenario(constraints={**base, **constraints})


def booked(sc: TravelScenario, view: CatalogView, *calls: tuple[str, dict[str, Any]]) -> TravelEnv:
    env = new_env(sc, view)
    for tool, args in calls:
        result = env.call(tool, args)
        assert result.ok, result.error
    return env


def failing(sc: TravelScenario, env: TravelEnv) -> dict[str, tuple[str, str]]:
    """Failing checks: name -> (id, detail)."""
    checks, _ = correctness_checks(sc, env)
    return {c.name: (c.id, c.detail) for c in checks if not c.passed}


def flight(fid: str, passengers: int = 2, **extra: Any) -> tuple[str, dict[str, Any]]:
    return "book_flight", {"flight_id": fid, "passengers": passengers, **extra}


def hotel(
    hid: str, check_in: str = "2027-01-20", check_out: str = "2027-01-24", rooms: int = 1
) -> tuple[str, dict[str, Any]]:
    return "book_hotel", {"hotel_id": hid, "check_in": check_in, "check_out": check_out, "rooms": rooms}


TRIP = (flight("MV902-2027-01-20"), flight("MV903-2027-01-24"), hotel("H-JFK-90"))


# -- the schema ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leg", "message"),
    [
        ({"earliest": "2027-01-20"}, "give both earliest and latest"),
        ({"date": "2027-01-20", "offset": {"from_leg": 0, "days": 1}}, "not both"),
        ({}, "give either date, or both earliest and latest, or offset"),
        (
            {"date": "2027-01-20", "depart_after": "12:00", "depart_before": "09:00"},
            "depart_before must not be before",
        ),
    ],
)
def test_leg_forms_that_do_not_load(leg: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Leg.model_validate({"origin": "SFO", "destination": "JFK", **leg})


def test_an_offset_names_an_earlier_leg() -> None:
    with pytest.raises(ValidationError, match="legs.0.offset.from_leg must name an earlier leg"):
        Constraints.model_validate({"legs": [{**OUT, "date": None, "offset": {"from_leg": 0, "days": 2}}]})


@pytest.mark.parametrize(
    ("stay", "message"),
    [
        ({"after_leg": 0, "check_in": "2027-01-20", "nights": 2}, "either after_leg, or check_in"),
        ({"check_in": "2027-01-20"}, "needs nights or check_out"),
        ({"check_in": "2027-01-20", "nights": 2, "check_out": "2027-01-22"}, "needs nights or check_out"),
        ({"check_in": "2027-01-20", "check_out": "2027-01-20"}, "check_out must be after check_in"),
        ({"after_leg": 0, "check_out": "2027-01-22"}, "check_out goes with check_in"),
        ({"after_leg": 0, "aligned": False}, "needs nights"),
    ],
)
def test_stay_forms_that_do_not_load(stay: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Stay.model_validate({"city": "JFK", **stay})


def test_airline_names_become_codes(view: CatalogView) -> None:
    c = Constraints.model_validate(
        {"legs": [{**OUT, "airlines_avoid": ["meridian vale", "NP"], "airlines_only": ["Aurora Air"]}]}
    )
    leg = normalise_airlines(c, view.airlines()).legs[0]
    assert (leg.airlines_avoid, leg.airlines_only) == (["MV", "NP"], ["AX"])


def test_an_unknown_airline_name_is_an_error_naming_the_field(view: CatalogView) -> None:
    c = Constraints.model_validate({"legs": [{**OUT, "airlines_avoid": ["NP", "Air Nowhere"]}]})
    with pytest.raises(ValueError, match=r"^legs\.0\.airlines_avoid\.1: unknown airline 'Air Nowhere'"):
        normalise_airlines(c, view.airlines())
    sc = scenario(legs=[{**OUT, "airlines_avoid": ["NP", "Air Nowhere"]}], stays=[])
    assert [(f.severity, f.message) for f in check(sc, view)] == [
        ("error", "constraints.legs.0.airlines_avoid.1: unknown airline 'Air Nowhere'")
    ]


# -- the oracle prunes by each constraint -----------------------------------------------------------


def _flights(sc: TravelScenario, view: CatalogView) -> set[str]:
    """Every first-leg flight of a feasible itinerary among the oracle's best."""
    result = solve(sc, view)
    return {it.flights[0].flight_id for it, _ in result.top}


@pytest.mark.parametrize(
    ("leg", "kept"),
    [
        ({}, {"MV901-2027-01-20", "MV902-2027-01-20"}),
        ({"depart_after": "09:00"}, {"MV902-2027-01-20"}),
        ({"depart_before": "09:00"}, {"MV901-2027-01-20"}),
        ({"arrive_before": "17:00"}, {"MV901-2027-01-20"}),
        ({"arrive_after": "17:00"}, {"MV902-2027-01-20"}),
        ({"refundable": True}, {"MV901-2027-01-20"}),
        ({"airlines_only": ["Meridian Vale"]}, {"MV901-2027-01-20", "MV902-2027-01-20"}),
    ],
)
def test_the_oracle_prunes_flights_by_leg_constraints(
    view: CatalogView, leg: dict[str, Any], kept: set[str]
) -> None:
    sc = scenario(legs=[{**OUT, **leg}], stays=[], travelers=1)
    assert _flights(sc, view) & {"MV901-2027-01-20", "MV902-2027-01-20"} == kept


def test_a_leg_no_flight_meets_says_why(view: CatalogView) -> None:
    sc = scenario(legs=[{**OUT, "arrive_on": "2027-01-21"}], stays=[], travelers=1)
    result = solve(sc, view)
    assert result.feasible == 0
    assert result.reason is not None and "arrives on another day" in result.reason


def test_the_oracle_prunes_hotels_by_stay_requirements(view: CatalogView) -> None:
    def hotels(**stay: Any) -> set[str]:
        sc = scenario(stays=[{**STAY, **stay}], travelers=1)
        return {it.stays[0].hotel_id for it, _ in solve(sc, view).top} & {"H-JFK-90", "H-JFK-91"}

    assert hotels() == {"H-JFK-90", "H-JFK-91"}
    assert hotels(min_stars=3) == {"H-JFK-90"}
    assert hotels(refundable=True) == {"H-JFK-90"}
    assert hotels(max_nightly=170) == {"H-JFK-91"}  # H-JFK-90 averages $179.50 a night then, H-JFK-91 $134.50
    assert hotels(max_nightly=179.5) == {"H-JFK-90", "H-JFK-91"}  # the cap is inclusive


def test_a_hotel_only_trip_books_just_the_stay(view: CatalogView) -> None:
    sc = scenario(legs=[], stays=[{"city": "JFK", "check_in": "2027-01-20", "nights": 3}], travelers=1)
    result = solve(sc, view)
    assert result.feasible > 0 and result.best is not None
    assert result.best.flights == ()
    assert {(s.check_in.isoformat(), s.check_out.isoformat()) for s in result.best.stays} == {
        ("2027-01-20", "2027-01-23")
    }


def test_a_free_standing_stay_must_match_the_flights_unless_it_says_it_does_not(view: CatalogView) -> None:
    early = {"city": "JFK", "check_in": "2027-01-21", "nights": 2}  # lands on the 20th, hotel from the 21st
    sc = scenario(legs=[OUT], stays=[early], travelers=1)
    result = solve(sc, view)
    assert (
        result.feasible == 0 and result.reason is not None and "does not match the flights" in result.reason
    )
    assert solve(scenario(legs=[OUT], stays=[{**early, "aligned": False}], travelers=1), view).feasible > 0


def test_an_offset_leg_departs_that_many_days_after_its_leg(view: CatalogView) -> None:
    sc = scenario(
        legs=[OUT, {"origin": "JFK", "destination": "SFO", "offset": {"from_leg": 0, "days": 4}}], travelers=1
    )
    result = solve(sc, view)
    assert result.feasible > 0
    for it, _ in result.top:
        out, back = (view.flight(fc.flight_id) for fc in it.flights)
        assert out is not None and back is not None
        assert (back.depart.date() - out.depart.date()).days == 4


def test_a_party_may_split_over_two_flights_only_when_allowed(view: CatalogView) -> None:
    # MV901 has 3 economy seats: four travellers fit only on MV902, or split 3 + 1 / 2 + 2 / 1 + 3 with split_ok
    legs = [{**OUT, "cabins": ["economy"]}]
    whole = solve(scenario(legs=legs, stays=[], travelers=4), view)
    split = solve(scenario(legs=legs, stays=[], travelers=4, split_ok=True), view)
    assert split.feasible > whole.feasible
    shares = {tuple(fc.passengers for fc in it.flights) for it, _ in split.top}
    assert any(len(s) == 2 and sum(s) == 4 for s in shares) or split.feasible - whole.feasible >= 3


# -- the scorer: a check with a stable id per constraint ---------------------------------------------


def test_arrival_window_and_day(view: CatalogView) -> None:
    sc = scenario(legs=[{**OUT, "arrive_before": "17:00", "arrive_on": "2027-01-20"}, BACK])
    assert failing(sc, booked(sc, view, *TRIP)) == {
        "arrival: leg 1 SFO->JFK": ("leg.arrive", "MV902-2027-01-20 lands at 18:30, after 17:00")
    }
    assert failing(sc, booked(sc, view, flight("MV901-2027-01-20"), *TRIP[1:])) == {}


def test_departure_window(view: CatalogView) -> None:
    sc = scenario(legs=[OUT, {**BACK, "depart_before": "12:00"}])
    assert failing(sc, booked(sc, view, *TRIP)) == {
        "departure time: leg 2 JFK->SFO": ("leg.times", "MV903-2027-01-24 leaves at 18:00, after 12:00")
    }


def test_leg_requirements_airline_refundable_cabin(view: CatalogView) -> None:
    sc = scenario(
        legs=[{**OUT, "airlines_avoid": ["Meridian Vale"], "refundable": True, "cabins": ["premium"]}, BACK]
    )
    assert failing(sc, booked(sc, view, *TRIP)) == {
        "requirements: leg 1 SFO->JFK": (
            "leg.requirements",
            "leg 1 SFO->JFK: cabin economy (allowed: premium); non-refundable fare; "
            "MV902-2027-01-20 is flown by MV, an airline the traveller rules out",
        )
    }


def test_exact_traveller_and_room_counts(view: CatalogView) -> None:
    sc = scenario(rooms=1)
    env = booked(
        sc, view, flight("MV902-2027-01-20", 2), flight("MV903-2027-01-24", 2), hotel("H-JFK-90", rooms=2)
    )
    assert failing(sc, env) == {
        "rooms: stay 1 in JFK": ("stay.rooms", "stay 1 in JFK has 2 room(s), expected 1")
    }


def test_a_split_party_counts_together_only_with_split_ok(view: CatalogView) -> None:
    calls = (flight("MV901-2027-01-20", 1), flight("MV902-2027-01-20", 1), *TRIP[1:])
    allowed = scenario(split_ok=True)
    assert failing(allowed, booked(allowed, view, *calls)) == {}
    strict = scenario()
    assert failing(strict, booked(strict, view, *calls)) == {
        "travellers: leg 1 SFO->JFK": (
            "leg.party",
            "leg 1 SFO->JFK is booked for 1 traveller(s), expected 2",
        ),
        "nothing unrequested": ("nothing_unrequested", "unrequested bookings: B0002"),
    }


def test_an_offset_counts_from_the_day_booked(view: CatalogView) -> None:
    sc = scenario(legs=[OUT, {"origin": "JFK", "destination": "SFO", "offset": {"from_leg": 0, "days": 3}}])
    assert failing(sc, booked(sc, view, *TRIP)) == {
        "dates: leg 2 JFK->SFO": ("leg.date", "leg 2 JFK->SFO departs 2027-01-24, expected 2027-01-23")
    }


def test_hotel_city_and_free_standing_dates(view: CatalogView) -> None:
    sc = scenario(
        legs=[OUT, BACK], stays=[{"city": "JFK", "check_in": "2027-01-21", "nights": 2, "aligned": False}]
    )
    env = booked(sc, view, *TRIP)
    assert failing(sc, env) == {
        "nights: stay 1 in JFK": (
            "stay.dates",
            "stay 1 in JFK runs 2027-01-20..2027-01-24, but the request asks for 2027-01-21..2027-01-23 (2 night(s))",
        )
    }
    elsewhere = scenario(stays=[{"city": "LAX", "after_leg": 0}])
    assert failing(elsewhere, booked(elsewhere, view, *TRIP)) == {
        "hotel: stay 1 in LAX": ("stay.city", "no hotel booked in LAX"),
        "nothing unrequested": ("nothing_unrequested", "unrequested bookings: B0003"),
    }


def test_stay_requirements(view: CatalogView) -> None:
    sc = scenario(
        stays=[
            {**STAY, "min_stars": 4, "amenities": ["pool"], "neighbourhood": "Chelsea", "max_nightly": 150}
        ]
    )
    (cid, detail) = failing(sc, booked(sc, view, *TRIP))["requirements: stay 1 in JFK"]
    assert cid == "stay.requirements"
    assert detail.startswith("stay 1 in JFK: 3 stars (at least 4 asked); no pool; in ")
    assert "a room-night (at most $150.00 asked)" in detail


def test_nights_count_for_a_stay_between_legs(view: CatalogView) -> None:
    sc = scenario(stays=[{**STAY, "nights": 3}])  # the flights give four nights
    assert failing(sc, booked(sc, view, *TRIP)) == {
        "nights: stay 1 in JFK": (
            "stay.dates",
            "stay 1 in JFK runs 2027-01-20..2027-01-24, but the flights need 2027-01-20..2027-01-24 (3 night(s))",
        )
    }


def test_every_check_has_a_documented_id(view: CatalogView) -> None:
    sc = scenario(legs=[{**OUT, "arrive_before": "20:00", "depart_after": "06:00"}, BACK])
    checks, _ = correctness_checks(sc, booked(sc, view, *TRIP))
    ids = {c.id for c in checks}
    assert ids == {
        "leg.route", "leg.date", "leg.arrive", "leg.times", "leg.party", "leg.requirements",
        "stay.city", "stay.dates", "stay.rooms", "stay.requirements",
        "calendar", "nothing_unrequested", "outcome", "no_holds",
    }  # fmt: skip
    readme = (
        __import__("pathlib").Path(__file__).resolve().parents[3] / "scenarios" / "README.md"
    ).read_text()
    for cid in ids | {"keep", "change", "milestone", "minefield"}:
        assert f"`{cid}`" in readme, cid
