"""Find worlds, agents and models by name, binding late.

Built-ins register exactly like plugins: through the entry-point groups in ``pyproject.toml``
(``travel_sandbox.worlds``, ``travel_sandbox.agents``, ``travel_sandbox.models``). A name is
resolved, in order, from

1. names registered in this process (``registry.register("name", obj_or_"module:attr")``),
2. installed entry points of the registry's group,
3. a ``"package.module:attr"`` string, imported on the spot, or a ``"path/to/file.py:attr"`` string,
   the file imported on the spot (``sandbox.spi._files``); unless the caller forbids imports.

An unknown name raises ``UnknownNameError``, whose message suggests the closest known names. The sandbox
never imports ``worlds`` or ``agents`` itself; this module is how it reaches them.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sandbox.errors import ConfigError, UnknownNameError
from sandbox.settings import get_settings
from sandbox.spi._files import is_file_spec, load_file_object

if TYPE_CHECKING:
    from collections.abc import Callable

    from langchain_core.language_models import BaseChatModel

    from sandbox.spi._agent import AgentFactory
    from sandbox.spi._world import World

T = TypeVar("T")


def import_object(spec: str) -> Any:
    """Import ``"package.module:attr"`` (``attr`` may be dotted). Raises ImportError or AttributeError."""
    module_name, _, attr = spec.partition(":")
    obj: Any = importlib.import_module(module_name)
    for part in attr.split(".") if attr else []:
        obj = getattr(obj, part)
    return obj


def _is_spec(name: str) -> bool:
    """``"package.module:attr"`` with identifiers only (so ``"openai:gpt-4o"`` is not an import path)."""
    module, sep, attr = name.partition(":")
    return bool(sep) and all(p.isidentifier() for p in (module.split(".") + attr.split(".")))


class Registry(Generic[T]):
    """Named objects of one kind (``"world"``), from registrations, entry points and import paths."""

    def __init__(self, kind: str, group: str):
        self.kind, self.group = kind, group
        self._registered: dict[str, T | str] = {}
        self._loaded: dict[str, T] = {}
        self._lock = threading.Lock()

    def register(self, name: str, obj: T | str, *, replace: bool = False) -> None:
        """Register ``obj`` (or a ``"module:attr"`` string, imported on first use) under ``name``."""
        with self._lock:
            if name in self._registered and not replace:
                raise ConfigError(
                    f"{self.kind} {name!r} is already registered; pass replace=True to override"
                )
            self._registered[name] = obj
            self._loaded.pop(name, None)

    def unregister(self, name: str) -> None:
        """Forget a name registered in this process (entry points stay)."""
        with self._lock:
            self._registered.pop(name, None)
            self._loaded.pop(name, None)

    def _entry_points(self) -> dict[str, importlib.metadata.EntryPoint]:
        return {ep.name: ep for ep in importlib.metadata.entry_points(group=self.group)}

    def names(self) -> list[str]:
        """Every known name: registered here or installed as an entry point, sorted."""
        return sorted(set(self._registered) | set(self._entry_points()))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.names()

    def get(self, name: str, *, allow_import: bool = True) -> T:
        """The object called ``name``; ``allow_import=False`` refuses ``"module:attr"`` strings."""
        with self._lock:
            if name in self._loaded:
                return self._loaded[name]
        obj = self._resolve(name, allow_import)
        with self._lock:
            return self._loaded.setdefault(name, obj)

    def _resolve(self, name: str, allow_import: bool) -> T:
        if name in self._registered:
            target = self._registered[name]
            return self._import(name, target) if isinstance(target, str) else target
        entry_points = self._entry_points()
        if name in entry_points:
            try:
                obj: T = entry_points[name].load()
                return obj
            except (Exception, SystemExit) as exc:  # whatever the plugin's import raises
                raise ConfigError(
                    f"{self.kind} {name!r} is installed (entry point {entry_points[name].value}) "
                    f"but cannot be imported: {_describe(exc)}"
                ) from exc
        if allow_import and (is_file_spec(name) or _is_spec(name)):
            return self._import(name, name)
        raise UnknownNameError(self.kind, name, self.names())

    def _import(self, name: str, spec: str) -> T:
        if is_file_spec(spec):
            return load_file_object(self.kind, spec)
        module_name = spec.partition(":")[0]
        try:
            importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and (module_name + ".").startswith(exc.name + "."):
                raise ModuleMissingError(self.kind, name, exc.name, self.names()) from exc
            raise ConfigError(
                f"{self.kind} {name!r}: importing {module_name} failed: {_describe(exc)}"
            ) from exc
        except (Exception, SystemExit) as exc:  # a syntax error, or anything the module raises
            raise ConfigError(
                f"{self.kind} {name!r}: importing {module_name} failed: {_describe(exc)}"
            ) from exc
        try:
            obj: T = import_object(spec)  # the module is imported; this looks up the attribute
            return obj
        except AttributeError as exc:
            raise ConfigError(f"{self.kind} {name!r}: {exc}") from exc


class ModuleMissingError(UnknownNameError):
    """A ``package.module:attr`` name whose module is not on the import path."""

    def __init__(self, kind: str, name: str, module: str, known: Iterable[str]):
        super().__init__(kind, name, known)
        self.module = module
        head = f"Unknown {kind} {name!r}."
        hint = f" Module {module!r} not found; is its folder on PYTHONPATH?"
        here = [
            f
            for f in (f"{module.replace('.', '/')}.py", f"{module.replace('.', '/')}/__init__.py")
            if Path(f).is_file()
        ]
        if here and module == name.partition(":")[0]:
            attr = name.partition(":")[2]
            hint = (
                f" Module {module!r} is not on the import path, but ./{here[0]} is here: name the file"
                f" ({here[0]}:{attr}), or put this folder on the path (PYTHONPATH=.)."
            )
        Exception.__init__(self, head + hint + str(self)[len(head) :])


def _describe(exc: BaseException) -> str:
    """An exception as ``SyntaxError: invalid syntax (mod.py, line 3)``."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


