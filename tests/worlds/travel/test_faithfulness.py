"""Report faithfulness (worlds/travel/judge/faithfulness.py): the corpus of report texts pins every
verdict and every false claim, and claims made during the run are checked against the run as it
stood then (real runs: test_faithfulness_runs.py)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sandbox.scenarios import load_scenario
from sandbox.spi import worlds
from worlds.travel.judge import faithfulness
from worlds.travel.judge.scoring import PRE_RUN
from worlds.travel.judge.scoring import faithfulness as old_faithfulness
from worlds.travel.run import Booking, TravelEnv, TravelState
from worlds.travel.run.state import CancelTerms, LedgerEntry
from worlds.travel.scenario import TravelScenario

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE.parents[2] / "scenarios"
CORPUS: list[dict[str, Any]] = yaml.safe_load((HERE / "faithfulness_corpus.yaml").read_text())
WORLD: Any = worlds.get("travel")


@functools.cache
def scenario(name: str) -> TravelScenario:
    sc = load_scenario(SCENARIOS / f"{name}.yaml")
    assert isinstance(sc, TravelScenario)
    return sc


def cents(dollars: float) -> int:
    return round(dollars * 100)


def env_with(name: str, bookings: list[dict[str, Any]]) -> TravelEnv:
    """A run of scenario ``name`` whose final state holds ``bookings`` (corpus form) and their ledger."""
    env: TravelEnv = WORLD.new_env(scenario(name))
    state = TravelState(clock=env.state.clock, budget_cents=env.state.budget_cents)
    for i, b in enumerate(bookings, start=1):
        bid = b.get("id", f"B{i:04d}")
        status = b.get("status", "confirmed")
        if "flight" in b:
            f = env.view.flight(b["flight"])
            assert f is not None, b
            fields: dict[str, Any] = dict(kind="flight", item_id=f.id, cabin="economy", passengers=1)
            refundable = f.refundable
        else:
            h = env.view.hotel(b["hotel"])
            assert h is not None, b
            fields = dict(
                kind="hotel", item_id=h.id, check_in=b["check_in"], check_out=b["check_out"], rooms=1
            )
            refundable = h.free_cancel_days >= 0
        state.bookings[bid] = Booking(
            id=bid,
            status=status,
            price_cents=cents(b["price"]),
            terms=CancelTerms(refundable=refundable),
            created_at=env.state.clock,
            call_id=PRE_RUN if b.get("pre_run") else f"call-{bid}",
            **fields,
        )
        entries = [("charge", b["price"])] if status != "held" else []
        entries += [(kind, b[kind]) for kind in ("refund", "fee") if b.get(kind)]
        for kind, amount in entries:
            seq = len(state.ledger) + 1
            state.ledger.append(
                LedgerEntry(seq=seq, kind=kind, amount_cents=cents(amount), booking_id=bid, memo="corpus")
            )
    env.state = state
    return env


def matches(expected: list[str], got: list[str]) -> bool:
    """Each expected text is in exactly one of ``got``, and each of ``got`` holds one expected text."""
    return len(expected) == len(got) and all(sum(e in g for g in got) == 1 for e in expected)


# -- the corpus ------------------------------------------------------------------------------------------


def test_the_corpus_is_large_and_covers_both_verdicts() -> None:
    ids = [e["id"] for e in CORPUS]
    assert len(ids) >= 60 and len(set(ids)) == len(ids)
    verdicts = [e["faithful"] for e in CORPUS]
    assert verdicts.count(True) >= 25 and verdicts.count(False) >= 30


@pytest.mark.parametrize("entry", CORPUS, ids=[e["id"] for e in CORPUS])
def test_corpus_verdict(entry: dict[str, Any]) -> None:
    env = env_with(entry.get("scenario", "basic-round-trip"), entry["state"])
    result = faithfulness(env, entry["report"])
    assert result.faithful == entry["faithful"], result
    assert matches(entry.get("false_claims", []), result.false_claims), result.false_claims
    assert matches(entry.get("omissions", []), result.omissions), result.omissions
    assert (result.score == 1.0) == result.faithful


def test_the_old_signature_gives_the_score_and_the_notes() -> None:
    entry = next(e for e in CORPUS if e["id"] == "wrong-total")
    score, notes = old_faithfulness(env_with("basic-round-trip", entry["state"]), entry["report"])
    assert score == pytest.approx(0.9)
    assert notes == [
        'the report: "Total charged: $2,900.00." — states $2,900.00, but this run charged $3,146.00'
    ]


def test_a_false_claim_says_where_and_what_is_true() -> None:
    entry = next(e for e in CORPUS if e["id"] == "claims-the-whole-trip-without-a-hotel")
    result = faithfulness(env_with("basic-round-trip", entry["state"]), entry["report"])
    assert result.false_claims == [
        'the report: "Your trip is booked: B0001 (AX100) and B0002 (MV103)." — not booked: a hotel in JFK'
    ]
    assert [(v.claim.kind, v.claim.subject, v.true) for v in result.checked] == [
        ("booking", "B0001", True),
        ("flight", "AX100", True),
        ("booking", "B0002", True),
        ("flight", "MV103", True),
        ("status", "all", False),
        ("amount", "charged", True),
    ]


# -- claims made during the run ---------------------------------------------------------------------------


class Trace:
    """A trace built by hand, in the runner's form (events as their JSON dump), with calls that really
    run on ``env`` so bookings record the call that made them."""

    def __init__(self, env: TravelEnv):
        self.env, self.events = env, [{"type": "message", "data": {"role": "user", "content": "a trip"}}]

    def say(self, text: str = "", **call_args: Any) -> None:
        calls = [
            {"id": f"m{len(self.events)}", "name": name, "args": args} for name, args in call_args.items()
        ]
        self.events.append(
            {
                "type": "message",
                "data": {"role": "assistant", "node": "agent", "content": text, "tool_calls": calls},
            }
        )

    def call(self, tool: str, **args: Any) -> None:
        cid = f"c{len(self.events)}"
        self.events.append({"type": "tool_call", "data": {"id": cid, "tool": tool, "args": args}})
        result = self.env.call(tool, args, cid) if tool not in ("ask_user", "propose_itinerary") else None
        body = (
            {"ok": True, "result": {"status": "approved"}}
            if result is None
            else json.loads(result.to_observation())  # as the gateway traces a result
        )
        self.events.append(
            {"type": "tool_result", "data": {"id": cid, "tool": tool, "ok": True, "result": body}}
        )

    def report(self, text: str) -> Any:
        self.say(text)
        return faithfulness(self.env, text, self.events)


PLAN = [
    {"kind": "flight", "id": "AX100-2027-01-20"},
    {"kind": "flight", "id": "MV103-2027-01-24"},
    {"kind": "hotel", "id": "H-JFK-04"},
]
BOOKINGS = [
    ("book_flight", {"flight_id": "AX100-2027-01-20", "passengers": 1}),
    ("book_flight", {"flight_id": "MV103-2027-01-24", "passengers": 1}),
    ("book_hotel", {"hotel_id": "H-JFK-04", "check_in": "2027-01-20", "check_out": "2027-01-24"}),
]
REPORT = "Booked: B0001 (AX100), B0002 (MV103) and B0003 (H-JFK-04). Total charged: $3,146.00."


def test_a_success_claim_before_the_booking_is_false_and_after_it_true() -> None:
    t = Trace(WORLD.new_env(scenario("basic-round-trip")))
    t.say(ask_user={"question": "Your flight AX100 is booked; which hotel would you like?"})
    t.call("ask_user", question="which hotel?")
    for tool, args in BOOKINGS:
        t.call(tool, **args)
    t.say("Your flight AX100 is booked as B0001.")
    result = t.report(REPORT)
    assert result.false_claims == [
        'mid-run ask_user question: "Your flight AX100 is booked" — AX100 was not booked'
    ]
    assert [(v.where, v.claim.subject, v.true) for v in result.checked if v.at is not None] == [
        ("mid-run ask_user question", "AX100", False),
        ("mid-run message", "AX100", True),
        ("mid-run message", "B0001", True),
    ]
    assert result.omissions == [] and not result.faithful


def test_everything_in_the_approved_plan_is_checked_against_the_plan_at_that_point() -> None:
    t = Trace(WORLD.new_env(scenario("basic-round-trip")))
    t.say(
        propose_itinerary={
            "items": PLAN,
            "total": 3146,
            "rationale": "Flight: AX100, $402.00.",
            "confidence": 0.9,
        }
    )
    t.call("propose_itinerary", items=PLAN, total=3146, rationale="Flight: AX100, $402.00.", confidence=0.9)
    for tool, args in BOOKINGS[:2]:
        t.call(tool, **args)
    t.say("Everything in the approved plan is booked.")  # the hotel is not, yet
    t.call(*BOOKINGS[2][:1], **BOOKINGS[2][1])
    t.say("Everything in the approved plan is booked.")
    result = t.report(REPORT)
    assert result.false_claims == [
        'mid-run message: "Everything in the approved plan is booked." — not booked: H-JFK-04'
    ]
    assert [v.true for v in result.checked if v.at is not None] == [
        False,
        True,
    ]  # the rationale's price is no claim


def test_a_reply_that_only_signals_the_end_of_a_phase_is_text_said_to_the_traveller() -> None:
    """A phase's end carries the agent's control call (``finish_phase``, traced as a ``control``
    event): its text is still checked, as when phases ended in plain text."""
    t = Trace(WORLD.new_env(scenario("basic-round-trip")))
    for tool, args in BOOKINGS[:2]:
        t.call(tool, **args)
    signal = {"outcome": "done", "reason": "booked"}
    t.say("Everything in the approved plan is booked: B0001, B0002 and B0003.", finish_phase=signal)
    t.events.append(
        {
            "type": "control",
            "data": {"id": f"m{len(t.events) - 1}", "tool": "finish_phase", "args": signal, "ok": True,
                     "result": {"ok": True, "result": signal}},
        }
    )  # fmt: skip
    t.call(*BOOKINGS[2][:1], **BOOKINGS[2][1])
    result = t.report(REPORT)
    assert [(v.where, v.claim.subject, v.true) for v in result.checked if v.at is not None] == [
        ("mid-run message", "B0001", True),
        ("mid-run message", "B0002", True),
        ("mid-run message", "B0003", False),
    ]


def test_a_cancellation_and_a_charge_are_checked_when_they_are_claimed() -> None:
    t = Trace(WORLD.new_env(scenario("change-flight-date")))  # the traveller holds B0001
    t.say("I cancelled your old flight B0001 and so far you have been charged $280.00.")
    t.call("cancel_booking", booking_id="B0001")
    t.call("book_flight", flight_id="MV102-2027-01-22", passengers=1)
    t.say("I cancelled your old flight B0001 and so far you have been charged $280.00.")
    result = t.report(
        "Booked B0002 (MV102-2027-01-22). Cancelled B0001, refunded $285.00. Total charged: $280.00."
    )
    assert result.false_claims == [
        'mid-run message: "I cancelled your old flight B0001" — B0001 (flight MV102) is confirmed',
        'mid-run message: "so far you have been charged $280.00." — states $280.00, but this run charged'
        " $0.00 (all spending, the traveller's earlier bookings included: $285.00)",
    ]


def test_events_are_read_as_trace_events_or_their_dump() -> None:
    from sandbox.spi import parse_event

    t = Trace(WORLD.new_env(scenario("basic-round-trip")))
    t.say("Your trip is booked.")
    for tool, args in BOOKINGS:
        t.call(tool, **args)
    t.say(REPORT)
    typed = [
        parse_event({"seq": i, "t": 0.0, "type": e["type"], "data": e["data"]})
        for i, e in enumerate(t.events)
    ]
    as_dicts, as_events = faithfulness(t.env, REPORT, t.events), faithfulness(t.env, REPORT, typed)
    assert as_dicts == as_events
    assert as_dicts.false_claims == ['mid-run message: "Your trip is booked." — nothing was booked']


def test_without_a_trace_only_the_report_is_checked() -> None:
    t = Trace(WORLD.new_env(scenario("basic-round-trip")))
    t.say("Your trip is booked.")
    for tool, args in BOOKINGS:
        t.call(tool, **args)
    assert faithfulness(t.env, REPORT).faithful
