"""Report faithfulness (worlds/travel/judge/faithfulness.py): the corpus of report texts pins every
verdict and every false claim; claims made during the run are checked against the run as it stood
then; the default agent's own reports on the shipped library are all faithful."""

from __future__ import annotations

import functools
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
