"""Scenario generators: what a world offers for ``travel-sandbox scenarios generate``.

A world that can draw scenarios procedurally returns a ``ScenarioGenerator`` from
``World.scenario_generator`` (the default is None: the world has none). A generator has named
``families`` and draws scenario ``index`` of a family for a ``seed``, already validated by the world
(solvable with a unique best, or provably not, for a family that expects a refusal). The same
``(family, seed, index)`` gives the same text under the same generator ``version``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class GeneratedScenario:
    """One drawn scenario: its ``id`` (the file stem), its family, its tags and the file's YAML
    ``text`` without the ``$schema`` first line, which the writer adds."""

    id: str
    family: str
    text: str
    tags: tuple[str, ...] = ()
    redraws: int = 0  # draws rejected before this one (by the world's checks)


class ScenarioGenerator(Protocol):
    """Draws validated scenarios of named families."""

    #: bumped when the same ``(family, seed, index)`` would draw a different scenario
    version: int

    @property
    def families(self) -> Sequence[str]:
        """The family names, in the order ``--family all`` draws them."""
        ...

    def describe(self, family: str) -> str:
        """One line saying what a family draws."""
        ...

    def generate(self, family: str, seed: int, index: int, *, size: str | None = None) -> GeneratedScenario:
        """Scenario ``index`` of ``family`` for ``seed`` (a known family; the caller checks names);
        ``size`` pins the data it draws on (as ``World.build_catalog``'s), None: the generator's mix."""
        ...
