"""Provenance: what a batch's results depend on, recorded with the batch so that batches compare safely.

``batch_provenance(files)`` is the ``provenance`` of a batch's meta::

    code             {"package", "version", "commit" (git, or null), "dirty" (uncommitted changes to
                     tracked files, or null), "diff" (a hash of those changes: equal diffs, equal code)}
    scoring_version  sandbox.scoring.SCORING_VERSION: how checks combine into scores and a pass
    worlds           {world: {key: value}}: each world's own (``World.provenance``), e.g. the version
                     and hash of the data its scenarios run on and the world's scoring version
    scenarios        {id: {"hash", "version", "file"}}: the content hash of each scenario as loaded

The code version never fails: without git (or outside a checkout) the commit is null. A scenario's
``hash`` is the SHA-256 of its canonical JSON (the validated model, keys sorted), so comments and
layout do not change it and any change of content does.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from sandbox.scenarios import LoadedFile
from sandbox.scoring import SCORING_VERSION
from sandbox.spi import ScenarioBase

PACKAGE = "travel-agent-sandbox"
_SOURCE = Path(__file__).resolve().parents[2]  # the folder holding sandbox/ (a checkout's root)


def scenario_hash(scenario: ScenarioBase) -> str:
    """SHA-256 of the scenario's canonical JSON: what it says, not how the file lays it out."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(_SOURCE), *args], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):  # no git, or it hung
        return None
    return done.stdout.strip() if done.returncode == 0 else None


@cache
def code_version() -> dict[str, Any]:
    """The installed package's version and, in a git checkout, its commit and whether it has
    uncommitted changes to tracked files (and a hash of them). Never raises: unknown parts are null."""
    try:
        version: str | None = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        version = None
    commit = _git("rev-parse", "HEAD")
    diff = _git("diff", "HEAD", "--no-ext-diff", "--no-color") if commit else None
    return {
        "package": PACKAGE,
        "version": version,
        "commit": commit,
        "dirty": bool(diff) if commit else None,
        "diff": hashlib.sha256(diff.encode("utf-8")).hexdigest()[:16] if diff else None,
    }


def batch_provenance(files: Sequence[LoadedFile]) -> dict[str, Any]:
    """The provenance of a batch over these loaded scenario files (see the module docstring)."""
    worlds: dict[str, dict[str, Any]] = {}
    scenarios: dict[str, dict[str, Any]] = {}
    for f in files:
        if f.scenario is None:
            continue
        scenarios[f.scenario.id] = {
            "hash": scenario_hash(f.scenario),
            "version": f.scenario.version,
            "file": str(Path(f.file).resolve()),
        }
        world = f.world
        own = getattr(world, "provenance", None) if world is not None else None
        if world is not None and callable(own):
            worlds.setdefault(world.name, {}).update(own(f.scenario))
    return {
        "code": code_version(),
        "scoring_version": SCORING_VERSION,
        "worlds": worlds,
        "scenarios": scenarios,
    }
