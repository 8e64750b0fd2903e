"""Load scenario files, with errors that name the file, the line, the field and what was expected.

    load_scenario("scenarios/weekend.yaml")  -> the scenario, as its world's scenario model
    load_scenarios(["scenarios/"])           -> every *.yaml / *.yml in the folder, sorted by name

A file names its world in ``world.name``; a file that names none belongs to the default world
(``sandbox.spi.default_world``: ``TRAVEL_SANDBOX_WORLD``, else the installation's default).

Both raise ``ScenarioError`` listing every problem as ``file:line: field.path: message``. ``check_files``
is the collecting form used by ``travel-sandbox validate``: it never raises for a bad file and, with
``strict=True``, also requires the ``# yaml-language-server: $schema=...`` first line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sandbox._yaml import (
    FileTooLargeError,
    Positions,
    YamlSyntaxError,
    max_file_bytes,
    read_capped,
    read_yaml,
)
from sandbox.errors import ConfigError, ScenarioError, ScenarioIssue, UnknownNameError
from sandbox.scenarios._explain import explain
from sandbox.scenarios._where import SUFFIXES, no_such_file
from sandbox.spi import ScenarioBase, World, default_world, worlds

SCHEMA_COMMENT = "# yaml-language-server: $schema=schema.json"


@dataclass
class LoadedFile:
    """The outcome of reading one scenario file: the scenario, or the issues that stop it."""

    file: str
    scenario: ScenarioBase | None = None
    world: World | None = None
    issues: list[ScenarioIssue] = field(default_factory=list)
    positions: Positions = field(default_factory=Positions)

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.issues


def scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories to their ``*.yaml``/``*.yml`` files (sorted, not recursive); keep files as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir() if f.suffix in SUFFIXES and f.is_file()))
        else:
            out.append(p)
    return out


def _read_text(path: Path, file: str) -> tuple[str | None, ScenarioIssue | None]:
    if not path.exists():
        return None, ScenarioIssue(file, None, "", no_such_file(path))
    if path.is_dir():
        return None, ScenarioIssue(file, None, "", "is a directory, expected a scenario file")
    try:
        return read_capped(path, max_file_bytes()).decode("utf-8-sig"), None
    except FileTooLargeError as exc:
        return None, ScenarioIssue(file, None, "", str(exc))
    except UnicodeDecodeError as exc:
        return None, ScenarioIssue(file, None, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        return None, ScenarioIssue(file, None, "", f"cannot read file: {exc.strerror or exc}")


def _world_name(data: dict[Any, Any]) -> Any:
    """The world the file names (``world.name``), else the default world."""
    section = data.get("world")
    if isinstance(section, dict) and "name" in section:
        return section["name"]
    return default_world()


def read_scenario(path: str | Path, *, strict: bool = False) -> LoadedFile:
    """Read and validate one file, collecting every problem instead of raising.

    ``strict`` adds the checks only the linter makes: the ``$schema`` comment on the first line.
    """
    file = str(path)
    result = LoadedFile(file)
    text, problem = _read_text(Path(path), file)
    if text is None:
        result.issues.append(problem or ScenarioIssue(file, None, "", "cannot read file"))
        return result
    if strict and text.strip() and not _has_schema_comment(text):
        result.issues.append(ScenarioIssue(file, 1, "", f"first line must be {SCHEMA_COMMENT!r}"))
    try:
        data, pos, top_line = read_yaml(text)
    except YamlSyntaxError as exc:
        result.issues.append(ScenarioIssue(file, exc.line, "", exc.message))
        return result
    result.positions = pos
    if data is None:
        result.issues.append(ScenarioIssue(file, None, "", "empty file, expected a scenario mapping"))
        return result
    for dup_path, line, first in pos.duplicates:
        dotted = ".".join(dup_path)
        result.issues.append(
            ScenarioIssue(file, line, dotted, f"duplicate key (first given at line {first})")
        )
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({data!r})"
        message = (
            f"expected a mapping of scenario sections (id, title, request, ...) at the top level, got {kind}"
        )
        result.issues.append(ScenarioIssue(file, top_line, "", message))
        return result
    result.world = _find_world(data, pos, result)
    if result.world is not None:
        model = result.world.scenario_model
        try:
            result.scenario = model.model_validate(data)
        except ValidationError as exc:
            result.issues.extend(explain(exc, model, data, pos, file))
    result.issues.sort(key=lambda i: (i.line or 0, i.path))
    return result


def _has_schema_comment(text: str) -> bool:
    first = text.splitlines()[0].strip() if text else ""
    prefix = SCHEMA_COMMENT.split("=", 1)[0] + "="
    return first.startswith(prefix) and first.endswith("schema.json")


def _find_world(data: dict[Any, Any], pos: Positions, result: LoadedFile) -> World | None:
    line = pos.value_line(("world", "name"))
    try:
        name = _world_name(data)
    except ConfigError as exc:
        result.issues.append(ScenarioIssue(result.file, line, "world.name", str(exc)))
        return None
    if not isinstance(name, str):
        result.issues.append(
            ScenarioIssue(result.file, line, "world.name", f"expected a world name, got {name!r}")
        )
        return None
    try:
        return worlds.get(name, allow_import=False)
    except UnknownNameError as exc:
        result.issues.append(ScenarioIssue(result.file, line, "world.name", str(exc)))
        return None


def check_files(paths: Iterable[str | Path], *, strict: bool = False) -> list[LoadedFile]:
    """Read every scenario file under ``paths``; also flag scenario ids used by more than one file."""
    results: list[LoadedFile] = []
    for p in map(Path, paths):
        files = scenario_files([p])
        if p.is_dir() and not files:
            message = f"no scenario files ({', '.join('*' + s for s in SUFFIXES)}) in this directory"
            results.append(LoadedFile(str(p), issues=[ScenarioIssue(str(p), None, "", message)]))
        results.extend(read_scenario(f, strict=strict) for f in files)
    first_file: dict[str, str] = {}
    for r in results:
        if r.scenario is None:
            continue
        sid = r.scenario.id
        if sid in first_file:
            line = r.positions.value_line(("id",))
            message = f"duplicate scenario id {sid!r} (also in {first_file[sid]})"
            r.issues.append(ScenarioIssue(r.file, line, "id", message))
        else:
            first_file[sid] = r.file
    return results


def load_scenario(path: str | Path) -> ScenarioBase:
    """Load one scenario file as its world's scenario model. Raises ``ScenarioError`` listing every problem."""
    result = read_scenario(path)
    if result.issues or result.scenario is None:
        raise ScenarioError(result.issues)
    return result.scenario


def load_scenarios(paths: Sequence[str | Path] | str | Path) -> list[ScenarioBase]:
    """Load files and directories (``*.yaml``/``*.yml``, sorted). Raises ``ScenarioError`` for any problem."""
    if isinstance(paths, str | Path):
        paths = [paths]
    results = check_files(paths)
    issues = [issue for r in results for issue in r.issues]
    if issues:
        raise ScenarioError(issues)
    return [r.scenario for r in results if r.scenario is not None]
