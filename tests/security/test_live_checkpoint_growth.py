"""LangGraph's checkpoint database must not grow without bound (issue 8, #10: 139 MB after 408 runs).

A finished run (done or error) is never resumed, so its thread's rows go; a waiting run keeps every
row it needs to resume, also across a restart; rows that finished runs left behind (an older version,
a crash between finishing and pruning) go when the server starts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_support import WEB, Server, approve_all, auto_run, pending, wait


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = Server(tmp_path)
    yield s
    s.close_all()


def test_finished_run_checkpoints_are_pruned(server: Server) -> None:
    timed_out = server.open(timeout_s=1e-9)  # every run errors at its first step
    failed = wait(timed_out, timed_out.start(WEB)["id"], "done", "error")
    assert failed["status"] == "error"
    server.close(timed_out)

    live = server.open()
    waiting_id = live.start(WEB)["id"]
    pending(live, waiting_id)
    done = auto_run(live)
    assert done["status"] == "done"
    assert server.thread_rows(done["id"]) == 0 and server.thread_rows(failed["id"]) == 0
    kept = server.thread_rows(waiting_id)
    assert kept > 0

    server.close(live)  # the waiting run keeps its rows across a restart and resumes from them
    again = server.open()
    assert server.thread_rows(waiting_id) == kept
    assert approve_all(again, waiting_id)["status"] == "done"
    assert server.thread_rows(waiting_id) == 0


def test_checkpoints_left_by_finished_runs_are_pruned_at_start(server: Server) -> None:
    live = server.open()
    waiting_id = live.start(WEB)["id"]
    pending(live, waiting_id)
    done_id = auto_run(live)["id"]
    server.close(live)
    with sqlite3.connect(server.checkpoints) as conn:  # what an older version left for the done run
        for table in ("checkpoints", "writes"):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "thread_id"]
            conn.execute(
                f"INSERT OR IGNORE INTO {table} (thread_id, {', '.join(columns)}) "
                f"SELECT ?, {', '.join(columns)} FROM {table} WHERE thread_id = ?",
                (done_id, waiting_id),
            )
    kept = server.thread_rows(waiting_id)
    assert server.thread_rows(done_id) >= kept > 0

    again = server.open()
    assert server.thread_rows(done_id) == 0 and server.thread_rows(waiting_id) == kept
    assert approve_all(again, waiting_id)["status"] == "done"
