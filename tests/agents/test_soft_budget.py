"""A budget said as a wish or approximately (``TripIntent.budget_soft``) is relaxed before a refusal,
never past the account's budget; a firm figure and a relaxed cap that still admits nothing refuse."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from agents.intent import TripIntent
from agents.models._scripted_plans import Plan, Ranking, Trip
from agents.models._scripted_soft_budget import soft_budget

PLAN = cast(Plan, object())


def _trip(cap: float) -> Trip:
    return Trip(legs=[], stays=[], pax=1, rooms=1, cabin="economy", cap=cap)


def _account(budget: float) -> Callable[[float | None], float | None]:
    """The context's cap: a figure bounded by the account's budget (None: the account's budget)."""
    return lambda said: budget if said is None else min(said, budget)


def _ranked(trip: Trip, price: float) -> Callable[[], Ranking]:
    """The cheapest plan costs ``price``: feasible when the trip's cap allows it."""
    return lambda: Ranking(plans=[PLAN] if trip.cap is not None and price <= trip.cap else [], cheapest=PLAN)


def test_a_wish_is_relaxed_to_the_accounts_budget_and_says_so() -> None:
    trip, intent = _trip(700), TripIntent(budget=700, budget_soft="wish")
    got = soft_budget(trip, intent, _account(3000), _ranked(trip, 900))
    assert got.plans == [PLAN] and trip.cap == 3000
    assert intent.assumptions == ["nothing fits under $700, which you gave as a wish: planned within $3,000"]


def test_an_approximate_figure_allows_a_tenth_over_it_and_no_more() -> None:
    trip, intent = _trip(1000), TripIntent(budget=1000, budget_soft="approx")
    assert soft_budget(trip, intent, _account(5000), _ranked(trip, 1080)).plans == [PLAN]
    assert trip.cap == 1100
    trip, intent = _trip(1000), TripIntent(budget=1000, budget_soft="approx")
    assert soft_budget(trip, intent, _account(5000), _ranked(trip, 1200)).plans == []
    assert trip.cap == 1000 and not intent.assumptions  # the refusal rests on the figure said


def test_never_past_the_accounts_budget() -> None:
    trip, intent = _trip(1000), TripIntent(budget=1000, budget_soft="approx")
    assert soft_budget(trip, intent, _account(1050), _ranked(trip, 1080)).plans == []
    assert trip.cap == 1000


def test_a_firm_figure_is_not_relaxed() -> None:
    trip, intent = _trip(700), TripIntent(budget=700)
    assert soft_budget(trip, intent, _account(3000), _ranked(trip, 900)).plans == []
    assert trip.cap == 700 and not intent.assumptions
