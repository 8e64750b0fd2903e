"""Rate limits for model endpoints: requests and tokens per minute, and 429 replies with ``Retry-After``.

``RateLimitedTransport`` wraps the HTTP transport of an ``openai:NAME`` model. Before each request it
takes one request and the request's estimated tokens from the endpoint's ``EndpointLimiter`` (shared by
every run in this process that calls the same endpoint and model), waiting until the budget allows;
after the reply it settles the estimate against the tokens the reply reports. A ``429 Too Many
Requests`` reply is retried after the time its ``Retry-After`` (or ``retry-after-ms``) header asks
for, else after an exponential back-off (1, 2, 4 ... s), at most ``retries`` times; a last 429 is
handed to the client marked not to be retried again (``x-should-retry: false``), so the client's own
retries do not multiply these. Every wait is reported to the running run
(``sandbox.spi.report_rate_limit_wait``): it is the run's ``rate_limit_wait_s`` and, by default, moves
the run's deadline later by as much, so it is not charged to the run's time limit.

Why a small token bucket of our own: ``aiolimiter`` is async-only and the runs are threads;
``pyrate-limiter`` blocks threads well but cannot give back tokens charged on an estimate once a reply
says how many were used, caps one acquisition at the bucket's size (a prompt larger than a minute's
tokens could never go), and does not say how long a caller waited, which the run must report. The
bucket below reserves in arrival order (a caller is told how long to sleep; nobody polls), lets the
level go negative for the estimate error, and is some 40 lines.

Estimated tokens of a request: its body's length / 4 (a prompt's JSON has about four characters per
token) plus its ``max_tokens`` / ``max_completion_tokens`` if it sets one.
"""

from __future__ import annotations

import email.utils
import json
import math
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from sandbox.spi import current_deadline, report_rate_limit_wait

#: Most seconds one ``Retry-After`` is waited; a server asking for longer gets its 429 handed back.
MAX_RETRY_AFTER_S = 120.0
DEFAULT_RETRIES = 6
#: Header of a 429 handed back because the run counts rate-limit waits and has no time left for one.
PAST_DEADLINE = "x-sandbox-rate-limit-past-deadline"


class TokenBucket:
    """``per_minute`` units, refilled continuously; ``reserve(n)`` takes ``n`` now and says how many
    seconds the caller must wait before using them (0 when there were enough). Thread-safe."""

    def __init__(self, per_minute: float, clock: Callable[[], float] = time.monotonic):
        if per_minute <= 0:
            raise ValueError(f"a rate limit must be above 0 per minute, got {per_minute}")
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0  # units per second
        self.clock = clock
        self._level = self.capacity
        self._at = clock()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        now = self.clock()
        self._level = min(self.capacity, self._level + (now - self._at) * self.rate)
        self._at = now

    def reserve(self, amount: float) -> float:
        """Take ``amount`` (in arrival order); the seconds to wait before it is really there."""
        with self._lock:
            self._refill()
            self._level -= amount
            return max(0.0, -self._level / self.rate)

    def settle(self, delta: float) -> None:
        """Take ``delta`` more (or give back ``-delta``): the reply used more (fewer) than estimated."""
        with self._lock:
            self._refill()
            self._level = min(self.capacity, self._level - delta)


class EndpointLimiter:
    """Requests and tokens per minute of one endpoint (either may be None: no limit)."""

    def __init__(self, rpm: int | None, tpm: int | None, clock: Callable[[], float] = time.monotonic):
        self.requests = TokenBucket(rpm, clock) if rpm else None
        self.tokens = TokenBucket(tpm, clock) if tpm else None

    def reserve(self, tokens: int) -> float:
        """Take one request and ``tokens``; the seconds to wait before sending."""
        waits = [0.0]
        if self.requests is not None:
            waits.append(self.requests.reserve(1))
        if self.tokens is not None:
            waits.append(self.tokens.reserve(min(tokens, self.tokens.capacity)))
        return max(waits)

    def settle(self, estimated: int, used: int) -> None:
        if self.tokens is not None:
            self.tokens.settle(used - min(estimated, self.tokens.capacity))


