"""The ``noisy`` model: seeded, LLM-like mistakes in a wrapped model's replies."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from agents.models.noisy import (
    CLAIM,
    NoisyChatModel,
    error_rate,
    fired_quirks,
    garble,
    make,
    mistakes,
    quirk_rate,
)
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import ModelSpec

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FLIGHTS = [
    {"flight_id": "AX138-2027-01-15", "available": True, "total_price": 95.0},
    {"flight_id": "BQ128-2027-01-15", "available": True, "total_price": 97.0},
    {"flight_id": "NP139-2027-01-15", "available": False, "total_price": 112.0},
    {"flight_id": "ZZ100-2027-01-15", "available": True, "total_price": 410.0},
]
SEARCH = {"origin": "LHR", "destination": "CDG", "date": "2027-01-15"}
BOOK = {"flight_id": "AX138-2027-01-15", "passengers": 1}


def observed(name: str, call_id: str, body: dict[str, Any]) -> ToolMessage:
    return ToolMessage(json.dumps(body), tool_call_id=call_id, name=name)


def calls(*specs: tuple[str, dict[str, Any]]) -> AIMessage:
    return AIMessage(
        content="",
        tool_calls=[
            {"name": n, "args": a, "id": f"c{i}", "type": "tool_call"} for i, (n, a) in enumerate(specs)
        ],
    )


HISTORY = [
    HumanMessage("Fly me to Paris on 15 January 2027."),
    calls(("search_flights", SEARCH)),
    observed("search_flights", "c0", {"ok": True, "result": {"flights": FLIGHTS}}),
]


def test_error_rate_grows_with_temperature_and_is_capped():
    assert [error_rate(t) for t in (0.0, 0.2, 1.0, 1.8, 5.0)] == [0.0, 0.1, 0.5, 0.9, 0.9]


def test_garbled_ids_look_plausible():
    assert garble("AX138-2027-01-15") == "AX831-2027-01-15"
    assert garble("H-LHR-03") == "H-LHR-30"
    assert garble("B0001") == "B1000"
    assert garble("AX101-2027-01-15") == "AX102-2027-01-15"  # a palindrome still changes
    assert garble("none") == "noneX"


def apply(kind: str, history: list[Any], reply: AIMessage, seed: int = 0) -> tuple[AIMessage, str]:
    fits = mistakes(history, reply)
    assert kind in fits, sorted(fits)
    return fits[kind](random.Random(seed))


def test_a_wrong_date_is_one_day_off():
    for seed in range(6):
        changed, detail = apply("wrong_date", HISTORY[:1], calls(("search_flights", SEARCH)), seed)
        assert changed.tool_calls[0]["args"]["date"] in ("2027-01-14", "2027-01-16")
        assert detail.startswith("search_flights.date: 2027-01-15 -> ")


def test_booking_mistakes_choose_from_the_same_search():
    reply = calls(("book_flight", BOOK))
    assert set(mistakes(HISTORY, reply)) == {"hallucinated_id", "ignored_preference", "overspend"}
    changed, _ = apply("hallucinated_id", HISTORY, reply)
    assert changed.tool_calls[0]["args"] == {**BOOK, "flight_id": "AX831-2027-01-15"}
    for seed in range(6):
        changed, _ = apply("ignored_preference", HISTORY, reply, seed)
        assert changed.tool_calls[0]["args"]["flight_id"] in {"BQ128-2027-01-15", "ZZ100-2027-01-15"}
    changed, detail = apply("overspend", HISTORY, reply)
    assert changed.tool_calls[0]["args"]["flight_id"] == "ZZ100-2027-01-15"
    assert detail == "booked the dearest option: AX138-2027-01-15 -> ZZ100-2027-01-15"


def test_a_final_message_after_a_failure_claims_success():
    failed = [
        *HISTORY,
        calls(("book_flight", BOOK)),
        observed("book_flight", "c0", {"ok": False, "error": {}}),
    ]
    honest = AIMessage(content="I could not book the flight: it sold out.")
    changed, detail = apply("false_success", failed, honest)
    assert changed.content.startswith(CLAIM) and detail == "claimed success after a failure"
    booked = {
        "ok": True,
        "result": {"booking_id": "B0001", "flight_id": "AX138-2027-01-15", "total_price": 95.0},
    }
    fine = [*HISTORY, calls(("book_flight", BOOK)), observed("book_flight", "c0", booked)]
    assert "false_success" not in mistakes(fine, AIMessage(content="Booked B0001."))


def test_a_phase_end_after_a_failure_claims_success_and_signals_done():
    """A reply that only calls the planner's ``finish_phase`` is a phase's end: the false claim replaces
    its text and its outcome becomes ``done`` (as an LLM that claims success would signal); a reply that
    also does something else is not a claim."""
    failed = [
        *HISTORY,
        calls(("book_flight", BOOK)),
        observed("book_flight", "c0", {"ok": False, "error": {}}),
    ]
    replan = {"outcome": "replan", "reason": "REPLAN: it sold out."}
    end = AIMessage(content="REPLAN: it sold out.", tool_calls=calls(("finish_phase", replan)).tool_calls)
    changed, _ = apply("false_success", failed, end)
    (call,) = changed.tool_calls
    assert changed.content.startswith(CLAIM) and call["name"] == "finish_phase" and call["id"] == "c0"
    assert call["args"] == {"outcome": "done", "reason": changed.content}
    busy = calls(("list_bookings", {}), ("finish_phase", replan))
    assert "false_success" not in mistakes(failed, busy)


def test_skipping_verification_drops_list_bookings_and_reports_from_memory():
    booked = {
        "ok": True,
        "result": {"booking_id": "B0001", "flight_id": "AX138-2027-01-15", "total_price": 95.0},
    }
    history = [*HISTORY, calls(("book_flight", BOOK)), observed("book_flight", "c0", booked)]
    changed, _ = apply("skipped_verification", history, calls(("list_bookings", {})))
    assert changed.tool_calls == []
    assert changed.content == "Booked: B0001 (AX138-2027-01-15). Total charged: $95.00."
    both = calls(("list_bookings", {}), ("get_budget", {}))
    changed, _ = apply("skipped_verification", history, both)
    assert [c["name"] for c in changed.tool_calls] == ["get_budget"]


class Echo(NoisyChatModel):
    """A noisy model around a fixed reply (no inner model)."""

    def call_inner(self, messages: Any, stop: Any, **kwargs: Any) -> AIMessage:
        return calls(("search_flights", SEARCH))


def test_injected_mistakes_are_recorded_on_the_reply_and_reproduce():
    def replies(trial: int) -> list[AIMessage]:
        model = Echo(inner=None, scenario_id="one-way", trial=trial, rate=0.9)
        return [model.invoke([HumanMessage("go")]) for _ in range(8)]

    first, again, other = replies(0), replies(0), replies(1)
    assert [m.tool_calls for m in first] == [m.tool_calls for m in again]
    assert [m.tool_calls for m in first] != [m.tool_calls for m in other]
    marked = [
        m.response_metadata["injected_mistakes"] for m in first if "injected_mistakes" in m.response_metadata
    ]
    assert marked and all(m[0]["kind"] in ("wrong_date",) for m in marked)
    clean = Echo(inner=None, scenario_id="one-way", rate=0.0).invoke([HumanMessage("go")])
    assert "injected_mistakes" not in clean.response_metadata and clean.tool_calls[0]["args"] == SEARCH


def test_noisy_wraps_the_named_model(tmp_path):
    path = tmp_path / "conversation.json"
    path.write_text(json.dumps([{"content": "hello"}]))
    model = make(
        ModelSpec(
            name=f"noisy:replay:{path}", arg=f"replay:{path}", scenario_id="s", trial=2, temperature=1.0
        )
    )
    assert (model.rate, model.trial, type(model.inner).__name__) == (0.5, 2, "ReplayChatModel")


def noisy_runs(tmp_path: Path, trials: range, temperature: float) -> list[Any]:
    book = {"flight_id": "AX138-2027-01-15", "passengers": 1, "cabin": "economy"}
    conversation = [
        {"content": "", "tool_calls": [{"name": "search_flights", "args": SEARCH, "id": "c1"}]},
        {"content": "", "tool_calls": [{"name": "book_flight", "args": book, "id": "c2"}]},
        {"content": "", "tool_calls": [{"name": "list_bookings", "args": {}, "id": "c3"}]},
        {"content": "Booked: B0001 (AX138-2027-01-15). Total charged: $95.00."},
    ]
    path = tmp_path / "conversation.json"
    path.write_text(json.dumps(conversation))
    scenario = load_scenario(SCENARIOS / "one-way.yaml")
    opts = RunOptions(agent="react", model=f"noisy:replay:{path}", temperature=temperature)
    return [run(scenario, RunOptions(**{**opts.__dict__, "trial": t})) for t in trials]


def test_the_same_trial_reproduces_and_trials_differ(tmp_path):
    runs = noisy_runs(tmp_path, range(6), 1.8)
    again = noisy_runs(tmp_path, range(6), 1.8)
    assert [r.state_hash for r in runs] == [r.state_hash for r in again]
    assert [r.final_message for r in runs] == [r.final_message for r in again]
    assert len({r.state_hash for r in runs}) > 1
    assert all(r.status == "done" for r in runs)
    calm = noisy_runs(tmp_path, range(3), 0.0)
    assert all(r.scores is not None and r.scores.passed for r in calm)


def test_the_scripted_quirks_hook_is_switched_on_and_recorded():
    pytest.importorskip("agents.models.scripted", reason="agents.models.scripted has not landed yet")
    scenario = load_scenario(SCENARIOS / "tight-budget.yaml")
    spec = {"scenario_id": scenario.id, "seed": scenario.world.seed}
    calm = make(ModelSpec(name="noisy", temperature=0.0, **spec))
    assert not calm.inner.quirks.active
    hot = [make(ModelSpec(name="noisy", temperature=1.0, trial=t, **spec)) for t in range(8)]
    assert len({m.inner.quirks.seed for m in hot}) == 8
    assert all(m.inner.quirks.drop_preference == pytest.approx(quirk_rate(1.0, 9)) for m in hot)
    assert quirk_rate(1.0, 6) == pytest.approx(1 - 0.5 ** (1 / 6))
    fired = {t: fired_quirks(m.inner, [HumanMessage(scenario.request)]) for t, m in enumerate(hot)}
    assert any(fired.values()) and not all(fired.values())
    t = next(t for t, kinds in fired.items() if kinds)
    first = hot[t].invoke([HumanMessage(scenario.request)])
    assert first.response_metadata["model_quirks"] == fired[t]


def test_pass_hat_k_drops_below_pass_at_1_with_the_scripted_model():
    pytest.importorskip("agents.models.scripted", reason="agents.models.scripted has not landed yet")
    for sid in ("one-way", "tight-budget"):
        scenario = load_scenario(SCENARIOS / f"{sid}.yaml")
        passed = [
            bool(r.scores and r.scores.passed)
            for r in (
                run(scenario, RunOptions(agent="react", model="noisy", temperature=1.0, trial=t))
                for t in range(8)
            )
        ]
        assert any(passed) and not all(passed), sid  # pass^1 > 0 but pass^8 = 0
