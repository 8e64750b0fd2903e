"""What the traveller wants bought (issue 12, r6-shape): "book me to <city>" asks for the journey; a
flight said to be held after the fact and a guest's own arrival ask for none, and the guest is the
party; lodging named by what it has or is is a hotel. Rules on sentences written for these tests, in
ways people write that neither the golden set nor the developers' scenarios hold word for word."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, TripIntent, read_request
from agents.models._scripted_options import Avoid, HotelOpt, Scorer
from agents.models._scripted_prefs import parse_prefs

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # a Monday


def read(text: str, home: str = "BOS") -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home=home))


@pytest.mark.parametrize(
    "text",
    [
        "Could you book me to Orlando from April 12 to April 15, and a hotel too?",
        "Please send us to Orlando April 12 to April 15 - we need a hotel as well.",
        "Book me over to Orlando April 12-15 plus a room.",
    ],
)
def test_booked_to_a_city_is_a_journey_and_the_hotel_is_added(text: str) -> None:
    i = read(text)
    assert i.shape == "round_trip"
    assert [(leg.origin, leg.destination) for leg in i.legs] == [("BOS", "MCO"), ("MCO", "BOS")]
    assert [(s.city, s.check_in, s.check_out) for s in i.stays] == [
        ("MCO", dt.date(2027, 4, 12), dt.date(2027, 4, 15))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I fly into Chicago on April 6 (already booked) and need a hotel until April 9.",
        "Flying into Chicago April 6 (flights already booked), just need a hotel till the 9th.",
        "I'm landing in Chicago on April 6 and my flight's booked already; a hotel until April 9 please.",
    ],
)
def test_a_flight_said_to_be_held_after_the_fact_asks_for_none(text: str) -> None:
    i = read(text)
    assert i.shape == "hotel_only" and not i.legs
    assert [(s.city, s.check_in, s.check_out) for s in i.stays] == [
        ("ORD", dt.date(2027, 4, 6), dt.date(2027, 4, 9))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I need a hotel room in Seattle April 6 to April 9 for a client who's flying in from Miami.",
        "Can you book a room in Seattle for my manager, who is flying in on April 6? She leaves April 9.",
        "Please get a room in Seattle from the 6th to the 9th of April for a consultant who will be flying in.",
    ],
)
def test_a_room_for_a_guest_who_flies_in_is_hotel_only_for_the_guest(text: str) -> None:
    i = read(text)
    assert i.shape == "hotel_only" and not i.legs
    assert [(s.city, s.check_in, s.check_out) for s in i.stays] == [
        ("SEA", dt.date(2027, 4, 6), dt.date(2027, 4, 9))
    ]
    assert i.travelers == 1


def test_flying_in_with_a_guest_still_asks_for_flights() -> None:
    """Only someone else's arrival is set aside: "I'm flying to Seattle" is still a journey asked for."""
    i = read("I'm flying to Seattle April 6 and back April 9, and need a hotel there.")
    assert i.shape == "round_trip" and len(i.legs) == 2 and i.stays


@pytest.mark.parametrize(
    "text",
    [
        "We want a place with a kitchen in Austin from May 3 to May 7.",
        "Somewhere with a pool in Austin, May 3 to May 7, for the two of us.",
        "Looking for a serviced apartment in Austin May 3 - May 7.",
    ],
)
def test_lodging_named_by_what_it_has_is_a_hotel(text: str) -> None:
    i = read(text)
    assert i.shape == "hotel_only" and not i.legs
    assert [(s.city, s.check_in, s.check_out) for s in i.stays] == [
        ("AUS", dt.date(2027, 5, 3), dt.date(2027, 5, 7))
    ]


@pytest.mark.parametrize("text", ["Flights to Austin May 3 to May 7, a flat fare if possible."])
def test_a_flat_fare_is_no_lodging(text: str) -> None:
    i = read(text)
    assert i.shape == "round_trip" and not i.stays


@pytest.mark.parametrize(
    "text",
    [
        "Boston to Chicago April 6, Chicago to Denver April 8, Denver back to Boston April 10, with hotels;"
        " the Denver hotel has to be in LoDo.",
        "Fly me Boston to Chicago on April 6, then Denver on April 8, home April 10. Hotels in both, and in"
        " Denver it must be in LoDo.",
    ],
)
def test_a_required_area_is_no_stop_of_the_journey_and_limits_its_city_only(text: str) -> None:
    i = read(text)
    assert [(leg.origin, leg.destination) for leg in i.legs] == [
        ("BOS", "ORD"),
        ("ORD", "DEN"),
        ("DEN", "BOS"),
    ]
    assert [(s.city, s.neighbourhood) for s in i.stays] == [("ORD", None), ("DEN", "lodo")]


def _hotel(hid: str, city: str, hood: str) -> HotelOpt:
    day = dt.date(2027, 4, 6)
    return HotelOpt(hid, hid, city, hood, 3, 8.0, ("wifi",), 300.0, 150.0, day, day, 1, True, True)


def test_the_policy_limits_only_the_hotels_of_the_city_an_area_is_in() -> None:
    avoid = Avoid(hoods={"LoDo"}, hood_cities={"LoDo": {"DEN"}})
    scorer = Scorer(parse_prefs("cheapest please", (None, [])), 0, 2, 2000.0, avoid=avoid)
    assert scorer.hotel_problem(_hotel("H1", "ORD", "Loop"), None) is None
    assert scorer.hotel_problem(_hotel("H2", "DEN", "RiNo"), None) == "not in LoDo"
    assert scorer.hotel_problem(_hotel("H3", "DEN", "LoDo"), None) is None
