"""The JSON schema of scenario files, generated from a world's pydantic models.

The committed copy lives beside the scenario files (``scenarios/schema.json`` for the default world's
library); every scenario file points at it from its first line
(``# yaml-language-server: $schema=schema.json``) so editors validate and complete as you type.
Regenerate it after changing a scenario model::

    travel-sandbox schema [--world NAME] > scenarios/schema.json

``tests/sandbox/test_schema.py`` fails while a committed copy is stale. ``world_name`` None means the
default world (``sandbox.spi.default_world``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sandbox.spi import default_world, worlds

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
REGENERATE = "travel-sandbox schema > scenarios/schema.json"


def regenerate_command(world_name: str | None = None) -> str:
    """The command that writes a world's committed schema (``REGENERATE`` for the default world)."""
    name = world_name or default_world()
    if name == default_world():
        return REGENERATE
    return f"travel-sandbox schema --world {name} > schema.json (in the folder of its scenario files)"


def scenario_json_schema(world_name: str | None = None) -> dict[str, Any]:
    """The JSON schema of a scenario file of world ``world_name`` (a registered world)."""
    world = worlds.get(world_name or default_world())
    model = world.scenario_model
    body = model.model_json_schema()
    head: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"urn:travel-sandbox:scenario:{world.name}",
        "title": f"Travel Agent Sandbox scenario (world: {world.name})",
        "description": (
            f"One scenario file: the request an agent receives, and the hidden constraints, preferences, "
            f"faults and expectations that score its runs. Generated from {model.__module__}."
            f"{model.__qualname__}; regenerate with `{regenerate_command(world.name)}`."
        ),
    }
    body.pop("title", None)
    body.pop("description", None)
    return head | body


def schema_text(world_name: str | None = None) -> str:
    """The schema as committed: 2-space indented JSON with a final newline."""
    return json.dumps(scenario_json_schema(world_name), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | Path, world_name: str | None = None) -> Path:
    """Write the schema to ``path`` (parents created). Returns the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(schema_text(world_name), encoding="utf-8")
    return out


def stale_schema(path: str | Path, world_name: str | None = None) -> str | None:
    """None when ``path`` holds the current schema; otherwise what is wrong and how to fix it."""
    p = Path(path)
    if not p.exists():
        return f"{p} does not exist; generate it with `{regenerate_command(world_name)}`"
    if p.read_text(encoding="utf-8") != schema_text(world_name):
        return f"{p} is stale (the scenario models changed); regenerate it with `{regenerate_command(world_name)}`"
    return None
