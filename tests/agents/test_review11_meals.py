"""Review 11 of the routine reader (``agents.intent._routine_times``): a meal or routine only times a
flight when the traveller needs or wants it so; not after a negation, not of someone else, not an
event ("dinner with the board"), not a habit, a question, or a word that only looks like one."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request

CTX = ReadContext(now=dt.datetime(2027, 3, 1, 9, 0), home="BOS")
TRIP = "Flights BOS-ORD Monday, back Thursday. "
LIMITS = ("depart_before", "depart_after", "arrive_before", "arrive_after")


def _times(text: str) -> tuple[list[tuple[str, int, dt.time]], list[tuple[str, int | None]]]:
    intent = read_request(text, CTX)
    limits = [(k, i, getattr(leg, k)) for i, leg in enumerate(intent.legs) for k in LIMITS if getattr(leg, k)]
    wishes = [(w.kind, w.leg) for w in intent.wishes if w.kind in ("arrive_window", "depart_window")]
    return limits, wishes


@pytest.mark.parametrize(
    "text",
    [
        TRIP + "I can't leave the office before lunch on Monday.",
        TRIP + "I don't want to land after dinner.",
        TRIP + "Please don't make me leave before breakfast.",
        TRIP + "I'd hate to get home after the kids' bedtime.",
        TRIP + "I never want to land before breakfast.",
        TRIP + "The hotel needs to be close enough to walk back after dinner.",
        TRIP + "Dana must be home for dinner, she isn't coming.",
        TRIP + "The kids have to be back for school run duty next month, not my problem.",
        TRIP + "My husband has to be home for dinner but he's staying put.",
        TRIP + "Back-to-back calls before lunch are required, so book whatever.",
        TRIP + "I must be there for dinner with the board on Wednesday.",
        TRIP + "I have to head out for dinner with clients right after landing Monday.",
        TRIP + "I must be back for the lunch with my boss on Friday.",
        TRIP + "I need to be there for lunch at Girl and the Goat.",
        "Fly me to Denver Friday, back Sunday. My mum always wants me home for dinner.",
        TRIP + "My husband makes it home for dinner every night, I never do.",
        TRIP + "I'm going back for dinner at Alinea, Tuesday.",
        TRIP + "I'm meeting the team there for dinner on Tuesday.",
        TRIP + "Book a table somewhere near a landmark for dinner.",
        TRIP + "I'd like to be home for Super Bowl night.",
        TRIP + "Back by super early Friday is fine.",
        TRIP + "Any flight that gets me home before dinner",
    ],
)
def test_no_time_is_read(text: str) -> None:
    assert _times(text) == ([], [])


def test_a_need_elsewhere_in_the_sentence_is_not_the_routines() -> None:
    limits, wishes = _times(TRIP + "Hotel must have a pool, back for dinner Thursday.")
    assert not any(k == "arrive_before" for k, _, _ in limits)
    assert wishes == [("arrive_window", 1)]


def test_back_is_the_way_home_even_on_a_named_flight() -> None:
    text = (
        "Flights Boston to Chicago Monday, Chicago to Denver Wednesday, home Friday, back in time for dinner."
    )
    assert _times(text)[1] == [("arrive_window", 2)]


def test_the_travellers_own_need_is_still_a_limit() -> None:
    limits, _ = _times(TRIP + "I must be back for dinner on Thursday.")
    assert limits == [("arrive_before", 1, dt.time(18, 30))]


def test_a_question_without_its_mark_adds_no_wish() -> None:
    # main's clock reader reads "by lunch" as noon here already (a limit outside this reader)
    assert _times(TRIP + "Is there any flight that gets me there by lunch")[1] == []
