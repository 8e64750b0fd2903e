"""The running run's deadline, for code deep inside an agent's graph (a model client).

The runner streams a graph inside ``within_deadline(Deadline(...))``; LangGraph copies the context
into the threads that run its nodes, so a chat model can ask ``current_deadline()`` how much time the
run has left without the agent's graph passing anything along. A model client that waits on the
network bounds each request by ``remaining()`` and raises ``exceeded()`` (``RunDeadlineExceeded``)
when the time is up, so a hung call ends the run ``error`` at its time limit instead of holding a
worker for the client's own time-out.

    with within_deadline(Deadline.after(limits.timeout_s)):
        for chunk in graph.stream(...): ...

Waiting for a model endpoint's rate limit (a limiter's requests or tokens per minute, a 429's
``Retry-After``) is not the run's doing: the client reports it with ``rate_limited(seconds)``; the
deadline adds it up (``rate_limit_wait_s``, reported per run) and, unless the run counts such waits
(``counts_waits=True``), moves itself later by it, so the wait is not charged to the time limit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class RunDeadlineExceeded(Exception):  # noqa: N818 - reads better at the raise site
    """The run went past its wall-time limit; the runner marks it ``error``."""


class Deadline:
    """When a run's time is up (``at``, a ``time.monotonic()`` value) and its limit, for messages.

    Thread-safe: the run's nodes and model calls may report rate-limit waits from several threads.
    """

    def __init__(self, at: float, limit_s: float, *, counts_waits: bool = False):
        self._at = at
        self.limit_s = limit_s  # the run's time limit, for messages
        self.counts_waits = counts_waits
        self._waited = 0.0
        self._lock = threading.Lock()

    @classmethod
    def after(cls, limit_s: float, start: float | None = None, *, counts_waits: bool = False) -> Deadline:
        at = (time.monotonic() if start is None else start) + limit_s
        return cls(at, limit_s, counts_waits=counts_waits)

    @property
    def at(self) -> float:
        """``time.monotonic()`` when the run's time is up (later by every excused rate-limit wait)."""
        with self._lock:
            return self._at

    @property
    def rate_limit_wait_s(self) -> float:
        """Seconds the run has waited for rate limits so far."""
        with self._lock:
            return self._waited

    def remaining(self) -> float:
        """Seconds left (negative once past)."""
        return self.at - time.monotonic()

    def rate_limited(self, seconds: float) -> None:
        """The run waited ``seconds`` for an endpoint's rate limit: add it up and, unless the run
        counts such waits, move the deadline later by as much."""
        if not seconds > 0:
            return
        with self._lock:
            self._waited += seconds
            if not self.counts_waits:
                self._at += seconds

    def exceeded(self, detail: str = "") -> RunDeadlineExceeded:
        """The error that ends the run at its limit (``detail``: what was cut off, if anything)."""
        tail = f" ({detail})" if detail else ""
        return RunDeadlineExceeded(f"run exceeded its time limit of {self.limit_s:g} s{tail}")

    def __repr__(self) -> str:
        return (
            f"Deadline(limit_s={self.limit_s:g}, remaining={self.remaining():.3f}, waited={self._waited:g})"
        )


_current: ContextVar[Deadline | None] = ContextVar("sandbox_run_deadline", default=None)


def current_deadline() -> Deadline | None:
    """The deadline of the run this code runs in, if any."""
    return _current.get()


def report_rate_limit_wait(seconds: float) -> None:
    """Tell the running run (if any) that it waited ``seconds`` for a model endpoint's rate limit."""
    deadline = _current.get()
    if deadline is not None:
        deadline.rate_limited(seconds)


@contextmanager
def within_deadline(deadline: Deadline | None) -> Iterator[Deadline | None]:
    """Run the block (and the graph nodes it starts) under ``deadline``."""
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)
