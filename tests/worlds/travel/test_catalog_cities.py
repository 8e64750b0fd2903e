"""The catalog's cities and sizes: `small` pinned byte for byte, the 48-city world, new amenities and topic
reviews only beyond `small`, valid time zones, and the version each size reports.

No test builds `medium` or `large` (seconds to a minute): their definitions are checked from ``SIZES``
and their content through custom sizes over all 48 cities and a couple of days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import pydantic
import pytest

from worlds.travel.catalog import Catalog, CatalogView, get_catalog
from worlds.travel.catalog._places import AMENITIES, NEW_AMENITIES, REVIEW_OPENERS, REVIEW_TOPICS
from worlds.travel.catalog.generator import (
    CATALOG_START,
    CITY_SPECS,
    GENERATOR_VERSION,
    SIZES,
    SMALL_CITIES,
    catalog_version,
    cities_for,
)
from worlds.travel.catalog.store import build_catalog, cache_file
from worlds.travel.records import Hotel
from worlds.travel.scenario import CatalogSize, Overrides

SEED = 7
# sha256 of `small` at seed 7, the catalog every shipped scenario runs on. It must never change: the
# scenarios pin its flight and hotel ids and prices. A new generator version keeps it (see generator.py).
SMALL_HASH_SEED_7 = "e50718ccb20343cd30b7a5d7b5954a8cf200665bfd6c61f8d6234d9eeaaf3255"
SMALL_CODES = ("SFO", "JFK", "LAX", "ORD", "YYZ", "LHR", "CDG", "FRA", "AMS", "NRT", "SIN", "SYD")
NEW_CODES = (
    "ATL", "DFW", "PHX", "AUS", "PDX", "IAD", "LAS", "MCO", "PHL", "SAN", "MSP", "HNL", "YUL", "LIS", "MUC",
    "BER", "EDI", "MEL",
)  # fmt: skip
WORLD = CatalogSize(cities=48, days=2, flights_per_route_day=1.0, hotels_per_city=8)


@pytest.fixture(scope="module")
def world() -> Catalog:
    """All 48 cities over two days, with `small`'s hotels per city (so small's cities can be compared)."""
    return get_catalog(SEED, WORLD)


def _extended_hotels(catalog: Catalog) -> list[Hotel]:
    return [h for c in catalog.cities()[SMALL_CITIES:] for h in catalog.hotels_in(c.code)]


def _topics(text: str) -> dict[str, bool]:
    """The topics a review text speaks of: True when it praises the topic, False when it complains."""
    low = text.lower()
    out: dict[str, bool] = {}
    for name, topic in REVIEW_TOPICS.items():
        praised, complained = any(k in low for k in topic.praise), any(k in low for k in topic.complaint)
        assert not (praised and complained), (name, text)
        if praised or complained:
            out[name] = praised
    return out


def test_small_is_pinned_byte_for_byte() -> None:
    small = build_catalog(SEED, "small")
    assert small.info.catalog_hash == SMALL_HASH_SEED_7
    assert small.info.generator_version == 1 and [c.code for c in small.cities()] == list(SMALL_CODES)


def test_sizes_cover_the_asked_cities_and_a_year() -> None:
    medium, large = SIZES["medium"], SIZES["large"]
    medium_codes = {c.code for c in cities_for(medium)}
    assert medium_codes >= {"ATL", "DFW", "PHX", "AUS", "PDX", "BOS", "SEA", *SMALL_CODES}
    assert medium.days == large.days == 365
    assert CATALOG_START + timedelta(days=medium.days - 1) == date(2027, 12, 31)
    large_codes = [c.code for c in cities_for(large)]
    assert len(large_codes) == len(set(large_codes)) == len(CITY_SPECS) >= 45
    assert set(NEW_CODES) <= set(large_codes) and large_codes[:SMALL_CITIES] == list(SMALL_CODES)
    assert next(c for c in cities_for(large) if c.code == "IAD").name == "Washington"


def test_versions_per_size(tmp_path: Path) -> None:
    assert catalog_version(SIZES["small"]) == 1
    assert catalog_version(SIZES["medium"]) == catalog_version(SIZES["large"]) == GENERATOR_VERSION == 2
    assert "-v1-" in cache_file(SEED, SIZES["small"], tmp_path).name
    assert "-v2-" in cache_file(SEED, SIZES["medium"], tmp_path).name
    within = CatalogSize(cities=12, days=1, flights_per_route_day=1.0, hotels_per_city=1)
    beyond = within.model_copy(update={"cities": 13})
    assert build_catalog(SEED, within).info.generator_version == 1
    stored = build_catalog(SEED, beyond, path=tmp_path / "c13.sqlite")
    assert stored.info.generator_version == 2


def test_custom_sizes_take_the_first_n_cities() -> None:
    dims = CatalogSize(cities=48, days=1, flights_per_route_day=1.0, hotels_per_city=1)
    assert [c.code for c in build_catalog(SEED, dims).cities()] == [s.city.code for s in CITY_SPECS]
    with pytest.raises(pydantic.ValidationError):
        CatalogSize(cities=49, days=1, flights_per_route_day=1.0, hotels_per_city=1)


def test_new_cities_are_deterministic(world: Catalog) -> None:
    assert build_catalog(SEED, WORLD).info.catalog_hash == world.info.catalog_hash
    assert build_catalog(SEED + 1, WORLD).info.catalog_hash != world.info.catalog_hash
    assert world.flights_on("ATL", "DFW", CATALOG_START), "a new route flies"
    assert world.flights_on("MEL", "EDI", CATALOG_START + timedelta(days=1))


def test_small_cities_are_the_same_in_every_size(world: Catalog) -> None:
    small = get_catalog(SEED, "small")
    for code in SMALL_CODES:
        assert world.hotels_in(code) == small.hotels_in(code), code


def test_new_amenities_only_outside_small(world: Catalog) -> None:
    inside = [h for code in SMALL_CODES for h in world.hotels_in(code)]
    assert not any(set(NEW_AMENITIES) & set(h.amenities) for h in inside)
    outside = _extended_hotels(world)
    assert len(outside) == 36 * 8
    for amenity in NEW_AMENITIES:
        share = sum(amenity in h.amenities for h in outside) / len(outside)
        assert 0.15 < share < 0.7, (amenity, share)
    assert all(set(h.amenities) <= set(AMENITIES) for h in outside)
    assert [a for a in AMENITIES if a in outside[0].amenities] == list(outside[0].amenities), (
        "vocabulary order"
    )


def test_overrides_can_give_a_small_hotel_the_new_amenities() -> None:
    small = get_catalog(SEED, "small")
    patch = Overrides.model_validate(
        {"hotels": [{"id": "H-LHR-01", "amenities": ["accessible", "wifi", "crib"]}]}
    )
    hotel = CatalogView(small, patch).hotel("H-LHR-01")
    assert hotel is not None and hotel.amenities == ("wifi", "crib", "accessible")


def test_time_zones_and_places_are_valid() -> None:
    zones = available_timezones()
    for spec in CITY_SPECS:
        city = spec.city
        assert city.tz in zones and len(city.code) == 3 and city.code.isupper(), city.code
        assert 4 <= len(city.neighbourhoods) == len(set(city.neighbourhoods)) <= 5, city.code
        assert -90 < city.lat < 90 and -180 < city.lon < 180 and 0.5 <= spec.cost <= 1.6, city.code
        assert 0.8 <= spec.weekend <= 1.3, city.code
        for month in (1, 7):  # the zone's offset is within 2.5 hours of the longitude's solar time
            offset = datetime(2027, month, 15, 12, tzinfo=ZoneInfo(city.tz)).utcoffset()
            assert offset is not None
            assert abs(offset.total_seconds() / 3600 - city.lon / 15) < 2.5, (city.code, month)
    names = [s.city.name for s in CITY_SPECS]
    assert len(names) == len(set(names))


def test_review_vocabulary_is_unambiguous() -> None:
    """Each topic sentence speaks of its own topic only, with the polarity it is filed under."""
    for name, topic in REVIEW_TOPICS.items():
        for polarity, sentences in ((True, topic.good), (False, topic.bad)):
            for sentence in sentences:
                for spec in CITY_SPECS:
                    for hood in spec.city.neighbourhoods:
                        text = sentence.format(hood=hood, city=spec.city.name)
                        assert _topics(text) == {name: polarity}, text
    for opener in (o for band in REVIEW_OPENERS.values() for o in band):
        assert _topics(opener) == {}, opener


def test_reviews_beyond_small_speak_of_every_topic(world: Catalog) -> None:
    quiet_shares = []
    for hotel in _extended_hotels(world):
        expected = set(REVIEW_TOPICS)
        if not {"breakfast", "restaurant"} & set(hotel.amenities):
            expected.discard("breakfast")
        mentioned: dict[str, list[bool]] = {}
        for review in hotel.reviews:
            topics = _topics(review.text)
            assert len(topics) == 3, review.text
            for name, good in topics.items():
                mentioned.setdefault(name, []).append(good)
        assert set(mentioned) == expected, hotel.id
        quiet_shares.append(sum(mentioned["quiet"]) / len(hotel.reviews))
    assert min(quiet_shares) == 0 and max(quiet_shares) >= 0.75, "the quietest hotel stands out"
