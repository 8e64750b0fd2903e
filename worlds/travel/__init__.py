"""The travel world: catalog, per-run state, tools, domain rules, faults and the oracle.

``WORLD`` is what the harness finds through the ``travel_sandbox.worlds`` entry point.
"""

from __future__ import annotations

from worlds.travel.world import WORLD, TravelWorld

__all__ = ["WORLD", "TravelWorld"]
