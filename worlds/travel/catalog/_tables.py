"""The catalog's SQLModel tables and the bulk fill from the generator.

DDL comes from the SQLModel metadata; rows go in through the raw ``sqlite3`` connection (``executemany``
over the generator's tuples). Indexes are created after the insert, which is faster than maintaining them.
The content hash is computed over the same tuples as they are inserted.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

from sqlalchemy import Index
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import Field, SQLModel

from worlds.travel.catalog.generator import (
    AIRLINES,
    FLIGHT_COLUMNS,
    HOTEL_COLUMNS,
    Dims,
    cities_for,
    flight_batches,
    hotel_rows,
)

__all__ = ["TABLES", "AirlineRow", "CityRow", "FlightRow", "HotelRow", "MetaRow", "fill"]


class CityRow(SQLModel, table=True):
    __tablename__ = "catalog_city"
    code: str = Field(primary_key=True)
    name: str
    country: str
    tz: str
    lat: float
    lon: float
    neighbourhoods: str  # JSON list


class AirlineRow(SQLModel, table=True):
    __tablename__ = "catalog_airline"
    code: str = Field(primary_key=True)
    name: str
    quality: float


class FlightRow(SQLModel, table=True):
    """One flight; times are UTC epoch seconds, ``depart_date`` the local departure date (ISO)."""

    __tablename__ = "catalog_flight"
    __table_args__ = (
        Index("ix_catalog_flight_route_day", "origin", "destination", "depart_date", "depart_ts"),
        Index("ix_catalog_flight_id", "id", unique=True),
    )
    row: int | None = Field(default=None, primary_key=True)
    id: str
    airline: str
    number: str
    origin: str
    destination: str
    depart_date: str
    depart_ts: int
    arrive_ts: int
    stops: int
    duration_min: int
    fare_economy: int
    fare_premium: int
    fare_business: int
    seats_economy: int
    seats_premium: int
    seats_business: int
    refundable: bool
    baggage: int


class HotelRow(SQLModel, table=True):
    __tablename__ = "catalog_hotel"
    __table_args__ = (Index("ix_catalog_hotel_city", "city"),)
    id: str = Field(primary_key=True)
    city: str
    name: str
    neighbourhood: str
    stars: int
    base_rate: int
    amenities: str  # JSON list
    rating: float
    reviews: str  # JSON list of [author, rating, text]
    rooms: int
    free_cancel_days: int
    cancel_fee_pct: int


class MetaRow(SQLModel, table=True):
    __tablename__ = "catalog_meta"
    key: str = Field(primary_key=True)
    value: str


TABLES = [
    SQLModel.metadata.tables[t.__tablename__] for t in (CityRow, AirlineRow, FlightRow, HotelRow, MetaRow)
]


def fill(conn: sqlite3.Connection, seed: int, dims: Dims) -> tuple[int, int, str]:
    """Create the tables and insert the generated rows; returns (flights, hotels, content hash)."""
    ddl = sqlite_dialect.dialect()
    conn.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;"
    )
    for table in TABLES:
        conn.execute(str(CreateTable(table).compile(dialect=ddl)))
    digest = hashlib.sha256()
    cities = [
        (c.code, c.name, c.country, c.tz, c.lat, c.lon, json.dumps(c.neighbourhoods))
        for c in cities_for(dims)
    ]
    airlines = [(a.code, a.name, a.quality) for a in AIRLINES]
    conn.executemany("INSERT INTO catalog_city VALUES (?, ?, ?, ?, ?, ?, ?)", cities)
    conn.executemany("INSERT INTO catalog_airline VALUES (?, ?, ?)", airlines)
    digest.update(repr((cities, airlines)).encode())
    insert = f"INSERT INTO catalog_flight ({', '.join(FLIGHT_COLUMNS)}) VALUES ({', '.join('?' * len(FLIGHT_COLUMNS))})"
    flights = 0
    for batch in flight_batches(seed, dims):
        conn.executemany(insert, batch)
        digest.update(repr(batch).encode())
        flights += len(batch)
    hotels = hotel_rows(seed, dims)
    conn.executemany(f"INSERT INTO catalog_hotel VALUES ({', '.join('?' * len(HOTEL_COLUMNS))})", hotels)
    digest.update(repr(hotels).encode())
    for table in TABLES:
        for index in table.indexes:
            conn.execute(str(CreateIndex(index).compile(dialect=ddl)))
    return flights, len(hotels), digest.hexdigest()
