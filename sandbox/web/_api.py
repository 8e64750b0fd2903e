"""The JSON API under ``/api``: one router per resource, each route one call into ``sandbox.live``.

Errors: 404 unknown run or checkpoint; 409 a checkpoint already decided (or a run not waiting);
413 a body over the limit; 422 a malformed body, an unknown name or a decision that does not fit its
checkpoint; 401 a missing or wrong token when the server has one. Bodies are ``{"detail": ...}``.
"""

from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query
from fastapi.sse import EventSourceResponse, ServerSentEvent

from sandbox.live import FollowItem, agent_list, model_list, policy_list
from sandbox.web._deps import ExistingRun, LiveDep, SettingsDep, require_token
from sandbox.web._models import (
    AgentPublic,
    CheckpointPublic,
    CompareRow,
    DecisionCreate,
    ModelPublic,
    PolicyPublic,
    Problem,
    RunCreate,
    RunCreated,
    RunPublic,
    RunSummary,
    ScenarioPublic,
)

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such run."}}

scenarios = APIRouter(prefix="/scenarios", tags=["scenarios"])
catalog = APIRouter(tags=["catalog"])
runs = APIRouter(prefix="/runs", tags=["runs"])
checkpoints = APIRouter(prefix="/runs/{run_id}/checkpoints", tags=["checkpoints"], responses=NOT_FOUND)
events = APIRouter(prefix="/runs/{run_id}/events", tags=["events"], responses=NOT_FOUND)
compare = APIRouter(prefix="/compare", tags=["compare"])


@scenarios.get("", response_model=list[ScenarioPublic])
def list_scenarios(live: LiveDep) -> Any:
    """The scenario library runs can be started from."""
    return live.library.summaries()


@catalog.get("/agents", response_model=list[AgentPublic])
def list_agents() -> Any:
    return agent_list()


@catalog.get("/models", response_model=list[ModelPublic])
def list_models() -> Any:
    return model_list()


@catalog.get("/policies", response_model=list[PolicyPublic])
def list_policies() -> Any:
    return policy_list()


@runs.post("", status_code=201, response_model=RunCreated, responses={422: {"model": Problem}})
def start_run(body: RunCreate, live: LiveDep) -> Any:
    """Start a run in the background; it is ``running``, then ``waiting`` at a checkpoint or ``done``."""
    return live.start(body)


@runs.get("", response_model=list[RunSummary])
def list_runs(live: LiveDep, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Any:
    """Live and finished runs, newest first, without traces."""
    return live.list_runs(limit)


@runs.get("/{run_id}", response_model=RunPublic, responses=NOT_FOUND)
def get_run(run_id: str, live: LiveDep) -> Any:
    return live.get(run_id)


@checkpoints.get("", response_model=list[CheckpointPublic])
def list_checkpoints(run_id: str, live: LiveDep) -> Any:
    return live.checkpoints(run_id)


@checkpoints.post(
    "/{checkpoint_id}/decision",
    response_model=CheckpointPublic,
    responses={409: {"model": Problem, "description": "Already decided, or the run is not waiting."}},
)
def decide(run_id: str, checkpoint_id: str, body: DecisionCreate, live: LiveDep) -> Any:
    """Decide a pending checkpoint; the run resumes once none of its checkpoints is pending."""
    return live.decide(run_id, checkpoint_id, body)


@events.get("", response_class=EventSourceResponse)
async def follow_run(
    run_id: ExistingRun,
    live: LiveDep,
    settings: SettingsDep,
    last_event_id: Annotated[int | None, Header()] = None,
) -> AsyncIterable[ServerSentEvent]:
    """The run's trace as server-sent events (``id`` = event seq; replays after ``Last-Event-ID``),
    a keep-alive comment while idle, and a last ``end`` event once the run is done or failed."""
    after = -1 if last_event_id is None else last_event_id
    async for item in live.follow(run_id, after, poll=settings.sse_poll, keepalive=settings.sse_keepalive):
        yield _sse(item)


@compare.get("", response_model=list[CompareRow], responses=NOT_FOUND)
def compare_runs(live: LiveDep, ids: Annotated[str, Query(description="Run ids, comma-separated.")]) -> Any:
    """Runs side by side: scores, spend, interrupts, blocks, policy."""
    return live.compare([i.strip() for i in ids.split(",") if i.strip()])


def _sse(item: FollowItem) -> ServerSentEvent:
    kind, value = item
    if kind == "event":
        return ServerSentEvent(data=value, id=str(value["seq"]))
    if kind == "end":
        return ServerSentEvent(data={"status": value}, event="end")
    return ServerSentEvent(comment="keep-alive")


router = APIRouter(prefix="/api", dependencies=[Depends(require_token)], responses={401: {"model": Problem}})
for _r in (scenarios, catalog, runs, checkpoints, events, compare):
    router.include_router(_r)
