"""The drill pages and API (sandbox/web/_drills.py): one run at a time with the answer hidden, grades
kept in the run store, the score as ``drill score`` gives it, bad input a 404 or a 422 naming the field.

One drill (6 runs of 5 shipped scenarios, seed 3) is made for the module; ``TestClient`` needs no network.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sandbox.drills import new_stored_drill, score_sheet
from sandbox.store import RunStore
from sandbox.web import ServerSettings, create_app
from sandbox.web import _drill_jobs as drill_jobs

ROOT = Path(__file__).resolve().parents[2]
FEW = ["basic-round-trip", "one-way", "multi-city-two-rooms", "day-after-tomorrow", "rebook-return-evening"]
LOCAL = "http://127.0.0.1"
SHEET_KEYS = {"id", "total", "graded", "runs"}
ROW_KEYS = {"position", "run_id", "verdict", "reason"}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("webdrill")
    folder = tmp / "scenarios"
    folder.mkdir()
    for name in FEW:
        shutil.copy(ROOT / "scenarios" / f"{name}.yaml", folder)
    db = f"sqlite:///{tmp / 'runs.sqlite'}"
    store = RunStore(db)
    # the kinds are named: which recipes fill the defect slots otherwise depends on the seed
    drill_id = new_stored_drill(
        store,
        [folder],
        n=6,
        seed=3,
        difficulty="easy",
        kinds=["wrong_date", "false_claim", "hidden_constraint"],
    )
    key = store.get_drill(drill_id)["runs"]
    runs = {rid: store.get(rid) for rid in key}
    store.engine.dispose()
    return {"db": db, "scenarios": folder, "id": drill_id, "key": key, "runs": runs, "tmp": tmp}


@pytest.fixture
def client(made: dict[str, Any], tmp_path: Path) -> Any:
    """A fresh copy of the drill's store per test (grades of one test never reach another)."""
    shutil.copy(made["tmp"] / "runs.sqlite", tmp_path / "runs.sqlite")
    settings = ServerSettings(
        db=f"sqlite:///{tmp_path / 'runs.sqlite'}", scenarios=made["scenarios"], workers=1
    )
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        yield c


def _telling(made: dict[str, Any]) -> set[str]:
    """Words that would give a run's answer away: the defect kinds, and the agents and models that
    plant them (a clean run is the planner on the scripted model)."""
    out = {k["kind"] for k in made["key"].values() if k["kind"] != "clean"}
    for k in made["key"].values():
        if k["verdict"] == "fail":
            out |= {k["agent"], k["model"].split(":")[0]} - {"planner", "scripted"}
    return out | {"injected_mistakes", "model_quirks", "harness", "caught_by", "planted"}


def test_before_scoring_neither_page_nor_api_tells_the_answer(client: Any, made: dict[str, Any]) -> None:
    drill = made["id"]
    sheet = client.get(f"/api/drills/{drill}").json()
    assert set(sheet) == SHEET_KEYS and sheet["total"] == len(made["key"]) and sheet["graded"] == 0
    assert all(set(r) == ROW_KEYS and r["verdict"] == "" for r in sheet["runs"])
    assert {r["run_id"] for r in sheet["runs"]} == set(made["key"])
    order = [r["run_id"] for r in sheet["runs"]]
    assert order != list(made["key"])  # never the key's order (defects first)
    telling = _telling(made)
    assert {"wrong_date", "noisy"} <= telling  # the drill has defects to hide
    for n, rid in enumerate(order, start=1):
        page = client.get(f"/drills/{drill}?run={n}")
        assert page.status_code == 200
        data = client.get(f"/api/drills/{drill}/runs/{rid}")
        assert data.status_code == 200 and data.json()["run_id"] == rid
        assert data.json()["steps"] and data.json()["request"]
        for text in (page.text, data.text, json.dumps(sheet)):
            found = {w for w in telling if w in text}
            assert found == set(), f"run {n} ({made['key'][rid]['kind']}) shows {found}"
        assert f"Run {n} of {len(order)}" in page.text


