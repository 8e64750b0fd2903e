"""The catalog: generated cities, airlines, flights and hotels, stored with SQLModel in SQLite.

Tables are SQLModel classes (``_tables``: DDL from the SQLModel metadata, bulk insert through the raw
``sqlite3`` connection); the hot queries use the raw connection too. Small catalogs live in memory;
bigger ones are built once into a file under the cache directory (atomically renamed into place) and
opened read-only after.
``get_catalog`` memoises per process, so every scenario and run of a process shares one ``Catalog``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from worlds.travel.catalog._tables import AirlineRow, CityRow, FlightRow, HotelRow, MetaRow, fill
from worlds.travel.catalog.generator import (
    AIRLINES,
    CATALOG_START,
    HOTEL_COLUMNS,
    Dims,
    catalog_version,
    resolve_size,
)
from worlds.travel.records import Airline, City, Flight, Hotel, Review
from worlds.travel.scenario import CatalogSize

__all__ = [
    "AirlineRow",
    "Catalog",
    "CatalogInfo",
    "CityRow",
    "FlightRow",
    "HotelRow",
    "MetaRow",
    "build_catalog",
    "cache_file",
    "cache_root",
    "clear_memo",
    "get_catalog",
]

PERSIST_ABOVE = 20_000  # expected flights above which a catalog is cached on disk by default


@dataclass(frozen=True)
class CatalogInfo:
    """What a catalog is: its provenance, counts, content hash and where it lives."""

    generator_version: int  # the version in which catalogs of these dims last changed (catalog_version)
    seed: int
    size: str
    dims: Dims
    cities: int
    airlines: int
    flights: int
    hotels: int
    catalog_hash: str  # sha256 hex of the canonical generated content
    build_seconds: float
    path: Path | None  # None: in memory
    start: date  # first departure date
    end: date  # last departure date


_FLIGHT_SELECT = (
    "SELECT id, airline, number, origin, destination, depart_ts, arrive_ts, stops, duration_min, fare_economy,"
    " fare_premium, fare_business, seats_economy, seats_premium, seats_business, refundable, baggage"
    " FROM catalog_flight"
)
_ON = _FLIGHT_SELECT + " WHERE origin = ? AND destination = ? AND depart_date = ? ORDER BY depart_ts, id"
_BETWEEN = (
    _FLIGHT_SELECT + " WHERE origin = ? AND destination = ? AND depart_date BETWEEN ? AND ?"
    " ORDER BY depart_date, depart_ts, id"
)


class Catalog:
    """An immutable catalog, safe to share between threads (one connection behind a lock)."""

    def __init__(self, conn: sqlite3.Connection, info: CatalogInfo):
        self.info = info
        self._conn = conn
        self._lock = threading.Lock()
        rows = self._query("SELECT code, name, country, tz, lat, lon, neighbourhoods FROM catalog_city")
        self._cities = {
            code: City(code, name, country, tz, lat, lon, tuple(json.loads(hoods)))
            for code, name, country, tz, lat, lon, hoods in rows
        }
        self._airlines = {
            r[0]: Airline(*r) for r in self._query("SELECT code, name, quality FROM catalog_airline")
        }
        self._zones = {code: ZoneInfo(c.tz) for code, c in self._cities.items()}
        self._hotels: dict[str, list[Hotel]] = {}

    def _query(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def cities(self) -> list[City]:
        """All cities, in the generator's fixed order."""
        return list(self._cities.values())

    def city(self, code: str) -> City | None:
        return self._cities.get(code)

    def airlines(self) -> list[Airline]:
        return list(self._airlines.values())

    def airline(self, code: str) -> Airline | None:
        return self._airlines.get(code)

    def flight(self, flight_id: str) -> Flight | None:
        rows = self._query(_FLIGHT_SELECT + " WHERE id = ?", (flight_id,))
        return self._flight(rows[0]) if rows else None

    def flights_on(self, origin: str, destination: str, day: date) -> list[Flight]:
        """Flights from ``origin`` to ``destination`` leaving on local date ``day``, by departure time."""
        return [self._flight(r) for r in self._query(_ON, (origin, destination, day.isoformat()))]

    def flights_between(self, origin: str, destination: str, first: date, last: date) -> list[Flight]:
        """Flights leaving on local dates ``first``..``last`` (inclusive), by departure time."""
        rows = self._query(_BETWEEN, (origin, destination, first.isoformat(), last.isoformat()))
        return [self._flight(r) for r in rows]

    def hotel(self, hotel_id: str) -> Hotel | None:
        rows = self._query("SELECT city FROM catalog_hotel WHERE id = ?", (hotel_id,))
        if not rows:
            return None
        return next(h for h in self._city_hotels(str(rows[0][0])) if h.id == hotel_id)

    def hotels_in(self, city: str) -> list[Hotel]:
        """The city's hotels, sorted by id."""
        return list(self._city_hotels(city))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _city_hotels(self, city: str) -> list[Hotel]:
        cached = self._hotels.get(city)
        if cached is None:
            sql = f"SELECT {', '.join(HOTEL_COLUMNS)} FROM catalog_hotel WHERE city = ? ORDER BY id"
            cached = [_hotel(r) for r in self._query(sql, (city,))]
            self._hotels[city] = cached
        return cached

    def _flight(self, r: tuple[Any, ...]) -> Flight:
        zones = self._zones
        return Flight(
            r[0], r[1], r[2], r[3], r[4],
            datetime.fromtimestamp(r[5], zones[r[3]]), datetime.fromtimestamp(r[6], zones[r[4]]),
            r[7], r[8], (r[9], r[10], r[11]), (r[12], r[13], r[14]), bool(r[15]), r[16],
        )  # fmt: skip


