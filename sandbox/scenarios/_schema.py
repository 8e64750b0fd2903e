"""The JSON schema of scenario files, generated from the world's pydantic models.

The committed copy lives at ``scenarios/schema.json``; every scenario file points at it from its first
line (``# yaml-language-server: $schema=schema.json``) so editors validate and complete as you type.
Regenerate it after changing a scenario model::

    travel-sandbox schema > scenarios/schema.json

``tests/sandbox/test_schema.py`` fails while the committed copy is stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sandbox.spi import worlds

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
REGENERATE = "travel-sandbox schema > scenarios/schema.json"


def scenario_json_schema(world_name: str = "travel") -> dict[str, Any]:
    """The JSON schema of a scenario file of world ``world_name`` (a registered world)."""
    world = worlds.get(world_name)
    model = world.scenario_model
    body = model.model_json_schema()
    head: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"urn:travel-sandbox:scenario:{world.name}",
        "title": f"Travel Agent Sandbox scenario (world: {world.name})",
        "description": (
            f"One scenario file: the request an agent receives, and the hidden constraints, preferences, "
            f"faults and expectations that score its runs. Generated from {model.__module__}."
            f"{model.__qualname__}; regenerate with `{REGENERATE}`."
        ),
    }
    body.pop("title", None)
    body.pop("description", None)
    return head | body


def schema_text(world_name: str = "travel") -> str:
    """The schema as committed: 2-space indented JSON with a final newline."""
    return json.dumps(scenario_json_schema(world_name), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | Path, world_name: str = "travel") -> Path:
    """Write the schema to ``path`` (parents created). Returns the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(schema_text(world_name), encoding="utf-8")
    return out


def stale_schema(path: str | Path, world_name: str = "travel") -> str | None:
    """None when ``path`` holds the current schema; otherwise what is wrong and how to fix it."""
    p = Path(path)
    if not p.exists():
        return f"{p} does not exist; generate it with `{REGENERATE}`"
    if p.read_text(encoding="utf-8") != schema_text(world_name):
        return f"{p} is stale (the scenario models changed); regenerate it with `{REGENERATE}`"
    return None
