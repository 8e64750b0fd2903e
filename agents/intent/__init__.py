"""A traveller's request, read into a typed ``TripIntent`` (see ``_model``)."""

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
]
