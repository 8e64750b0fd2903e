"""The committed scenario schema is generated from the models and must not go stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sandbox
from sandbox.errors import UnknownNameError
from sandbox.scenarios import REGENERATE, scenario_json_schema, schema_text, stale_schema, write_schema

ROOT = Path(sandbox.__file__).resolve().parent.parent
COMMITTED = ROOT / "scenarios" / "schema.json"
#: Every world's committed schema, beside its scenario files.
SCHEMAS = {"travel": COMMITTED, "mock": ROOT / "worlds" / "mock" / "scenarios" / "schema.json"}


@pytest.mark.parametrize("world", sorted(SCHEMAS))
def test_committed_schema_is_current(world: str) -> None:
    problem = stale_schema(SCHEMAS[world], world)
    assert problem is None, problem


def test_another_worlds_schema_names_its_world_and_how_to_regenerate_it() -> None:
    schema = scenario_json_schema("mock")
    assert (schema["$id"], schema["title"]) == (
        "urn:travel-sandbox:scenario:mock",
        "Travel Agent Sandbox scenario (world: mock)",
    )
    assert (
        "`travel-sandbox schema --world mock > schema.json (in the folder of its scenario files)`"
        in (schema["description"])
    )
    assert REGENERATE not in schema["description"]


def test_schema_describes_scenario_files() -> None:
    schema = scenario_json_schema("travel")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:travel-sandbox:scenario:travel"
    assert schema["title"] == "Travel Agent Sandbox scenario (world: travel)"
    assert REGENERATE in schema["description"]
    assert schema["additionalProperties"] is False
    assert {"id", "title", "request", "expect", "world", "traveler"} <= set(schema["required"])
    assert "preferences" in schema["properties"] and "Constraints" in schema["$defs"]


def test_write_and_staleness(tmp_path: Path) -> None:
    path = write_schema(tmp_path / "sub" / "schema.json")
    assert path.read_text(encoding="utf-8") == schema_text()
    assert json.loads(path.read_text(encoding="utf-8")) == scenario_json_schema()
    assert stale_schema(path) is None
    path.write_text("{}\n", encoding="utf-8")
    assert stale_schema(path) == (
        f"{path} is stale (the scenario models changed); regenerate it with "
        "`travel-sandbox schema > scenarios/schema.json`"
    )
    assert stale_schema(tmp_path / "none.json") == (
        f"{tmp_path / 'none.json'} does not exist; generate it with `travel-sandbox schema > scenarios/schema.json`"
    )


def test_unknown_world_has_no_schema() -> None:
    with pytest.raises(UnknownNameError, match="Did you mean 'travel'"):
        scenario_json_schema("travl")
