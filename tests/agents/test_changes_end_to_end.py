"""Changes to held bookings and minds changed, end to end (issue 12, ag-change).

The reader: a change said by contrast ("keep everything else"), "the other flight", a new one of a
kind asked for, a weekday move ("from Saturday to Sunday"), a move to a time with no day, and a day
taken back mid-request. The policy: a held booking the words cancel is neither kept as the new trip's
nor booked again as its own replacement; held bookings are looked at before anything is asked; the
seat is booked. The text's time windows read a negated bound the right way round.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from _dev_runs import CTX, DEV, NOW, calls, run_dev

from agents.intent import ReadContext, read_request
from agents.models._scripted_times import windows
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario


def _change(text: str) -> tuple[list[str], list[str], list[tuple[str | None, str | None, Any, Any, Any]]]:
    got = read_request(text, CTX)
    assert got.shape == "change", got.assumptions
    legs = [(leg.origin, leg.destination, leg.date, leg.depart_after, leg.arrive_before) for leg in got.legs]
    return got.cancel, got.keep, legs


@pytest.mark.parametrize(
    "text",
    [
        "My flight home from Seattle leaves too early; I need one after 4 pm the same day. Keep everything else.",
        "The flight back has to leave after 4 pm now. Leave my other bookings alone.",
        "please find me a later flight back on saturday, after 4pm. the rest stays as it is",
        "Could you move my flight home to one leaving after 4pm? Keep the other flight and the hotel as they are.",
    ],
)
def test_a_change_said_by_contrast_replaces_only_the_flight_home_on_its_day(text: str) -> None:
    cancel, keep, legs = _change(text)
    assert (cancel, keep) == (["B0002"], ["B0001", "B0003"])
    assert legs == [("SEA", "BOS", dt.date(2027, 3, 20), dt.time(16), None)]


def test_a_new_flight_asked_for_while_the_rest_is_kept_by_name_replaces_the_unkept_one() -> None:
    cancel, keep, legs = _change(
        "Put me on an earlier flight to Seattle, landing before 1pm. Keep the hotel and the flight back."
    )
    assert (cancel, keep) == (["B0001"], ["B0002", "B0003"])
    assert legs == [("BOS", "SEA", dt.date(2027, 3, 17), None, dt.time(13))]


def test_a_booking_named_on_its_own_outranks_a_keep_of_the_whole_trip() -> None:
    cancel, keep, _ = _change(
        "Change of plan: the outbound must leave after noon. The Seattle trip otherwise stays as booked."
    )
    assert (cancel, keep) == (["B0001"], ["B0002", "B0003"])


def test_from_saturday_to_sunday_moves_a_held_saturday_flight_to_the_next_day() -> None:
    cancel, keep, legs = _change("Please move my flight home from Saturday to Sunday. Nothing else changes.")
    assert (cancel, keep, legs[0][2]) == (["B0002"], ["B0001", "B0003"], dt.date(2027, 3, 21))


def test_my_flight_over_is_the_way_out() -> None:
    cancel, keep, legs = _change(
        "Fly me home on the 22nd instead. My flight over and the hotel stay as they are."
    )
    assert (cancel, keep, legs[0][:3]) == (
        ["B0002"],
        ["B0001", "B0003"],
        ("SEA", "BOS", dt.date(2027, 3, 22)),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Book me a flight from Boston to Miami on Friday the 12th. No, scrap Friday, Saturday works better. Back on the Monday.",
        "flying boston to miami friday the 12th. scratch that, saturday. back monday",
    ],
)
def test_a_day_taken_back_gives_its_part_to_the_day_said_in_its_stead(text: str) -> None:
    got = read_request(text, ReadContext(now=NOW, home="BOS"))
    assert [(leg.origin, leg.destination, leg.date) for leg in got.legs] == [
        ("BOS", "MIA", dt.date(2027, 3, 13)),
        ("MIA", "BOS", dt.date(2027, 3, 15)),
    ]


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("I can't leave before 8 pm", (20 * 60, 24 * 60 - 1)),
        ("the new flight must not depart later than 6pm", (0, 18 * 60)),
    ],
)
def test_a_negated_time_bound_is_read_the_right_way_round(sentence: str, span: tuple[int, int]) -> None:
    got = windows(sentence, 1.0, ("ORD", ["SFO"]))
    assert [(w.start, w.end, w.hard) for w in got] == [(*span, True)]


def test_a_same_day_swap_cancels_the_held_flight_and_books_another_not_the_same_again() -> None:
    result, bookings = run_dev("ag-change-swap-to-direct.yaml")
    assert bookings["B0002"]["status"] == "cancelled"
    assert [b["item_id"] for b in bookings.values() if b["status"] == "confirmed"] == [
        "MV102-2027-01-19", "H-ORD-05", "BQ120-2027-01-23",
    ]  # fmt: skip
    assert all(c["flight_id"] != "NP119-2027-01-23" for c in calls(result, "book_flight"))


def test_held_bookings_are_listed_before_the_traveller_is_asked_anything() -> None:
    result, bookings = run_dev("ag-change-london-hotel-with-gym.yaml")
    assert calls(result, "ask_user") == []
    assert bookings["B0003"]["status"] == "cancelled"
    assert result.scores is not None and result.scores.passed


def test_the_flight_is_booked_with_the_profile_seat() -> None:
    scenario = load_scenario(DEV / "ag-change-return-a-day-later.yaml")
    scenario.traveler.profile.seat = "aisle"
    result = run(scenario, RunOptions(agent="planner", model="scripted"))
    assert [c.get("seat") for c in calls(result, "book_flight")] == ["aisle"]
