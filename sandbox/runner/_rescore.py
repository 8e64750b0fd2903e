"""Rescoring: a stored batch's runs scored again, under the current scoring, without running them again.

Each run keeps the world's final state (``RunResult.final_state``); ``rescore_batch`` restores it into
a fresh env of the run's scenario, asks the world to score it with the stored trace and final message,
and combines the scores as a run's end does (``sandbox.scoring.combine``). Under unchanged scoring the
scores come out exactly as stored.

By default the rescored runs go into a **new batch** (new run ids; ``meta.rescored_from`` names the
source, and its provenance gives the current code, scoring and world versions), so the original scores
stay and ``travel-sandbox compare OLD NEW`` shows what the change in scoring did. ``in_place=True``
rewrites the source batch's runs, summary and provenance instead (``meta.rescored`` lists when).

Not every run can be rescored, and each one left alone says why (``notes``, and its row's ``status``):
a run stored by an earlier version has no final state; a scenario whose file is gone, or changed since
the batch ran (its hash differs), is not rescored against the wrong scenario. Those runs are left out
of a new batch (it is then incomplete, and ``compare`` says so) and left as they were in place. Runs
that ended ``error`` or were ``skipped`` have no scores: they are carried over unchanged.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sandbox.runner._provenance import batch_provenance, code_version, scenario_hash
from sandbox.scenarios import LoadedFile, check_files
from sandbox.scoring import SCORING_VERSION, combine, summarize
from sandbox.spi import RunEnd, RunEndEvent, RunResult, TraceEvent
from sandbox.store import RunStore


@dataclass
class Rescored:
    """The outcome of ``rescore_batch``: the batch written, one row per source run, notes, summaries."""

    source: str
    batch: str
    in_place: bool
    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """``rescore --json``: ``{source, batch, in_place, runs: [rows], before, after, notes}``."""
        return {
            "source": self.source,
            "batch": self.batch,
            "in_place": self.in_place,
            "runs": self.rows,
            "before": self.before,
            "after": self.after,
            "notes": self.notes,
        }


def _scenario_files(meta: dict[str, Any], notes: list[str]) -> dict[str, LoadedFile]:
    """The batch's scenarios as they are now, by id, each only if it is unchanged since the batch ran."""
    recorded: dict[str, Any] = (meta.get("provenance") or {}).get("scenarios") or {}
    paths = (
        [e["file"] for e in recorded.values() if e.get("file")] if recorded else list(meta.get("paths", []))
    )
    found: dict[str, LoadedFile] = {}
    for f in check_files([p for p in paths if Path(p).exists()]):
        if f.scenario is not None and not f.issues:
            found.setdefault(f.scenario.id, f)
    if not recorded:
        notes.append(
            "the batch records no scenario hashes (an earlier version ran it): its runs are scored "
            "against the scenario files as they are now"
        )
        return found
    usable: dict[str, LoadedFile] = {}
    for sid, entry in recorded.items():
        hit = found.get(sid)
        if hit is None or hit.scenario is None:
            notes.append(f"scenario {sid!r}: its file ({entry.get('file')}) is gone or invalid: not rescored")
        elif scenario_hash(hit.scenario) != entry.get("hash"):
            notes.append(
                f"scenario {sid!r} changed since the batch ran ({hit.file}): its runs are not rescored"
            )
        else:
            usable[sid] = hit
    return usable


def _rescore_run(run: RunResult, loaded: LoadedFile) -> RunResult:
    """The run with its scores computed again from its final state, trace and final message."""
    assert loaded.scenario is not None and loaded.world is not None and run.final_state is not None
    world, scenario = loaded.world, loaded.scenario
    env = world.new_env(scenario, trial=run.trial)
    env.restore_state(run.final_state)
    events: list[TraceEvent] = [e for e in run.trace if not isinstance(e, RunEndEvent)]
    ws = world.score(scenario, env, events, run.final_message)
    scores = combine(scenario, ws, events)
    ends = [e for e in run.trace if isinstance(e, RunEndEvent)]
    end = RunEnd(status="done", overall=scores.overall, passed=scores.passed)
    trace = [*events, ends[-1].model_copy(update={"data": end})] if ends else events
    return run.model_copy(
        update={"scores": scores, "spend": ws.spend, "budget": ws.budget_limit, "trace": trace}
    )


