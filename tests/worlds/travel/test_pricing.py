"""Date pricing: fares rise as departure nears; night rates follow weekday, city and season."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worlds.travel.catalog import fare_cents, get_catalog, night_rate_cents, stay_cents
from worlds.travel.catalog.pricing import advance_factor
from worlds.travel.records import CABINS, Cabin

CAT = get_catalog(7, "small")
FLIGHT = CAT.flights_on("SFO", "LHR", date(2027, 2, 1))[0]


@given(st.floats(-5, 400), st.floats(0, 60))
def test_advance_factor_non_increasing(days: float, more: float) -> None:
    assert advance_factor(days + more) <= advance_factor(days)
    assert 1.0 <= advance_factor(days) <= 1.6


@pytest.mark.parametrize("cabin", CABINS)
def test_fare_rises_as_departure_nears(cabin: Cabin) -> None:
    index = CABINS.index(cabin)
    fares = [fare_cents(FLIGHT, cabin, FLIGHT.depart - timedelta(days=d)) for d in (60, 29, 13, 6, 2, 0)]
    assert fares == sorted(fares) and fares[0] == FLIGHT.base_fares[index] and fares[-1] > fares[0]
    assert all(f % 100 == 0 for f in fares)


def test_night_rates_by_weekday_city_and_season() -> None:
    business, leisure = CAT.hotels_in("FRA")[0], CAT.hotels_in("AMS")[0]
    wed, fri = date(2027, 1, 13), date(2027, 1, 15)
    assert night_rate_cents(business, fri) < night_rate_cents(business, wed)
    assert night_rate_cents(leisure, fri) > night_rate_cents(leisure, wed)
    north, south = CAT.hotels_in("LHR")[0], CAT.hotels_in("SYD")[0]
    summer, winter = date(2027, 7, 14), date(2027, 1, 13)  # both Wednesdays
    assert night_rate_cents(north, summer) > night_rate_cents(north, winter)
    assert night_rate_cents(south, summer) < night_rate_cents(south, winter)
    assert night_rate_cents(north, wed) == night_rate_cents(north, wed)


def test_stay_is_the_sum_of_nights_times_rooms() -> None:
    hotel = CAT.hotels_in("CDG")[1]
    check_in = date(2027, 1, 14)
    nights = sum(night_rate_cents(hotel, check_in + timedelta(days=i)) for i in range(3))
    assert stay_cents(hotel, check_in, check_in + timedelta(days=3)) == nights
    assert stay_cents(hotel, check_in, check_in + timedelta(days=3), rooms=2) == 2 * nights
    with pytest.raises(ValueError, match="must be after"):
        stay_cents(hotel, check_in, check_in)
