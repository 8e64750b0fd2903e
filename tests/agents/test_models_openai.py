"""``openai:NAME`` against a fake OpenAI-compatible server on 127.0.0.1 (the only socket these tests open).

The server answers ``POST /v1/chat/completions`` from a script: tool calls (valid, with arguments
that are not JSON, to a tool that does not exist), an empty reply, then a final answer, each with
token usage. The ``react`` agent drives ``openai:fake-model`` through ``sandbox.runner.run``.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from agents.models.openai_model import NO_ANSWER, SandboxChatOpenAI, make
from sandbox.errors import ConfigError
from sandbox.runner import Job, RunOptions, run, run_batch
from sandbox.scenarios import load_scenario
from sandbox.spi import ModelSpec

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
USAGE = {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}


def call(name: str, arguments: str, call_id: str) -> dict[str, Any]:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}}


def reply(content: str | None = None, calls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if calls:
        message["tool_calls"] = calls
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_800_000_000,
        "model": "fake-model",
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if calls else "stop"}],
        "usage": USAGE,
    }


SEARCH = '{"origin": "LHR", "destination": "CDG", "date": "2027-01-15"}'
BOOK = '{"flight_id": "AX138-2027-01-15", "passengers": 1, "cabin": "economy"}'
REPORT = "Booked: B0001 (AX138-2027-01-15). Total charged: $95.00."
CONVERSATION = [
    reply(calls=[call("search_flights", SEARCH, "call_1"), call("get_budget", '{"x": ', "call_2")]),
    reply(calls=[call("find_cheapest_flight", "{}", "call_3")]),
    reply(content=""),  # empty: asked again
    reply(calls=[call("book_flight", BOOK, "call_4")]),
    reply(content=REPORT),
]


class FakeOpenAI:
    """Scripted replies (dicts), HTTP status codes (ints) or delays in seconds (floats), served in
    order; the last one repeats."""

    def __init__(self, script: list[dict[str, Any] | int | float]):
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                step = fake.script[min(len(fake.requests), len(fake.script)) - 1]
                if isinstance(step, float):
                    time.sleep(step)
                    step = reply(content="too late")
                status, data = (
                    (step, {"error": {"message": "boom"}}) if isinstance(step, int) else (200, step)
                )
                raw = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.send_header("retry-after-ms", "1")
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "TRAVEL_SANDBOX_OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_RETRIES", "1")
    monkeypatch.setenv("TRAVEL_SANDBOX_MODEL_TIMEOUT", "5")
    monkeypatch.chdir(Path(__file__).parent)  # no stray .env
    yield


def run_one_way(url: str, monkeypatch: pytest.MonkeyPatch, **opts: Any) -> Any:
    monkeypatch.setenv("TRAVEL_SANDBOX_OPENAI_BASE_URL", url)
    scenario = load_scenario(SCENARIOS / "one-way.yaml")
    return run(scenario, RunOptions(agent="react", model="openai:fake-model", **opts))


def test_react_on_a_fake_endpoint_routes_malformed_calls_and_counts_tokens(endpoint, monkeypatch):
    with FakeOpenAI(CONVERSATION) as fake:
        result = run_one_way(fake.url, monkeypatch, temperature=0.3)
    assert result.status == "done", result.error
    assert result.final_message == REPORT
    assert result.scores is not None and result.scores.passed
    outcomes = {e.data.id: e.data.model_dump(mode="json") for e in result.trace if e.type == "tool_result"}
    assert outcomes["call_1"]["ok"] and outcomes["call_4"]["ok"]
    bad_json = outcomes["call_2"]["result"]["error"]
    assert bad_json["code"] == "invalid_argument"
    assert bad_json["message"].startswith("arguments are not valid JSON")
    unknown = outcomes["call_3"]["result"]["error"]
    assert unknown["code"] == "unknown_tool"
    assert unknown["message"].startswith("unknown tool 'find_cheapest_flight'; known tools:")
    assert result.model_calls == 4  # the empty reply is a retry inside one model call
    assert result.tokens == 5 * USAGE["total_tokens"]
    first = fake.requests[0]
    assert first["model"] == "fake-model" and first["temperature"] == 0.3
    assert first["messages"][0]["role"] == "system" and "travel agent" in first["messages"][0]["content"]
    assert {t["function"]["name"] for t in first["tools"]} >= {"search_flights", "book_flight", "ask_user"}
    errors = [
        m for m in fake.requests[1]["messages"] if m["role"] == "tool" and m["tool_call_id"] == "call_2"
    ]
    assert "not valid JSON" in errors[0]["content"]  # the model sees the error observation


def test_empty_replies_end_with_a_no_answer_report(endpoint, monkeypatch):
    with FakeOpenAI([reply(content="")]) as fake:
        result = run_one_way(fake.url, monkeypatch)
    assert result.status == "done"
    assert result.final_message == NO_ANSWER.format(n=2)
    assert len(fake.requests) == 2 and result.model_calls == 1 and result.tokens == 240


def test_server_errors_make_the_run_an_error_with_the_reason(endpoint, monkeypatch):
    with FakeOpenAI([500]) as fake:
        result = run_one_way(fake.url, monkeypatch)
    assert result.status == "error" and result.scores is None
    assert result.error == (
        f"ModelEndpointError: openai:fake-model at {fake.url} answered HTTP 500 after 2 attempt(s): "
        "Error code: 500 - boom"
    )
    assert len(fake.requests) == 2


def test_time_outs_are_retried_then_the_run_is_an_error(endpoint, monkeypatch):
    monkeypatch.setenv("TRAVEL_SANDBOX_MODEL_TIMEOUT", "0.2")
    with FakeOpenAI([1.0]) as fake:
        result = run_one_way(fake.url, monkeypatch)
    assert result.status == "error"
    assert result.error == (
        f"ModelEndpointError: openai:fake-model at {fake.url} timed out after 2 attempt(s) (time-out 0.2 s)"
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_endpoint_fails_each_run_and_the_batch_survives(endpoint, monkeypatch):
    url = f"http://127.0.0.1:{closed_port()}/v1"
    monkeypatch.setenv("TRAVEL_SANDBOX_OPENAI_BASE_URL", url)
    scenario = load_scenario(SCENARIOS / "one-way.yaml")
    jobs = [Job(scenario, SCENARIOS, t) for t in range(2)]
    results = run_batch(jobs, RunOptions(agent="react", model="openai:fake-model"), concurrency=2)
    assert [r.status for r in results] == ["error", "error"]
    for r in results:
        assert r.error is not None
        assert r.error.startswith(f"ModelEndpointError: openai:fake-model at {url} is unreachable after 2")


def test_a_missing_key_for_openai_itself_names_the_variables(endpoint):
    with pytest.raises(ConfigError) as info:
        make(ModelSpec(name="openai:gpt-4o-mini", arg="gpt-4o-mini"))
    message = str(info.value)
    for var in ("TRAVEL_SANDBOX_OPENAI_API_KEY", "OPENAI_API_KEY", "TRAVEL_SANDBOX_OPENAI_BASE_URL"):
        assert var in message
    scenario = load_scenario(SCENARIOS / "one-way.yaml")
    result = run(scenario, RunOptions(agent="react", model="openai:gpt-4o-mini"))
    assert result.status == "error" and "needs an API key" in (result.error or "")


def test_settings_reach_the_client(endpoint, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # the standard variables work too
    monkeypatch.setenv("TRAVEL_SANDBOX_MODEL_TIMEOUT", "7.5")
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_RETRIES", "4")
    model = make(ModelSpec(name="openai:local", arg="local", temperature=0.7))
    assert isinstance(model, SandboxChatOpenAI)
    assert (model.model_name, model.openai_api_base, model.temperature) == (
        "local",
        "http://127.0.0.1:9/v1",
        0.7,
    )
    assert (model.request_timeout, model.max_retries, model.empty_retries) == (7.5, 4, 4)
    assert model.openai_api_key is not None and model.openai_api_key.get_secret_value() == "not-needed"
    with pytest.raises(ConfigError, match="openai:NAME"):
        make(ModelSpec(name="openai", arg=None))
