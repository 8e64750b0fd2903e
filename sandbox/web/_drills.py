"""The drill pages and their JSON API: grade a drill's runs one at a time, then see the score.

Pages: ``/drills`` (the drills in the run store, and a form to make one: n, seed, difficulty),
``/drills/{id}?run=N`` (run N of the drill: its request, trace and final state, the answer hidden; the
learner marks it pass or fail with a reason and moves on) and ``/drills/{id}/score`` (``drill score``'s
figures on the stored grades). API under ``/api/drills`` (token as everywhere): list, make (in the
background: ``sandbox.web._drill_jobs``), the drill's runs and grades, one run as the learner sees it, a
grade (``PUT``), the score.

Nothing before the score says a run's answer (its defect kind or verdict): the drill's runs and the
learner's grades only (``sandbox.web._drill_view`` hides what would tell). An unknown drill, or a run
outside it, is a 404; a bad value a 422 naming the field.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from sandbox.drills import MAX_REASON, drill_runs, grade_run, score_grades
from sandbox.errors import SandboxError
from sandbox.live import LiveRuns
from sandbox.web._deps import LiveDep, SettingsDep, require_token
from sandbox.web._drill_jobs import Busy, DrillMaker
from sandbox.web._drill_view import learner_run
from sandbox.web._models import Problem
from sandbox.web._pages import _not_found, render, require_page_token

#: The most runs one drill made from the web may have (each is a run of an agent; the CLI allows more).
MAX_WEB_N = 40


class DrillCreate(BaseModel):
    """A new drill: ``n`` runs (about half with a planted defect), which ones chosen by ``seed``."""

    model_config = ConfigDict(extra="forbid")
    n: int = Field(12, ge=2, le=MAX_WEB_N)
    seed: int = Field(0, ge=0, le=2**31 - 1)
    difficulty: Literal["easy", "hard"] = "easy"


class GradeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verdict: Literal["pass", "fail"]
    reason: str = Field("", max_length=MAX_REASON)


def _runs(live: LiveRuns, drill_id: str) -> list[str]:
    """The drill's runs in grading order; 404 for an unknown drill."""
    try:
        return drill_runs(live.runs, drill_id)
    except SandboxError:
        raise HTTPException(status_code=404, detail=f"There is no drill {drill_id!r}.") from None


def _sheet(live: LiveRuns, drill_id: str) -> dict[str, Any]:
    order = _runs(live, drill_id)
    grades = live.runs.drill_grades(drill_id)
    runs = [
        {
            "position": i,
            "run_id": rid,
            "verdict": grades.get(rid, ("", ""))[0],
            "reason": grades.get(rid, ("", ""))[1],
        }
        for i, rid in enumerate(order, start=1)
    ]
    return {
        "id": drill_id,
        "total": len(order),
        "graded": sum(bool(r["verdict"]) for r in runs),
        "runs": runs,
    }


def _learner_run(live: LiveRuns, run_id: str, limit: int) -> dict[str, Any]:
    run = live.runs.get(run_id)
    title = request = None
    try:
        scenario = live.library.get(run.scenario).scenario
        title, request = scenario.title, scenario.request
    except SandboxError:
        pass  # a scenario outside the server's library: the trace still has the request
    return learner_run(run, request, title, limit)


# -- the JSON API --------------------------------------------------------------------------------

api = APIRouter(
    prefix="/api/drills",
    tags=["drills"],
    dependencies=[Depends(require_token)],
    responses={401: {"model": Problem}, 404: {"model": Problem}},
)


@api.get("")
def list_drills(live: LiveDep, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Any:
    """The drills in the run store, newest first, with how many runs each has and how many are graded."""
    return [d.model_dump(mode="json") for d in live.runs.list_drills(limit)]


_MAKER_LOCK = threading.Lock()


def get_maker(request: Request, live: LiveDep, settings: SettingsDep) -> DrillMaker:
    """The app's one drill maker (made on first use; ``create_app``'s shutdown closes it)."""
    with _MAKER_LOCK:
        maker: DrillMaker | None = getattr(request.app.state, "drill_maker", None)
        if maker is None:
            maker = DrillMaker(live.runs, settings.scenarios_dir())
            request.app.state.drill_maker = maker
        return maker


MakerDep = Annotated[DrillMaker, Depends(get_maker)]


@api.post("", status_code=202, responses={422: {"model": Problem}, 429: {"model": Problem}})
def make_drill(body: DrillCreate, maker: MakerDep) -> Any:
    """Start making a drill from the server's scenario library (it runs the agents: seconds per run);
    follow it at ``/api/drills/jobs/{job}``. One at a time: 429 while another is being made."""
    try:
        return maker.start(body.n, body.seed, body.difficulty)
    except Busy as exc:
        raise HTTPException(status_code=429, detail=str(exc)) from None


@api.get("/jobs/{job_id}")
def get_job(job_id: str, maker: MakerDep) -> Any:
    """A drill being made: ``running``, ``done`` (``drill``: its id) or ``error`` (``error``: why)."""
    job = maker.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail=f"There is no drill job {job_id!r}.")
    return job


