"""The JSON API (sandbox/web): routes, status codes, restarts, server-sent events and the token.

Runs are the ``reference`` agent under ``ask-on-write`` on ``basic-round-trip``: four checkpoints
(the plan, two flights, the hotel). ``TestClient`` needs no network.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import create_engine
from sqlalchemy import text as sql
from typer.testing import CliRunner

from sandbox.cli import app as cli_app
from sandbox.errors import ConfigError
from sandbox.web import ServerSettings, create_app

LOCAL = "http://127.0.0.1"  # the server answers only to its own names (DNS rebinding)
WEB_RUN = {"scenario": "basic-round-trip", "agent": "reference", "policy": "ask-on-write", "human": "web"}
Client = Callable[..., AbstractContextManager[TestClient]]


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ServerSettings:
    monkeypatch.setenv("TRAVEL_SANDBOX_RECORDINGS", str(tmp_path / "recordings"))
    return ServerSettings(db=f"sqlite:///{tmp_path / 'runs.sqlite'}", workers=4, sse_poll=0.02)


@pytest.fixture
def client(settings: ServerSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        yield c


@pytest.fixture
def any_settings(settings: ServerSettings, db_url: str) -> ServerSettings:
    """The settings on SQLite, then on a real PostgreSQL database: runs, live tables and LangGraph's
    Postgres checkpointer all in it (``tests/conftest.py`` starts the server)."""
    return settings.model_copy(update={"db": db_url})


@pytest.fixture
def any_client(any_settings: ServerSettings) -> Iterator[TestClient]:
    with TestClient(create_app(any_settings), base_url=LOCAL) as c:
        yield c


def wait(c: TestClient, run_id: str, *statuses: str, timeout: float = 30.0) -> dict[str, Any]:
    statuses = statuses or ("waiting", "done", "error")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = c.get(f"/api/runs/{run_id}").json()
        if run["status"] in statuses:
            return run
        time.sleep(0.01)
    raise AssertionError(f"run {run_id} did not reach {statuses}")


def start(c: TestClient, **update: Any) -> str:
    r = c.post("/api/runs", json=WEB_RUN | update)
    assert r.status_code == 201 and r.json()["status"] == "running", r.text
    return str(r.json()["id"])


def pending(c: TestClient, run_id: str) -> dict[str, Any]:
    assert wait(c, run_id)["status"] == "waiting"
    [cp] = [cp for cp in c.get(f"/api/runs/{run_id}/checkpoints").json() if cp["status"] == "pending"]
    return dict(cp)


def decide(c: TestClient, run_id: str, cp_id: str, body: Any) -> Any:
    return c.post(f"/api/runs/{run_id}/checkpoints/{cp_id}/decision", json=body)


def approve_all(c: TestClient, run_id: str) -> dict[str, Any]:
    while (run := wait(c, run_id))["status"] == "waiting":
        assert decide(c, run_id, pending(c, run_id)["id"], {"decision": "approve"}).status_code == 200
    return run


def bookings(run: dict[str, Any]) -> list[str]:
    return [
        e["data"]["result"]["result"]["booking_id"]
        for e in run["trace"]
        if e["type"] == "tool_result" and e["data"]["tool"].startswith("book_") and e["data"]["ok"]
    ]


# -- lists -----------------------------------------------------------------------------------------


def test_lists(client: TestClient) -> None:
    scenarios = client.get("/api/scenarios").json()
    basic = next(s for s in scenarios if s["id"] == "basic-round-trip")
    assert (
        set(basic) >= {"id", "title", "tags", "request"} and "San Francisco to New York" in basic["request"]
    )
    assert {"reference", "do-nothing"} <= {a["name"] for a in client.get("/api/agents").json()}
    assert "scripted" in {m["name"] for m in client.get("/api/models").json()}
    assert "ask-on-write" in {p["name"] for p in client.get("/api/policies").json()}
    assert (
        client.get("/docs").status_code == 200 and "/api/runs" in client.get("/openapi.json").json()["paths"]
    )


def test_a_recording_is_chosen_by_name_and_replayed(client: TestClient, tmp_path: Path) -> None:
    """The recordings folder's files are models by name (``replay:NAME``); a run replays one."""
    (tmp_path / "recordings").mkdir()
    reply = {
        "content": "Nothing booked: the recording says so.",
        "usage_metadata": {"input_tokens": 2, "output_tokens": 1, "total_tokens": 3},
    }
    (tmp_path / "recordings" / "short-answer.jsonl").write_text(json.dumps(reply) + "\n")
    (tmp_path / "recordings" / "notes.txt").write_text("not a recording")
    models = [m["name"] for m in client.get("/api/models").json()]
    assert "replay:short-answer" in models and not any("notes" in m for m in models)
    run_id = start(client, agent="react", model="replay:short-answer", human="auto")
    run = wait(client, run_id, "done", "error")
    assert run["error"] is None, run["error"]
    assert (run["status"], run["model"], run["final_message"]) == (
        "done",
        "replay:short-answer",
        reply["content"],
    )


