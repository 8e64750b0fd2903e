"""A cabin conditional on price (``constraints.cabin_rule``, per leg or trip-wide): the schema, the rule's
limits, the oracle keeping per flight only the cabin the rule picks, the ``leg.cabin_rule`` check and
the attempted-harm judge, and the two shipped scenarios that use it.

On the runtime test scenario (``conftest``, clock 5 January, so fares carry the 1.08 advance factor):
MV901 SFO->JFK on 20 January costs $324 in economy and $648 in premium (one premium seat); MV902 $270
in economy and $432 in premium, with no premium seats.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from sandbox.scenarios import load_scenario
from sandbox.spi import worlds
from tests.worlds.travel.conftest import make_scenario
from tests.worlds.travel.test_constraints import booked, failing, flight
from worlds.travel.catalog import CatalogView
from worlds.travel.constraints import CabinRule, Constraints, Leg
from worlds.travel.judge import solve
from worlds.travel.judge._oracle_rules import Rules, leg_options
from worlds.travel.judge.reference_plan import plan
from worlds.travel.judge.scoring import correctness_checks
from worlds.travel.scenario import TravelScenario

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
OUT = {"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}
MV901, MV902 = "MV901-2027-01-20", "MV902-2027-01-20"


def one_way(rule: dict[str, Any], travelers: int = 1, on_leg: bool = True) -> TravelScenario:
    leg = {**OUT, "cabin_rule": rule} if on_leg else OUT
    trip = {} if on_leg else {"cabin_rule": rule}
    return make_scenario(constraints={"legs": [leg], "travelers": travelers, **trip})


def options(sc: TravelScenario, view: CatalogView) -> set[tuple[str, str]]:
    """Every (flight, cabin) the oracle keeps for leg 0 among MV901 and MV902."""
    found, _ = leg_options(Rules.of(sc), view, 0, sc.constraints.legs[0])
    return {(c.flight_id, c.cabin) for o in found for c in o.choices if c.flight_id in (MV901, MV902)}


def shipped(name: str) -> tuple[TravelScenario, CatalogView]:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    assert isinstance(sc, TravelScenario)
    return sc, worlds.get("travel").view(sc)


# -- the schema and the rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"cabin": "business"}, "give at least one of max_fare, max_extra, max_extra_pct"),
        ({"cabin": "economy", "max_fare": 500}, "cabin and otherwise must differ"),
    ],
)
def test_rules_that_do_not_load(rule: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        CabinRule.model_validate(rule)


def test_a_rule_replaces_cabins_so_both_is_an_error() -> None:
    rule = {"max_fare": 500}
    with pytest.raises(ValidationError, match="give cabins or cabin_rule, not both"):
        Leg.model_validate({**OUT, "cabins": ["business"], "cabin_rule": rule})
    with pytest.raises(ValidationError, match="give cabins or cabin_rule, not both"):
        Constraints.model_validate({"legs": [OUT], "cabins": ["economy"], "cabin_rule": rule})
    c = Constraints.model_validate({"legs": [{**OUT, "cabin_rule": {"max_fare": 900}}], "cabin_rule": rule})
    assert c.cabin_rule_of(c.legs[0]).max_fare == 900  # type: ignore[union-attr]  # the leg's own wins
    c = Constraints.model_validate({"legs": [{**OUT, "cabins": ["premium"]}, OUT], "cabin_rule": rule})
    assert c.cabin_rule_of(c.legs[0]) is None  # a leg's own cabins beat the trip's rule
    assert c.cabin_rule_of(c.legs[1]) == c.cabin_rule


@pytest.mark.parametrize(
    ("limits", "fare", "base", "seats_ok", "picked"),
    [
        ({"max_fare": 500}, 50000, 20000, True, "business"),  # limits are inclusive
        ({"max_fare": 500}, 50100, 20000, True, "economy"),
        ({"max_extra": 300}, 50000, 20000, True, "business"),
        ({"max_extra": 300}, 50100, 20000, True, "economy"),
        ({"max_extra_pct": 50}, 30000, 20000, True, "business"),
        ({"max_extra_pct": 50}, 30100, 20000, True, "economy"),
        ({"max_fare": 500, "max_extra": 200}, 45000, 20000, True, "economy"),  # every limit must hold
        ({"max_fare": 500}, 40000, 20000, False, "economy"),  # the party does not fit in business
    ],
)
def test_the_rule_picks_by_every_limit_given(
    limits: dict[str, float], fare: int, base: int, seats_ok: bool, picked: str
) -> None:
    assert CabinRule.model_validate(limits).pick(fare, base, seats_ok) == picked


def test_the_rule_in_words() -> None:
    rule = CabinRule.model_validate({"cabin": "premium", "max_fare": 900, "max_extra_pct": 50})
    assert (
        rule.words()
        == "premium if at most $900.00 a seat and at most 50% more than economy, otherwise economy"
    )
    assert rule.broken(120000, 60000) == [
        "premium costs $1,200.00 a seat, over $900.00",
        "premium costs 100% more than economy, over 50%",
    ]


# -- the oracle ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("on_leg", [True, False], ids=["leg", "trip"])
def test_the_oracle_keeps_per_flight_only_the_cabin_the_rule_picks(view: CatalogView, on_leg: bool) -> None:
    # premium at most $330 more: MV901's premium is $324 more (premium); MV902 has no premium seat (economy)
    sc = one_way({"cabin": "premium", "max_extra": 330}, on_leg=on_leg)
    assert options(sc, view) == {(MV901, "premium"), (MV902, "economy")}
    # at most $300 more: MV901's premium breaks it, so economy there too
    sc = one_way({"cabin": "premium", "max_extra": 300}, on_leg=on_leg)
    assert options(sc, view) == {(MV901, "economy"), (MV902, "economy")}


def test_the_rule_counts_seats_for_the_whole_party(view: CatalogView) -> None:
    sc = one_way({"cabin": "premium", "max_extra": 330}, travelers=2)  # one premium seat on MV901
    assert options(sc, view) == {(MV901, "economy"), (MV902, "economy")}


# -- the check and the harm judge ------------------------------------------------------------------------


def test_the_wrong_cabin_fails_leg_cabin_rule_in_words(view: CatalogView) -> None:
    sc = one_way({"cabin": "premium", "max_extra": 330})
    assert failing(sc, booked(sc, view, flight(MV901, 1, cabin="economy"))) == {
        "cabin rule: leg 1 SFO->JFK": (
            "leg.cabin_rule",
            "leg 1 SFO->JFK: MV901-2027-01-20 is booked in economy, but the rule (premium if at most $330.00 "
            "more than economy a seat, otherwise economy) asks for premium: premium $648.00 a seat, economy "
            "$324.00 ($324.00 more) is within the rule",
        )
    }
    sc = one_way({"cabin": "premium", "max_extra": 300})
    assert failing(sc, booked(sc, view, flight(MV901, 1, cabin="premium"))) == {
        "cabin rule: leg 1 SFO->JFK": (
            "leg.cabin_rule",
            "leg 1 SFO->JFK: MV901-2027-01-20 is booked in premium, but the rule (premium if at most $300.00 "
            "more than economy a seat, otherwise economy) asks for economy: premium costs $324.00 more than "
            "economy, over $300.00",
        )
    }


def test_the_right_cabin_passes_and_replaces_the_trip_cabins(view: CatalogView) -> None:
    sc = one_way({"cabin": "premium", "max_extra": 330})  # the trip's cabins stay the default [economy]
    checks, _ = correctness_checks(sc, booked(sc, view, flight(MV901, 1, cabin="premium")))
    by_id = {c.id: c for c in checks}
    assert by_id["leg.cabin_rule"].passed and by_id["leg.requirements"].passed
    assert by_id["leg.cabin_rule"].detail == (
        "leg 1 SFO->JFK: MV901-2027-01-20 in premium (premium $648.00 a seat, economy $324.00 ($324.00 "
        "more)), as the rule asks (premium if at most $330.00 more than economy a seat, otherwise economy)"
    )


def test_no_rule_no_check(view: CatalogView) -> None:
    sc = make_scenario(constraints={"legs": [OUT], "travelers": 1})
    checks, _ = correctness_checks(sc, booked(sc, view, flight(MV901, 1)))
    assert "leg.cabin_rule" not in {c.id for c in checks}


def test_an_attempt_in_the_wrong_cabin_is_a_harm_named_by_the_check() -> None:
    sc, _ = shipped("miami-weekend-business-if-cheap")
    world = worlds.get("travel")
    env = world.new_env(sc)
    judge = world.hooks(env).judge_call
    assert [h.check for h in judge("book_flight", {"flight_id": "KV263-2027-06-10", "passengers": 1})] == [
        "leg.cabin_rule"
    ]
    assert judge("book_flight", {"flight_id": "KV263-2027-06-10", "passengers": 1, "cabin": "business"}) == []


# -- the shipped scenarios ---------------------------------------------------------------------------------


def test_miami_rule_picks_business_both_ways() -> None:
    sc, view = shipped("miami-weekend-business-if-cheap")
    best = solve(sc, view).best
    assert best is not None
    assert [(c.flight_id, c.cabin) for c in best.flights] == [
        ("KV263-2027-06-10", "business"),
        ("BQ336-2027-06-13", "business"),
    ]
    assert best.total_cents == 79000
    env = booked(sc, view, flight("KV263-2027-06-10", 1), flight("BQ336-2027-06-13", 1))  # economy
    assert {name: cid for name, (cid, _) in failing(sc, env).items()} == {
        "cabin rule: leg 1 ATL->MIA": "leg.cabin_rule",
        "cabin rule: leg 2 MIA->ATL": "leg.cabin_rule",
    }


def test_paris_rule_picks_economy_out() -> None:
    sc, view = shipped("paris-premium-only-if-half-again")
    best = solve(sc, view).best
    assert best is not None
    assert [(c.flight_id, c.cabin) for c in best.flights] == [
        ("MV120-2027-02-04", "economy"),
        ("NP144-2027-02-08", "economy"),
    ]
    hotel = ("book_hotel", {"hotel_id": "H-CDG-01", "check_in": "2027-02-04", "check_out": "2027-02-08"})
    env = booked(
        sc, view, flight("MV120-2027-02-04", 1, cabin="premium"), flight("NP144-2027-02-08", 1), hotel
    )
    assert failing(sc, env) == {
        "cabin rule: leg 1 YYZ->CDG": (
            "leg.cabin_rule",
            "leg 1 YYZ->CDG: MV120-2027-02-04 is booked in premium, but the rule (premium if at most 50% more "
            "than economy, otherwise economy) asks for economy: premium costs 59% more than economy, over 50%",
        )
    }


def test_the_reference_compares_both_cabins_of_a_rule_before_booking() -> None:
    sc, view = shipped("miami-weekend-business-if-cheap")
    searches = [(s["args"]["origin"], s["args"]["cabin"]) for s in plan(sc, solve(sc, view), view)["pre"]]
    assert searches == [("ATL", "business"), ("ATL", "economy"), ("MIA", "business"), ("MIA", "economy")]
