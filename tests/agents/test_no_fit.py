"""When nothing fits the request: the default agent says which limit blocks and what comes closest,
asks before giving up (unless the request would rather not travel), searches every stay before it
refuses, and reads a limit said with "before then" (the developers' scenarios
``tests/agents/dev_scenarios/r5-nofit-*.yaml`` run the whole agent on these)."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.models._scripted_nofit import rather_not_travel
from agents.models._scripted_relax import MARK, gives_way
from tests.agents._dev_runs import calls, run_dev

NOW = dt.datetime(2027, 1, 20, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
TRIP = "Round trip New York to Toronto, out Thursday 11 Feb, back Sunday 14 Feb, just me, no hotel. "


def _out(text: str) -> dict[str, str]:
    leg = read_request(TRIP + text, ReadContext(now=NOW, home="JFK")).legs[0]
    keys = ("depart_after", "depart_before", "arrive_after", "arrive_before")
    return {k: getattr(leg, k).strftime("%H:%M") for k in keys if getattr(leg, k)}


@pytest.mark.parametrize(
    ("words", "limits"),
    [
        ("I have a call until noon Thursday so I can't fly out before then.", {"depart_after": "12:00"}),
        (
            "My shift ends at 7am on Thursday, so nothing leaving before then please.",
            {"depart_after": "07:00"},
        ),
        (
            "The workshop runs to 4:30pm Thursday and I can't leave until after that.",
            {"depart_after": "16:30"},
        ),
        ("On Thursday I'm busy until 3, so nothing before then.", {"depart_after": "15:00"}),
        # "after that" telling what comes next is no limit, nor is a day said after "until"
        ("I land at 3pm, after that I need a taxi.", {}),
        ("I'm booked until the 10th, so I can't fly before then.", {}),
    ],
)
def test_a_limit_said_with_then_is_the_time_said_before_it(words: str, limits: dict[str, str]) -> None:
    assert _out(words) == limits


def _legs(text: str) -> list[dict[str, str]]:
    intent = read_request(TRIP + text, ReadContext(now=NOW, home="JFK"))
    keys = ("depart_after", "depart_before", "arrive_after", "arrive_before")
    return [{k: getattr(leg, k).strftime("%H:%M") for k in keys if getattr(leg, k)} for leg in intent.legs]


@pytest.mark.parametrize(
    ("words", "limits"),
    [
        ("I fly home on the 14th, but not before 2pm.", [{}, {"depart_after": "14:00"}]),
        ("Coming back Sunday but not before 5pm please.", [{}, {"depart_after": "17:00"}]),
        ("Flying out Thursday but not before 10am.", [{"depart_after": "10:00"}, {}]),
    ],
)
def test_a_bare_time_bound_after_but_is_about_the_flight_the_clause_before_names(
    words: str, limits: list[dict[str, str]]
) -> None:
    assert _legs(words) == limits


@pytest.mark.parametrize(
    ("request_text", "rather"),
    [
        ("If there's nothing that works I'd rather skip the trip entirely.", True),
        ("Non-stop or nothing.", True),
        ("Please don't book anything that lands after 9.", True),
        ("I'd rather not connect, but I will if I must.", False),
        ("I can't leave before 10, no way around that.", False),
    ],
)
def test_a_request_that_would_rather_not_travel(request_text: str, rather: bool) -> None:
    assert rather_not_travel(request_text) is rather


@pytest.mark.parametrize(
    ("answer", "yes"),
    [
        ("Ugh. Well, I'll take the early flight then.", True),
        ("Fine, book it.", True),
        ("Economy is fine, nothing fancy.", False),
        ("Yes please, that works.", True),
        ("No, both times are fixed. Please don't book anything that breaks them.", False),
        ("No particular wishes about the flights beyond what I said.", False),
        ("I haven't set a figure beyond what I told you; please keep it reasonable.", False),
    ],
)
def test_an_answer_gives_way_only_when_it_says_yes(answer: str, yes: bool) -> None:
    assert gives_way(answer) is yes


def test_it_asks_about_the_closest_flight_and_books_it_when_the_traveller_gives_way() -> None:
    result, bookings = run_dev("r5-nofit-asks-before-breaking-limit.yaml")
    questions = [str(a["question"]) for a in calls(result, "ask_user")]
    assert any(MARK in q and "MV102-2027-02-12" in q and "leaves before 09:00" in q for q in questions)
    assert "MV102-2027-02-12" in {b["item_id"] for b in bookings.values() if b["status"] == "confirmed"}
    assert result.scores is not None and result.scores.passed


def test_it_refuses_naming_the_limit_when_the_traveller_keeps_it() -> None:
    result, bookings = run_dev("r5-nofit-declines-after-asking.yaml")
    assert any(MARK in str(a["question"]) for a in calls(result, "ask_user"))
    assert not bookings
    assert "I did not book anything" in result.final_message
    assert "meets your requirements" in result.final_message
    assert result.scores is not None and result.scores.passed


def test_a_request_that_would_rather_stay_home_is_refused_without_asking_after_the_hotel_search() -> None:
    result, bookings = run_dev("r5-nofit-rather-stay-home.yaml")
    assert not any(MARK in str(a["question"]) for a in calls(result, "ask_user"))
    assert [a["city"] for a in calls(result, "search_hotels")] == ["ORD"]
    assert not bookings
    assert result.scores is not None and result.scores.passed


def test_a_stay_no_hotel_fits_is_asked_about_then_refused_naming_the_stay_and_its_limits() -> None:
    result, bookings = run_dev("r5-nofit-pool-under-nightly-cap.yaml")
    questions = [str(a["question"]) for a in calls(result, "ask_user")]
    assert any(MARK in q and "(id H-ORD-" in q and "Shall I book that hotel anyway" in q for q in questions)
    assert not bookings
    assert "no hotel in Chicago meets your requirements" in result.final_message
    assert "no pool" in result.final_message and "over your $200 a night" in result.final_message
    assert result.scores is not None and result.scores.passed


def test_a_bare_hour_landing_limit_nothing_meets_is_asked_about_never_booked_silently() -> None:
    result, bookings = run_dev("r10-times-land-by-two-asks.yaml")
    assert any(MARK in str(a["question"]) for a in calls(result, "ask_user"))
    assert not bookings
    assert "I did not book anything" in result.final_message
    assert result.scores is not None and result.scores.passed