# -- a run through its checkpoints -----------------------------------------------------------------


def test_start_wait_approve_each_checkpoint_until_done(any_client: TestClient) -> None:
    run_id = start(any_client)
    cp = pending(any_client, run_id)
    assert (cp["kind"], cp["tool"]) == ("proposal", "propose_itinerary")
    assert {"action", "amount", "rule", "alternatives"} <= set(cp["payload"])
    run = approve_all(any_client, run_id)
    assert run["status"] == "done" and run["scores"]["overall"] == 1.0 and run["spend"] == 3146.0
    assert run["interrupts"] == 4 and bookings(run) == ["B0001", "B0002", "B0003"]
    listed = any_client.get("/api/runs").json()
    assert listed[0]["id"] == run_id and listed[0]["status"] == "done" and "trace" not in listed[0]
    decided = any_client.get(f"/api/runs/{run_id}/checkpoints").json()
    assert [c["status"] for c in decided] == ["decided"] * 4


def test_reject_edit_and_respond(any_client: TestClient) -> None:
    rejected = start(any_client)
    cp = pending(any_client, rejected)
    assert (
        decide(any_client, rejected, cp["id"], {"decision": "reject", "reason": "no"}).json()["status"]
        == "decided"
    )
    assert pending(any_client, rejected)["payload"]["args"]["total"] == 3235.0  # the next plan
    edited = start(any_client)
    assert (
        decide(
            any_client, edited, pending(any_client, edited)["id"], {"decision": "edit", "alternative": 1}
        ).status_code
        == 200
    )
    assert "MV100-2027-01-20" in approve_all(any_client, edited)["final_message"]
    asked = start(any_client, scenario="ambiguous-dates")
    q = pending(any_client, asked)
    assert q["kind"] == "question"
    assert (
        decide(any_client, asked, q["id"], {"decision": "respond", "text": "9 to 13 May"}).status_code == 200
    )
    assert approve_all(any_client, asked)["status"] == "done"


def state(c: TestClient, run_id: str) -> tuple[Any, ...]:
    run = c.get(f"/api/runs/{run_id}").json()
    return run["status"], run["pending"], len(run["trace"]), c.get(f"/api/runs/{run_id}/checkpoints").json()


