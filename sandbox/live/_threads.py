"""LangGraph's side of live runs: each run's thread in the SQLite checkpointer (private to ``sandbox.live``).

A live run's graph state lives in LangGraph's ``SqliteSaver`` under ``thread_id = run id``: rows in
its ``checkpoints`` table (one per graph step) and ``writes`` table (each task's pending writes,
interrupts and resume values). This module keeps that database honest:

- ``keys`` lists a thread's rows when its run pauses; ``roll_back`` deletes every row written after
  that list, so a resume cut short by a crash can be run again from the pause exactly (nothing the
  lost attempt did, such as a tool result for a booking the world never kept, is replayed);
- ``prune`` deletes a finished run's thread: a done or failed run is never resumed, and its rows
  were the checkpointer's whole growth (139 MB after 408 runs);
- ``sweep`` prunes, once at start-up, the threads of runs that finished before pruning existed or
  while the process died, then compacts the file (and turns incremental vacuuming on for good, so
  each later prune gives its space back to the file system).

Every statement runs under the saver's own lock, on its own connection, so it never interleaves
with LangGraph's reads and writes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from langgraph.checkpoint.sqlite import SqliteSaver

log = logging.getLogger(__name__)

Keys = dict[str, list[list[Any]]]  # {"checkpoints": [[ns, id], ...], "writes": [[ns, id, task, idx], ...]}
INCREMENTAL = 2  # PRAGMA auto_vacuum: freed pages can be given back with PRAGMA incremental_vacuum
_TABLES = {
    "checkpoints": ("checkpoint_ns", "checkpoint_id"),
    "writes": ("checkpoint_ns", "checkpoint_id", "task_id", "idx"),
}


class Threads(Protocol):
    """Housekeeping of run threads in a checkpointer (this SQLite one, or ``_pg_threads``'s)."""

    def keys(self, thread_id: str) -> Keys: ...
    def roll_back(self, thread_id: str, keys: Keys) -> int: ...
    def prune(self, thread_id: str) -> None: ...
    def sweep(self, finished: Callable[[list[str]], Iterable[str]]) -> int: ...


class GraphThreads:
    """Housekeeping of the run threads in one ``SqliteSaver``."""

    def __init__(self, saver: SqliteSaver):
        self.saver = saver

    def keys(self, thread_id: str) -> Keys:
        """The keys of every row the thread has now (taken when its run pauses)."""
        with self.saver.cursor(transaction=False) as cur:
            return {
                table: [list(r) for r in cur.execute(_select(table), (thread_id,)).fetchall()]
                for table in _TABLES
            }

    def roll_back(self, thread_id: str, keys: Keys) -> int:
        """Delete the thread's rows that are not in ``keys``; returns how many went."""
        gone = 0
        with self.saver.cursor() as cur:
            for table, columns in _TABLES.items():
                kept = {tuple(k) for k in keys.get(table, [])}
                extra = [
                    r for r in cur.execute(_select(table), (thread_id,)).fetchall() if tuple(r) not in kept
                ]
                where = " AND ".join(f"{c} = ?" for c in columns)
                cur.executemany(
                    f"DELETE FROM {table} WHERE thread_id = ? AND {where}", [(thread_id, *r) for r in extra]
                )
                gone += len(extra)
        return gone

    def prune(self, thread_id: str) -> None:
        """Delete a finished run's thread (every checkpoint and write) and give the space back."""
        try:
            self.saver.delete_thread(thread_id)
            with self.saver.lock:
                self.saver.conn.executescript("PRAGMA incremental_vacuum;")  # to completion
        except Exception:  # the run is finished and stored; a leftover thread only costs space
            log.exception("could not prune the checkpoints of run %s", thread_id)

    def sweep(self, finished: Callable[[list[str]], Iterable[str]]) -> int:
        """Prune every thread whose run ``finished`` says is over. A file that pruning cannot shrink
        (made before incremental vacuuming was on), or that had threads to prune, is compacted."""
        with self.saver.cursor(transaction=False) as cur:
            rows = cur.execute("SELECT thread_id FROM checkpoints UNION SELECT thread_id FROM writes")
            threads = [r[0] for r in rows.fetchall()]
            shrinks = cur.execute("PRAGMA auto_vacuum").fetchone()[0] == INCREMENTAL
        done = sorted({t for n in range(0, len(threads), 500) for t in finished(threads[n : n + 500])})
        for thread_id in done:
            self.saver.delete_thread(thread_id)
        if done or not shrinks:
            with self.saver.lock:
                self.saver.conn.executescript(f"PRAGMA auto_vacuum = {INCREMENTAL}; VACUUM;")
        return len(done)


def _select(table: str) -> str:
    return f"SELECT {', '.join(_TABLES[table])} FROM {table} WHERE thread_id = ?"
