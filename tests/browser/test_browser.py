"""The web app in a real browser: Playwright drives Debian's Chromium against the real server.

A person starts ``basic-round-trip`` from the scenario library (agent ``reference``, policy
``ask-on-write``, human ``web``), picks the first alternative on the plan's checkpoint card, approves
the three bookings that follow and reads the scorecard; and answers the traveller's question in
``ambiguous-dates``. The checkpoint card is saved as ``test-artifacts/checkpoint-card.png``.

The server and the browser are set up by ``tests/browser/_server.py``: Debian's ``/usr/bin/chromium``
on 127.0.0.1 only; without it these tests are skipped here and fail under CI.
"""

from __future__ import annotations

from typing import Any

from tests.browser._server import (  # noqa: F401  (fixtures: page, problems, server, loopback_only)
    ARTIFACTS,
    BROWSER_MARKS,
    CARD,
    approve_and_wait,
    browser_loopback_only,
    browser_page,
    browser_problems,
    browser_server,
    decide_and_wait,
    expect,
    start_run,
)

pytestmark = BROWSER_MARKS


def test_decide_checkpoints_in_the_browser_and_read_the_scorecard(page: Any, problems: list[str]) -> None:
    run_id = start_run(page, "basic-round-trip", "Round trip to New York with a hotel")

    card = page.locator(CARD)
    expect(card).to_have_count(1)
    expect(card).to_have_attribute("data-kind", "proposal")
    expect(page.locator("#run-status")).to_have_text("Waiting for you")
    expect(card.get_by_role("heading", level=2)).to_have_text(
        "Fly SFO→JFK Wed 20 Jan 06:25, then JFK→SFO Sun 24 Jan 11:45; 4 nights at Saffron Suites: $3,146 in all"
    )
    expect(card).to_contain_text("of a $3,500.00 budget")
    expect(card).to_contain_text("$354.00 after")
    meter = card.get_by_role("meter", name="Agent's stated confidence")
    expect(meter).to_have_attribute("aria-valuenow", "95.0")
    expect(card).to_contain_text("Confidence stated by the agent in its plan")
    expect(card).to_contain_text("Why it stopped: the agent proposes a plan, which needs your approval")
    syntax = card.get_by_text("#3 * (proposal) -> ask")
    expect(syntax).to_be_hidden()  # the rule's syntax only behind a click
    card.get_by_text("The policy rule, as written").click()
    expect(syntax).to_be_visible()
    expect(card.get_by_role("note")).to_contain_text("Near tie. Alternative 1 costs $89.00 more (2.8%).")
    expect(card.get_by_role("radio")).to_have_count(3)
    expect(page.locator("#timeline")).to_contain_text("search_hotels")
    card.screenshot(path=str(ARTIFACTS / "checkpoint-card.png"))

    # pick the first alternative: approving sends an edit with alternative 0
    card.get_by_role("radio", name="Alternative 1").check()
    approve = card.get_by_role("button", name="Approve alternative 1")
    expect(approve).to_be_visible()
    decide_and_wait(page, card, approve)

    booked, asked_twice = [], []
    for _ in range(3):
        card = page.locator(CARD)
        expect(card).to_have_count(1)
        expect(card).to_have_attribute("data-kind", "tool")
        expect(card).to_contain_text("Remaining")
        booked.append(card.get_by_role("heading", level=2).inner_text())
        asked_twice.append(card.get_attribute("data-confirm") is not None)
        approve_and_wait(page, card)
    assert booked == [
        "Fly SFO→JFK Wed 20 Jan 06:25, nonstop, $402",
        "Fly JFK→SFO Sun 24 Jan 18:20, nonstop, $567",  # the alternative's return flight
        "Stay at Saffron Suites, Wed 20 Jan–Sun 24 Jan, 4 nights, $2,266",
    ]
    assert asked_twice == [True, False, False]  # AX100 is non-refundable; AX110 and the hotel are not

    scorecard = page.locator("#scorecard")
    expect(scorecard).to_be_visible()
    expect(scorecard.locator(".verdict")).to_have_text("Passed")
    expect(scorecard).to_contain_text("preference")
    expect(page.locator("#run-status")).to_have_text("Done")
    expect(page.locator("#timeline")).to_contain_text("picked alternative 1")
    expect(page.locator("#timeline")).to_contain_text("Run finished")
    expect(page.locator("#fact-checkpoint")).to_have_text("4")

    decisions = page.request.get(f"/api/runs/{run_id}/checkpoints").json()
    assert [d["decision"] for d in decisions] == [
        {"decision": "edit", "alternative": 0},
        {"decision": "approve"},
        {"decision": "approve"},
        {"decision": "approve"},
    ]
    assert problems == []

    # the run is on the runs list, and can be picked for comparison
    page.goto(f"/runs?selected={run_id}")
    expect(page.get_by_label(f"Select run {run_id}")).to_be_checked()


def test_answer_the_travellers_question(page: Any, problems: list[str]) -> None:
    run_id = start_run(page, "ambiguous-dates", "Conference in London, dates not given")
    card = page.locator(CARD)
    expect(card).to_have_attribute("data-kind", "question")
    expect(card).to_contain_text("could you confirm the dates")
    send = card.get_by_role("button", name="Send answer")
    send.click()  # empty: the browser asks for an answer first
    expect(card).to_have_count(1)
    card.get_by_label("Your answer, as the traveller").fill("Out on 8 February, back on 12 February.")
    decide_and_wait(page, card, send)
    expect(page.locator("#timeline")).to_contain_text("Out on 8 February, back on 12 February.")
    [first] = page.request.get(f"/api/runs/{run_id}/checkpoints").json()[:1]
    assert first["decision"] == {"decision": "respond", "text": "Out on 8 February, back on 12 February."}
    assert problems == []


def test_reject_a_plan_with_a_reason(page: Any, problems: list[str]) -> None:
    run_id = start_run(page, "basic-round-trip", "Round trip to New York with a hotel")
    card = page.locator(CARD)
    expect(card).to_have_attribute("data-kind", "proposal")
    reject = card.get_by_role("button", name="Reject…")
    reject.click()
    expect(reject).to_have_attribute("aria-expanded", "true")
    reason = card.get_by_label("Reason for rejecting (the agent sees it)")
    expect(reason).to_be_focused()
    reason.fill("Too expensive: find something under $3,000")
    card.screenshot(path=str(ARTIFACTS / "checkpoint-card-reject.png"))
    decide_and_wait(page, card, card.get_by_role("button", name="Reject", exact=True))
    expect(page.locator("#timeline")).to_contain_text("reason: “Too expensive: find something under $3,000”")
    [first] = page.request.get(f"/api/runs/{run_id}/checkpoints").json()[:1]
    assert first["decision"] == {"decision": "reject", "reason": "Too expensive: find something under $3,000"}
    assert problems == []
