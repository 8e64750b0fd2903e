"""LangGraph's side of live runs on PostgreSQL: the Postgres checkpointer and its housekeeping.

When the run store is PostgreSQL, a live run's graph state goes to LangGraph's ``PostgresSaver``
(``langgraph-checkpoint-postgres``, the ``postgres`` extra) in the same database, under ``thread_id =
run id``: rows in ``checkpoints`` (one per graph step), ``checkpoint_blobs`` (channel values by
version) and ``checkpoint_writes`` (each task's pending writes, interrupts and resume values). Every
web app (and process) sharing the database shares them, so a paused run can be decided and resumed
by any of them, after a restart too.

``PostgresThreads`` does for these tables what ``_threads.GraphThreads`` does for SQLite: ``keys``
at a pause, ``roll_back`` to them (every row of the thread not in the keys goes, blobs included, so a
resume cut short by a crash is run again from the pause exactly), ``prune`` a finished run's thread,
and ``sweep`` the threads of runs that finished while no process pruned them (PostgreSQL's
autovacuum gives the space back; nothing to compact).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, cast

from sqlalchemy.engine import make_url

from sandbox.errors import ConfigError

log = logging.getLogger(__name__)

Keys = dict[str, list[list[Any]]]
_TABLES = {
    "checkpoints": ("checkpoint_ns", "checkpoint_id"),
    "writes": ("checkpoint_ns", "checkpoint_id", "task_id", "idx"),
    "blobs": ("checkpoint_ns", "channel", "version"),
}
_NAMES = {"checkpoints": "checkpoints", "writes": "checkpoint_writes", "blobs": "checkpoint_blobs"}


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgresql+", "postgres://"))


def conninfo(url: str) -> str:
    """The libpq connection URL of a SQLAlchemy PostgreSQL URL (its ``+driver`` dropped)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def open_postgres_saver(url: str, max_size: int) -> tuple[Any, PostgresThreads, Callable[[], None]]:
    """A ``PostgresSaver`` on a connection pool to ``url`` (its tables set up), its housekeeping and
    how to close it."""
    try:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool
    except ImportError:
        raise ConfigError(
            "paused runs on PostgreSQL need LangGraph's Postgres checkpointer: "
            "pip install 'travel-agent-sandbox[postgres]'"
        ) from None
    pool = ConnectionPool(
        conninfo(url),
        min_size=1,
        max_size=max_size,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        open=True,
    )
    try:
        saver = PostgresSaver(cast(Any, pool))  # its connections make dict rows (kwargs above)
        saver.setup()  # creates or migrates its tables; safe when another process did it already
    except Exception as exc:
        pool.close()
        shown = make_url(url).render_as_string(hide_password=True)
        raise ConfigError(f"Cannot open LangGraph's checkpointer in {shown!r}: {exc}") from exc
    return saver, PostgresThreads(pool), pool.close


class PostgresThreads:
    """Housekeeping of the run threads in the Postgres checkpointer's tables."""

    def __init__(self, pool: Any):
        self.pool = pool

    def keys(self, thread_id: str) -> Keys:
        """The keys of every row the thread has now (taken when its run pauses)."""
        with self.pool.connection() as conn:
            return {
                table: [list(r.values()) for r in conn.execute(_select(table), (thread_id,)).fetchall()]
                for table in _TABLES
            }

    def roll_back(self, thread_id: str, keys: Keys) -> int:
        """Delete the thread's rows that are not in ``keys``, in one transaction; how many went."""
        gone = 0
        with self.pool.connection() as conn, conn.transaction():
            for table, columns in _TABLES.items():
                kept = {tuple(k) for k in keys.get(table, [])}
                rows = [tuple(r.values()) for r in conn.execute(_select(table), (thread_id,)).fetchall()]
                extra = [r for r in rows if r not in kept]
                where = " AND ".join(f"{c} = %s" for c in columns)
                with conn.cursor() as cur:
                    cur.executemany(
                        f"DELETE FROM {_NAMES[table]} WHERE thread_id = %s AND {where}",
                        [(thread_id, *r) for r in extra],
                    )
                gone += len(extra)
        return gone

    def prune(self, thread_id: str) -> None:
        """Delete a finished run's thread (every checkpoint, blob and write)."""
        try:
            self._delete([thread_id])
        except Exception:  # the run is finished and stored; a leftover thread only costs space
            log.exception("could not prune the checkpoints of run %s", thread_id)

    def sweep(self, finished: Callable[[list[str]], Iterable[str]]) -> int:
        """Prune every thread whose run ``finished`` says is over; how many."""
        union = " UNION ".join(f"SELECT thread_id FROM {name}" for name in _NAMES.values())
        with self.pool.connection() as conn:
            threads = [r["thread_id"] for r in conn.execute(union).fetchall()]
        done = sorted({t for n in range(0, len(threads), 500) for t in finished(threads[n : n + 500])})
        if done:
            self._delete(done)
        return len(done)

    def _delete(self, thread_ids: list[str]) -> None:
        with self.pool.connection() as conn, conn.transaction():
            for name in _NAMES.values():
                conn.execute(f"DELETE FROM {name} WHERE thread_id = ANY(%s)", (thread_ids,))


def _select(table: str) -> str:
    return (
        f"SELECT {', '.join(_TABLES[table])} FROM {_NAMES[table]} WHERE thread_id = %s "
        f"ORDER BY {', '.join(_TABLES[table])}"
    )