def _hotel(r: tuple[Any, ...]) -> Hotel:
    hid, city, name, hood, stars, rate, amenities, rating, reviews, rooms, free_days, fee = r
    return Hotel(
        hid, name, city, hood, stars, rate, tuple(json.loads(amenities)), rating,
        tuple(Review(a, float(x), t) for a, x, t in json.loads(reviews)), rooms, free_days, fee,
    )  # fmt: skip


# ------------------------------------------------------------------------------------------------ build


def _write_meta(conn: sqlite3.Connection, info: CatalogInfo) -> None:
    meta = {
        "generator_version": info.generator_version, "seed": info.seed, "size": info.size,
        "dims": info.dims.key, "flights": info.flights, "hotels": info.hotels,
        "catalog_hash": info.catalog_hash, "build_seconds": info.build_seconds,
    }  # fmt: skip
    conn.executemany("INSERT INTO catalog_meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])
    conn.commit()


def _info(seed: int, name: str, dims: Dims, flights: int, hotels: int, digest: str, seconds: float,
          path: Path | None) -> CatalogInfo:  # fmt: skip
    return CatalogInfo(
        catalog_version(dims), seed, name, dims, dims.cities, len(AIRLINES), flights, hotels, digest, seconds, path,
        CATALOG_START, CATALOG_START + timedelta(days=dims.days - 1),
    )  # fmt: skip


def build_catalog(seed: int, size: str | CatalogSize | Dims, *, path: Path | None = None) -> Catalog:
    """Generate a catalog: in memory, or (``path`` given) into a temp file renamed to ``path`` when done."""
    name, dims = resolve_size(size)
    started = time.perf_counter()
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        flights, hotels, digest = fill(conn, seed, dims)
        info = _info(seed, name, dims, flights, hotels, digest, time.perf_counter() - started, None)
        _write_meta(conn, info)
        return Catalog(conn, info)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            flights, hotels, digest = fill(conn, seed, dims)
            info = _info(seed, name, dims, flights, hotels, digest, time.perf_counter() - started, path)
            _write_meta(conn, info)
        finally:
            conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return Catalog(_open_read_only(path), info)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Read-only and immutable (no locking): cached files are only ever replaced whole, by rename."""
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _load(path: Path, seed: int, name: str, dims: Dims) -> Catalog | None:
    """Open a cached catalog file; None when it is missing, unreadable or not the one asked for."""
    if not path.exists():
        return None
    try:
        conn = _open_read_only(path)
        meta = {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM catalog_meta")}
    except (sqlite3.DatabaseError, ValueError):
        return None
    if (meta.get("generator_version"), meta.get("seed"), meta.get("dims")) != (
        catalog_version(dims),
        seed,
        dims.key,
    ):
        conn.close()
        return None
    info = _info(
        seed, name, dims, meta["flights"], meta["hotels"], meta["catalog_hash"], meta["build_seconds"], path
    )
    return Catalog(conn, info)


def cache_root(cache_dir: Path | None = None) -> Path:
    """Where cached catalogs live: ``cache_dir``, ``$TRAVEL_SANDBOX_CACHE`` or ``~/.cache/travel-sandbox``."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get("TRAVEL_SANDBOX_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "travel-sandbox"


def cache_file(seed: int, dims: Dims, cache_dir: Path | None = None) -> Path:
    return cache_root(cache_dir) / f"catalog-v{catalog_version(dims)}-s{seed}-{dims.key}.sqlite"


_MEMO: dict[tuple[int, Dims, str | None], Catalog] = {}
_MEMO_LOCK = threading.Lock()
_KEY_LOCKS: dict[tuple[int, Dims, str | None], threading.Lock] = {}


def get_catalog(
    seed: int, size: str | CatalogSize | Dims, *, cache_dir: Path | None = None, persist: bool | None = None
) -> Catalog:
    """The catalog for ``(seed, size)``, memoised per process.

    ``persist`` (default: more than ``PERSIST_ABOVE`` expected flights, i.e. medium and large) keeps it
    in a SQLite file under ``cache_root(cache_dir)``, reused across processes; otherwise it is built
    in memory.
    """
    name, dims = resolve_size(size)
    if persist is None:
        persist = dims.expected_flights > PERSIST_ABOVE
    path = cache_file(seed, dims, cache_dir) if persist else None
    key = (seed, dims, str(path) if path else None)
    with _MEMO_LOCK:
        if key in _MEMO:
            return _MEMO[key]
        key_lock = _KEY_LOCKS.setdefault(key, threading.Lock())
    with key_lock:
        with _MEMO_LOCK:
            if key in _MEMO:
                return _MEMO[key]
        catalog = None if path is None else _load(path, seed, name, dims)
        if catalog is None:
            catalog = build_catalog(seed, dims, path=path)
        with _MEMO_LOCK:
            _MEMO[key] = catalog
    return catalog


def clear_memo() -> None:
    """Forget memoised catalogs (benchmarks and tests); open catalogs stay usable by their holders."""
    with _MEMO_LOCK:
        _MEMO.clear()
