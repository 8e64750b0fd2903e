"""The policy-sweep pages and a reviewer-human run in a real browser (Debian's Chromium, Playwright).

A sweep of ``basic-round-trip`` under never-ask and always-ask (reviewer human) is stored in the
server's database; a person finds it from the batch comparison page, opens it, reads the table and the
frontier chart, and the page fits a 390 px phone. Then a run is started from the scenario library with
the simulated reviewer deciding its checkpoints, and finishes with a scorecard without anyone clicking.
The sweep page is saved as ``test-artifacts/sweep-page.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sandbox.runner import RunOptions, run_sweep
from sandbox.scenarios import default_scenarios_dir
from sandbox.store import RunStore
from tests.browser._server import (  # noqa: F401  (fixtures: page, problems, server, loopback_only)
    ARTIFACTS,
    BROWSER_MARKS,
    browser_loopback_only,
    browser_page,
    browser_problems,
    browser_server,
    expect,
)

pytestmark = BROWSER_MARKS


def test_find_a_sweep_read_its_frontier_and_fit_a_phone(
    page: Any, problems: list[str], tmp_path: Path
) -> None:
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")  # the server's database (browser_server)
    sweep = run_sweep(
        [default_scenarios_dir() / "basic-round-trip.yaml"],
        RunOptions(human="reviewer"),
        ["never-ask", "always-ask"],
        store=store,
    )
    page.goto("/compare/batches")
    page.get_by_role("link", name="Policy sweeps…").click()
    expect(page.get_by_role("heading", name="Policy sweeps", exact=True)).to_be_visible()
    page.get_by_role("link", name=sweep.id).click()
    page.wait_for_url(f"**/sweeps/{sweep.id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(sweep.id)
    table = page.get_by_role("region", name="Sweep table").locator("table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first).to_contain_text("never-ask")
    expect(table.locator("tbody tr").first.locator(".badge-front")).to_have_text("frontier")
    chart = page.get_by_role("img", name="Each policy's interruptions per run")
    expect(chart.locator("circle")).to_have_count(2)
    expect(page.locator("#sweep-view")).to_contain_text("frontier")
    page.locator("#sweep-view").screenshot(path=str(ARTIFACTS / "sweep-page.png"))
    page.get_by_role("link", name=sweep.batches[1].id).click()
    page.wait_for_url(f"**/runs?batch={sweep.batches[1].id}")

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"/sweeps/{sweep.id}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # axe and width: test_quality_bar
    box = page.locator("#sweep-view").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    svg = page.get_by_role("img", name="Each policy's interruptions per run").bounding_box()
    assert svg is not None and svg["x"] + svg["width"] <= 390
    assert problems == []


def test_a_run_decided_by_the_simulated_reviewer_finishes_by_itself(page: Any, problems: list[str]) -> None:
    page.goto("/")
    page.get_by_label("Agent").select_option("reference")
    page.get_by_label("Override policy").select_option("ask-on-write")
    page.get_by_label("Human at checkpoints").select_option("reviewer")
    page.get_by_label("Find a scenario").fill("basic-round-trip")
    page.get_by_role("button", name="Start run: Round trip to New York with a hotel").click()
    page.wait_for_url("**/runs/*")
    scorecard = page.locator("#scorecard")
    expect(scorecard).to_be_visible()
    expect(page.locator("#run-status")).to_have_text("Done")
    run_id = page.url.rsplit("/", 1)[1]
    run = page.request.get(f"/api/runs/{run_id}").json()
    assert run["human"] == "reviewer"
    assert problems == []
