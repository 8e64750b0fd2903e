"""Checkpoint cards in the travel world's words (``WorldHooks.card``).

A person deciding at a checkpoint reads the headline first, so it says the trip, not ids: "Fly
SFO→JFK Wed 20 Jan 06:25, nonstop, $402". The facts are what to check before deciding (the flight
number, the arrival, the party, the nights), the terms say what a cancellation gives back, and
``irreversible`` says whether approving commits money that cannot be got back: a non-refundable fare
or rate, a stay already past its free-cancellation date, a cancellation that refunds less than was paid.
A look-up gets a headline only: it costs nothing and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from sandbox.spi import CardContent
from worlds.travel.records import Flight, Hotel
from worlds.travel.run import _present as show
from worlds.travel.run._booking import cancel_outcome
from worlds.travel.run.env import TravelEnv
from worlds.travel.run.quote import quote_cents
from worlds.travel.run.state import Booking


def _day(d: dt.date | dt.datetime) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _when(t: dt.datetime) -> str:
    return f"{_day(t)} {t:%H:%M}"


def _money(cents: int | None) -> str:
    if cents is None:
        return "price unknown"
    return f"${cents // 100:,}" if cents % 100 == 0 else f"${cents / 100:,.2f}"


def _dollars(value: Any) -> int | None:
    return (
        round(float(value) * 100) if isinstance(value, int | float) and not isinstance(value, bool) else None
    )


def _stops(f: Flight) -> str:
    return "nonstop" if f.stops == 0 else f"{f.stops} stop{'s' if f.stops > 1 else ''}"


def _route(f: Flight) -> str:
    return f"{f.origin}→{f.destination} {_when(f.depart)}, {_stops(f)}"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _party(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _flight_terms(f: Flight) -> str:
    return (
        "Refundable fare — full refund if cancelled"
        if f.refundable
        else "Non-refundable fare — no refund if cancelled"
    )


def _hotel_terms(env: TravelEnv, h: Hotel, check_in: dt.date | None) -> tuple[str, bool]:
    """The hotel's terms for a stay, and whether cancelling right after booking would lose money."""
    if h.free_cancel_days < 0:
        return "Non-refundable rate — no refund if cancelled", True
    fee = f"{h.cancel_fee_pct}% of the stay"
    if check_in is None:
        return (
            f"Free cancellation up to {_party(h.free_cancel_days, 'day', 'days')} before check-in; later a fee of {fee}",
            False,
        )
    until = check_in - dt.timedelta(days=h.free_cancel_days)
    if (check_in - env.local_today(h.city)).days < h.free_cancel_days:
        return f"Free cancellation ended {_day(until)}: cancelling now costs {fee}", True
    return f"Free cancellation until {_day(until)}; later a fee of {fee}", False


def _flight_card(env: TravelEnv, args: Any, cents: int | None) -> CardContent:
    f = env.view.flight(args.flight_id)
    if f is None:
        return CardContent(headline=f"Book flight {args.flight_id}, which is not in the catalog")
    airline = env.view.airline(f.airline)
    party = _party(args.passengers, "passenger", "passengers")
    hours, minutes = divmod(f.duration_min, 60)
    facts = [
        f"{airline.name if airline else f.airline} {f.airline}{f.number}, arrives {_when(f.arrive)} local, {hours}h {minutes:02d}m",
        f"{party}, {args.cabin}; "
        + (
            f"{_party(f.baggage, 'checked bag', 'checked bags')} included"
            if f.baggage
            else "no checked bag included"
        ),
    ]
    if args.hold:
        return CardContent(
            headline=f"Hold seats {_route(f)}, {party} (nothing charged yet)",
            facts=facts,
            terms=["A hold: nothing is charged until it is confirmed, and releasing it costs nothing"],
        )
    who = "" if args.passengers == 1 else f", {party}"
    return CardContent(
        headline=f"Fly {_route(f)}{who}, {_money(cents)}",
        facts=facts,
        terms=[_flight_terms(f)],
        irreversible=not f.refundable,
    )


