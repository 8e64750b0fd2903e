"""Attack: Enter in a checkpoint card's Reject reason or Respond text approves the action.

The card was one form whose first button was Approve, so the browser's implicit submission (Enter in
a text field) sent an approval: "Too pricey" + Enter approved the plan, a reply + Enter booked a
flight. Now Enter in those fields sends that choice and nothing else, Escape closes the panel, and
after a decision focus moves to the next card (or to the run status when none is left), never to
the top of the page nor onto an Approve button a second Enter would press.

Real server, real Chromium (see ``tests/browser/_server.py``); decisions are read back from the API.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser._server import (  # noqa: F401  (fixtures: page, problems, server, loopback_only)
    BROWSER_MARKS,
    CARD,
    browser_loopback_only,
    browser_page,
    browser_problems,
    browser_server,
    decide_and_wait,
    decisions,
    expect,
    start_run,
    wait_until_decided,
)

pytestmark = BROWSER_MARKS

ROUND_TRIP = ("basic-round-trip", "Round trip to New York with a hotel")
REASON_LABEL = "Reason for rejecting (the agent sees it)"
REPLY_LABEL = "Reply instead of running the tool"


def bookings(page: Any, run_id: str) -> list[str]:
    """The booking ids the run's tools returned, from its trace (a booking only runs once approved)."""
    trace = page.request.get(f"/api/runs/{run_id}").json()["trace"]
    results = [
        e["data"]["result"].get("result") for e in trace if e["type"] == "tool_result" and e["data"]["ok"]
    ]
    return [r["booking_id"] for r in results if isinstance(r, dict) and "booking_id" in r]


def approve_the_plan(page: Any) -> Any:
    """Approve the proposal card and return the booking card that follows it."""
    card = page.locator(CARD)
    expect(card).to_have_attribute("data-kind", "proposal")
    decide_and_wait(page, card, card.get_by_role("button", name="Approve plan"))
    card = page.locator(CARD)
    expect(card).to_have_attribute("data-kind", "tool")
    expect(card.get_by_role("heading")).to_contain_text("Fly SFO→JFK Wed 20 Jan 06:25")
    return card


@pytest.mark.parametrize("reason", ["Too pricey", ""], ids=["with-reason", "empty-reason"])
def test_enter_in_the_reject_reason_rejects(page: Any, problems: list[str], reason: str) -> None:
    run_id = start_run(page, *ROUND_TRIP)
    card = page.locator(CARD)
    expect(card).to_have_attribute("data-kind", "proposal")
    checkpoint_id = card.get_attribute("data-checkpoint")
    card.get_by_role("button", name="Reject…").click()
    field = card.get_by_label(REASON_LABEL)
    expect(field).to_be_focused()
    field.fill(reason)
    field.press("Enter")
    wait_until_decided(page, checkpoint_id)

    expected = {"decision": "reject", "reason": reason} if reason else {"decision": "reject"}
    assert decisions(page, run_id)[0] == expected
    expect(page.locator("#timeline")).to_contain_text("Rejected propose_itinerary")
    assert bookings(page, run_id) == []
    assert problems == []


def test_enter_in_the_respond_text_responds(page: Any, problems: list[str]) -> None:
    run_id = start_run(page, *ROUND_TRIP)
    card = approve_the_plan(page)
    checkpoint_id = card.get_attribute("data-checkpoint")
    card.get_by_role("button", name="Respond…").click()
    field = card.get_by_label(REPLY_LABEL)
    expect(field).to_be_focused()
    field.fill("Hold off until I confirm the dates")
    field.press("Enter")
    wait_until_decided(page, checkpoint_id)

    assert decisions(page, run_id)[:2] == [
        {"decision": "approve"},
        {"decision": "respond", "text": "Hold off until I confirm the dates"},
    ]
    expect(page.locator("#timeline")).to_contain_text("Responded book_flight")
    assert bookings(page, run_id) == []
    assert problems == []


def test_enter_in_an_empty_respond_text_sends_nothing(page: Any, problems: list[str]) -> None:
    run_id = start_run(page, *ROUND_TRIP)
    card = approve_the_plan(page)
    card.get_by_role("button", name="Respond…").click()
    card.get_by_label(REPLY_LABEL).press("Enter")
    expect(card.get_by_role("alert")).to_have_text("Write a reply first.")
    assert decisions(page, run_id) == [{"decision": "approve"}, None]
    assert bookings(page, run_id) == []
    assert problems == []


