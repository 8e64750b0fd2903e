"""The HTML pages of the web app: scenario library, runs, a run's live timeline and checkpoint cards,
run comparison, and policy sweeps (``travel-sandbox sweep``: the table and its frontier).

Pages are rendered on the server by Jinja2 with autoescaping on: scenario text and everything a run
produced (agent messages, tool results, rationales) is untrusted. Each route is one call into
``sandbox.live`` (through the app's ``LiveRuns``) plus a template; the small view models live in
``sandbox.web._views``. The browser side is plain JavaScript (``static/app.js``) over the JSON API;
the checkpoint cards and the scorecard are HTML fragments rendered here, so they are escaped the
same way whether they arrive with the page or later.

When the server has a token, pages need it too: open any page once with ``?token=TOKEN`` and it is
kept in a cookie, which the page's own API calls (and ``EventSource``) then carry.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from sandbox.errors import SandboxError
from sandbox.live import MAX_OFFSET, ListQuery, RunNotFound, agent_list, model_list, policy_list, profile_list
from sandbox.report import (
    load_sweep,
    recent_sweeps,
    render_compare_fragment,
    render_sweep_fragment,
    run_planted,
)
from sandbox.spi import recording_names
from sandbox.web import _card as card
from sandbox.web import _guard as guard
from sandbox.web import _public as public
from sandbox.web import _views as views
from sandbox.web._deps import TOKEN_COOKIE, LiveDep, SettingsDep
from sandbox.web._guard import MAX_COMPARE

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
DEFAULT_AGENT = "planner"
DEFAULT_MODEL = "scripted"
DEFAULT_POLICY = "ask-on-write"
HUMANS = [
    {"name": "web", "label": "me, in the browser", "description": "You decide every checkpoint here."},
    {"name": "scripted", "label": "scenario's scripted human", "description": "The scenario's rules decide."},
    {"name": "auto", "label": "auto-approve", "description": "Every checkpoint is approved."},
    {
        "name": "reviewer",
        "label": "simulated reviewer",
        "description": "Knows what the traveller needs; rejects most harmful changes (80%), a few harmless ones.",
    },
]
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _static_versions() -> dict[str, str]:
    """A short content hash per static file, so a changed file is never served stale from a cache."""
    if not STATIC.is_dir():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:10] for p in STATIC.iterdir() if p.is_file()}


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    versions = _static_versions()
    env.globals["static"] = lambda name: f"/static/{name}?v={versions.get(name, '0')}"
    env.globals["help"] = views.SCORE_HELP
    env.filters["num"] = lambda x, d=2: "—" if x is None else f"{x:.{d}f}"
    env.filters["money"] = lambda x: "—" if x is None else f"${x:,.2f}"
    env.filters["nobr_ids"] = nobr_ids
    env.filters["secs"] = views.seconds
    return env


ID_PATTERN = re.compile(r"\b([A-Z0-9]+(?:-[A-Z0-9]+)+)\b")


def nobr_ids(text: Any) -> Markup:
    """``text`` escaped, with ids like ``H-JFK-04`` kept on one line (never broken at their hyphens)."""
    parts = ID_PATTERN.split(str(text))
    return Markup("").join(
        Markup('<span class="nobr">{}</span>').format(p) if i % 2 else escape(p) for i, p in enumerate(parts)
    )


TEMPLATES = _env()


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = TEMPLATES.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def require_page_token(request: Request, settings: SettingsDep) -> None:
    """With a token configured, a page needs it: from the cookie, or once as ``?token=`` (kept in the cookie)."""
    if settings.token is None:
        return
    expected = settings.token.get_secret_value().encode()
    given = request.query_params.get("token")
    if given is not None and secrets.compare_digest(given.encode(), expected):
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        carrier = Response()
        carrier.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict")
        raise HTTPException(
            status_code=303,
            detail="Token accepted.",
            headers={
                "Location": request.url.path + (f"?{urlencode(rest)}" if rest else ""),
                "Set-Cookie": carrier.headers["set-cookie"],
            },
        )
    cookie = request.cookies.get(TOKEN_COOKIE, "")
    if not secrets.compare_digest(cookie.encode(), expected):
        raise HTTPException(
            status_code=401, detail="This server needs its token: open the page once with ?token=TOKEN."
        )


router = APIRouter(include_in_schema=False, dependencies=[Depends(require_page_token)])


def _not_found(message: str) -> HTMLResponse:
    return render("error.html.j2", 404, page="error", nav="", title="Not found", message=message)


def _choices(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        about = str(item.get("about") or "")
        if not about and item.get("privileged"):
            about = "Reads the hidden scenario: a calibration reference, not a real agent."
        out.append({**item, "description": about, "broken": about.startswith("cannot be loaded")})
    return out


@router.get("/", response_class=HTMLResponse)
def library_page(live: LiveDep, settings: SettingsDep) -> HTMLResponse:
    """The scenario library, with the settings a run starts with."""
    agents = _choices(agent_list())
    agents.sort(key=lambda a: (a["name"] != DEFAULT_AGENT, a["broken"], a["name"]))
    return render(
        "library.html.j2",
        page="library",
        nav="scenarios",
        title="Scenarios",
        scenarios=live.library.summaries(),
        agents=agents,
        models=[m["name"] for m in model_list()]
        + [f"replay:{name}" for name in recording_names(settings.recordings_dir())],
        policies=_choices(policy_list()),
        profiles=profile_list(),
        humans=HUMANS,
        default_agent=DEFAULT_AGENT,
        default_model=DEFAULT_MODEL,
        default_policy=DEFAULT_POLICY,
    )


Name = Annotated[str | None, Query(max_length=200)]


@router.get("/runs", response_class=HTMLResponse)
def runs_page(
    live: LiveDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    batch: Name = None,
    agent: Name = None,
    model: Name = None,
    policy: Name = None,
    scenario: Name = None,
    status: Annotated[views.ListStatus | None, Query()] = None,
    selected: Annotated[list[str] | None, Query()] = None,
) -> HTMLResponse:
    """Runs, newest first, filtered and paged, to open or pick for comparison (``?selected=ID`` ticks a run)."""
    filters = {"batch": batch, "agent": agent, "model": model, "policy": policy, "scenario": scenario}
    query = ListQuery(**filters, status=status)
    page, total = live.list_page(query, limit, offset)
    picked = {i.strip() for raw in selected or [] for i in raw.split(",") if i.strip()}
    return render(
        "runs.html.j2",
        page="runs",
        nav="runs",
        title="Runs",
        runs=[views.run_row(r) for r in page],
        selected=picked,
        filters={**filters, "status": status},
        statuses=views.LIST_STATUSES,
        choices=views.filter_choices(agent_list(), model_list(), policy_list(), live.library.summaries()),
        pager=views.pager({**filters, "status": status}, offset, limit, total, len(page)),
    )


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def run_page(run_id: str, live: LiveDep, settings: SettingsDep) -> HTMLResponse:
    """One run: live timeline, checkpoint cards while it waits, the scorecard once it is over."""
    try:
        run = public.run(live.get(run_id, trace=False), settings.max_text)
    except RunNotFound:
        return _not_found(f"There is no run {run_id!r}.")
    title, request = run["scenario"], None
    try:
        scenario = live.library.get(run["scenario"]).scenario
        title, request = scenario.title, scenario.request
    except SandboxError:
        pass  # a run of a scenario outside the library (e.g. from a CLI batch)
    return render(
        "run.html.j2",
        page="run",
        nav="runs",
        title=f"Run {run['id']}",
        run=run,
        run_id=run["id"],
        status_label={"waiting": "Waiting for you"}.get(run["status"], str(run["status"]).capitalize()),
        scenario_title=title,
        scenario_request=request,
        checkpoints=_open(live, run, settings.irreversible) if run["status"] == "waiting" else [],
        sc=views.score_view(run),
        planted=_planted(live, run),
    )


def _planted(live: Any, run: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The answer key of a finished run whose model planted mistakes (None otherwise)."""
    if run["status"] not in ("done", "error"):
        return None
    try:
        planted = run_planted(live.runs.get(run["id"]))
    except SandboxError:  # a live run not (yet) in the run store
        return None
    return None if planted is None else [m.model_dump(mode="json") for m in planted]


