"""The tool gateway on the travel world: what the travel world adds to the generic path of
tests/sandbox/test_gateway.py (run on the to-do world) — bookings, the ledger and seats under resume,
its domain rules, costs and budgets on checkpoint cards, its proposal (a ``flight`` item is
``book_flight``'s ``flight_id``) and the traveller's answers.

Flights and hotels are those of ``scenarios/basic-round-trip.yaml`` (budget $3,500, party of one):
AX100 ($402, 06:25) and MV100 ($497, 12:05) SFO->JFK on 20 January; H-JFK-04 in New York.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import HumanMessage
from langgraph.types import Command

from sandbox.control import Gateway, Limits, ScriptedHuman, load_policy, tool_specs
from sandbox.scenarios import load_scenario
from sandbox.spi import (
    CheckpointEvent,
    DecisionEvent,
    GuardrailBlockEvent,
    PolicySpec,
    ScenarioBase,
    ToolCallEvent,
    ToolResultEvent,
    Trace,
    worlds,
)
from tests.sandbox._gateway_support import agent_graph, drive, observations, per_call, stored

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
WORLD = worlds.get("travel")

AX100 = "AX100-2027-01-20"
MV100 = "MV100-2027-01-20"
SEARCH_OUT: dict[str, Any] = {"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}
BOOK_AX100: dict[str, Any] = {"flight_id": AX100, "passengers": 1}
HOTEL: dict[str, Any] = {"hotel_id": "H-JFK-04", "check_in": "2027-01-20", "check_out": "2027-01-24"}
AX100_ACTION = (
    "Book flight AX100 SFO->JFK, departs Wed 20 Jan 2027 06:25 (non-stop) "
    "for 1 passenger(s) in economy for $402.00"
)

PROPOSAL: dict[str, Any] = {
    "items": [{"kind": "flight", "id": AX100, "price": 402.0}],
    "total": 402.0,
    "rationale": "cheapest morning non-stop",
    "confidence": 0.8,
    "alternatives": [
        {"items": [{"kind": "flight", "id": MV100}], "total": 497.0, "note": "leaves at noon"},
        {"items": [{"kind": "flight", "id": "UA100-2027-01-20"}], "total": 610.0, "note": "one stop"},
    ],
}

Decide = Callable[[dict[str, Any]], dict[str, Any]]


@functools.cache
def scenario(name: str = "basic-round-trip") -> ScenarioBase:
    return load_scenario(SCENARIOS / f"{name}.yaml")


def make_gateway(
    policy: str | PolicySpec = "never-ask", name: str = "basic-round-trip", limits: Limits | None = None
) -> tuple[Gateway, Any, Trace]:
    sc = scenario(name)
    env = WORLD.new_env(sc)
    trace = Trace()
    gw = Gateway(
        env, tool_specs(WORLD), WORLD.hooks(env), load_policy(policy), trace, limits, user=WORLD.user_noun
    )
    return gw, env, trace


def world_changes(env: Any) -> tuple[Any, ...]:
    """Everything a WRITE changes (not the call record)."""
    s = env.state
    return (s.model_dump(include={"bookings", "seats_taken", "rooms_taken", "ledger", "calendar"}),)


SEARCH_THEN_BOOK: list[tuple[str, dict[str, Any], str]] = [
    ("search_flights", SEARCH_OUT, "c-search"),
    ("book_flight", BOOK_AX100, "c-book"),
]


def _first_invoke(order: list[tuple[str, dict[str, Any], str]]) -> tuple[Any, Any, Gateway, Any, Trace]:
    gw, env, trace = make_gateway("ask-on-write")
    app = agent_graph(gw, order)
    config = {"configurable": {"thread_id": "run-1"}}
    out = app.invoke({"messages": [HumanMessage("Book me a flight to New York")]}, config)
    return app, out, gw, env, trace


@pytest.mark.parametrize(
    "order", [SEARCH_THEN_BOOK, SEARCH_THEN_BOOK[::-1]], ids=["search-first", "book-first"]
)
def test_resume_books_once_with_one_charge_and_one_seat(
    order: list[tuple[str, dict[str, Any], str]],
) -> None:
    app, out, gw, env, trace = _first_invoke(order)
    (stop,) = out["__interrupt__"]
    assert (stop.value["call_id"], stop.value["tool"], stop.value["kind"]) == (
        "c-book",
        "book_flight",
        "tool",
    )
    assert env.state.bookings == {} and env.state.ledger == []
    # the sibling search may or may not have run yet (ToolNode runs calls on threads); the booking has not
    assert [r.call_id for r in env.state.tool_calls] in ([], ["c-search"])
    assert (trace.count(CheckpointEvent), trace.count(DecisionEvent)) == (1, 0)

    config = {"configurable": {"thread_id": "run-1"}}
    out = app.invoke(Command(resume={stop.id: {"decision": "approve"}}), config)

    assert "__interrupt__" not in out and out["messages"][-1].content == "done"
    s = env.state
    assert [(b.id, b.item_id, b.status, b.call_id) for b in s.bookings.values()] == [
        ("B0001", AX100, "confirmed", "c-book")
    ]
    assert [(e.kind, e.amount_cents, e.booking_id) for e in s.ledger] == [("charge", 40200, "B0001")]
    assert s.seats_taken == {f"{AX100}/economy": 1}
    assert sorted((r.call_id, r.tool) for r in s.tool_calls) == [
        ("c-book", "book_flight"),
        ("c-search", "search_flights"),
    ]
    assert s.call_counts == {"search_flights": 1, "book_flight": 1}
    assert per_call(trace, ToolCallEvent) == {"c-search": 1, "c-book": 1}
    assert per_call(trace, ToolResultEvent) == {"c-search": 1, "c-book": 1}
    assert per_call(trace, CheckpointEvent) == {"c-book": 1}
    assert per_call(trace, DecisionEvent) == {"c-book": 1}
    assert gw.interrupts == 1
    obs = observations(out["messages"])
    assert obs["c-book"]["ok"] is True and obs["c-book"]["result"]["booking_id"] == "B0001"
    assert obs["c-search"]["result"]["count"] == 2

    # a further replay of either call returns the recorded result and changes nothing
    before = env.state_hash()
    assert gw.call("book_flight", BOOK_AX100, "c-book").data["booking_id"] == "B0001"
    assert gw.call("search_flights", SEARCH_OUT, "c-search").ok
    assert env.state_hash() == before and len(trace.events) == 6


def test_edit_of_the_passenger_count_is_booked_for_that_many() -> None:
    gw, env, trace = make_gateway("ask-on-write", "two-travellers")
    flight = WORLD.reference_plan(scenario("two-travellers"))["options"][0]["calls"][0]["args"]["flight_id"]
    results, _ = drive(
        gw,
        [("book_flight", {"flight_id": flight, "passengers": 1}, "b1")],
        lambda p: {"decision": "edit", "args": {"passengers": 2}},
    )
    assert results[0].ok and results[0].data["passengers"] == 2
    assert env.state.seats_taken == {f"{flight}/economy": 2}


def test_guardrail_blocks_a_duplicate_booking_and_the_world_is_unchanged() -> None:
    gw, env, trace = make_gateway()
    assert gw.call("book_flight", BOOK_AX100, "b1").ok
    before = world_changes(env)
    result = gw.call("book_flight", BOOK_AX100, "b2")
    assert result.error is not None
    assert (result.error.code, result.error.message) == (
        "blocked",
        f"guardrail blocked book_flight: no_duplicate: flight {AX100} is already booked or held as B0001",
    )
    assert world_changes(env) == before and env.state.call_counts == {"book_flight": 1}
    (block,) = stored(trace, GuardrailBlockEvent)
    assert block == {
        "id": "b2",
        "tool": "book_flight",
        "args": BOOK_AX100,
        "violations": [
            {"rule": "no_duplicate", "message": f"flight {AX100} is already booked or held as B0001"}
        ],
    }
    assert gw.blocks == 1 and trace.of_type(ToolResultEvent)[-1].data.ok is False
    assert gw.call("book_flight", BOOK_AX100, "b2") == result  # a replay is the recorded block


def test_guardrail_blocks_a_booking_over_budget_naming_every_rule_it_breaks() -> None:
    gw, env, trace = make_gateway()
    result = gw.call("book_flight", {"flight_id": AX100, "passengers": 9}, "b1")
    assert result.error is not None and result.error.code == "blocked"
    rules = [v["rule"] for v in stored(trace, GuardrailBlockEvent)[0]["violations"]]
    assert rules == ["budget_cap", "passenger_count"]
    assert (
        "book_flight costs $3,618.00 but only $3,500.00 of the $3,500.00 budget is left"
        in result.error.message
    )
    assert env.state.bookings == {} and env.state.ledger == []


def test_a_booking_checkpoint_shows_its_cost_and_the_budget_after_it() -> None:
    gw, env, trace = make_gateway("ask-on-write")
    args = {**BOOK_AX100, "rationale": "the only morning non-stop", "confidence": 0.6}
    results, payloads = drive(gw, [("book_flight", args, "b1")])
    assert results[0].ok and env.state.tool_calls[0].args == BOOK_AX100
    assert payloads == [
        {
            "kind": "tool",
            "call_id": "b1",
            "tool": "book_flight",
            "tool_kind": "WRITE",
            "action": AX100_ACTION,
            "args": BOOK_AX100,
            "amount": 402.0,
            "budget": 3500.0,
            "budget_remaining": 3500.0,
            "budget_after": 3098.0,
            "rationale": "the only morning non-stop",
            "confidence": 0.6,
            "alternatives": [],
            "rule": "#2 * [WRITE] -> ask",
            "reason": "this makes a change, which needs your approval",
            "card": {
                "headline": "Fly SFO→JFK Wed 20 Jan 06:25, nonstop, $402",
                "facts": [
                    "Aurora Air AX100, arrives Wed 20 Jan 15:05 local, 5h 40m",
                    "1 passenger, economy; 1 checked bag included",
                ],
                "terms": ["Non-refundable fare — no refund if cancelled"],
                "irreversible": True,
            },
            "confidence_from": "call",
        }
    ]
    assert stored(trace, CheckpointEvent)[0] == payloads[0]
    assert trace.of_type(ToolCallEvent)[0].data.args == BOOK_AX100


def test_the_itinerary_card_shows_its_items_and_total() -> None:
    gw, _, _ = make_gateway("ask-on-write")
    _, payloads = drive(gw, [("propose_itinerary", PROPOSAL, "p1"), ("book_flight", BOOK_AX100, "b1")])
    assert [p["kind"] for p in payloads] == ["proposal", "tool"]
    assert payloads[0]["action"] == f"Approve this plan: {AX100}, total $402.00"
    assert (payloads[0]["amount"], payloads[0]["budget_after"], payloads[0]["rule"]) == (
        402.0,
        None,
        "#3 * (proposal) -> ask",
    )
    assert payloads[1]["alternatives"] == PROPOSAL["alternatives"]
    assert (payloads[1]["rationale"], payloads[1]["confidence"]) == ("cheapest morning non-stop", 0.8)


def test_picking_an_alternative_flight_at_a_booking_checkpoint_books_that_flight_id() -> None:
    gw, env, _ = make_gateway("ask-on-write")
    decisions: Iterator[dict[str, Any]] = iter(
        [{"decision": "approve"}, {"decision": "edit", "alternative": 0}]
    )
    drive(
        gw,
        [("propose_itinerary", PROPOSAL, "p1"), ("book_flight", BOOK_AX100, "b1")],
        lambda p: next(decisions),
    )
    assert [b.item_id for b in env.state.bookings.values()] == [MV100]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "What is the purpose of this trip?",
            "It's a work trip; I have meetings in Midtown on Thursday and Friday.",
        ),
        ("Do you like window seats?", "No particular wishes about the flights beyond what I said."),
        ("Is there anything else I should know?", "I don't mind; use your judgement."),
    ],
)
def test_ask_user_is_answered_by_the_scripted_human_from_the_traveller_facts(
    question: str, answer: str
) -> None:
    sc = scenario()
    gw, env, trace = make_gateway("never-ask")
    human = ScriptedHuman(sc, lambda q: WORLD.answer(sc, q))
    results, payloads = drive(gw, [("ask_user", {"question": question}, "q1")], human.decide)
    assert results[0].data == {"answer": answer}
    assert (payloads[0]["kind"], payloads[0]["action"]) == (
        "question",
        f"Answer the agent's question: {question}",
    )
    assert stored(trace, DecisionEvent)[0] == {
        "id": "q1",
        "tool": "ask_user",
        "decision": "respond",
        "text": answer,
        "seconds": 0.0,
    }
    assert env.state.bookings == {}
