"""Money read as one grammar (``agents.intent._money_words``): an amount with its unit (each traveller),
its scope (everyone, the whole trip, or something the trip does not buy), its standing (money already
spent) and its hedge against a stretch. A misread amount is a limit the words never set, and the agent
refuses a trip it could book ("nothing fits your budget"): these are the readings that caused it."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._model import CalendarEntry
from agents.intent._money import money

CTX = ReadContext(now=dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8))), home="SFO")
TRIP = "Fly SFO to Chicago March 11, back March 14, with a hotel."


def _budget(tail: str) -> float | None:
    return read_request(f"{TRIP} {tail}", CTX).budget


@pytest.mark.parametrize(
    ("tail", "budget"),
    [
        ("2 of us, $800/person.", 1600),  # a unit after a slash
        ("Me and my wife. We each have about $700 to play with.", 1400),  # the unit before the amount
        ("Three of us (me, Priya and Tom). The company gives each of us $800 for the whole trip.", 2400),
        ("Four of us, roughly $550 per head, $600 at a push.", 2400),  # the stretch is the cap
        ("Me and my husband. Two grand for the both of us.", 2000),  # the whole party
        ("My wife and I. Budget for all of us is 2,000.", 2000),
        ("Me and my brother. 2.4k between us.", 2400),
        ("We're 3. Each person can spend up to $600.", 1800),
        ("2 of us. $900 per person for flights, $600 total for the hotel.", None),  # parts, not the trip
    ],
)
def test_unit_and_scope_of_the_party(tail: str, budget: float | None) -> None:
    assert _budget(tail) == budget


@pytest.mark.parametrize(
    ("tail", "budget"),
    [
        ("Budget is $1,2k.", 1200),  # a comma as the decimal point before k
        ("Maximal I can pay is 1.800 dollars for all.", 1800),  # a point grouping thousands
        ("Price range 1500-2000.", 2000),  # the top of a range caps it
        ("2-2.5k.", 2500),
        ("Somewhere between $1,500 and $2,000.", 2000),
        ("Try to keep it around 1200 but 1500 is the hard limit.", 1500),  # a wish against the stretch
        ("The budget is uh fifteen hundred, sorry, make that seventeen hundred.", 1700),
        ("Ballpark two grand for evrything.", 2000),  # approximate: still the figure meant
        ("I can spend 1100, 1200 tops.", 1200),  # a ceiling said after a figure
        ("Spending money for the trip: fifteen hundred.", 1500),  # a label and a colon
    ],
)
def test_shorthand_ranges_and_stretch(tail: str, budget: float) -> None:
    assert _budget(tail) == budget


@pytest.mark.parametrize(
    ("tail", "budget"),
    [
        ("Show tickets were $120 each, already bought. Keep the travel under 1,400.", 1400),
        (
            "The registration fee is $650, already paid; the travel budget for flights and hotel is $1,300.",
            1300,
        ),
        ("Flights around $400 each.", None),  # each flight, not each traveller, and no cap
        ("I have a $200 travel credit with Aurora. Budget $1,500.", 1500),
        ("Last time we went it was about $1,300 total; we have eighteen hundred bucks now.", 1800),
        ("Budget $1,500, though the hotel alone was $900 last time.", 1500),
        ("I get a $50/day meal allowance. Hotel max $200/night.", None),  # a daily rate
    ],
)
def test_a_figure_that_is_no_budget(tail: str, budget: float | None) -> None:
    assert _budget(tail) == budget


def test_a_meal_per_diem_beside_a_fee_caps_no_night() -> None:
    m = money(
        "The conference fee is $450 and my per diem is $70 for meals; the trip has to stay under $1,300."
    )
    assert (m.nightly, m.budget) == (None, 1300)


def test_dates_and_night_counts_are_no_range_of_money() -> None:
    intent = read_request(
        "Fly SFO to Chicago March 11-14, hotel up to $1,000 for the 3 nights. Total $1,600.", CTX
    )
    assert intent.budget == 1600
    assert [s.max_total for s in intent.stays] == [1000]


@pytest.mark.parametrize(
    ("tail", "soft"),
    [
        ("Ideally I'd keep the whole thing under $700.", "wish"),  # a wish: the account's budget is the cap
        ("Budget around 2k.", "approx"),  # approximate: a little over is within the words
        ("Ballpark $1,800 for everything.", "approx"),
        ("No more than ~$2,000.", None),  # a firm word makes it a cap, whatever hedge is beside it
        ("Budget $1,500.", None),
        ("Ideally under $1,200 but I can stretch to $1,600.", None),  # the stretch is firm
    ],
)
def test_a_budget_said_as_a_wish_or_approximately_is_soft(tail: str, soft: str | None) -> None:
    intent = read_request(f"{TRIP} {tail}", CTX)
    assert intent.budget_soft == soft
    if soft == "wish":
        assert any("a wish, not a hard cap" in a for a in intent.assumptions)


SUMMIT = ReadContext(
    now=dt.datetime(2027, 5, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
    home="BOS",
    calendar=[
        CalendarEntry(
            title="Design Week (Chicago Merchandise Mart)",
            start=dt.datetime(2027, 6, 14, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            end=dt.datetime(2027, 6, 17, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        )
    ],
)


def _days(text: str) -> list[dt.date | None]:
    return [leg.date for leg in read_request(text, SUMMIT).legs]


def test_a_day_counted_from_an_event_before_an_aside_in_brackets() -> None:
    """ "the day before it starts (nothing before 9am)": the bracket ends the rule, it does not hide it."""
    text = (
        "Design week in Chicago is in my calendar. Fly me from Boston the day before it starts (nothing "
        "before 9am please) and home the day after it ends."
    )
    assert _days(text) == [dt.date(2027, 6, 13), dt.date(2027, 6, 18)]


def test_nights_someone_else_houses_the_traveller_for_date_no_flight() -> None:
    """The event's nights the organisers cover are no days of the flights: a refusal for a calendar
    clash came from flying out on the event's first day."""
    text = (
        "Design week in Chicago is in my calendar. The organisers are putting me up at the venue hotel for "
        "the design week nights. I need a flight from Boston the day before it starts, and home the day "
        "after it ends."
    )
    assert _days(text) == [dt.date(2027, 6, 13), dt.date(2027, 6, 18)]
