"""The quality bar of every page, in Chromium: it fits a 390 px phone screen (nothing scrolls sideways:
``document.documentElement.scrollWidth`` <= 390) and axe-core finds no serious or critical violation,
at phone and at desktop width.

Every page: the scenario library, the runs list, a run waiting at its plan card, a run waiting at a
look-up card (``always-ask``), a run at a non-refundable booking asking a second time, a finished
run's scorecard, the run comparison, the batch comparison (with its sensitivity view) and its list,
the error page, the HTML report and the batch comparison's HTML report (files), and the drill pages (the
list, a run to grade, the score with runs graded wrong). axe-core is axe-playwright-python's vendored ``axe.min.js`` (the ``dev`` extra),
injected by Playwright into the page. Each page at 390 px is saved as ``test-artifacts/phone-NAME.png``.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sandbox.drills import drill_runs, new_stored_drill
from sandbox.report import batch_comparison, render_compare_html, write_html, write_sweep_html
from sandbox.runner import RunOptions, run_sweep
from sandbox.scenarios import default_scenarios_dir
from sandbox.scoring import summarize
from sandbox.spi import RunResult, Scores
from sandbox.store import RunStore
from tests.browser._server import (  # noqa: F401  (fixtures: page, problems, server, loopback_only)
    ARTIFACTS,
    BROWSER_MARKS,
    CARD,
    browser_loopback_only,
    browser_page,
    browser_problems,
    browser_server,
    expect,
)

axe = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is in the dev extras"
)

pytestmark = BROWSER_MARKS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BLOCKING = ("serious", "critical")
RUN = {"scenario": "basic-round-trip", "agent": "reference", "policy": "ask-on-write", "human": "web"}


def start(page: Any, **changes: str) -> str:
    r = page.request.post("/api/runs", data={**RUN, **changes})
    assert r.status == 201, r.text()
    return str(r.json()["id"])


def settle(page: Any, run_id: str, *statuses: str) -> dict[str, Any]:
    """The run once it is in one of ``statuses`` (it waits for a person, or it is over)."""
    statuses = statuses or ("waiting", "done", "error")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run = page.request.get(f"/api/runs/{run_id}").json()
        if run["status"] in statuses:
            return dict(run)
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} never reached {statuses}")


def approve_pending(page: Any, run_id: str) -> None:
    [cp] = [c for c in page.request.get(f"/api/runs/{run_id}/checkpoints").json() if c["status"] == "pending"]
    url = f"/api/runs/{run_id}/checkpoints/{cp['id']}/decision"
    assert page.request.post(url, data={"decision": "approve"}).ok
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the run stopped at another checkpoint, or ended
        run = page.request.get(f"/api/runs/{run_id}").json()
        if run["status"] in ("done", "error") or (
            run["status"] == "waiting" and cp["id"] not in run["pending"]
        ):
            return
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} did not go on after {cp['id']}")


def stored_batches(db: Path) -> list[str]:
    """Two CLI batches of two scenarios, saved straight into the server's store."""
    store, ids = RunStore(f"sqlite:///{db}"), []
    t0 = datetime(2027, 1, 1, 9, tzinfo=UTC)
    for n, agent in enumerate(("planner", "react")):
        batch = store.start_batch({"agent": agent, "model": "scripted", "trials": 1})
        for m, scenario in enumerate(("basic-round-trip", "one-way-nonstop")):
            passed = agent == "planner" or m == 0
            scores = Scores(
                correctness=1.0, budget=1.0, preference=0.9, faithfulness=1.0,
                overall=0.95 if passed else 0.4, passed=passed,
            )  # fmt: skip
            run = RunResult(
                id=f"{agent[0]}{m}", scenario=scenario, trial=0, seed=1, agent=agent, model="scripted",
                policy="never-ask", human="scripted", status="done", scores=scores,
                started_at=t0 + timedelta(minutes=10 * n + m),
            )  # fmt: skip
            store.save(run, batch)
        store.finish_batch(batch, {})
        ids.append(batch)
    runs = [store.get(i) for i in ("p0", "p1", "r0", "r1")]
    write_html(db.parent / "report.html", runs, summarize(runs))
    compared = batch_comparison(store, ids, resamples=200)
    (db.parent / "compare.html").write_text(render_compare_html(compared), encoding="utf-8")
    store.engine.dispose()
    return ids