def _row(run: RunResult, after: RunResult | None, status: str) -> dict[str, Any]:
    b, a = run.scores, after.scores if after is not None else None
    return {
        "scenario": run.scenario,
        "trial": run.trial,
        "run": run.id,
        "rescored_run": after.id if after is not None else None,
        "status": status,
        "before_overall": b.overall if b else None,
        "after_overall": a.overall if a else None,
        "before_passed": b.passed if b else None,
        "after_passed": a.passed if a else None,
    }


def rescore_batch(store: RunStore, batch_id: str, *, in_place: bool = False) -> Rescored:
    """Score a stored batch's runs again under the current scoring (see the module docstring)."""
    info = store.get_batch(batch_id)
    source, meta = info.id, copy.deepcopy(info.meta)
    runs = store.batch_runs(source)
    out = Rescored(source=source, batch=source, in_place=in_place)
    files = _scenario_files(meta, out.notes)
    kept: list[RunResult] = []
    no_state = 0
    for run in runs:
        after: RunResult | None = None
        if run.status != "done":
            after, status = run, f"kept ({run.status})"
        elif run.final_state is None:
            no_state += 1
            status = "not rescored: no final state stored"
        elif run.scenario not in files:
            status = "not rescored: scenario changed or gone"
        else:
            try:
                after, status = _rescore_run(run, files[run.scenario]), "rescored"
            except Exception as exc:  # noqa: BLE001 - one run that cannot be scored never stops the rest
                status = f"not rescored: {type(exc).__name__}: {exc}"
                out.notes.append(f"run {run.id} ({run.scenario} trial {run.trial}): {status}")
        if after is not None and not in_place:
            after = after.model_copy(update={"id": uuid.uuid4().hex[:12]})
        out.rows.append(_row(run, after, status))
        if after is not None:
            kept.append(after)
    if no_state:
        out.notes.append(
            f"{no_state} run(s) were stored without their final state (by an earlier version) and are "
            + ("left as they were" if in_place else "left out of the rescored batch")
        )
    out.notes.extend(_record_provenance(meta, source, list(files.values()), in_place))
    out.before = summarize(runs)
    out.batch = source if in_place else store.start_batch(meta)
    for run in kept:
        store.save(run, out.batch)
    whole = store.batch_runs(out.batch, trace=False) if in_place else kept
    out.after = summarize(whole)
    if in_place:
        store.update_batch(source, meta)
    store.finish_batch(out.batch, {"batch": out.batch, **out.after, "provenance": meta.get("provenance")})
    return out


def _record_provenance(
    meta: dict[str, Any], source: str, files: Sequence[LoadedFile], in_place: bool
) -> list[str]:
    """Record the batch's provenance after rescoring: the current code, scoring and world versions (the
    code the runs ran on is kept under ``rescored_from`` / ``rescored``). Returns a note for each
    world value that changed since the runs ran (e.g. a catalog: they are scored against the new one)."""
    prov = meta.setdefault("provenance", {})
    mark = {
        "at": datetime.now(UTC).isoformat(),
        "ran_on_code": prov.get("code"),
        "scoring_version": SCORING_VERSION,
    }
    now = batch_provenance(files)
    notes = [
        f"world {world} {key}: the runs ran with {was!r}, rescored with {now['worlds'][world][key]!r}"
        for world, values in (prov.get("worlds") or {}).items()
        for key, was in values.items()
        if key in now["worlds"].get(world, {}) and now["worlds"][world][key] != was
    ]
    prov.update({"code": code_version(), "scoring_version": SCORING_VERSION, "worlds": now["worlds"]})
    if in_place:
        meta["rescored"] = [*meta.get("rescored", []), mark]
    else:
        meta["rescored_from"] = {"batch": source, **mark}
    return notes
