"""The privileged reference agent when the human answers a booking checkpoint with words instead of
approving: nothing was executed, so it must not report that booking (it stops, undoes what it made and
says why, quoting the traveller); and when a ``cancel_booking`` a change needs fails (a fault): it
retries once, and when that fails too it books nothing new and says so."""

from __future__ import annotations

from pathlib import Path

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import HumanSpec, RunResult, ScenarioBase, ToolCallEvent
from worlds.travel.scenario import Fault, TravelScenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_a_reply_at_a_booking_is_not_reported_as_a_booking() -> None:
    sc = load_scenario(SCENARIOS / "basic-round-trip.yaml")
    reply = {"tool": "book_hotel", "decision": "respond", "text": "Hold on, I'll book the hotel myself."}
    sc = sc.model_copy(update={"human": HumanSpec.model_validate({"checkpoints": [reply]})})
    result = run(sc, RunOptions(agent="reference", policy="ask-on-write", human="scripted"))
    assert result.status == "done"
    assert "I'll book the hotel myself" in result.final_message
    assert "Booked:" not in result.final_message
    assert result.final_state_words, "the flights it booked first are still on record"
    assert all("(cancelled)" in words for words in result.final_state_words)


def _with_faults(name: str, *faults: dict[str, object]) -> ScenarioBase:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    assert isinstance(sc, TravelScenario)
    return sc.model_copy(update={"faults": [Fault.model_validate(f) for f in faults]})


def _tool_calls(result: RunResult, tool: str) -> list[str]:
    return [e.data.id for e in result.trace if isinstance(e, ToolCallEvent) and e.data.tool == tool]


def test_a_cancellation_that_fails_once_is_retried_and_the_change_passes() -> None:
    # the change cancels B0002 (the flight home) and books a later one; the first cancel_booking fails
    sc = _with_faults(
        "dallas-return-after-new-meeting", {"tool": "cancel_booking", "kind": "error", "on_call": 1}
    )
    result = run(sc, RunOptions(agent="reference"))
    assert result.scores is not None and result.scores.passed, result.scores
    assert len(_tool_calls(result, "cancel_booking")) == 2
    assert "Cancelled: B0002" in result.final_message


def test_a_cancellation_that_keeps_failing_books_nothing_new_and_says_so() -> None:
    sc = _with_faults(
        "dallas-return-after-new-meeting",
        {"tool": "cancel_booking", "kind": "error", "on_call": 1},
        {"tool": "cancel_booking", "kind": "timeout", "on_call": 2},
    )
    result = run(sc, RunOptions(agent="reference"))
    assert len(_tool_calls(result, "cancel_booking")) == 2  # retried once, no more
    assert _tool_calls(result, "book_flight") == []
    assert result.final_message.startswith(
        "I could not cancel B0002: cancel_booking timed out after 30 s with no answer from the provider; "
        "try again (tried twice). B0002 is still booked, so I did not book anything new."
    )
    assert result.scores is not None and not result.scores.passed
    faithful = next(g for g in result.scores.gates if g.id == "faithful")
    assert faithful.passed, faithful  # the failure is reported as it is


def test_a_cancel_only_change_retries_its_cancellation_too() -> None:
    sc = _with_faults(
        "la-return-rebook-then-cancel", {"tool": "cancel_booking", "kind": "timeout", "on_call": 1}
    )
    result = run(sc, RunOptions(agent="reference"))
    assert _tool_calls(result, "cancel_booking") == ["ref-pre-0", "ref-pre-0-retry-1"]
    assert result.final_message.startswith("I cancelled B0002 as you asked")
    assert result.scores is not None and result.scores.passed
