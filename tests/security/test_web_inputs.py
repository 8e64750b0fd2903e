"""Bad input to the web API and what the API serves back (issue 8, high #6 and the web parts of #8,
#9 and #11): a 4xx naming the field, never a 500, a crashed run or a lost decision; bounded answers
without server internals.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import HumanSpec, RunResult, agents, parse_event
from sandbox.store import RunStore
from sandbox.web import ServerSettings, create_app

LOCAL = "http://127.0.0.1"
WEB_RUN = {"scenario": "basic-round-trip", "agent": "planner", "policy": "ask-on-write", "human": "web"}
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ServerSettings:
    monkeypatch.setenv("TRAVEL_SANDBOX_RECORDINGS", str(tmp_path / "recordings"))
    return ServerSettings(db=f"sqlite:///{tmp_path / 'runs.sqlite'}", workers=2, sse_poll=0.02)


@pytest.fixture
def client(settings: ServerSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        yield c


def wait(c: TestClient, run_id: str, *statuses: str) -> dict[str, Any]:
    statuses = statuses or ("waiting", "done", "error")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        r = c.get(f"/api/runs/{run_id}").json()
        if r["status"] in statuses:
            return dict(r)
        time.sleep(0.01)
    raise AssertionError(f"run {run_id} did not reach {statuses}")


def pending(c: TestClient, run_id: str) -> dict[str, Any]:
    assert wait(c, run_id)["status"] == "waiting"
    [cp] = [cp for cp in c.get(f"/api/runs/{run_id}/checkpoints").json() if cp["status"] == "pending"]
    return dict(cp)


def decide(c: TestClient, run_id: str, cp: dict[str, Any], body: dict[str, Any]) -> Any:
    return c.post(f"/api/runs/{run_id}/checkpoints/{cp['id']}/decision", json=body)


def problem(r: Any) -> dict[str, Any]:
    assert r.status_code == 422, r.text
    [p] = r.json()["detail"]
    return dict(p)


# -- high #6: an edit with arguments of the wrong type -----------------------------------------------


def test_edit_with_wrong_type_is_refused_and_the_run_keeps_waiting(client: TestClient) -> None:
    run_id = client.post("/api/runs", json=WEB_RUN).json()["id"]
    plan = pending(client, run_id)
    assert plan["kind"] == "proposal"
    for args, loc, says in [
        ({"passengers": "lots"}, "passengers", "valid integer"),
        ({"check_in": "next week"}, "check_in", "valid date"),
        ({"total": {"x": 1}}, "total", "valid number"),
        ({"launch_codes": 1}, "launch_codes", "no argument 'launch_codes'"),
    ]:
        p = problem(decide(client, run_id, plan, {"decision": "edit", "args": args}))
        assert p["loc"] == ["body", "args", loc] and says in p["msg"], p
    assert wait(client, run_id)["status"] == "waiting" and pending(client, run_id)["id"] == plan["id"]
    assert decide(client, run_id, plan, {"decision": "edit", "args": {"passengers": 1}}).status_code == 200
    flight = pending(client, run_id)  # the plan went through: the first booking waits for a decision
    assert flight["tool"] == "book_flight"
    p = problem(decide(client, run_id, flight, {"decision": "edit", "args": {"passengers": "lots"}}))
    assert p["loc"] == ["body", "args", "passengers"] and "book_flight" in p["msg"]
    assert decide(client, run_id, flight, {"decision": "approve"}).status_code == 200


def test_edit_with_wrong_type_from_a_scripted_human_does_not_crash_the_run() -> None:
    """The gateway checks an edit too, so a human outside the web app cannot crash a run either."""
    scenario = load_scenario(SCENARIOS / "basic-round-trip.yaml")
    human = {
        "checkpoints": [{"tool": "propose_itinerary", "decision": "edit", "args": {"passengers": "lots"}}]
    }
    scenario = scenario.model_copy(update={"human": HumanSpec.model_validate(human)})
    result: RunResult = run(scenario, RunOptions(agent="planner", policy="ask-on-write", human="scripted"))
    assert result.status == "done", result.error
    refusals = [  # the planner proposes again after each refusal; this human edits every time
        e.data.result.error.model_dump()
        for e in result.trace
        if e.type == "tool_result" and e.data.tool == "propose_itinerary" and not e.data.ok
    ]
    assert refusals and all(r["code"] == "invalid_edit" and r["field"] == "args.passengers" for r in refusals)


# -- #8: numbers past what the store can hold ----------------------------------------------------------


@pytest.mark.parametrize("seed", [2**63, 2**200, -1])
def test_seed_past_int64_is_422(client: TestClient, seed: int) -> None:
    p = problem(client.post("/api/runs", json=WEB_RUN | {"seed": seed}))
    assert p["loc"] == ["body", "seed"]
    assert client.get("/api/runs").json() == []


@pytest.mark.parametrize("last_id", [str(2**63), "garbage", "1e400", "-2", "9" * 5000])
def test_last_event_id_past_int64_or_garbage_is_4xx(client: TestClient, last_id: str) -> None:
    run_id = client.post("/api/runs", json=WEB_RUN | {"human": "auto"}).json()["id"]
    wait(client, run_id, "done")
    r = client.get(f"/api/runs/{run_id}/events", headers={"Last-Event-ID": last_id})
    assert r.status_code in (400, 422) and "last-event-id" in r.text.lower(), r.text
    replay = client.get(f"/api/runs/{run_id}/events", headers={"Last-Event-ID": "3"}).text
    assert (
        "id: 4\n" in replay
        and "id: 3\n" not in replay
        and replay.rstrip().endswith('data: {"status": "done"}')
    )


# -- #9: size caps -------------------------------------------------------------------------------------


def test_compare_with_too_many_ids_is_422(client: TestClient) -> None:
    for n in (51, 3000):
        ids = ",".join(f"run{i:07d}" for i in range(n))
        p = problem(client.get("/api/compare", params={"ids": ids}))
        assert p["loc"] == ["query", "ids"] and "at most 50" in p["msg"]
    assert client.get("/api/compare", params={"ids": ",".join(["nope"] * 60)}).status_code == 404  # one id


def stored(settings: ServerSettings, **update: Any) -> RunResult:
    fields: dict[str, Any] = dict(
        id="stored000001",
        scenario="basic-round-trip",
        trial=0,
        seed=7,
        agent="react",
        model="openai:some-model",
        policy="never-ask",
        human="auto",
        status="error",
        error="ValueError: the model said something odd",
        started_at=datetime(2027, 1, 5, 9, 0, tzinfo=UTC),
    )
    result = RunResult(**(fields | update))
    store = RunStore(settings.db_url())
    store.save(result)
    store.engine.dispose()
    return result


def test_oversized_texts_are_cut_with_a_note(settings: ServerSettings) -> None:
    huge = "All booked. " * 100_000  # 1.2 MB of model reply
    said = {"role": "assistant", "node": "agent", "content": huge, "tool_calls": []}
    reply = parse_event({"seq": 0, "t": 0.0, "type": "message", "data": said})
    stored(settings, status="done", error=None, final_message=huge, trace=[reply])
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        for text in (
            c.get("/api/runs/stored000001").json()["final_message"],
            c.get("/api/runs").json()[0]["final_message"],
            c.get("/api/runs/stored000001").json()["trace"][0]["data"]["content"],
        ):
            assert len(text) < 20_100 and text.startswith("All booked. ")
            assert text.endswith("[cut: 1,200,000 characters in all, the first 20,000 shown]")
        events = c.get("/api/runs/stored000001/events").text
        assert len(events) < 25_000 and "[cut: 1,200,000 characters in all" in events


# -- #11: tracebacks stay on the server ----------------------------------------------------------------


@pytest.fixture
def crashing_agent() -> Iterator[str]:
    """A registered agent whose graph cannot be built: its run fails with a traceback in its trace."""

    def build(ctx: Any) -> Any:
        raise RuntimeError("the agent fell over")

    build.needs_model = False
    agents.register("test-security-crash", build, replace=True)
    yield "test-security-crash"
    agents.unregister("test-security-crash")


def test_run_traces_served_without_tracebacks(
    settings: ServerSettings, crashing_agent: str, caplog: pytest.LogCaptureFixture
) -> None:
    server_path = str(Path(__file__).resolve())
    crash = {"reason": "ValueError: the model said something odd", "traceback": f'File "{server_path}"'}
    stored(settings, trace=[parse_event({"seq": 0, "t": 0.0, "type": "error", "data": crash})])
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        live_id = c.post("/api/runs", json=WEB_RUN | {"agent": crashing_agent}).json()["id"]
        assert wait(c, live_id, "error")["error"] == "RuntimeError: the agent fell over"
        for run_id, reason in (
            ("stored000001", crash["reason"]),
            (live_id, "RuntimeError: the agent fell over"),
        ):
            served = c.get(f"/api/runs/{run_id}").text + c.get(f"/api/runs/{run_id}/events").text
            assert "Traceback" not in served and 'File "/' not in served and "traceback" not in served
            [error] = [e for e in c.get(f"/api/runs/{run_id}").json()["trace"] if e["type"] == "error"]
            assert error["data"] == {"reason": reason}
    # the traceback is not lost: it goes to the server's log
    [logged] = [r for r in caplog.records if r.name.startswith("sandbox.live") and live_id in r.getMessage()]
    assert logged.exc_info is not None and "the agent fell over" in str(logged.exc_info[1])
