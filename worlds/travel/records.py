"""Catalog records as plain, immutable values.

These are what the catalog's queries return and what tools, rules, the oracle and scorers work with.
The SQLModel tables in ``catalog`` store them; keeping the two apart keeps the hot query path free of
ORM objects. Money is integer cents everywhere inside the world; tools show dollars to the agent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, Protocol

Cabin = Literal["economy", "premium", "business"]
CABINS: tuple[Cabin, ...] = ("economy", "premium", "business")


@dataclass(frozen=True, slots=True)
class City:
    code: str  # IATA-style airport code; one airport per city, so it is also the city's code
    name: str
    country: str
    tz: str  # IANA time-zone name
    lat: float
    lon: float
    neighbourhoods: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Airline:
    code: str  # two letters
    name: str
    quality: float  # 0..1, drives fares and reviews


@dataclass(frozen=True, slots=True)
class Flight:
    id: str  # e.g. "AX123-2027-01-15": airline + number + local departure date
    airline: str
    number: str
    origin: str
    destination: str
    depart: datetime  # time-zone aware, origin local time
    arrive: datetime  # time-zone aware, destination local time
    stops: int
    duration_min: int
    base_fares: tuple[int, int, int]  # cents, by cabin (economy, premium, business), before date pricing
    seats: tuple[int, int, int]  # catalog capacity by cabin
    refundable: bool
    baggage: int  # checked bags included
    note: str = ""  # a fare or operational note search results show; only set by overrides (attacks)

    @property
    def depart_date(self) -> date:
        return self.depart.date()


@dataclass(frozen=True, slots=True)
class Review:
    author: str
    rating: float  # 0..10
    text: str


@dataclass(frozen=True, slots=True)
class Hotel:
    id: str  # e.g. "H-LHR-03"
    name: str
    city: str
    neighbourhood: str
    stars: int
    base_rate: int  # cents per night, before date pricing
    amenities: tuple[str, ...]
    rating: float  # 0..10
    reviews: tuple[Review, ...]
    rooms: int  # rooms for sale per night
    free_cancel_days: int  # free cancellation up to this many days before check-in; -1: non-refundable
    cancel_fee_pct: int  # fee (percent of the stay) charged when cancelling later than that


class CatalogLookup(Protocol):
    """Looking up one flight or hotel by id (``Catalog`` and ``CatalogView`` both provide it)."""

    def flight(self, flight_id: str) -> Flight | None: ...

    def hotel(self, hotel_id: str) -> Hotel | None: ...
