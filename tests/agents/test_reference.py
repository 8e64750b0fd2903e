"""The privileged reference agent when the human answers a booking checkpoint with words instead of
approving: nothing was executed, so it must not report that booking (it stops, undoes what it made and
says why, quoting the traveller)."""

from __future__ import annotations

from pathlib import Path

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import HumanSpec

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
