"""Changes to held bookings (issue 12, r5-rebook): the order an approved change is carried out in, and
the reading rules for a held hotel named by its name, a hotel asked for in place of one cancelled and a
day counted from a bare weekday beside a held booking."""

from __future__ import annotations

import datetime as dt
from typing import Any

from agents.intent import HeldBooking, ReadContext, read_request
from agents.models._scripted_flow import Booked, Ledger
from agents.models._scripted_rebook import booking_order

NOW = dt.datetime(2027, 1, 8, 9, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
HELD = [
    HeldBooking(id="B0001", kind="flight", origin="SFO", destination="ORD", date=dt.date(2027, 1, 19)),
    HeldBooking(id="B0002", kind="flight", origin="ORD", destination="SFO", date=dt.date(2027, 1, 23)),
    HeldBooking(
        id="B0003",
        kind="hotel",
        city="ORD",
        check_in=dt.date(2027, 1, 19),
        check_out=dt.date(2027, 1, 23),
        name="Compass Inn",
    ),
]
CTX = ReadContext(now=NOW, home="SFO", bookings=HELD)


def _ledger(budget: float, spent: float) -> Ledger:
    led = Ledger(budget=budget, spent=spent, budget_known=True, existing=["B0002", "B0003"])
    led.bookings["B0002"] = Booked("B0002", "flight", "NP119-2027-01-23", "confirmed", 317.0)
    led.bookings["B0003"] = Booked(
        "B0003", "hotel", "H-ORD-05", "confirmed", 720.0, check_in="2027-01-19", check_out="2027-01-23"
    )
    return led


def _items(hotel: str = "H-ORD-08") -> list[dict[str, Any]]:
    return [
        {"kind": "cancellation", "id": "B0003", "price": -720.0},
        {"kind": "cancellation", "id": "B0002", "price": -317.0},
        {"kind": "flight", "id": "BQ120-2027-01-23", "price": 286.0, "details": {}},
        {
            "kind": "hotel",
            "id": hotel,
            "price": 1297.0,
            "details": {"check_in": "2027-01-19", "check_out": "2027-01-23"},
        },
    ]


def _order(items: list[dict[str, Any]], led: Ledger) -> list[str]:
    return [str(it["id"]) for it in booking_order(items, led, {})]


def test_replacements_are_booked_before_the_held_bookings_they_replace_are_cancelled() -> None:
    # new flight, then the held flight it replaces, then the new hotel, then the held hotel
    assert _order(_items(), _ledger(5000, 1341)) == ["BQ120-2027-01-23", "B0002", "H-ORD-08", "B0003"]


def test_cancellations_go_first_when_the_budget_has_no_room_until_their_refunds() -> None:
    assert _order(_items(), _ledger(2300, 1341)) == ["B0003", "B0002", "BQ120-2027-01-23", "H-ORD-08"]


def test_the_same_hotel_on_overlapping_nights_is_cancelled_before_it_is_booked_again() -> None:
    order = _order(_items("H-ORD-05"), _ledger(5000, 1341))
    assert order[0] == "B0003" and order.index("B0002") > order.index("BQ120-2027-01-23")


def test_a_held_hotel_called_by_its_name_is_the_one_changed_or_cancelled() -> None:
    swap = read_request("Please swap the Compass Inn for something in River North, same nights.", CTX)
    assert (swap.shape, swap.cancel) == ("change", ["B0003"])
    assert [(s.city, s.check_in, s.check_out) for s in swap.stays] == [
        ("ORD", dt.date(2027, 1, 19), dt.date(2027, 1, 23))
    ]
    typo = read_request("pls cancel the compas inn, staying at my cousin's. flights stay", CTX)
    assert (typo.shape, typo.cancel, typo.keep) == ("cancel_only", ["B0003"], ["B0001", "B0002"])


def test_a_hotel_asked_for_beside_one_cancelled_takes_its_city_and_nights() -> None:
    intent = read_request(
        "Cancel the hotel and book me into River North for the same nights. Flights as they are.", CTX
    )
    assert (intent.shape, intent.cancel, intent.keep) == ("change", ["B0003"], ["B0001", "B0002"])
    assert [(s.check_in, s.check_out) for s in intent.stays] == [(dt.date(2027, 1, 19), dt.date(2027, 1, 23))]


def test_that_day_after_a_bare_weekday_is_the_held_trips_day_not_the_next_one() -> None:
    # said on Friday 8 January: "saturday" is the held flight's Saturday (23 January), not tomorrow
    intent = read_request(
        "my friend's party on saturday runs into the evening, so could you find me a later flight home that day? "
        "keep the rest",
        CTX,
    )
    assert intent.cancel == ["B0002"]
    assert [(leg.origin, leg.date) for leg in intent.legs] == [("ORD", dt.date(2027, 1, 23))]
