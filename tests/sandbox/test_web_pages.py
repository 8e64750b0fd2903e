"""The HTML pages (sandbox/web/_pages.py): they render, they escape untrusted text, and the checkpoint
card and scorecard say what a person needs.

Live runs are the ``reference`` agent under ``ask-on-write`` on ``basic-round-trip``: it stops at its
plan (two alternatives), then at each of its three bookings. ``TestClient`` needs no network.
"""

from __future__ import annotations

import re
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import SecretStr

from sandbox.scenarios import default_scenarios_dir
from sandbox.spi import Check, RunResult, Scores
from sandbox.store import RunStore
from sandbox.web import ServerSettings, create_app
from sandbox.web import _card as card_view
from sandbox.web._pages import TEMPLATES, nobr_ids

LOCAL = "http://127.0.0.1"  # the server answers only to its own names (DNS rebinding)
WEB_RUN = {"scenario": "basic-round-trip", "agent": "reference", "policy": "ask-on-write", "human": "web"}
EVIL = "<script>alert('x')</script>"
EVIL_ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"


@pytest.fixture
def scenarios(tmp_path: Path) -> Path:
    """The shipped basic-round-trip, plus a copy whose title and request carry markup."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    source = default_scenarios_dir() / "basic-round-trip.yaml"
    shutil.copy(source, folder / source.name)
    shutil.copy(default_scenarios_dir() / "schema.json", folder / "schema.json")
    text = source.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data.update(id="evil-trip", title=f"Evil {EVIL}", request=f"Book it {EVIL} & go")
    first_line = text.splitlines()[0]
    (folder / "evil-trip.yaml").write_text(first_line + "\n" + yaml.safe_dump(data, sort_keys=False))
    return folder


@pytest.fixture
def settings(tmp_path: Path, scenarios: Path) -> ServerSettings:
    return ServerSettings(
        db=f"sqlite:///{tmp_path / 'runs.sqlite'}", scenarios=scenarios, workers=2, sse_poll=0.02
    )


@pytest.fixture
def client(settings: ServerSettings) -> Any:
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        yield c


def wait(c: TestClient, run_id: str, *statuses: str, timeout: float = 30.0) -> dict[str, Any]:
    statuses = statuses or ("waiting", "done", "error")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = c.get(f"/api/runs/{run_id}").json()
        if run["status"] in statuses:
            return dict(run)
        time.sleep(0.01)
    raise AssertionError(f"run {run_id} did not reach {statuses}")


def start_waiting(c: TestClient) -> str:
    r = c.post("/api/runs", json=WEB_RUN)
    assert r.status_code == 201, r.text
    run_id = str(r.json()["id"])
    assert wait(c, run_id)["status"] == "waiting"
    return run_id


def pending_id(c: TestClient, run_id: str) -> str:
    [cp] = [cp for cp in c.get(f"/api/runs/{run_id}/checkpoints").json() if cp["status"] == "pending"]
    return str(cp["id"])


def approve(c: TestClient, run_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    url = f"/api/runs/{run_id}/checkpoints/{pending_id(c, run_id)}/decision"
    assert c.post(url, json=body or {"decision": "approve"}).status_code == 200
    time.sleep(0.05)
    return wait(c, run_id)


def stored_run(settings: ServerSettings, **update: Any) -> RunResult:
    """A finished run saved straight into the store (as a CLI batch would), with hostile text in it."""
    fields: dict[str, Any] = dict(
        id="evilrun00001",
        scenario="evil-trip",
        trial=0,
        seed=7,
        agent="reference",
        model="scripted",
        policy="never-ask",
        human="scripted",
        status="done",
        started_at=datetime(2027, 1, 5, 9, 0, tzinfo=UTC),
        spend=120.0,
        budget=3500.0,
        final_message=f"Booked {EVIL}",
        scores=Scores(
            correctness=0.5,
            budget=1.0,
            preference=0.25,
            faithfulness=0.0,
            overall=0.45,
            passed=False,
            checks=[
                Check(name="route: leg 1", passed=False, detail=f"no booked flight {EVIL}"),
                Check(name="calendar: no conflict", passed=True, detail="no booked flight overlaps"),
            ],
            notes=[f"note {EVIL}"],
        ),
    )
    run = RunResult(**(fields | update))
    store = RunStore(settings.db_url())
    store.save(run)
    store.engine.dispose()
    return run


def assert_no_raw(html: str) -> None:
    assert "<script>alert" not in html
    assert EVIL_ESCAPED in html


# -- the scenario library -------------------------------------------------------------------------


def test_library_lists_scenarios_and_the_settings_a_run_starts_with(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "Round trip to New York with a hotel" in html
    assert 'value="basic-round-trip"' in html and 'aria-label="Start run: Round trip to New York' in html
    assert "Please book me a round trip from San Francisco to New York" in html
    assert '<span class="chip">round-trip</span>' in html
    assert '<span class="chip chip-expect" title="Expected outcome">expects: booked</span>' in html
    assert 'data-search="basic-round-trip round trip to new york with a hotel round-trip hotel' in html
    assert '<option value="planner" selected' in html
    assert '<option value="ask-on-write" selected' in html
    assert '<option value="web" selected' in html
    assert 'data-amount="yes"' in html  # ask-above-<amount> asks for its amount
    assert (
        '<label for="agent">Agent</label>' in html and '<label for="policy">Override policy</label>' in html
    )
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_library_escapes_scenario_text(client: TestClient) -> None:
    html = client.get("/").text
    assert_no_raw(html)
    assert f"Book it {EVIL_ESCAPED} &amp; go" in html


def test_static_files_are_served_locally(client: TestClient) -> None:
    html = client.get("/").text
    for name in ("app.css", "app.js"):
        [url] = re.findall(rf'"(/static/{name}\?v=[0-9a-f]+)"', html)
        assert client.get(url).status_code == 200
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


# -- a live run: checkpoint cards, timeline, scorecard ---------------------------------------------


def test_waiting_run_shows_the_proposal_card(client: TestClient) -> None:
    run_id = start_waiting(client)
    html = client.get(f"/runs/{run_id}").text
    assert f'data-run="{run_id}"' in html and 'data-status="waiting"' in html
    assert "Waiting for you" in html
    card = html[html.index('<form class="checkpoint"') :]
    assert "Plan for approval" in card
    [heading] = re.findall(r'<h2 class="cp-action"[^>]*>(.*?)</h2>', card)
    assert heading == (  # the trip in words (the world's card), not ids
        "Fly SFO→JFK Wed 20 Jan 06:25, then JFK→SFO Sun 24 Jan 11:45; 4 nights at Saffron Suites: $3,146 in all"
    )
    assert "<li>Flight AX100 SFO→JFK Wed 20 Jan 06:25, nonstop</li>" in card  # a fact per item
    assert "AX100: non-refundable fare — no refund if cancelled" in card  # the terms per item
    assert "$3,146.00" in card and "of a $3,500.00 budget" in card
    assert "Remaining <b>$3,500.00</b>" in card and "<b>$354.00</b> after" in card
    assert 'role="meter"' in card and "95%" in card
    assert "Confidence stated by the agent in its plan" in card
    assert "This is the best itinerary that meets every requirement." in card
    # the rule in words; its syntax only behind "Policy rule"
    assert "Why it stopped:</span>\n      the agent proposes a plan, which needs your approval" in card
    assert "<summary>The policy rule, as written</summary><code>#3 * (proposal) -&gt; ask</code>" in card
    # the plan and its two alternatives are choices; an alternative's differing flight is marked
    assert card.count('name="alternative"') == 3
    assert "Alternative 1" in card and "+$89.00" in card
    assert '<span class="changed">Flight AX110-2027-01-24</span>' in card
    for label in ("Approve plan", "Reject…", "Respond…"):
        assert label in card
    assert "Reason for rejecting (the agent sees it)" in card


def test_checkpoint_fragment_follows_the_run(client: TestClient) -> None:
    run_id = start_waiting(client)
    first = pending_id(client, run_id)
    assert approve(client, run_id, {"decision": "edit", "alternative": 0})["status"] == "waiting"
    html = client.get(f"/runs/{run_id}/fragments/checkpoints").text
    assert first not in html
    assert "Fly SFO→JFK Wed 20 Jan 06:25, nonstop, $402" in html and "$402.00" in html
    assert "Non-refundable fare — no refund if cancelled" in html and "Cannot be undone" in html
    assert "Remaining <b>$3,500.00</b>" in html and "$3,098.00" in html
    assert "Alternatives the agent weighed earlier" in html  # not selectable at a booking
    assert 'name="alternative"' not in html
    assert "<dt>flight_id</dt><dd>AX100-2027-01-20</dd>" in html
    assert "Edit arguments…" in html
    assert client.get(f"/runs/{run_id}/fragments/scorecard").text == ""


def test_finished_run_shows_the_scorecard(client: TestClient) -> None:
    run_id = start_waiting(client)
    while (run := approve(client, run_id))["status"] == "waiting":
        pass
    assert run["status"] == "done"
    html = client.get(f"/runs/{run_id}").text
    assert "Scorecard" in html and "Passed" in html
    for name in ("correctness", "budget", "preference", "faithfulness"):
        assert f'aria-label="{name} score"' in html
    assert "Every correctness check passed." in html
    assert "The agent's final message to the traveller" in html
    assert client.get(f"/runs/{run_id}/fragments/checkpoints").text.strip() == ""
    fragment = client.get(f"/runs/{run_id}/fragments/scorecard").text
    assert fragment.startswith('<section class="panel scorecard"')


def test_run_page_escapes_run_text_and_explains_failed_checks(
    client: TestClient, settings: ServerSettings
) -> None:
    stored_run(settings)
    html = client.get("/runs/evilrun00001").text
    assert_no_raw(html)
    assert "Failed" in html and "Failed checks" in html
    assert "<b>route: leg 1</b>" in html and f"no booked flight {EVIL_ESCAPED}" in html
    assert "1 passed check" in html and "no booked flight overlaps" in html
    assert f"Booked {EVIL_ESCAPED}" in html and f"note {EVIL_ESCAPED}" in html
    assert f"Evil {EVIL_ESCAPED}" in html  # the scenario title, from the library


def test_error_run_says_why(client: TestClient, settings: ServerSettings) -> None:
    stored_run(settings, id="errrun000001", status="error", scores=None, error=f"boom {EVIL}")
    html = client.get("/runs/errrun000001").text
    assert "The run ended in an error." in html and f"boom {EVIL_ESCAPED}" in html
    assert_no_raw(html)


def test_unknown_run_is_an_html_404(client: TestClient) -> None:
    r = client.get("/runs/nope")
    assert r.status_code == 404 and "There is no run &#39;nope&#39;." in r.text
    assert client.get("/runs/nope/fragments/checkpoints").status_code == 404


# -- runs list and comparison ----------------------------------------------------------------------


def test_runs_list_links_runs_and_picks_them_for_comparison(
    client: TestClient, settings: ServerSettings
) -> None:
    stored_run(settings)
    stored_run(settings, id="otherrun0001", policy="ask-on-write")
    html = client.get("/runs?selected=otherrun0001").text
    assert '<a class="mono" href="/runs/evilrun00001">evilrun00001</a>' in html
    assert 'value="otherrun0001" id="pick-otherrun0001" aria-label="Select run otherrun0001" checked' in html
    assert 'value="evilrun00001" id="pick-evilrun00001" aria-label="Select run evilrun00001">' in html
    assert 'action="/compare"' in html and "badge-failed" in html


def test_compare_puts_runs_side_by_side(client: TestClient, settings: ServerSettings) -> None:
    stored_run(settings)
    stored_run(settings, id="otherrun0001", policy="ask-on-write", interrupts=3)
    for url in ("/compare?ids=evilrun00001,otherrun0001", "/compare?ids=evilrun00001&ids=otherrun0001"):
        html = client.get(url).text
        assert html.count('<a class="mono" href="/runs/') == 2
        assert "never-ask" in html and "ask-on-write" in html
        assert '<tr class="differs">\n        <th scope="row">override policy' in html
        assert "checkpoints (interrupts)" in html and "guardrail blocks" in html
        assert f"route: leg 1: no booked flight {EVIL_ESCAPED}" in html
        assert_no_raw(html)


def test_compare_without_enough_runs_says_what_to_do(client: TestClient, settings: ServerSettings) -> None:
    stored_run(settings)
    assert "Pick two or more runs to compare." in client.get("/compare").text
    assert "Pick at least one more run" in client.get("/compare?ids=evilrun00001").text
    html = client.get("/compare?ids=evilrun00001,missing").text
    assert "There is no run &#39;missing&#39;; it is left out." in html


# -- the token --------------------------------------------------------------------------------------


def test_pages_need_the_token_when_the_server_has_one(settings: ServerSettings) -> None:
    settings.token = SecretStr("s3cret")
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        assert c.get("/").status_code == 401
        r = c.get("/runs?token=s3cret&selected=a", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/runs?selected=a"
        assert "travel_sandbox_token=s3cret" in r.headers["set-cookie"]
        assert "HttpOnly" in r.headers["set-cookie"]
        c.cookies.set("travel_sandbox_token", "s3cret")
        assert c.get("/").status_code == 200
        assert c.get("/api/scenarios").status_code == 200  # the page's own API calls carry the cookie


# -- view models and the card template on their own ----------------------------------------------------


def test_budget_view_marks_going_over() -> None:
    b = card_view.budget_view(600.0, 1000.0, 500.0, None)
    assert b is not None and b["after"] == -100.0 and b["over"]
    assert b["spent_pct"] + b["this_pct"] + b["left_pct"] == pytest.approx(100.0)
    assert card_view.budget_view(50.0, None, None, None) == {
        "known": False,
        "amount": 50.0,
        "remaining": None,
        "after": None,
    }


def test_confidence_is_labelled_as_the_agents_statement_and_where_it_was_stated() -> None:
    assert card_view.confidence_view(0.95)["level"] == "ok"
    assert card_view.confidence_view(0.2)["level"] == "bad"
    assert card_view.confidence_view(0.6, "plan")["source"] == "stated by the agent in its plan"
    assert card_view.confidence_view(0.6, "call")["source"] == "stated by the agent with this action"
    assert card_view.confidence_view(0.6)["source"] == "stated by the agent"
    assert card_view.confidence_view(None) == {"known": False}


def test_nobr_ids_escapes_around_the_ids() -> None:
    html = nobr_ids(f"Book H-JFK-04 {EVIL} B0001")
    assert html == f'Book <span class="nobr">H-JFK-04</span> {EVIL_ESCAPED} B0001'


def test_card_template_escapes_every_payload_field() -> None:
    payload = {
        "kind": "question",
        "call_id": "c1",
        "tool": "ask_user",
        "tool_kind": "INTERACT",
        "action": f"Answer {EVIL}",
        "args": {"question": f"Which dates? {EVIL}"},
        "rule": f"#1 {EVIL}",
        "alternatives": [],
    }
    html = TEMPLATES.get_template("_checkpoints.html.j2").render(
        run_id="r1", checkpoints=[card_view.checkpoint_view({"id": "cp1", "payload": payload})]
    )
    assert_no_raw(html)
    assert "The agent asks the traveller" in html and "Send answer" in html
    assert "Your answer, as the traveller" in html
    proposal = {
        "kind": "proposal",
        "tool": "propose_itinerary",
        "action": "Approve",
        "args": {"items": [{"kind": "hotel", "id": EVIL, "price": 10}], "total": 10},
        "rationale": EVIL,
        "confidence": 0.4,
        "alternatives": [{"items": [{"kind": EVIL, "id": "H2"}], "total": 9, "note": EVIL}],
        "rule": "r",
    }
    html = TEMPLATES.get_template("_checkpoints.html.j2").render(
        run_id="r1", checkpoints=[card_view.checkpoint_view({"id": "cp2", "payload": proposal})]
    )
    assert_no_raw(html)
    assert "−$1.00" in html and "stated by the agent" in html


def test_the_sweep_pages_list_sweeps_and_draw_one_with_its_frontier(
    client: TestClient, settings: ServerSettings, scenarios: Path
) -> None:
    from sandbox.runner import RunOptions, run_sweep
    from sandbox.store import RunStore

    store = RunStore(settings.db_url())
    sweep = run_sweep(
        [scenarios / "basic-round-trip.yaml"],
        RunOptions(human="reviewer"),
        ["never-ask", "always-ask"],
        store=store,
    )
    listed = client.get("/sweeps")
    assert listed.status_code == 200 and f'href="/sweeps/{sweep.id}"' in listed.text
    page = client.get(f"/sweeps/{sweep.id[:8]}")
    assert page.status_code == 200
    html = page.text
    assert html.count('class="sweep-point') == 2
    assert "<code>never-ask</code>" in html and "<code>always-ask</code>" in html
    for batch in sweep.batches:
        assert f"/runs?batch={batch.id}" in html
    for bad in ("0123456789ab", "not-a-sweep", "..%2F..%2Fetc"):
        missing = client.get(f"/sweeps/{bad}")
        assert missing.status_code == 404 and "sqlite" not in missing.text
        assert "There is no sweep" in missing.text or "/" in bad.replace("%2F", "/")
