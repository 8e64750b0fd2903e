"""What a live run may be started with, and what a decision must say.

The web app takes names only: scenarios of its library (the shipped or configured scenarios
directory), installed agents and models, and policy presets. It never imports ``module:attr`` strings
or reads policy files named by a request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox.control import DecisionIn, load_policy
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.scenarios import read_scenario, scenario_files
from sandbox.spi import ScenarioBase, agents, models, split_name

log = logging.getLogger(__name__)


class InvalidDecision(ConfigError):
    """A well-formed decision that does not fit its checkpoint (e.g. an alternative that is not there)."""


@dataclass(frozen=True)
class Entry:
    scenario: ScenarioBase
    base_dir: Path
    file: str


class Library:
    """The valid scenarios of a directory, by id (an invalid file is logged and left out)."""

    def __init__(self, entries: dict[str, Entry], directory: Path):
        self.entries, self.directory = entries, directory

    @classmethod
    def load(cls, directory: Path) -> Library:
        """Read every scenario file of ``directory``; a file that cannot be used is logged and skipped."""
        entries: dict[str, Entry] = {}
        for file in scenario_files([directory]) if directory.is_dir() else []:
            try:
                loaded = read_scenario(file)
            except Exception:  # one bad file must never stop the app from starting
                log.exception("scenario file %s left out: reading it failed", file)
                continue
            if loaded.scenario is None or loaded.issues:
                log.warning("scenario file %s left out: %s", loaded.file, "; ".join(map(str, loaded.issues)))
                continue
            first = entries.get(loaded.scenario.id)
            if first is not None:
                log.warning(
                    "scenario file %s left out: duplicate scenario id %r (also in %s)",
                    loaded.file,
                    loaded.scenario.id,
                    first.file,
                )
                continue
            entries[loaded.scenario.id] = Entry(loaded.scenario, Path(loaded.file).parent, loaded.file)
        return cls(entries, directory)

    def get(self, scenario_id: str) -> Entry:
        entry = self.entries.get(scenario_id)
        if entry is None:
            raise UnknownNameError("scenario", scenario_id, self.entries)
        return entry

    def summaries(self) -> list[dict[str, Any]]:
        return [
            dict(
                id=e.scenario.id,
                title=e.scenario.title,
                tags=list(e.scenario.tags),
                request=e.scenario.request,
                version=e.scenario.version,
                expect=e.scenario.expect.outcome,
            )
            for e in sorted(self.entries.values(), key=lambda e: e.scenario.id)
        ]


def validate_names(agent: str, model: str, policy: str | None) -> None:
    """Raise ``UnknownNameError``/``ConfigError`` (with did-you-mean) for names the app cannot run."""
    factory = agents.get(agent, allow_import=False)
    if getattr(factory, "needs_model", True):
        prefix, _ = split_name(model)
        if prefix not in models.names():
            raise UnknownNameError("model", model, models.names())
        models.get(prefix, allow_import=False)
    if policy is not None:
        if policy.endswith((".yaml", ".yml")) or "/" in policy or "\\" in policy:
            raise ConfigError(f"policy {policy!r}: the web app takes preset names only (see /api/policies)")
        load_policy(policy)


def validate_decision(decision: DecisionIn, payload: dict[str, Any]) -> None:
    """Check that a decision fits its checkpoint; raise ``InvalidDecision`` saying what is missing."""
    kind = payload.get("kind")
    if kind == "question" and decision.decision not in ("respond", "reject"):
        raise InvalidDecision("This checkpoint is a question: answer it (respond with text) or reject it.")
    if decision.decision == "respond" and not (decision.text or "").strip():
        raise InvalidDecision(
            "respond needs a non-empty 'text': the answer given instead of running the tool."
        )
    if decision.decision == "edit":
        if decision.args is None and decision.alternative is None:
            raise InvalidDecision(
                "edit needs 'args' (an object of argument values) or 'alternative' (an index)."
            )
        alternatives = payload.get("alternatives") or []
        if decision.alternative is not None and decision.alternative >= len(alternatives):
            have = f"0..{len(alternatives) - 1}" if alternatives else "none"
            raise InvalidDecision(
                f"alternative {decision.alternative} does not exist; this checkpoint's alternatives: {have}."
            )
