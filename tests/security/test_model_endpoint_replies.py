"""Issue 8 #8 (one item): malformed replies from an OpenAI-compatible endpoint.

A server (or a proxy in front of it) that answers 200 with a body that is not JSON, an HTML page, or
JSON that is not a chat completion ended the run with a bare ``JSONDecodeError`` / ``TypeError`` and
no second try. The reply must be asked for again (``max_retries``, 1 here), and then the run end
``error`` with a reason that names the endpoint, not a traceback; one good reply in between is enough.
"""

from __future__ import annotations

import pytest
from _fake_endpoint import FakeEndpoint, Raw, reply, run_on

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

REPORT = "Nothing booked: I only wanted to say hello."


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (Raw(b"upstream hiccup"), "the body is not JSON (Expecting value: line 1 column 1 (char 0))"),
        (Raw(b"<html><h1>502 Bad Gateway</h1></html>", "text/html"), "the body is not JSON: <html><h1>502"),
        (Raw(b'{"object": "list", "data": []}'), "the body is not a chat completion (no choices): {'object'"),
        (
            Raw(b'{"choices": [{"index": 0}]}'),
            "the body is not a chat completion (a choice without a message)",
        ),
        (Raw(b"[1, 2]"), "the body is not a chat completion: [1, 2]"),
    ],
    ids=["text", "html", "not-a-completion", "no-message", "array"],
)
def test_malformed_endpoint_json_retried_then_named(
    monkeypatch: pytest.MonkeyPatch, body: Raw, problem: str
) -> None:
    with FakeEndpoint([body]) as fake:
        result = run_on(fake, monkeypatch, "one-way")
    assert result.status == "error" and result.scores is None
    assert result.error is not None
    prefix = (
        f"ModelEndpointError: openai:fake-model at {fake.url} sent no chat completion after 2 attempt(s): "
    )
    assert result.error.startswith(prefix + problem), result.error
    assert "Traceback" not in result.error
    assert len(fake.requests) == 2  # asked again once (TRAVEL_SANDBOX_MAX_RETRIES=1), then gave up


def test_one_malformed_reply_is_asked_again_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeEndpoint([Raw(b"upstream hiccup"), reply(content=REPORT)]) as fake:
        result = run_on(fake, monkeypatch, "one-way")
    assert result.status == "done", result.error
    assert result.final_message == REPORT
    assert len(fake.requests) == 2 and fake.requests[0] == fake.requests[1]
