"""New bookings asked for beside held ones the words keep (issue 12, r13-change): a same-day hop out
of the held trip's city on one of its days, a hotel for the nights between held flights, a flight from
a named city in place of a cancelled one, and a held flight named by its route. The planner books
them and keeps what is held."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from _dev_runs import CTX, DEV, HELD, calls

from agents.intent import ReadContext, read_request
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

FLIGHTS_ONLY = CTX.model_copy(update={"bookings": HELD[:2]})


def _legs(text: str, ctx: ReadContext = CTX) -> list[tuple[str | None, str | None, dt.date | None]]:
    return [(leg.origin, leg.destination, leg.date) for leg in read_request(text, ctx).legs]


def test_a_same_day_hop_on_a_weekday_of_the_held_trip_leaves_from_its_city_and_keeps_it() -> None:
    got = read_request(
        "My Seattle bookings stay exactly as they are. On the Thursday I have to pop down to Portland and "
        "back the same day, landing by 10am.",
        CTX,
    )
    assert (got.shape, got.keep, got.cancel) == ("change", ["B0001", "B0002", "B0003"], [])
    thursday = dt.date(2027, 3, 18)
    assert [(x.origin, x.destination, x.date) for x in got.legs] == [
        ("SEA", "PDX", thursday),
        ("PDX", "SEA", thursday),
    ]
    assert got.legs[0].arrive_before == dt.time(10)
    assert got.travelers is None


def test_a_return_to_the_city_of_a_held_hotel_night_is_the_same_day() -> None:
    friday = dt.date(2027, 3, 19)
    assert _legs("Leave my Seattle trip as booked and add a return Seattle to Vancouver on Friday.") == [
        ("SEA", "YVR", friday),
        ("YVR", "SEA", friday),
    ]


def test_a_trip_of_its_own_beside_the_held_one_keeps_its_own_days_and_origin() -> None:
    got = read_request(
        "Leave my Seattle trip alone. Separately I need Boston to Miami on April 8 and back April 11.", CTX
    )
    assert got.keep == ["B0001", "B0002", "B0003"]
    assert [(x.origin, x.destination, x.date) for x in got.legs] == [
        ("BOS", "MIA", dt.date(2027, 4, 8)),
        ("MIA", "BOS", dt.date(2027, 4, 11)),
    ]


def test_a_hotel_with_no_nights_of_its_own_is_for_the_nights_between_the_held_flights() -> None:
    got = read_request(
        "Flights are booked already - leave them alone. Just need a room for the nights I'm there, under "
        "$200 a night.",
        FLIGHTS_ONLY,
    )
    assert (got.shape, got.keep, got.cancel, got.legs) == ("change", ["B0001", "B0002"], [], [])
    stay = got.stays[0]
    assert (stay.city, stay.check_in, stay.check_out, stay.max_nightly) == (
        "SEA",
        dt.date(2027, 3, 17),
        dt.date(2027, 3, 20),
        200,
    )


def test_a_flight_from_a_named_city_in_place_of_a_cancelled_one_is_that_route() -> None:
    got = read_request(
        "Please cancel the return sector to Boston on 20 March and issue a one-way from Seattle to Denver "
        "on 21 March, departing after 15:00. Outbound and hotel remain unchanged.",
        CTX,
    )
    assert (got.shape, got.cancel, got.keep) == ("change", ["B0002"], ["B0001", "B0003"])
    assert [(x.origin, x.destination, x.date, x.depart_after) for x in got.legs] == [
        ("SEA", "DEN", dt.date(2027, 3, 21), dt.time(15))
    ]


def test_a_held_flight_named_by_its_route_is_that_one_only() -> None:
    got = read_request(
        "Ditch the SEA-BOS flight and get me Seattle to Denver that day instead. Keep the hotel.", CTX
    )
    assert got.cancel == ["B0002"]
    assert _legs("Ditch the SEA-BOS flight and get me Seattle to Denver that day instead.")[0][:2] == (
        "SEA",
        "DEN",
    )


def test_words_that_only_cancel_or_keep_ask_for_nothing_new() -> None:
    got = read_request(
        "Cancel my return flight, I'm driving home from Seattle. Keep the hotel and the flight out.", CTX
    )
    assert (got.shape, got.cancel, got.legs) == ("cancel_only", ["B0002"], [])
    got = read_request("Keep both flights, but cancel the hotel: I'm staying with my sister.", CTX)
    assert (got.shape, got.cancel, got.stays) == ("cancel_only", ["B0003"], [])


def _run(request: str, flights_only: bool = False) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    scenario = load_scenario(DEV / "ag-change-return-a-day-later.yaml")  # held: SFO-ORD 20-23 Jan, hotel
    scenario.request = request
    if flights_only:
        scenario.traveler.bookings = scenario.traveler.bookings[:2]  # type: ignore[attr-defined]
    result = run(scenario, RunOptions(agent="planner", model="scripted"))
    assert result.status == "done", result.error
    return json.loads(result.final_state or "{}")["bookings"], calls(result, "ask_user")


def test_the_planner_books_a_same_day_hop_and_keeps_the_held_trip() -> None:
    bookings, asked = _run(
        "My Chicago trip is in my account (flights and hotel), leave all of it as it is. On the Friday I "
        "need a same-day return from Chicago to Toronto."
    )
    assert asked == []
    assert all(bookings[b]["status"] == "confirmed" for b in ("B0001", "B0002", "B0003"))
    new = sorted(str(b["item_id"]) for k, b in bookings.items() if k not in ("B0001", "B0002", "B0003"))
    assert len(new) == 2 and all(i.endswith("2027-01-22") for i in new)


def test_the_planner_books_the_hotel_between_held_flights() -> None:
    bookings, asked = _run(
        "My flights to Chicago are in my account, don't touch them. I need a hotel for the nights in "
        "between, with a gym.",
        flights_only=True,
    )
    assert asked == []
    hotel = [b for b in bookings.values() if b.get("check_in")]
    assert [(h["check_in"], h["check_out"]) for h in hotel] == [("2027-01-20", "2027-01-23")]
    assert bookings["B0001"]["status"] == bookings["B0002"]["status"] == "confirmed"


def test_no_flight_is_asked_for_where_the_words_only_name_the_held_trip_cities() -> None:
    for text in (
        "Leave the trip alone and add Seattle -> Atlantis -> Seattle on Friday.",
        "Keep my Seattle bookings. Add Seattle to Narnia and back on Friday.",
    ):
        got = read_request(text, CTX)
        assert all(x.origin != x.destination for x in got.legs), got.legs
        assert not any(
            {x.origin, x.destination} == {"BOS", "SEA"} and x.date == dt.date(2027, 3, 19) for x in got.legs
        )


def test_a_new_city_the_traveller_goes_on_to_after_a_cancelled_flight_is_flown_to() -> None:
    got = read_request(
        "Cancel the flight back to Boston, I'm going on to Denver from Seattle on the 20th. Keep the rest.",
        CTX,
    )
    assert (got.shape, got.cancel) == ("change", ["B0002"])
    assert _legs("Cancel the flight back to Boston; I'm going on to Denver from Seattle on the 20th.") == [
        ("SEA", "DEN", dt.date(2027, 3, 20))
    ]
    got = read_request("Cancel the flight back to Boston, I'm driving on to Portland with a friend.", CTX)
    assert (got.shape, got.legs) == ("cancel_only", [])
    chicago = CTX.model_copy(
        update={
            "bookings": [
                b.model_copy(
                    update={"destination": "ORD"}
                    if b.id == "B0001"
                    else {"origin": "ORD"}
                    if b.id == "B0002"
                    else {"city": "ORD"}
                )
                for b in HELD
            ]
        }
    )
    got = read_request(
        "I can't go to Chicago next week at all, I need to be here with her. Please cancel the flights and "
        "the hotel, all of it. I don't want to rebook anything right now, I'll get back to you when things "
        "settle down.",
        chicago,
    )
    assert (got.shape, got.legs) == ("cancel_only", [])
