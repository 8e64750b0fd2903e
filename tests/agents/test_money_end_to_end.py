"""Money and scope end to end (branch ag-money): amounts in the forms people write them, which
amount is the trip's budget, caps on a part kept on that part, what is not to be bought, and the
policy checking the right cap on the right item.

Each reading test fails on the reader before these rules (a2c94ba); the policy tests check that a
cap on the hotel or the flights rules out only that part, and that the report names a limit the
traveller set as a limit, not as the account's budget.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._money import money
from agents.models._scripted_options import FlightOpt, Scorer
from agents.models._scripted_plans import Leg, Trip, rank
from agents.models._scripted_prefs import Prefs

CTX = ReadContext(now=dt.datetime.fromisoformat("2027-02-01T09:00:00-08:00"), home="SFO")


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("Portland Feb 10 to 13, flights only. Eleven hundred all in.", 1100),  # no currency, cap after
        ("Vegas Feb 19-22, I've got fifteen hundred to play with, not a cent more.", 1500),
        ("Boston Feb 3-6 with a hotel, we've got two and a half grand for the lot.", 2500),
        ("Denver Feb 3-6, flights only, 13 hundred dollars max.", 1300),  # text2num: "13 100"
        ("Denver Feb 3-6, flights only, a grand and a half, tops.", 1500),
        ("Denver Feb 3-6, flights only, budget is 1.3 thousand.", 1300),
        ("Denver Feb 3-6, flights only, budget $1.300.", 1300),  # a point grouping thousands
        ("Denver Feb 3-6, flights only. I can't go over 1,300.", 1300),
    ],
)
def test_an_amount_in_any_form_is_the_budget(text: str, budget: float) -> None:
    assert read_request(text, CTX).budget == budget


def test_a_count_followed_by_k_is_not_thousands() -> None:
    assert money("We have 2 kids and 300 points.").budget is None  # not "2 k": $2,000


def test_a_per_diem_caps_each_night_and_is_not_the_budget() -> None:
    intent = read_request("A hotel in Seattle March 2-5, I'm driving. My lodging per diem is $240.", CTX)
    assert intent.shape == "hotel_only"
    assert intent.budget is None
    assert [s.max_nightly for s in intent.stays] == [240]


def test_a_per_diem_beside_a_trip_budget() -> None:
    m = money("My per diem is $200 and the trip budget is $1,500.")
    assert (m.budget, m.nightly) == (1500, 200)


def test_the_hotel_budget_is_the_hotels_and_the_whole_trip_budget_the_trips() -> None:
    intent = read_request(
        "Flights SF to Chicago March 9, back March 12, and a hotel. The hotel budget is $700 for the "
        "three nights, and I have $1,400 for the whole trip.",
        CTX,
    )
    assert intent.budget == 1400
    assert [s.max_total for s in intent.stays] == [700]


def test_a_cap_on_the_hotel_is_not_the_budget_of_a_trip_with_flights() -> None:
    intent = read_request(
        "SFO-LAX Mar 1, back Mar 3, plus hotel. Hotel shouldn't top $500; $1.2k all in.", CTX
    )
    assert intent.budget == 1200
    assert [s.max_total for s in intent.stays] == [500]
    alone = read_request("SFO to LAX Mar 1, back Mar 3, with a hotel. Keep the hotel under $350.", CTX)
    assert alone.budget is None and [s.max_total for s in alone.stays] == [350]


def test_a_cap_on_the_flights_is_the_flights_share() -> None:
    intent = read_request(
        "Boston to Miami April 14, back April 17, hotel too. Flights no more than $400, and $1,100 all in.",
        CTX,
    )
    assert (intent.budget, intent.flights_budget) == (1100, 400)
    only = read_request(
        "LA on the 21st, back the 24th. My aunt's putting me up so it's just the flights, under $300 please.",
        CTX,
    )
    assert (only.stays, only.budget) == ([], 300)


def test_a_hotel_cap_is_the_budget_when_the_hotel_is_all_the_trip_buys() -> None:
    intent = read_request(
        "My flights are already sorted. Just a hotel in Boston Feb 15-18, I can't spend more than a thousand on it.",
        CTX,
    )
    assert intent.shape == "hotel_only"
    assert intent.budget == 1000


@pytest.mark.parametrize(
    "text",
    [
        "Two of us flying SF to Denver Feb 18, home Feb 21. My in-laws will put us up. Under $700.",
        "Chicago to LA Feb 4, back Feb 7. We'll crash on my cousin's couch. Keep it under $900.",
        "Chicago to LA Feb 4-7, I'm staying at a friend's place, under $500.",
        "Fly me to LA Feb 4, back Feb 7. Accommodation isn't needed. Budget $300.",
        "Fly me to LA Feb 4, back Feb 7. I have somewhere to stay. Budget $300.",
    ],
)
def test_a_bed_at_someones_means_no_hotel(text: str) -> None:
    intent = read_request(text, CTX)
    assert intent.shape == "round_trip" and intent.stays == []


def test_a_hotel_asked_for_outright_stays_beside_a_bed_at_someones() -> None:
    intent = read_request(
        "Chicago to LA Feb 4-7, plus a hotel, we're on my brother's sofa the first nights.", CTX
    )
    assert len(intent.stays) == 1
    asked = read_request("LA Feb 4, back Feb 7, can you put us up somewhere nice?", CTX)
    assert len(asked.stays) == 1


def test_the_weekday_already_named_is_that_day() -> None:
    intent = read_request(
        "I need to be in Chicago from Thursday 21 January to Sunday the 24th, returning on the Sunday.",
        CTX.model_copy(update={"now": dt.datetime.fromisoformat("2027-01-05T09:00:00-08:00")}),
    )
    assert [leg.date for leg in intent.legs] == [dt.date(2027, 1, 21), dt.date(2027, 1, 24)]


def _flight(fid: str, total: float, day: int, o: str, d: str) -> FlightOpt:
    dep = dt.datetime(2027, 3, day, 9, tzinfo=dt.UTC)
    return FlightOpt(fid, "AX", "Aurora Air", fid, o, d, dep, dep + dt.timedelta(hours=2), 0, False, total,
                     "economy", 1, True)  # fmt: skip


def test_the_flights_share_rules_out_dearer_pairs_only() -> None:
    legs = [Leg("SFO", "LAX", dt.date(2027, 3, 1)), Leg("LAX", "SFO", dt.date(2027, 3, 3))]
    out = [_flight("A", 150, 1, "SFO", "LAX"), _flight("B", 300, 1, "SFO", "LAX")]
    back = [_flight("C", 200, 3, "LAX", "SFO")]
    trip = Trip(legs, [], 1, 1, "economy", 2000)
    scorer = Scorer(Prefs(), 2, 0, 2000)
    assert {p.total for p in rank(trip, scorer, [out, back], lambda *a: []).plans} == {350, 500}
    trip.flights_cap = 400
    assert {p.total for p in rank(trip, scorer, [out, back], lambda *a: []).plans} == {350}


def test_the_assumptions_state_the_caps_on_each_part() -> None:
    intent = read_request(
        "Boston to Miami April 14, back April 17, hotel too. Hotel under $600 for the 3 nights, flights "
        "no more than $400, and $1,100 all in.",
        CTX,
    )
    said = " | ".join(intent.assumptions)
    assert "at most $600 for the stay" in said
    assert "flights at most $400 together" in said
    assert "budget $1,100" in said


def test_a_per_diem_split_between_meals_and_lodging_caps_the_night_with_the_lodging_part() -> None:
    assert money("My per diem is $180 for meals and $300 for lodging.").nightly == 300
    m = money("Per diem of $250 for the hotel and $75 for meals.")
    assert (m.budget, m.nightly) == (None, 250)
    bullets = money(
        "- Seattle, June 14 to June 17\n- per diem: $300 (covers lodging + meals)\n- budget $900 total"
    )
    assert (bullets.budget, bullets.nightly) == (900, 300)
