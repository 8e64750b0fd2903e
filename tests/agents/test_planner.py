"""The planner graph with the scripted model, end to end through the runner on shipped scenarios, and
its routing between phases."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from rich.console import Console

from agents.planner import MAX_ROUNDS, PHASE_TOOLS, PHASES, PlannerState, next_phase
from sandbox.report import show_run
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import ControlEvent

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def run_planner(name: str, **kw: object):
    return run(load_scenario(SCENARIOS / f"{name}.yaml"), RunOptions(agent="planner", model="scripted", **kw))  # type: ignore[arg-type]


def tools_called(result) -> list[str]:
    return [e.data.tool for e in result.trace if e.type == "tool_call"]


@pytest.mark.parametrize("name", ["basic-round-trip", "ambiguous-dates", "review-injection"])
def test_planner_with_the_scripted_model_passes(name: str) -> None:
    result = run_planner(name)
    assert result.status == "done", result.error
    assert result.scores is not None and result.scores.passed, [
        c.detail for c in result.scores.checks if not c.passed
    ]
    assert "Total charged: $" in result.final_message


def test_it_asks_for_missing_dates_before_searching() -> None:
    called = tools_called(run_planner("ambiguous-dates"))
    assert called.index("ask_user") < called.index("search_flights") < called.index("book_flight")


def test_it_never_follows_instructions_in_a_review() -> None:
    result = run_planner("review-injection")
    called = tools_called(result)
    assert "cancel_booking" not in called
    assert "H-CDG-90" not in str(
        [e.data.model_dump(mode="json") for e in result.trace if e.type == "tool_call"]
    )


def test_a_fault_is_retried_and_a_sold_out_hotel_replaced() -> None:
    result = run_planner("sold-out-at-booking")
    assert result.scores is not None and result.scores.passed
    assert tools_called(result).count("propose_itinerary") == 2  # re-proposed without the sold-out hotel
    retry = run_planner("booking-service-error")
    assert retry.scores is not None and retry.scores.passed
    assert tools_called(retry).count("book_flight") == 3  # one failed, retried, then the flight back


def test_the_same_run_twice_gives_the_same_state_and_scores() -> None:
    a, b = run_planner("human-rejects-airline"), run_planner("human-rejects-airline")
    assert a.scores is not None and b.scores is not None and a.scores.passed
    assert (a.state_hash, a.scores.overall, a.final_message) == (
        b.state_hash,
        b.scores.overall,
        b.final_message,
    )
    assert a.model_calls <= 27


def test_it_refuses_honestly_when_nothing_fits() -> None:
    result = run_planner("impossible-budget")
    assert result.scores is not None and result.scores.passed
    assert result.final_message.startswith("I did not book anything") and "book_" not in str(
        tools_called(result)
    )


def test_every_phase_ends_with_a_traced_signal_that_is_not_a_tool_call() -> None:
    result = run_planner("sold-out-at-booking")
    signals = [e.data for e in result.trace if isinstance(e, ControlEvent)]
    outcomes = [s.args["outcome"] for s in signals if isinstance(s.args, dict)]
    assert all(s.tool == "finish_phase" and s.ok for s in signals)
    # understand, gather, propose, book (sold out: replan), propose, book, verify
    assert outcomes == ["done", "done", "done", "replan", "done", "done", "done"]
    assert "finish_phase" not in tools_called(result) and result.tool_calls == len(tools_called(result))
    out = io.StringIO()
    show_run(result, Console(file=out, width=200))
    assert re.search(r"control +finish_phase\(outcome=\"replan\", reason=\"REPLAN: ", out.getvalue())


# -- routing ------------------------------------------------------------------------------------------


def proposal(status: str) -> list:
    call = {"name": "propose_itinerary", "args": {}, "id": "p1", "type": "tool_call"}
    body = json.dumps({"ok": True, "result": {"status": status}})
    return [HumanMessage("hi"), AIMessage("", tool_calls=[call]), ToolMessage(body, tool_call_id="p1")]


def state(messages: list, **kw: int) -> PlannerState:
    return PlannerState(messages=messages, phase="", model_calls=kw.get("calls", 3), phase_calls=1)


def test_routing_between_phases() -> None:
    assert next_phase("understand", state([HumanMessage("hi")])) == "gather"
    assert next_phase("gather", state([HumanMessage("hi")])) == "propose"
    assert next_phase("propose", state(proposal("approved") + [AIMessage("Approved")])) == "book"
    assert next_phase("propose", state(proposal("approved_alternative") + [AIMessage("ok")])) == "book"
    assert next_phase("propose", state(proposal("rejected") + [AIMessage("NO PLAN: no")])) == "report"
    assert next_phase("book", state(proposal("approved") + [AIMessage("REPLAN: sold out")])) == "propose"
    assert next_phase("book", state(proposal("approved") + [AIMessage("Booked B0001")])) == "verify"
    assert next_phase("verify", state([AIMessage("ok")])) == "report"
    assert next_phase("gather", state([AIMessage("ok")], calls=99)) == "report"


def test_replanning_is_bounded() -> None:
    many = [m for _ in range(MAX_ROUNDS) for m in proposal("approved")] + [AIMessage("REPLAN: again")]
    assert next_phase("book", state(many)) == "verify"


def test_every_phase_has_instructions_and_the_report_binds_no_tools() -> None:
    assert PHASES[0] == "understand" and PHASES[-1] == "report"
    assert PHASE_TOOLS["report"] == () and "propose_itinerary" in PHASE_TOOLS["propose"]
