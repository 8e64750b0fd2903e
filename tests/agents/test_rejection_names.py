"""The default agent (planner + scripted model) after a person turns a plan down and names what is wrong
with it: the named flight or hotel (and an airline or amenity said no to, or the plan's area beside
another) is never proposed again, the rest of the plan is kept, and the next best option is proposed
instead of giving up. The reasons here are worded unlike any simulated human's (no fixed sentence is
recognised); a clause that approves of an item, or names it to ask for it, keeps it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from agents.models._scripted_named import (
    catalog_names,
    masked,
    objected,
    objected_amenities,
    objections,
    plan_names,
)
from agents.models._scripted_options import FlightOpt, HotelOpt
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import HumanSpec, RunResult, ToolCallEvent

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _run(name: str, rules: list[dict[str, Any]]) -> RunResult:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    sc = sc.model_copy(update={"human": HumanSpec.model_validate({"checkpoints": rules})})
    return run(sc, RunOptions(agent="planner", policy="always-ask", human="scripted"))


def _args(e: ToolCallEvent) -> dict[str, Any]:
    return e.data.args if isinstance(e.data.args, dict) else {}


def _proposed(result: RunResult) -> list[list[str]]:
    """The item ids of every plan proposed, in order (alternatives left out)."""
    return [
        [str(it.get("id")) for it in _args(e).get("items") or []]
        for e in result.trace
        if isinstance(e, ToolCallEvent) and e.data.tool == "propose_itinerary"
    ]


def _booked(result: RunResult) -> list[str]:
    return [
        str(_args(e).get("flight_id") or _args(e).get("hotel_id"))
        for e in result.trace
        if isinstance(e, ToolCallEvent) and e.data.tool in ("book_flight", "book_hotel")
    ]


def test_an_airline_refused_by_name_is_never_proposed_again() -> None:
    reason = "Not Boreal Airways again! After last year's lost luggage, absolutely out of the question."
    result = _run(
        "human-rejects-airline",
        [{"tool": "propose_itinerary", "contains": ["BQ"], "decision": "reject", "reason": reason}],
    )
    plans = _proposed(result)
    assert len(plans) == 2, plans  # one rejection, then the next best plan, approved
    assert not any(i.startswith("BQ") for i in plans[1]), plans
    assert _booked(result) and not any(i.startswith("BQ") for i in _booked(result))
    assert result.scores is not None and result.scores.passed, result.final_message


def test_a_flight_named_by_its_number_alone_is_dropped_and_the_rest_kept() -> None:
    reason = "Sorry - BQ105 is the one my company has a dispute with."
    result = _run(
        "human-rejects-airline",
        [
            {
                "tool": "propose_itinerary",
                "contains": ["BQ105-2027-02-04"],
                "decision": "reject",
                "reason": reason,
            }
        ],
    )
    plans = _proposed(result)
    assert len(plans) == 2 and "BQ105-2027-02-04" in plans[0] and "BQ105-2027-02-04" not in plans[1], plans
    assert plans[0][1:] == plans[1][1:], "the flight home was not objected to: it stays"


def test_hotels_named_by_name_or_id_are_not_proposed_again_and_the_next_one_is() -> None:
    rules = [
        {"tool": "propose_itinerary", "contains": [hid], "decision": "reject", "reason": why}
        for hid, why in (
            ("H-PDX-11", "My wife is badly allergic to dogs, so Heron Palace is a no from me."),
            ("H-PDX-07", "H-PDX-07? Dogs everywhere there, can't risk it."),
            ("H-PDX-12", "Northgate Suites lets pets stay too - pass."),
        )
    ]
    result = _run("portland-anniversary-dog-allergy-at-checkpoint", rules)
    hotels = [i for plan in _proposed(result) for i in plan if i.startswith("H-")]
    assert len(hotels) == len(set(hotels)), f"a turned-down hotel came back: {hotels}"
    assert "H-PDX-04" in _booked(result), result.final_message


def _flight(fid: str, airline: str, name: str) -> FlightOpt:
    t = dt.datetime(2027, 2, 4, 9, tzinfo=dt.UTC)
    return FlightOpt(
        fid, airline, name, fid.split("-")[0], "JFK", "LHR", t, t, 0, False, 500.0, "economy", 1, True
    )


def _hotel(hid: str, name: str, hood: str) -> HotelOpt:
    d = dt.date(2027, 2, 4)
    return HotelOpt(hid, name, "CDG", hood, 4, 8.0, (), 900.0, 300.0, d, d, 1, True, True)


def test_a_clause_that_approves_of_an_item_keeps_it() -> None:
    out = _flight("BQ105-2027-02-04", "BQ", "Boreal Airways")
    back = _flight("KV123-2027-02-11", "KV", "Kestrel Airlines")
    said = objections(
        "The Kestrel flight home is fine, but BQ105 leaves far too early.", [out, back], [], set()
    )
    assert said.ids == {"BQ105-2027-02-04"} and said.airlines == set()
    assert not objected("Keep KV123, please.", "KV123")
    assert objected("I don't like KV123 at all.", "KV123")
    assert not objected("Kestrel would be my choice", "Boreal Airways"), "a name the plan does not hold"


def test_the_plans_own_area_beside_another_is_the_fault_not_a_wish() -> None:
    opera = _hotel("H-CDG-01", "Heron Residence", "Opera")
    hoods = {"Opera", "Montmartre", "Le Marais"}
    said = objections("It's in Opera rather than up in Montmartre where my friend lives.", [], [opera], hoods)
    assert said.hoods == {"Opera"} and said.wanted_hoods == {"Montmartre"}
    said = objections("Wrong area: Opera, not Montmartre.", [], [opera], hoods)
    assert said.hoods == {"Opera"} and said.wanted_hoods == {"Montmartre"}
    # the plan's area alone ("our office is in Opera") is not read as the fault
    said = objections("Our office is in Opera, this one is too far from it.", [], [opera], hoods)
    assert said.hoods == set() and said.wanted_hoods == set()


def test_the_next_proposal_does_not_say_the_persons_words_back_as_its_own() -> None:
    reason = "You booked me on Boreal Airways, which I never fly."
    rule = {"tool": "propose_itinerary", "contains": ["BQ"], "decision": "reject", "reason": reason}
    result = _run("human-rejects-airline", [rule])
    said = [
        str(_args(e).get("rationale"))
        for e in result.trace
        if isinstance(e, ToolCallEvent) and e.data.tool == "propose_itinerary"
    ]
    assert len(said) == 2 and "You booked me" not in said[1] and "turned down" in said[1], said
    assert result.scores is not None and result.scores.faithfulness == 1.0


def test_an_amenity_the_turned_down_hotel_has_and_the_request_never_asked_for_is_avoided() -> None:
    reason = "Sorry, a pet-friendly place really won't work for us this time."
    rule = {
        "tool": "propose_itinerary",
        "contains": ["H-PDX-07", "H-PDX-11", "H-PDX-12"],
        "decision": "reject",
        "reason": reason,
    }
    result = _run("portland-anniversary-dog-allergy-at-checkpoint", [rule])
    hotels = [[i for i in plan if i.startswith("H-")] for plan in _proposed(result)]
    assert hotels == [["H-PDX-11"], ["H-PDX-04"]], hotels
    assert "H-PDX-04" in _booked(result)


def test_an_amenity_the_request_asked_for_is_no_fault() -> None:
    spa = _hotel("H-1", "Palm Court", "Opera")
    spa = dataclasses.replace(spa, amenities=("pool", "spa"))
    assert objections(
        "The pool is tiny, and a spa hotel is not for us.", [], [spa], set(), "somewhere with a pool"
    ).amenities == {"spa"}
    assert objections("Love the pool, just too expensive.", [], [spa], set(), "").amenities == set()


def test_a_report_after_every_plan_is_turned_down_says_nothing_was_booked() -> None:
    reason = "No, none of that is what I had in mind."
    result = _run(
        "human-rejects-airline", [{"tool": "propose_itinerary", "decision": "reject", "reason": reason}]
    )
    assert not _booked(result) and result.final_message.startswith("I did not book anything")
    assert result.scores is not None and result.scores.faithfulness == 1.0, result.final_message


def test_a_code_in_a_refusal_reads_as_no_kind_of_thing() -> None:
    codes = catalog_names([{"flights": [{"flight_id": "MV120-2027-02-04", "flight_number": "MV120"}]}])
    said = masked("Leg 1: MV120-2027-02-04 is booked in premium; MV120 is too dear.", codes)
    assert said == "Leg 1: that one is booked in premium; that one is too dear.", (
        said
    )  # not "that flight is booked"


def test_a_plan_on_a_day_no_longer_searched_still_teaches_its_airline() -> None:
    reason = "We decided to fly on the 5th instead, if that's OK - and not Boreal."
    result = _run(
        "human-rejects-airline",
        [{"tool": "propose_itinerary", "contains": ["BQ"], "decision": "reject", "reason": reason}],
    )
    later = [i for plan in _proposed(result)[1:] for i in plan]
    assert later and not any(i.startswith("BQ") for i in later), _proposed(result)


def test_a_complaint_about_the_hotels_own_facility_is_not_about_the_amenity() -> None:
    h = dataclasses.replace(_hotel("H-1", "Palm Court", "Opera"), amenities=("breakfast", "spa"))
    assert (
        objections("The breakfast there was cold and their spa was shut.", [], [h], set(), "").amenities
        == set()
    )
    assert objections("No spa hotels, please - a spa means noise.", [], [h], set(), "").amenities == {"spa"}


@pytest.mark.parametrize(
    "reason",
    [
        "put me on Meridian Vale both ways pls",
        "Per our travel policy, Meridian Vale is the preferred carrier; please rebook accordingly.",
        "The Meridian Vale flight home is too early on the Sunday, we want the whole day.",
        "We'll take whatever Meridian Vale has, but the hotel must not allow dogs.",
    ],
)
def test_an_airline_named_without_a_no_against_it_is_not_ruled_out(reason: str) -> None:
    """Found by review: an airline is named as often to ask for it as to refuse it; only a "no" said
    of it rules it out (the flight a reason names by number still is)."""
    mv = _flight("MV103-2027-01-24", "MV", "Meridian Vale")
    assert objections(reason, [mv], [], set()).airlines == set()
    assert "Meridian Vale" not in plan_names(
        [{"kind": "flight", "id": mv.id}],
        [{"flights": [{"flight_id": mv.id, "airline_name": "Meridian Vale"}]}],
        reason,
    )
    assert objections("You booked me on Meridian Vale, which I never fly.", [mv], [], set()).airlines == {
        "MV"
    }


def test_a_flight_named_as_the_yardstick_of_a_comparison_is_kept() -> None:
    ax = _flight("AX100-2027-01-20", "AX", "Aurora Air")
    assert objections("Cheaper than AX100 please, the outbound is too dear.", [ax], [], set()).ids == set()
    assert objections("I don't like AX100 at all.", [ax], [], set()).ids == {ax.id}


def test_areas_ruled_out_beside_the_plans_own_are_not_wanted() -> None:
    """Found by review: "Not Old Fourth Ward, not Midtown either - Buckhead please" wanted Midtown."""
    o4w = _hotel("H-ATL-07", "Orchard House", "Old Fourth Ward")
    hoods = {"Old Fourth Ward", "Midtown", "Buckhead"}
    said = objections("Not Old Fourth Ward, not Midtown either - Buckhead please.", [], [o4w], hoods)
    assert said.hoods == {"Old Fourth Ward"} and said.wanted_hoods == {"Buckhead"}


@pytest.mark.parametrize(
    "reason",
    [
        "Kitchen is way too small, I cook every night and need a proper kitchen.",
        "We need parking and Heron Palace parking costs a fortune, find another.",
    ],
)
def test_an_amenity_wanted_more_of_is_not_ruled_out(reason: str) -> None:
    """Found by review: an amenity named to ask for more of it was read as one the traveller refuses."""
    h = dataclasses.replace(_hotel("H-1", "Heron Palace", "Hawthorne"), amenities=("kitchen", "parking"))
    assert objected_amenities(reason, [h], "") == set()
