"""Run the adversarial agents over scenario files: which scenarios can be gamed (docs/adversaries.md).

``adversarial_passes(paths)`` runs every registered adversary (agents named ``adv-*``) once over
each scenario (trial 0; they are deterministic) and returns every run an adversary PASSED — each a
place where the scoring, or the scenario, lets a yardstick through. ``travel-sandbox validate
--adversarial PATH...`` prints them; a scenario author reads the list before shipping a scenario.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sandbox.runner._batch import load_jobs, run_batch
from sandbox.runner._parts import RunOptions
from sandbox.scenarios import check_files
from sandbox.spi import agents

#: Adversaries are agents registered under names with this prefix.
ADVERSARY_PREFIX = "adv-"


def adversary_names() -> list[str]:
    """Every registered adversary, by name."""
    return sorted(n for n in agents.names() if n.startswith(ADVERSARY_PREFIX))


@dataclass(frozen=True)
class AdversaryPass:
    """An adversary that passed a scenario, and the scenario's file."""

    agent: str
    scenario: str
    file: str
    overall: float


@dataclass(frozen=True)
class AdversarialReport:
    agents: list[str]
    scenarios: int
    passes: list[AdversaryPass]
    errors: list[str]


def adversarial_passes(paths: Sequence[str | Path], names: Sequence[str] | None = None) -> AdversarialReport:
    """Every (adversary, scenario) pass over the scenario files at ``paths``; run errors in words."""
    jobs = load_jobs(paths, trials=1)
    files = {r.scenario.id: str(r.file) for r in check_files(paths) if r.scenario is not None}
    chosen = list(names) if names else adversary_names()
    passes: list[AdversaryPass] = []
    errors: list[str] = []
    for name in chosen:
        for r in run_batch(jobs, RunOptions(agent=name, model="scripted")):
            if r.status == "error":
                errors.append(f"{name} on {r.scenario}: {r.error}")
            elif r.scores is not None and r.scores.passed:
                passes.append(AdversaryPass(name, r.scenario, files.get(r.scenario, ""), r.scores.overall))
    return AdversarialReport(chosen, len(jobs), passes, errors)
