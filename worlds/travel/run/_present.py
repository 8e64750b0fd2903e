"""How the travel tools show things to an agent: JSON-native dicts, dollars, local ISO times.

Kept apart from ``tools`` so the tool module reads as the list of tools and their rules.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from worlds.travel.records import CABINS, Cabin, Flight, Hotel
from worlds.travel.run.state import Booking, CalendarEntry, CancelTerms, LedgerEntry

if TYPE_CHECKING:
    from worlds.travel.run.env import TravelEnv


def dollars(cents: int | None) -> float | None:
    return None if cents is None else round(cents / 100, 2)


def money(cents: int) -> str:
    return f"-${-cents / 100:,.2f}" if cents < 0 else f"${cents / 100:,.2f}"


def budget_line(env: TravelEnv) -> dict[str, Any]:
    return {"budget_remaining": dollars(env.state.remaining_cents)}


def _flight_base(env: TravelEnv, f: Flight) -> dict[str, Any]:
    airline = env.view.airline(f.airline)
    return {
        "flight_id": f.id,
        "flight_number": f"{f.airline}{f.number}",
        "airline": f.airline,
        "airline_name": airline.name if airline is not None else f.airline,
        "origin": f.origin,
        "destination": f.destination,
        "depart": f.depart.isoformat(),
        "arrive": f.arrive.isoformat(),
        "duration_min": f.duration_min,
        "stops": f.stops,
        "refundable": f.refundable,
        "baggage": f.baggage,
        **({"note": f.note} if f.note else {}),
    }


def flight(env: TravelEnv, f: Flight, cabin: Cabin, passengers: int) -> dict[str, Any]:
    """One search result: the flight in one cabin for ``passengers``."""
    unit = env.fare_cents(f, cabin)
    left = env.seats_left(f, cabin)
    return {
        **_flight_base(env, f),
        "cabin": cabin,
        "price": dollars(unit),
        "total_price": dollars(unit * passengers),
        "seats_left": left,
        "available": left >= passengers,
    }


def flight_details(env: TravelEnv, f: Flight) -> dict[str, Any]:
    cabins = {c: {"price": dollars(env.fare_cents(f, c)), "seats_left": env.seats_left(f, c)} for c in CABINS}
    return {**_flight_base(env, f), "cabins": cabins}


def terms_text(t: CancelTerms, check_in: dt.date | None = None) -> str:
    if t.free_cancel_days is None:  # a flight
        return "refundable: full refund on cancellation" if t.refundable else "non-refundable: no refund"
    if t.free_cancel_days < 0:
        return "non-refundable: no refund"
    fee = f"later a {t.cancel_fee_pct}% fee of the stay"
    if check_in is None:
        return f"free cancellation up to {t.free_cancel_days} day(s) before check-in, {fee}"
    until = check_in - dt.timedelta(days=t.free_cancel_days)
    return f"free cancellation until {until} ({t.free_cancel_days} day(s) before check-in), {fee}"


def hotel_terms(h: Hotel) -> CancelTerms:
    return CancelTerms(
        refundable=h.free_cancel_days >= 0,
        free_cancel_days=h.free_cancel_days,
        cancel_fee_pct=h.cancel_fee_pct,
    )


def _hotel_base(h: Hotel) -> dict[str, Any]:
    return {
        "hotel_id": h.id,
        "name": h.name,
        "city": h.city,
        "neighbourhood": h.neighbourhood,
        "stars": h.stars,
        "rating": h.rating,
        "amenities": list(h.amenities),
    }


def hotel(env: TravelEnv, h: Hotel, check_in: dt.date, check_out: dt.date, rooms: int) -> dict[str, Any]:
    """One search result: the hotel for a stay of ``rooms`` rooms."""
    nightly = env.nightly_cents(h, check_in, check_out)
    left = env.rooms_left(h, check_in, check_out)
    return {
        **_hotel_base(h),
        "price": dollars(round(sum(nightly) / len(nightly))),
        "total_price": dollars(sum(nightly) * rooms),
        "nights": len(nightly),
        "rooms_left": left,
        "available": left >= rooms,
        "cancellation": terms_text(hotel_terms(h), check_in),
    }


def hotel_details(env: TravelEnv, h: Hotel) -> dict[str, Any]:
    reviews = [{"author": r.author, "rating": r.rating, "text": r.text} for r in h.reviews]
    pct = 0.0 if h.id in env.state.stale else env.state.price_changes.get(h.id, 0.0)
    typical = round(h.base_rate * (100 + pct) / 100)
    return {
        **_hotel_base(h),
        "typical_price": dollars(typical),
        "rooms": h.rooms,
        "cancellation": terms_text(hotel_terms(h)),
        "reviews": reviews,
    }


def event(e: CalendarEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "start": e.start.isoformat(),
        "end": e.end.isoformat(),
        "source": e.source,
        "booking_id": e.booking_id,
        **({"description": e.description} if e.description else {}),
    }


def ledger(e: LedgerEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "kind": e.kind,
        "amount": dollars(e.amount_cents),
        "booking_id": e.booking_id,
        "memo": e.memo,
    }


def booking(env: TravelEnv, b: Booking) -> dict[str, Any]:
    out: dict[str, Any] = {"booking_id": b.id, "kind": b.kind, "status": b.status}
    if b.kind == "flight":
        f = env.view.flight(b.item_id)
        out["flight_id"] = b.item_id
        if f is not None:
            out.update(
                route=f"{f.origin}-{f.destination}", depart=f.depart.isoformat(), arrive=f.arrive.isoformat()
            )
        out.update(cabin=b.cabin, passengers=b.passengers)
        if b.seat is not None:
            out["seat"] = b.seat
    else:
        h = env.view.hotel(b.item_id)
        out["hotel_id"] = b.item_id
        if h is not None:
            out.update(hotel_name=h.name, city=h.city)
        out.update(check_in=str(b.check_in), check_out=str(b.check_out), rooms=b.rooms)
        if b.special_requests is not None:
            out["special_requests"] = b.special_requests
    out.update(total_price=dollars(b.price_cents), cancellation=terms_text(b.terms, b.check_in))
    return out
