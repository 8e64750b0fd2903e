"""A checkpoint card that explains itself (issue 13): what the gateway puts in the payload and what the
card shows of it.

- a look-up shows only what applies: no cost, no budget bar, no confidence or rationale carried over
  from the plan the agent proposed before;
- the rule that stopped the call, in words: the rule's ``reason``, or the rule as a sentence;
- the agent's stated confidence, labelled as the agent's and where it was stated; a near tie flagged
  from the totals the card shows;
- a plan proposed after a rejection says what changed (items, total) and why the last was rejected;
- the time the human took, per decision and in all (``HumanDecision.seconds``, ``RunResult.human_seconds``).

The gateway tests run on the to-do world (``worlds/mock``) and the travel world; the card is rendered
by the web app's own template.
"""

from __future__ import annotations

from typing import Any

from sandbox.spi import CheckpointEvent, DecisionEvent, HumanDecision, PolicySpec
from sandbox.web import _card as card_view
from sandbox.web._pages import TEMPLATES
from tests.sandbox import test_gateway as mock
from tests.sandbox._gateway_support import drive, stored
from tests.worlds.travel import test_gateway_travel as travel


def render(payload: dict[str, Any], guard: str = "confirm") -> str:
    view = card_view.checkpoint_view({"id": "cp1", "payload": payload}, guard)
    return TEMPLATES.get_template("_checkpoints.html.j2").render(run_id="r1", checkpoints=[view])


# -- a look-up shows only what applies ---------------------------------------------------------------


def test_a_look_up_after_a_plan_carries_no_cost_confidence_or_rationale() -> None:
    gw, _, trace = mock.make_gateway("always-ask")
    _, payloads = drive(gw, [("propose_changes", mock.PROPOSAL, "p1"), ("list_items", {}, "r1")])
    plan, look = payloads
    assert (plan["confidence"], plan["confidence_from"]) == (0.8, "plan")
    assert look["tool_kind"] == "READ" and look["card"] == {"headline": "Look at the to-do list"}
    assert (look["confidence"], look["rationale"], look["alternatives"], look["amount"]) == (
        None,
        None,
        [],
        None,
    )
    assert "confidence_from" not in look and "assumptions" not in look

    html = render(look)
    assert "A look-up: changes nothing" in html and "Look at the to-do list" in html
    for absent in (
        "Cost and budget",
        "no cost stated",
        "cost not known",
        "budget-bar",
        'role="meter"',
        "rationale",
    ):
        assert absent not in html


def test_an_old_look_up_payload_with_stale_numbers_still_shows_only_what_applies() -> None:
    stale = {  # as always-ask stored it before: the plan's confidence on a look-up
        "kind": "tool", "call_id": "c9", "tool": "get_budget", "tool_kind": "READ", "action": "get_budget()",
        "args": {}, "budget": 3500.0, "budget_remaining": 3500.0, "rationale": "best plan", "confidence": 0.51,
        "alternatives": [{"items": [], "total": 10.0}], "rule": "#2 * -> ask",
    }  # fmt: skip
    html = render(stale)
    assert "51%" not in html and "best plan" not in html and "Cost and budget" not in html
    assert "Alternatives" not in html and "get_budget()" in html


# -- the rule in words -------------------------------------------------------------------------------


def test_the_card_says_why_it_stopped_in_words_and_keeps_the_syntax_behind_a_click() -> None:
    gw, _, _ = travel.make_gateway("ask-above-300")
    _, [payload] = drive(gw, [("book_flight", travel.BOOK_AX100, "b1")])
    assert payload["reason"] == "this costs more than $300, which needs your approval"
    html = render(payload)
    assert "Why it stopped:</span>\n      this costs more than $300, which needs your approval" in html
    assert "<summary>The policy rule, as written</summary><code>#2 * [WRITE] when amount &gt; 300" in html

    custom = PolicySpec.model_validate(
        {"name": "desk", "rules": [{"kind": "WRITE", "when": "amount > 250", "then": "ask"}]}
    )
    gw, _, _ = travel.make_gateway(custom)
    _, [payload] = drive(gw, [("book_flight", travel.BOOK_AX100, "b1")])
    assert payload["reason"] == "a call that makes a change, when amount > 250, needs your approval"


# -- confidence and the near tie ---------------------------------------------------------------------


