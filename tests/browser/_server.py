"""Shared set-up for the browser tests: the real app on loopback, and Debian's Chromium driven by Playwright.

Imported by ``tests/browser`` and by the browser tests under ``tests/security``. A test module takes
the fixtures by importing them (the ``browser_*`` functions, which register as ``page``, ``problems``,
``server`` and the autouse ``loopback_only``) and sets ``pytestmark = BROWSER_MARKS``.

Needs ``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run`` installs it in CI). Without it
importing this module skips the importing test module here, and fails it under CI (``CI`` set), where
the browser tests must run. Playwright's own browser downloads are never used. The server listens on
127.0.0.1 only, and the tests may connect nowhere else.
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
#: How long one browser step, or one `expect` assertion, may wait for the page. A run's first checkpoint
#: card waits for the agent's first calls: 30 s (and `expect`'s own 5 s) timed out in `make test` while
#: other runs shared the machine's two cores. A broken page still fails, only later; no test asserts a
#: duration.
TIMEOUT_MS = 90_000

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests",
        allow_module_level=True,
    )

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extras")
expect = sync_api.expect
# an assertion waits as long as a step may (its own default is 5 s: a run's first card took longer once)
expect.set_options(timeout=TIMEOUT_MS)

# enable_socket lets the test open sockets at all; since pytest-socket then ignores allow_hosts,
# the autouse fixture below restricts connections to 127.0.0.1 itself.
BROWSER_MARKS = [pytest.mark.enable_socket, pytest.mark.allow_hosts([HOST])]

# A pending checkpoint card (a decided one loses its data-checkpoint attribute).
CARD = ".checkpoint[data-checkpoint]"


@pytest.fixture(name="loopback_only", autouse=True)
def browser_loopback_only() -> None:
    pytest_socket.socket_allow_hosts([HOST], allow_unix_socket=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@pytest.fixture(name="server")
def browser_server(tmp_path: Path) -> Iterator[str]:
    """The real app under uvicorn, in a thread, on a free loopback port, with a fresh database."""
    yield from serve(tmp_path)


def serve(tmp_path: Path, **overrides: Any) -> Iterator[str]:
    """Run the app with ``overrides`` of its settings (e.g. ``irreversible="undo"``) until the generator
    is closed; yields its base URL. The run store is ``tmp_path / "runs.sqlite"``."""
    import uvicorn

    from sandbox.web import ServerSettings, create_app

    db = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    settings = ServerSettings(host=HOST, port=free_port(), db=db, **overrides)
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


@pytest.fixture(name="problems")
def browser_problems() -> list[str]:
    """JavaScript errors and console errors the page showed (there must be none)."""
    return []


@pytest.fixture(name="page")
def browser_page(server: str, problems: list[str]) -> Iterator[Any]:
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
    """Start ``scenario`` from the library (agent reference, policy ask-on-write, human web); its run id."""
    page.goto("/")
    expect(page.get_by_role("heading", name="Scenario library")).to_be_visible()
    page.get_by_label("Agent", exact=True).select_option("reference")
    page.get_by_label("Override policy").select_option("ask-on-write")
    expect(page.get_by_label("Human at checkpoints")).to_have_value("web")
    page.get_by_label("Find a scenario").fill(scenario)
    expect(page.locator("article.scenario:visible")).to_have_count(1)
    page.get_by_role("button", name=f"Start run: {title}").click()
    page.wait_for_url("**/runs/*")
    return str(page.url.rsplit("/", 1)[1])


def wait_until_decided(page: Any, checkpoint_id: str) -> None:
    """Wait until the card of ``checkpoint_id`` is no longer pending on the page."""
    expect(page.locator(f'.checkpoint[data-checkpoint="{checkpoint_id}"]')).to_have_count(0)


def decide_and_wait(page: Any, card: Any, button: Any) -> None:
    """Click a decision button on ``card`` and wait until that card is gone."""
    checkpoint_id = card.get_attribute("data-checkpoint")
    button.click()
    wait_until_decided(page, checkpoint_id)


def approve_and_wait(page: Any, card: Any, name: str = "Approve") -> None:
    """Press ``name`` on ``card`` and wait until it is decided. An irreversible action (a non-refundable
    booking: ``data-confirm``) asks a second time: the question gets focus, "Yes, go ahead" sends it."""
    checkpoint_id = card.get_attribute("data-checkpoint")
    irreversible = card.get_attribute("data-confirm") is not None
    card.get_by_role("button", name=name, exact=True).click()
    if irreversible:
        expect(card.get_by_role("group", name="This cannot be undone.", exact=False)).to_be_focused()
        card.get_by_role("button", name="Yes, go ahead").click()
    wait_until_decided(page, checkpoint_id)


def decisions(page: Any, run_id: str) -> list[dict[str, Any] | None]:
    """The decisions recorded for the run's checkpoints, in order (``None`` while one is pending)."""
    return [c["decision"] for c in page.request.get(f"/api/runs/{run_id}/checkpoints").json()]
