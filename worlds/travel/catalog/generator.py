"""Deterministic generation of the travel catalog from ``(seed, dims)`` by generator ``GENERATOR_VERSION``.

Rows come out as plain tuples (no ORM objects) in a fixed order so that ``catalog`` can bulk-insert
and hash them fast. Every route-day and every city's hotels draw from their own ``random.Random``
seeded from the seed and the route/day/city, so a route's flights do not depend on the other routes.
Fixed reference data (cities, airlines, word lists) lives in ``_places``.

Versions: ``GENERATOR_VERSION`` is the generator's version; ``catalog_version(dims)`` is the version in
which the content of a catalog of those dims last changed, and is what a catalog reports, names its
cache file by and checks a cached file against. Version 2 added cities, the ``crib`` and ``accessible``
amenities and topic reviews, all only in cities beyond the first ``SMALL_CITIES``, so catalogs within
them (``small``) are still version 1, byte for byte. The random seeds carry a fixed salt (``_SEED_SALT``,
the old version number) rather than the version, so a new version re-draws only what it changes.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from worlds.travel.catalog._places import (
    AIRLINES,
    AMENITIES,
    BASE_AMENITIES,
    CITY_SPECS,
    FIRST_NAMES,
    HOTEL_KINDS,
    HOTEL_WORDS,
    NEW_AMENITIES,
    REVIEW_OPENERS,
    REVIEW_TEMPLATES,
    REVIEW_TOPICS,
    CitySpec,
)
from worlds.travel.records import City
from worlds.travel.scenario import CatalogSize

GENERATOR_VERSION = 2
CATALOG_START = date(2027, 1, 1)
SMALL_CITIES = 12  # the first 12 cities: `small`'s, frozen (shipped scenarios pin their ids and prices)
_SEED_SALT = 1  # enters every seed; was GENERATOR_VERSION 1. Changing it re-draws every catalog.
# (version, cities): that version changed the content of catalogs with more than that many cities.
_CHANGES: tuple[tuple[int, int], ...] = ((2, SMALL_CITIES),)

__all__ = [
    "AIRLINES",
    "AMENITIES",
    "CATALOG_START",
    "FLIGHT_COLUMNS",
    "GENERATOR_VERSION",
    "HOTEL_COLUMNS",
    "SIZES",
    "SMALL_CITIES",
    "Dims",
    "catalog_version",
    "cities_for",
    "city_spec",
    "flight_batches",
    "hotel_rows",
    "resolve_size",
]


@dataclass(frozen=True, slots=True)
class Dims:
    """How big a catalog is: the first ``cities`` of the fixed list, ``days`` from ``CATALOG_START``."""

    cities: int
    days: int
    flights_per_route_day: float
    hotels_per_city: int

    @property
    def key(self) -> str:
        """A short stable name for file names, e.g. ``c12-d45-f2-h8``."""
        return f"c{self.cities}-d{self.days}-f{self.flights_per_route_day:g}-h{self.hotels_per_city}"

    @property
    def expected_flights(self) -> int:
        return round(self.cities * (self.cities - 1) * self.days * self.flights_per_route_day)


SIZES: dict[str, Dims] = {
    "small": Dims(cities=SMALL_CITIES, days=45, flights_per_route_day=2.0, hotels_per_city=8),
    "medium": Dims(cities=24, days=365, flights_per_route_day=2.0, hotels_per_city=12),
    "large": Dims(cities=48, days=365, flights_per_route_day=3.5, hotels_per_city=15),
}


def catalog_version(dims: Dims) -> int:
    """The generator version in which the content of catalogs of ``dims`` last changed (see module doc)."""
    return max((version for version, above in _CHANGES if dims.cities > above), default=1)


def resolve_size(size: str | CatalogSize | Dims) -> tuple[str, Dims]:
    """Turn a preset name, a scenario's ``CatalogSize`` or ``Dims`` into ``(name, dims)``.

    Presets keep their name; explicit sizes are named by ``Dims.key``.
    """
    if isinstance(size, str):
        if size not in SIZES:
            raise ValueError(f"unknown catalog size {size!r}; expected one of {', '.join(SIZES)}")
        return size, SIZES[size]
    if isinstance(size, CatalogSize):
        size = Dims(size.cities, size.days, size.flights_per_route_day, size.hotels_per_city)
    if not 2 <= size.cities <= len(CITY_SPECS):
        raise ValueError(f"cities must be 2..{len(CITY_SPECS)}, got {size.cities}")
    for name, dims in SIZES.items():
        if dims == size:
            return name, dims
    return size.key, size


def city_spec(code: str) -> CitySpec | None:
    """The fixed reference data of a city (cost index, weekend factor), or None."""
    return _SPEC_BY_CODE.get(code)


def cities_for(dims: Dims) -> list[City]:
    """The catalog's cities: the first ``dims.cities`` of the fixed list."""
    return [s.city for s in CITY_SPECS[: dims.cities]]


