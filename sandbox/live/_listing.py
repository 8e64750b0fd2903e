"""One page of the runs list: live runs (running, waiting) and stored runs, filtered, newest first.

A run is live while it is ``running`` or ``waiting`` (a row in ``live_runs``) and stored once it is
over (the run store, with the CLI's batches). ``ListQuery`` filters both by agent, model, policy and
scenario; ``status`` picks one side (``running``/``waiting``: live; ``done``/``error``/``passed``/
``failed``: stored) and ``batch`` the stored side (live runs belong to no batch).

A page is found without loading what precedes it: both sides give only their sort keys
(``started_at``, ``id``) for the first ``offset + limit`` rows, the keys are merged, and only the
page's runs are loaded. ``MAX_OFFSET`` bounds that work.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

from sandbox.live import _views as views
from sandbox.live._store import LiveStore
from sandbox.store import RunFilter, RunStore

RunStatusFilter = Literal["done", "error", "skipped", "passed", "failed"]
ListStatus = Literal["running", "waiting", "done", "error", "skipped", "passed", "failed"]
LIVE_STATUSES: tuple[str, ...] = ("running", "waiting")
#: How far into the list a page may start.
MAX_OFFSET = 100_000
MAX_TEXT = 200


class ListQuery(BaseModel):
    """Which runs the runs list shows (``None``: any); every field given must match exactly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    batch: str | None = Field(None, max_length=MAX_TEXT)
    agent: str | None = Field(None, max_length=MAX_TEXT)
    model: str | None = Field(None, max_length=MAX_TEXT)
    policy: str | None = Field(None, max_length=MAX_TEXT)
    scenario: str | None = Field(None, max_length=MAX_TEXT)
    status: ListStatus | None = None

    def names(self) -> dict[str, str]:
        """The name filters both sides share (agent, model, policy, scenario)."""
        return {k: v for k in ("agent", "model", "policy", "scenario") if (v := getattr(self, k)) is not None}

    def live_statuses(self) -> tuple[str, ...]:
        """The live statuses that can match (none for a batch or a finished status)."""
        if self.batch is not None:
            return ()
        if self.status is None:
            return LIVE_STATUSES
        return (self.status,) if self.status in LIVE_STATUSES else ()

    def stored(self) -> RunFilter | None:
        """The run store's filter, or None when only live runs can match."""
        if self.status in LIVE_STATUSES:
            return None
        status = cast(RunStatusFilter | None, self.status)
        return RunFilter(
            batch=self.batch,
            agent=self.agent,
            model=self.model,
            policy=self.policy,
            scenario=self.scenario,
            status=status,
        )


def list_page(
    store: LiveStore, runs: RunStore, query: ListQuery, limit: int, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """The runs ``[offset, offset + limit)`` of the filtered list, newest first, and how many match."""
    if not 0 <= offset <= MAX_OFFSET:
        raise ValueError(f"offset must be between 0 and {MAX_OFFSET}, got {offset}")
    reach = offset + limit
    statuses, stored = query.live_statuses(), query.stored()
    live_rows = store.runs(statuses=statuses, limit=reach, where=query.names()) if statuses else []
    live_by_id = {r.id: r for r in live_rows}
    keys: list[tuple[datetime, str, str | None]] = [
        (views.aware(r.created_at), r.id, None) for r in live_rows
    ]
    if stored is not None:
        keys += [k for k in runs.keys(stored, limit=reach) if k[1] not in live_by_id]
    page = sorted(keys, key=lambda k: (k[0], k[1]), reverse=True)[offset:reach]
    total = (store.count(statuses, query.names()) if statuses else 0) + (
        runs.count(stored) if stored is not None else 0
    )

    live_ids = [i for _, i, _ in page if i in live_by_id]
    counts, pending = store.counts(live_ids), store.pending(live_ids)
    loaded = runs.public_runs([i for _, i, _ in page if i not in live_by_id])
    started_live = store.known(list(loaded))
    out = []
    for _, run_id, batch in page:
        if run_id in live_by_id:
            row = live_by_id[run_id]
            view = views.run_view(row, None, None, pending[run_id], trace=False, counts=counts[run_id])
        elif run_id in loaded:
            view = views.run_view(None, loaded[run_id], None, [], trace=False, live=run_id in started_live)
        else:
            continue  # deleted between the two reads
        out.append({**view, "batch": batch})
    return out, total


def batch_list(runs: RunStore, limit: int) -> list[dict[str, Any]]:
    """The most recent batches: who ran them and how many runs are stored (never the paths they read)."""
    out = []
    for b in runs.batches(limit=limit):
        meta = b.meta
        out.append(
            {
                "id": b.id,
                "created_at": b.created_at,
                "finished_at": b.finished_at,
                "runs": b.runs,
                "planned_runs": meta.get("planned_runs")
                if isinstance(meta.get("planned_runs"), int)
                else None,
                **{
                    k: str(meta[k]) if meta.get(k) is not None else None for k in ("agent", "model", "policy")
                },
                "trials": meta.get("trials") if isinstance(meta.get("trials"), int) else None,
            }
        )
    return out
