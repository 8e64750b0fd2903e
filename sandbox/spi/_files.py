"""Objects named by a file: ``path/to/file.py:attr`` (an agent or model factory that is not a package).

The file is imported as a module of its own (named after its path, so two files called ``agent.py``
never clash, and importing it twice gives the same module) with its folder first on the import path,
as ``python path/to/file.py`` would have it, so the file can import the modules beside it. Whatever
goes wrong says which file and why: it does not exist, its import raised (the exception, e.g.
``SyntaxError: invalid syntax (agent.py, line 3)``), or it has no such attribute (and what it has).

Only the command line and the Python API name files; the web app never does (``allow_import=False``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

from sandbox.errors import ConfigError

_lock = threading.Lock()


def is_file_spec(name: str) -> bool:
    """``"path/to/file.py:attr"`` (``attr`` may be dotted); the path is everything before the last colon."""
    path, sep, attr = name.rpartition(":")
    return bool(sep) and path.endswith(".py") and all(p.isidentifier() for p in attr.split("."))


def load_file_object(kind: str, name: str) -> Any:
    """The object ``attr`` of the file ``path`` in ``name`` (``path:attr``); ``ConfigError`` saying why not."""
    path_text, _, attr = name.rpartition(":")
    path = Path(path_text).expanduser()
    if not path.is_file():
        why = "is not a file" if path.exists() else "no such file"
        raise ConfigError(f"{kind} {name!r}: {path_text}: {why} (relative paths start at {Path.cwd()})")
    module = _import_file(kind, name, path.resolve())
    obj: Any = module
    for part in attr.split("."):
        if not hasattr(obj, part):
            public = sorted(n for n, v in vars(module).items() if callable(v) and not n.startswith("_"))
            has = f"; it defines: {', '.join(public)}" if public else ""
            raise ConfigError(f"{kind} {name!r}: {path_text} has no attribute {attr!r}{has}")
        obj = getattr(obj, part)
    return obj


def module_name_for(path: Path) -> str:
    """The module name a file is imported under: its stem and a digest of its absolute path."""
    stem = re.sub(r"\W", "_", path.stem)
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:10]
    return f"_travel_sandbox_file_{stem}_{digest}"


def _import_file(kind: str, name: str, path: Path) -> ModuleType:
    module_name = module_name_for(path)
    with _lock:
        if module_name in sys.modules:
            return sys.modules[module_name]
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a loader
            raise ConfigError(f"{kind} {name!r}: {path} cannot be imported")
        module = importlib.util.module_from_spec(spec)
        folder = str(path.parent)
        if folder not in sys.path:
            sys.path.insert(0, folder)
        sys.modules[module_name] = module  # before running it, as an import does (dataclasses need it)
        try:
            spec.loader.exec_module(module)
        except (Exception, SystemExit) as exc:  # a syntax error, a missing import, anything it raises
            del sys.modules[module_name]
            what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            raise ConfigError(f"{kind} {name!r}: importing {path.name} failed: {what}") from exc
        return module
