"""A fake OpenAI-compatible chat-completions server on 127.0.0.1, for the gateway and model attack tests.

It answers ``POST /v1/chat/completions`` from a script, in order (the last step repeats): a dict is a
chat completion sent as JSON; ``Raw(body, content_type)`` is sent as it is, to play a server that
answers 200 with something that is not a chat completion (or, with ``status`` and ``headers``, e.g.
a 429 with ``Retry-After``). Every request body is kept, so a test can
read exactly what the model was shown (its own calls, the tool results).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import RunResult

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
USAGE = {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}


@dataclass(frozen=True)
class Raw:
    body: bytes
    content_type: str = "application/json"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()


def call(name: str, arguments: str, call_id: str | None) -> dict[str, Any]:
    """One tool call as the server sends it (``arguments`` is the JSON text, as OpenAI sends it)."""
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


class FakeEndpoint:
    def __init__(self, script: list[dict[str, Any] | Raw]):
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                fake.requests.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                step = fake.script[min(len(fake.requests), len(fake.script)) - 1]
                raw = step if isinstance(step, Raw) else Raw(json.dumps(step).encode())
                self.send_response(raw.status)
                for name, value in raw.headers:
                    self.send_header(name, value)
                self.send_header("Content-Type", raw.content_type)
                self.send_header("Content-Length", str(len(raw.body)))
                self.end_headers()
                self.wfile.write(raw.body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeEndpoint:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def shown(self, request: int) -> list[dict[str, Any]]:
        """The conversation the model was sent in request ``request`` (0-based)."""
        return list(self.requests[request]["messages"])

    def results_shown(self, request: int) -> list[dict[str, Any]]:
        """The tool results the model saw in request ``request``, parsed, in order."""
        return [json.loads(m["content"]) for m in self.shown(request) if m["role"] == "tool"]


def use_endpoint(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "TRAVEL_SANDBOX_OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TRAVEL_SANDBOX_OPENAI_BASE_URL", url)
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_RETRIES", "1")
    monkeypatch.setenv("TRAVEL_SANDBOX_MODEL_TIMEOUT", "30")
    monkeypatch.chdir(Path(__file__).parent)  # no stray .env


def run_on(fake: FakeEndpoint, monkeypatch: pytest.MonkeyPatch, scenario: str, **opts: Any) -> RunResult:
    """Run ``scenario`` with ``openai:fake-model`` on ``fake`` (react unless ``agent=`` says otherwise)."""
    use_endpoint(monkeypatch, fake.url)
    opts.setdefault("agent", "react")
    return run(load_scenario(SCENARIOS / f"{scenario}.yaml"), RunOptions(model="openai:fake-model", **opts))
