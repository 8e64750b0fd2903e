"""Procedurally generated, oracle-validated travel scenarios for scale (``scenarios generate``).

``GENERATOR`` (``TravelWorld.scenario_generator``) draws scenario ``index`` of a family for a seed:
a trip drawn from the catalog (seed 7, ``small`` or ``medium``), said in a request built from varied
templates (tone, order, length, number words, relative dates), with the hidden sections — constraints,
preferences, the traveller's facts, held bookings, expectations — derived from the same draw, so the
text and the hidden sections agree. Each draw is validated like ``travel-sandbox validate`` does (the
oracle: solvable with a unique best, or provably unsolvable for refusals) and redrawn otherwise.

Families (``FAMILIES``, in ``--family all`` order):

- ``one-way``, ``round-trip``, ``multi-city``, ``hotel-only``, ``party`` (2-6 with rooms),
  ``relative-dates`` (``_families``);
- ``time-windows``, ``amenities`` (required amenities, sometimes a nightly cap), ``airline-exclusion``
  (``_families_hard``: each requirement rules out the otherwise best itinerary);
- ``partial-change`` (move one held flight, keep the rest) and ``refusal`` (budget or hotel
  requirements; ``_families_change``).

The module layout: ``_draw`` (random state, catalog, clock), ``_words`` and ``_request`` (phrasing),
``_draft`` (the scenario under construction and the common trip shapes), ``_prefs`` (soft preferences),
the three family modules, and ``_engine`` (budget, validation, redraws, YAML).
"""

from __future__ import annotations

from collections.abc import Sequence

from sandbox.spi import GeneratedScenario
from worlds.travel.generate import _families as trips
from worlds.travel.generate import _families_change as change
from worlds.travel.generate import _families_hard as hard
from worlds.travel.generate._engine import (
    GENERATOR_VERSION,
    MAX_ATTEMPTS,
    Build,
    GenerationError,
    draw_scenario,
)

FAMILIES: dict[str, Build] = {
    "one-way": trips.one_way,
    "round-trip": trips.round_trip,
    "hotel-only": trips.hotel_only,
    "multi-city": trips.multi_city,
    "party": trips.party,
    "relative-dates": trips.relative_dates,
    "time-windows": hard.time_windows,
    "amenities": hard.amenities,
    "airline-exclusion": hard.airline_exclusion,
    "partial-change": change.partial_change,
    "refusal": change.refusal,
}


class TravelScenarioGenerator:
    """The travel world's ``sandbox.spi.ScenarioGenerator``."""

    version = GENERATOR_VERSION

    @property
    def families(self) -> Sequence[str]:
        return tuple(FAMILIES)

    def describe(self, family: str) -> str:
        doc = FAMILIES[family].__doc__ or ""
        return " ".join(doc.split())

    def generate(self, family: str, seed: int, index: int, *, size: str | None = None) -> GeneratedScenario:
        """Scenario ``index`` of ``family`` for ``seed``; ``size`` pins the catalog (default: ``small``
        for about two draws in three, ``medium`` for the rest)."""
        return draw_scenario(family, FAMILIES[family], seed, index, size=size)


GENERATOR = TravelScenarioGenerator()

__all__ = ["FAMILIES", "GENERATOR", "MAX_ATTEMPTS", "GenerationError", "TravelScenarioGenerator"]
