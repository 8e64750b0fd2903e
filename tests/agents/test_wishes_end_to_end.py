"""Soft wishes end to end: read from the words, weighed against price, decide the booking.

Each test stands for a class of phrasing the default agent once read or weighed wrongly: wishes about
what a hotel's reviews say (clean, friendly staff, quiet), "the best-reviewed", trade-offs ("X over
Y", "worth paying more for"), a neighbourhood said of the stay that is no airline limit, and a cheaper
option named only as what the traveller gives up.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from agents.intent import ReadContext, read_request
from agents.models._scripted_options import Avoid, HotelOpt, Scorer
from agents.models._scripted_prefs import parse_prefs
from agents.models._scripted_reviews import shares, speaks_well
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

CTX = ReadContext(now=dt.datetime(2027, 3, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5))), home="BOS")
ROUTE = ("BOS", ["MIA"])
DEV = Path(__file__).resolve().parent / "dev_scenarios"


def _kinds(text: str) -> set[tuple[str, str | None]]:
    return {(w.kind, w.value) for w in read_request(text, CTX).wishes}


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("A room in Miami March 18 to 22. Spotless is all I ask.", "clean"),
        ("Hotel in Miami March 18-22, somewhere the staff are friendly please.", "staff"),
        ("Miami hotel March 18 to 22; a good location matters most.", "location"),
        ("Miami, March 18 to 22, a hotel known for its breakfast would be perfect.", "breakfast"),
    ],
)
def test_a_wish_about_what_reviews_say_is_a_review_wish(text: str, topic: str) -> None:
    assert ("review", topic) in _kinds(text)


def test_a_shrugged_topic_is_no_wish() -> None:
    wishes = _kinds("A room in Miami March 18 to 22. Not fussed about the breakfast, but it must be clean.")
    assert ("review", "clean") in wishes and ("review", "breakfast") not in wishes


def test_a_neighbourhood_said_of_the_stay_is_no_airline_limit() -> None:
    intent = read_request(
        "Only South Beach for the hotel, please. Boston to Miami March 18, back March 22.", CTX
    )
    assert len(intent.legs) == 2
    assert all(not leg.airlines_only and not leg.airlines_avoid for leg in intent.legs)


def test_an_airline_said_next_to_the_hotel_is_still_an_airline_limit() -> None:
    intent = read_request("Boston to Miami March 18, back March 22, no Solstice, hotel in South Beach.", CTX)
    assert all(leg.airlines_avoid == ["Solstice"] for leg in intent.legs)


def test_the_cheaper_option_given_up_is_no_wish_for_the_cheaper() -> None:
    wishes = _kinds(
        "Boston to Miami March 18, back the 22nd. I'd pick a non-stop over a cheaper flight with a connection."
    )
    assert ("nonstop", None) in wishes and ("cheaper", None) not in wishes


def test_the_wish_kept_in_a_trade_off_weighs_more() -> None:
    p = parse_prefs("A four-star place matters more to us than being in South Beach.", ROUTE)
    assert p.stars == 4 and p.stars_weight == 2.0
    assert parse_prefs("A four-star place would be nice.", ROUTE).stars_weight == 1.0


def test_the_quieter_the_better_stresses_the_quiet_wish() -> None:
    assert (
        parse_prefs("I'm a light sleeper, so the quieter the hotel the better.", ROUTE).reviews["quiet"]
        == 2.0
    )


def test_reviews_are_read_as_praise_or_complaint() -> None:
    assert speaks_well("Spotless room, would come back.", "clean")
    assert not speaks_well("Clean enough, but the carpet was stained.", "clean")
    assert not speaks_well("Great location.", "staff")  # the staff are not mentioned
    got = shares({"reviews": [{"text": "Friendly staff."}, {"text": "The staff were rude."}]})
    assert got["staff"] == 0.5


def _hotel(hid: str, total: float, rating: float = 7.0) -> HotelOpt:
    day = dt.date(2027, 3, 18)
    return HotelOpt(hid, hid, "MIA", "Brickell", 3, rating, ("wifi",), total, total / 4, day,
                    day + dt.timedelta(days=4), 1, True, True)  # fmt: skip


def test_a_hotel_whose_reviews_praise_the_wish_beats_a_cheaper_one() -> None:
    prefs = parse_prefs("Honestly the only thing I care about is that the room is spotless.", ROUTE)
    avoid = Avoid(reviews={"H-CLEAN": {"clean": 0.75}, "H-CHEAP": {"clean": 0.25}})
    scorer = Scorer(prefs, 0, 1, 2000.0, avoid=avoid)
    clean, cheap = _hotel("H-CLEAN", 905), _hotel("H-CHEAP", 590)
    value = {h.id: scorer.hotel_score(h) + scorer.money(h.total, 2000.0) for h in (clean, cheap)}
    assert value["H-CLEAN"] > value["H-CHEAP"]


def test_the_best_reviewed_ranks_by_rating() -> None:
    scorer = Scorer(parse_prefs("I'd like the best-reviewed hotel I can get.", ROUTE), 0, 1, 2600.0)
    good, poor = _hotel("H-GOOD", 1503, rating=7.3), _hotel("H-POOR", 590, rating=5.8)
    assert scorer.hotel_score(good) + scorer.money(1503, 2600) > scorer.hotel_score(poor) + scorer.money(
        590, 2600
    )


def test_end_to_end_the_agent_books_the_spotless_hotel_not_the_cheapest() -> None:
    scenario = load_scenario(DEV / "ag-prefs-miami-spotless-hotel-only.yaml")
    result = run(scenario, RunOptions(agent="planner", model="scripted"))
    assert result.scores is not None and result.scores.passed
    assert "H-MIA-04" in " ".join(result.final_state_words or [])


def test_the_proposal_says_what_the_extra_money_buys() -> None:
    from agents.models._scripted_choice import choice_note
    from agents.models._scripted_plans import Plan

    prefs = parse_prefs("The only thing I care about is that the room is spotless.", ROUTE)
    avoid = Avoid(reviews={"H-CLEAN": {"clean": 0.75}, "H-CHEAP": {"clean": 0.25}})
    scorer = Scorer(prefs, 0, 1, 2000.0, avoid=avoid)
    clean, cheap = _hotel("H-CLEAN", 905), _hotel("H-CHEAP", 590)
    best, cheapest = Plan((), (clean,), 1.6, 905.0), Plan((), (cheap,), 0.6, 590.0)
    note = choice_note(best, cheapest, scorer)
    assert "$315.00 more" in note and "75% of its reviews speak well of cleanliness (vs 25%)" in note
    assert choice_note(cheapest, cheapest, scorer) == ""


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("Being able to cancel without a penalty is worth a few more dollars to me.", 2.0),
        ("Cancellable bookings please.", 1.0),
        ("A non-refundable fare is fine.", 0.0),
        ("Non-cancellable is fine by me.", 0.0),
    ],
)
def test_a_refundable_wish_in_other_words(text: str, weight: float) -> None:
    assert parse_prefs(text, ROUTE).refundable == weight


def test_an_airline_called_by_its_first_word_is_liked_or_avoided() -> None:
    from agents.intent import LegIntent
    from agents.models._scripted_limits import Limits
    from agents.models._scripted_options import FlightOpt, airline_weight

    assert airline_weight("I always fly Kestrel when I can.", "Kestrel Airlines") == 1.0
    assert airline_weight("No Boreal please.", "Boreal Airways") == -1.0
    assert airline_weight("No Boreal please.", "Kestrel Airlines") == 0.0
    day = dt.datetime(2027, 3, 18, 9, tzinfo=dt.UTC)
    flight = FlightOpt("BQ1-2027-03-18", "BQ", "Boreal Airways", "BQ1", "BOS", "MIA", day, day, 0, False,
                       200.0, "economy", 1, True)  # fmt: skip
    assert (
        Limits([LegIntent(airlines_avoid=["Boreal"])]).flight(flight, 0)
        == "you asked to avoid Boreal Airways"
    )
