"""The running run's deadline, for code deep inside an agent's graph (a model client).

The runner streams a graph inside ``within_deadline(Deadline(...))``; LangGraph copies the context
into the threads that run its nodes, so a chat model can ask ``current_deadline()`` how much time the
run has left without the agent's graph passing anything along. A model client that waits on the
network bounds each request by ``remaining()`` and raises ``exceeded()`` (``RunDeadlineExceeded``)
when the time is up, so a hung call ends the run ``error`` at its time limit instead of holding a
worker for the client's own time-out.

    with within_deadline(Deadline.after(limits.timeout_s)):
        for chunk in graph.stream(...): ...
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


class RunDeadlineExceeded(Exception):  # noqa: N818 - reads better at the raise site
    """The run went past its wall-time limit; the runner marks it ``error``."""


@dataclass(frozen=True)
class Deadline:
    at: float  # time.monotonic() when the run's time is up
    limit_s: float  # the run's time limit, for messages

    @classmethod
    def after(cls, limit_s: float, start: float | None = None) -> Deadline:
        return cls((time.monotonic() if start is None else start) + limit_s, limit_s)

    def remaining(self) -> float:
        """Seconds left (negative once past)."""
        return self.at - time.monotonic()

    def exceeded(self, detail: str = "") -> RunDeadlineExceeded:
        """The error that ends the run at its limit (``detail``: what was cut off, if anything)."""
        tail = f" ({detail})" if detail else ""
        return RunDeadlineExceeded(f"run exceeded its time limit of {self.limit_s:g} s{tail}")


_current: ContextVar[Deadline | None] = ContextVar("sandbox_run_deadline", default=None)


def current_deadline() -> Deadline | None:
    """The deadline of the run this code runs in, if any."""
    return _current.get()


@contextmanager
def within_deadline(deadline: Deadline | None) -> Iterator[Deadline | None]:
    """Run the block (and the graph nodes it starts) under ``deadline``."""
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)
