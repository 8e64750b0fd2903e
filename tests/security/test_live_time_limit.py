"""A model call that hangs must not outlive the run's time limit (issue 8, High #7).

A fake OpenAI-compatible server on 127.0.0.1 accepts the request and never answers (until the test
ends). The model client's own time-out is 60 s with 2 retries, the run's limit 2 s: the run must end
``error`` with the time-limit reason, and the thread that ran it must be free again. The waits below
are generous bounds (10x the limit), not timings: before the fix the run held its worker for the
client's 60 s x 3 attempts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sandbox.control import Limits
from sandbox.live import LiveRuns, LiveSpec
from sandbox.runner import RunOptions, run
from sandbox.scenarios import default_scenarios_dir, load_scenario
from sandbox.store import RunStore

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

LIMIT_S = 2.0
GENEROUS_S = 10 * LIMIT_S
REASON = f"run exceeded its time limit of {LIMIT_S:g} s"


class HangingOpenAI:
    """Takes every chat-completions request and answers none of them until closed."""

    def __init__(self) -> None:
        self.requests = 0
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers["Content-Length"]))
                fake.requests += 1
                fake.release.wait(120)
                self.send_response(500)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hanging(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[HangingOpenAI]:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "TRAVEL_SANDBOX_OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env
    fake = HangingOpenAI()
    monkeypatch.setenv("TRAVEL_SANDBOX_OPENAI_BASE_URL", fake.url)
    monkeypatch.setenv("TRAVEL_SANDBOX_MODEL_TIMEOUT", "60")
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_RETRIES", "2")
    yield fake
    fake.close()


def wait_for(live: LiveRuns, run_id: str, bound: float) -> dict[str, Any]:
    end = time.monotonic() + bound
    while time.monotonic() < end:
        run = live.get(run_id, trace=False)
        if run["status"] in ("done", "error"):
            return run
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} is still {live.get(run_id, trace=False)['status']} after {bound:g} s")


def test_hung_model_call_bounded_by_run_time_limit(hanging: HangingOpenAI, tmp_path: Path) -> None:
    """Web app: one worker; a run whose model hangs ends ``error`` at its limit, and the worker then
    runs the next run."""
    live = LiveRuns(
        RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}"),
        checkpoints=tmp_path / "runs.checkpoints.sqlite",
        scenarios_dir=default_scenarios_dir(),
        workers=1,
        timeout_s=LIMIT_S,
    )
    try:
        spec = LiveSpec(scenario="one-way", agent="react", model="openai:fake-model", human="auto")
        hung = wait_for(live, live.start(spec)["id"], GENEROUS_S)
        assert hung["status"] == "error" and hanging.requests >= 1
        assert hung["error"].startswith(f"RunDeadlineExceeded: {REASON}"), hung["error"]
        assert "openai:fake-model" in hung["error"]  # cut off at the model call, naming it
        assert live.runs.get(hung["id"]).error == hung["error"]  # stored as such
        nxt = live.start(LiveSpec(scenario="one-way", agent="reference", human="auto"))
        assert wait_for(live, nxt["id"], GENEROUS_S)["status"] == "done"  # the one worker is free
    finally:
        hanging.release.set()
        live.close()
        live.runs.engine.dispose()


def test_hung_model_call_does_not_leave_the_cli_run_thread_behind(hanging: HangingOpenAI) -> None:
    """CLI/batch: ``run`` already returned at the limit, but left its thread waiting on the model for
    the client's time-out; now the thread ends with the run."""
    scenario = load_scenario(default_scenarios_dir() / "one-way.yaml")
    before = set(threading.enumerate())
    options = RunOptions(agent="react", model="openai:fake-model", limits=Limits(timeout_s=LIMIT_S))
    result = run(scenario, options)
    assert result.status == "error" and result.error is not None and REASON in result.error
    [worker] = [t for t in set(threading.enumerate()) - before if t.name == f"run-{result.id}"] or [None]
    if worker is not None:
        worker.join(GENEROUS_S)
        assert not worker.is_alive(), "the run's thread is still waiting on the model"
    assert hanging.requests >= 1
