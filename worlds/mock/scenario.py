"""The to-do world's scenario file: its own sections on top of ``sandbox.spi.ScenarioBase``.

``world`` (name, capacity), ``todos`` (the list at the start), ``user`` (what the simulated user
answers), and the hidden ``constraints`` (what must be on the list at the end) and ``faults``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sandbox.spi import ScenarioBase, Strict


class WorldSection(Strict):
    name: Literal["mock"] = "mock"
    seed: int = Field(0, description="Run seed (the to-do world draws nothing at random).")
    capacity: int = Field(5, ge=1, description="How many items the list holds (the capacity rule).")


class User(Strict):
    answer: str = Field("Just what I asked for.", description="The answer to any question.")


class Constraints(Strict):
    must_have: list[str] = Field(min_length=1, description="Items the list must hold at the end.")


class Fault(Strict):
    """The ``nth`` call of ``tool`` fails with ``service_error`` and changes nothing."""

    tool: str = "add_item"
    nth: int = Field(1, ge=1)
    message: str = "the to-do service is unavailable; try again"


class MockScenario(ScenarioBase):
    world: WorldSection = Field(default_factory=WorldSection)
    todos: list[str] = Field(default_factory=list, description="The list at the start.")
    user: User = Field(default_factory=User)
    constraints: Constraints
    faults: list[Fault] = Field(default_factory=list)
