"""Date-dependent prices: pure functions of a catalog record and a date (money in int cents).

Flights: the stored base fare (which already carries distance, airline and time-of-day effects) times a
factor for how close to departure the fare is bought. Hotels: the base nightly rate times a weekday /
weekend factor set per city and a mild seasonal factor peaking in the local summer. Prices are rounded
to whole dollars.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from worlds.travel.catalog.generator import city_spec
from worlds.travel.records import CABINS, Cabin, Flight, Hotel

__all__ = ["ADVANCE_FACTORS", "advance_factor", "fare_cents", "night_rate_cents", "stay_cents"]

# (bought less than this many days before departure, factor); 30 days or more: 1.0.
ADVANCE_FACTORS: tuple[tuple[float, float], ...] = ((3, 1.6), (7, 1.35), (14, 1.2), (30, 1.08))
SEASON_AMPLITUDE = 0.08  # +/- around the yearly mean
_NORTH_PEAK, _SOUTH_PEAK = 196, 15  # day of year of the high season (mid-July / mid-January)


def _dollars(cents: float) -> int:
    return round(cents / 100) * 100


def advance_factor(days_before: float) -> float:
    """Fare multiplier for buying ``days_before`` days ahead; non-increasing in ``days_before``."""
    for limit, factor in ADVANCE_FACTORS:
        if days_before < limit:
            return factor
    return 1.0


def fare_cents(flight: Flight, cabin: Cabin, now: datetime) -> int:
    """Price per passenger of ``cabin`` on ``flight`` when bought at ``now`` (time-zone aware)."""
    days = (flight.depart - now).total_seconds() / 86400
    return _dollars(flight.base_fares[CABINS.index(cabin)] * advance_factor(days))


def night_rate_cents(hotel: Hotel, night: date) -> int:
    """Price of one room for the night starting on ``night``.

    Friday and Saturday nights take the city's weekend factor (dearer in leisure cities, cheaper in
    business ones); the season adds up to +/-8 % around the base, highest in the local summer.
    """
    spec = city_spec(hotel.city)
    factor = spec.weekend if spec is not None and night.weekday() in (4, 5) else 1.0
    peak = _SOUTH_PEAK if spec is not None and spec.city.lat < 0 else _NORTH_PEAK
    season = 1 + SEASON_AMPLITUDE * math.cos(2 * math.pi * (night.timetuple().tm_yday - peak) / 365.25)
    return _dollars(hotel.base_rate * factor * season)


def stay_cents(hotel: Hotel, check_in: date, check_out: date, rooms: int = 1) -> int:
    """Price of ``rooms`` rooms for the nights ``check_in`` .. the night before ``check_out``."""
    if check_out <= check_in:
        raise ValueError(f"check_out {check_out} must be after check_in {check_in}")
    nights = (check_out - check_in).days
    return rooms * sum(night_rate_cents(hotel, check_in + timedelta(days=i)) for i in range(nights))
