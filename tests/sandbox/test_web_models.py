"""The web API's run models come from ``RunResult``: they cannot drift from it.

Before, ``sandbox.web`` redeclared some 22 ``RunResult`` fields by hand and had already lost one
(``confidence``). Now ``RunSummary``, ``RunPublic`` and ``CompareRow`` are built from ``RunResult``'s
own fields; only the few a live run serves differently are declared again (``SERVED_DIFFERENTLY``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from sandbox.spi import RunResult
from sandbox.store import RunStore
from sandbox.web import ServerSettings, create_app
from sandbox.web._models import SERVED_DIFFERENTLY, CompareRow, RunPublic, RunSummary

RUN_FIELDS = {n: f for n, f in RunResult.model_fields.items() if n not in RunResult.STORED_ONLY}


def test_every_run_field_is_served_with_its_own_type_and_description() -> None:
    served = RunSummary.model_fields
    assert set(RUN_FIELDS) <= set(served)
    for name, field in RUN_FIELDS.items():
        if name in SERVED_DIFFERENTLY:
            continue
        mine = served[name]
        assert (mine.annotation, mine.default, mine.description) == (
            field.annotation,
            field.default,
            field.description,
        ), name
    assert set(served) - set(RUN_FIELDS) == {"live", "pending", "batch"}  # not in a RunResult
    assert RunPublic.model_fields["trace"].annotation == RunResult.model_fields["trace"].annotation


def test_what_is_served_differently_is_a_run_field_and_takes_a_stored_and_a_live_run() -> None:
    assert set(SERVED_DIFFERENTLY) <= set(RUN_FIELDS)
    stored = _run(spend=812.5, budget=1000.0, duration_s=1.25).model_dump(exclude={"trace"})
    live = stored | {"status": "waiting", "spend": None, "budget": None}
    for view in (stored, live):
        served = RunSummary.model_validate(view | {"live": True, "pending": []})
        assert {n: getattr(served, n) for n in RUN_FIELDS} == {n: view[n] for n in RUN_FIELDS}


def test_compared_fields_are_the_run_fields_of_the_same_name() -> None:
    for name, field in CompareRow.model_fields.items():
        assert (field.annotation, field.default) == (
            RunSummary.model_fields[name].annotation,
            RunSummary.model_fields[name].default,
        ), name


def _run(**update: Any) -> RunResult:
    return RunResult(
        id="stored000001",
        scenario="basic-round-trip",
        trial=0,
        seed=7,
        agent="planner",
        model="scripted",
        policy="ask-on-write",
        human="scripted",
        status="done",
        started_at=datetime(2027, 1, 5, 9, 0, tzinfo=UTC),
        confidence=0.87,
        **update,
    )


def _stored_run(db: str) -> RunResult:
    run = _run()
    store = RunStore(db)
    store.save(run)
    store.engine.dispose()
    return run


def test_the_api_serves_every_field_of_a_stored_run(tmp_path: Path) -> None:
    """``confidence`` was the field the hand-written models had lost."""
    settings = ServerSettings(db=f"sqlite:///{tmp_path / 'runs.sqlite'}", workers=1)
    run = _stored_run(settings.db_url())
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as c:
        served = c.get(f"/api/runs/{run.id}").json()
        listed = c.get("/api/runs").json()[0]
    expected = run.model_dump(mode="json")
    for view in (served, listed):
        assert view["confidence"] == 0.87
        assert {k: view[k] for k in RUN_FIELDS} == {k: expected[k] for k in RUN_FIELDS}
    assert served["trace"] == [] and "trace" not in listed
