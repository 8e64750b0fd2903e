"""Attacks on the web API that name a file or code on the server (issue 8, critical #1).

A request chooses a recording by name from the recordings folder; a path, a FIFO, ``/dev/zero``, a
link out of the folder or an oversized file is refused with a 422 naming ``model``, and nothing is
created. Every other name a request carries is a name, never a path or an import.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sandbox.errors import ConfigError
from sandbox.spi import make_model
from sandbox.web import ServerSettings, create_app

LOCAL = "http://127.0.0.1"
RUN = {"scenario": "basic-round-trip", "agent": "react", "human": "auto"}
SECRET = "SECRET FILE CONTENT"


@pytest.fixture
def recordings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "recordings"
    folder.mkdir()
    monkeypatch.setenv("TRAVEL_SANDBOX_RECORDINGS", str(folder))
    monkeypatch.setenv("TRAVEL_SANDBOX_MAX_RECORDING", "4096")
    return folder


@pytest.fixture
def client(tmp_path: Path, recordings: Path) -> Iterator[TestClient]:
    settings = ServerSettings(db=f"sqlite:///{tmp_path / 'runs.sqlite'}", workers=2)
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        yield c


def refused(c: TestClient, field: str, **update: Any) -> str:
    """The 422's message for ``update``, after checking it names ``field`` and nothing was created."""
    r = c.post("/api/runs", json=RUN | update)
    assert r.status_code == 422, r.text
    [problem] = r.json()["detail"]
    assert problem["loc"] == ["body", field]
    assert c.get("/api/runs").json() == []
    assert SECRET not in r.text
    return str(problem["msg"])


def test_replay_path_from_web_is_refused(client: TestClient, tmp_path: Path, recordings: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text(f'[{{"content": "{SECRET}"}}]')
    (recordings / "inside.json").write_text(f'[{{"content": "{SECRET}"}}]')
    for name in (f"replay:{secret}", "replay:../secret.json", "replay:secret.json", "replay:inside.json"):
        assert "by name" in refused(client, "model", model=name)
    assert "Unknown recording 'missing'" in refused(client, "model", model="replay:missing")


def test_replay_fifo_from_web_is_refused(client: TestClient, recordings: Path) -> None:
    os.mkfifo(recordings / "pipe.jsonl")
    assert "not a regular file" in refused(client, "model", model="replay:pipe")


def test_replay_link_out_of_recordings_is_refused(
    client: TestClient, tmp_path: Path, recordings: Path
) -> None:
    (tmp_path / "secret.jsonl").write_text(f'{{"content": "{SECRET}"}}\n')
    (recordings / "zero.jsonl").symlink_to("/dev/zero")
    (recordings / "secret.jsonl").symlink_to(tmp_path / "secret.jsonl")
    for name in ("zero", "secret"):
        assert "links outside the recordings folder" in refused(client, "model", model=f"replay:{name}")


def test_replay_oversized_recording_is_refused(client: TestClient, recordings: Path) -> None:
    (recordings / "big.jsonl").write_text('{"content": "x"}\n' * 1000)  # 17 kB, over the 4 kB limit
    assert "over the limit of 4096" in refused(client, "model", model="replay:big")


def test_replay_by_name_never_blocks_on_a_fifo_or_reads_past_the_limit(recordings: Path) -> None:
    """The model factory (what a run builds, also from the command line) checks again when it reads:
    the FIFO is opened without blocking and refused after a look at what it is."""
    os.mkfifo(recordings / "pipe.jsonl")
    (recordings / "zero.jsonl").symlink_to("/dev/zero")
    (recordings / "big.jsonl").write_text('{"content": "x"}\n' * 1000)
    with pytest.raises(ConfigError, match="'pipe' is not a regular file"):
        make_model("replay:pipe")
    with pytest.raises(ConfigError, match="'zero' links outside the recordings folder"):
        make_model("replay:zero")
    with pytest.raises(ConfigError, match="'big' has 17000 bytes, over the limit of 4096"):
        make_model("replay:big")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("model", "noisy:agents.models.scripted:make", "import paths"),
        ("model", "noisy:noisy:replay:/etc/passwd", "never a file"),
        ("model", "replay:record:agents.models.scripted:make", "TRAVEL_SANDBOX_RECORD"),
        ("model", "openai:http://evil.example/v1", "never a URL"),
        ("model", "openai:", "needs a model name"),
        ("model", "scripted:/etc/passwd", "takes nothing after its name"),
        ("model", "agents.models.scripted:make", "import paths"),
        ("agent", "agents.planner:build", "import paths"),
        ("policy", "/etc/passwd", "preset names only"),
        ("policy", "../scenarios/policy.yaml", "preset names only"),
        ("scenario", "../../etc/passwd", "Unknown scenario"),
    ],
)
def test_web_request_names_no_file_and_no_code(
    client: TestClient, field: str, value: str, message: str
) -> None:
    """The audit of every name a run request carries (the file and import cases of critical #1)."""
    assert message in refused(client, field, **{field: value})
