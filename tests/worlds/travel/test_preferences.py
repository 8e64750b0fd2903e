"""Preference utility: each kind's satisfaction, the weights, and the per-item split the oracle uses."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from worlds.travel.judge.preferences import (
    FlightChoice,
    Itinerary,
    StayChoice,
    budget_cents,
    cost_terms,
    describe,
    leg_score,
    max_utility,
    spend_limit_cents,
    stay_score,
    utility,
)
from worlds.travel.records import Flight, Hotel
from worlds.travel.scenario import TravelScenario

LA, NY = ZoneInfo("America/Los_Angeles"), ZoneInfo("America/New_York")


def _flight(fid: str, hour: int, *, stops: int = 0, refundable: bool = True, back: bool = False) -> Flight:
    origin, dest, tz_o, tz_d = ("JFK", "SFO", NY, LA) if back else ("SFO", "JFK", LA, NY)
    day = dt.date(2027, 1, 24 if back else 20)
    depart = dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=tz_o)
    arrive = (depart + dt.timedelta(hours=5, minutes=30)).astimezone(tz_d)
    return Flight(
        fid,
        fid[:2],
        "1",
        origin,
        dest,
        depart,
        arrive,
        stops,
        330,
        (30000, 48000, 96000),
        (9, 9, 9),
        refundable,
        1,
    )


def _hotel(
    hid: str, *, stars: int, rating: float, amenities: tuple[str, ...], hood: str, cancel: int
) -> Hotel:
    return Hotel(hid, "Test", "JFK", hood, stars, 20000, amenities, rating, (), 10, cancel, 50)


FLIGHTS = {
    f.id: f
    for f in (
        _flight("AX1-2027-01-20", 8),  # non-stop, morning, refundable
        _flight("BQ2-2027-01-24", 19, stops=1, refundable=False, back=True),
    )
}
HOTELS = {
    h.id: h
    for h in (
        _hotel("H-JFK-01", stars=4, rating=8.5, amenities=("wifi", "gym"), hood="Midtown", cancel=2),
        _hotel("H-JFK-02", stars=2, rating=6.0, amenities=("wifi",), hood="Chelsea", cancel=-1),
    )
}


class Lookup:
    def flight(self, flight_id: str) -> Flight | None:
        return FLIGHTS.get(flight_id)

    def hotel(self, hotel_id: str) -> Hotel | None:
        return HOTELS.get(hotel_id)


ITIN = Itinerary(
    (FlightChoice("AX1-2027-01-20", "economy"), FlightChoice("BQ2-2027-01-24", "business")),
    (StayChoice("H-JFK-01", dt.date(2027, 1, 20), dt.date(2027, 1, 24)),),
    100_000,
)


def _scenario(
    prefs: list[dict[str, Any]], *, budget: float | None = 2000, max_total: float | None = None
) -> TravelScenario:
    return TravelScenario.model_validate(
        {
            "id": "prefs",
            "title": "prefs",
            "request": "r",
            "expect": {"outcome": "booked"},
            "world": {"now": "2027-01-03T09:00:00-08:00"},
            "traveler": {"name": "Ada", "home": "SFO", "budget": budget},
            "constraints": {
                "legs": [
                    {"origin": "SFO", "destination": "JFK", "date": "2027-01-20"},
                    {"origin": "JFK", "destination": "SFO", "date": "2027-01-24"},
                ],
                "stays": [{"city": "JFK", "after_leg": 0}],
                "max_total": max_total,
            },
            "preferences": prefs,
        }
    )


@pytest.mark.parametrize(
    ("pref", "expected"),
    [
        ({"kind": "nonstop"}, 0.5),
        ({"kind": "airline", "value": "AX"}, 0.5),
        ({"kind": "airline", "value": "NP"}, 0.0),
        ({"kind": "depart_window", "start": "07:00", "end": "09:00"}, 0.5),
        ({"kind": "depart_window", "start": "07:00", "end": "09:00", "leg": 1}, 0.0),
        ({"kind": "depart_window", "start": "18:00", "end": "08:00"}, 1.0),  # wraps past midnight
        ({"kind": "arrive_window", "start": "16:00", "end": "17:00", "leg": 0}, 1.0),  # 16:30 in New York
        ({"kind": "hotel_stars", "min": 4}, 1.0),
        ({"kind": "hotel_stars", "min": 5}, 0.0),
        ({"kind": "hotel_rating", "min": 8.5}, 1.0),
        ({"kind": "amenity", "value": "Gym"}, 1.0),
        ({"kind": "amenity", "value": "pool"}, 0.0),
        ({"kind": "neighbourhood", "value": "midtown"}, 1.0),
        ({"kind": "cabin", "value": "business"}, 0.5),
        ({"kind": "refundable"}, 2 / 3),  # outbound and hotel, not the return flight
        ({"kind": "cheaper"}, 0.5),  # $1,000 of a $2,000 limit
    ],
)
def test_each_kind_scores_the_fraction_of_items_it_concerns(pref: dict[str, Any], expected: float) -> None:
    assert utility(ITIN, _scenario([pref]), Lookup()) == pytest.approx(expected)


def test_weights_multiply_and_add_up() -> None:
    s = _scenario([{"kind": "nonstop", "weight": 3}, {"kind": "hotel_stars", "min": 4, "weight": 2}])
    assert utility(ITIN, s, Lookup()) == pytest.approx(3 * 0.5 + 2 * 1.0)
    assert max_utility(s) == 5


def test_cheaper_uses_max_total_else_budget_and_is_clipped() -> None:
    cheaper = [{"kind": "cheaper"}]
    assert utility(ITIN, _scenario(cheaper, budget=None, max_total=4000), Lookup()) == pytest.approx(0.75)
    assert utility(ITIN, _scenario(cheaper, budget=500), Lookup()) == 0.0  # over the limit
    assert utility(ITIN, _scenario(cheaper, budget=None), Lookup()) == 0.5  # no limit at all
    assert spend_limit_cents(_scenario(cheaper, budget=3000, max_total=2500)) == 250_000
    assert budget_cents(_scenario(cheaper, budget=2000, max_total=2500)) == 200_000
    assert budget_cents(_scenario(cheaper, budget=None)) is None


def test_preferences_about_missing_items_score_zero() -> None:
    s = _scenario([{"kind": "hotel_stars", "min": 1}, {"kind": "refundable"}])
    empty = Itinerary((), (), 0)
    assert utility(empty, s, Lookup()) == 0.0


def test_unknown_ids_are_an_error_naming_the_id() -> None:
    bad = Itinerary((FlightChoice("ZZ9-2027-01-20", "economy"),), (), 0)
    with pytest.raises(ValueError, match="ZZ9-2027-01-20"):
        utility(bad, _scenario([]), Lookup())


def test_per_item_split_adds_up_to_utility() -> None:
    prefs: list[dict[str, Any]] = [
        {"kind": "nonstop", "weight": 2},
        {"kind": "airline", "value": "BQ"},
        {"kind": "depart_window", "start": "07:00", "end": "09:00", "leg": 0, "weight": 1.5},
        {"kind": "arrive_window", "start": "20:00", "end": "23:59"},
        {"kind": "cabin", "value": "economy"},
        {"kind": "hotel_stars", "min": 3},
        {"kind": "amenity", "value": "gym", "weight": 0.7},
        {"kind": "refundable", "weight": 1.2},
        {"kind": "cheaper", "weight": 0.3},
    ]
    s = _scenario(prefs)
    const, per_cent = cost_terms(s)
    split = (
        sum(leg_score(s, i, FLIGHTS[c.flight_id], c.cabin) for i, c in enumerate(ITIN.flights))
        + stay_score(s, HOTELS[ITIN.stays[0].hotel_id])
        + const
        - per_cent * ITIN.total_cents
    )
    assert split == pytest.approx(utility(ITIN, s, Lookup()), abs=1e-12)


def test_describe_has_one_line_per_item_and_the_total() -> None:
    assert describe(ITIN, Lookup()).splitlines() == [
        "AX1-2027-01-20 economy: SFO 2027-01-20 08:00 -> JFK 2027-01-20 16:30 (non-stop, refundable)",
        "BQ2-2027-01-24 business: JFK 2027-01-24 19:00 -> SFO 2027-01-24 21:30 (1 stop, non-refundable)",
        "H-JFK-01 Test, Midtown, 4*, rating 8.5: 2027-01-20 -> 2027-01-24 (4 nights)",
        "total $1,000.00",
    ]
