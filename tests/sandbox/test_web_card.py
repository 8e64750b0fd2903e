"""The card in the web app: decision time recorded per checkpoint and shown; the guard on irreversible
actions (a second confirmation on the page by default, or an undo window: ``irreversible=undo``).

Runs are the ``reference`` agent under ``ask-on-write`` on ``basic-round-trip``, a person deciding over
the API: the plan, AX100 (a non-refundable fare), MV103 (non-refundable), the hotel (free cancellation).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sandbox.web import ServerSettings, create_app
from tests.sandbox.test_web_pages import LOCAL, WEB_RUN, approve, pending_id, wait


def client_for(tmp_path: Path, **settings: Any) -> Iterator[TestClient]:
    db = f"sqlite:///{tmp_path / 'runs.sqlite'}"
    with TestClient(
        create_app(ServerSettings(db=db, workers=2, sse_poll=0.02, **settings)), base_url=LOCAL
    ) as c:
        yield c


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    yield from client_for(tmp_path)


@pytest.fixture
def undo_client(tmp_path: Path) -> Iterator[TestClient]:
    yield from client_for(tmp_path, irreversible="undo", undo_seconds=3600)


def start(c: TestClient, human: str = "web") -> str:
    r = c.post("/api/runs", json={**WEB_RUN, "human": human})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def fragment(c: TestClient, run_id: str) -> str:
    return c.get(f"/runs/{run_id}/fragments/checkpoints").text


def seconds_between(cp: dict[str, Any]) -> float:
    shown, decided = datetime.fromisoformat(cp["created_at"]), datetime.fromisoformat(cp["decided_at"])
    return round((decided - shown).total_seconds(), 3)


# -- decision time -----------------------------------------------------------------------------------


def test_a_persons_decision_time_is_recorded_per_checkpoint_and_in_all(client: TestClient) -> None:
    run_id = start(client)
    assert wait(client, run_id)["status"] == "waiting"
    while (run := approve(client, run_id))["status"] == "waiting":
        pass
    assert run["status"] == "done", run["error"]
    checkpoints = client.get(f"/api/runs/{run_id}/checkpoints").json()
    run = client.get(f"/api/runs/{run_id}").json()
    said = [e["data"] for e in run["trace"] if e["type"] == "decision" and "decision" in e["data"]]
    assert [d["seconds"] for d in said] == [seconds_between(cp) for cp in checkpoints]  # shown to received
    assert all(s > 0 for s in (d["seconds"] for d in said))
    assert run["human_seconds"] == round(sum(d["seconds"] for d in said), 3) > 0

    page = client.get(f"/runs/{run_id}").text
    assert f'<dt>Human decision time</dt><dd id="fact-human">{run["human_seconds"]:.1f} s</dd>' in page

    auto = start(client, "auto")
    auto_run = wait(client, auto, "done", "error")
    assert auto_run["human_seconds"] == 0.0  # a simulated human decides at once
    assert {e["data"]["seconds"] for e in auto_run["trace"] if e["type"] == "decision"} == {0.0}
    html = client.get(f"/compare?ids={run_id},{auto}").text
    row = html[html.index("human decision time") :].split("</tr>")[0]
    assert f"{run['human_seconds']:.1f} s" in row and "0.0 s" in row
    assert client.get(f"/api/compare?ids={run_id},{auto}").json()[1]["human_seconds"] == 0.0


# -- a second confirmation (the default) -------------------------------------------------------------


def test_the_page_asks_twice_only_before_an_irreversible_action(client: TestClient) -> None:
    run_id = start(client)
    assert wait(client, run_id)["status"] == "waiting"
    plan = fragment(client, run_id)
    assert "data-confirm" not in plan  # a plan changes nothing in the world ...
    assert 'class="cp-section cp-terms cp-terms-bad"' in plan  # ... but says its fares are non-refundable
    approve(client, run_id)
    booking = fragment(client, run_id)
    assert 'data-kind="tool" data-confirm' in booking and "Cannot be undone" in booking
    assert "<b>This cannot be undone.</b> Non-refundable fare — no refund if cancelled. Go ahead?" in booking
    approve(client, run_id)  # over the API a decision is explicit: no second step
    approve(client, run_id)
    hotel = fragment(client, run_id)
    assert (
        "Stay at Saffron Suites" in hotel and "data-confirm" not in hotel and "Cannot be undone" not in hotel
    )


def test_no_second_confirmation_when_the_server_turns_the_guard_off(tmp_path: Path) -> None:
    for c in client_for(tmp_path, irreversible="off"):
        run_id = start(c)
        wait(c, run_id)
        approve(c, run_id)
        booking = fragment(c, run_id)
        assert "Cannot be undone" in booking and "data-confirm" not in booking and "cp-confirm" not in booking


# -- an undo window ----------------------------------------------------------------------------------


def test_an_undo_window_over_the_api_and_on_the_page(undo_client: TestClient) -> None:
    c = undo_client
    run_id = start(c)
    wait(c, run_id)
    approve(c, run_id)  # the plan: not held
    cp = pending_id(c, run_id)
    decision = f"/api/runs/{run_id}/checkpoints/{cp}/decision"
    undo = f"/api/runs/{run_id}/checkpoints/{cp}/undo"
    assert c.post(undo).status_code == 409  # nothing held yet

    held = c.post(decision, json={"decision": "approve"})
    assert held.status_code == 200 and held.json()["status"] == "held" and held.json()["undo_until"]
    assert c.get(f"/api/runs/{run_id}").json()["status"] == "waiting"
    page = fragment(c, run_id)
    assert f'data-held="{cp}"' in page and "Approved: not sent yet" in page and ">Undo</button>" in page
    [until] = re.findall(r'data-until="([^"]+)"', page)
    assert datetime.fromisoformat(until) == datetime.fromisoformat(held.json()["undo_until"])
    assert "data-checkpoint" not in page
    assert c.post(decision, json={"decision": "approve"}).status_code == 409  # decided, if not final

    back = c.post(undo)
    assert back.status_code == 200 and back.json()["status"] == "pending" and back.json()["decision"] is None
    assert c.post(undo).status_code == 409
    assert f'data-checkpoint="{cp}"' in fragment(c, run_id) and "data-held" not in fragment(c, run_id)
    assert c.post(f"/api/runs/{run_id}/checkpoints/nope/undo").status_code == 404
    assert c.post("/api/runs/nope/checkpoints/nope/undo").status_code == 404
