"""The catalog: deterministic generation, correct tz-aware queries, the disk cache and the overrides view."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from worlds.travel.catalog import Catalog, CatalogView, get_catalog
from worlds.travel.catalog.generator import (
    AMENITIES,
    CATALOG_START,
    CITY_SPECS,
    SIZES,
    _offsets,
    resolve_size,
)
from worlds.travel.catalog.store import build_catalog, clear_memo
from worlds.travel.scenario import CatalogSize, Overrides

SEED = 7
DAY = date(2027, 1, 10)
TINY = CatalogSize(cities=4, days=6, flights_per_route_day=2.0, hotels_per_city=3)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return get_catalog(SEED, "small")


def test_same_seed_same_hash_and_memoised(catalog: Catalog) -> None:
    assert build_catalog(SEED, "small").info.catalog_hash == catalog.info.catalog_hash
    assert build_catalog(SEED + 1, "small").info.catalog_hash != catalog.info.catalog_hash
    assert get_catalog(SEED, "small") is catalog
    assert len(catalog.info.catalog_hash) == 64


def test_counts_match_dims(catalog: Catalog) -> None:
    dims = SIZES["small"]
    info = catalog.info
    assert (info.size, info.dims, info.path) == ("small", dims, None)
    assert info.cities == len(catalog.cities()) == 12
    assert info.airlines == len(catalog.airlines()) == 6
    assert info.hotels == 12 * dims.hotels_per_city
    assert abs(info.flights - dims.expected_flights) < 0.05 * dims.expected_flights
    assert (info.start, info.end) == (CATALOG_START, CATALOG_START + timedelta(days=44))
    assert resolve_size(TINY) == ("c4-d6-f2-h3", resolve_size(TINY)[1])
    assert (
        resolve_size(CatalogSize(cities=12, days=45, flights_per_route_day=2, hotels_per_city=8))[0]
        == "small"
    )
    assert {c.tz for c in catalog.cities()} >= {"America/Los_Angeles", "Europe/London", "Asia/Tokyo"}


def test_flights_on_sorted_tz_aware_local_date(catalog: Catalog) -> None:
    flights = catalog.flights_on("SFO", "LHR", DAY)
    assert flights, "the route flies most days"
    assert [f.depart for f in flights] == sorted(f.depart for f in flights)
    for f in flights:
        assert (f.origin, f.destination) == ("SFO", "LHR")
        assert str(f.depart.tzinfo) == "America/Los_Angeles" and str(f.arrive.tzinfo) == "Europe/London"
        assert f.depart.date() == f.depart_date == DAY and f.id == f"{f.airline}{f.number}-{DAY}"
        assert 6 <= f.depart.hour <= 22 and f.arrive - f.depart == timedelta(minutes=f.duration_min)
        assert catalog.flight(f.id) == f
    assert catalog.flight("XX1-2027-01-10") is None


def test_flights_on_uses_local_departure_date(catalog: Catalog) -> None:
    evening = [
        f
        for d in range(5)
        for f in catalog.flights_on("SFO", "JFK", DAY + timedelta(d))
        if f.depart.hour >= 17
    ]
    assert evening, "some SFO departures leave after 17:00 local, i.e. the next day in UTC"
    f = evening[0]
    utc_day = f.depart.astimezone(UTC).date()
    assert utc_day == f.depart_date + timedelta(days=1)
    assert f in catalog.flights_on("SFO", "JFK", f.depart_date)
    assert f not in catalog.flights_on("SFO", "JFK", utc_day)


def test_flights_between_is_the_union_of_days(catalog: Catalog) -> None:
    days = [DAY + timedelta(d) for d in range(4)]
    union = [f for d in days for f in catalog.flights_on("NRT", "SYD", d)]
    assert catalog.flights_between("NRT", "SYD", days[0], days[-1]) == union


def test_generated_variety(catalog: Catalog) -> None:
    flights = catalog.flights_between("SFO", "SIN", CATALOG_START, catalog.info.end)
    flights += catalog.flights_between("LHR", "CDG", CATALOG_START, catalog.info.end)
    assert {f.stops for f in flights} >= {0, 1}
    assert {f.refundable for f in flights} == {True, False}
    assert any(0 in f.seats for f in flights) and any(min(f.seats[:2]) > 20 for f in flights)
    assert all(f.base_fares[0] < f.base_fares[1] < f.base_fares[2] for f in flights)
    hotels = [h for c in catalog.cities() for h in catalog.hotels_in(c.code)]
    assert {h.stars for h in hotels} == {1, 2, 3, 4, 5}
    assert {h.free_cancel_days for h in hotels} <= {-1, 1, 2, 3, 7} and any(h.rooms <= 3 for h in hotels)
    for h in hotels:
        assert set(h.amenities) <= set(AMENITIES) and 3 <= len(h.reviews) <= 5 and 0 <= h.rating <= 10
        assert h.neighbourhood in catalog.city(h.city).neighbourhoods  # type: ignore[union-attr]


def test_hotels_sorted_and_by_id(catalog: Catalog) -> None:
    hotels = catalog.hotels_in("LHR")
    assert [h.id for h in hotels] == [f"H-LHR-{n:02d}" for n in range(1, 9)]
    assert catalog.hotel("H-LHR-03") == hotels[2]
    assert catalog.hotel("H-LHR-99") is None and catalog.hotels_in("XXX") == []


def test_concurrent_reads_agree(catalog: Catalog) -> None:
    expected = catalog.flights_on("CDG", "NRT", DAY)
    results: list[bool] = []

    def read() -> None:
        results.extend(catalog.flights_on("CDG", "NRT", DAY) == expected for _ in range(50))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 200


def test_disk_cache_round_trip(tmp_path: Path) -> None:
    built = get_catalog(SEED, TINY, cache_dir=tmp_path, persist=True)
    assert built.info.path is not None and built.info.path.parent == tmp_path and built.info.path.exists()
    assert [p.name for p in tmp_path.iterdir()] == [built.info.path.name], "no temp files left behind"
    clear_memo()
    loaded = get_catalog(SEED, TINY, cache_dir=tmp_path, persist=True)
    assert loaded is not built
    assert loaded.info == built.info
    assert loaded.info.catalog_hash == build_catalog(SEED, TINY).info.catalog_hash
    assert loaded.flights_on("SFO", "JFK", CATALOG_START) == built.flights_on("SFO", "JFK", CATALOG_START)
    assert loaded.hotels_in("LAX") == built.hotels_in("LAX")


def test_corrupt_cache_file_is_rebuilt(tmp_path: Path) -> None:
    first = get_catalog(SEED + 5, TINY, cache_dir=tmp_path, persist=True)
    assert first.info.path is not None
    first.info.path.write_bytes(b"not a database")
    clear_memo()
    again = get_catalog(SEED + 5, TINY, cache_dir=tmp_path, persist=True)
    assert again.info.catalog_hash == first.info.catalog_hash


def _overrides(catalog: Catalog) -> tuple[Overrides, str]:
    moved = catalog.flights_on("SFO", "JFK", DAY)[0]
    data = {
        "flights": [
            {"id": moved.id, "fares": {"economy": 99.5}, "seats": {"business": 0}},
            {"id": moved.id, "depart": (moved.depart + timedelta(days=1)).isoformat()},
            {
                "id": "AX9-2027-01-10", "origin": "SFO", "destination": "JFK", "stops": 0,
                "depart": "2027-01-10T23:30:00-08:00", "arrive": "2027-01-11T08:00:00-05:00",
                "fares": {"economy": 120}, "seats": {"economy": 3},
            },
        ],
        "hotels": [
            {"id": "H-LHR-02", "rate": 80, "add_reviews": [{"author": "Zed", "rating": 1, "text": "Bad."}]},
            {"id": "H-LHR-00", "city": "LHR", "name": "Tiny Inn", "stars": 2, "rate": 60, "rooms": 1},
        ],
    }  # fmt: skip
    return Overrides.model_validate(data), moved.id


def test_view_patches_and_adds_without_touching_catalog(catalog: Catalog) -> None:
    overrides, moved_id = _overrides(catalog)
    original = catalog.flight(moved_id)
    assert original is not None
    view = CatalogView(catalog, overrides)
    patched = view.flight(moved_id)
    assert patched is not None and patched.base_fares[0] == 9950 and patched.seats[2] == 0
    assert (
        patched.depart == original.depart + timedelta(days=1)
        and patched.duration_min == original.duration_min
    )
    assert moved_id not in [f.id for f in view.flights_on("SFO", "JFK", DAY)]
    assert moved_id in [f.id for f in view.flights_on("SFO", "JFK", DAY + timedelta(1))]
    today = view.flights_on("SFO", "JFK", DAY)
    assert today[-1].id == "AX9-2027-01-10" and today[-1].base_fares == (12000, 19200, 38400)
    assert [f.depart for f in today] == sorted(f.depart for f in today)
    hotels = view.hotels_in("LHR")
    assert [h.id for h in hotels][:3] == ["H-LHR-00", "H-LHR-01", "H-LHR-02"]
    assert hotels[2].base_rate == 8000 and hotels[2].reviews[-1].author == "Zed"
    assert hotels[0].neighbourhood == "Covent Garden" and view.hotel("H-LHR-00") == hotels[0]
    # the catalog itself is unchanged
    assert catalog.flight(moved_id) == original and catalog.flight("AX9-2027-01-10") is None
    assert catalog.hotel("H-LHR-00") is None and catalog.hotel("H-LHR-02") != hotels[2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"flights": [{"id": "AX9-2027-01-10", "origin": "SFO"}]},
            "'AX9-2027-01-10' adds a new flight but lacks",
        ),
        (
            {"hotels": [{"id": "H-NEW", "city": "LHR"}]},
            "'H-NEW' adds a new hotel but lacks: name, stars, rate, rooms",
        ),
        ({"hotels": [{"id": "H-LHR-01", "amenities": ["sauna"]}]}, "unknown amenities sauna"),
        ({"hotels": [{"id": "H-LHR-01", "city": "ZZZ"}]}, "unknown city 'ZZZ'"),
    ],
)
def test_view_rejects_bad_patches(catalog: Catalog, data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CatalogView(catalog, Overrides.model_validate(data))


def test_view_without_overrides_is_the_catalog(catalog: Catalog) -> None:
    view = CatalogView(catalog, Overrides())
    assert view.flights_on("SFO", "LHR", DAY) == catalog.flights_on("SFO", "LHR", DAY)
    assert view.hotels_in("CDG") == catalog.hotels_in("CDG") and view.info is catalog.info
    assert datetime(2027, 1, 1, tzinfo=UTC) < view.flights_on("SFO", "LHR", DAY)[0].depart


def test_departure_window_is_exact_across_dst() -> None:
    """Departures (06:00-23:59 local) use each day's noon offset: DST switches happen before 06:00."""
    for spec in CITY_SPECS:
        zone = ZoneInfo(spec.city.tz)
        for t, base in enumerate(_offsets(spec.city.tz, 365)):
            day = CATALOG_START + timedelta(days=t)
            for minute in (360, 1439):
                local = datetime.fromtimestamp(base + minute * 60, zone)
                assert (local.date(), local.hour * 60 + local.minute) == (day, minute), (spec.city.code, day)


def test_concurrent_get_catalog_builds_once() -> None:
    size = CatalogSize(cities=3, days=2, flights_per_route_day=1.0, hotels_per_city=1)
    got: list[Catalog] = []
    threads = [threading.Thread(target=lambda: got.append(get_catalog(SEED + 9, size))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and all(c is got[0] for c in got)
