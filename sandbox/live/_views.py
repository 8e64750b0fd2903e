"""What live runs look like from outside: plain JSON-able dicts.

A run is either live (a row in ``live_runs``: started from the web app) or only stored (a
``RunResult`` in the run store, e.g. from a CLI batch). A finished live run has both; its scores and
process metrics come from the stored result, its trace from ``live_events``.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from sandbox.control import list_policies
from sandbox.live._rows import LiveCheckpointRow, LiveRunRow
from sandbox.scoring import harm_counts
from sandbox.spi import RunResult, agents, is_privileged, models, parse_events

#: The fields of a run that ``/api/compare`` puts side by side.
COMPARED = (
    "id",
    "status",
    "scenario",
    "agent",
    "model",
    "policy",
    "human",
    "trial",
    "scores",
    "spend",
    "budget",
    "interrupts",
    "guardrail_blocks",
    "harm_attempted",
    "caught_by_guardrail",
    "caught_by_human",
    "reached_world",
    "tool_calls",
    "model_calls",
    "duration_s",
    "human_seconds",
    "error",
)


def aware(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t


def row_header(row: LiveRunRow) -> dict[str, Any]:
    """The ``RunResult`` fields known from a live row alone."""
    scenario = json.loads(row.scenario_json)
    return dict(
        id=row.id,
        scenario=row.scenario,
        scenario_version=int(scenario.get("version", 1)),
        tags=list(scenario.get("tags", [])),
        trial=row.trial,
        seed=row.seed,
        agent=row.agent,
        model=row.model,
        policy=row.policy,
        human=row.human,
        started_at=aware(row.created_at),
    )


def run_view(
    row: LiveRunRow | None,
    result: RunResult | None,
    events: list[dict[str, Any]] | None,
    pending: list[str],
    *,
    trace: bool = True,
    counts: dict[str, int] | None = None,
    live: bool | None = None,
) -> dict[str, Any]:
    """One run: the stored result when there is one, else the live row and its trace so far
    (``counts`` of events by type stand in for the trace in listings)."""
    if result is not None:
        view = result.public()
        if trace:
            view["trace"] = events if events else [e.model_dump(mode="json") for e in result.trace]
    else:
        assert row is not None
        if counts is None:
            assert events is not None
            counts = dict(Counter(str(e.get("type")) for e in events))
        view = row_header(row) | dict(
            status=row.status,
            error=row.error,
            scores=None,
            spend=None,
            budget=None,
            interrupts=counts.get("checkpoint", 0),
            guardrail_blocks=counts.get("guardrail_block", 0),
            tool_calls=counts.get("tool_result", 0),
            model_calls=row.model_calls,
            tokens=row.tokens,
            duration_s=round(row.active_s, 4),
            human_seconds=human_seconds(events or []),
            final_message=row.final_message,
            state_hash=None,
        )
        if events is not None:  # attempted harm so far, by who stopped it (as the finished run counts it)
            view |= harm_counts(parse_events([e for e in events if e.get("type") == "harm"]))
        view["started_at"] = view["started_at"].isoformat()
        if trace:
            view["trace"] = events
    if row is not None and (result is None or row.status not in ("done", "error")):
        view["status"] = row.status  # a live row's status is the truth (``running`` while it resumes)
    view["live"] = row is not None if live is None else live
    view["pending"] = pending
    return view


def human_seconds(events: list[dict[str, Any]]) -> float:
    """The seconds humans took over the decisions in a stored trace so far, in all."""
    taken = [(e.get("data") or {}).get("seconds") for e in events if e.get("type") == "decision"]
    return round(sum(s for s in taken if isinstance(s, int | float)), 3)


def checkpoint_view(cp: LiveCheckpointRow) -> dict[str, Any]:
    return dict(
        id=cp.id,
        run_id=cp.run_id,
        seq=cp.seq,
        status=cp.status,
        kind=cp.kind,
        tool=cp.tool,
        payload=json.loads(cp.payload_json),
        decision=json.loads(cp.decision_json) if cp.decision_json else None,
        created_at=aware(cp.created_at).isoformat(),
        decided_at=aware(cp.decided_at).isoformat() if cp.decided_at else None,
    )


def irreversible(payload: dict[str, Any]) -> bool:
    """Whether carrying out a checkpoint's call commits what cannot be got back: a WRITE whose card
    (the world's ``CardContent``) says so."""
    card = payload.get("card")
    return payload.get("tool_kind") == "WRITE" and isinstance(card, dict) and card.get("irreversible") is True


def compare_view(run: dict[str, Any]) -> dict[str, Any]:
    return {k: run.get(k) for k in COMPARED}


def agent_list() -> list[dict[str, Any]]:
    out = []
    for name in agents.names():
        try:
            factory = agents.get(name, allow_import=False)
        except Exception as exc:  # noqa: BLE001 - an agent that cannot load is listed as such
            out.append(dict(name=name, about=f"cannot be loaded: {exc}", privileged=False, needs_model=False))
            continue
        doc = (factory.__doc__ or "").strip().splitlines()
        out.append(
            dict(
                name=name,
                about=doc[0] if doc else "",
                privileged=is_privileged(factory),
                needs_model=bool(getattr(factory, "needs_model", True)),
            )
        )
    return out


def model_list() -> list[dict[str, Any]]:
    return [dict(name=name) for name in models.names()]


def policy_list() -> list[dict[str, Any]]:
    return [dict(name=name, about=about) for name, about in list_policies()]
