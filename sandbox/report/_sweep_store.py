"""Policy sweeps read back from the run store: each of a sweep's batches carries ``meta.sweep``
(``{"id", "policy", "position", "policies"}``, written by ``sandbox.runner.run_sweep``).

``load_sweep(store, sweep_id)`` gives the sweep's table (``sandbox.scoring.sweep_json`` over each
batch's runs) for ``travel-sandbox sweep --show`` and the web app's sweep page; ``recent_sweeps``
lists the sweeps of the most recent batches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sandbox.errors import ConfigError
from sandbox.scoring import sweep_json, sweep_row
from sandbox.store import BatchInfo, RunStore

SCAN_BATCHES = 2_000  # how many recent batches are searched for a sweep's


@dataclass(frozen=True)
class StoredSweep:
    """A sweep as stored: its id, its policies and their batches (in order), who ran it, its table."""

    id: str
    policies: list[str]
    batches: list[str]
    about: str  # agent · model · human
    table: dict[str, Any]


def _tag(info: BatchInfo) -> dict[str, Any] | None:
    tag = info.meta.get("sweep") if isinstance(info.meta, dict) else None
    return tag if isinstance(tag, dict) and isinstance(tag.get("id"), str) else None


def recent_sweeps(store: RunStore, limit: int = 20) -> list[dict[str, Any]]:
    """``[{"id", "policies", "created_at", "about"}]`` of the sweeps among the recent batches, newest
    first."""
    seen: dict[str, dict[str, Any]] = {}
    for info in store.batches(limit=SCAN_BATCHES):
        tag = _tag(info)
        if tag is None or tag["id"] in seen:
            continue
        seen[tag["id"]] = {
            "id": tag["id"],
            "policies": list(tag.get("policies") or []),
            "created_at": info.created_at,
            "about": _about(info.meta),
        }
    return list(seen.values())[:limit]


def _about(meta: dict[str, Any]) -> str:
    return f"agent {meta.get('agent')} · model {meta.get('model')} · human {meta.get('human')}"


def load_sweep(store: RunStore, sweep_id: str) -> StoredSweep:
    """The sweep ``sweep_id`` (a unique prefix is enough); ``ConfigError`` when no batch belongs to it
    or the prefix is ambiguous."""
    found: dict[str, list[tuple[int, str, BatchInfo]]] = {}
    for info in store.batches(limit=SCAN_BATCHES):
        tag = _tag(info)
        if tag is not None and sweep_id and tag["id"].startswith(sweep_id):
            found.setdefault(tag["id"], []).append(
                (int(tag.get("position", 0)), str(tag.get("policy")), info)
            )
    if not found:
        raise ConfigError(f"no sweep {sweep_id!r} in {store.url}")
    if len(found) > 1:
        raise ConfigError(f"sweep id {sweep_id!r} is ambiguous: {', '.join(sorted(found))}")
    ((full, entries),) = found.items()
    entries.sort(key=lambda e: e[0])
    rows = [sweep_row(policy, store.batch_runs(info.id)) for _, policy, info in entries]
    return StoredSweep(
        full,
        [p for _, p, _ in entries],
        [info.id for _, _, info in entries],
        _about(entries[0][2].meta),
        sweep_json(rows),
    )
