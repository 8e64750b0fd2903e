"""The travel world's tools. The docstrings are what a model reads; the signatures are the schemas.

Every tool takes the run's ``TravelEnv`` first. Results are JSON-native: money in dollars (floats,
2 decimals: ``price`` per passenger or per room-night, ``total_price`` for the whole booking), times as
local ISO-8601 with their UTC offset, ids as strings. Failures raise ``ToolError`` with a specific code
(``not_found``, ``invalid_argument``, ``invalid_dates``, ``in_the_past``, ``sold_out``,
``price_changed``); the tool layer turns them into error results. Double bookings, budget and calendar
conflicts are not tool errors: they are domain rules (``rules.py``) the gateway checks first.

Money moves like this: a booking (not a hold) charges its total; ``confirm_booking`` charges a hold;
``cancel_booking`` refunds per the snapshot of the item's terms (see ``cancel_outcome``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AwareDatetime, Field, ValidationError

from sandbox.errors import ToolError
from sandbox.tools import READ, WRITE, ToolSpec, tool
from worlds.travel import _present as show
from worlds.travel.env import TravelEnv, tool_index
from worlds.travel.records import Cabin, Flight, Hotel
from worlds.travel.state import Booking, CalendarEntry, CancelTerms

Passengers = Annotated[int, Field(ge=1, le=9, description="Number of travellers, 1-9.")]
Rooms = Annotated[int, Field(ge=1, le=9, description="Number of rooms, 1-9.")]
MAX_NIGHTS = 30

# -- lookups that raise the errors the agent sees ------------------------------------------------------


def _flight(env: TravelEnv, flight_id: str) -> Flight:
    f = env.view.flight(flight_id)
    if f is None:
        raise ToolError("not_found", f"no flight {flight_id!r}", "flight_id")
    return f


def _hotel(env: TravelEnv, hotel_id: str) -> Hotel:
    h = env.view.hotel(hotel_id)
    if h is None:
        raise ToolError("not_found", f"no hotel {hotel_id!r}", "hotel_id")
    return h


def _city(env: TravelEnv, code: str, field: str) -> str:
    code = code.strip().upper()
    if env.view.city(code) is None:
        known = ", ".join(c.code for c in env.view.cities())
        raise ToolError("not_found", f"no airport/city {code!r}; known codes: {known}", field)
    return code


def _in_catalog(env: TravelEnv, day: dt.date, field: str, *, end_extra: int = 0) -> None:
    start, end = env.view.info.start, env.view.info.end
    if not start <= day <= end + dt.timedelta(days=end_extra):
        raise ToolError(
            "invalid_dates", f"{field} {day} is outside the bookable dates {start} to {end}", field
        )


def _stay(env: TravelEnv, hotel: Hotel, check_in: dt.date, check_out: dt.date) -> None:
    if check_out <= check_in:
        raise ToolError(
            "invalid_dates", f"check_out {check_out} must be after check_in {check_in}", "check_out"
        )
    if (check_out - check_in).days > MAX_NIGHTS:
        raise ToolError("invalid_dates", f"stays are limited to {MAX_NIGHTS} nights", "check_out")
    _in_catalog(env, check_in, "check_in")
    _in_catalog(env, check_out, "check_out", end_extra=1)
    today = env.local_today(hotel.city)
    if check_in < today:
        raise ToolError(
            "in_the_past", f"check_in {check_in} is before today ({today}) in {hotel.city}", "check_in"
        )


def _booking(env: TravelEnv, booking_id: str) -> Booking:
    b = env.state.bookings.get(booking_id)
    if b is None:
        known = ", ".join(env.state.bookings) or "none yet"
        raise ToolError("not_found", f"no booking {booking_id!r} (bookings: {known})", "booking_id")
    return b


def _max_price(total: int, max_price: float | None, what: str) -> None:
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


def _take(env: TravelEnv, b: Booking, sign: int) -> None:
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


def _confirm(env: TravelEnv, b: Booking) -> None:
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


def _new_booking(env: TravelEnv, hold: bool, **fields: Any) -> dict[str, Any]:
    b = Booking(
        id=env.state.new_booking_id(),
        status="held",
        created_at=env.now,
        call_id=env.current_call_id,
        **fields,
    )
    env.state.bookings[b.id] = b
    _take(env, b, +1)
    if not hold:
        _confirm(env, b)
    return {
        **show.booking(env, b),
        "charged": show.dollars(0 if hold else b.price_cents),
        **show.budget_line(env),
    }


# -- READ tools --------------------------------------------------------------------------------------


@tool(READ)
def search_flights(
    env: TravelEnv,
    origin: str,
    destination: str,
    date: dt.date,
    passengers: Passengers = 1,
    cabin: Cabin = "economy",
) -> dict[str, Any]:
    """Search flights from origin to destination departing on date.

    origin, destination: airport codes such as 'SFO' or 'LHR'. date: local departure date, 'YYYY-MM-DD'.
    passengers: how many seats are needed (1-9). cabin: 'economy', 'premium' or 'business'.
    Returns every flight that day sorted by departure, with local departure/arrival times (with UTC
    offset), stops, duration, refundability, baggage, price per passenger and total_price in dollars,
    seats_left in that cabin and available (enough seats for all passengers).
    """
    origin, destination = _city(env, origin, "origin"), _city(env, destination, "destination")
    _in_catalog(env, date, "date")
    today = env.local_today(origin)
    if date < today:
        raise ToolError("in_the_past", f"date {date} is before today ({today}) in {origin}", "date")
    flights = [show.flight(env, f, cabin, passengers) for f in env.view.flights_on(origin, destination, date)]
    return {
        "origin": origin,
        "destination": destination,
        "date": str(date),
        "cabin": cabin,
        "passengers": passengers,
        "count": len(flights),
        "flights": flights,
    }


@tool(READ)
def get_flight(env: TravelEnv, flight_id: str) -> dict[str, Any]:
    """Details of one flight by flight_id (e.g. 'AX123-2027-01-15'): times, stops, baggage,
    refundability, and for each cabin ('economy', 'premium', 'business') the price per passenger
    in dollars and seats_left."""
    return show.flight_details(env, _flight(env, flight_id))


@tool(READ)
def search_hotels(
    env: TravelEnv, city: str, check_in: dt.date, check_out: dt.date, rooms: Rooms = 1
) -> dict[str, Any]:
    """Search hotels in a city for a stay.

    city: airport/city code such as 'LHR'. check_in, check_out: 'YYYY-MM-DD' (check_out after
    check_in; the nights are check_in up to the night before check_out). rooms: rooms needed (1-9).
    Returns each hotel with stars, rating (0-10), neighbourhood, amenities, price (average per room
    per night, dollars), total_price (all rooms, all nights), rooms_left, available and its
    cancellation terms.
    """
    code = _city(env, city, "city")
    hotels = env.view.hotels_in(code)
    if hotels:
        _stay(env, hotels[0], check_in, check_out)
    results = [show.hotel(env, h, check_in, check_out, rooms) for h in hotels]
    return {
        "city": code,
        "check_in": str(check_in),
        "check_out": str(check_out),
        "rooms": rooms,
        "count": len(results),
        "hotels": results,
    }


@tool(READ)
def get_hotel(env: TravelEnv, hotel_id: str) -> dict[str, Any]:
    """Details of one hotel by hotel_id (e.g. 'H-LHR-03'): name, stars, rating, neighbourhood,
    amenities, cancellation terms, typical nightly price in dollars (exact prices depend on the dates:
    use search_hotels) and guest reviews."""
    return show.hotel_details(env, _hotel(env, hotel_id))


@tool(READ)
def get_calendar(env: TravelEnv, start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
    """The traveller's calendar: their own events and those added by bookings or by you.

    start, end: optional 'YYYY-MM-DD' bounds (inclusive, in the traveller's home time zone); omit
    them for everything. Each event has id, title, local start/end times, source ('traveler' or
    'agent') and the booking_id that created it, if any.
    """
    if start is not None and end is not None and end < start:
        raise ToolError("invalid_dates", f"end {end} is before start {start}", "end")
    home = env.scenario.traveler.home
    events = []
    for e in sorted(env.state.calendar, key=lambda e: (e.start, e.id)):
        if start is not None and env.local_date(e.end, home) < start:
            continue
        if end is not None and env.local_date(e.start, home) > end:
            continue
        events.append(show.event(e))
    return {"events": events}


@tool(READ)
def get_budget(env: TravelEnv) -> dict[str, Any]:
    """The trip budget in dollars: budget (null if none was set), spent (charges and fees minus
    refunds), remaining, and the ledger of every charge, fee and refund with its booking_id."""
    s = env.state
    return {
        **show.budget_line(env),
        "budget": show.dollars(s.budget_cents),
        "spent": show.dollars(s.spent_cents),
        "currency": "USD",
        "ledger": [show.ledger(e) for e in s.ledger],
    }


@tool(READ)
def get_traveler_profile(env: TravelEnv) -> dict[str, Any]:
    """The traveller's stored profile: name, home airport, who travels with them (party and
    party_size, the traveller included), seat and cabin preference, loyalty numbers and notes."""
    t = env.scenario.traveler
    p = t.profile
    return {
        "name": t.name,
        "home": t.home,
        "party": [c.name for c in t.party],
        "party_size": 1 + len(t.party),
        "seat": p.seat,
        "cabin": p.cabin,
        "loyalty": dict(p.loyalty),
        "notes": list(p.notes),
    }


@tool(READ)
def list_bookings(env: TravelEnv) -> dict[str, Any]:
    """Every booking and hold made in this run, in order, with status ('held', 'confirmed' or
    'cancelled'), what was booked, total price in dollars and cancellation terms."""
    return {"bookings": [show.booking(env, b) for b in env.state.bookings.values()]}


# -- WRITE tools -------------------------------------------------------------------------------------


@tool(WRITE)
def book_flight(
    env: TravelEnv,
    flight_id: str,
    passengers: Passengers,
    cabin: Cabin = "economy",
    hold: bool = False,
    max_price: float | None = None,
) -> dict[str, Any]:
    """Book seats on a flight for the whole party, and charge the budget.

    flight_id: from search_flights. passengers: number of travellers (1-9). cabin: 'economy',
    'premium' or 'business'. hold: true to reserve the seats without paying (pay later with
    confirm_booking). max_price: optional ceiling in dollars for the TOTAL price; if the current total
    is higher the booking fails with price_changed and names the new price. Returns the booking with
    its booking_id, total price and what was charged.
    """
    f = _flight(env, flight_id)
    if f.depart < env.now:
        raise ToolError("in_the_past", f"flight {f.id} departed at {f.depart.isoformat()}", "flight_id")
    left = env.seats_left(f, cabin)
    if not env.bookable(f.id) or left == 0:
        raise ToolError("sold_out", f"flight {f.id} is sold out in {cabin}", "flight_id")
    if left < passengers:
        raise ToolError(
            "sold_out",
            f"flight {f.id} has only {left} {cabin} seat(s) left; asked for {passengers}",
            "passengers",
        )
    total = flight_total_cents(env, f, cabin, passengers)
    _max_price(total, max_price, f"flight {f.id} for {passengers} in {cabin}")
    terms = CancelTerms(refundable=f.refundable)
    return _new_booking(
        env,
        hold,
        kind="flight",
        item_id=f.id,
        cabin=cabin,
        passengers=passengers,
        price_cents=total,
        terms=terms,
    )


@tool(WRITE)
def book_hotel(
    env: TravelEnv,
    hotel_id: str,
    check_in: dt.date,
    check_out: dt.date,
    rooms: Rooms = 1,
    hold: bool = False,
    max_price: float | None = None,
) -> dict[str, Any]:
    """Book hotel rooms for a stay, and charge the budget.

    hotel_id: from search_hotels. check_in, check_out: 'YYYY-MM-DD', check_out after check_in.
    rooms: rooms needed (1-9). hold: true to reserve without paying (pay later with confirm_booking).
    max_price: optional ceiling in dollars for the TOTAL price of the stay; if the current total is
    higher the booking fails with price_changed and names the new price. Returns the booking with its
    booking_id, total price, cancellation terms and what was charged.
    """
    h = _hotel(env, hotel_id)
    _stay(env, h, check_in, check_out)
    left = env.rooms_left(h, check_in, check_out)
    if not env.bookable(h.id) or left == 0:
        raise ToolError("sold_out", f"hotel {h.id} is sold out for {check_in} to {check_out}", "hotel_id")
    if left < rooms:
        raise ToolError(
            "sold_out",
            f"hotel {h.id} has only {left} room(s) left for those nights; asked for {rooms}",
            "rooms",
        )
    total = stay_total_cents(env, h, check_in, check_out, rooms)
    _max_price(total, max_price, f"hotel {h.id} for {check_in} to {check_out}")
    terms = show.hotel_terms(h)
    return _new_booking(
        env,
        hold,
        kind="hotel",
        item_id=h.id,
        check_in=check_in,
        check_out=check_out,
        rooms=rooms,
        price_cents=total,
        terms=terms,
    )


@tool(WRITE)
def confirm_booking(env: TravelEnv, booking_id: str) -> dict[str, Any]:
    """Pay for a held booking (booking_id such as 'B0001', from book_flight/book_hotel with hold=true)
    at the price it was held at. Charges the budget; a confirmed flight goes into the calendar."""
    b = _booking(env, booking_id)
    if b.status != "held":
        raise ToolError(
            "invalid_argument",
            f"booking {b.id} is {b.status}, not held; only holds can be confirmed",
            "booking_id",
        )
    _confirm(env, b)
    return {**show.booking(env, b), "charged": show.dollars(b.price_cents), **show.budget_line(env)}


@tool(WRITE)
def cancel_booking(env: TravelEnv, booking_id: str) -> dict[str, Any]:
    """Cancel a booking or a hold (booking_id such as 'B0001'). Releases the seats/rooms and removes
    it from the calendar. Refunds follow the terms shown when it was booked: holds and refundable
    fares cost nothing; non-refundable fares are not refunded; hotels are free until their
    free-cancellation date, then charge a fee. Returns refund and fee in dollars."""
    b = _booking(env, booking_id)
    if b.status == "cancelled":
        raise ToolError("invalid_argument", f"booking {b.id} is already cancelled", "booking_id")
    refund, fee, note = cancel_outcome(env, b)
    env.state.add_ledger("refund", refund, b.id, f"cancel {b.item_id}")
    env.state.add_ledger("fee", fee, b.id, f"cancellation fee {b.item_id}")
    _take(env, b, -1)
    b.status = "cancelled"
    env.state.calendar = [e for e in env.state.calendar if e.booking_id != b.id]
    return {
        **show.booking(env, b),
        "refund": show.dollars(refund),
        "fee": show.dollars(fee),
        "note": note,
        **show.budget_line(env),
    }


@tool(WRITE)
def add_calendar_event(
    env: TravelEnv, title: str, start: AwareDatetime, end: AwareDatetime
) -> dict[str, Any]:
    """Add an event to the traveller's calendar. title: a short description. start, end: ISO-8601
    local date-times WITH a UTC offset, e.g. '2027-01-15T09:00:00-08:00'; end after start."""
    if not title.strip():
        raise ToolError("invalid_argument", "title must not be empty", "title")
    if end <= start:
        raise ToolError(
            "invalid_dates", f"end {end.isoformat()} must be after start {start.isoformat()}", "end"
        )
    if start < env.now:
        raise ToolError(
            "in_the_past", f"start {start.isoformat()} is before now ({env.now.isoformat()})", "start"
        )
    e = CalendarEntry(id=env.state.new_event_id(), title=title.strip(), start=start, end=end, source="agent")
    env.state.calendar.append(e)
    return show.event(e)


TOOLS: list[ToolSpec] = [
    search_flights,
    get_flight,
    search_hotels,
    get_hotel,
    get_calendar,
    get_budget,
    get_traveler_profile,
    list_bookings,
    book_flight,
    book_hotel,
    confirm_booking,
    cancel_booking,
    add_calendar_event,
]


def quote_cents(env: TravelEnv, tool: str, args: dict[str, Any] | None) -> int | None:
    """How much ``spent`` would change if this WRITE call ran now, in cents.

    Bookings: their total (0 for a hold); confirm: the held price; cancel: fee minus refund (usually
    negative); calendar events: 0. None for READ tools, unknown tools and calls that would fail.
    """
    spec = tool_index().get(tool)
    if spec is None or spec.kind != WRITE:
        return None
    try:
        a: Any = spec.args_model.model_validate(args or {})
    except ValidationError:
        return None
    try:
        if tool == "book_flight":
            return 0 if a.hold else flight_total_cents(env, _flight(env, a.flight_id), a.cabin, a.passengers)
        if tool == "book_hotel":
            h = _hotel(env, a.hotel_id)
            _stay(env, h, a.check_in, a.check_out)
            return 0 if a.hold else stay_total_cents(env, h, a.check_in, a.check_out, a.rooms)
        if tool in ("confirm_booking", "cancel_booking"):
            b = _booking(env, a.booking_id)
            if tool == "confirm_booking":
                return b.price_cents if b.status == "held" else None
            if b.status == "cancelled":
                return None
            refund, fee, _ = cancel_outcome(env, b)
            return fee - refund
    except ToolError:
        return None
    return 0
