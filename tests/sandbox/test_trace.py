"""The trace: idempotent appends and bounded texts."""

from __future__ import annotations

import pytest

from sandbox.spi import (
    AssistantMessage,
    DecisionEvent,
    GuardrailBlockEvent,
    HumanDecision,
    MessageEvent,
    ResultObservation,
    RuleViolations,
    ToolCall,
    ToolCallEvent,
    ToolOutcome,
    ToolResultEvent,
    Trace,
    Violation,
    cap,
    cap_text,
)


def test_a_long_text_is_cut_with_a_note_saying_how_long_it_was() -> None:
    assert cap_text("x" * 20_971_520, 10) == "xxxxxxxxxx… [truncated: 20,971,520 characters, 10 kept]"
    assert cap_text("x" * 10, 10) == "x" * 10


def test_every_text_in_an_event_is_capped_and_short_values_are_left_as_they_are() -> None:
    short = {"tool": "book_flight", "args": {"flight_id": "AX100", "passengers": 1}, "ids": ["a", "b"]}
    assert cap(short, 20) is short
    long = {"content": "y" * 50, "calls": [{"args": {"note": "z" * 50, "k" * 20: 1}}], "n": 3, "ok": True}
    capped = cap(long, 10)
    assert capped["content"] == "yyyyyyyyyy… [truncated: 50 characters, 10 kept]"
    assert capped["calls"][0]["args"]["note"].startswith("zzzzzzzzzz… [truncated: 50")
    assert "kkkkkkkkkk… [truncated: 20 characters, 10 kept]" in capped["calls"][0]["args"]
    assert (capped["n"], capped["ok"]) == (3, True) and long["content"] == "y" * 50  # not changed in place


def test_the_trace_caps_what_it_records_and_keys_stay_idempotent() -> None:
    trace = Trace(max_text=100)
    event = trace.add(AssistantMessage(node="agent", content="w" * 1_000), key="m1")
    assert isinstance(event, MessageEvent)
    assert event.data.content.endswith("… [truncated: 1,000 characters, 100 kept]")
    assert trace.add(AssistantMessage(node="agent", content="again"), key="m1") is None
    assert len(trace.events) == 1


def test_the_kind_follows_from_the_data_and_optional_fields_keep_the_stored_shape() -> None:
    trace = Trace()
    ran = ToolOutcome(id="c1", tool="get_budget", ok=True, result=ResultObservation(ok=True, result=None))
    answered = ran.model_copy(update={"id": "c2", "executed": False})
    for data in (ToolCall(id="c1", tool="get_budget", args={}), ran, answered):
        trace.add(data)
    trace.add(HumanDecision(id="c2", tool="book_flight", decision="respond", text="I'll book it myself."))
    call, result, not_run, decision = trace.events
    assert isinstance(call, ToolCallEvent) and isinstance(result, ToolResultEvent)
    assert isinstance(decision, DecisionEvent) and decision.type == "decision"
    assert [e["data"] for e in trace.dump()[1:]] == [
        {"id": "c1", "tool": "get_budget", "ok": True, "result": {"ok": True, "result": None}},
        {
            "id": "c2",
            "tool": "get_budget",
            "ok": True,
            "result": {"ok": True, "result": None},
            "executed": False,
        },
        {"id": "c2", "tool": "book_flight", "decision": "respond", "text": "I'll book it myself."},
    ]
    assert trace.count(ToolResultEvent) == 2 and trace.of_type(DecisionEvent) == [decision]


def test_only_an_events_data_can_be_added() -> None:
    with pytest.raises(TypeError, match="Violation is not the data of any trace event kind"):
        Trace().add(Violation(rule="budget_cap", message="over"))  # type: ignore[arg-type]


def test_long_texts_inside_typed_data_are_capped_and_the_data_stays_typed() -> None:
    trace = Trace(max_text=10)
    event = trace.add(RuleViolations(id="c1", tool="book_hotel", args={"note": "n" * 50}, violations=[]))
    assert isinstance(event, GuardrailBlockEvent) and isinstance(event.data, RuleViolations)
    assert event.data.args["note"] == "nnnnnnnnnn… [truncated: 50 characters, 10 kept]"
