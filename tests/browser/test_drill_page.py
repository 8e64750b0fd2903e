"""The drill page in Chromium: a perfect learner grades every run with the keyboard alone and scores
recall 1.0; Enter in the reason box is a new line and never sends a verdict (neither pass nor fail).

The drill (4 runs of 3 shipped scenarios, seed 3) is made into the server's run store before the page
opens; grades are read back from the API. Real server, real Chromium (``tests/browser/_server.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sandbox.drills import new_stored_drill
from sandbox.scenarios import default_scenarios_dir
from sandbox.store import RunStore
from tests.browser._server import (  # noqa: F401  (fixtures: page, problems, server, loopback_only)
    BROWSER_MARKS,
    browser_loopback_only,
    browser_page,
    browser_problems,
    browser_server,
    expect,
)

pytestmark = BROWSER_MARKS

FEW = ("multi-city-two-rooms", "day-after-tomorrow", "one-way")
REASON = "Why (what you saw)"


@pytest.fixture
def drill(tmp_path: Path) -> tuple[str, dict[str, Any]]:
    """A drill in the server's run store: its id and its answer key (the test's, never the page's)."""
    store = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}")
    drill_id = new_stored_drill(
        store, [default_scenarios_dir() / f"{s}.yaml" for s in FEW], n=4, seed=3, difficulty="easy"
    )
    key = store.get_drill(drill_id)["runs"]
    store.engine.dispose()
    return drill_id, key


def graded(page: Any, drill_id: str) -> dict[str, str]:
    return {
        r["run_id"]: r["verdict"]
        for r in page.request.get(f"/api/drills/{drill_id}").json()["runs"]
        if r["verdict"]
    }


def test_a_perfect_learner_grades_by_keyboard_and_scores_recall_one(
    page: Any, problems: list[str], drill: tuple[str, dict[str, Any]]
) -> None:
    drill_id, key = drill
    assert {"pass", "fail"} == {k["verdict"] for k in key.values()}
    page.goto(f"/drills/{drill_id}")
    total = len(key)
    for n in range(1, total + 1):
        expect(page.get_by_role("heading", name=f"Run {n} of {total}")).to_be_visible()
        run_id = page.locator("#grade-form").get_attribute("data-api").rsplit("/", 1)[1]
        answer = key[run_id]["verdict"]
        reason = page.get_by_label(REASON)
        reason.click()
        reason.type("saw it")
        reason.press("Enter")  # a new line in the reason: no verdict is sent, the page stays
        reason.type("in the trace")
        expect(reason).to_have_value("saw it\nin the trace")
        assert run_id not in graded(page, drill_id)
        expect(page.get_by_role("heading", name=f"Run {n} of {total}")).to_be_visible()
        page.keyboard.press("Tab")  # to Pass
        if answer == "fail":
            page.keyboard.press("Tab")  # to Fail
        expect(page.get_by_role("button", name=answer.capitalize(), exact=True)).to_be_focused()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert graded(page, drill_id)[run_id] == answer
    expect(page.get_by_role("heading", name="Your score")).to_be_visible()
    expect(page.locator('[data-figure="recall"]')).to_have_text("1.00")
    expect(page.locator('[data-figure="precision"]')).to_have_text("1.00")
    expect(page.get_by_role("heading", name="Runs you graded wrong (0)")).to_be_visible()
    score = page.request.get(f"/api/drills/{drill_id}/score").json()
    assert (score["recall"], score["precision"], score["accuracy"], score["graded"]) == (1.0, 1.0, 1.0, total)
    reasons = {r["reason"] for r in page.request.get(f"/api/drills/{drill_id}").json()["runs"]}
    assert reasons == {"saw it\nin the trace"}
    assert problems == []


def test_a_reload_keeps_grades_and_previous_goes_back(
    page: Any, problems: list[str], drill: tuple[str, dict[str, Any]]
) -> None:
    drill_id, _ = drill
    page.goto(f"/drills/{drill_id}")
    page.get_by_label(REASON).fill("looks fine")
    with page.expect_navigation():
        page.get_by_role("button", name="Fail", exact=True).click()
    expect(page.get_by_role("heading", name="Run 2 of 4")).to_be_visible()
    page.reload()
    page.get_by_role("link", name="← Previous run").click()
    expect(page.get_by_role("heading", name="Run 1 of 4")).to_be_visible()
    expect(page.locator("#grade-now")).to_contain_text("You said fail: looks fine")
    expect(page.get_by_label(REASON)).to_have_value("looks fine")
    assert problems == []


def test_the_form_makes_a_drill_and_opens_its_first_run(page: Any, problems: list[str]) -> None:
    page.goto("/drills")
    page.get_by_label("Runs").fill("2")
    page.get_by_label("Seed").fill("1")
    page.get_by_role("button", name="Make the drill").click()
    expect(page.get_by_role("status")).to_contain_text("Making the drill")
    page.wait_for_url("**/drills/drill-*", timeout=300_000)  # the runs are made in the background
    expect(page.get_by_role("heading", name="Run 1 of 2")).to_be_visible()
    page.get_by_role("link", name="Drills", exact=True).first.click()
    expect(page.locator("table.data tbody tr")).to_have_count(1)
    assert problems == []


def test_a_bad_value_in_the_form_names_the_field(page: Any, problems: list[str]) -> None:
    page.goto("/drills")
    page.get_by_label("Runs").fill("1")
    page.get_by_role("button", name="Make the drill").click()
    expect(page.get_by_role("alert")).to_contain_text("n: Input should be greater than or equal to 2")
    problems[:] = [p for p in problems if "status of 422" not in p]  # Chromium logs the 422 itself
    assert problems == []
