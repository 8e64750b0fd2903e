"""A traveller's request, read into a typed ``TripIntent`` (see ``_model``) by ``read_request``
(see ``_read``)."""

from agents.intent._model import (
    CalendarEntry,
    HeldBooking,
    LegIntent,
    ReadContext,
    Shape,
    Source,
    StayIntent,
    TripIntent,
    Unknown,
    Wish,
    WishKind,
)
from agents.intent._read import read_request

__all__ = [
    "CalendarEntry",
    "HeldBooking",
    "LegIntent",
    "ReadContext",
    "Shape",
    "Source",
    "StayIntent",
    "TripIntent",
    "Unknown",
    "Wish",
    "WishKind",
    "read_request",
]
