"""A huge model reply must not be stored in full, let alone several times (issue 8, #9).

A fake OpenAI-compatible server on 127.0.0.1 answers the ``react`` agent's first call with a final
report of 5,000,000 characters. Before the fix a run stored it three times (the trace's message, the
run's ``final_message``, and the listing copy) and a live run twice more: here 15 MB and 25 MB of
rows for one run. Now every stored text is capped (64 KiB by default, ``TRAVEL_SANDBOX_MAX_STORED_TEXT``)
with a note saying how long it was, and a run row holds each text once.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from sandbox.live import LiveRuns, LiveSpec
from sandbox.runner import RunOptions, run
from sandbox.scenarios import default_scenarios_dir, load_scenario
from sandbox.store import RunStore

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

SIZE = 5_000_000
NOTE = f"… [truncated: {SIZE:,} characters, 65,536 kept]"


class HugeReply:
    """Answers every chat-completions request with a ``SIZE``-character final report."""

    def __init__(self) -> None:
        message = {"role": "assistant", "content": "Booked nothing. " + "x" * (SIZE - 16)}
        body = json.dumps(
            {
                "id": "chatcmpl-huge",
                "object": "chat.completion",
                "created": 1_800_000_000,
                "model": "fake-model",
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
            }
        ).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers["Content-Length"]))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def huge(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[HugeReply]:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "TRAVEL_SANDBOX_OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env
    fake = HugeReply()
    monkeypatch.setenv("TRAVEL_SANDBOX_OPENAI_BASE_URL", fake.url)
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def stored_bytes(engine: Engine) -> int:
    """Characters in every text column a run's rows hold (run store and live tables)."""
    columns = {
        "runs": ["public_json", "result_json"],
        "live_runs": ["final_message", "state_json", "stated_json", "spec_json", "scenario_json"],
        "live_events": ["event_json"],
        "live_checkpoints": ["payload_json", "decision_json"],
    }
    total = 0
    with engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
        for table, cols in columns.items():
            if table in tables:
                parts = " + ".join(f"coalesce(length({c}), 0)" for c in cols)
                total += conn.execute(text(f"SELECT coalesce(sum({parts}), 0) FROM {table}")).scalar_one()
    return int(total)


def assert_capped(final: str, trace: list[dict[str, Any]], note: str = NOTE) -> None:
    assert final.startswith("Booked nothing. xxx") and final.endswith(note)
    [said] = [e for e in trace if e["type"] == "message" and e["data"]["role"] == "assistant"]
    assert said["data"]["content"] == final


def test_huge_model_reply_is_truncated_in_store(huge: HugeReply, tmp_path: Path) -> None:
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    result = run(
        load_scenario(default_scenarios_dir() / "one-way.yaml"),
        RunOptions(agent="react", model="openai:fake-model"),
    )
    store.save(result)
    assert result.status == "done"
    stored = store.get(result.id)
    assert_capped(stored.final_message, [e.model_dump(mode="json") for e in stored.trace])
    assert stored_bytes(store.engine) < 300_000  # was 15,000,000+: three full copies
    store.engine.dispose()


def test_huge_model_reply_is_truncated_in_live_store(huge: HugeReply, tmp_path: Path) -> None:
    live = LiveRuns(
        RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}"),
        checkpoints=tmp_path / "runs.checkpoints.sqlite",
        scenarios_dir=default_scenarios_dir(),
        workers=1,
    )
    try:
        run_id = live.start(
            LiveSpec(scenario="one-way", agent="react", model="openai:fake-model", human="auto")
        )["id"]
        end = time.monotonic() + 600  # a hang guard only: a 20 MB reply is slow on a loaded machine
        while (view := live.get(run_id))["status"] not in ("done", "error") and time.monotonic() < end:
            time.sleep(0.05)
        assert view["status"] == "done", view["error"]
        assert_capped(view["final_message"], view["trace"])
        assert live.store.run(run_id).final_message == view["final_message"]  # type: ignore[union-attr]
        assert stored_bytes(live.runs.engine) < 500_000  # was 25,000,000+: five full copies
    finally:
        live.close()
        live.runs.engine.dispose()


def test_stored_text_cap_is_configurable(huge: HugeReply, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_STORED_TEXT", "2000")
    result = run(
        load_scenario(default_scenarios_dir() / "one-way.yaml"),
        RunOptions(agent="react", model="openai:fake-model"),
    )
    assert result.status == "done"
    assert_capped(
        result.final_message,
        [e.model_dump(mode="json") for e in result.trace],
        f"… [truncated: {SIZE:,} characters, 2,000 kept]",
    )
    assert len(result.final_message) < 2100