def _hotel_card(env: TravelEnv, args: Any, cents: int | None) -> CardContent:
    h = env.view.hotel(args.hotel_id)
    if h is None:
        return CardContent(headline=f"Book hotel {args.hotel_id}, which is not in the catalog")
    nights = (args.check_out - args.check_in).days
    stay = f"{_day(args.check_in)}–{_day(args.check_out)}, {_party(nights, 'night', 'nights')}"
    rooms = "" if args.rooms == 1 else f", {args.rooms} rooms"
    city = env.view.city(h.city)
    facts = [
        f"{h.stars}★, {h.neighbourhood}, {city.name if city else h.city}; rated {h.rating:.1f}/10",
        f"Check in {_day(args.check_in)}, check out {_day(args.check_out)}; {_party(args.rooms, 'room', 'rooms')}",
    ]
    terms, lost = _hotel_terms(env, h, args.check_in)
    if args.hold:
        return CardContent(
            headline=f"Hold {h.name}, {stay}{rooms} (nothing charged yet)",
            facts=facts,
            terms=["A hold: nothing is charged until it is confirmed, and releasing it costs nothing", terms],
        )
    return CardContent(
        headline=f"Stay at {h.name}, {stay}{rooms}, {_money(cents)}",
        facts=facts,
        terms=[terms],
        irreversible=lost,
    )


def _booking_name(env: TravelEnv, b: Booking) -> str:
    if b.kind == "flight":
        f = env.view.flight(b.item_id)
        return f"flight {f.origin}→{f.destination} {_when(f.depart)}" if f else f"flight {b.item_id}"
    h = env.view.hotel(b.item_id)
    name = h.name if h else b.item_id
    return f"{name}, {_day(b.check_in)}–{_day(b.check_out)}" if b.check_in and b.check_out else name


def _booking_card(env: TravelEnv, tool: str, booking_id: str) -> CardContent:
    b = env.state.bookings.get(booking_id)
    if b is None:
        verb = "Pay for" if tool == "confirm_booking" else "Cancel"
        return CardContent(headline=f"{verb} booking {booking_id}, which does not exist")
    name = _booking_name(env, b)
    if tool == "confirm_booking":
        terms = show.terms_text(b.terms, b.check_in)
        return CardContent(
            headline=f"Pay {_money(b.price_cents)} for the held {name} (booking {b.id})",
            terms=[terms[:1].upper() + terms[1:]],
            irreversible=not b.terms.refundable,
        )
    refund, fee, note = cancel_outcome(env, b)
    paid = env.state.booking_net_cents(b.id)
    back = "no refund" if refund == 0 else f"{_money(refund)} back"
    fee_text = f", a {_money(fee)} fee" if fee else ""
    return CardContent(
        headline=f"Cancel the {name} (booking {b.id}): {back}{fee_text}",
        facts=[f"Paid {_money(paid)}; refund {_money(refund)}; fee {_money(fee)}"],
        terms=[note[:1].upper() + note[1:]],
        irreversible=refund - fee < paid,
    )


def _item_line(env: TravelEnv, item: dict[str, Any]) -> tuple[str, str, str | None, bool]:
    """One plan item: its part of the headline, its line of facts, its terms and whether its money
    could be lost."""
    kind, item_id, details = item.get("kind"), str(item.get("id")), item.get("details") or {}
    price = _dollars(item.get("price"))
    cost = "" if price is None else f", {_money(-price)} back" if price < 0 else f", {_money(price)}"
    if (b := env.state.bookings.get(item_id)) is not None and kind not in ("flight", "hotel"):
        refund, fee, note = cancel_outcome(env, b)
        line = f"Cancel the {_booking_name(env, b)} (booking {b.id}){cost}"
        lost = refund - fee < env.state.booking_net_cents(b.id)
        return f"cancel the {_booking_name(env, b)}", line, f"Booking {b.id}: {_lower(note)}", lost
    if kind == "flight" and (f := env.view.flight(item_id)) is not None:
        head = f"{f.origin}→{f.destination} {_when(f.depart)}"
        line = f"Flight {f.airline}{f.number} {_route(f)}{cost}"
        return head, line, f"{f.airline}{f.number}: {_lower(_flight_terms(f))}", not f.refundable
    if kind == "hotel" and (h := env.view.hotel(item_id)) is not None:
        try:
            check_in = dt.date.fromisoformat(str(details.get("check_in")))
            check_out = dt.date.fromisoformat(str(details.get("check_out")))
        except ValueError:
            terms = show.terms_text(show.hotel_terms(h))
            return (
                f"a stay at {h.name}",
                f"Stay at {h.name}{cost}",
                f"{h.name}: {terms}",
                h.free_cancel_days < 0,
            )
        nights = _party((check_out - check_in).days, "night", "nights")
        terms, lost = _hotel_terms(env, h, check_in)
        line = f"Stay at {h.name} ({h.stars}★, {h.neighbourhood}), {_day(check_in)}–{_day(check_out)}{cost}"
        return f"{nights} at {h.name}", line, f"{h.name}: {_lower(terms)}", lost
    name = f"{str(kind).capitalize()} {item_id}"
    return name, f"{name}{cost}", None, False