def test_refused_requests_change_nothing(client: TestClient) -> None:
    run_id = start(client)
    cp = pending(client, run_id)
    before = state(client, run_id)
    refused = [
        ("no-such-run", cp["id"], {"decision": "approve"}, 404, "no run"),
        (run_id, "no-such-checkpoint", {"decision": "approve"}, 404, "no checkpoint"),
        (run_id, cp["id"], {"decision": "maybe"}, 422, "decision"),
        (run_id, cp["id"], {"decision": "edit", "args": [1, 2]}, 422, "dictionary"),
        (run_id, cp["id"], {"decision": "edit", "args": "x"}, 422, "dictionary"),
        (run_id, cp["id"], {"decision": "edit"}, 422, "edit needs"),
        (run_id, cp["id"], {"decision": "edit", "alternative": 7}, 422, "alternative 7 does not exist"),
        (run_id, cp["id"], {"decision": "approve", "extra": 1}, 422, "extra"),
        (run_id, cp["id"], {"decision": "reject", "reason": "x" * 70_000}, 413, ""),
    ]
    for rid, cid, body, code, text in refused:
        r = decide(client, rid, cid, body)
        assert r.status_code == code and text in r.text.lower(), (body, r.status_code, r.text[:200])
    assert (
        client.post(f"/api/runs/{run_id}/checkpoints/{cp['id']}/decision", content=b"{not json").status_code
        == 422
    )
    assert state(client, run_id) == before
    assert decide(client, run_id, cp["id"], {"decision": "approve"}).status_code == 200
    pending(client, run_id)
    after = state(client, run_id)
    r = decide(client, run_id, cp["id"], {"decision": "approve"})
    assert r.status_code == 409 and "decided" in r.json()["detail"]
    assert state(client, run_id) == after
    assert client.get("/api/runs/nope").status_code == 404
    assert client.get("/api/runs/nope/checkpoints").status_code == 404
    assert client.get("/api/runs/nope/events").status_code == 404


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"scenario": "basic-round-trp"}, "Did you mean 'basic-round-trip'"),
        ({"agent": "referenc"}, "Did you mean 'reference'"),
        ({"agent": "os:system"}, "Unknown agent 'os:system'"),
        ({"policy": "ask-on-wrte"}, "Did you mean 'ask-on-write'"),
        ({"policy": "../../secret.yaml"}, "preset names only"),
        ({"agent": "react", "model": "gpt-9"}, "Unknown model 'gpt-9'"),
    ],
)
def test_unknown_names_are_422_and_create_nothing(
    client: TestClient, update: dict[str, str], message: str
) -> None:
    r = client.post("/api/runs", json=WEB_RUN | update)
    [problem] = r.json()["detail"]
    assert r.status_code == 422 and problem["loc"] == ["body", [*update][-1]] and message in problem["msg"]
    assert client.get("/api/runs").json() == []


def test_malformed_run_requests_are_422(client: TestClient) -> None:
    for body in (
        {},
        {"scenario": "basic-round-trip", "human": "robot"},
        WEB_RUN | {"trial": -1},
        WEB_RUN | {"x": 1},
    ):
        assert client.post("/api/runs", json=body).status_code == 422
    assert client.get("/api/runs").json() == []


