"""Run store queries for listings and comparisons: filters, counts, pages, sort keys, batch ids by
prefix and "did you mean" for an unknown batch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from sandbox.errors import ConfigError
from sandbox.spi import RunResult, Scores
from sandbox.store import RunFilter, RunStore

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def make(
    run_id: str,
    minute: int,
    *,
    agent: str = "planner",
    model: str = "scripted",
    policy: str = "ask-on-write",
    scenario: str = "one-way",
    passed: bool | None = True,
) -> RunResult:
    """``passed=None``: a run that ended in an error."""
    scores = None
    if passed is not None:
        scores = Scores(
            correctness=1.0,
            budget=1.0,
            preference=1.0,
            faithfulness=1.0,
            overall=0.9 if passed else 0.5,
            passed=passed,
        )
    return RunResult(
        id=run_id, scenario=scenario, trial=0, seed=1, agent=agent, model=model, policy=policy,
        human="scripted", status="done" if scores else "error", error=None if scores else "boom",
        scores=scores, started_at=T0 + timedelta(minutes=minute),
    )  # fmt: skip


@pytest.fixture
def store(db_url: str) -> Iterator[RunStore]:
    """On SQLite and on a real PostgreSQL server (``tests/conftest.py``)."""
    store = RunStore(db_url)
    a = store.start_batch({}, batch_id="aaaa1111")
    b = store.start_batch({}, batch_id="bbbb2222")
    store.save(make("p1", 1), a)
    store.save(make("p2", 2, passed=False, scenario="round-trip"), a)
    store.save(make("p3", 3, passed=None), a)
    store.save(make("r1", 4, agent="react", model="noisy", policy="never-ask"), b)
    store.save(make("r2", 5, agent="react", model="noisy", policy="never-ask", passed=False), b)
    store.save(make("loose", 6))  # in no batch
    yield store
    store.engine.dispose()


@pytest.mark.parametrize(
    ("where", "ids"),
    [
        (RunFilter(), ["loose", "r2", "r1", "p3", "p2", "p1"]),
        (RunFilter(batch="aaaa1111"), ["p3", "p2", "p1"]),
        (RunFilter(agent="react"), ["r2", "r1"]),
        (RunFilter(model="noisy", status="failed"), ["r2"]),
        (RunFilter(policy="ask-on-write", scenario="one-way"), ["loose", "p3", "p1"]),
        (RunFilter(status="passed"), ["loose", "r1", "p1"]),
        (RunFilter(status="failed"), ["r2", "p2"]),
        (RunFilter(status="error"), ["p3"]),
        (RunFilter(status="done", batch="aaaa1111"), ["p2", "p1"]),
        (RunFilter(agent="nobody"), []),
    ],
)
def test_filters_match_every_field_given(store: RunStore, where: RunFilter, ids: list[str]) -> None:
    assert [r.id for r in store.list(limit=100, where=where)] == ids
    assert store.count(where) == len(ids)
    assert [i for _, i, _ in store.keys(where, limit=100)] == ids


def test_pages_by_offset(store: RunStore) -> None:
    pages = [[r.id for r in store.list(limit=2, offset=o)] for o in (0, 2, 4, 6)]
    assert pages == [["loose", "r2"], ["r1", "p3"], ["p2", "p1"], []]
    assert [r.id for r in store.list(limit=2, offset=1, where=RunFilter(batch="aaaa1111"))] == ["p2", "p1"]


def test_keys_are_aware_and_public_runs_load_a_page(store: RunStore) -> None:
    keys = store.keys(limit=2)
    assert keys == [(T0 + timedelta(minutes=6), "loose", None), (T0 + timedelta(minutes=5), "r2", "bbbb2222")]
    runs = store.public_runs(["r2", "p1", "missing"])
    assert set(runs) == {"r2", "p1"} and runs["r2"].agent == "react" and runs["r2"].trace == []
    assert store.public_runs([]) == {}


def test_a_filter_bounds_its_inputs() -> None:
    with pytest.raises(ValidationError, match="status"):
        RunFilter(status="pending")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="agent"):
        RunFilter(agent="x" * 201)


def test_a_batch_resolves_by_unique_prefix(store: RunStore) -> None:
    assert store.get_batch("aaaa").id == "aaaa1111"
    store.start_batch({}, batch_id="aaaa9999")
    with pytest.raises(ConfigError, match="prefix 'aaaa' is ambiguous: it matches aaaa1111, aaaa9999"):
        store.get_batch("aaaa")


def test_an_unknown_batch_suggests_the_closest_ids(store: RunStore) -> None:
    with pytest.raises(ConfigError) as info:
        store.get_batch("bbbb2223")
    assert str(info.value) == (
        f"No batch with id 'bbbb2223' in {store.url}. Did you mean 'bbbb2222'? "
        "Most recent batches: bbbb2222, aaaa1111."
    )
    with pytest.raises(ConfigError) as info:
        store.get_batch("zz")
    assert (
        str(info.value) == f"No batch with id 'zz' in {store.url}. Most recent batches: bbbb2222, aaaa1111."
    )
    with pytest.raises(ConfigError, match="The store has no batches"):
        RunStore("sqlite://").get_batch("zz")
