"""Bookings behind the travel tools: lookups that raise the errors an agent sees, prices, the
inventory a booking takes, charging, and what a cancellation gives back.

Kept apart from ``tools`` so that module reads as the list of tools an agent gets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sandbox.spi import ToolError
from worlds.travel.records import Cabin, Flight, Hotel
from worlds.travel.run import _present as show
from worlds.travel.run.env import TravelEnv
from worlds.travel.run.state import Booking, CalendarEntry

MAX_NIGHTS = 30

# -- lookups that raise the errors the agent sees ------------------------------------------------------


def find_flight(env: TravelEnv, flight_id: str) -> Flight:
    f = env.view.flight(flight_id)
    if f is None:
        raise ToolError("not_found", f"no flight {flight_id!r}", "flight_id")
    return f


def find_hotel(env: TravelEnv, hotel_id: str) -> Hotel:
    h = env.view.hotel(hotel_id)
    if h is None:
        raise ToolError("not_found", f"no hotel {hotel_id!r}", "hotel_id")
    return h


def check_city(env: TravelEnv, code: str, field: str) -> str:
    code = code.strip().upper()
    if env.view.city(code) is None:
        known = ", ".join(c.code for c in env.view.cities())
        raise ToolError("not_found", f"no airport/city {code!r}; known codes: {known}", field)
    return code


def check_in_catalog(env: TravelEnv, day: dt.date, field: str, *, end_extra: int = 0) -> None:
    start, end = env.view.info.start, env.view.info.end
    if not start <= day <= end + dt.timedelta(days=end_extra):
        raise ToolError(
            "invalid_dates", f"{field} {day} is outside the bookable dates {start} to {end}", field
        )


def check_stay(env: TravelEnv, hotel: Hotel, check_in: dt.date, check_out: dt.date) -> None:
    if check_out <= check_in:
        raise ToolError(
            "invalid_dates", f"check_out {check_out} must be after check_in {check_in}", "check_out"
        )
    if (check_out - check_in).days > MAX_NIGHTS:
        raise ToolError("invalid_dates", f"stays are limited to {MAX_NIGHTS} nights", "check_out")
    check_in_catalog(env, check_in, "check_in")
    check_in_catalog(env, check_out, "check_out", end_extra=1)
    today = env.local_today(hotel.city)
    if check_in < today:
        raise ToolError(
            "in_the_past", f"check_in {check_in} is before today ({today}) in {hotel.city}", "check_in"
        )


def find_booking(env: TravelEnv, booking_id: str) -> Booking:
    b = env.state.bookings.get(booking_id)
    if b is None:
        known = ", ".join(env.state.bookings) or "none yet"
        raise ToolError("not_found", f"no booking {booking_id!r} (bookings: {known})", "booking_id")
    return b


def check_max_price(total: int, max_price: float | None, what: str) -> None:
    if max_price is not None and total > round(max_price * 100):
        raise ToolError(
            "price_changed",
            f"{what} now costs {show.money(total)} in total, above your max_price {show.money(round(max_price * 100))}",
            "max_price",
        )


# -- money and inventory, shared with quote_cents ---------------------------------------------------


def flight_total_cents(env: TravelEnv, flight: Flight, cabin: Cabin, passengers: int) -> int:
    return env.fare_cents(flight, cabin) * passengers


def stay_total_cents(env: TravelEnv, hotel: Hotel, check_in: dt.date, check_out: dt.date, rooms: int) -> int:
    return sum(env.nightly_cents(hotel, check_in, check_out)) * rooms


def cancel_outcome(env: TravelEnv, b: Booking) -> tuple[int, int, str]:
    """``(refund_cents, fee_cents, note)`` if ``b`` were cancelled now.

    Holds cancel freely. Flights: refundable -> full refund, otherwise nothing back. Hotels: free until
    ``free_cancel_days`` before check-in (local date in the hotel's city), later a fee of
    ``cancel_fee_pct`` of the stay (the charge is refunded and the fee charged), -1: nothing back.
    """
    paid = env.state.booking_net_cents(b.id)
    if b.status == "held":
        return 0, 0, "hold released; nothing was charged"
    t = b.terms
    if b.kind == "flight":
        return (
            (paid, 0, "refundable fare: full refund")
            if t.refundable
            else (0, 0, "non-refundable fare: no refund")
        )
    if not t.refundable or t.free_cancel_days is None or t.free_cancel_days < 0:
        return 0, 0, "non-refundable rate: no refund"
    assert b.check_in is not None
    hotel = env.view.hotel(b.item_id)
    days = (b.check_in - env.local_today(hotel.city if hotel else "")).days
    if days >= t.free_cancel_days:
        return paid, 0, f"free cancellation ({days} days before check-in): full refund"
    fee = round(b.price_cents * (t.cancel_fee_pct or 0) / 100)
    return paid, fee, f"late cancellation ({days} days before check-in): {t.cancel_fee_pct}% fee"


def take(env: TravelEnv, b: Booking, sign: int) -> None:
    """Reserve (+1) or release (-1) the booking's inventory; zero counts are dropped (canonical state)."""
    if b.kind == "flight":
        keys, n, table = [f"{b.item_id}/{b.cabin}"], b.passengers or 0, env.state.seats_taken
    else:
        assert b.check_in is not None and b.check_out is not None
        nights = (b.check_out - b.check_in).days
        keys = [f"{b.item_id}/{b.check_in + dt.timedelta(d)}" for d in range(nights)]
        n, table = b.rooms or 0, env.state.rooms_taken
    for key in keys:
        left = table.get(key, 0) + sign * n
        if left:
            table[key] = left
        else:
            table.pop(key, None)


def confirm(env: TravelEnv, b: Booking) -> None:
    """Charge the booking and put a flight in the calendar."""
    b.status = "confirmed"
    env.state.add_ledger("charge", b.price_cents, b.id, f"{b.kind} {b.item_id}")
    f = env.view.flight(b.item_id) if b.kind == "flight" else None
    if f is not None:
        title = f"Flight {f.airline}{f.number} {f.origin} to {f.destination}"
        env.state.calendar.append(
            CalendarEntry(
                id=env.state.new_event_id(),
                title=title,
                start=f.depart,
                end=f.arrive,
                source="agent",
                booking_id=b.id,
            )
        )


def new_booking(env: TravelEnv, hold: bool, **fields: Any) -> dict[str, Any]:
    b = Booking(
        id=env.state.new_booking_id(),
        status="held",
        created_at=env.now,
        call_id=env.current_call_id,
        **fields,
    )
    env.state.bookings[b.id] = b
    take(env, b, +1)
    if not hold:
        confirm(env, b)
    return {
        **show.booking(env, b),
        "charged": show.dollars(0 if hold else b.price_cents),
        **show.budget_line(env),
    }
