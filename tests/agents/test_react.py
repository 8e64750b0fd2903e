"""The ``react`` agent: a plain tool-calling loop over gateway-wrapped tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, SystemMessage

from agents.models._wrapping import WrappingChatModel
from agents.react import build
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import AgentContext, models

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SEARCH = {"origin": "LHR", "destination": "CDG", "date": "2027-01-15"}
BOOK = {"flight_id": "AX138-2027-01-15", "passengers": 1, "cabin": "economy"}
REPORT = "Booked: B0001 (AX138-2027-01-15). Total charged: $95.00."


def tool_call(name: str, args: Any, call_id: str) -> dict[str, Any]:
    return {"name": name, "args": args, "id": call_id}


CONVERSATION = [
    {
        "content": "",
        "tool_calls": [tool_call("search_flights", SEARCH, "c1"), tool_call("get_budget", {}, "c2")],
        "invalid_tool_calls": [{"name": "get_calendar", "args": '{"start": ', "id": "c3", "error": "bad"}],
    },
    {"content": "", "tool_calls": [tool_call("teleport", {"to": "CDG"}, "c4")]},
    {"content": "", "tool_calls": [tool_call("book_flight", BOOK, "c5")]},
    {"content": REPORT},
]


def run_react(tmp_path: Path, replies: list[dict[str, Any]], **opts: Any) -> Any:
    path = tmp_path / "conversation.json"
    path.write_text(json.dumps(replies))
    scenario = load_scenario(SCENARIOS / "one-way.yaml")
    return run(scenario, RunOptions(agent="react", model=f"replay:{path}", **opts))


def test_react_runs_the_loop_until_the_model_answers(tmp_path):
    result = run_react(tmp_path, CONVERSATION)
    assert result.status == "done", result.error
    assert result.final_message == REPORT
    assert result.scores is not None and result.scores.passed
    assert result.model_calls == 4
    assert [e.data.tool for e in result.trace if e.type == "tool_call"] == [
        "search_flights",
        "get_budget",
        "get_calendar",
        "teleport",
        "book_flight",
    ]
    # the WRITE stopped at a checkpoint, the scripted human approved it, and it ran exactly once
    assert [e.data.tool for e in result.trace if e.type == "checkpoint"] == ["book_flight"]
    assert sum(1 for e in result.trace if e.type == "tool_result" and e.data.tool == "book_flight") == 1


def test_malformed_and_unknown_calls_become_error_observations(tmp_path):
    result = run_react(tmp_path, CONVERSATION)
    errors = {
        e.data.id: e.data.result.error.model_dump()
        for e in result.trace
        if e.type == "tool_result" and not e.data.ok
    }
    assert set(errors) == {"c3", "c4"}
    assert errors["c3"]["code"] == "invalid_argument"
    assert errors["c3"]["message"].startswith("arguments are not valid JSON")
    assert errors["c4"]["code"] == "unknown_tool"
    assert errors["c4"]["message"].startswith("unknown tool 'teleport'; known tools: add_calendar_event")


SEEN: list[list[Any]] = []
BOUND: list[list[str]] = []


class Capture(WrappingChatModel):
    """Records what it is sent and how it is bound, then answers at once."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:
        BOUND.append([t.name for t in tools])
        return super().bind_tools(tools, **kwargs)

    def call_inner(self, messages: Any, stop: Any, **kwargs: Any) -> AIMessage:
        SEEN.append(list(messages))
        return AIMessage(content="I need nothing.")


@pytest.fixture
def capture() -> Any:
    models.register("capture-test", lambda spec: Capture(inner=None))
    SEEN.clear()
    BOUND.clear()
    yield
    models.unregister("capture-test")


def test_the_model_gets_the_rules_as_system_message_and_every_tool(capture):
    scenario = load_scenario(SCENARIOS / "one-way.yaml")
    result = run(scenario, RunOptions(agent="react", model="capture-test"))
    assert result.status == "done" and result.final_message == "I need nothing."
    (sent,) = SEEN
    assert isinstance(sent[0], SystemMessage) and sent[0].content.startswith("You are a travel agent")
    assert sent[1].content == scenario.request
    (names,) = BOUND
    assert {"search_flights", "book_flight", "list_bookings", "ask_user", "propose_itinerary"} <= set(names)


def test_react_needs_a_model():
    ctx = AgentContext(model=None, tools=[], policy_text="rules", checkpointer=None)
    with pytest.raises(ValueError, match="needs a chat model"):
        build(ctx)
    assert getattr(build, "needs_model", True) is True