_SPEC_BY_CODE = {s.city.code: s for s in CITY_SPECS}


def _seed(*parts: int) -> int:
    """An int seed for ``random.Random`` that is injective over small non-negative parts."""
    value = _SEED_SALT
    for part in parts:
        value = value * 1_000_003 + part
    return value


def _distance_km(a: City, b: City) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# ---------------------------------------------------------------------------------------------- flights

FLIGHT_COLUMNS = (
    "id", "airline", "number", "origin", "destination", "depart_date", "depart_ts", "arrive_ts", "stops",
    "duration_min", "fare_economy", "fare_premium", "fare_business", "seats_economy", "seats_premium",
    "seats_business", "refundable", "baggage",
)  # fmt: skip

# Departure hour -> fare factor: morning and evening peaks dearer, early and late cheaper.
_HOUR_FACTOR = [1.0] * 24
for _h, _f in {6: 0.9, 7: 1.15, 8: 1.15, 9: 1.1, 16: 1.05, 17: 1.15, 18: 1.15, 19: 1.1}.items():
    _HOUR_FACTOR[_h] = _f
for _h in (21, 22, 23):
    _HOUR_FACTOR[_h] = 0.85
_JITTER = (-10, -5, 0, 0, 0, 5, 10)


@dataclass(frozen=True, slots=True)
class _Service:
    """A scheduled service on a route; it operates on some days (one flight per operating day)."""

    airline: str
    number: str
    minute: int  # local departure minute of day, before daily jitter
    stops: int
    duration_min: int
    fare: float  # economy base fare in dollars, before daily noise and the hour factor
    probability: float
    baggage: int
    budget: bool


def _services(seed: int, dims: Dims, oi: int, di: int, numbers: dict[str, int]) -> list[_Service]:
    a, b = CITY_SPECS[oi].city, CITY_SPECS[di].city
    dist = _distance_km(a, b)
    rng = random.Random(_seed(seed, 0, oi, di))
    fprd = dims.flights_per_route_day
    p0 = min(0.95, fprd)  # the flagship non-stop flies on most days
    rest = fprd - p0
    count = 1 + max(1, math.ceil(rest / 0.6))
    p_rest = rest / (count - 1)
    stop_p = 0.05 if dist < 1500 else 0.2 if dist < 6000 else 0.45 if dist < 10000 else 0.7
    slots = list(range(count))
    rng.shuffle(slots)
    out = []
    for k in range(count):
        airline = rng.choices(AIRLINES, weights=[al.quality + 0.3 for al in AIRLINES])[0]
        budget = airline.quality < 0.5
        stops = 0 if k == 0 or rng.random() >= stop_p else (2 if dist > 12000 and rng.random() < 0.3 else 1)
        minute = 370 + int(1000 * (slots[k] + rng.random()) / count) // 5 * 5  # 06:10..22:50 + jitter
        flying = dist / 820 * 60 * (1.12 if stops else 1.0) + 35
        layovers = sum(rng.randrange(60, 185, 5) for _ in range(stops))
        fare = (45 + 0.085 * dist) * (0.8 + 0.4 * airline.quality) * (0.85 if stops else 1.0)
        numbers[airline.code] = numbers.get(airline.code, 99) + 1
        out.append(
            _Service(
                airline=airline.code,
                number=str(numbers[airline.code]),
                minute=min(minute, 1370),
                stops=stops,
                duration_min=int(flying + layovers + 2.5) // 5 * 5,
                fare=fare,
                probability=p0 if k == 0 else p_rest,
                baggage=0 if budget else rng.choice((1, 1, 2)) if dist > 3000 else rng.choice((0, 1, 1)),
                budget=budget,
            )
        )
    return out


