"""What the harness needs from a world. Worlds are found by name (``sandbox.registry.worlds``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from sandbox.scenario import ScenarioBase
from sandbox.tools import ToolResult, ToolSpec


@dataclass(frozen=True)
class Finding:
    """A validation finding about a scenario beyond its schema (e.g. from the oracle)."""

    severity: Literal["error", "warning", "info"]
    message: str


class Env(Protocol):
    """One run's world: the shared catalog plus the run's own small, mutable state."""

    def call(self, tool: str, args: dict[str, Any] | None, call_id: str | None = None) -> ToolResult: ...

    def state_hash(self) -> str: ...


class World(Protocol):
    name: str
    scenario_model: type[ScenarioBase]
    tools: Sequence[ToolSpec]

    def build_catalog(self, seed: int, size: str) -> dict[str, Any]:
        """Build (or load from cache) a catalog; return its info (seed, size, counts, catalog_hash, …)."""
        ...

    def new_env(self, scenario: Any, *, trial: int = 0) -> Env: ...

    def check_scenario(self, scenario: Any) -> list[Finding]:
        """Checks beyond the schema: ids that exist, solvable or provably not (the oracle)."""
        ...