def _open(live: Any, run: dict[str, Any], guard: str) -> list[dict[str, Any]]:
    """The run's pending checkpoints as cards, and its decisions held in their undo window."""
    out = []
    for c in live.checkpoints(run["id"]):
        if c.get("status") == "pending":
            out.append(card.checkpoint_view(c, guard))
        elif c.get("status") == "held":
            out.append(card.held_view(c))
    return out


@router.get("/runs/{run_id}/fragments/checkpoints", response_class=HTMLResponse)
def checkpoints_fragment(run_id: str, live: LiveDep, settings: SettingsDep) -> HTMLResponse:
    """The run's pending checkpoint cards, and its decisions in their undo window (empty when none)."""
    try:
        run = live.get(run_id, trace=False)
    except RunNotFound:
        return HTMLResponse("", status_code=404)
    return render(
        "_checkpoints.html.j2", run_id=run["id"], checkpoints=_open(live, run, settings.irreversible)
    )


@router.get("/runs/{run_id}/fragments/scorecard", response_class=HTMLResponse)
def scorecard_fragment(run_id: str, live: LiveDep, settings: SettingsDep) -> HTMLResponse:
    """The run's scorecard once it is over (empty before)."""
    try:
        run = public.run(live.get(run_id, trace=False), settings.max_text)
    except RunNotFound:
        return HTMLResponse("", status_code=404)
    if run["status"] not in ("done", "error", "skipped"):
        return HTMLResponse("", headers=SECURITY_HEADERS)
    return render("_scorecard.html.j2", run=run, sc=views.score_view(run), planted=_planted(live, run))


