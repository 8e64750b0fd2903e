"""Stored traces of earlier runs load into the typed events and dump back to the same JSON.

``tests/sandbox/traces/`` holds real runs stored by the code before trace events were typed (its
README says which and how): the whole-library kinds of runs (planner and noisy on the scripted model,
the reference agent), a human's edits and answers, a policy rejection, a run past its time limit and a
live web run; and a run with the agent's control signals, a kind added later. Every event must load as its own class, read through attributes, and dump back equal to
what was stored; because the models refuse unknown fields, an equal dump proves every stored field
has a home in its model.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from rich.console import Console

from sandbox.report import show_run
from sandbox.scoring import call_outcomes
from sandbox.spi import (
    EVENT_TYPES,
    CheckpointEvent,
    DecisionEvent,
    Event,
    HarmEvent,
    HumanDecision,
    MessageEvent,
    RunResult,
    ToolCallEvent,
    ToolResultEvent,
    TraceEvent,
    parse_event,
    parse_events,
)
from sandbox.spi._events import EVENT_OF
from sandbox.store import RunStore

FIXTURES = Path(__file__).parent / "traces"
FILES = sorted(FIXTURES.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def stored_runs(path: Path) -> list[dict[str, Any]]:
    return list(_load(path).get("runs", []))


def as_stored(run: RunResult, stored: dict[str, Any]) -> dict[str, Any]:
    """``run`` dumped, less the run fields newer than the fixture, which must hold their defaults."""
    dumped = run.model_dump(mode="json")
    added = {k: v for k, v in dumped.items() if k not in stored}
    assert added == {k: RunResult.model_fields[k].default for k in added}
    return {k: v for k, v in dumped.items() if k not in added}


def stored_traces() -> Iterator[list[dict[str, Any]]]:
    """Every stored trace of the fixtures: each run's, and the live run's events."""
    for path in FILES:
        data = _load(path)
        yield from (run["trace"] for run in data.get("runs", []))
        if "events" in data:
            yield data["events"]


def _as_stored(run: RunResult, stored: dict[str, Any]) -> dict[str, Any]:
    """The run dumped, its fields a stored run of an earlier version did not have left out: those
    must come back at their defaults (a run stored before tokens were split has none of them)."""
    dumped = run.model_dump(mode="json")
    newer = {k: v for k, v in dumped.items() if k not in stored}
    defaults = {k: RunResult.model_fields[k].get_default(call_default_factory=True) for k in newer}
    assert newer == defaults
    return {k: v for k, v in dumped.items() if k in stored}


def test_the_fixtures_are_there() -> None:
    assert {p.stem for p in FILES} == {
        "planner-scripted",
        "noisy-scripted",
        "reference",
        "edits-rejects-errors",
        "live-web",
        "control-signals",
        "harm-events",
    }


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_stored_traces_load_typed_and_dump_back_the_same(path: Path) -> None:
    data = _load(path)
    for stored in data.get("runs", []):
        run = RunResult.model_validate(stored)
        assert run.trace and all(type(e) is EVENT_OF[type(e.data)] for e in run.trace)
        assert [e.type for e in run.trace] == [e["type"] for e in stored["trace"]]
        assert as_stored(run, stored) == stored
    if "events" in data:
        events = parse_events(data["events"])
        assert [e.model_dump(mode="json") for e in events] == data["events"]


def test_the_fixtures_hold_every_kind_and_every_shape() -> None:
    """Every kind and every data model of a kind with two shapes is among the stored events, and the
    noisy model's planted mistakes and quirks too, so the round trip above covers them all."""
    events = [e for trace in stored_traces() for e in parse_events(trace)]
    assert {e.type for e in events} == set(EVENT_TYPES)
    assert {type(e.data) for e in events} == set(EVENT_OF)
    said = [e.data for e in events if isinstance(e, MessageEvent) and e.data.role == "assistant"]
    assert any(getattr(m, "injected_mistakes", None) for m in said)
    assert any(getattr(m, "model_quirks", None) for m in said)
    results = [e.data for e in events if isinstance(e, ToolResultEvent)]
    assert any(not r.executed for r in results) and any(r.executed for r in results)
    stops = {e.data.stopped_by for e in events if isinstance(e, HarmEvent)}
    assert stops == {"guardrail", "human", "none"}


def test_a_stored_run_survives_the_run_store(tmp_path: Path) -> None:
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    runs = stored_runs(FIXTURES / "edits-rejects-errors.json") + stored_runs(FIXTURES / "noisy-scripted.json")
    for stored in runs:
        store.save(RunResult.model_validate(stored))
    for stored in runs:
        assert as_stored(store.get(stored["id"]), stored) == stored
    store.engine.dispose()


def test_old_traces_are_read_through_attributes() -> None:
    """What scoring, reports and the gateway read of a stored trace, they read by attribute."""
    for trace in stored_traces():
        events: list[TraceEvent] = parse_events(trace)
        results = [e for e in events if isinstance(e, ToolResultEvent)]
        calls = {e.data.id for e in events if isinstance(e, ToolCallEvent)}
        assert len(call_outcomes(events)) == len(results) and {r.data.id for r in results} <= calls
        checkpoints = [e.data.call_id for e in events if isinstance(e, CheckpointEvent)]
        decided = [
            e.data.id for e in events if isinstance(e, DecisionEvent) and isinstance(e.data, HumanDecision)
        ]
        assert checkpoints == decided  # every checkpoint of these runs was decided, in order


def test_every_stored_run_is_shown() -> None:
    """The terminal report words every kind of a stored trace (it reads the events by attribute)."""
    out = io.StringIO()
    for path in FILES:
        for stored in stored_runs(path):
            show_run(RunResult.model_validate(stored), Console(file=out, width=200))
    text = out.getvalue()
    assert "book_hotel: policy rule #1 book_hotel -> reject: hotels are booked by the travel desk" in text
    assert "book_flight runs with edited arguments" in text and "I'll book the hotel myself" in text
    assert re.search(r"BLOCKED +book_flight: \w+: ", text)  # the world's rules
    assert re.search(r"error +RunDeadlineExceeded: run exceeded its time limit of 0.3 s", text)


@pytest.mark.parametrize(
    "event",
    [
        {
            "seq": 0,
            "t": 0.0,
            "type": "fault",
            "data": {"id": "c1", "tool": "x", "fault": "timeout", "extra": 1},
        },
        {"seq": 0, "t": 0.0, "type": "harm", "data": {}},
        {"seq": 0, "t": 0.0, "type": "decision", "data": {"id": "c1", "tool": "x"}},
        {"seq": 0, "t": 0.0, "type": "message", "data": {"role": "human", "content": "hi"}},
    ],
    ids=["unknown-field", "unknown-kind", "neither-decision-shape", "unknown-role"],
)
def test_what_no_model_describes_is_refused_not_dropped(event: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        parse_event(event)


def test_each_kind_is_one_event_class_in_the_union() -> None:
    kinds = {cls.model_fields["type"].default: cls for cls in EVENT_OF.values()}
    assert set(kinds) == set(EVENT_TYPES) and len(set(EVENT_OF.values())) == len(EVENT_TYPES)
    assert all(issubclass(cls, Event) for cls in kinds.values())
