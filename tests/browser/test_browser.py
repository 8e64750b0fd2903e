"""The web app in a real browser: Playwright drives Debian's Chromium against the real server.

A person starts ``basic-round-trip`` from the scenario library (agent ``reference``, policy
``ask-on-write``, human ``web``), picks the first alternative on the plan's checkpoint card, approves
the three bookings that follow and reads the scorecard; and answers the traveller's question in
``ambiguous-dates``. The checkpoint card is saved as ``test-artifacts/checkpoint-card.png``.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run`` installs it in CI). Without it
the tests are skipped here, and fail under CI (``CI`` set), where they must run. Playwright's own
browser downloads are never used. The server listens on 127.0.0.1 only, and the tests may connect
nowhere else.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_socket

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HOST = "127.0.0.1"
TIMEOUT_MS = 30_000

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests",
        allow_module_level=True,
    )

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extras")
expect = sync_api.expect

# enable_socket lets the test open sockets at all; since pytest-socket then ignores allow_hosts,
# the fixture below restricts connections to 127.0.0.1 itself.
pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts([HOST])]


@pytest.fixture(autouse=True)
def loopback_only() -> None:
    pytest_socket.socket_allow_hosts([HOST], allow_unix_socket=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The real app under uvicorn, in a thread, on a free loopback port, with a fresh database."""
    import uvicorn

    from sandbox.web import ServerSettings, create_app

    settings = ServerSettings(host=HOST, port=free_port(), db=f"sqlite:///{tmp_path / 'runs.sqlite'}")
    config = uvicorn.Config(
        create_app(settings), host=HOST, port=settings.port, log_level="warning", ws="none", lifespan="on"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield f"http://{HOST}:{settings.port}"
    srv.should_exit = True
    thread.join(timeout=20)


@pytest.fixture
def problems() -> list[str]:
    """JavaScript errors and console errors the page showed (there must be none)."""
    return []


@pytest.fixture
def page(server: str, problems: list[str]) -> Iterator[Any]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server)
        context.set_default_timeout(TIMEOUT_MS)
        pg = context.new_page()
        pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        pg.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
        yield pg
        browser.close()


def start_run(page: Any, scenario: str, title: str) -> str:
    page.goto("/")
    expect(page.get_by_role("heading", name="Scenario library")).to_be_visible()
    page.get_by_label("Agent").select_option("reference")
    page.get_by_label("Override policy").select_option("ask-on-write")
    expect(page.get_by_label("Human at checkpoints")).to_have_value("web")
    page.get_by_label("Find a scenario").fill(scenario)
    expect(page.locator("article.scenario:visible")).to_have_count(1)
    page.get_by_role("button", name=f"Start run: {title}").click()
    page.wait_for_url("**/runs/*")
    return str(page.url.rsplit("/", 1)[1])


def decide_and_wait(page: Any, card: Any, button: Any) -> None:
    """Click a decision button on ``card`` and wait until that card is gone."""
    checkpoint_id = card.get_attribute("data-checkpoint")
    button.click()
    expect(page.locator(f'form[data-checkpoint="{checkpoint_id}"]')).to_have_count(0)


def test_decide_checkpoints_in_the_browser_and_read_the_scorecard(page: Any, problems: list[str]) -> None:
    run_id = start_run(page, "basic-round-trip", "Round trip to New York with a hotel")

    card = page.locator("form.checkpoint[data-checkpoint]")
    expect(card).to_have_count(1)
    expect(card).to_have_attribute("data-kind", "proposal")
    expect(page.locator("#run-status")).to_have_text("Waiting for you")
    expect(card.get_by_role("heading")).to_have_text(
        "Approve this plan: AX100-2027-01-20, MV103-2027-01-24, H-JFK-04, total $3,146.00"
    )
    expect(card).to_contain_text("of a $3,500.00 budget")
    expect(card).to_contain_text("$354.00 after")
    expect(card.get_by_role("meter", name="Agent's confidence")).to_have_attribute("aria-valuenow", "95.0")
    expect(card).to_contain_text("Stopped by #3 propose_itinerary -> ask")
    expect(card.get_by_role("radio")).to_have_count(3)
    expect(page.locator("#timeline")).to_contain_text("search_hotels")
    card.screenshot(path=str(ARTIFACTS / "checkpoint-card.png"))

    # pick the first alternative: approving sends an edit with alternative 0
    card.get_by_role("radio", name="Alternative 1").check()
    approve = card.get_by_role("button", name="Approve alternative 1")
    expect(approve).to_be_visible()
    decide_and_wait(page, card, approve)

    booked = []
    for _ in range(3):
        card = page.locator("form.checkpoint[data-checkpoint]")
        expect(card).to_have_count(1)
        expect(card).to_have_attribute("data-kind", "tool")
        expect(card).to_contain_text("Remaining")
        booked.append(card.get_by_role("heading").inner_text())
        decide_and_wait(page, card, card.get_by_role("button", name="Approve", exact=True))
    assert [b.split(" ")[:3] for b in booked] == [
        ["Book", "flight", "AX100"],
        ["Book", "flight", "AX110"],  # the alternative's return flight
        ["Book", "Saffron", "Suites"],
    ]

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
    card = page.locator("form.checkpoint[data-checkpoint]")
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
    card = page.locator("form.checkpoint[data-checkpoint]")
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
