"""The travel world's final state in plain words (``World.describe_state``): what a judge of the
agent's report reads. Every booking, with its ids, the cities by name, dates, price and terms; held
and cancelled bookings say so; nothing from the scenario's hidden sections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from worlds.travel import WORLD
from worlds.travel.run import TravelEnv

Ok = Callable[..., Any]


def test_a_fresh_run_has_left_nothing(env: TravelEnv) -> None:
    assert WORLD.describe_state(env) == []


def test_each_booking_is_one_line_in_plain_words(env: TravelEnv, ok: Ok) -> None:
    ok(env, "book_flight", flight_id="MV901-2027-01-20", passengers=2)
    ok(env, "book_hotel", hotel_id="H-JFK-91", check_in="2027-01-20", check_out="2027-01-24", hold=True)
    flight, hotel = WORLD.describe_state(env)
    assert flight.startswith("Booking B0001: flight MV901 (")
    for words in (
        "catalog id MV901-2027-01-20",
        "from San Francisco (SFO) to New York (JFK)",
        "departs Wednesday 20 January 2027 08:00",
        "non-stop, 2 passenger(s), economy",
        "refundable",
    ):
        assert words in flight
    assert flight.endswith(f"${env.state.bookings['B0001'].price_cents / 100:,.2f}, refundable")
    assert hotel.startswith(
        "Booking B0002 (on hold, not paid): hotel No Refunds Lodge (catalog id H-JFK-91; 2*,"
    )
    assert (
        "in New York (JFK), check-in Wednesday 20 January 2027, check-out Sunday 24 January 2027 (4 night(s))"
        in hotel
    )
    assert hotel.endswith("non-refundable")


def test_a_cancelled_booking_says_so_with_its_refund(env: TravelEnv, ok: Ok) -> None:
    ok(env, "book_flight", flight_id="MV901-2027-01-20", passengers=1)
    ok(env, "cancel_booking", booking_id="B0001")
    (line,) = WORLD.describe_state(env)
    price = env.state.bookings["B0001"].price_cents / 100
    assert line.startswith(f"Booking B0001 (cancelled, ${price:,.2f} refunded): flight MV901")


def test_bookings_held_before_the_request_say_so(make_env: Callable[..., TravelEnv]) -> None:
    env = make_env(
        traveler={"bookings": [{"kind": "flight", "flight_id": "MV903-2027-01-24", "passengers": 1}]}
    )
    (line,) = WORLD.describe_state(env)
    assert line.startswith("Booking B0001 (held before this request): flight MV903")
