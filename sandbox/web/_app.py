"""The FastAPI app factory: ``create_app(settings)``.

The app owns one ``RunStore`` and one ``LiveRuns`` (opened at startup, closed at shutdown), serves
the JSON API under ``/api`` (OpenAPI docs at ``/docs``) and, when they exist, the HTML pages
(``sandbox.web._pages.router``) and their static files (``sandbox/web/static`` at ``/static``).
Library errors become HTTP errors here, so routes stay one call each. Every request must name this
server in its ``Host`` header (``trusted_hosts``; 400 otherwise), against DNS rebinding.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sandbox.errors import SandboxError
from sandbox.live import Conflict, LiveRuns, RunNotFound
from sandbox.store import RunStore
from sandbox.web import _api as api
from sandbox.web._agents import register_agents
from sandbox.web._deps import ServerSettings, check_bind, trusted_hosts

STATIC = Path(__file__).resolve().parent / "static"


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """The web app for ``settings`` (default: from the environment). Refuses a non-loopback host without a
    token, and registers the operator's custom agents (``settings.agents``), failing on one that cannot load."""
    settings = settings or ServerSettings()
    check_bind(settings)
    register_agents(settings.agents)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = RunStore(settings.db_url())
        live = LiveRuns(
            store,
            checkpoints=settings.checkpoints_path(),
            scenarios_dir=settings.scenarios_dir(),
            workers=settings.workers,
            timeout_s=settings.run_timeout,
            undo_seconds=settings.undo_window(),
        )
        app.state.live = live
        try:
            yield
        finally:
            maker = getattr(app.state, "drill_maker", None)  # a drill being made (sandbox.web._drills)
            if maker is not None:
                maker.close()
            live.close()
            store.engine.dispose()

    app = FastAPI(
        title="Travel Agent Sandbox",
        summary="Start runs, decide their checkpoints, follow their traces, compare them.",
        lifespan=lifespan,
        max_body_size=settings.max_body,
    )
    app.state.settings = settings
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=trusted_hosts(settings), www_redirect=False)
    app.add_exception_handler(RunNotFound, _problem(404))
    app.add_exception_handler(Conflict, _problem(409))
    app.add_exception_handler(SandboxError, _problem(422))
    app.include_router(api.router)
    if importlib.util.find_spec("sandbox.web._pages") is not None:
        app.include_router(importlib.import_module("sandbox.web._pages").router)
        drills = importlib.import_module("sandbox.web._drills")
        app.include_router(drills.api)
        app.include_router(drills.pages)
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _problem(status: int) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def handler(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status)

    return handler
