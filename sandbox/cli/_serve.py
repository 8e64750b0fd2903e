"""``travel-sandbox serve``: the web app (JSON API, live runs, pages) under uvicorn.

Loopback (127.0.0.1) by default. Listening on any other address needs a token (``--token`` or
``TRAVEL_SANDBOX_TOKEN``), which every ``/api`` request must then carry; without one the command
refuses to start (exit 2), as it does for a blank token or any other bad setting. ``--host`` takes an
IPv6 address with or without brackets (``[::1]``, ``::1``). ``--agent`` (repeatable) offers custom
agents, loaded here from files or modules (the web requests then name them; see ``sandbox.web``).
``--irreversible confirm|undo|off`` says how an irreversible action is guarded (a second confirmation
on the page, or an undo window of ``--undo-seconds``).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from pydantic import SecretStr, ValidationError

from sandbox.cli._app import app, guarded
from sandbox.errors import ConfigError


@app.command("serve")
@guarded
def serve_cmd(
    host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    token: Annotated[
        str | None,
        typer.Option(help="Require 'Authorization: Bearer TOKEN' on /api (default: $TRAVEL_SANDBOX_TOKEN)."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Run store URL (default: $TRAVEL_SANDBOX_DB or ~/.local/share)."),
    ] = None,
    agent: Annotated[
        list[str] | None,
        typer.Option(
            "--agent",
            help="Offer a custom agent in the web app: a file (path/to/graph.py:build), a module "
            "(mypkg.graph:build) or NAME=either; repeatable. Installed entry points are offered anyway.",
        ),
    ] = None,
    irreversible: Annotated[
        str | None,
        typer.Option(
            help="An irreversible action (a non-refundable booking): 'confirm' (default) asks a second "
            "time on the page, 'undo' holds the decision for an undo window before it reaches the world, 'off'.",
        ),
    ] = None,
    undo_seconds: Annotated[
        float | None, typer.Option(help="The undo window with --irreversible undo, in seconds (default 10).")
    ] = None,
) -> None:
    """Serve the web app: scenario library, live runs with checkpoints, run timelines, comparisons."""
    import uvicorn

    from sandbox.web import ServerSettings, create_app

    overrides: dict[str, Any] = {
        k: v
        for k, v in {
            "host": host,
            "port": port,
            "db": db,
            "irreversible": irreversible,
            "undo_seconds": undo_seconds,
        }.items()
        if v is not None
    }
    if token is not None:
        overrides["token"] = SecretStr(token)
    if agent:
        overrides["agents"] = agent
    try:
        settings = ServerSettings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"bad server setting: {problems}") from None
    web = create_app(settings)  # raises ConfigError (exit 2) for a blank token, or a wide host without one
    typer.echo(f"serving on {settings.url()} (API docs at /docs)", err=True)
    # open event streams of waiting runs never end by themselves: give them 3 s to close on shutdown
    uvicorn.run(web, host=settings.host, port=settings.port, log_level="warning", timeout_graceful_shutdown=3)