def plan_payload(total: float, *alternatives: float, confidence: float = 0.51) -> dict[str, Any]:
    def items(n: int) -> list[dict[str, Any]]:
        return [{"kind": "hotel", "id": f"H{n}"}]

    return {
        "kind": "proposal", "call_id": "p1", "tool": "propose", "tool_kind": "INTERACT", "action": "plan",
        "args": {"items": items(0), "total": total}, "rule": "r", "confidence": confidence,
        "confidence_from": "plan", "rationale": "fits your wishes best",
        "alternatives": [{"items": items(n + 1), "total": t, "note": "fits your wishes less well"} for n, t in enumerate(alternatives)],
    }  # fmt: skip


def test_a_near_tie_is_flagged_from_the_totals_the_card_shows() -> None:
    view = card_view.checkpoint_view({"id": "c", "payload": plan_payload(1000.0, 1020.0, 1100.0, 985.0)})
    assert [(o["title"], o["near_tie"]) for o in view["options"][1:]] == [
        ("Alternative 1", True),  # +2.0%
        ("Alternative 2", False),  # +10%
        ("Alternative 3", True),  # -1.5%
    ]
    html = render(plan_payload(1000.0, 1020.0, 1100.0, 985.0))
    assert "<b>Near tie.</b>" in html
    assert "Alternative 1 costs $20.00 more (2.0%); Alternative 3 costs $15.00 less (1.5%)." in html
    assert "the agent&#39;s note: fits your wishes less well" in html  # the agent's words, as its own
    assert "Confidence stated by the agent in its plan: the agent's own figure" in html
    assert "<b>51%</b>" in html and "moderate" not in html

    # a small total: $10 is the least margin; nothing close, no warning
    assert [o["near_tie"] for o in card_view.options_view(plan_payload(100.0, 108.0, 111.0))[1:]] == [
        True,
        False,
    ]
    assert "Near tie" not in render(plan_payload(1000.0, 1200.0))


# -- the change since a rejected plan ----------------------------------------------------------------


def reject_the_first_plan(payload: dict[str, Any]) -> dict[str, Any]:
    if payload["kind"] == "proposal" and payload["call_id"] == "p1":
        return {"decision": "reject", "reason": "too expensive"}
    return {"decision": "approve"}


def test_a_plan_after_a_rejection_says_what_changed() -> None:
    dearer = {
        **travel.PROPOSAL,
        "items": [{"kind": "flight", "id": travel.MV100, "price": 497.0}],
        "total": 497.0,
        "assumptions": ["one traveller", "economy is fine"],
    }
    gw, _, trace = travel.make_gateway("ask-on-write")
    calls = [("propose_itinerary", travel.PROPOSAL, "p1"), ("propose_itinerary", dearer, "p2")]
    _, (first, second) = drive(gw, calls, reject_the_first_plan)
    assert "previous" not in first
    assert second["previous"] == {
        "reason": "too expensive",
        "added": [f"flight {travel.MV100}"],
        "removed": [f"flight {travel.AX100}"],
        "total_before": 402.0,
        "total_after": 497.0,
    }
    assert second["assumptions"] == ["one traveller", "economy is fine"]
    assert stored(trace, CheckpointEvent)[1] == second  # traced as shown
    html = render(second)
    assert "Changed since you rejected the last plan" in html and "Your reason: “too expensive”" in html
    assert "Total $402.00 → <b>$497.00</b>" in html and "(+$95.00)" in html
    assert "dearer than the plan you rejected" in html
    assert f'New: <span class="mono">flight {travel.MV100}</span>' in html
    assert "It assumed" in html and "<li>economy is fine</li>" in html

    # approved, or edited, rather than rejected: nothing to compare with
    gw, _, _ = travel.make_gateway("ask-on-write")
    _, (_, again) = drive(gw, calls)
    assert "previous" not in again


# -- the time a human took ---------------------------------------------------------------------------


def test_the_decision_event_records_the_seconds_the_harness_measured() -> None:
    def timed(payload: dict[str, Any]) -> dict[str, Any]:
        return {"decision": "approve", "seconds": 12.5 if payload["call_id"] == "a1" else -3}

    gw, _, trace = mock.make_gateway("ask-on-write")
    drive(gw, [("add_item", mock.MILK, "a1"), ("add_item", {"text": "buy eggs"}, "a2")], timed)
    said = [e.data for e in trace.of_type(DecisionEvent) if isinstance(e.data, HumanDecision)]
    assert [(d.decision, d.seconds) for d in said] == [("approve", 12.5), ("approve", None)]  # -3 is no time
