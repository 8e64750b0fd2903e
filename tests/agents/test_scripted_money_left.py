"""After a refusal over money, the scripted model goes on with the next best option (issue 12).

A refusal that names what is left of the budget ("only $13 left") is no new budget for the whole
trip; an amount it names for a booking above that booking's listed price is what the booking really
charges; a plan that cancels and rebooks, turned down because its new bookings were counted before
its refunds, is carried out cancellations first. The refusals here are worded in the tests' own words,
not any simulated person's fixed sentences.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from _dev_runs import DEV, calls

from agents.models._scripted_belief import Belief, Call
from agents.models._scripted_context import Context
from agents.models._scripted_flow import Proposal
from agents.models._scripted_money_left import (
    amounts,
    answered_by_refunds,
    cancelled_first,
    money_left,
    refunds_first,
)
from agents.models._scripted_quirks import Quirks
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

FLIGHT_OUT = {"kind": "flight", "id": "AA1-2027-02-05", "price": 306.0}
HOTEL = {"kind": "hotel", "id": "H-AMS-06", "price": 1065.0, "details": {"check_in": "2027-02-05"}}
CANCEL = {"kind": "cancellation", "id": "B0002", "price": -317.0}
REBOOK = {"kind": "flight", "id": "BQ120-2027-01-23", "price": 309.0}


def _belief(
    budget: float, spent: float, *plans: tuple[list[dict[str, Any]], str, str]
) -> tuple[Belief, list[Proposal]]:
    b = Belief(calls=[Call("c1", "get_budget", {}, 1, True, {"budget": budget, "spent": spent})])
    props = []
    for k, (items, status, reason) in enumerate(plans):
        total = sum(float(it["price"]) for it in items if it["kind"] != "cancellation")
        args = {"items": items, "total": total}
        c = Call(f"p{k}", "propose_itinerary", args, 2 + k, True, {"status": status, "reason": reason})
        b.calls.append(c)
        props.append(Proposal(c, status, items, reason))
    return b, props


def test_amounts_reads_signs_separators_and_words() -> None:
    assert amounts("it charges $1,384.50, -$203 or $-798.00 left; 90 dollars more") == [
        1384.5,
        -203,
        -798,
        90,
    ]
    assert amounts("the 6:25 flight on 12 November") == []


def test_the_money_left_after_the_flights_is_no_budget_and_the_hotel_dearer_than_listed_is_learnt() -> None:
    reason = "No - the hotel would actually come to $1,384.50 and there's only $1,144 left once the flights are paid."
    b, props = _belief(1450, 0, ([FLIGHT_OUT, HOTEL], "rejected", reason))
    got = money_left(b, props)
    assert got.figures == [1144.0]
    assert got.is_left(1144.0)
    assert got.prices == {"H-AMS-06": 1384.5}


def test_an_amount_that_is_a_listed_price_is_no_price_rise() -> None:
    reason = "Can't do it: the hotel is $1,065 and I have $1,144 left after flying."
    b, props = _belief(1450, 0, ([FLIGHT_OUT, HOTEL], "rejected", reason))
    assert money_left(b, props).prices == {}


def test_a_new_budget_in_a_refusal_stays_a_budget() -> None:
    b, props = _belief(1450, 0, ([FLIGHT_OUT, HOTEL], "rejected", "Please keep the whole trip under $1,000."))
    got = money_left(b, props)
    assert got.figures == [] and not got.is_left(1000.0)


def test_a_rebooking_turned_down_over_money_cancels_first_once() -> None:
    reason = "We can't stretch to that: the new ticket is $309.00 and there's $13 of my travel money left."
    b, props = _belief(1500, 1487, ([CANCEL, REBOOK], "rejected", reason))
    assert refunds_first(b, props, ["B0002"]) == [CANCEL]
    assert refunds_first(b, props, []) is None  # nothing left to cancel
    for words in ("Not that airline, please.", "Cost is fine but not that airline.", "Too expensive."):
        b, other = _belief(1500, 1487, ([CANCEL, REBOOK], "rejected", words))
        assert refunds_first(b, other, ["B0002"]) is None  # no money left named: the plan itself is wrong
    b, dear = _belief(
        1500, 1487, ([CANCEL, REBOOK], "rejected", "$309 is way more than I'd pay for a flight.")
    )
    assert refunds_first(b, dear, ["B0002"]) is None  # the new flight's own price is refused
    b, dear = _belief(
        1500, 1000, ([CANCEL, REBOOK], "rejected", "That's $309, too pricey; I have $500 left.")
    )
    assert refunds_first(b, dear, ["B0002"]) is None  # the money was there: the flight is too dear
    b, both = _belief(1500, 1487, ([CANCEL, REBOOK], "rejected", reason), ([CANCEL], "approved", ""))
    assert refunds_first(b, both, []) is None  # the cancellation is done: now the new bookings
    assert refunds_first(b, both, ["B0002"]) == [CANCEL]  # it was turned down on its own: asked again
    assert cancelled_first(both)
    assert answered_by_refunds(both) == {both[0].call.seq}


def _tight_rebooking(tmp_path: Path, reason: str, *more: dict[str, Any]) -> Path:
    """The developers' later-flight-home change, with a budget that has room for the new flight only
    once the held one is refunded, and a traveller who turns the first plan down over money."""
    sc = yaml.safe_load((DEV / "ag-change-later-flight-home-same-day.yaml").read_text())
    sc["id"] = "test-tight-rebooking"
    sc["traveler"]["budget"] = 1500  # $1,487 held: $13 left until the $317 refund
    sc["human"] = {
        "checkpoints": [
            {"tool": "propose_itinerary", "nth": 1, "decision": "reject", "reason": reason},
            *more,
        ],
        "default": "approve",
    }
    path = tmp_path / "tight.yaml"
    path.write_text(yaml.safe_dump(sc, sort_keys=False))
    return path


@pytest.mark.parametrize(
    "reason",
    [
        "Hmm, I can't stretch to that right now: the new ticket is $309.00 and I've only got $13.00 left.",
        "that's too expensive for me at the moment, there's only 13 dollars left on my card",
    ],
)
def test_a_rebooking_refused_over_money_is_carried_out_cancellation_first(
    tmp_path: Path, reason: str
) -> None:
    result = run(load_scenario(_tight_rebooking(tmp_path, reason)), RunOptions())
    assert result.status == "done", result.error
    plans = [[it["id"] for it in p["items"]] for p in calls(result, "propose_itinerary")]
    assert plans[:2] == [["B0002", "BQ120-2027-01-23"], ["B0002"]]  # then the same flight, money back
    assert len(plans) == 3 and "BQ120-2027-01-23" in plans[2]
    assert [c["booking_id"] for c in calls(result, "cancel_booking")] == ["B0002"]
    assert [c["flight_id"] for c in calls(result, "book_flight")] == ["BQ120-2027-01-23"]
    scores = result.scores
    assert scores is not None and scores.passed, scores and [g.detail for g in scores.gates if not g.passed]


def test_money_left_after_the_flights_is_no_budget_for_the_whole_trip() -> None:
    reason = "Too much, I'm afraid: that hotel would come to $1,384.50 and after the flights I'd have $1,144.00 left."
    request = (
        "Please book me a flight from Paris to Amsterdam on 5 February 2027, back on 7 February, and a hotel"
        " for the two nights. The whole trip must stay under $1,450."
    )
    now = "Today is 2027-01-05."
    b, _ = _belief(1450, 0, ([FLIGHT_OUT, HOTEL], "rejected", reason))
    b.request, b.system = request, now
    ctx = Context(b, Quirks())
    assert ctx.trip.cap == 1370  # "too much": below the plan's $1,371, not $1,144 (what the hotel had left)
    assert ctx.trip.flights_cap is None and ctx.stay_cap is None
    assert ctx.avoid.prices == {"H-AMS-06": 1384.5}
    b, _ = _belief(1450, 0, ([FLIGHT_OUT, HOTEL], "rejected", "Too much: keep the whole trip under $1,200."))
    b.request, b.system = request, now
    assert Context(b, Quirks()).trip.cap == 1200  # a new budget said in a refusal still counts


def test_a_cancellation_turned_down_on_its_own_is_asked_again_before_the_new_bookings(tmp_path: Path) -> None:
    reason = "No, I've only got $13.00 left for this and the new ticket is $309.00."
    doubt = {
        "tool": "cancel_booking",
        "nth": 1,
        "decision": "reject",
        "reason": "Hold on, let me think about that.",
    }
    result = run(load_scenario(_tight_rebooking(tmp_path, reason, doubt)), RunOptions())
    assert result.status == "done", result.error
    plans = [[it["id"] for it in p["items"]] for p in calls(result, "propose_itinerary")]
    assert plans[:3] == [["B0002", "BQ120-2027-01-23"], ["B0002"], ["B0002"]]
    assert [c["booking_id"] for c in calls(result, "cancel_booking")] == ["B0002", "B0002"]
    assert [c["flight_id"] for c in calls(result, "book_flight")] == ["BQ120-2027-01-23"]
