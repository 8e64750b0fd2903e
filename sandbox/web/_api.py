"""The JSON API under ``/api``: one router per resource, each route one call into ``sandbox.live``.

Errors: 404 unknown run or checkpoint; 409 a checkpoint already decided (or a run not waiting, or
nothing to undo);
413 a body over the limit; 422 a malformed body, an unknown name, a name the web may not use (a file
path, an import path: ``sandbox.web._guard``) or a decision that does not fit its checkpoint, naming
the field where there is one; 401 a missing or wrong token when the server has one; 400 a ``Host``
that is not this server's. Bodies are ``{"detail": ...}``. Run data is served through
``sandbox.web._public``: texts past ``TRAVEL_SANDBOX_MAX_TEXT`` characters are cut with a note, and
tracebacks stay on the server.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Depends, Header, Query, Response
from fastapi.responses import StreamingResponse
from fastapi.sse import format_sse_event

from sandbox.live import (
    MAX_OFFSET,
    FollowItem,
    ListQuery,
    LiveRuns,
    agent_list,
    model_list,
    policy_list,
    profile_list,
)
from sandbox.spi import recording_names
from sandbox.web import _guard as guard
from sandbox.web import _public as public
from sandbox.web._deps import ExistingRun, LiveDep, ServerSettings, SettingsDep, require_token
from sandbox.web._models import (
    AgentPublic,
    BatchComparison,
    BatchPublic,
    CheckpointPublic,
    CompareRow,
    DecisionCreate,
    ModelPublic,
    PolicyPublic,
    Problem,
    ProfilePublic,
    RunCreate,
    RunCreated,
    RunPublic,
    RunSummary,
    ScenarioPublic,
)

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such run."}}
MAX_SEQ = 2**63 - 1  # event ids are SQLite integers

scenarios = APIRouter(prefix="/scenarios", tags=["scenarios"])
catalog = APIRouter(tags=["catalog"])
runs = APIRouter(prefix="/runs", tags=["runs"])
checkpoints = APIRouter(prefix="/runs/{run_id}/checkpoints", tags=["checkpoints"], responses=NOT_FOUND)
events = APIRouter(prefix="/runs/{run_id}/events", tags=["events"], responses=NOT_FOUND)
compare = APIRouter(prefix="/compare", tags=["compare"])
batches = APIRouter(prefix="/batches", tags=["batches"])


@scenarios.get("", response_model=list[ScenarioPublic])
def list_scenarios(live: LiveDep) -> Any:
    """The scenario library runs can be started from."""
    return live.library.summaries()


@catalog.get("/agents", response_model=list[AgentPublic])
def list_agents() -> Any:
    return agent_list()


@catalog.get("/models", response_model=list[ModelPublic])
def list_models(settings: SettingsDep) -> Any:
    """Registered models, and ``replay:NAME`` for each recording in the recordings folder."""
    recordings = recording_names(settings.recordings_dir())
    return model_list() + [{"name": f"replay:{name}"} for name in recordings]


@catalog.get("/model-profiles", response_model=list[ProfilePublic])
def list_profiles() -> Any:
    """The server's model profiles (``TRAVEL_SANDBOX_PROFILES``), by name: a run names one in
    ``model_profile``; its endpoint and limits stay on the server."""
    return profile_list()


@catalog.get("/policies", response_model=list[PolicyPublic])
def list_policies() -> Any:
    return policy_list()


@runs.post("", status_code=201, response_model=RunCreated, responses={422: {"model": Problem}})
def start_run(body: RunCreate, live: LiveDep, settings: SettingsDep) -> Any:
    """Start a run in the background; it is ``running``, then ``waiting`` at a checkpoint or ``done``."""
    guard.check_run(body, live, settings)
    return live.start(body)


Name = Annotated[str | None, Query(max_length=200)]
ListStatus = Literal["running", "waiting", "done", "error", "skipped", "passed", "failed"]


@runs.get("", response_model=list[RunSummary])
def list_runs(
    live: LiveDep,
    settings: SettingsDep,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Runs to skip (pages).")] = 0,
    batch: Name = None,
    agent: Name = None,
    model: Name = None,
    policy: Name = None,
    scenario: Name = None,
    status: Annotated[
        ListStatus | None, Query(description="running, waiting, done, error; or passed / failed (done runs).")
    ] = None,
) -> Any:
    """Live and finished runs, newest first, without traces; every filter given must match exactly.
    ``X-Total-Count`` says how many runs match in all."""
    query = ListQuery(batch=batch, agent=agent, model=model, policy=policy, scenario=scenario, status=status)
    page, total = live.list_page(query, limit, offset)
    response.headers["X-Total-Count"] = str(total)
    return public.runs(page, settings.max_text)


@runs.get("/{run_id}", response_model=RunPublic, responses=NOT_FOUND)
def get_run(run_id: str, live: LiveDep, settings: SettingsDep) -> Any:
    return public.run(live.get(run_id), settings.max_text)


@checkpoints.get("", response_model=list[CheckpointPublic])
def list_checkpoints(run_id: str, live: LiveDep, settings: SettingsDep) -> Any:
    return public.clip(live.checkpoints(run_id), settings.max_text)


@checkpoints.post(
    "/{checkpoint_id}/decision",
    response_model=CheckpointPublic,
    responses={409: {"model": Problem, "description": "Already decided, or the run is not waiting."}},
)
def decide(
    run_id: str, checkpoint_id: str, body: DecisionCreate, live: LiveDep, settings: SettingsDep
) -> Any:
    """Decide a pending checkpoint; the run resumes once none of its checkpoints is pending. An edit's
    ``args`` must fit the schema of the tool it edits (422 naming the argument; the run keeps waiting)."""
    guard.check_decision(live, run_id, checkpoint_id, body)
    return public.clip(live.decide(run_id, checkpoint_id, body), settings.max_text)


@checkpoints.post(
    "/{checkpoint_id}/undo",
    response_model=CheckpointPublic,
    responses={409: {"model": Problem, "description": "No decision of it is in an undo window."}},
)
def undo(run_id: str, checkpoint_id: str, live: LiveDep, settings: SettingsDep) -> Any:
    """Take back a decision inside its undo window (server setting ``irreversible=undo``): the
    checkpoint is pending again and nothing reached the world."""
    return public.clip(live.undo(run_id, checkpoint_id), settings.max_text)


class EventStream(StreamingResponse):
    """Server-sent events, streamed by the route itself (not FastAPI's generator mode, whose streams
    log a traceback whenever a client leaves): a disconnect simply ends the stream."""

    media_type = "text/event-stream"


@events.get("", response_class=EventStream)
async def follow_run(
    run_id: ExistingRun,
    live: LiveDep,
    settings: SettingsDep,
    last_event_id: Annotated[
        int | None, Header(ge=-1, le=MAX_SEQ, description="Replay the events after this seq.")
    ] = None,
) -> EventStream:
    """The run's trace as server-sent events (``id`` = event seq; replays after ``Last-Event-ID``),
    a keep-alive comment while idle, and a last ``end`` event once the run is done or failed."""
    after = -1 if last_event_id is None else last_event_id
    return EventStream(
        _sse(live, run_id, after, settings), headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )


@compare.get("", response_model=list[CompareRow], responses=NOT_FOUND)
def compare_runs(
    live: LiveDep,
    settings: SettingsDep,
    ids: Annotated[str, Query(description=f"Run ids, comma-separated (at most {guard.MAX_COMPARE}).")],
) -> Any:
    """Runs side by side: scores, spend, interrupts, blocks, policy."""
    return public.runs(live.compare(guard.compare_ids(ids)), settings.max_text)


@compare.get("/batches", response_model=BatchComparison, responses={422: {"model": Problem}})
def compare_batches(
    live: LiveDep,
    ids: Annotated[
        str,
        Query(max_length=1000, description="Batch ids, comma-separated; each is compared against the first."),
    ],
    verdict: Annotated[
        Literal["all", "majority"], Query(description="A scenario passes when all its trials do, or most.")
    ] = "all",
) -> Any:
    """Batches side by side: pass^k and pass@k with intervals, and each batch against the first, paired
    by scenario (exact McNemar, paired bootstrap interval of the overall difference)."""
    return guard.compare_batches(live, ids, verdict)


@batches.get("", response_model=list[BatchPublic])
def list_batches(live: LiveDep, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Any:
    """Stored batches (``travel-sandbox run``), newest first."""
    return live.batches(limit)


async def _sse(live: LiveRuns, run_id: str, after: int, settings: ServerSettings) -> AsyncIterator[bytes]:
    async for item in live.follow(run_id, after, poll=settings.sse_poll, keepalive=settings.sse_keepalive):
        yield _frame(item, settings.max_text)
        await anyio.sleep(0)  # let a disconnect be noticed between the events of a burst


def _frame(item: FollowItem, limit: int) -> bytes:
    kind, value = item
    if kind == "event":
        data = json.dumps(public.event(value, limit), default=str)
        return format_sse_event(data_str=data, id=str(value["seq"]))
    if kind == "end":
        return format_sse_event(data_str=json.dumps({"status": value}), event="end")
    return format_sse_event(comment="keep-alive")


router = APIRouter(prefix="/api", dependencies=[Depends(require_token)], responses={401: {"model": Problem}})
for _r in (scenarios, catalog, runs, checkpoints, events, compare, batches):
    router.include_router(_r)
