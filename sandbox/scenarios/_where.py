"""Where scenario files are: the shipped folder, and the file a path that does not exist probably meant.

``travel-sandbox run one-way`` names no file; ``suggest`` finds ``scenarios/one-way.yaml`` by file
name or scenario id (``id:``), exactly or closely, in the missing path's folder and the shipped one,
so the error can say "did you mean scenarios/one-way.yaml?".
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

SCENARIOS_ENV = "TRAVEL_SANDBOX_SCENARIOS"
SUFFIXES = (".yaml", ".yml")
_ID = re.compile(r"^id:\s*[\"']?([\w.-]+)", re.M)


def default_scenarios_dir() -> Path:
    """The shipped scenarios: ``$TRAVEL_SANDBOX_SCENARIOS``, else ``scenarios/`` beside the packages."""
    configured = os.environ.get(SCENARIOS_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "scenarios"


def _scenario_id(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
    except OSError:
        return None
    found = _ID.search(head)
    return found.group(1) if found else None


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def suggest(missing: str | Path) -> list[str]:
    """The scenario files ``missing`` (a path that does not exist) probably meant, best first."""
    missing = Path(missing)
    folders = [f for f in (missing.parent, default_scenarios_dir()) if f.is_dir()]
    by_name: dict[str, Path] = {}
    for folder in dict.fromkeys(p.resolve() for p in folders):
        for file in sorted(f for f in folder.iterdir() if f.suffix in SUFFIXES and f.is_file()):
            by_name.setdefault(file.stem, file)
            sid = _scenario_id(file)
            if sid is not None:
                by_name.setdefault(sid, file)
    wanted = missing.stem if missing.suffix in SUFFIXES else missing.name
    keys = [wanted] if wanted in by_name else difflib.get_close_matches(wanted, by_name, n=3, cutoff=0.6)
    return list(dict.fromkeys(_shown(by_name[k]) for k in keys))


def no_such_file(path: str | Path) -> str:
    """The message for a scenario path that does not exist, with what it probably meant."""
    found = suggest(path)
    return f"no such file; did you mean {' or '.join(found)}?" if found else "no such file"