@api.get("/{drill_id}")
def get_drill(drill_id: str, live: LiveDep) -> Any:
    """The drill's runs in grading order and the learner's grades so far (no answers)."""
    return _sheet(live, drill_id)


@api.get("/{drill_id}/runs/{run_id}")
def get_drill_run(drill_id: str, run_id: str, live: LiveDep, settings: SettingsDep) -> Any:
    """One run of the drill as the learner sees it: request, trace, final state; no agent, model or score."""
    if run_id not in _runs(live, drill_id):
        raise HTTPException(status_code=404, detail=f"Run {run_id!r} is not in drill {drill_id}.")
    return _learner_run(live, run_id, settings.max_text)


@api.put("/{drill_id}/grades/{run_id}", responses={422: {"model": Problem}})
def put_grade(drill_id: str, run_id: str, body: GradeIn, live: LiveDep) -> Any:
    """Keep the learner's verdict on one run (a new grade replaces the old)."""
    if run_id not in _runs(live, drill_id):
        raise HTTPException(status_code=404, detail=f"Run {run_id!r} is not in drill {drill_id}.")
    grade_run(live.runs, drill_id, run_id, body.verdict, body.reason)
    sheet = _sheet(live, drill_id)
    return {"graded": sheet["graded"], "total": sheet["total"]}


@api.get("/{drill_id}/score")
def get_score(drill_id: str, live: LiveDep) -> Any:
    """``drill score``'s figures on the stored grades: precision, recall, accuracy, by kind, against the
    answer key and the harness, and the runs graded wrong, explained (this reveals their answers)."""
    _runs(live, drill_id)
    return score_grades(live.runs, drill_id)


# -- the pages -------------------------------------------------------------------------------------

pages = APIRouter(include_in_schema=False, dependencies=[Depends(require_page_token)])


@pages.get("/drills", response_class=HTMLResponse)
def drills_page(live: LiveDep) -> HTMLResponse:
    """The drills in the run store, and the form to make one."""
    return render(
        "drills.html.j2",
        page="drills",
        nav="drills",
        title="Drills",
        drills=live.runs.list_drills(50),
        max_n=MAX_WEB_N,
    )


@pages.get("/drills/{drill_id}", response_class=HTMLResponse)
def drill_page(
    drill_id: str,
    live: LiveDep,
    settings: SettingsDep,
    run: Annotated[int | None, Query(ge=1, description="Which run of the drill (1 is the first).")] = None,
) -> HTMLResponse:
    """Run ``run`` of the drill (default: the first ungraded one) with the form to grade it."""
    try:
        sheet = _sheet(live, drill_id)
    except HTTPException:
        return _not_found(f"There is no drill {drill_id!r}.")
    rows = sheet["runs"]
    if run is None:
        run = next((r["position"] for r in rows if not r["verdict"]), 1)
    if run > len(rows):
        return render("error.html.j2", 422, page="error", nav="drills", title="No such run",
                      message=f"run: drill {drill_id} has runs 1 to {len(rows)}, not {run}.")  # fmt: skip
    row = rows[run - 1]
    return render(
        "drill.html.j2",
        page="drill",
        nav="drills",
        title=f"Drill {drill_id}: run {run} of {len(rows)}",
        sheet=sheet,
        row=row,
        view=_learner_run(live, row["run_id"], settings.max_text),
        position=run,
    )


@pages.get("/drills/{drill_id}/score", response_class=HTMLResponse)
def drill_score_page(drill_id: str, live: LiveDep) -> HTMLResponse:
    """The learner's score so far, and the runs they graded wrong, explained."""
    try:
        order = _runs(live, drill_id)
    except HTTPException:
        return _not_found(f"There is no drill {drill_id!r}.")
    positions = {rid: i for i, rid in enumerate(order, start=1)}
    return render(
        "drill_score.html.j2",
        page="drill-score",
        nav="drills",
        title=f"Drill {drill_id}: your score",
        drill_id=drill_id,
        score=score_grades(live.runs, drill_id),
        positions=positions,
        total=len(order),
    )
