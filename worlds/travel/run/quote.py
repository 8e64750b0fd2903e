"""What a WRITE call would cost if it ran now: the amount guardrails, policies and checkpoints see."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from sandbox.spi import WRITE, ToolError
from worlds.travel.run._booking import (
    cancel_outcome,
    check_stay,
    find_booking,
    find_flight,
    find_hotel,
    flight_total_cents,
    stay_total_cents,
)
from worlds.travel.run.env import TravelEnv


def quote_cents(env: TravelEnv, tool: str, args: dict[str, Any] | None) -> int | None:
    """How much ``spent`` would change if this WRITE call ran now, in cents.

    Bookings: their total (0 for a hold); confirm: the held price; cancel: fee minus refund (usually
    negative); calendar events: 0. None for READ tools, unknown tools and calls that would fail.
    """
    spec = env.tools.get(tool)
    if spec is None or spec.kind != WRITE:
        return None
    try:
        a: Any = spec.args_model.model_validate(args or {})
    except ValidationError:
        return None
    try:
        if tool == "book_flight":
            return (
                0 if a.hold else flight_total_cents(env, find_flight(env, a.flight_id), a.cabin, a.passengers)
            )
        if tool == "book_hotel":
            h = find_hotel(env, a.hotel_id)
            check_stay(env, h, a.check_in, a.check_out)
            return 0 if a.hold else stay_total_cents(env, h, a.check_in, a.check_out, a.rooms)
        if tool in ("confirm_booking", "cancel_booking"):
            b = find_booking(env, a.booking_id)
            if tool == "confirm_booking":
                return b.price_cents if b.status == "held" else None
            if b.status == "cancelled":
                return None
            refund, fee, _ = cancel_outcome(env, b)
            return fee - refund
    except ToolError:
        return None
    return 0
