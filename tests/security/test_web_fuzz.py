"""Property-based fuzzing of the JSON API with schemathesis: requests generated from the app's own
OpenAPI schema (valid and invalid bodies, parameters and headers), sent to the app in-process (no
network). The property: no request gets a 500 (or any 5xx).

Paths that name a run point at real runs, so the decision and event routes are exercised past their
404: a finished run for the event stream (it ends), a run waiting at a checkpoint for the rest; a
new run names a scenario of the library, so the other fields are exercised past the unknown id.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from sandbox.web import ServerSettings, create_app

LOCAL = "http://127.0.0.1"
RUN = {"scenario": "basic-round-trip", "agent": "reference", "policy": "ask-on-write"}


def without_lifespan(app: FastAPI) -> Any:
    """``app`` for schemathesis, whose client would start the app's lifespan a second time: the
    fixture's ``TestClient`` owns the one lifespan (and its ``LiveRuns``)."""

    async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            await app(scope, receive, send)
            return
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})

    return asgi


def wait(c: TestClient, run_id: str, status: str) -> None:
    deadline = time.monotonic() + 60
    while c.get(f"/api/runs/{run_id}").json()["status"] != status:
        assert time.monotonic() < deadline, f"run {run_id} did not reach {status}"
        time.sleep(0.02)


class Served:
    """The app under test (its lifespan started by a ``TestClient``) and the runs the paths point at."""

    def __init__(self, app: Any, runs: dict[str, str]):
        self.app, self.runs = app, runs


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    db = tmp_path_factory.mktemp("fuzz") / "runs.sqlite"
    app = create_app(ServerSettings(db=f"sqlite:///{db}", workers=2, sse_poll=0.01))
    with TestClient(app, base_url=LOCAL) as c:
        runs = {
            "done": c.post("/api/runs", json=RUN | {"human": "auto"}).json()["id"],
            "waiting": c.post("/api/runs", json=RUN | {"human": "web"}).json()["id"],
        }
        wait(c, runs["done"], "done")
        wait(c, runs["waiting"], "waiting")
        [cp] = c.get(f"/api/runs/{runs['waiting']}/checkpoints").json()
        runs["checkpoint"] = cp["id"]
        yield Served(without_lifespan(app), runs)


# The schema is the app's own; an app that is never started serves it (the requests go to ``served``).
schema = schemathesis.openapi.from_asgi(
    "/openapi.json",
    without_lifespan(create_app(ServerSettings(db="sqlite://"))),
    headers={"Host": "127.0.0.1"},
)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_fuzz_never_500(case: Any, served: Served) -> None:
    if case.path_parameters and "run_id" in case.path_parameters:
        stream = case.path.endswith("/events")
        case.path_parameters["run_id"] = served.runs["done" if stream else "waiting"]
        if "checkpoint_id" in case.path_parameters:
            case.path_parameters["checkpoint_id"] = served.runs["checkpoint"]
    if case.operation.label == "POST /api/runs" and isinstance(case.body, dict) and "scenario" in case.body:
        case.body["scenario"] = RUN["scenario"]
    response = case.call(base_url=LOCAL, app=served.app, timeout=30)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"
