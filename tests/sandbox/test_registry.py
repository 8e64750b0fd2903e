"""The name registry, and the rule that the sandbox reaches worlds and agents only through it."""

from __future__ import annotations

import ast
import importlib.metadata
from pathlib import Path
from types import SimpleNamespace

import pytest

import sandbox
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.scenarios import load_scenario
from sandbox.spi import _registry as registry_module
from sandbox.spi import default_world, world_of, worlds
from sandbox.spi._registry import Registry, import_object

ANSWER = SimpleNamespace(name="answer")  # imported by "module:attr" below
ROOT = Path(sandbox.__file__).resolve().parents[1]


def test_the_travel_world_is_found_through_its_entry_point() -> None:
    world = worlds.get("travel")
    assert world.name == "travel"
    assert world.scenario_model.__name__ == "TravelScenario"
    assert "travel" in worlds.names() and "travel" in worlds
    assert worlds.get("travel") is world


def test_unknown_name_suggests_close_names() -> None:
    with pytest.raises(UnknownNameError) as info:
        worlds.get("trave")
    assert str(info.value) == "Unknown world 'trave'. Did you mean 'travel'? Known worlds: mock, travel."
    with pytest.raises(UnknownNameError, match=r"^Unknown world 'zzz'\. Known worlds: mock, travel\.$"):
        worlds.get("zzz")


def test_registered_objects_and_import_strings() -> None:
    reg: Registry[object] = Registry("gadget", "travel_sandbox.test-gadgets")
    sentinel = object()
    reg.register("thing", sentinel)
    reg.register("lazy", f"{__name__}:ANSWER")
    assert reg.get("thing") is sentinel
    assert reg.get("lazy") is ANSWER
    assert reg.get(f"{__name__}:ANSWER") is ANSWER
    assert reg.names() == ["lazy", "thing"]
    with pytest.raises(ConfigError, match="already registered"):
        reg.register("thing", object())
    reg.register("thing", ANSWER, replace=True)
    assert reg.get("thing") is ANSWER
    reg.unregister("thing")
    with pytest.raises(UnknownNameError, match=r"Unknown gadget 'thing'\. Known gadgets: lazy\."):
        reg.get("thing")


def test_import_strings_can_be_refused() -> None:
    reg: Registry[object] = Registry("gadget", "travel_sandbox.test-gadgets")
    with pytest.raises(UnknownNameError):
        reg.get(f"{__name__}:ANSWER", allow_import=False)


def test_bad_import_strings() -> None:
    reg: Registry[object] = Registry("gadget", "travel_sandbox.test-gadgets")
    with pytest.raises(UnknownNameError, match=r"Unknown gadget 'no_such_pkg\.mod:build'"):
        reg.get("no_such_pkg.mod:build")
    with pytest.raises(ConfigError, match=r"gadget 'sandbox\.errors:Nope': module 'sandbox\.errors' has no"):
        reg.get("sandbox.errors:Nope")
    assert import_object("sandbox.errors:UnknownNameError.__name__") == "UnknownNameError"


def test_plugins_register_like_built_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    group = "travel_sandbox.test-gadgets"
    plugin = importlib.metadata.EntryPoint(name="answer", value=f"{__name__}:ANSWER", group=group)
    broken = importlib.metadata.EntryPoint(name="broken", value="no_such_pkg.mod:thing", group=group)
    real = importlib.metadata.entry_points

    def entry_points(**kw: str) -> importlib.metadata.EntryPoints:
        if kw.get("group") == group:
            return importlib.metadata.EntryPoints([plugin, broken])
        return real(**kw)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    reg: Registry[object] = Registry("gadget", group)
    assert reg.names() == ["answer", "broken"]
    assert reg.get("answer") is ANSWER
    with pytest.raises(
        ConfigError, match=r"gadget 'broken' is installed \(entry point no_such_pkg\.mod:thing\)"
    ):
        reg.get("broken")


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_sandbox_never_imports_worlds_or_agents() -> None:
    """docs/architecture.md: worlds -> sandbox <- agents; the sandbox finds both by name."""
    root = Path(sandbox.__file__).parent
    offenders = {
        str(path.relative_to(root.parent)): sorted(
            m for m in _imported_modules(path) if m.split(".")[0] in ("worlds", "agents")
        )
        for path in sorted(root.rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) > 5  # the scan really saw the package


@pytest.mark.parametrize(("package", "forbidden"), [("agents", "worlds"), ("worlds", "agents")])
def test_agents_and_worlds_never_import_each_other(package: str, forbidden: str) -> None:
    """An agent sees a world only through tool schemas and results (so a model can never read a hidden
    scenario section); a world never imports an agent."""
    root = Path(sandbox.__file__).parent.parent / package
    offenders = {
        str(path.relative_to(root.parent)): sorted(
            m for m in _imported_modules(path) if m.split(".")[0] == forbidden
        )
        for path in sorted(root.rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) > 3


def test_a_plugin_whose_import_raises_anything_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    group = "travel_sandbox.test-gadgets"
    crashing = importlib.metadata.EntryPoint(name="crashing", value="sandbox.errors:NoSuchThing", group=group)
    real = importlib.metadata.entry_points
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda **kw: importlib.metadata.EntryPoints([crashing]) if kw.get("group") == group else real(**kw),
    )
    with pytest.raises(ConfigError) as info:
        Registry("gadget", group).get("crashing")
    assert str(info.value) == (
        "gadget 'crashing' is installed (entry point sandbox.errors:NoSuchThing) but cannot be imported: "
        "AttributeError: module 'sandbox.errors' has no attribute 'NoSuchThing'"
    )


# -- the default world -----------------------------------------------------------------------------


def test_the_default_world_is_the_setting_else_the_installations(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_world() == "travel"  # pyproject.toml: travel_sandbox.default_world
    monkeypatch.setenv("TRAVEL_SANDBOX_WORLD", "mock")
    assert default_world() == "mock"


def test_with_several_worlds_and_no_default_the_error_says_how_to_choose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry_module, "DEFAULT_WORLD_GROUP", "travel_sandbox.no_such_group")
    with pytest.raises(ConfigError) as info:
        default_world()
    assert str(info.value) == (
        "no default world among the installed worlds (mock, travel): name the world in the scenario "
        "(world.name) or set TRAVEL_SANDBOX_WORLD"
    )


def test_a_loaded_scenario_knows_its_world() -> None:
    mock = load_scenario(ROOT / "worlds" / "mock" / "scenarios" / "add-two-items.yaml")
    travel = load_scenario(ROOT / "scenarios" / "one-way.yaml")  # names no world: the default
    assert (world_of(mock), world_of(travel)) == (worlds.get("mock"), worlds.get("travel"))