def test_two_concurrent_decisions_one_200_one_409(any_client: TestClient) -> None:
    run_id = start(any_client)
    cp = pending(any_client, run_id)
    barrier = threading.Barrier(2)
    codes: list[int] = []

    def post(body: dict[str, Any]) -> None:
        barrier.wait()
        codes.append(decide(any_client, run_id, cp["id"], body).status_code)

    threads = [
        threading.Thread(target=post, args=(b,)) for b in ({"decision": "approve"}, {"decision": "reject"})
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [200, 409]
    pending(any_client, run_id)
    decisions = [e for e in any_client.get(f"/api/runs/{run_id}").json()["trace"] if e["type"] == "decision"]
    assert len(decisions) == 1


def test_restart_resumes_a_waiting_run_with_nothing_done_twice(any_settings: ServerSettings) -> None:
    with TestClient(create_app(any_settings), base_url=LOCAL) as c:
        uninterrupted = wait(c, start(c, human="auto"), "done")
        run_id = start(c)
        for _ in range(2):  # the plan and the outbound flight, before the restart
            assert decide(c, run_id, pending(c, run_id)["id"], {"decision": "approve"}).status_code == 200
        waiting = pending(c, run_id)
        assert waiting["tool"] == "book_flight"
    with TestClient(
        create_app(any_settings), base_url=LOCAL
    ) as c:  # a new app and a new LiveRuns on the same files
        assert c.get(f"/api/runs/{run_id}").json()["status"] == "waiting"
        assert decide(c, run_id, waiting["id"], {"decision": "approve"}).status_code == 200
        run = approve_all(c, run_id)
        assert run["status"] == "done", run["error"]
        assert bookings(run) == ["B0001", "B0002", "B0003"]
        assert run["state_hash"] == uninterrupted["state_hash"]
        assert [e["seq"] for e in run["trace"]] == list(range(len(run["trace"])))
        keys = [e["key"] for e in run["trace"] if e["key"]]
        assert len(keys) == len(set(keys))
        assert [e["type"] for e in run["trace"]] == [e["type"] for e in uninterrupted["trace"]]


# -- server-sent events ----------------------------------------------------------------------------


def read_sse(
    c: TestClient, url: str, headers: dict[str, str] | None = None, until: str = "end"
) -> list[dict[str, Any]]:
    """Parsed SSE messages ({"id", "event", "data", "comment"}) until an ``until`` event or comment."""
    out: list[dict[str, Any]] = []
    msg: dict[str, Any] = {}
    with c.stream("GET", url, headers=headers or {}) as resp:
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
        for line in resp.iter_lines():
            if not line:
                if msg:
                    out.append(msg)
                    if msg.get("event") == until or msg.get("comment") == until:
                        return out
                msg = {}
                continue
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            msg[field or "comment"] = json.loads(value) if field == "data" else value
    return out


def test_events_stream_the_trace_and_end_when_the_run_is_done(client: TestClient) -> None:
    run_id = start(client, human="auto")
    messages = read_sse(client, f"/api/runs/{run_id}/events")
    events, end = messages[:-1], messages[-1]
    run = client.get(f"/api/runs/{run_id}").json()
    assert end == {"event": "end", "data": {"status": "done"}}
    assert [m["data"] for m in events] == run["trace"] and [m["id"] for m in events] == [
        str(e["seq"]) for e in run["trace"]
    ]
    replay = read_sse(client, f"/api/runs/{run_id}/events", {"Last-Event-ID": "5"})
    assert [m["data"]["seq"] for m in replay[:-1]] == list(range(6, len(run["trace"])))


def test_events_follow_a_live_run_through_its_checkpoints(settings: ServerSettings) -> None:
    """One stream for the whole run, deciding each checkpoint as its event arrives: the checkpoint is
    pending by the time its event is seen, and the stream ends after ``run_end``."""
    with TestClient(create_app(settings.model_copy(update={"sse_keepalive": 0.1})), base_url=LOCAL) as c:
        run_id = start(c)
        events: list[dict[str, Any]] = []
        pings = 0
        with c.stream("GET", f"/api/runs/{run_id}/events") as resp:
            for line in resp.iter_lines():
                pings += line == ": keep-alive"
                if line == "event: end":
                    break
                if not line.startswith("data: "):
                    continue
                events.append(json.loads(line.removeprefix("data: ")))
                if events[-1]["type"] == "checkpoint":
                    [cp] = [
                        x for x in c.get(f"/api/runs/{run_id}/checkpoints").json() if x["status"] == "pending"
                    ]
                    assert cp["payload"]["call_id"] == events[-1]["data"]["call_id"]
                    if events[-1]["data"]["call_id"] == "ref-propose-0":
                        time.sleep(0.3)  # a person thinking: the stream keeps itself alive
                    assert decide(c, run_id, cp["id"], {"decision": "approve"}).status_code == 200
        assert [e["seq"] for e in events] == list(range(len(events))) and events[-1]["type"] == "run_end"
        assert sum(e["type"] == "checkpoint" for e in events) == 4 and pings >= 1
        assert c.get(f"/api/runs/{run_id}").json()["trace"] == events


def test_compare(client: TestClient) -> None:
    a = wait(client, start(client, human="auto"), "done")["id"]
    b = wait(client, start(client, human="auto", policy="never-ask"), "done")["id"]
    rows = client.get("/api/compare", params={"ids": f"{a},{b}"}).json()
    assert [(r["id"], r["policy"], r["interrupts"]) for r in rows] == [
        (a, "ask-on-write", 4),
        (b, "never-ask", 0),
    ]
    assert rows[0]["scores"]["overall"] == rows[1]["scores"]["overall"] == 1.0
    assert client.get("/api/compare", params={"ids": f"{a},nope"}).status_code == 404
    assert client.get("/api/compare", params={"ids": ""}).status_code == 422


# -- the token -------------------------------------------------------------------------------------


def test_non_loopback_host_needs_a_token(settings: ServerSettings) -> None:
    with pytest.raises(ConfigError, match="without a token"):
        create_app(settings.model_copy(update={"host": "0.0.0.0"}))
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--db", settings.db_url()])
    assert result.exit_code == 2 and "refusing to listen on '0.0.0.0' without a token" in result.output


def test_with_a_token_every_api_call_must_carry_it(settings: ServerSettings) -> None:
    secured = settings.model_copy(update={"host": "0.0.0.0", "token": SecretStr("s3cret")})
    with TestClient(create_app(secured), base_url=LOCAL) as c:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret"}):
            assert c.get("/api/scenarios", headers=headers).status_code == 401
            assert c.post("/api/runs", json=WEB_RUN, headers=headers).status_code == 401
        assert c.get("/api/runs").status_code == 401
        ok = {"Authorization": "Bearer s3cret"}
        assert c.get("/api/scenarios", headers=ok).status_code == 200
        assert c.get("/api/runs", headers=ok).json() == []  # nothing was started by the refused calls
        c.cookies.set("travel_sandbox_token", "s3cret")  # what the browser's EventSource can send
        assert c.get("/api/runs").status_code == 200


def test_serve_runs_uvicorn_on_loopback_by_default(
    settings: ServerSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    result = CliRunner().invoke(cli_app, ["serve", "--port", "8123", "--db", settings.db_url()])
    assert result.exit_code == 0, result.output
    [call] = calls
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123) and call["app"].state.settings.token is None
    result = CliRunner().invoke(
        cli_app, ["serve", "--host", "0.0.0.0", "--token", "t", "--db", settings.db_url()]
    )
    assert result.exit_code == 0 and calls[-1]["app"].state.settings.token.get_secret_value() == "t"


def test_with_a_postgresql_run_store_paused_runs_are_in_langgraphs_postgres_checkpointer(
    settings: ServerSettings, postgres_url: str
) -> None:
    pg = settings.model_copy(update={"db": postgres_url, "checkpoints": Path("ignored.sqlite")})
    assert pg.checkpoints_path() == postgres_url
    with TestClient(create_app(pg), base_url=LOCAL) as c:
        run_id = start(c)
        pending(c, run_id)
        engine = create_engine(postgres_url)
        with engine.connect() as conn:
            rows = conn.execute(
                sql("SELECT count(*) FROM checkpoints WHERE thread_id = :r"), {"r": run_id}
            ).scalar_one()
        assert rows > 0  # the graph's state of the waiting run, in PostgreSQL
        run = approve_all(c, run_id)
        assert run["status"] == "done", run["error"]
        with engine.connect() as conn:  # a finished run's thread is pruned
            left = conn.execute(
                sql("SELECT count(*) FROM checkpoint_blobs WHERE thread_id = :r"), {"r": run_id}
            ).scalar_one()
        engine.dispose()
    assert left == 0
    assert not Path("ignored.sqlite").exists()
