"""Shared fixtures for the travel world's runtime tests.

The catalog is the small one for seed 7, built once per session. ``make_scenario`` adds a few items
through ``world.overrides`` with known terms and tiny capacities, so tests do not depend on which
flights and hotels the generator happens to produce:

- MV901 SFO->JFK 2027-01-20, refundable, 3 economy / 1 premium seats;
- MV902 SFO->JFK 2027-01-20, non-refundable, 50 economy seats;
- MV903 JFK->SFO 2027-01-24, the flight back;
- MV904 SFO->LAX 2027-01-12 10:00-11:30 (during the traveller's board meeting), MV905 the same at 18:00;
- H-JFK-90: 2 rooms, free cancellation until 3 days before check-in, then a 50 % fee;
- H-JFK-91: non-refundable, 5 rooms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from worlds.travel.catalog import CatalogView, get_catalog
from worlds.travel.run import TravelEnv, new_env
from worlds.travel.scenario import TravelScenario

NOW = dt.datetime(2027, 1, 5, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
SEED = 7

OVERRIDES: dict[str, Any] = {
    "flights": [
        {
            "id": "MV901-2027-01-20",
            "origin": "SFO",
            "destination": "JFK",
            "depart": "2027-01-20T08:00:00-08:00",
            "arrive": "2027-01-20T16:30:00-05:00",
            "stops": 0,
            "fares": {"economy": 300, "premium": 600},
            "seats": {"economy": 3, "premium": 1},
            "refundable": True,
        },
        {
            "id": "MV902-2027-01-20",
            "origin": "SFO",
            "destination": "JFK",
            "depart": "2027-01-20T10:00:00-08:00",
            "arrive": "2027-01-20T18:30:00-05:00",
            "stops": 0,
            "fares": {"economy": 250},
            "seats": {"economy": 50},
            "refundable": False,
        },
        {
            "id": "MV903-2027-01-24",
            "origin": "JFK",
            "destination": "SFO",
            "depart": "2027-01-24T18:00:00-05:00",
            "arrive": "2027-01-24T21:30:00-08:00",
            "stops": 0,
            "fares": {"economy": 280},
            "seats": {"economy": 50},
            "refundable": True,
        },
        {
            "id": "MV904-2027-01-12",
            "origin": "SFO",
            "destination": "LAX",
            "depart": "2027-01-12T10:00:00-08:00",
            "arrive": "2027-01-12T11:30:00-08:00",
            "stops": 0,
            "fares": {"economy": 120},
            "seats": {"economy": 20},
        },
        {
            "id": "MV905-2027-01-12",
            "origin": "SFO",
            "destination": "LAX",
            "depart": "2027-01-12T18:00:00-08:00",
            "arrive": "2027-01-12T19:30:00-08:00",
            "stops": 0,
            "fares": {"economy": 120},
            "seats": {"economy": 20},
        },
    ],
    "hotels": [
        {
            "id": "H-JFK-90",
            "city": "JFK",
            "name": "Test Inn",
            "stars": 3,
            "rate": 200,
            "rooms": 2,
            "free_cancel_days": 3,
            "cancel_fee_pct": 50,
        },
        {
            "id": "H-JFK-91",
            "city": "JFK",
            "name": "No Refunds Lodge",
            "stars": 2,
            "rate": 150,
            "rooms": 5,
            "free_cancel_days": -1,
            "cancel_fee_pct": 100,
        },
    ],
}


def make_scenario(**changes: Any) -> TravelScenario:
    """The test scenario; top-level sections in ``changes`` are merged one level deep."""
    data: dict[str, Any] = {
        "id": "runtime-test",
        "title": "Runtime test",
        "request": "Book a trip to New York.",
        "expect": {"outcome": "booked"},
        "world": {"seed": SEED, "size": "small", "now": NOW.isoformat(), "overrides": OVERRIDES},
        "traveler": {
            "name": "Ada",
            "home": "SFO",
            "budget": 5000,
            "party": [{"name": "Grace"}],
            "calendar": [
                {
                    "title": "Board meeting",
                    "start": "2027-01-12T09:00:00-08:00",
                    "end": "2027-01-12T17:00:00-08:00",
                }
            ],
        },
    }
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return TravelScenario.model_validate(data)


@pytest.fixture(scope="session")
def scenario() -> TravelScenario:
    return make_scenario()


@pytest.fixture(scope="session")
def view(scenario: TravelScenario) -> CatalogView:
    """The small catalog with the test overrides; shared by every test (a view is read-only)."""
    return CatalogView(get_catalog(SEED, "small"), scenario.world.overrides)


@pytest.fixture
def env(scenario: TravelScenario, view: CatalogView) -> TravelEnv:
    return new_env(scenario, view)


@pytest.fixture
def make_env(view: CatalogView) -> Callable[..., TravelEnv]:
    """A fresh env for a variant of the test scenario (same overrides, so the shared view fits)."""

    def build(trial: int = 0, **changes: Any) -> TravelEnv:
        return new_env(make_scenario(**changes), view, trial=trial)

    return build


def _ok(env: TravelEnv, tool: str, **args: Any) -> Any:
    result = env.call(tool, args)
    assert result.ok, result.error
    return result.data


def _err(env: TravelEnv, tool: str, **args: Any) -> tuple[str, str]:
    result = env.call(tool, args)
    assert not result.ok and result.error is not None, result.data
    return result.error.code, result.error.message


@pytest.fixture(scope="session")
def ok() -> Callable[..., Any]:
    """``ok(env, tool, **args)``: call a tool that must succeed; its data."""
    return _ok


@pytest.fixture(scope="session")
def err() -> Callable[..., tuple[str, str]]:
    """``err(env, tool, **args)``: call a tool that must fail; its (code, message)."""
    return _err
