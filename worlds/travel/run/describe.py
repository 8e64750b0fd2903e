"""Tool calls in plain words, for checkpoint cards and traces: "Book flight AX123 ... for $412.00"."""

from __future__ import annotations

from typing import Any

from worlds.travel.run.env import TravelEnv
from worlds.travel.run.quote import quote_cents


def _flight(env: TravelEnv, flight_id: Any) -> str:
    f = env.view.flight(str(flight_id))
    if f is None:
        return f"flight {flight_id} (unknown)"
    stops = "non-stop" if f.stops == 0 else f"{f.stops} stop(s)"
    return f"flight {f.airline}{f.number} {f.origin}->{f.destination}, departs {f.depart:%a %d %b %Y %H:%M} ({stops})"


def _hotel(env: TravelEnv, hotel_id: Any) -> str:
    h = env.view.hotel(str(hotel_id))
    if h is None:
        return f"hotel {hotel_id} (unknown)"
    return f"{h.name} ({h.stars}*, {h.neighbourhood}, {h.city})"


def describe_call(env: TravelEnv, tool: str, args: dict[str, Any]) -> str:
    """What the call would do, in words a traveller understands."""
    cents = quote_cents(env, tool, args)
    cost = f" for ${cents / 100:,.2f}" if cents else ""
    if tool == "book_flight":
        verb = "Hold" if args.get("hold") else "Book"
        who = f"{args.get('passengers', '?')} passenger(s) in {args.get('cabin', 'economy')}"
        return f"{verb} {_flight(env, args.get('flight_id'))} for {who}{cost}"
    if tool == "book_hotel":
        verb = "Hold" if args.get("hold") else "Book"
        return (
            f"{verb} {_hotel(env, args.get('hotel_id'))}, {args.get('rooms', 1)} room(s), "
            f"{args.get('check_in')} to {args.get('check_out')}{cost}"
        )
    if tool == "confirm_booking":
        return f"Pay for held booking {args.get('booking_id')}{cost}"
    if tool == "cancel_booking":
        delta = f" (refund/fee effect ${-cents / 100:,.2f})" if cents else ""
        return f"Cancel booking {args.get('booking_id')}{delta}"
    if tool == "add_calendar_event":
        return f"Add '{args.get('title')}' to the calendar, {args.get('start')} to {args.get('end')}"
    if tool == "propose_itinerary":
        items = ", ".join(str(i.get("id")) for i in args.get("items") or [] if isinstance(i, dict))
        return f"Approve this plan: {items or 'no items'}, total ${float(args.get('total') or 0):,.2f}"
    if tool == "ask_user":
        return f"Answer the agent's question: {args.get('question')}"
    shown = ", ".join(f"{k}={v}" for k, v in args.items())
    return f"{tool}({shown})"
