"""Attacks on how the web server is reached and started (issue 8, high #4 and the serve parts of #8).

DNS rebinding: a page on evil.example whose name is re-pointed at 127.0.0.1 talks to the token-less
loopback server with ``Host: evil.example``; the server answers only to its own names. A blank
token would protect nothing; an IPv6 address in brackets must reach uvicorn without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from typer.testing import CliRunner

from sandbox.cli import app as cli_app
from sandbox.errors import ConfigError
from sandbox.web import ServerSettings, create_app

RUN = {"scenario": "basic-round-trip", "agent": "reference", "human": "web"}


@pytest.fixture
def settings(tmp_path: Path) -> ServerSettings:
    return ServerSettings(db=f"sqlite:///{tmp_path / 'runs.sqlite'}", workers=2)


@pytest.fixture
def client(settings: ServerSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.fixture
def uvicorn_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_dns_rebinding_host_refused(client: TestClient) -> None:
    evil = {"Host": "evil.example:8000"}
    assert client.get("/api/runs", headers=evil).status_code == 400
    assert client.post("/api/runs", json=RUN, headers=evil).status_code == 400
    assert client.get("/", headers=evil).status_code == 400
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/api/runs", headers={"Host": host}).json() == [], host  # nothing was started


def test_dns_rebinding_refused_on_a_named_host_too(settings: ServerSettings) -> None:
    """A server on a named host (with its token) answers to that name and the loopback names only."""
    named = settings.model_copy(update={"host": "sandbox.lan", "token": SecretStr("t")})
    with TestClient(create_app(named), base_url="http://sandbox.lan") as c:
        ok = {"Authorization": "Bearer t"}
        assert c.get("/api/runs", headers=ok).status_code == 200
        assert c.get("/api/runs", headers=ok | {"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("token", [" ", "", "\t", " padded "])
def test_blank_token_refused(settings: ServerSettings, uvicorn_calls: list[Any], token: str) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--token", token, "--db", settings.db_url()])
    assert result.exit_code == 2 and "the token is blank" in result.output, result.output
    assert uvicorn_calls == []
    with pytest.raises(ConfigError, match="the token is blank"):
        create_app(settings.model_copy(update={"token": SecretStr(token)}))


def test_ipv6_host_in_brackets_is_served(
    settings: ServerSettings, uvicorn_calls: list[dict[str, Any]]
) -> None:
    result = CliRunner().invoke(
        cli_app, ["serve", "--host", "[::1]", "--port", "8124", "--db", settings.db_url()]
    )
    assert result.exit_code == 0, result.output
    [call] = uvicorn_calls
    assert (call["host"], call["port"]) == ("::1", 8124) and "http://[::1]:8124" in result.output


def test_bad_serve_settings_exit_2(settings: ServerSettings, uvicorn_calls: list[Any]) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--port", "70000", "--db", settings.db_url()])
    assert result.exit_code == 2 and "port" in result.output and "bug" not in result.output, result.output
