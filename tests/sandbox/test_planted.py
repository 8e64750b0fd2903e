"""Planted mistakes as an answer key: each mistake's fate from the trace, the suite's check recall,
``show --json``'s ``planted`` contract, and a real noisy run end to end."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.report import show_json
from sandbox.scoring import planted_mistakes, planted_summary
from sandbox.spi import Check, RunResult, Scores, parse_events, worlds

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TABLE = {
    "wrong_date": ("leg.date", "stay.dates"),
    "false_success": ("faithfulness",),
    "overspend": ("budget",),
}


def _reply(seq: int, calls: list[dict[str, Any]], mistakes: list[dict[str, str]], quirks=()) -> dict:
    data = {
        "role": "assistant",
        "node": "n",
        "content": "",
        "tool_calls": calls,
        "injected_mistakes": mistakes,
    }
    if quirks:
        data["model_quirks"] = list(quirks)
    return {"seq": seq, "t": 0.0, "type": "message", "data": data}


def _result(seq: int, cid: str, tool: str, ok: bool) -> dict:
    body = (
        {"ok": True, "result": {}} if ok else {"ok": False, "error": {"code": "not_found", "message": "no"}}
    )
    return {
        "seq": seq,
        "t": 0.0,
        "type": "tool_result",
        "data": {"id": cid, "tool": tool, "ok": ok, "result": body},
    }


def _run(events: list[dict], failed: tuple[str, ...] = (), faithfulness: float = 1.0) -> RunResult:
    checks = [Check(id=c, name=c, passed=c not in failed, detail="") for c in ("leg.date", "stay.dates")]
    scores = Scores(
        correctness=1.0 if not failed else 0.5,
        budget=1.0,
        preference=1.0,
        faithfulness=faithfulness,
        overall=0.9,
        passed=not failed,
        checks=checks,
    )
    return RunResult(
        id="r1",
        scenario="s",
        trial=0,
        seed=0,
        agent="planner",
        model="noisy",
        policy="p",
        human="h",
        status="done",
        scores=scores,
        started_at=datetime.now(UTC),
        trace=parse_events(events),
    )


def _call(cid: str, name: str, **args: Any) -> dict:
    return {"id": cid, "name": name, "args": args}


def test_a_wrong_date_that_reached_the_world_is_caught_by_the_failing_date_check():
    events = [
        _reply(
            1,
            [_call("c1", "book_flight", date="2027-01-02")],
            [{"kind": "wrong_date", "detail": "book_flight.date: a -> b"}],
        ),
        _result(2, "c1", "book_flight", True),
    ]
    (m,) = planted_mistakes(_run(events, failed=("leg.date",)), TABLE)
    assert (m.kind, m.fate, m.caught_by, m.calls) == ("wrong_date", "caught", "leg.date", ["c1"])
    (m,) = planted_mistakes(_run(events), TABLE)  # nothing failed: it slipped through
    assert (m.fate, m.caught_by) == ("slipped", None)


def test_stopped_refused_and_message_level_mistakes():
    blocked = [
        _reply(
            1,
            [_call("c1", "book_hotel", check_in="x")],
            [{"kind": "wrong_date", "detail": "book_hotel.check_in: a -> b"}],
        ),
        {
            "seq": 2,
            "t": 0.0,
            "type": "guardrail_block",
            "data": {
                "id": "c1",
                "tool": "book_hotel",
                "args": {},
                "violations": [{"rule": "r", "message": "m"}],
            },
        },
        _result(3, "c1", "book_hotel", False),
    ]
    (m,) = planted_mistakes(_run(blocked, failed=("stay.dates",)), TABLE)
    assert (m.fate, m.stopped_by, m.caught_by) == ("stopped", "guardrail", None)
    rejected = [
        _reply(
            1,
            [_call("c1", "book_hotel")],
            [{"kind": "overspend", "detail": "booked the dearest option: H1 -> H2"}],
        ),
        {
            "seq": 2,
            "t": 0.0,
            "type": "decision",
            "data": {"id": "c1", "tool": "book_hotel", "decision": "reject", "reason": "no"},
        },
        _result(3, "c1", "book_hotel", False),
    ]
    (m,) = planted_mistakes(_run(rejected), TABLE)
    assert (m.fate, m.stopped_by) == ("stopped", "human")
    refused = [
        _reply(
            1, [_call("c1", "book_flight")], [{"kind": "wrong_date", "detail": "book_flight.date: a -> b"}]
        ),
        _result(2, "c1", "book_flight", False),
    ]
    assert planted_mistakes(_run(refused), TABLE)[0].fate == "refused"
    # a claim in a control signal has no tool result: it reached the traveller and faithfulness caught it
    claim = [
        _reply(
            1,
            [_call("c9", "finish_phase", outcome="done")],
            [{"kind": "false_success", "detail": "claimed success"}],
        )
    ]
    (m,) = planted_mistakes(_run(claim, faithfulness=0.8), TABLE)
    assert (m.fate, m.caught_by) == ("caught", "faithfulness")
    (m,) = planted_mistakes(_run([_reply(1, [], [], quirks=["false_success"])]), TABLE)
    assert (m.source, m.fate) == ("quirk", "slipped")


def test_suite_recall_per_check_and_uncaught_kinds():
    caught = _run(
        [
            _reply(
                1,
                [_call("c1", "book_flight")],
                [{"kind": "wrong_date", "detail": "book_flight.date: a -> b"}],
            ),
            _result(2, "c1", "book_flight", True),
        ],
        failed=("leg.date",),
    )
    slipped = _run(
        [
            _reply(
                1,
                [_call("c1", "book_flight")],
                [{"kind": "wrong_date", "detail": "book_flight.date: a -> b"}],
            ),
            _result(2, "c1", "book_flight", True),
            _reply(
                3,
                [_call("c2", "book_hotel")],
                [{"kind": "overspend", "detail": "booked the dearest option: H1 -> H2"}],
            ),
            _result(4, "c2", "book_hotel", True),
        ]
    )
    s = planted_summary([caught, slipped], TABLE)
    assert s is not None
    by = {c["check"]: c for c in s["checks"]}
    assert (by["leg.date"]["caught"], by["leg.date"]["eligible"], by["leg.date"]["recall"]) == (1, 2, 0.5)
    assert by["stay.dates"]["recall"] == 0.0 and by["budget"]["eligible"] == 1
    assert s["uncaught_kinds"] == ["overspend"]
    assert s["by_fate"] == {"caught": 1, "stopped": 0, "refused": 0, "slipped": 2}
    assert planted_summary([_run([])], TABLE) is None


def test_show_json_contract_has_planted_kind_and_caught_by():
    run = _run(
        [
            _reply(
                1,
                [_call("c1", "book_flight")],
                [{"kind": "wrong_date", "detail": "book_flight.date: a -> b"}],
            ),
            _result(2, "c1", "book_flight", True),
        ],
        failed=("leg.date",),
    )
    data = show_json(run)
    assert data["planted"][0]["kind"] == "wrong_date" and data["planted"][0]["caught_by"] == "leg.date"
    assert "trace" not in data
    assert show_json(_run([]))["planted"] == []


def test_the_travel_world_lists_checks_for_every_noisy_kind():
    table = worlds.get("travel").mistake_checks
    for kind in (
        "wrong_date",
        "hallucinated_id",
        "ignored_preference",
        "overspend",
        "false_success",
        "skipped_verification",
    ):
        assert table[kind], kind
    assert "leg.date" in table["wrong_date"] and table["false_success"] == ("faithfulness",)


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), catch_exceptions=False)


def test_show_json_of_a_real_noisy_run(cli, tmp_path):
    out = tmp_path / "r.json"
    res = cli(
        "run",
        str(SCENARIOS / "basic-round-trip.yaml"),
        "--model",
        "noisy",
        "--temperature",
        "1.5",
        "--json",
        str(out),
        "--no-progress",
    )
    assert res.exit_code == 0, res.output
    run_id = json.loads(out.read_text())["runs"][0]["id"]
    res = cli("show", run_id, "--json", "-")
    assert res.exit_code == 0, res.output
    planted = json.loads(res.output)["planted"]
    assert planted, "temperature 1.5 plants mistakes in nearly every reply"
    table = worlds.get("travel").mistake_checks
    for m in planted:
        assert set(m) >= {"kind", "caught_by"}
        assert m["caught_by"] is None or m["caught_by"] in table[m["kind"]]
    shown = cli("show", run_id)
    assert "Planted mistakes (answer key)" in shown.output