def _seats(rng: random.Random, full: int) -> int:
    r = rng.random()
    return 0 if r < 0.03 else rng.randint(1, 4) if r < 0.08 else rng.randint(full // 6, full)


def _offsets(tz: str, days: int) -> list[int]:
    """Per catalog day: the UTC epoch of local midnight (naive) minus the zone's offset at noon.

    DST changes happen at night, so the noon offset holds from 06:00 to midnight, the departure window.
    """
    zone = ZoneInfo(tz)
    out = []
    for t in range(days):
        d = CATALOG_START + timedelta(days=t)
        offset = datetime(d.year, d.month, d.day, 12, tzinfo=zone).utcoffset()
        assert offset is not None
        out.append((d.toordinal() - 719163) * 86400 - int(offset.total_seconds()))
    return out


def flight_batches(seed: int, dims: Dims) -> Iterator[list[tuple[object, ...]]]:
    """Flight rows (``FLIGHT_COLUMNS``), one batch per ordered city pair, each sorted by day and time."""
    n = dims.cities
    dates = [(CATALOG_START + timedelta(days=t)).isoformat() for t in range(dims.days)]
    bases = [_offsets(CITY_SPECS[i].city.tz, dims.days) for i in range(n)]
    numbers: dict[str, int] = {}
    for oi in range(n):
        origin = CITY_SPECS[oi].city.code
        base = bases[oi]
        for di in range(n):
            if di == oi:
                continue
            destination = CITY_SPECS[di].city.code
            services = _services(seed, dims, oi, di, numbers)
            batch: list[tuple[object, ...]] = []
            for t in range(dims.days):
                rng = random.Random(_seed(seed, 1, oi, di, t))
                rand, randint = rng.random, rng.randint
                day_rows = []
                for s in services:
                    if rand() >= s.probability:
                        continue
                    minute = s.minute + _JITTER[randint(0, 6)]
                    dep = base[t] + minute * 60
                    econ = round(s.fare * _HOUR_FACTOR[minute // 60] * (0.9 + 0.22 * rand())) * 100
                    day_rows.append(
                        (
                            f"{s.airline}{s.number}-{dates[t]}", s.airline, s.number, origin, destination,
                            dates[t], dep, dep + s.duration_min * 60, s.stops, s.duration_min,
                            econ, round(econ * (0.0155 + 0.001 * rand())) * 100, round(econ * (0.031 + 0.002 * rand())) * 100,
                            _seats(rng, 150), _seats(rng, 30), 0 if s.budget else _seats(rng, 16),
                            1 if rand() < 0.3 else 0, s.baggage,
                        )
                    )  # fmt: skip
                day_rows.sort(key=_by_depart)
                batch.extend(day_rows)
            yield batch


def _by_depart(row: tuple[object, ...]) -> tuple[object, object]:
    return row[6], row[0]


# ----------------------------------------------------------------------------------------------- hotels

HOTEL_COLUMNS = (
    "id", "city", "name", "neighbourhood", "stars", "base_rate", "amenities", "rating", "reviews", "rooms",
    "free_cancel_days", "cancel_fee_pct",
)  # fmt: skip


def hotel_rows(seed: int, dims: Dims) -> list[tuple[object, ...]]:
    """Hotel rows (``HOTEL_COLUMNS``) for every city, sorted by id; amenities and reviews as JSON.

    Hotels in cities beyond the first ``SMALL_CITIES`` may also have the ``NEW_AMENITIES`` and get topic
    reviews (``_topic_reviews``); the others are generated exactly as in version 1.
    """
    rows: list[tuple[object, ...]] = []
    for ci, spec in enumerate(CITY_SPECS[: dims.cities]):
        city = spec.city
        extended = ci >= SMALL_CITIES
        rng = random.Random(_seed(seed, 2, ci))
        names: set[str] = set()
        for k in range(1, dims.hotels_per_city + 1):
            stars = rng.choices((1, 2, 3, 4, 5), weights=(8, 18, 34, 28, 12))[0]
            name = ""
            while not name or name in names:
                name = f"{rng.choice(HOTEL_WORDS)} {rng.choice(HOTEL_KINDS[stars])}"
            names.add(name)
            hood = rng.choice(city.neighbourhoods)
            rate = round((40 + 55 * stars + 12 * stars * stars) * spec.cost * rng.uniform(0.85, 1.2)) * 100
            amenities = [a for a in BASE_AMENITIES if rng.random() < _amenity_p(a, stars)]
            if extended:
                amenities += [a for a in NEW_AMENITIES if rng.random() < _amenity_p(a, stars)]
            rating = round(min(9.8, max(2.0, 4.6 + 0.7 * stars + rng.gauss(0, 1.0))), 1)
            if extended:
                reviews = _topic_reviews(rng, rating, city, hood, amenities)
            else:
                reviews = _template_reviews(rng, rating, city, hood, amenities)
            rooms = rng.randint(1, 3) if rng.random() < 0.08 else rng.randint(5, 40)
            free_days = rng.choices((-1, 1, 2, 3, 7), weights=(15, 30, 25, 15, 15))[0]
            fee = 100 if free_days < 0 else rng.choice((25, 50, 100))
            rows.append(
                (
                    f"H-{city.code}-{k:02d}", city.code, name, hood, stars, rate,
                    json.dumps(amenities), rating, json.dumps(reviews, ensure_ascii=False), rooms, free_days, fee,
                )
            )  # fmt: skip
    return rows


def _review_rating(rng: random.Random, rating: float) -> float:
    return round(min(10.0, max(0.5, rating + rng.gauss(0, 1.2))), 1)


def _band(r: float) -> str:
    return "good" if r >= 8 else "mixed" if r >= 5.5 else "bad"


def _author(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {chr(65 + rng.randrange(26))}."


def _template_reviews(
    rng: random.Random, rating: float, city: City, hood: str, amenities: list[str]
) -> list[list[object]]:
    """3-5 reviews from ``REVIEW_TEMPLATES`` (version 1; the hotels of ``small``)."""
    reviews: list[list[object]] = []
    used: set[str] = set()
    for _ in range(rng.randint(3, 5)):
        r = _review_rating(rng, rating)
        band = REVIEW_TEMPLATES[_band(r)]
        template = rng.choice([t for t in band if t not in used] or list(band))
        used.add(template)
        text = template.format(hood=hood, city=city.name, amenity=rng.choice(amenities or ["location"]))
        reviews.append([_author(rng), r, text])
    return reviews


def _topic_reviews(
    rng: random.Random, rating: float, city: City, hood: str, amenities: list[str]
) -> list[list[object]]:
    """3-5 reviews, each an opener for its rating band and three sentences on the hotel's topics.

    Each topic has a hotel-level quality (the chance a mention is good: tracks the rating, with noise of
    its own, so a hotel can be quiet yet have a poor breakfast), nudged by the review's own rating. The
    topics rotate through the reviews, so every topic of the hotel is mentioned at least once.
    """
    topics = [t for t in REVIEW_TOPICS if t != "breakfast" or {"breakfast", "restaurant"} & set(amenities)]
    quality = {t: 0.5 + 0.1 * (rating - 6.5) + rng.gauss(0, 0.2) for t in topics}
    rng.shuffle(topics)
    reviews: list[list[object]] = []
    used: set[str] = set()
    for j in range(rng.randint(3, 5)):
        r = _review_rating(rng, rating)
        sentences = [rng.choice(REVIEW_OPENERS[_band(r)])]
        for i in range(3):
            topic = topics[(3 * j + i) % len(topics)]
            good = rng.random() < min(0.95, max(0.05, quality[topic] + 0.1 * (r - rating)))
            pool = REVIEW_TOPICS[topic].good if good else REVIEW_TOPICS[topic].bad
            sentence = rng.choice([t for t in pool if t not in used] or list(pool))
            used.add(sentence)
            sentences.append(sentence.format(hood=hood, city=city.name))
        reviews.append([_author(rng), r, " ".join(sentences)])
    return reviews


def _amenity_p(amenity: str, stars: int) -> float:
    if amenity == "wifi":
        return 0.97
    if amenity in NEW_AMENITIES:  # crib: 13 % of 1-star .. 45 % of 5-star; accessible: 20 % .. 60 %
        return 0.05 + 0.08 * stars if amenity == "crib" else 0.1 + 0.1 * stars
    base = {"gym": 0.18, "pool": 0.12, "spa": 0.07, "breakfast": 0.2, "restaurant": 0.15, "bar": 0.15}
    return min(0.95, base.get(amenity, 0.2) * stars * (0.9 if amenity in base else 0.6))