@pytest.fixture
def every_page(page: Any, tmp_path: Path) -> dict[str, str]:
    """Every page, by name: its address (the report: a file)."""
    first, second = stored_batches(tmp_path / "runs.sqlite")
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    sweep = run_sweep(
        [default_scenarios_dir() / "basic-round-trip.yaml"], RunOptions(human="reviewer"),
        ["never-ask", "ask-on-write", "always-ask"], store=store,
    )  # fmt: skip
    write_sweep_html(tmp_path / "sweep.html", sweep.table(), f"Policy sweep {sweep.id}", "agent planner")
    drill = new_stored_drill(
        store, [default_scenarios_dir() / "day-after-tomorrow.yaml"], n=2, seed=3, difficulty="easy"
    )
    key = store.get_drill(drill)["runs"]
    for run_id in drill_runs(store, drill):  # every run graded wrong: the score explains each
        store.save_grade(drill, run_id, "pass" if key[run_id]["verdict"] == "fail" else "fail", "a guess")
    defective = 1 + next(i for i, r in enumerate(drill_runs(store, drill)) if key[r]["verdict"] == "fail")
    store.engine.dispose()
    plan = start(page)
    look_up = start(page, agent="planner", policy="always-ask")
    booking = start(page)
    done = [start(page, human="auto"), start(page, agent="planner", human="auto")]
    for run_id in (plan, look_up, booking):
        assert settle(page, run_id)["status"] == "waiting"
    approve_pending(page, booking)  # the plan: the card is now AX100's, a non-refundable fare
    for run_id in done:
        assert settle(page, run_id, "done", "error")["status"] == "done"
    return {
        "library": "/",
        "runs": "/runs",
        "run-plan": f"/runs/{plan}",
        "run-look-up": f"/runs/{look_up}",
        "run-asking-twice": f"/runs/{booking}",
        "scorecard": f"/runs/{done[0]}",
        "compare": f"/compare?ids={done[0]},{done[1]}",
        "compare-batches": f"/compare/batches?ids={first},{second}",
        "batches": "/compare/batches",
        "error": "/runs/nope",
        "report": (tmp_path / "report.html").as_uri(),
        "sweeps": "/sweeps",
        "sweep": f"/sweeps/{sweep.id}",
        "sweep-report": (tmp_path / "sweep.html").as_uri(),
        "compare-report": (tmp_path / "compare.html").as_uri(),
        "drills": "/drills",
        "drill-run": f"/drills/{drill}?run={defective}",
        "drill-score": f"/drills/{drill}/score",
    }


def show(page: Any, name: str, url: str) -> None:
    """Open the page and wait until it has what it shows (a run page: its timeline and card)."""
    page.goto(url)
    page.wait_for_load_state("load")
    if name.startswith(("run-", "scorecard")):
        expect(page.locator("#timeline li").first).to_be_visible()
    if name.startswith("run-"):
        expect(page.locator(CARD)).to_have_count(1)
    if name == "run-asking-twice":
        card = page.locator(CARD)
        card.get_by_role("button", name="Approve", exact=True).click()
        expect(card.get_by_role("group", name="This cannot be undone.", exact=False)).to_be_visible()
    if name == "scorecard":
        expect(page.locator("#scorecard")).to_be_visible()


def expected_404(problems: list[str], before: int) -> None:
    """The error page is a 404 by design; Chromium logs the status as a console error: drop that one."""
    problems[before:] = [p for p in problems[before:] if "status of 404" not in p]


def blocking_violations(page: Any) -> list[str]:
    found = axe.Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {', '.join(' '.join(n['target']) for n in v['nodes'])}"
        for v in found
        if v["impact"] in BLOCKING
    ]


def test_every_page_fits_a_phone_screen(page: Any, every_page: dict[str, str], problems: list[str]) -> None:
    page.set_viewport_size(PHONE)
    too_wide = {}
    for name, url in every_page.items():
        before = len(problems)
        show(page, name, url)
        if name == "error":
            expected_404(problems, before)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width
        page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)
    assert too_wide == {}, f"pages wider than a {PHONE['width']} px screen: {too_wide}"
    assert problems == []


def test_axe_finds_no_serious_or_critical_violation_on_any_page(
    page: Any, every_page: dict[str, str], problems: list[str]
) -> None:
    found = {}
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for name, url in every_page.items():
            before = len(problems)
            show(page, name, url)
            if name == "error":
                expected_404(problems, before)
            if bad := blocking_violations(page):
                found[f"{name} at {viewport['width']} px"] = bad
    assert found == {}, "axe-core found serious or critical violations:\n" + "\n".join(
        f"{page}: {v}" for page, vs in found.items() for v in vs
    )
    assert problems == []
