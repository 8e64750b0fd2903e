"""An accepted decision is never lost, and no run is stuck for ever (issue 8, High #5).

Each test builds the stored state a crash would leave (no real kill: the rows are written directly,
or the "process" stops at the exact write), opens a fresh ``LiveRuns`` on the same files (the server
after a restart), and checks that the run completes with the decision applied exactly once.

- between recording a decision and claiming the run (two commits before the fix): the run was
  ``waiting`` with nothing pending, and every later decision got 409;
- after the decision was answered (200), before or during the resume: the run was marked ``error``
  although the decision was recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from live_support import APPROVE, WEB, Server, approve_all, assert_same_run_as, auto_run, pending
from sqlalchemy import text

from sandbox.control import DecisionIn
from sandbox.live import LiveRuns
from sandbox.live import _drive as live_drive


@pytest.fixture
def server(tmp_path: Path, db_url: str) -> Iterator[Server]:
    """On SQLite files, then on a real PostgreSQL database (run store and LangGraph's checkpointer)."""
    s = Server(tmp_path, db_url)
    yield s
    s.close_all()


def record_only(live: LiveRuns, run_id: str, checkpoint_id: str, decision: dict[str, Any]) -> None:
    """What the first of the two old commits wrote: the decision, and nothing about resuming."""
    with live.runs.engine.begin() as conn:
        done = conn.execute(
            text(
                "UPDATE live_checkpoints SET status = 'decided', decision_json = :d, decided_at = :t"
                " WHERE run_id = :r AND id = :c AND status = 'pending'"
            ),
            {
                "d": DecisionIn(**decision).model_dump_json(exclude_none=True),
                "t": datetime.now(UTC),
                "r": run_id,
                "c": checkpoint_id,
            },
        )
    assert done.rowcount == 1


def test_decision_survives_crash_between_record_and_claim(server: Server) -> None:
    first = server.open()
    run_id = first.start(WEB)["id"]
    plan = pending(first, run_id)
    reject = {"decision": "reject", "reason": "not that return flight"}
    record_only(first, run_id, plan["id"], reject)
    server.close(first)  # the process dies before it claims the run

    second = server.open()
    nxt = pending(second, run_id)  # resumed with the recorded rejection: the agent proposes again
    assert nxt["kind"] == "proposal" and nxt["payload"]["args"]["total"] == 3235.0
    run = approve_all(second, run_id)
    assert run["status"] == "done" and "AX110-2027-01-24" in run["final_message"], run["error"]
    rejections = [e for e in run["trace"] if e["type"] == "decision" and e["data"]["decision"] == "reject"]
    assert [e["data"]["reason"] for e in rejections] == ["not that return flight"]  # applied once
    assert second.checkpoints(run_id)[0]["decision"] == reject


def test_decision_answered_then_killed_before_its_resume_is_applied_after_restart(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = server.open()
    reference = auto_run(first)
    run_id = first.start(WEB)["id"]
    first.decide(run_id, pending(first, run_id)["id"], APPROVE)
    cp = pending(first, run_id)
    monkeypatch.setattr(first, "_submit", lambda *a: None)  # the process dies right after answering
    answered = first.decide(run_id, cp["id"], APPROVE)
    assert answered["status"] == "decided"
    server.close(first)

    second = server.open()
    assert second.recovered == []
    assert_same_run_as(approve_all(second, run_id), reference)


class ProcessDied(BaseException):
    """Stands for kill -9: nothing after it runs, and no handler in the code under test catches it."""


def test_decision_survives_crash_in_the_middle_of_its_resume(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The resume books AX100 (in memory), appends its trace events and moves LangGraph's thread on,
    then the process dies as it writes the next pause. After the restart the run goes on from the
    pause (not from where the lost attempt got to, which the world never kept): AX100 booked once."""
    monkeypatch.setattr(live_drive, "FLUSH_EVERY_S", 0.0)  # every step's events reach the database
    first = server.open()
    reference = auto_run(first)
    run_id = first.start(WEB)["id"]
    first.decide(run_id, pending(first, run_id)["id"], APPROVE)
    out = pending(first, run_id)
    assert out["tool"] == "book_flight"
    at_pause = (len(first.get(run_id)["trace"]), server.thread_rows(run_id))

    died = threading.Event()
    save = first.store.save_progress

    def dies_at_the_next_pause(rid: str, **kw: Any) -> None:
        if kw.get("status") is not None:
            died.set()
            raise ProcessDied
        save(rid, **kw)

    monkeypatch.setattr(first.store, "save_progress", dies_at_the_next_pause)
    first.decide(run_id, out["id"], APPROVE)
    assert died.wait(60)
    left = first.get(run_id)
    assert left["status"] == "running" and len(left["trace"]) > at_pause[0]  # the lost attempt's events
    assert any(e["type"] == "tool_result" and e["data"]["tool"] == "book_flight" for e in left["trace"])
    monkeypatch.undo()
    server.close(first)
    assert server.thread_rows(run_id) > at_pause[1]  # and its LangGraph steps

    second = server.open()
    assert second.recovered == []
    run = approve_all(second, run_id)
    assert_same_run_as(run, reference)
