"""``TravelWorld``: the travel world as the harness sees it (sandbox.world.World)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sandbox.tools import ToolSpec
from sandbox.world import Finding
from worlds.travel.scenario import TravelScenario

if TYPE_CHECKING:
    from worlds.travel.env import TravelEnv
    from worlds.travel.view import CatalogView


class TravelWorld:
    name = "travel"
    scenario_model = TravelScenario

    def __init__(self) -> None:
        self._views: dict[tuple[int, str, str], CatalogView] = {}
        self._lock = threading.Lock()

    @property
    def tools(self) -> Sequence[ToolSpec]:
        from worlds.travel.tools import TOOLS

        return TOOLS

    def build_catalog(self, seed: int, size: str) -> dict[str, Any]:
        from worlds.travel.catalog import get_catalog

        info = get_catalog(seed, size).info
        data = dataclasses.asdict(info)
        data["path"] = str(info.path) if info.path else None
        data["start"], data["end"] = info.start.isoformat(), info.end.isoformat()
        return data

    def view(self, scenario: TravelScenario) -> CatalogView:
        """The catalog as this scenario sees it (its overrides applied), built once and shared by its runs."""
        from worlds.travel.catalog import get_catalog
        from worlds.travel.view import CatalogView

        key = (scenario.world.seed, str(scenario.world.size), scenario.world.overrides.model_dump_json())
        with self._lock:
            view = self._views.get(key)
            if view is None:
                view = CatalogView(
                    get_catalog(scenario.world.seed, scenario.world.size), scenario.world.overrides
                )
                self._views[key] = view
        return view

    def new_env(self, scenario: Any, *, trial: int = 0) -> TravelEnv:
        from worlds.travel.env import new_env

        return new_env(scenario, self.view(scenario), trial=trial)

    def check_scenario(self, scenario: Any) -> list[Finding]:
        from worlds.travel.oracle import check

        try:
            view = self.view(scenario)
        except ValueError as exc:
            return [Finding("error", f"world.overrides: {exc}")]
        return check(scenario, view)


WORLD = TravelWorld()