#: Worlds; third-party worlds install an entry point in ``travel_sandbox.worlds``.
worlds: Registry[World[Any, Any]] = Registry("world", "travel_sandbox.worlds")
#: Agent factories, ``build(ctx) -> compiled graph``; also ``--agent package.module:build``.
agents: Registry[AgentFactory] = Registry("agent", "travel_sandbox.agents")
#: Chat-model factories (``scripted``, ``noisy``, ...).
models: Registry[Callable[..., BaseChatModel]] = Registry("model", "travel_sandbox.models")


#: The entry-point group in which an installation names its default world (the entry's name).
DEFAULT_WORLD_GROUP = "travel_sandbox.default_world"


def default_world() -> str:
    """The world of a scenario file that names none, and the CLI's default ``--world``.

    ``TRAVEL_SANDBOX_WORLD`` if set; else the world an installed distribution names in the
    ``travel_sandbox.default_world`` entry-point group; else the only registered world. With several
    worlds and none of these, a ``ConfigError`` says how to choose.
    """
    configured = get_settings().world
    if configured:
        return configured
    declared = sorted(ep.name for ep in importlib.metadata.entry_points(group=DEFAULT_WORLD_GROUP))
    if declared:
        return declared[0]
    names = worlds.names()
    if len(names) == 1:
        return names[0]
    known = ", ".join(names) or "none"
    raise ConfigError(
        f"no default world among the installed worlds ({known}): name the world in the scenario "
        "(world.name) or set TRAVEL_SANDBOX_WORLD"
    )


def world_of(scenario: Any) -> World[Any, Any]:
    """The world a loaded scenario belongs to: the one its ``world.name`` names (the default world
    for a scenario model without one)."""
    name = getattr(getattr(scenario, "world", None), "name", None)
    return worlds.get(name if isinstance(name, str) else default_world(), allow_import=False)
