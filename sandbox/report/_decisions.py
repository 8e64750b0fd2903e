"""Every human decision in the run store, with its checkpoint's context and the run's outcome: the
data a better override policy is fitted on (``travel-sandbox decisions export``, then ``policy suggest``).

A stored run is any run that finished or failed, from the command line (a batch: scripted, auto,
reviewer or console humans) or from the web app (a person in the browser; a live run is stored once it
ends, so decisions of a run still waiting are not exported yet). One row per checkpoint that was
decided (``DECISION_COLUMNS``, in order)::

    run_id, batch, started_at, scenario, trial, agent, model, policy, human     the run
    call_id, kind, tool, tool_kind, amount, budget_remaining, confidence, rule   the checkpoint
    decision, reason, reason_kind, seconds                                       what the human said
    harms                 the harms the world judged in the call (the agent's; 0 for a harmless call)
    run_status, run_passed, run_overall                                          how the run ended

``write_decisions`` writes them as JSON lines (``.jsonl``) or CSV (``.csv``); ``read_decisions`` reads
either back (CSV cells typed again).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sandbox.errors import ConfigError
from sandbox.scoring import harms_of
from sandbox.spi import CheckpointEvent, DecisionEvent, HumanDecision, RunResult
from sandbox.store import RunStore

DECISION_COLUMNS: tuple[str, ...] = (
    "run_id", "batch", "started_at", "scenario", "trial", "agent", "model", "policy", "human",
    "call_id", "kind", "tool", "tool_kind", "amount", "budget_remaining", "confidence", "rule",
    "decision", "reason", "reason_kind", "seconds", "harms", "run_status", "run_passed", "run_overall",
)  # fmt: skip
_NUMBERS = {"trial": int, "harms": int, "amount": float, "budget_remaining": float, "confidence": float,
            "seconds": float, "run_overall": float}  # fmt: skip
MAX_RUNS = 100_000  # the most runs one export reads


def run_decisions(run: RunResult, batch: str | None = None) -> list[dict[str, Any]]:
    """The rows of one run (see the module docstring), in checkpoint order."""
    said = {
        e.data.id: e.data
        for e in run.trace
        if isinstance(e, DecisionEvent) and isinstance(e.data, HumanDecision)
    }
    harms: dict[str, int] = {}
    for h in harms_of(run.trace):
        if h.by == "agent":
            harms[h.id] = harms.get(h.id, 0) + 1
    passed = run.scores.passed if run.status == "done" and run.scores is not None else False
    rows = []
    for e in run.trace:
        if not isinstance(e, CheckpointEvent) or e.data.call_id not in said:
            continue
        cp, d = e.data, said[e.data.call_id]
        rows.append(
            {
                "run_id": run.id, "batch": batch, "started_at": run.started_at.isoformat(),
                "scenario": run.scenario, "trial": run.trial, "agent": run.agent, "model": run.model,
                "policy": run.policy, "human": run.human,
                "call_id": cp.call_id, "kind": cp.kind, "tool": cp.tool, "tool_kind": cp.tool_kind,
                "amount": cp.amount, "budget_remaining": cp.budget_remaining, "confidence": cp.confidence,
                "rule": cp.rule,
                "decision": d.decision, "reason": d.reason, "reason_kind": d.reason_kind, "seconds": d.seconds,
                "harms": harms.get(cp.call_id, 0),
                "run_status": run.status, "run_passed": passed,
                "run_overall": run.scores.overall if run.scores is not None else None,
            }
        )  # fmt: skip
    return rows


def store_decisions(
    store: RunStore, since: datetime | None = None, batches: Iterable[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Every decision of the runs in ``store`` that started at or after ``since`` (and belong to one of
    ``batches``, when given: ids or unique prefixes), oldest run first."""
    wanted = {store.get_batch(b).id for b in batches} if batches else None
    keys = store.keys(limit=MAX_RUNS)
    for started, run_id, batch in reversed(keys):
        if since is not None and started < since:
            continue
        if wanted is not None and batch not in wanted:
            continue
        yield from run_decisions(store.get(run_id), batch)


def parse_since(text: str) -> datetime:
    """An ISO date or date-time (``2026-11-29``, ``2026-11-29T10:00``); UTC when no zone is given."""
    from datetime import UTC

    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            f"--since: expected a date or date-time like 2026-11-29 or 2026-11-29T10:00, got {text!r}"
        ) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        raise ConfigError(f"{path}: the file name must end in .jsonl or .csv (got {suffix or 'no suffix'!r})")
    return suffix[1:]


def write_decisions(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write ``rows`` to ``path`` as JSON lines or CSV (by its suffix); returns how many were written."""
    fmt = _format(path)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, DECISION_COLUMNS) if fmt == "csv" else None
        if writer is not None:
            writer.writeheader()
        for row in rows:
            if writer is not None:
                writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in DECISION_COLUMNS})
            else:
                f.write(json.dumps({k: row.get(k) for k in DECISION_COLUMNS}) + "\n")
            n += 1
    return n


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in DECISION_COLUMNS:
        value = row.get(key)
        if value == "" or value is None:
            out[key] = None
        elif key in _NUMBERS:
            out[key] = _NUMBERS[key](value)
        elif key == "run_passed":
            out[key] = value if isinstance(value, bool) else str(value) == "True"
        else:
            out[key] = value
    return out


def read_decisions(path: Path) -> list[dict[str, Any]]:
    """The rows of a ``decisions export`` file; ``ConfigError`` naming the file and line for a bad one."""
    fmt = _format(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such file")
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        if fmt == "csv":
            reader = csv.DictReader(f)
            missing = [c for c in ("kind", "tool_kind", "decision") if c not in (reader.fieldnames or [])]
            if missing:
                raise ConfigError(f"{path}: not a decisions export (no column {', '.join(missing)})")
            lines: Iterable[tuple[int, Any]] = ((n + 2, r) for n, r in enumerate(reader))
        else:
            lines = ((n + 1, _json_line(path, n + 1, line)) for n, line in enumerate(f) if line.strip())
        for line_no, raw in lines:
            if not isinstance(raw, dict) or raw.get("decision") is None:
                raise ConfigError(f"{path}:{line_no}: not a decision row (no 'decision')")
            try:
                rows.append(_typed(raw))
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"{path}:{line_no}: {exc}") from None
    return rows


def _json_line(path: Path, line_no: int, line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{line_no}: not JSON ({exc.msg})") from None
