"""Rate limits of model endpoints, unit by unit: the token bucket, the endpoint limiter (requests and
tokens per minute, settled against the tokens a reply reports) and the transport that honours a 429's
``Retry-After``. A fake clock and a recording ``wait`` stand in for time: no test sleeps.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from agents.models._limits import (
    MAX_RETRY_AFTER_S,
    PAST_DEADLINE,
    EndpointLimiter,
    RateLimitedTransport,
    TokenBucket,
    endpoint_limiter,
    estimate_tokens,
    retry_after,
)

URL = "http://endpoint.test/v1/chat/completions"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Waits:
    """A ``wait`` that records each wait and moves the clock on by it."""

    def __init__(self, clock: Clock, allow: bool = True):
        self.clock, self.allow, self.seen = clock, allow, []

    def __call__(self, seconds: float) -> bool:
        if seconds > 0:
            self.seen.append(round(seconds, 6))
            self.clock.now += seconds if self.allow else 0
        return self.allow


def test_a_bucket_lets_a_minute_s_worth_through_then_spaces_the_rest() -> None:
    clock = Clock()
    bucket = TokenBucket(60, clock)  # one per second
    assert [bucket.reserve(1) for _ in range(60)] == [0.0] * 60
    assert bucket.reserve(1) == pytest.approx(1.0)
    assert bucket.reserve(1) == pytest.approx(2.0)  # in arrival order
    clock.now += 10  # refilled: 10 more, 2 owed
    assert bucket.reserve(8) == 0.0 and bucket.reserve(1) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="above 0 per minute"):
        TokenBucket(0)


def test_settling_gives_back_what_an_estimate_took_too_much() -> None:
    clock = Clock()
    bucket = TokenBucket(1000, clock)
    assert bucket.reserve(900) == 0.0
    assert bucket.reserve(300) == pytest.approx(200 / (1000 / 60))  # 200 short at 1000/min
    bucket.settle(-800)  # the first request used 100, not 900
    assert bucket.reserve(100) == 0.0


def _ok(usage: int = 120) -> httpx.Response:
    body = {
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}],
        "usage": {"total_tokens": usage},
    }
    return httpx.Response(200, json=body)


def _post(transport: httpx.BaseTransport, body: dict | None = None) -> httpx.Response:
    content = json.dumps(body or {"messages": [{"role": "user", "content": "x" * 396}]}).encode()
    return transport.handle_request(httpx.Request("POST", URL, content=content))


def test_requests_per_minute_space_the_requests() -> None:
    clock = Clock()
    waits = Waits(clock)
    transport = RateLimitedTransport(
        httpx.MockTransport(lambda r: _ok()), EndpointLimiter(2, None, clock), wait=waits
    )
    for _ in range(4):
        assert _post(transport).status_code == 200
    assert waits.seen == [30.0, 30.0]  # 2 a minute: the 3rd and 4th wait half a minute each


def test_tokens_per_minute_are_estimated_then_settled_against_the_reply() -> None:
    clock = Clock()
    waits = Waits(clock)
    body = {"messages": [{"role": "user", "content": "x" * 3960}], "max_tokens": 500}
    estimate = estimate_tokens(json.dumps(body).encode())
    assert estimate == -(-len(json.dumps(body)) // 4) + 500
    used = iter([100, 100, 2 * estimate, 100])
    limiter = EndpointLimiter(None, 2 * estimate, clock)  # two estimates a minute
    transport = RateLimitedTransport(httpx.MockTransport(lambda r: _ok(next(used))), limiter, wait=waits)
    for _ in range(3):  # without settling, the third would wait; each used 100 of its estimate
        _post(transport, body)
    assert waits.seen == []
    _post(transport, body)  # the third used twice its estimate: 200 short, and this one's estimate
    assert waits.seen == [pytest.approx((200 + estimate) / (2 * estimate / 60))]


@pytest.mark.parametrize(
    ("headers", "attempt", "seconds"),
    [
        ({"Retry-After": "7"}, 0, 7.0),
        ({"retry-after-ms": "1500"}, 0, 1.5),
        ({"Retry-After": "0.25"}, 3, 0.25),
        ({}, 0, 1.0),
        ({}, 3, 8.0),
        ({"Retry-After": "soon"}, 2, 4.0),
    ],
)
def test_retry_after_reads_the_header_else_backs_off(
    headers: dict[str, str], attempt: int, seconds: float
) -> None:
    assert retry_after(httpx.Headers(headers), attempt) == seconds


def test_retry_after_reads_an_http_date() -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < retry_after(httpx.Headers({"Retry-After": when}), 0) <= 30


def _script(*responses: httpx.Response) -> httpx.MockTransport:
    queue = list(responses)
    return httpx.MockTransport(lambda r: queue.pop(0))


def test_a_429_is_retried_after_its_retry_after_and_the_wait_reported() -> None:
    clock = Clock()
    waits = Waits(clock)
    inner = _script(
        httpx.Response(429, headers={"Retry-After": "2"}),
        httpx.Response(429, headers={"Retry-After": "1"}),
        _ok(),
    )
    response = _post(RateLimitedTransport(inner, None, wait=waits))
    assert response.status_code == 200 and waits.seen == [2.0, 1.0]


def test_a_429_past_the_retries_is_handed_back_not_to_be_retried_again() -> None:
    clock = Clock()
    waits = Waits(clock)
    inner = httpx.MockTransport(lambda r: httpx.Response(429, headers={"Retry-After": "1"}))
    response = _post(RateLimitedTransport(inner, None, retries=2, wait=waits))
    assert response.status_code == 429 and response.headers["x-should-retry"] == "false"
    assert waits.seen == [1.0, 1.0] and PAST_DEADLINE not in response.headers
    too_long = httpx.MockTransport(
        lambda r: httpx.Response(429, headers={"Retry-After": str(MAX_RETRY_AFTER_S + 1)})
    )
    waits.seen.clear()
    assert _post(RateLimitedTransport(too_long, None, wait=waits)).status_code == 429 and waits.seen == []


def test_a_run_that_cannot_afford_the_wait_gets_the_429_marked() -> None:
    waits = Waits(Clock(), allow=False)
    inner = _script(httpx.Response(429, headers={"Retry-After": "5"}), _ok())
    response = _post(RateLimitedTransport(inner, None, wait=waits))
    assert response.status_code == 429 and response.headers[PAST_DEADLINE] == "1" and waits.seen == [5.0]


def test_one_limiter_per_endpoint_and_model() -> None:
    a = endpoint_limiter("http://x.test/v1/", "m", 10, None)
    assert endpoint_limiter("http://x.test/v1", "m", 10, None) is a
    assert endpoint_limiter("http://x.test/v1", "other", 10, None) is not a
    assert endpoint_limiter("http://x.test/v1", "m", 20, None) is not a  # new settings win
    assert endpoint_limiter("http://x.test/v1", "m", None, None) is None
