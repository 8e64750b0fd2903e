"""Helpers for the live-run security tests (``test_live_*.py``): a live manager on files that outlive it
(so a second one is "the server after a restart"), waiting for a run, deciding, reading what is stored.

The runs are the ``reference`` agent under ``ask-on-write`` on ``basic-round-trip``: four checkpoints
(the plan, AX100 out, MV103 back, the hotel), three bookings.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from sandbox.control import DecisionIn
from sandbox.live import LiveRuns, LiveSpec
from sandbox.scenarios import default_scenarios_dir
from sandbox.store import RunStore

WEB = LiveSpec(scenario="basic-round-trip", agent="reference", policy="ask-on-write", human="web")
BOOKED = ["B0001", "B0002", "B0003"]
APPROVE = DecisionIn(decision="approve")


class Server:
    """``LiveRuns`` over one folder's run store and checkpointer; ``open()`` again after ``close()``."""

    def __init__(self, folder: Path, db_url: str | None = None):
        """SQLite files in ``folder``, or, given a PostgreSQL ``db_url``, that database for both."""
        self.folder = folder
        self.db_url = db_url or f"sqlite:///{folder / 'runs.sqlite'}"
        self.postgres = self.db_url.startswith("postgresql")
        self.opened: list[LiveRuns] = []

    @property
    def checkpoints(self) -> Path | str:
        return self.db_url if self.postgres else self.folder / "runs.checkpoints.sqlite"

    def open(self, **kw: Any) -> LiveRuns:
        live = LiveRuns(
            RunStore(self.db_url),
            checkpoints=self.checkpoints,
            scenarios_dir=default_scenarios_dir(),
            workers=4,
            **kw,
        )
        self.opened.append(live)
        return live

    def close(self, live: LiveRuns) -> None:
        live.close()
        live.runs.engine.dispose()
        self.opened.remove(live)

    def close_all(self) -> None:
        for live in list(self.opened):
            self.close(live)

    def thread_rows(self, run_id: str) -> int:
        """LangGraph's rows (checkpoints and writes) for the run's thread."""
        if self.postgres:
            engine = create_engine(self.db_url)
            with engine.connect() as pg:
                rows = sum(
                    pg.execute(
                        text(f"SELECT count(*) FROM {t} WHERE thread_id = :r"), {"r": run_id}
                    ).scalar_one()
                    for t in ("checkpoints", "checkpoint_writes")
                )
            engine.dispose()
            return int(rows)
        with sqlite3.connect(self.checkpoints) as conn:
            return sum(
                conn.execute(f"SELECT count(*) FROM {t} WHERE thread_id = ?", (run_id,)).fetchone()[0]
                for t in ("checkpoints", "writes")
            )


def wait(live: LiveRuns, run_id: str, *statuses: str, timeout: float = 60.0) -> dict[str, Any]:
    statuses = statuses or ("waiting", "done", "error")
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        run = live.get(run_id)
        if run["status"] in statuses:
            return run
        time.sleep(0.01)
    raise AssertionError(f"run {run_id} did not reach {statuses}; it is {live.get(run_id)['status']}")


def pending(live: LiveRuns, run_id: str) -> dict[str, Any]:
    """The run's one pending checkpoint, once it waits."""
    run = wait(live, run_id)
    assert run["status"] == "waiting", run.get("error")
    [cp] = [c for c in live.checkpoints(run_id) if c["status"] == "pending"]
    return cp


def approve_all(live: LiveRuns, run_id: str) -> dict[str, Any]:
    while (run := wait(live, run_id))["status"] == "waiting":
        live.decide(run_id, pending(live, run_id)["id"], APPROVE)
    return run


def auto_run(live: LiveRuns, spec: LiveSpec = WEB) -> dict[str, Any]:
    return wait(live, live.start(spec.model_copy(update={"human": "auto"}))["id"], "done", "error")


def booked(run: dict[str, Any]) -> list[str]:
    return [
        e["data"]["result"]["result"]["booking_id"]
        for e in run["trace"]
        if e["type"] == "tool_result" and e["data"]["tool"].startswith("book_") and e["data"]["ok"]
    ]


def assert_same_run_as(run: dict[str, Any], reference: dict[str, Any]) -> None:
    """Finished, every booking made once, the same world and the same trace shape as an uninterrupted run."""
    assert run["status"] == "done", run["error"]
    assert booked(run) == BOOKED and run["state_hash"] == reference["state_hash"]
    assert run["scores"]["overall"] == reference["scores"]["overall"] == 1.0
    seqs = [e["seq"] for e in run["trace"]]
    keys = [e["key"] for e in run["trace"] if e["key"]]
    assert seqs == list(range(len(seqs))) and len(keys) == len(set(keys))
    types = [e["type"] for e in run["trace"]]
    assert types == [e["type"] for e in reference["trace"]]
    assert types.count("decision") == types.count("checkpoint") == 4 and types.count("run_start") == 1


Decide = Callable[[LiveRuns, str], None]