_limiters: dict[tuple[str, str], EndpointLimiter] = {}
_registry_lock = threading.Lock()


def endpoint_limiter(base_url: str, model: str, rpm: int | None, tpm: int | None) -> EndpointLimiter | None:
    """The process-wide limiter of ``(base_url, model)``, made on first use (None without limits). A
    later call with other limits replaces it (the newest settings win)."""
    if not rpm and not tpm:
        return None
    key = (base_url.rstrip("/"), model)
    with _registry_lock:
        limiter = _limiters.get(key)
        have = (
            limiter.requests.capacity if limiter and limiter.requests else None,
            limiter.tokens.capacity if limiter and limiter.tokens else None,
        )
        if limiter is None or have != (float(rpm) if rpm else None, float(tpm) if tpm else None):
            limiter = _limiters[key] = EndpointLimiter(rpm, tpm)
        return limiter


def estimate_tokens(body: bytes) -> int:
    """A request's tokens, estimated before sending it (see the module docstring)."""
    estimate = math.ceil(len(body) / 4)
    try:
        data = json.loads(body) if body else {}
    except ValueError:
        return estimate
    if isinstance(data, dict):
        for key in ("max_completion_tokens", "max_tokens"):
            if isinstance(data.get(key), int):
                return estimate + int(data[key])
    return estimate


def retry_after(headers: httpx.Headers, attempt: int) -> float:
    """Seconds a 429 asks to wait: ``retry-after-ms``, ``Retry-After`` (seconds or an HTTP date),
    else an exponential back-off of ``2 ** attempt`` seconds."""
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is not None:
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):  # neither seconds nor a date: back off as without one
            when = None
        if when is not None and when.tzinfo is not None:
            return max(0.0, when.timestamp() - time.time())
    return float(2**attempt)


def wait_for_limit(seconds: float) -> bool:
    """Wait ``seconds`` for a rate limit, reported to the running run first (so its deadline has moved
    before anyone looks at it). False, without waiting, when the run counts such waits against its
    time limit and has less time left than that."""
    if seconds <= 0:
        return True
    deadline = current_deadline()
    if deadline is not None and deadline.counts_waits and deadline.remaining() < seconds:
        return False
    report_rate_limit_wait(seconds)
    time.sleep(seconds)
    return True


def _handed_back(response: httpx.Response, *, past_deadline: bool = False) -> httpx.Response:
    """A 429 the client gets: marked not to be retried again (these retries are done), and, when the
    run had no time left to wait, marked so (``PAST_DEADLINE``)."""
    response.headers["x-should-retry"] = "false"
    if past_deadline:
        response.headers[PAST_DEADLINE] = "1"
    return response


class RateLimitedTransport(httpx.BaseTransport):
    """An httpx transport that keeps to an endpoint's limits and honours 429 ``Retry-After``."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        limiter: EndpointLimiter | None,
        retries: int = DEFAULT_RETRIES,
        wait: Callable[[float], bool] = wait_for_limit,
    ):
        self.inner, self.limiter, self.retries, self.wait = inner, limiter, retries, wait

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        estimate = estimate_tokens(request.read()) if self.limiter is not None else 0
        for attempt in range(self.retries + 1):
            if self.limiter is not None and not self.wait(self.limiter.reserve(estimate)):
                return _handed_back(httpx.Response(429, request=request), past_deadline=True)
            response = self.inner.handle_request(request)
            if response.status_code != 429:
                self._settle(estimate, response)
                return response
            delay = retry_after(response.headers, attempt)
            if attempt == self.retries or delay > MAX_RETRY_AFTER_S:
                break
            response.close()
            if not self.wait(delay):
                return _handed_back(httpx.Response(429, request=request), past_deadline=True)
        return _handed_back(response)

    def _settle(self, estimate: int, response: httpx.Response) -> None:
        if self.limiter is None or self.limiter.tokens is None or response.status_code != 200:
            return
        response.read()
        try:
            usage: Any = json.loads(response.content).get("usage") or {}
            used = int(usage.get("total_tokens") or 0)
        except (ValueError, AttributeError, TypeError):
            return
        if used:
            self.limiter.settle(estimate, used)

    def close(self) -> None:
        self.inner.close()