@pytest.mark.parametrize(("toggle", "label"), [("Reject…", REASON_LABEL), ("Respond…", REPLY_LABEL)])
def test_escape_closes_the_panel(page: Any, problems: list[str], toggle: str, label: str) -> None:
    run_id = start_run(page, *ROUND_TRIP)
    card = approve_the_plan(page)
    button = card.get_by_role("button", name=toggle)
    button.click()
    field = card.get_by_label(label)
    expect(field).to_be_focused()
    field.fill("half-typed")
    field.press("Escape")
    expect(field).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    assert decisions(page, run_id) == [{"decision": "approve"}, None]
    assert problems == []


def test_enter_on_an_option_or_the_card_approves_nothing(page: Any, problems: list[str]) -> None:
    # Chromium turns Enter on a radio button into a press of the form's first enabled button: Approve
    run_id = start_run(page, *ROUND_TRIP)
    card = page.locator(CARD)
    expect(card).to_have_attribute("data-kind", "proposal")
    card.get_by_role("radio", name="The agent's plan").focus()
    page.keyboard.press("Enter")
    card.focus()
    page.keyboard.press("Enter")
    # the choice made next is the one recorded (a stray approval above would have been recorded first)
    card.get_by_role("radio", name="Alternative 2").check()
    decide_and_wait(page, card, card.get_by_role("button", name="Approve alternative 2"))
    assert decisions(page, run_id)[0] == {"decision": "edit", "alternative": 1}
    assert problems == []


_ASKS_AGAIN_OR_GONE = """id => {
    const c = [...document.querySelectorAll('.checkpoint[data-checkpoint]')].find(e => e.dataset.checkpoint === id);
    return !c || c.hasAttribute('data-confirm');
}"""


def test_focus_moves_to_the_next_card_after_a_decision(page: Any, problems: list[str]) -> None:
    run_id = start_run(page, *ROUND_TRIP)
    card = page.locator(CARD)
    first = card.get_attribute("data-checkpoint")
    card.get_by_role("button", name="Reject…").click()
    card.get_by_label(REASON_LABEL).fill("Find a cheaper hotel")
    card.get_by_label(REASON_LABEL).press("Enter")
    wait_until_decided(page, first)

    # the agent proposes again: focus is on the new card itself, not on a button a second Enter would
    # press, and the live region names it
    expect(card).to_have_attribute("data-kind", "proposal")
    expect(card).to_be_focused()
    expect(page.locator("#cp-announce")).to_contain_text("Next checkpoint: Fly SFO→JFK")
    page.keyboard.press("Tab")
    expect(card.get_by_role("radio", name="The agent's plan")).to_be_focused()
    decide_and_wait(page, card, card.get_by_role("button", name="Approve plan"))

    # each booking card gets focus in turn; its Approve button is one Tab away
    for _ in range(3):
        expect(card).to_have_attribute("data-kind", "tool")
        expect(card).to_be_focused()
        checkpoint_id = card.get_attribute("data-checkpoint")
        page.keyboard.press("Tab")
        expect(card.get_by_role("button", name="Approve", exact=True)).to_be_focused()
        page.keyboard.press("Enter")
        # the card either asks again or is decided and gone (the last one leaves no card to read)
        page.wait_for_function(_ASKS_AGAIN_OR_GONE, arg=checkpoint_id)
        this = page.locator(f'.checkpoint[data-checkpoint="{checkpoint_id}"]')
        if this.count() and this.get_attribute("data-confirm") is not None:
            # a non-refundable booking asks again: the question has focus, so another Enter sends
            # nothing; "Yes, go ahead" is one Tab away
            confirm = card.get_by_role("group", name="This cannot be undone.", exact=False)
            expect(confirm).to_be_focused()
            page.keyboard.press("Enter")
            expect(confirm).to_be_visible()
            assert decisions(page, run_id)[-1] is None
            page.keyboard.press("Tab")
            expect(card.get_by_role("button", name="Yes, go ahead")).to_be_focused()
            page.keyboard.press("Enter")
        wait_until_decided(page, checkpoint_id)

    # no card left: focus is on the run's status, which says the run is done
    expect(page.locator("#run-status")).to_have_text("Done")
    expect(page.locator("#run-status")).to_be_focused()
    assert [d and d["decision"] for d in decisions(page, run_id)] == ["reject"] + ["approve"] * 4
    assert len(bookings(page, run_id)) == 3  # the two flights and the hotel
    assert problems == []
