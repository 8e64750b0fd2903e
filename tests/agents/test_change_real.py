"""Changes to held bookings and what to buy, for the classes behind real requests the default agent
failed (issue 12, r7-change): sentences written for these tests, one class per test, in words other
than the failing requests' and the golden entries'."""

from __future__ import annotations

import datetime as dt

from agents.intent import HeldBooking, ReadContext, read_request
from agents.models._scripted_prefs import name_weight, parse_prefs

NOW = dt.datetime(2027, 5, 3, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # a Monday
HELD = [
    HeldBooking(id="B0001", kind="flight", origin="MIA", destination="ATL", date=dt.date(2027, 5, 13)),  # Thu
    HeldBooking(id="B0002", kind="flight", origin="ATL", destination="MIA", date=dt.date(2027, 5, 16)),  # Sun
    HeldBooking(
        id="B0003",
        kind="hotel",
        city="ATL",
        check_in=dt.date(2027, 5, 13),
        check_out=dt.date(2027, 5, 16),
        name="Peachtree Rooms",
    ),
]
CTX = ReadContext(now=NOW, home="MIA", bookings=HELD)


def test_a_held_flight_named_by_its_weekday_is_the_held_one_on_that_weekday() -> None:
    # the coming Thursday (6 May) and Sunday (9 May) are not the trip's: the held ones are meant
    got = read_request("A colleague will drive me home, so scrap the Sunday one. Keep the rest.", CTX)
    assert got.shape == "cancel_only" and got.cancel == ["B0002"] and got.keep == ["B0001", "B0003"]
    got = read_request("Please cancel my Sunday flight. My Thursday flight and the room are fine.", CTX)
    assert got.cancel == ["B0002"] and got.keep == ["B0001", "B0003"]


def test_a_flight_said_of_options_does_not_undo_the_change_of_one_held_flight() -> None:
    got = read_request(
        "I'd like to move my flight home up to first class, same day. If the midday flight is sold out the "
        "late flight is fine too. The hotel and the flight there stay as booked.",
        CTX,
    )
    assert got.shape == "change" and got.cancel == ["B0002"] and got.keep == ["B0001", "B0003"]
    assert [(leg.origin, leg.destination, leg.date) for leg in got.legs] == [
        ("ATL", "MIA", dt.date(2027, 5, 16))
    ]


def test_terms_of_a_held_booking_said_as_a_fact_are_no_act_on_it() -> None:
    got = read_request(
        "Could you swap the Peachtree Rooms for a hotel with a spa, same nights? The hotel I have now "
        "should be free to cancel. Flights stay put.",
        CTX,
    )
    assert got.shape == "change" and got.cancel == ["B0003"] and got.keep == ["B0001", "B0002"]
    assert [(s.city, s.check_in, s.check_out, s.amenities) for s in got.stays] == [
        ("ATL", dt.date(2027, 5, 13), dt.date(2027, 5, 16), ["spa"])
    ]
    assert got.stays[0].refundable is None  # what the held hotel allows is no need of the new one


def test_a_flight_asked_for_instead_of_a_cancelled_one_is_booked_in_its_stead() -> None:
    got = read_request(
        "My Thursday flight is no good now. Cancel it, and get me on a Wednesday flight instead. Leave "
        "the hotel and the Sunday flight.",
        CTX,
    )
    assert got.shape == "change" and got.cancel == ["B0001"] and got.keep == ["B0002", "B0003"]
    assert [(leg.origin, leg.destination, leg.date) for leg in got.legs] == [
        ("MIA", "ATL", dt.date(2027, 5, 12))
    ]


def test_a_hotel_asked_for_beside_a_replaced_flight_fills_the_night_it_opens_with_its_own_cap() -> None:
    got = read_request(
        "Cancel the Thursday flight; I need to fly Wednesday instead. I also need a hotel for the "
        "Wednesday night, under $200. Everything else stays.",
        CTX,
    )
    assert [(s.city, s.check_in, s.check_out, s.max_total) for s in got.stays] == [
        ("ATL", dt.date(2027, 5, 12), dt.date(2027, 5, 13), 200.0)
    ]
    assert got.budget is None  # the hotel's cap, not the trip's


def test_a_denial_of_flights_with_a_tail_asks_for_no_flight() -> None:
    got = read_request(
        "hotel in atlanta 20-22 may, I'm driving up from miami so no flights or anything like that",
        ReadContext(now=NOW, home="MIA"),
    )
    assert got.shape == "hotel_only" and not got.legs
    assert [(s.city, s.check_in, s.check_out) for s in got.stays] == [
        ("ATL", dt.date(2027, 5, 20), dt.date(2027, 5, 22))
    ]


def test_an_amenity_stayed_away_from_is_no_requirement_and_weighs_hotels_down() -> None:
    ctx = ReadContext(now=NOW, home="MIA")
    got = read_request("A room in Atlanta 20-22 May with a pool; we're allergic to dogs, so no pets.", ctx)
    assert got.stays[0].amenities == ["pool"]
    got = read_request("A room in Atlanta 20-22 May, somewhere that doesn't allow pets.", ctx)
    assert got.stays[0].amenities == []
    prefs = parse_prefs("That hotel allows pets, and my wife is allergic to cats.", (None, []))
    assert prefs.amenities["pet-friendly"] < 0


def test_a_street_named_by_its_short_form_is_that_neighbourhood() -> None:
    assert name_weight("close to the clubs on sixth st would be ideal", "Sixth Street") > 0
    assert name_weight("somewhere off Peachtree Rd please", "Peachtree Road") > 0
    assert name_weight("stay on Rainey Street", "Rainey Street") > 0
