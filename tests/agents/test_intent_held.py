"""The request reader on held bookings, minds changed mid-request and fields left open: sentences
written for these tests (not from the golden set), one per rule."""

from __future__ import annotations

import datetime as dt

from agents.intent import HeldBooking, ReadContext, read_request

NOW = dt.datetime(2027, 2, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-7)))  # a Monday
HELD = [
    HeldBooking(id="B0001", kind="flight", origin="DEN", destination="BOS", date=dt.date(2027, 2, 17)),
    HeldBooking(id="B0002", kind="flight", origin="BOS", destination="DEN", date=dt.date(2027, 2, 20)),
    HeldBooking(
        id="B0003", kind="hotel", city="BOS", check_in=dt.date(2027, 2, 17), check_out=dt.date(2027, 2, 20)
    ),
    HeldBooking(id="B0004", kind="flight", origin="DEN", destination="MIA", date=dt.date(2027, 3, 4)),
    HeldBooking(id="B0005", kind="flight", origin="MIA", destination="DEN", date=dt.date(2027, 3, 7)),
]


def ctx(**kw: object) -> ReadContext:
    return ReadContext(now=NOW, **{"home": "DEN", "bookings": HELD, **kw})  # type: ignore[arg-type]


def test_a_change_books_the_changed_flight_anew_and_keeps_what_the_words_protect() -> None:
    got = read_request(
        "Could you move my Boston flight home to Friday? Leave everything else as it is.", ctx()
    )
    assert got.shape == "change"
    assert [(leg.origin, leg.destination, leg.date) for leg in got.legs] == [
        ("BOS", "DEN", dt.date(2027, 2, 19))
    ]
    assert got.cancel == ["B0002"] and got.keep == ["B0001", "B0003", "B0004", "B0005"]
    assert (
        got.sources["legs.0.date"] == "stated"
    )  # a bare weekday: the Friday of that trip, not the coming one


def test_the_later_word_wins_and_a_city_said_as_a_name_picks_its_bookings() -> None:
    got = read_request("Cancle the Miami flights and the Boston hotel. Wait, no, keep the hotel.", ctx())
    assert got.shape == "cancel_only" and got.cancel == ["B0004", "B0005"] and got.keep == ["B0003"]
    got = read_request("Cancel everything except the flight out to Boston.", ctx())
    assert got.keep == ["B0001"] and got.cancel == ["B0002", "B0003", "B0004", "B0005"]


def test_added_nights_fill_the_gap_a_moved_flight_opens_and_facts_are_not_requirements() -> None:
    got = read_request(
        "My return from Boston is non-refundable but please push it back two days and book me a hotel for "
        "the extra nights. The outbound and the current hotel stay.",
        ctx(),
    )
    assert [(leg.date, leg.refundable) for leg in got.legs] == [(dt.date(2027, 2, 22), None)]
    assert [(s.city, s.check_in, s.check_out) for s in got.stays] == [
        ("BOS", dt.date(2027, 2, 20), dt.date(2027, 2, 22))
    ]
    assert got.keep == ["B0001", "B0003"] and got.sources["stays.0.check_in"] == "inferred"


def test_a_place_said_in_anothers_stead_takes_its_part() -> None:
    got = read_request(
        "Flights from Denver to Seattle and back, April 8 to 11. Actually make that Portland.",
        ctx(bookings=[]),
    )
    assert [(leg.origin, leg.destination) for leg in got.legs] == [("DEN", "PDX"), ("PDX", "DEN")]
    got = read_request(
        "Round trip to Boston April 8 to 11. No wait, I'll drive back, so just the flight there.",
        ctx(bookings=[]),
    )
    assert got.shape == "one_way" and len(got.legs) == 1


def test_fields_the_words_leave_open_are_unknown_and_only_named_days_are_stated() -> None:
    got = read_request(
        "Hotel in Austin for the six of us, May 3 to 6, however many rooms works, same budget as last time.",
        ctx(bookings=[]),
    )
    assert set(got.unknown) == {"rooms", "budget"} and got.rooms is None and got.budget is None
    got = read_request(
        "Flights to Austin May 3, back May 6, for me and a few colleagues.", ctx(bookings=[], home=None)
    )
    assert set(got.unknown) == {"travelers", "origin"} and got.travelers is None
    got = read_request("I need a bed in Portland for the night of the 16th.", ctx(bookings=[]))
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 2, 16), dt.date(2027, 2, 17))
    assert got.sources["stays.0.check_out"] == "inferred" and not got.unknown


def test_a_whole_trip_moved_to_a_range_takes_its_ends() -> None:
    got = read_request("Please shift the Boston trip to 24-27 Feb instead.", ctx())
    assert [(leg.origin, leg.destination, leg.date) for leg in got.legs] == [
        ("DEN", "BOS", dt.date(2027, 2, 24)),
        ("BOS", "DEN", dt.date(2027, 2, 27)),
    ]


def test_a_price_per_room_per_night_is_a_nightly_cap_not_a_budget() -> None:
    got = read_request(
        "Two rooms in Boston 10-12 March, no more than $150 per room per night.", ctx(bookings=[])
    )
    assert got.budget is None and [s.max_nightly for s in got.stays] == [150]
