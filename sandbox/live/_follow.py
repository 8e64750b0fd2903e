"""Following a live run: its trace events as they are stored, ``ping`` when idle, then ``end``
(the web app's event stream reads it). Private to ``sandbox.live``."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from typing import Any, Literal

import anyio
from anyio import to_thread

from sandbox.live._rows import TERMINAL
from sandbox.live._store import LiveStore

FollowItem = tuple[Literal["event", "ping", "end"], Any]


async def follow(
    store: LiveStore,
    get: Callable[[str], dict[str, Any]],
    run_id: str,
    after: int = -1,
    *,
    poll: float = 0.1,
    keepalive: float = 15.0,
    recheck: float = 2.0,
) -> AsyncIterator[FollowItem]:
    """The run's trace events after ``after`` as they come, ``ping`` when idle, then ``end``.

    Every ``poll`` seconds it asks the database only if this process wrote something for the run
    since the last look (``LiveStore.version``), and every ``recheck`` seconds in any case (for
    writes by another process). ``get`` reads a stored run (a finished run no longer live).
    """
    idle, seen, looked = 0.0, -1, 0.0
    while True:
        version, clock = store.version(run_id), time.monotonic()
        events: list[dict[str, Any]] = []
        if version != seen or clock - looked >= recheck:
            seen, looked = version, clock
            row = await to_thread.run_sync(store.run, run_id)
            if row is None:  # a stored run only: its trace is complete
                run = await to_thread.run_sync(get, run_id)
                for e in run["trace"][after + 1 :]:
                    yield "event", e
                yield "end", run["status"]
                return
            events = await to_thread.run_sync(store.events, run_id, after)
            for e in events:
                yield "event", e
                after = e["seq"]
            if row.status in TERMINAL:  # written with its last events: nothing can follow
                yield "end", row.status
                return
        idle = 0.0 if events else idle + poll
        if idle >= keepalive:
            idle = 0.0
            yield "ping", None
        await anyio.sleep(poll)