@router.get("/compare", response_class=HTMLResponse)
def compare_page(live: LiveDep, ids: Annotated[list[str] | None, Query()] = None) -> HTMLResponse:
    """Runs side by side; ``?ids=a,b`` or ``?ids=a&ids=b``."""
    wanted = [i.strip() for raw in ids or [] for i in raw.split(",") if i.strip()]
    wanted = list(dict.fromkeys(wanted))
    runs: list[dict[str, Any]] = []
    error = None
    if len(wanted) > MAX_COMPARE:
        wanted = wanted[:MAX_COMPARE]
        error = f"Only the first {MAX_COMPARE} runs are compared; pick fewer to see the others."
    for run_id in wanted:
        try:
            runs.append(live.get(run_id, trace=False))
        except RunNotFound:
            error = f"There is no run {run_id!r}; it is left out."
    if len(wanted) == 1 and not error:
        error = "Pick at least one more run to compare with."
    return render(
        "compare.html.j2",
        page="compare",
        nav="compare",
        title="Compare runs",
        runs=runs,
        rows=views.compare_rows(runs) if runs else [],
        error=error,
    )


@router.get("/compare/batches", response_class=HTMLResponse)
def compare_batches_page(
    live: LiveDep,
    ids: Annotated[list[str] | None, Query(max_length=1000)] = None,
    verdict: Annotated[Literal["all", "majority"], Query()] = "all",
) -> HTMLResponse:
    """Batches side by side, each against the first (``?ids=a,b`` or ``?ids=a&ids=b``), and a list of
    recent batches to pick from."""
    wanted = list(dict.fromkeys(i.strip() for raw in ids or [] for i in raw.split(",") if i.strip()))
    body, error, status = None, None, 200
    if len(wanted) == 1:
        error = "Pick at least one more batch to compare with."
    elif wanted:
        try:
            body = Markup(render_compare_fragment(guard.compare_batches(live, ",".join(wanted), verdict)))
        except RequestValidationError as exc:
            error, status = "; ".join(str(e.get("msg")) for e in exc.errors()), 422
    return render(
        "compare_batches.html.j2",
        status_code=status,
        page="compare-batches",
        nav="compare",
        title="Compare batches",
        body=body,
        error=error,
        picked=set(wanted),
        verdict=verdict,
        batches=live.batches(50),
    )


SWEEP_ID = re.compile(r"^[0-9a-f]{1,32}$")


@router.get("/sweeps", response_class=HTMLResponse)
def sweeps_page(live: LiveDep) -> HTMLResponse:
    """The recent policy sweeps (``travel-sandbox sweep`` stores one batch per policy)."""
    return render(
        "sweeps.html.j2",
        page="sweeps",
        nav="compare",
        title="Policy sweeps",
        sweeps=recent_sweeps(live.runs),
        body=None,
        sweep=None,
        error=None,
    )


@router.get("/sweeps/{sweep_id}", response_class=HTMLResponse)
def sweep_page(live: LiveDep, sweep_id: str) -> HTMLResponse:
    """One sweep: per policy, interruptions, human time, harm and who caught it, pass rate, cost; the
    Pareto frontier drawn. An unknown id is a 404 naming no file or database."""
    try:
        if not SWEEP_ID.fullmatch(sweep_id):
            raise SandboxError(f"no sweep {sweep_id!r}")
        found = load_sweep(live.runs, sweep_id)
    except SandboxError:
        return render("sweeps.html.j2", status_code=404, page="sweeps", nav="compare", title="Policy sweeps",
                      sweeps=recent_sweeps(live.runs), body=None, sweep=None,
                      error=f"There is no sweep {sweep_id!r}.")  # fmt: skip
    body = Markup(render_sweep_fragment(found.table, found.about))
    return render("sweeps.html.j2", page="sweeps", nav="compare", title=f"Policy sweep {found.id}",
                  sweeps=[], body=body, sweep=found, error=None)  # fmt: skip
