"""Scenario files: loading them with errors that teach, linting them, and their JSON schema.

``load_scenario(s)`` raise ``ScenarioError`` listing every problem as ``file:line: field.path:
message``; ``check_files`` collects instead of raising; ``lint`` adds the world's own checks (the
oracle) for ``travel-sandbox validate``; ``generate_scenarios`` writes a world's generated scenarios
(``travel-sandbox scenarios generate``); ``schema_text`` is the committed ``scenarios/schema.json``.
"""

from sandbox.scenarios._generate import GenerateResult, generate_scenarios
from sandbox.scenarios._lint import FileReport, lint
from sandbox.scenarios._loader import (
    SCHEMA_COMMENT,
    LoadedFile,
    check_files,
    load_scenario,
    load_scenarios,
    read_scenario,
    scenario_files,
)
from sandbox.scenarios._schema import (
    REGENERATE,
    scenario_json_schema,
    schema_text,
    stale_schema,
    write_schema,
)
from sandbox.scenarios._where import default_scenarios_dir

__all__ = [
    "REGENERATE",
    "SCHEMA_COMMENT",
    "FileReport",
    "GenerateResult",
    "LoadedFile",
    "check_files",
    "default_scenarios_dir",
    "generate_scenarios",
    "lint",
    "load_scenario",
    "load_scenarios",
    "read_scenario",
    "scenario_files",
    "scenario_json_schema",
    "schema_text",
    "stale_schema",
    "write_schema",
]
