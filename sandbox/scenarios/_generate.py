"""Writing a world's generated scenarios to a folder (``travel-sandbox scenarios generate``).

``generate_scenarios`` resolves the family names (``all``, a list; an unknown name raises
``UnknownNameError`` with "did you mean"), draws ``n`` scenarios of each family for the seed through
the world's ``ScenarioGenerator`` (each already validated by the world), writes each as
``<id>.yaml`` with the ``$schema`` first line, and the world's ``schema.json`` beside them. One
scenario the generator fails on is recorded and the rest still written. The result says what was
written per family, how many draws were rejected on the way, and how long it took.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sandbox.errors import ConfigError, UnknownNameError
from sandbox.scenarios._loader import SCHEMA_COMMENT
from sandbox.scenarios._schema import schema_text
from sandbox.spi import ScenarioGenerator, World, default_world, worlds


@dataclass
class FamilyResult:
    """What one family wrote: the ids, the rejected draws before them, and failures (generator bugs)."""

    ids: list[str] = field(default_factory=list)
    redraws: int = 0
    failed: list[str] = field(default_factory=list)


@dataclass
class GenerateResult:
    """The outcome of one ``generate_scenarios`` call (``as_dict`` is its ``--json`` form)."""

    world: str
    generator_version: int
    seed: int
    n: int
    size: str | None
    out: Path
    families: dict[str, FamilyResult]
    seconds: float = 0.0

    @property
    def written(self) -> int:
        return sum(len(f.ids) for f in self.families.values())

    @property
    def failed(self) -> list[str]:
        return [msg for f in self.families.values() for msg in f.failed]

    def as_dict(self) -> dict[str, Any]:
        return {
            "world": self.world,
            "generator_version": self.generator_version,
            "seed": self.seed,
            "n": self.n,
            "size": self.size,
            "out": str(self.out),
            "written": self.written,
            "seconds": round(self.seconds, 3),
            "families": {
                name: {"written": len(f.ids), "redraws": f.redraws, "ids": f.ids, "failed": f.failed}
                for name, f in self.families.items()
            },
        }


def generator_of(world: World) -> ScenarioGenerator:
    """The world's scenario generator; ``ConfigError`` when it has none."""
    gen = world.scenario_generator
    if gen is None:
        raise ConfigError(f"world {world.name!r} has no scenario generator")
    return gen


def resolve_families(gen: ScenarioGenerator, names: Iterable[str]) -> list[str]:
    """``all`` or family names (comma-separated lists allowed), in the order given, without repeats."""
    known = list(gen.families)
    out: list[str] = []
    for item in names:
        for name in filter(None, (part.strip() for part in item.split(","))):
            chosen = known if name == "all" else [name]
            if name != "all" and name not in known:
                raise UnknownNameError("scenario family", name, [*known, "all"])
            out += [c for c in chosen if c not in out]
    if not out:
        raise ConfigError("--family: give a family name, a comma-separated list, or 'all'")
    return out


def generate_scenarios(
    families: Iterable[str],
    *,
    n: int,
    seed: int,
    out: str | Path,
    size: str | None = None,
    world_name: str | None = None,
) -> GenerateResult:
    """Draw ``n`` scenarios of each family for ``seed`` and write them to ``out`` (created)."""
    if n < 1:
        raise ConfigError(f"--n: expected at least 1, got {n}")
    world = worlds.get(world_name or default_world())
    gen = generator_of(world)
    names = resolve_families(gen, families)
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"--out: {folder} exists and is not a directory")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schema.json").write_text(schema_text(world.name), encoding="utf-8")
    result = GenerateResult(world.name, gen.version, seed, n, size, folder, {})
    started = time.perf_counter()
    for name in names:
        fam = result.families.setdefault(name, FamilyResult())
        for index in range(n):
            try:
                drawn = gen.generate(name, seed, index, size=size)
            except Exception as exc:  # one bad draw never takes down the rest
                fam.failed.append(f"{name} #{index}: {type(exc).__name__}: {exc}")
                continue
            (folder / f"{drawn.id}.yaml").write_text(f"{SCHEMA_COMMENT}\n{drawn.text}", encoding="utf-8")
            fam.ids.append(drawn.id)
            fam.redraws += drawn.redraws
    result.seconds = time.perf_counter() - started
    return result
