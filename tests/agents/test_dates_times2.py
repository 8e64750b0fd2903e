"""Dates said the way people list them (branch r6-dates): days listed with their month said once
("the 8th, 9th and 10th of April", "April 5, 6 and 7"; ``_day_lists``), flights and a hotel dated
only by such a list (``_listed_nights.listed_trip``), and "return flights" / "return tickets" (a
round-trip ticket) before the day out (``_shape``). Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from agents.intent import ReadContext, TripIntent, read_request
from agents.intent._dates import scan

TZ = dt.timezone(dt.timedelta(hours=-6))
NOW = dt.datetime(2027, 1, 5, 9, tzinfo=TZ)
D = dt.date


def read(text: str, home: str = "ORD") -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home=home))


def leg_days(intent: TripIntent) -> list[tuple[str, str, dt.date | None]]:
    return [(leg.origin or "", leg.destination or "", leg.date) for leg in intent.legs]


def stay_days(intent: TripIntent) -> list[tuple[str, dt.date | None, dt.date | None]]:
    return [(s.city or "", s.check_in, s.check_out) for s in intent.stays]


def test_ordinals_listed_before_their_month_are_all_of_that_month() -> None:
    days = [m.days for m in scan("a room the 8th, 9th and 10th of March", NOW)]
    assert days == [[D(2027, 3, 8)], [D(2027, 3, 9)], [D(2027, 3, 10)]]


def test_days_listed_after_their_month_are_all_of_that_month() -> None:
    days = [m.days for m in scan("meetings on March 3, 10 & 17", NOW)]
    assert days == [[D(2027, 3, 3)], [D(2027, 3, 10)], [D(2027, 3, 17)]]


def test_a_list_followed_by_a_count_or_a_time_is_not_a_list_of_days() -> None:
    assert [m.kind for m in scan("March 3, 4 and 5 nights", NOW)] != ["listed"] * 3
    assert not any(m.kind == "listed" for m in scan("on March 3, leave at 4, 5 and 6pm", NOW))


def test_a_hotel_for_nights_listed_month_first_checks_out_after_the_last() -> None:
    intent = read("Only a hotel in Toronto for the nights of February 8, 9 and 10, I'm driving up.")
    assert intent.shape == "hotel_only"
    assert stay_days(intent) == [("YYZ", D(2027, 2, 8), D(2027, 2, 11))]


def test_a_room_on_ordinals_listed_month_last_is_not_split_across_two_months() -> None:
    intent = read("Flights are booked already; I need a room in New York the 9th, 10th and 11th of February.")
    assert stay_days(intent) == [("JFK", D(2027, 2, 9), D(2027, 2, 12))]


def test_flights_and_a_hotel_dated_only_by_listed_nights() -> None:
    intent = read("Flights Chicago to Toronto plus a hotel there for the 1st, 2nd and 3rd of February.")
    assert leg_days(intent) == [("ORD", "YYZ", D(2027, 2, 1)), ("YYZ", "ORD", D(2027, 2, 4))]
    assert stay_days(intent) == [("YYZ", D(2027, 2, 1), D(2027, 2, 4))]


def test_flights_with_their_own_days_keep_them_beside_listed_nights() -> None:
    intent = read(
        "Chicago to Toronto out Feb 7, home Feb 11; a hotel for the nights of February 8, 9 and 10."
    )
    assert leg_days(intent) == [("ORD", "YYZ", D(2027, 2, 7)), ("YYZ", "ORD", D(2027, 2, 11))]


def test_return_flights_are_a_round_trip_not_the_way_back() -> None:
    intent = read(
        "Return flights Chicago to Toronto on Wednesday 10 February, coming back Friday 12 February."
    )
    assert leg_days(intent) == [("ORD", "YYZ", D(2027, 2, 10)), ("YYZ", "ORD", D(2027, 2, 12))]


def test_two_return_tickets_then_the_day_out() -> None:
    intent = read(
        "Two return tickets from Chicago to New York, Tuesday 9 February, and back Thursday the 11th."
    )
    assert leg_days(intent) == [("ORD", "JFK", D(2027, 2, 9)), ("JFK", "ORD", D(2027, 2, 11))]


def test_the_return_flight_named_before_a_day_is_still_the_way_back() -> None:
    intent = read("Chicago to Toronto on Wednesday 10 February; the return flight on Friday 12 February.")
    assert leg_days(intent) == [("ORD", "YYZ", D(2027, 2, 10)), ("YYZ", "ORD", D(2027, 2, 12))]
