"""A policy sweep: the same scenario files, trials, agent, model and human, once per override policy.

``run_sweep`` checks every policy before anything runs (an unknown one raises ``UnknownNameError``
with a did-you-mean), then runs one stored batch per policy (``run_stored_batch``), in the order given,
and tags each batch's ``meta`` with ``sweep: {"id", "policy", "position", "policies"}`` so that the
sweep can be read back from the store (``sandbox.report.load_sweep``). The table and its Pareto frontier are
``sandbox.scoring.sweep_row`` / ``sweep_json`` over each batch's runs.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from sandbox.control import load_policy
from sandbox.errors import ConfigError
from sandbox.runner._batch import SpendCaps
from sandbox.runner._parts import RunOptions
from sandbox.runner._suite import StoredBatch, check_options, run_stored_batch
from sandbox.scoring import sweep_json, sweep_row
from sandbox.store import RunStore

MAX_POLICIES = 32


@dataclass(frozen=True)
class Sweep:
    """A sweep that ran: its id, and per policy, in order, its batch."""

    id: str
    policies: list[str]
    batches: list[StoredBatch]

    def table(self) -> dict[str, Any]:
        """``{"policies": [row, ...], "frontier": [...]}`` (``sandbox.scoring.sweep_json``)."""
        return sweep_json([sweep_row(p, b.runs) for p, b in zip(self.policies, self.batches, strict=True)])


def parse_policies(text: str | Sequence[str]) -> list[str]:
    """The policies of ``--policies P1,P2,...`` (or a list): stripped, none empty, no repeats; each one
    resolved (a preset name, ``ask-above-N`` or a YAML file), so a bad one fails before anything runs."""
    items = text.split(",") if isinstance(text, str) else list(text)
    names = [p.strip() for p in items]
    if not names or any(not n for n in names):
        raise ConfigError(
            "--policies: expected a comma-separated list of policies, e.g. never-ask,ask-on-write"
        )
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"--policies: {', '.join(dupes)} given more than once")
    if len(names) > MAX_POLICIES:
        raise ConfigError(f"--policies: at most {MAX_POLICIES} policies in one sweep, got {len(names)}")
    for name in names:
        load_policy(name)  # UnknownNameError (did you mean) or ConfigError (a bad file)
    return names


def run_sweep(
    paths: Sequence[str | Path],
    options: RunOptions,
    policies: Sequence[str],
    *,
    store: RunStore,
    trials: int = 1,
    concurrency: int = 2,
    console: Console | None = None,
    caps: SpendCaps | None = None,
    on_policy: Callable[[int, str], None] | None = None,
) -> Sweep:
    """Run ``paths`` x ``trials`` once per policy (``options.policy`` replaced), each a stored batch.
    ``on_policy(position, policy)`` is called before each batch starts (a progress line)."""
    policies = parse_policies(policies)
    for p in policies:
        check_options(dataclasses.replace(options, policy=p), caps)
    sweep_id = uuid.uuid4().hex[:12]
    batches: list[StoredBatch] = []
    for n, policy in enumerate(policies):
        if on_policy is not None:
            on_policy(n, policy)
        batch = run_stored_batch(
            paths,
            dataclasses.replace(options, policy=policy),
            store=store,
            trials=trials,
            concurrency=concurrency,
            console=console,
            caps=caps,
        )
        meta = dict(store.get_batch(batch.id).meta)
        meta["sweep"] = {"id": sweep_id, "policy": policy, "position": n, "policies": list(policies)}
        store.update_batch(batch.id, meta)
        batches.append(batch)
    return Sweep(sweep_id, list(policies), batches)