def test_grades_are_kept_by_the_server(client: Any, made: dict[str, Any]) -> None:
    drill = made["id"]
    first = client.get(f"/api/drills/{drill}").json()["runs"][0]["run_id"]
    r = client.put(
        f"/api/drills/{drill}/grades/{first}", json={"verdict": "fail", "reason": "flew a day late"}
    )
    assert r.status_code == 200 and r.json() == {"graded": 1, "total": len(made["key"])}
    again = client.get(f"/api/drills/{drill}").json()["runs"][0]
    assert (again["verdict"], again["reason"]) == ("fail", "flew a day late")
    page = client.get(f"/drills/{drill}?run=1").text
    assert "You said <strong>fail</strong>: flew a day late" in page
    client.put(f"/api/drills/{drill}/grades/{first}", json={"verdict": "pass"})  # a new grade replaces it
    assert client.get(f"/api/drills/{drill}").json()["runs"][0]["verdict"] == "pass"
    assert (
        client.get(f"/drills/{drill}").text.count('aria-current="page"') == 2
    )  # nav + run 2 (next ungraded)
    assert "Run 2 of" in client.get(f"/drills/{drill}").text


def _play(client: Any, drill: str, verdicts: dict[str, str]) -> dict[str, Any]:
    for rid, v in verdicts.items():
        assert (
            client.put(f"/api/drills/{drill}/grades/{rid}", json={"verdict": v, "reason": "r"}).status_code
            == 200
        )
    score = client.get(f"/api/drills/{drill}/score")
    assert score.status_code == 200
    return dict(score.json())


def _sheet_score(made: dict[str, Any], tmp_path: Path, verdicts: dict[str, str]) -> dict[str, Any]:
    """``drill score`` on a CSV sheet with the same verdicts."""
    sheet = tmp_path / "sheet" / "sheet.csv"
    sheet.parent.mkdir()
    (sheet.parent / "drill.json").write_text(json.dumps({"drill": made["id"]}))
    with sheet.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["run_id", "verdict", "reason"])
        for rid, v in verdicts.items():
            w.writerow([rid, v, "r"])
    store = RunStore(made["db"])
    try:
        return score_sheet(store, sheet)
    finally:
        store.engine.dispose()


FIGURES = ("graded", "precision", "recall", "accuracy", "by_kind", "vs_harness", "harness_vs_key")


def test_a_perfect_learner(client: Any, made: dict[str, Any], tmp_path: Path) -> None:
    verdicts = {rid: k["verdict"] for rid, k in made["key"].items()}
    score = _play(client, made["id"], verdicts)
    assert (score["recall"], score["precision"], score["accuracy"]) == (1.0, 1.0, 1.0)
    assert score["graded"] == len(verdicts) and score["ungraded"] == 0 and score["wrong"] == []
    page = client.get(f"/drills/{made['id']}/score").text
    assert '<td class="n" data-figure="recall">1.00</td>' in page
    assert "Runs you graded wrong (0)" in page


def test_an_always_pass_learner(client: Any, made: dict[str, Any], tmp_path: Path) -> None:
    verdicts = dict.fromkeys(made["key"], "pass")
    score = _play(client, made["id"], verdicts)
    clean = sum(k["verdict"] == "pass" for k in made["key"].values())
    assert (score["recall"], score["precision"]) == (0.0, 0.0)
    assert score["accuracy"] == round(clean / len(verdicts), 4)
    assert len(score["wrong"]) == len(verdicts) - clean
    assert {k: score[k] for k in FIGURES} == {
        k: v for k, v in _sheet_score(made, tmp_path, verdicts).items() if k in FIGURES
    }
    page = client.get(f"/drills/{made['id']}/score").text
    for w in score["wrong"]:  # the runs graded wrong, explained, after scoring
        assert f"the answer is <strong>fail</strong> ({w['kind']})" in page


def test_a_random_learner_gets_the_figures_drill_score_gives(
    client: Any, made: dict[str, Any], tmp_path: Path
) -> None:
    rng = random.Random(7)
    verdicts = {rid: rng.choice(["pass", "fail"]) for rid in made["key"]}
    score = _play(client, made["id"], verdicts)
    expected = _sheet_score(made, tmp_path, verdicts)
    assert {k: score[k] for k in FIGURES} == {k: expected[k] for k in FIGURES}
    assert {w["run_id"] for w in score["wrong"]} == {w["run_id"] for w in expected["wrong"]}
    assert score["accuracy"] == round(sum(v == made["key"][r]["verdict"] for r, v in verdicts.items()) / 6, 4)