def _proposal_card(env: TravelEnv, args: dict[str, Any]) -> CardContent:
    items = [i for i in args.get("items") or [] if isinstance(i, dict)]
    parts = [_item_line(env, i) for i in items]
    flights = [head for (head, *_), i in zip(parts, items, strict=True) if i.get("kind") == "flight"]
    others = [head for (head, *_), i in zip(parts, items, strict=True) if i.get("kind") != "flight"]
    trip = ([f"Fly {', then '.join(flights)}"] if flights else []) + others
    return CardContent(
        headline=f"{'; '.join(trip) or 'An empty plan'}: {_money(_dollars(args.get('total')))} in all",
        facts=[line for _, line, _, _ in parts],
        terms=[t for _, _, t, _ in parts if t],
        irreversible=any(lost for *_, lost in parts),
    )


_LOOKUPS = {
    "get_calendar": "Look at the traveller's calendar",
    "get_budget": "Look at the budget",
    "get_traveler_profile": "Look at the traveller's profile",
    "list_bookings": "Look at the bookings made so far",
}


def _lookup_card(env: TravelEnv, tool: str, args: Any) -> CardContent | None:
    if tool in _LOOKUPS:
        return CardContent(headline=_LOOKUPS[tool])
    if tool == "search_flights":
        return CardContent(headline=f"Look up flights {args.origin}→{args.destination} on {_day(args.date)}")
    if tool == "search_hotels":
        city = env.view.city(args.city.strip().upper())
        where = city.name if city else args.city
        return CardContent(
            headline=f"Look up hotels in {where}, {_day(args.check_in)}–{_day(args.check_out)}"
        )
    if tool == "get_flight":
        f = env.view.flight(args.flight_id)
        return CardContent(
            headline=f"Look at flight {_route(f)}" if f else f"Look at flight {args.flight_id}"
        )
    if tool == "get_hotel":
        h = env.view.hotel(args.hotel_id)
        return CardContent(
            headline=f"Look at {h.name}: reviews and terms" if h else f"Look at hotel {args.hotel_id}"
        )
    return None


def card_for(env: TravelEnv, tool: str, args: dict[str, Any]) -> CardContent | None:
    """The checkpoint card of a call (None: the sandbox's default, the call's one-line description)."""
    if tool == "propose_itinerary":
        return _proposal_card(env, args)
    spec = env.tools.get(tool)
    if spec is None:
        return None
    try:
        parsed: Any = spec.args_model.model_validate(args)
    except ValidationError:
        return None  # the call will fail: its one-line description says what it asked for
    if spec.kind != "WRITE":
        return _lookup_card(env, tool, parsed)
    if tool == "book_flight":
        return _flight_card(env, parsed, quote_cents(env, tool, args))
    if tool == "book_hotel":
        return _hotel_card(env, parsed, quote_cents(env, tool, args))
    if tool in ("confirm_booking", "cancel_booking"):
        return _booking_card(env, tool, parsed.booking_id)
    if tool == "add_calendar_event":
        return CardContent(
            headline=f"Add “{parsed.title}” to the calendar, {_when(parsed.start)} to {_when(parsed.end)}"
        )
    return None
