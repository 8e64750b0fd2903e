"""Settings and dependencies of the web app (``Annotated`` dependencies).

| variable                          | default                                                   |
|-----------------------------------|-----------------------------------------------------------|
| ``TRAVEL_SANDBOX_HOST``           | ``127.0.0.1`` (a non-loopback host needs a token; ``[::1]`` may keep its brackets) |
| ``TRAVEL_SANDBOX_PORT``           | ``8000``                                                  |
| ``TRAVEL_SANDBOX_TOKEN``          | unset; when set, every ``/api`` request must carry it      |
| ``TRAVEL_SANDBOX_CHECKPOINTS``    | beside a SQLite run store: ``runs.sqlite`` -> ``runs.checkpoints.sqlite`` |
| ``TRAVEL_SANDBOX_WORKERS``        | ``8`` threads running live runs                           |
| ``TRAVEL_SANDBOX_RUN_TIMEOUT``    | ``120`` seconds per run segment (a person's thinking time is not counted) |
| ``TRAVEL_SANDBOX_MAX_BODY``       | ``65536`` bytes per request body (413 above)              |
| ``TRAVEL_SANDBOX_MAX_TEXT``       | ``20000`` characters: a longer text in a run served by the API is cut, with a note |
| ``TRAVEL_SANDBOX_AGENTS``         | ``[]``: custom agents to offer (JSON list; ``serve --agent``, see ``_agents``) |
| ``TRAVEL_SANDBOX_IRREVERSIBLE``   | ``confirm``: approving an irreversible action (a non-refundable booking) takes a second confirmation on the page; ``undo``: the decision is held for an undo window before it reaches the world; ``off`` |
| ``TRAVEL_SANDBOX_UNDO_SECONDS``   | ``10`` seconds: the undo window, with ``undo`` |

plus ``TRAVEL_SANDBOX_DB`` and ``TRAVEL_SANDBOX_SCENARIOS`` as everywhere (``sandbox.settings``).
The token is sent as ``Authorization: Bearer <token>`` or, for the browser's ``EventSource`` (which
cannot set headers), as the ``travel_sandbox_token`` cookie.

Requests must name this server in their ``Host`` header: ``localhost``, ``127.0.0.1``, ``[::1]`` or
the configured host (``trusted_hosts``), so a web page whose name is re-pointed at 127.0.0.1 (DNS
rebinding) cannot use a token-less loopback server. A server on every address (``0.0.0.0``, ``::``)
needs a token and takes any name.
"""

from __future__ import annotations

import ipaddress
import secrets
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Cookie, Depends, Header, HTTPException, Request
from pydantic import Field, SecretStr, field_validator
from sqlalchemy.engine import make_url

from sandbox.errors import ConfigError
from sandbox.live import LiveRuns
from sandbox.scenarios import default_scenarios_dir
from sandbox.settings import Settings, _data_home

TOKEN_COOKIE = "travel_sandbox_token"


class ServerSettings(Settings):
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    token: SecretStr | None = None
    scenarios: Path | None = None
    checkpoints: Path | None = None
    workers: int = Field(8, ge=1, le=256)
    run_timeout: float = Field(120.0, gt=0)
    max_body: int = Field(64 * 1024, ge=1024)
    sse_poll: float = Field(0.1, gt=0)
    sse_keepalive: float = Field(15.0, gt=0)
    max_text: int = Field(20_000, ge=100)
    agents: list[str] = Field(default_factory=list)
    irreversible: Literal["confirm", "undo", "off"] = "confirm"
    undo_seconds: float = Field(10.0, gt=0, le=3600)

    def undo_window(self) -> float:
        """Seconds a decision on an irreversible action is held before it reaches the world (0: none)."""
        return self.undo_seconds if self.irreversible == "undo" else 0.0

    @field_validator("host")
    @classmethod
    def _bare_host(cls, host: str) -> str:
        """``[::1]`` (as in a URL) is the address ``::1``."""
        host = host.strip()
        return host[1:-1] if host.startswith("[") and host.endswith("]") else host

    def url(self) -> str:
        """The server's base URL (an IPv6 address in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def scenarios_dir(self) -> Path:
        return self.scenarios or default_scenarios_dir()

    def checkpoints_path(self) -> str:
        """LangGraph's checkpointer file: configured, else beside a SQLite run store, else in the data home."""
        if self.checkpoints:
            return str(self.checkpoints)
        url = make_url(self.db_url())
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                return ":memory:"
            db = Path(url.database)
            return str(db.with_name(f"{db.stem}.checkpoints{db.suffix or '.sqlite'}"))
        home = _data_home()
        home.mkdir(parents=True, exist_ok=True)
        return str(home / "checkpoints.sqlite")


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def trusted_hosts(settings: ServerSettings) -> list[str]:
    """The ``Host`` names a request may use: the loopback names and the configured host (any name for
    a server on every address, which needs a token)."""
    try:
        ip = ipaddress.ip_address(settings.host)
    except ValueError:
        return list(dict.fromkeys([*LOOPBACK_NAMES, settings.host.lower()]))
    if ip.is_unspecified:
        return ["*"]
    return list(dict.fromkeys([*LOOPBACK_NAMES, f"[{ip}]" if ip.version == 6 else str(ip)]))


def check_bind(settings: ServerSettings) -> None:
    """Refuse a blank token, and to serve beyond this machine without a token."""
    if settings.token is not None:
        token = settings.token.get_secret_value()
        if not token.strip() or token != token.strip() or not token.isprintable():
            raise ConfigError(
                "the token is blank or has spaces at its ends (or unprintable characters): pass a "
                'token of visible characters, e.g. --token "$(openssl rand -hex 16)"'
            )
    if not is_loopback(settings.host) and not (settings.token and settings.token.get_secret_value()):
        raise ConfigError(
            f"refusing to listen on {settings.host!r} without a token: anyone who can reach it could start "
            "runs and decide checkpoints. Pass --token T (or set TRAVEL_SANDBOX_TOKEN), or listen on 127.0.0.1."
        )


def get_settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


def get_live(request: Request) -> LiveRuns:
    live: LiveRuns = request.app.state.live
    return live


SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
LiveDep = Annotated[LiveRuns, Depends(get_live)]


def require_token(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
    cookie: Annotated[str | None, Cookie(alias=TOKEN_COOKIE)] = None,
) -> None:
    """With a token configured, a request must carry it (header or cookie); 401 otherwise."""
    if settings.token is None:
        return
    expected = settings.token.get_secret_value().encode()
    scheme, _, given = (authorization or "").partition(" ")
    offered = given.strip() if scheme.lower() == "bearer" else (cookie or "")
    if not secrets.compare_digest(offered.encode(), expected):
        raise HTTPException(
            status_code=401,
            detail="Missing or wrong token: send 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def existing_run(run_id: str, live: LiveDep) -> str:
    """The path's run id, after checking the run exists (404 otherwise)."""
    live.get(run_id, trace=False)
    return run_id


ExistingRun = Annotated[str, Depends(existing_run)]
