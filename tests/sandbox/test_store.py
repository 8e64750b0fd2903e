"""The run store: runs and batches round-trip, ids resolve by prefix, errors name what exists."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

from sandbox.errors import ConfigError
from sandbox.scoring import summarize
from sandbox.spi import (
    Check,
    ResultObservation,
    RunResult,
    Scores,
    ToolCall,
    ToolOutcome,
    Trace,
    UserMessage,
)
from sandbox.store import DB_ENV, RunStore

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def make_run(
    run_id: str, scenario: str = "nyc-weekend", trial: int = 0, *, error: str | None = None
) -> RunResult:
    trace = Trace(start=0.0)
    trace.add(UserMessage(content="Book me New York for the weekend."))
    trace.add(ToolCall(id="c1", tool="search_flights", args={"origin": "LIS", "destination": "JFK"}))
    found = ResultObservation(ok=True, result=[{"id": "FL-0042"}])
    trace.add(ToolOutcome(id="c1", tool="search_flights", ok=True, result=found))
    scores = None
    if error is None:
        scores = Scores(
            correctness=1.0,
            budget=0.8,
            preference=0.75,
            faithfulness=1.0,
            overall=0.91,
            passed=True,
            checks=[Check(name="route", passed=True, detail="Flights LIS→JFK on 14 March as asked.")],
        )
    return RunResult(
        id=run_id,
        scenario=scenario,
        trial=trial,
        seed=11,
        agent="planner",
        model="scripted",
        policy="ask-on-write",
        human="scripted",
        status="error" if error else "done",
        error=error,
        scores=scores,
        spend=1240.0,
        budget=1500.0,
        tool_calls=2,
        duration_s=0.42,
        started_at=T0 + timedelta(minutes=trial),
        final_message="Booked FL-0042 and HT-0007; total $1,240.",
        trace=trace.events,
    )


@pytest.fixture
def store(db_url: str) -> Iterator[RunStore]:
    """The store on SQLite and on a real PostgreSQL server (``tests/conftest.py``)."""
    s = RunStore(db_url)
    yield s
    s.engine.dispose()


def test_save_and_get_round_trip_the_whole_run_including_its_trace(store):
    run = make_run("3f9a1c0e")
    store.save(run)
    assert store.get("3f9a1c0e") == run
    assert len(store.get("3f9a1c0e").trace) == 3


def test_a_run_row_holds_each_text_once_and_rows_of_the_older_layout_still_read(store):
    run = make_run("3f9a1c0e").model_copy(update={"final_state": '{"bookings": ["B0001"]}'})
    store.save(run, batch_id="b1")
    with store.engine.connect() as conn:
        public, rest = conn.exec_driver_sql("SELECT public_json, result_json FROM runs").one()
    assert run.final_message in public and run.final_message not in rest  # the trace only
    assert "final_state" not in json.loads(public)  # listings and reports leave the final state out
    trace = [e.model_dump(mode="json") for e in run.trace]
    assert json.loads(rest) == {"trace": trace, "final_state": run.final_state}
    assert store.get("3f9a1c0e") == run and store.batch_runs("b1") == [run]
    assert store.batch_runs("b1", trace=False) == [run.model_copy(update={"trace": [], "final_state": None})]
    older = run.model_copy(update={"final_state": None})
    with store.engine.begin() as conn:  # as an earlier version wrote it: the whole run in result_json
        conn.execute(
            text("UPDATE runs SET result_json = :whole"),
            {"whole": older.model_dump_json(exclude={"final_state"})},
        )
    assert store.get("3f9a1c0e") == older and store.batch_runs("b1") == [older]


def test_saving_again_replaces_the_run(store):
    store.save(make_run("3f9a1c0e"))
    store.save(make_run("3f9a1c0e", error="model timed out"))
    assert store.get("3f9a1c0e").status == "error"
    assert len(store.list()) == 1


def test_a_unique_prefix_resolves_and_an_ambiguous_one_says_which_ids_match(store):
    for run_id in ("3f9a1c0e", "3f9b7d21", "a100_x"):
        store.save(make_run(run_id))
    assert store.get("3f9a").id == "3f9a1c0e"
    with pytest.raises(ConfigError, match=r"'3f9' is ambiguous: it matches 3f9a1c0e, 3f9b7d21"):
        store.get("3f9")
    with pytest.raises(ConfigError, match="No run with id 'a100%'"):  # LIKE wildcards are literal
        store.get("a100%")
    assert store.get("a100_").id == "a100_x"


def test_an_unknown_id_names_itself_and_the_most_recent_runs(store):
    with pytest.raises(ConfigError, match="The store has no runs yet"):
        store.get("nope")
    for trial in range(7):
        store.save(make_run(f"run-{trial}", trial=trial))
    with pytest.raises(ConfigError) as info:
        store.get("nope")
    assert str(info.value) == (
        f"No run with id 'nope' in {store.url}. Most recent runs: run-6, run-5, run-4, run-3, run-2."
    )


def test_list_is_newest_first_without_traces_and_filters(store):
    batch = store.start_batch({"command": "run", "args": {"trials": 2}})
    store.save(make_run("a1", "nyc-weekend", 0), batch)
    store.save(make_run("a2", "nyc-weekend", 1), batch)
    store.save(make_run("b1", "lisbon-family", 2))
    listed = store.list()
    assert [r.id for r in listed] == ["b1", "a2", "a1"]
    assert all(r.trace == [] for r in listed)
    assert listed[1].scores == make_run("a2").scores
    assert [r.id for r in store.list(scenario="nyc-weekend")] == ["a2", "a1"]
    assert [r.id for r in store.list(batch_id=batch)] == ["a2", "a1"]
    assert [r.id for r in store.list(limit=1)] == ["b1"]


def test_a_batch_keeps_its_meta_runs_and_summary(store):
    batch = store.start_batch({"command": "run", "args": {"scenarios": ["nyc-weekend"], "trials": 2}})
    runs = [make_run("r0", trial=0), make_run("r1", trial=1, error="tool gateway crashed")]
    for run in reversed(runs):
        store.save(run, batch)
    assert store.batch_runs(batch) == runs  # ordered by scenario, then trial
    assert [r.trace for r in store.batch_runs(batch, trace=False)] == [[], []]
    info = store.get_batch(batch)
    assert (info.runs, info.summary, info.finished_at) == (2, None, None)
    assert info.meta == {"command": "run", "args": {"scenarios": ["nyc-weekend"], "trials": 2}}

    summary = summarize(runs)
    store.finish_batch(batch, summary)
    info = store.get_batch(batch)
    assert info.summary == summary
    assert info.finished_at is not None
    assert [b.id for b in store.batches()] == [batch]


def test_unknown_batches_are_errors(store):
    with pytest.raises(ConfigError, match="No batch with id 'b-x'"):
        store.finish_batch("b-x", {})
    store.start_batch({}, batch_id="b-1")
    with pytest.raises(ConfigError, match="No batch with id 'b-x' .* Most recent batches: b-1."):
        store.get_batch("b-x")
    assert store.batch_runs("b-x") == []
    with pytest.raises(ConfigError, match="A batch with id 'b-1' already exists"):
        store.start_batch({}, batch_id="b-1")


def test_a_batch_interrupted_midway_keeps_the_runs_already_saved(db_url):
    url = db_url
    first = RunStore(url)
    batch = first.start_batch({"command": "run"})
    first.save(make_run("done-1"), batch)
    first.engine.dispose()  # the process dies here; nothing else happens
    second = RunStore(url)
    assert [r.id for r in second.batch_runs(batch)] == ["done-1"]
    second.engine.dispose()


def test_concurrent_saves_from_many_threads(store):
    batch = store.start_batch({"command": "run"})

    def work(worker: int) -> None:
        for i in range(5):
            store.save(make_run(f"w{worker}-{i}", f"scenario-{worker}", i), batch)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.batch_runs(batch, trace=False)) == 40


def test_in_memory_sqlite_is_shared_between_threads():
    store = RunStore("sqlite://")
    thread = threading.Thread(target=store.save, args=(make_run("m1"),))
    thread.start()
    thread.join()
    assert store.get("m1").id == "m1"


def test_an_engine_can_be_passed_in():
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    store = RunStore(engine=engine)
    store.save(make_run("e1"))
    assert RunStore(engine=engine).get("e1").id == "e1"


def test_the_url_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(DB_ENV, f"sqlite:///{tmp_path / 'env.sqlite'}")
    RunStore().save(make_run("env-1"))
    assert (tmp_path / "env.sqlite").exists()


def test_a_bad_url_is_a_config_error_without_the_password():
    with pytest.raises(ConfigError, match="Cannot open run store 'nosuchdb://bob:\\*\\*\\*@host/db'"):
        RunStore("nosuchdb://bob:secret@host/db")
    with pytest.raises(ConfigError, match="unable to open database file"):
        RunStore("sqlite:////nonexistent-dir/runs.sqlite")


def test_a_plain_postgresql_url_uses_the_psycopg_driver(postgres_url):
    """``postgresql://`` (as people write it, and as TRAVEL_SANDBOX_DB holds it) means psycopg 3."""
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    store = RunStore(plain)
    assert store.engine.url.drivername == "postgresql+psycopg"
    run = make_run("pg-1")
    store.save(run)
    assert store.get("pg-1") == run
    assert store.get("pg-1").started_at == T0  # a timestamp comes back as the same instant, in UTC
    store.engine.dispose()


def test_a_postgresql_server_that_is_not_there_is_a_config_error_without_the_password():
    with pytest.raises(
        ConfigError, match=r"Cannot open run store 'postgresql\+psycopg://bob:\*\*\*@127.0.0.1:9/x"
    ):
        RunStore("postgresql://bob:secret@127.0.0.1:9/x?connect_timeout=2")
