"""A client that leaves an event stream is normal, not an error (issue 8, #11): the real server under
uvicorn on 127.0.0.1, thirty clients leaving their streams at different moments, and not one ERROR
(or asyncio warning about writing to a closed socket) in the log.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import pytest_socket

from sandbox.web import ServerSettings, create_app

HOST = "127.0.0.1"
pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts([HOST])]


@pytest.fixture(autouse=True)
def loopback_only() -> None:
    pytest_socket.socket_allow_hosts([HOST], allow_unix_socket=True)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind((HOST, 0))
        port = int(s.getsockname()[1])
    settings = ServerSettings(
        host=HOST, port=port, db=f"sqlite:///{tmp_path / 'runs.sqlite'}", sse_poll=0.01, sse_keepalive=0.02
    )
    # log_config=None: uvicorn's records reach the root logger (and caplog) instead of its own handlers
    config = uvicorn.Config(create_app(settings), host=HOST, port=port, log_config=None, ws="none")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield f"http://{HOST}:{port}"
    srv.should_exit = True
    thread.join(timeout=20)


def test_sse_client_disconnect_is_quiet(server: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    with httpx.Client(base_url=server) as http:
        run = {"scenario": "basic-round-trip", "agent": "reference", "policy": "ask-on-write", "human": "web"}
        run_id = http.post("/api/runs", json=run).json()["id"]
        deadline = time.monotonic() + 30
        while http.get(f"/api/runs/{run_id}").json()["status"] != "waiting":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        for n in range(30):  # leave after 1..4 chunks: in a burst of events, or between keep-alives
            with http.stream("GET", f"/api/runs/{run_id}/events") as resp:
                assert resp.status_code == 200
                for seen, _ in enumerate(resp.iter_bytes(), 1):
                    if seen > n % 4:
                        break
        assert http.get(f"/api/runs/{run_id}").json()["status"] == "waiting"  # the server still serves
    time.sleep(0.3)  # the server notices the last disconnects
    noisy = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]
    assert noisy == []
