"""Times said by a meal or a routine rather than a clock ("home in time for dinner", "there by
breakfast", "back before the kids' bedtime"): a wish, or a limit when said as a need, on the flight
the words name (``agents.intent._routine_times``)."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._routine_times import ROUTINES

CTX = ReadContext(now=dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-6))), home="ORD")
DINNER, _ = ROUTINES["dinner"]
BREAKFAST, AFTER_BREAKFAST = ROUTINES["breakfast"]
BEDTIME, _ = ROUTINES["bedtime"]


def _windows(text: str) -> list[tuple[str, dt.time | None, dt.time | None, int | None]]:
    return [
        (w.kind, w.start, w.end, w.leg)
        for w in read_request(text, CTX).wishes
        if w.kind in ("arrive_window", "depart_window")
    ]


def test_home_for_dinner_hedged_is_a_wish_on_the_way_home() -> None:
    text = "Chicago to Denver March 3, back March 6. Would like to be home in time for dinner."
    intent = read_request(text, CTX)
    assert _windows(text) == [("arrive_window", None, DINNER, 1)]
    assert intent.legs[1].arrive_before is None


def test_a_need_is_a_limit_on_the_way_home() -> None:
    text = "Chicago to Denver March 3, back March 6. I have to be back before the kids' bedtime."
    intent = read_request(text, CTX)
    assert intent.legs[1].arrive_before == BEDTIME
    assert intent.legs[0].arrive_before is None
    assert _windows(text) == []


def test_there_is_the_way_out() -> None:
    text = "One way Chicago to Boston on March 9. She needs to be there by breakfast."
    assert read_request(text, CTX).legs[0].arrive_before == BREAKFAST


def test_leaving_after_a_meal_on_the_named_flight() -> None:
    text = "Chicago to Austin March 3, back March 6. On the way home I'd prefer to leave after breakfast."
    assert _windows(text) == [("depart_window", AFTER_BREAKFAST, None, 1)]


def test_a_misspelt_meal_is_still_read() -> None:
    text = "chicago to atlanta mar 22 back mar 24. wud be nice to b home for dinnr"
    assert _windows(text) == [("arrive_window", None, DINNER, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Chicago to Boston March 3, back March 6. I have dinner with the client on Wednesday.",
        "Chicago to Boston March 3, back March 6. Last time I got home after dinner, whatever works.",
        "Chicago to Boston March 3, back March 6. Is there anything that gets me home before dinner?",
        "One way Chicago to Dallas March 9. My husband will have dinner ready whenever I get in.",
    ],
)
def test_a_meal_not_tied_to_a_flight_sets_nothing(text: str) -> None:
    intent = read_request(text, CTX)
    assert _windows(text) == []
    assert all(leg.arrive_before is None and leg.depart_after is None for leg in intent.legs)
