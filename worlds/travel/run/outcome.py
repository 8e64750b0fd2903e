"""A run's outcome in plain words (``World.describe_state``): one line per booking the state holds.

This is what an outside reader of a run is shown of the world it left: a person reading a report, or
a judge of the agent's report (``travel-sandbox judge``). Each line says what the booking is, where
and when, for how many, at what price and on what terms, with the cities by name (a request names
cities, not airport codes), and whether it was held before the request or cancelled during the run.
It reads the run's state and the catalog only, never the scenario's hidden sections, and judges
nothing.
"""

from __future__ import annotations

from worlds.travel.run.env import TravelEnv
from worlds.travel.run.state import Booking


def _place(env: TravelEnv, code: str) -> str:
    city = env.view.city(code)
    return f"{city.name} ({code})" if city is not None else code


def _money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def _status(env: TravelEnv, b: Booking) -> str:
    marks = []
    if b.call_id == "held-before-run":
        marks.append("held before this request")
    if b.status == "cancelled":
        refund = -env.state.booking_net_cents(b.id) + b.price_cents
        marks.append(f"cancelled, {_money(refund)} refunded" if refund > 0 else "cancelled")
    elif b.status == "held":
        marks.append("on hold, not paid")
    return f" ({'; '.join(marks)})" if marks else ""


def _flight_line(env: TravelEnv, b: Booking) -> str:
    f = env.view.flight(b.item_id)
    if f is None:
        return f"Booking {b.id}{_status(env, b)}: flight {b.item_id}, {_money(b.price_cents)}"
    airline = env.view.airline(f.airline)
    stops = "non-stop" if f.stops == 0 else f"{f.stops} stop(s)"
    terms = "refundable" if b.terms.refundable else "non-refundable"
    return (
        f"Booking {b.id}{_status(env, b)}: flight {f.airline}{f.number} ("
        f"{f'{airline.name}, ' if airline else ''}catalog id {f.id}) from {_place(env, f.origin)} to "
        f"{_place(env, f.destination)}, departs {f.depart:%A %d %B %Y %H:%M}, arrives "
        f"{f.arrive:%A %d %B %Y %H:%M}, {stops}, {b.passengers} passenger(s), {b.cabin}, "
        f"{_money(b.price_cents)}, {terms}"
    )


def _hotel_line(env: TravelEnv, b: Booking) -> str:
    h = env.view.hotel(b.item_id)
    name = b.item_id if h is None else f"{h.name} (catalog id {h.id}; {h.stars}*, {h.neighbourhood})"
    stay = ""
    if b.check_in is not None and b.check_out is not None:
        nights = (b.check_out - b.check_in).days
        stay = f", check-in {b.check_in:%A %d %B %Y}, check-out {b.check_out:%A %d %B %Y} ({nights} night(s))"
    if b.terms.free_cancel_days is not None and b.terms.free_cancel_days >= 0:
        terms = f"free cancellation until {b.terms.free_cancel_days} day(s) before check-in"
    else:
        terms = "non-refundable"
    city = "" if h is None else f" in {_place(env, h.city)}"
    return (
        f"Booking {b.id}{_status(env, b)}: hotel {name}{city}{stay}, {b.rooms} room(s), "
        f"{_money(b.price_cents)}, {terms}"
    )


def describe_state(env: TravelEnv) -> list[str]:
    """Every booking of the run's state, in booking order, in plain words (see the module docstring)."""
    return [
        _flight_line(env, b) if b.kind == "flight" else _hotel_line(env, b)
        for b in sorted(env.state.bookings.values(), key=lambda b: b.id)
    ]