def test_bad_ids_are_404s(client: Any, made: dict[str, Any]) -> None:
    drill = made["id"]
    some_run = next(iter(made["key"]))
    for url in (
        "/api/drills/drill-nope",
        "/api/drills/drill-nope/score",
        f"/api/drills/drill-nope/runs/{some_run}",
    ):
        r = client.get(url)
        assert r.status_code == 404 and "drill-nope" in r.json()["detail"], url
    assert client.get(f"/api/drills/{drill}/runs/nope").status_code == 404
    r = client.put(f"/api/drills/{drill}/grades/nope", json={"verdict": "fail"})
    assert r.status_code == 404 and "nope" in r.json()["detail"]
    for url in ("/drills/drill-nope", "/drills/drill-nope/score"):
        page = client.get(url)
        assert page.status_code == 404 and "There is no drill" in page.text
        assert "sqlite" not in page.text and "runs.sqlite" not in page.text  # no file named


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"verdict": "maybe"}, "verdict"),
        ({"reason": "x"}, "verdict"),
        ({"verdict": "fail", "reason": "x" * 2001}, "reason"),
        ({"verdict": "fail", "extra": 1}, "extra"),
    ],
)
def test_a_bad_grade_is_a_422_naming_the_field(
    client: Any, made: dict[str, Any], body: dict, field: str
) -> None:
    rid = next(iter(made["key"]))
    r = client.put(f"/api/drills/{made['id']}/grades/{rid}", json=body)
    assert r.status_code == 422
    assert [e["loc"][-1] for e in r.json()["detail"]] == [field]
    assert client.get(f"/api/drills/{made['id']}").json()["graded"] == 0  # nothing kept


@pytest.mark.parametrize(
    ("body", "field"),
    [({"n": 1}, "n"), ({"n": 500}, "n"), ({"seed": -1}, "seed"), ({"difficulty": "medium"}, "difficulty"),
     ({"n": "many"}, "n"), ({"scenarios": "/etc"}, "scenarios")],
)  # fmt: skip
def test_a_bad_new_drill_is_a_422_naming_the_field(client: Any, body: dict, field: str) -> None:
    r = client.post("/api/drills", json=body)
    assert r.status_code == 422
    assert [e["loc"][-1] for e in r.json()["detail"]] == [field]


def test_a_bad_run_number_is_a_4xx_naming_it(client: Any, made: dict[str, Any]) -> None:
    for n in ("0", "x"):
        r = client.get(f"/drills/{made['id']}?run={n}")
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "run"]
    r = client.get(f"/drills/{made['id']}?run=99")
    assert r.status_code == 422 and "run: drill" in r.text and "not 99" in r.text


def _finished(client: Any, job: dict[str, Any]) -> dict[str, Any]:
    deadline = time.monotonic() + 300
    while job["status"] == "running":
        assert time.monotonic() < deadline, "the drill was never made"
        time.sleep(0.2)
        job = client.get(f"/api/drills/jobs/{job['job']}").json()
    return job


def test_make_a_drill_from_the_api_and_find_it_listed(client: Any) -> None:
    r = client.post("/api/drills", json={"n": 2, "seed": 1})
    assert r.status_code == 202, r.text
    job = _finished(client, r.json())
    assert job["status"] == "done" and job["error"] is None, job
    made = client.get(f"/api/drills/{job['drill']}").json()
    assert made["total"] == 2 and made["graded"] == 0
    listed = {d["id"]: d for d in client.get("/api/drills").json()}
    assert listed[made["id"]]["runs"] == 2 and listed[made["id"]]["difficulty"] == "easy"
    assert set(listed[made["id"]]) == {"id", "created_at", "runs", "seed", "difficulty", "graded"}
    page = client.get("/drills")
    assert page.status_code == 200 and f'href="/drills/{made["id"]}"' in page.text
    assert client.get("/api/drills/jobs/nope").status_code == 404


def test_one_drill_is_made_at_a_time_and_a_stopping_server_stops_it(
    made: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The maker's runs are held at their first progress report until the test lets them go."""
    entered, release = threading.Event(), threading.Event()

    def held(store: Any, paths: Any, *, progress: Any, **kw: Any) -> str:
        entered.set()
        release.wait(60)
        progress("first run")  # raises once the server is closing
        return "never"

    monkeypatch.setattr(drill_jobs, "new_stored_drill", held)
    settings = ServerSettings(db=f"sqlite:///{tmp_path / 'r.sqlite'}", scenarios=made["scenarios"], workers=1)
    app = create_app(settings)
    with TestClient(app, base_url=LOCAL) as c:
        first = c.post("/api/drills", json={"n": 2})
        assert first.status_code == 202 and first.json()["status"] == "running"
        assert entered.wait(60)
        second = c.post("/api/drills", json={"n": 2})
        assert second.status_code == 429 and "being made" in second.json()["detail"]
        maker = app.state.drill_maker
        maker._stop.set()  # what the shutdown does first; then the held run reports progress
        release.set()
    job = maker.get(first.json()["job"])
    assert job["status"] == "error" and "server stopped" in job["error"]
