"""The travel world's tools. The docstrings are what a model reads; the signatures are the schemas.

Every tool takes the run's ``TravelEnv`` first. Results are JSON-native: money in dollars (floats,
2 decimals: ``price`` per passenger or per room-night, ``total_price`` for the whole booking), times as
local ISO-8601 with their UTC offset, ids as strings. Failures raise ``ToolError`` with a specific code
(``not_found``, ``invalid_argument``, ``invalid_dates``, ``in_the_past``, ``sold_out``,
``price_changed``); the tool layer turns them into error results. Double bookings, budget and calendar
conflicts are not tool errors: they are domain rules (``rules.py``) the gateway checks first.

Money moves like this: a booking (not a hold) charges its total; ``confirm_booking`` charges a hold;
``cancel_booking`` refunds per the snapshot of the item's terms (see ``_booking.cancel_outcome``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field

from sandbox.spi import READ, WRITE, ToolError, ToolSpec, tool
from worlds.travel.catalog import CatalogView
from worlds.travel.records import Cabin
from worlds.travel.run import _present as show
from worlds.travel.run._booking import (
    cancel_outcome,
    check_city,
    check_in_catalog,
    check_max_price,
    check_stay,
    confirm,
    find_booking,
    find_flight,
    find_hotel,
    flight_total_cents,
    new_booking,
    stay_total_cents,
    take,
)
from worlds.travel.run._dates_tool import search_flight_dates
from worlds.travel.run.env import TravelEnv
from worlds.travel.run.faults import FaultInjector
from worlds.travel.run.state import CalendarEntry, CancelTerms, TravelState
from worlds.travel.scenario import TravelScenario

Passengers = Annotated[int, Field(ge=1, le=9, description="Number of travellers, 1-9.")]
Rooms = Annotated[int, Field(ge=1, le=9, description="Number of rooms, 1-9.")]
MaxPrice = Annotated[float, Field(gt=0, le=10_000_000, allow_inf_nan=False)] | None
SpecialRequests = Annotated[str, Field(max_length=500)] | None

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
    origin, destination = check_city(env, origin, "origin"), check_city(env, destination, "destination")
    check_in_catalog(env, date, "date")
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
    return show.flight_details(env, find_flight(env, flight_id))


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
    code = check_city(env, city, "city")
    hotels = env.view.hotels_in(code)
    if hotels:
        check_stay(env, hotels[0], check_in, check_out)
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
    return show.hotel_details(env, find_hotel(env, hotel_id))


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
    max_price: MaxPrice = None,
    seat: Literal["aisle", "window"] | None = None,
) -> dict[str, Any]:
    """Book seats on a flight for the whole party, and charge the budget.

    flight_id: from search_flights. passengers: number of travellers (1-9). cabin: 'economy',
    'premium' or 'business'. hold: true to reserve the seats without paying (pay later with
    confirm_booking). max_price: optional ceiling in dollars for the TOTAL price; if the current total
    is higher the booking fails with price_changed and names the new price. seat: optional 'aisle' or
    'window' seats (free; omit for no preference). Returns the booking with its booking_id, total price
    and what was charged.
    """
    f = find_flight(env, flight_id)
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
    check_max_price(total, max_price, f"flight {f.id} for {passengers} in {cabin}")
    terms = CancelTerms(refundable=f.refundable)
    return new_booking(
        env,
        hold,
        kind="flight",
        item_id=f.id,
        cabin=cabin,
        passengers=passengers,
        price_cents=total,
        terms=terms,
        **({"seat": seat} if seat is not None else {}),
    )


@tool(WRITE)
def book_hotel(
    env: TravelEnv,
    hotel_id: str,
    check_in: dt.date,
    check_out: dt.date,
    rooms: Rooms = 1,
    hold: bool = False,
    max_price: MaxPrice = None,
    special_requests: SpecialRequests = None,
) -> dict[str, Any]:
    """Book hotel rooms for a stay, and charge the budget.

    hotel_id: from search_hotels. check_in, check_out: 'YYYY-MM-DD', check_out after check_in.
    rooms: rooms needed (1-9). hold: true to reserve without paying (pay later with confirm_booking).
    max_price: optional ceiling in dollars for the TOTAL price of the stay; if the current total is
    higher the booking fails with price_changed and names the new price. special_requests: optional
    free text passed on to the hotel (e.g. 'late arrival', 'quiet room'); the hotel sees it. Returns the
    booking with its booking_id, total price, cancellation terms and what was charged.
    """
    h = find_hotel(env, hotel_id)
    check_stay(env, h, check_in, check_out)
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
    check_max_price(total, max_price, f"hotel {h.id} for {check_in} to {check_out}")
    terms = show.hotel_terms(h)
    return new_booking(
        env,
        hold,
        kind="hotel",
        item_id=h.id,
        check_in=check_in,
        check_out=check_out,
        rooms=rooms,
        price_cents=total,
        terms=terms,
        **({"special_requests": special_requests} if special_requests else {}),
    )


@tool(WRITE)
def confirm_booking(env: TravelEnv, booking_id: str) -> dict[str, Any]:
    """Pay for a held booking (booking_id such as 'B0001', from book_flight/book_hotel with hold=true)
    at the price it was held at. Charges the budget; a confirmed flight goes into the calendar."""
    b = find_booking(env, booking_id)
    if b.status != "held":
        raise ToolError(
            "invalid_argument",
            f"booking {b.id} is {b.status}, not held; only holds can be confirmed",
            "booking_id",
        )
    confirm(env, b)
    return {**show.booking(env, b), "charged": show.dollars(b.price_cents), **show.budget_line(env)}


@tool(WRITE)
def cancel_booking(env: TravelEnv, booking_id: str) -> dict[str, Any]:
    """Cancel a booking or a hold (booking_id such as 'B0001'). Releases the seats/rooms and removes
    it from the calendar. Refunds follow the terms shown when it was booked: holds and refundable
    fares cost nothing; non-refundable fares are not refunded; hotels are free until their
    free-cancellation date, then charge a fee. Returns refund and fee in dollars."""
    b = find_booking(env, booking_id)
    if b.status == "cancelled":
        raise ToolError("invalid_argument", f"booking {b.id} is already cancelled", "booking_id")
    refund, fee, note = cancel_outcome(env, b)
    env.state.add_ledger("refund", refund, b.id, f"cancel {b.item_id}")
    env.state.add_ledger("fee", fee, b.id, f"cancellation fee {b.item_id}")
    take(env, b, -1)
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
    last = env.view.info.end + dt.timedelta(days=366)
    if end.date() > last:
        raise ToolError(
            "invalid_dates", f"end {end.isoformat()} is too far ahead; events can end up to {last}", "end"
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
    search_flight_dates,
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

TOOL_INDEX: dict[str, ToolSpec] = {t.name: t for t in TOOLS}


def new_env(scenario: TravelScenario, view: CatalogView, trial: int = 0) -> TravelEnv:
    """A fresh run of ``scenario`` on ``view`` with the travel tools: its clock, budget and calendar."""
    faults = FaultInjector(scenario.faults, scenario.world.seed, trial)
    return TravelEnv(scenario, view, TravelState.from_scenario(scenario, view), faults, TOOL_INDEX)
