"""The web app's runs list (filters, pages, live and stored runs merged) and batch comparison
(``/api/compare/batches``, ``/api/batches``, the ``/compare/batches`` page); bounded inputs, 422s
naming the field, nothing of the server's files in an answer.

Stored runs are saved straight into the store as two CLI batches would (planner passes every
scenario; react fails two of them); one live run waits at a checkpoint, newer than all of them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sandbox.spi import RunResult, Scores
from sandbox.store import RunStore
from sandbox.web import ServerSettings, create_app

LOCAL = "http://127.0.0.1"
T0 = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)
EVIL = "<b>bold</b>"
SCENARIOS = ["one-way", "two-way", EVIL]
REACT_FAILS = {"two-way", EVIL}


def stored(run_id: str, minute: int, agent: str, scenario: str, passed: bool) -> RunResult:
    scores = Scores(
        correctness=1.0,
        budget=1.0,
        preference=1.0,
        faithfulness=1.0,
        overall=0.95 if passed else 0.4,
        passed=passed,
    )
    return RunResult(
        id=run_id, scenario=scenario, tags=["flights", EVIL], trial=0, seed=1, agent=agent, model="scripted",
        policy="never-ask", human="scripted", status="done", scores=scores,
        started_at=T0 + timedelta(minutes=minute),
    )  # fmt: skip


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> ServerSettings:
    db = tmp_path_factory.mktemp("web-batches") / "runs.sqlite"
    return ServerSettings(db=f"sqlite:///{db}", workers=2, sse_poll=0.02)


@pytest.fixture(scope="module")
def batches(settings: ServerSettings) -> dict[str, str]:
    store = RunStore(settings.db_url())
    ids = {}
    for n, agent in enumerate(("planner", "react")):
        ids[agent] = store.start_batch(
            {"agent": agent, "model": "scripted", "trials": 1, "paths": ["/secret/dir"]}
        )
        for m, scenario in enumerate(SCENARIOS):
            passed = agent == "planner" or scenario not in REACT_FAILS
            store.save(stored(f"{agent[0]}{m}", 10 * n + m, agent, scenario, passed), ids[agent])
        store.finish_batch(ids[agent], {})
    store.engine.dispose()
    return ids


@pytest.fixture(scope="module")
def client(settings: ServerSettings, batches: dict[str, str]) -> Iterator[TestClient]:
    """One app for the module: the tests only read."""
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        yield c


@pytest.fixture(scope="module")
def live_id(client: TestClient) -> str:
    """One live run, waiting at its checkpoint, newer than every stored run."""
    return waiting_run(client)


def waiting_run(c: TestClient) -> str:
    body = {"scenario": "basic-round-trip", "agent": "reference", "policy": "ask-on-write", "human": "web"}
    r = c.post("/api/runs", json=body)
    assert r.status_code == 201, r.text
    run_id = str(r.json()["id"])
    deadline = time.monotonic() + 30
    while c.get(f"/api/runs/{run_id}").json()["status"] != "waiting":
        assert time.monotonic() < deadline, "the live run never reached its checkpoint"
        time.sleep(0.01)
    return run_id


def ids_of(r: Any) -> list[str]:
    assert r.status_code == 200, r.text
    return [run["id"] for run in r.json()]


# -- the runs list ----------------------------------------------------------------------------------


def test_runs_list_merges_live_and_stored_runs_page_by_page(
    client: TestClient, batches: dict[str, str], live_id: str
) -> None:
    live = live_id
    everything = [live, "r2", "r1", "r0", "p2", "p1", "p0"]
    assert ids_of(client.get("/api/runs")) == everything
    pages = [client.get(f"/api/runs?limit=3&offset={o}") for o in (0, 3, 6, 9)]
    assert [ids_of(p) for p in pages] == [everything[:3], everything[3:6], everything[6:], []]
    assert {p.headers["X-Total-Count"] for p in pages} == {"7"}
    first = pages[0].json()
    assert (first[0]["live"], first[0]["batch"], first[1]["batch"]) == (True, None, batches["react"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("agent=react", ["r2", "r1", "r0"]),
        ("agent=react&status=failed", ["r2", "r1"]),
        ("status=passed", ["r0", "p2", "p1", "p0"]),
        ("scenario=one-way", ["r0", "p0"]),
        ("policy=never-ask&model=scripted&agent=planner", ["p2", "p1", "p0"]),
        ("status=waiting", ["LIVE"]),
        ("status=waiting&agent=planner", []),
        ("status=running", []),
        ("status=error", []),
        ("agent=reference", ["LIVE"]),
        ("policy=ask-on-write", ["LIVE"]),
    ],
)
def test_runs_list_filters(client: TestClient, live_id: str, query: str, expected: list[str]) -> None:
    r = client.get(f"/api/runs?{query}")
    want = [live_id if i == "LIVE" else i for i in expected]
    assert ids_of(r) == want and r.headers["X-Total-Count"] == str(len(want))


def test_runs_list_by_batch_leaves_live_runs_out(
    client: TestClient, batches: dict[str, str], live_id: str
) -> None:
    assert ids_of(client.get(f"/api/runs?batch={batches['planner']}")) == ["p2", "p1", "p0"]
    assert ids_of(client.get(f"/api/runs?batch={batches['react']}&status=passed")) == ["r0"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("offset=-1", "offset"),
        ("offset=100001", "offset"),
        ("status=pending", "status"),
        ("agent=" + "x" * 201, "agent"),
        ("batch=" + "x" * 201, "batch"),
    ],
)
def test_runs_list_bounds_its_inputs(client: TestClient, query: str, field: str) -> None:
    r = client.get(f"/api/runs?{query}")
    assert r.status_code == 422
    assert [e["loc"] for e in r.json()["detail"]] == [["query", field]]


def test_runs_page_filters_pages_and_links_batches(client: TestClient, batches: dict[str, str]) -> None:
    html = client.get("/runs?agent=react&limit=2").text
    assert "Runs 1–2 of 3 matching the filter." in html
    assert 'href="/runs/r2"' in html and 'href="/runs/r1"' in html and 'href="/runs/p0"' not in html
    assert 'href="/runs?agent=react&amp;offset=2&amp;limit=2" rel="next"' in html
    assert 'value="react"' in html  # the filter stays in its field
    assert f'href="/runs?batch={batches["react"]}"' in html
    older = client.get("/runs?agent=react&limit=2&offset=2").text
    assert 'href="/runs/r0"' in older and 'href="/runs?agent=react&amp;limit=2" rel="prev"' in older
    one_batch = client.get(f"/runs?batch={batches['planner']}").text
    assert f'href="/compare/batches?ids={batches["planner"]}"' in one_batch
    assert "No run matches the filter." in client.get("/runs?agent=nobody").text
    assert client.get("/runs?status=bogus").status_code == 422


# -- batch comparison ---------------------------------------------------------------------------------


def test_api_compares_batches_by_the_cli_contract(client: TestClient, batches: dict[str, str]) -> None:
    r = client.get(f"/api/compare/batches?ids={batches['planner']},{batches['react'][:6]}")
    assert r.status_code == 200, r.text
    data = r.json()
    assert [b["batch"] for b in data["batches"]] == [batches["planner"], batches["react"]]
    assert data["batches"][1]["pass_hat_k"] == {"1": pytest.approx(1 / 3)}
    [pair] = data["paired"]
    assert (pair["a_only"], pair["b_only"], pair["scenarios"]) == (2, 0, 3)
    assert pair["flipped"] == sorted(REACT_FAILS) and pair["p_value"] == 0.5
    assert {"overall_diff_ci95", "by_scenario", "by_tag"} <= set(pair)
    majority = client.get(
        f"/api/compare/batches?ids={batches['planner']},{batches['react']}&verdict=majority"
    )
    assert majority.json()["verdict"] == "majority"


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ("{planner}", "compare 2 to 10 batches (got 1)"),
        ("{planner},{planner}x", "No batch with id '{planner}x'. Did you mean '{planner}'?"),
        ("a,b,c,d,e,f,g,h,i,j,k", "compare 2 to 10 batches (got 11)"),
    ],
)
def test_api_compare_batches_names_bad_ids(
    client: TestClient, batches: dict[str, str], settings: ServerSettings, ids: str, message: str
) -> None:
    r = client.get("/api/compare/batches", params={"ids": ids.format(**batches)})
    assert r.status_code == 422
    [error] = r.json()["detail"]
    assert error["loc"] == ["query", "ids"]
    assert error["msg"].startswith(message.format(**batches))
    assert str(settings.db_url()) not in r.text and "runs.sqlite" not in r.text


def test_api_compare_batches_bounds_its_inputs(client: TestClient, batches: dict[str, str]) -> None:
    too_long = client.get("/api/compare/batches", params={"ids": "x" * 1001})
    assert too_long.status_code == 422 and too_long.json()["detail"][0]["loc"] == ["query", "ids"]
    verdict = client.get(f"/api/compare/batches?ids={batches['planner']},{batches['react']}&verdict=most")
    assert verdict.status_code == 422 and verdict.json()["detail"][0]["loc"] == ["query", "verdict"]


def test_api_lists_batches_without_the_paths_they_read(client: TestClient, batches: dict[str, str]) -> None:
    listed = client.get("/api/batches").json()
    assert [b["id"] for b in listed] == [batches["react"], batches["planner"]]
    assert (listed[0]["agent"], listed[0]["runs"], listed[0]["trials"]) == ("react", 3, 1)
    assert "/secret/dir" not in client.get("/api/batches").text


def test_compare_batches_page(client: TestClient, batches: dict[str, str]) -> None:
    picker = client.get("/compare/batches").text
    assert f'value="{batches["planner"]}" id="pick-{batches["planner"]}"' in picker
    html = client.get(f"/compare/batches?ids={batches['planner']}&ids={batches['react']}").text
    assert "McNemar" in html and "p = 0.500" in html and "By tag" in html
    assert (
        f'value="{batches["react"]}" id="pick-{batches["react"]}" aria-label="Select batch {batches["react"]}" checked'
        in html
    )
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and EVIL not in html  # scenario ids and tags are escaped
    assert "Pick at least one more batch" in client.get(f"/compare/batches?ids={batches['planner']}").text
    bad = client.get(f"/compare/batches?ids={batches['planner']},nope")
    assert bad.status_code == 422 and "No batch with id &#39;nope&#39;." in bad.text
    assert "runs.sqlite" not in bad.text
