"""The planner driven by replies phrased the way real models phrase them (issue 12): recorded replies,
played back in order by a tiny chat model, through the runner, the gateway and the travel world.

With a real model behind llama.cpp's server, phase changes were read from a reply starting with
``REPLAN``, so ``**REPLAN:**`` or "I need to replan" went to verify; a call outside the phase got a
plain-text error that skipped the gateway and the trace. Here the model ends phases with
``finish_phase`` (odd casing included), calls a tool outside its phase, answers a phase that needs
tools with text alone, and ends phases with markdown, polite prefixes and synonyms when it ignores the
control tool; each test checks where the planner went (the node of every traced reply), what the
gateway traced and what the model was shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from pydantic import Field

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import ControlEvent, MessageEvent, RunResult, ToolResultEvent, models

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
FLIGHT = "AX138-2027-01-15"  # one-way: Aurora Air, lands 15:35, $95 (the scripted model's choice)
SEARCH = {"origin": "LHR", "destination": "CDG", "date": "2027-01-15", "passengers": 1, "cabin": "economy"}
ITEM = {"kind": "flight", "id": FLIGHT, "details": {"passengers": 1, "cabin": "economy"}, "price": 95.0}
PROPOSAL = {"items": [ITEM], "total": 95.0, "rationale": "Aurora Air, lands by 5 pm.", "confidence": 0.8}
BOOK = {"flight_id": FLIGHT, "passengers": 1, "cabin": "economy", "max_price": 95.0}
REPORT = "I booked B0001: flight AX138-2027-01-15 from London to Paris. Total charged: $95.00."


class RecordedReplies(BaseChatModel):
    """Answers the Nth call with the Nth reply (the last one repeats) and keeps what it was shown."""

    replies: list[AIMessage]
    shown: list[tuple[list[str], list[BaseMessage]]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "recorded-replies"

    def bind_tools(self, tools: Any, **kwargs: Any) -> Runnable[Any, AIMessage]:
        return self.bind(tools=[t.name for t in tools], **kwargs)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.shown.append((list(kwargs.get("tools") or []), list(messages)))
        reply = self.replies[min(len(self.shown), len(self.replies)) - 1]
        return ChatResult(generations=[ChatGeneration(message=reply)])


def says(text: str = "", *calls: tuple[str, Any]) -> AIMessage:
    """A reply: its text and its calls (name, arguments), with ids as a server numbers them."""
    tool_calls = [
        {"name": n, "args": a, "id": f"call_{i}", "type": "tool_call"} for i, (n, a) in enumerate(calls)
    ]
    return AIMessage(content=text, tool_calls=tool_calls)


def finish(outcome: str, reason: str = "") -> tuple[str, Any]:
    return ("finish_phase", {"outcome": outcome, "reason": reason})


@pytest.fixture
def play() -> Iterator[Any]:
    """``play(replies, scenario)``: the planner run on a shipped scenario with those replies."""
    made: list[RecordedReplies] = []

    def go(replies: list[AIMessage], scenario: str = "one-way") -> tuple[RunResult, RecordedReplies]:
        model = RecordedReplies(replies=replies)
        made.append(model)
        models.register("recorded-replies", lambda spec: model, replace=True)
        result = run(load_scenario(SCENARIOS / f"{scenario}.yaml"), RunOptions(model="recorded-replies"))
        assert result.status == "done", result.error
        return result, model

    yield go


def nodes(result: RunResult) -> list[str]:
    """The phase of every reply, in order (consecutive repeats kept once)."""
    out: list[str] = []
    for e in result.trace:
        if isinstance(e, MessageEvent) and e.data.role == "assistant" and (not out or out[-1] != e.data.node):
            out.append(e.data.node)
    return out


def signals(result: RunResult) -> list[tuple[str, bool, Any]]:
    """Every traced control call: its tool, whether the gateway accepted it, and its result."""
    return [
        (e.data.tool, e.data.ok, e.data.result.model_dump(mode="json"))
        for e in result.trace
        if isinstance(e, ControlEvent)
    ]


def errors(result: RunResult) -> list[tuple[str, str, str]]:
    """Every traced error result: (tool, code, message)."""
    out = []
    for e in result.trace:
        if isinstance(e, ToolResultEvent) and not e.data.ok:
            err = e.data.result.model_dump(mode="json")["error"]
            out.append((e.data.tool, err["code"], err["message"]))
    return out


def reminders(model: RecordedReplies) -> list[int]:
    """The model calls that were shown the planner's reminder as their last message."""
    return [
        i
        for i, (_, msgs) in enumerate(model.shown)
        if isinstance(msgs[-1], HumanMessage) and str(msgs[-1].content).startswith("[planner]")
    ]


# -- a whole booking, phrased the way a real model phrases it ---------------------------------------


def test_a_real_models_phrasing_books_the_trip_through_every_phase(play: Any) -> None:
    replies = [
        says("Sure! Let me look at your profile first.", ("get_traveler_profile", {})),  # understand
        says("", ("finish_phase", {"Outcome": "DONE", "REASON": "One-way LHR-CDG on 15 Jan, 1 traveller"})),
        says("I'll book it right away.", ("book_flight", BOOK)),  # gather: not offered here
        says("", ("search_flights", SEARCH)),
        says("I found three flights; AX138 lands at 15:35."),  # gather ends in text: done
        says("Sure! I'll put together a proposal for you now."),  # propose: no call -> one reminder
        says("", ("propose_itinerary", PROPOSAL)),
        says("", finish("Done", "The traveller approved the plan.")),
        says("", ("book_flight", {**BOOK, "flight_id": "AX183-2027-01-15"})),  # book: a wrong id
        says("**REPLAN:** the flight I tried to book does not exist."),  # markdown, no control call
        says("", ("propose_itinerary", PROPOSAL)),
        says("", finish("done", "Approved again.")),
        says("", ("book_flight", BOOK)),
        says("", finish("done", "Booked B0001.")),
        says("", ("list_bookings", {})),
        says("Everything matches the plan, so there is no need to replan."),
        says(REPORT),
    ]
    result, model = play(replies)

    assert nodes(result) == ["understand", "gather", "propose", "book", "propose", "book", "verify", "report"]
    assert result.final_message == REPORT and result.scores is not None and result.scores.passed
    # the control calls: traced as control events, outcomes read in any case, never world calls
    accepted = [(tool, body["result"]["outcome"]) for tool, ok, body in signals(result) if ok]
    assert accepted == [("finish_phase", "done")] * 4
    assert "finish_phase" not in [e.data.tool for e in result.trace if e.type == "tool_call"]
    assert result.tool_calls == 8  # profile, book (refused), search, 2 proposals, 2 bookings, list; no signal
    # the call outside its phase went through the gateway: traced, answered, nothing booked
    (refused, wrong_id) = errors(result)
    assert refused[:2] == ("book_flight", "not_in_phase")
    assert refused[2].startswith("book_flight is not available in the gather phase; available: ")
    assert "search_flights" in refused[2] and "finish_phase" in refused[2]
    assert wrong_id[:2] == ("book_flight", "not_found")
    # the text-only reply in propose got the reminder once, and the model saw it
    assert reminders(model) == [6]
    # every working phase offers finish_phase; book and verify offer confirm_booking
    bound = {str(msgs[0].content).split("PHASE: ")[1].split("\n")[0]: tools for tools, msgs in model.shown}
    assert bound.pop("report") == []  # the report is text: no tools
    assert set(bound) == {"understand", "gather", "propose", "book", "verify"}
    assert all("finish_phase" in tools for tools in bound.values())
    assert "confirm_booking" in bound["book"] and "confirm_booking" in bound["verify"]


# -- routing on what the model says -----------------------------------------------------------------

APPROVED = [
    says("", finish("done")),  # understand
    says("", ("search_flights", SEARCH)),
    says("", finish("done")),  # gather
    says("", ("propose_itinerary", PROPOSAL)),
    says("", finish("done")),  # propose (approved)
]
SOLD_OUT = says("", ("book_flight", {**BOOK, "flight_id": "AX183-2027-01-15"}))  # fails: no such flight


@pytest.mark.parametrize(
    "replan",
    [
        says("**REPLAN:** the flight is sold out."),
        says("Sure! I'll need to replan: the flight is sold out."),
        says("I need to revise the plan."),
        says("Let me start over with a different flight."),
        says("Hmm. We'll have to come up with a new itinerary."),
        says("", ("finish_phase", {"outcome": "Re-Plan", "reason": "sold out"})),
        says("", ("finish_phase", {"OUTCOME": " REPLAN ", "Reason": None})),
    ],
    ids=["markdown", "prefix", "revise", "start-over", "new-itinerary", "hyphen", "shouting"],
)
def test_a_replan_in_the_book_phase_goes_back_to_propose(play: Any, replan: AIMessage) -> None:
    replies = [*APPROVED, SOLD_OUT, replan, says("", finish("give_up", "nothing else fits")), says(REPORT)]
    result, _ = play(replies)
    assert nodes(result) == ["understand", "gather", "propose", "book", "propose", "report"]


@pytest.mark.parametrize(
    "done",
    [
        says("All done! No need to replan."),
        says("Booked everything in the new plan."),
        says("", finish("complete", "booked")),
    ],
    ids=["negated", "new-plan-booked", "synonym"],
)
def test_a_reply_that_does_not_replan_goes_on_to_verify(play: Any, done: AIMessage) -> None:
    replies = [*APPROVED, says("", ("book_flight", BOOK)), done, says("", finish("done")), says(REPORT)]
    result, _ = play(replies)
    assert nodes(result) == ["understand", "gather", "propose", "book", "verify", "report"]


def test_need_user_and_give_up_stop_the_work(play: Any) -> None:
    result, _ = play([says("", finish("need user", "I do not know the date")), says(REPORT)])
    assert nodes(result) == ["understand", "report"]
    result, _ = play(
        [says("", finish("done")), says("", ("search_flights", SEARCH)), says("", finish("Give-Up"))]
    )
    assert nodes(result) == ["understand", "gather", "report"]


def test_an_outcome_the_tool_cannot_read_is_a_traced_error_and_the_phase_goes_on(play: Any) -> None:
    result, model = play(
        [says("", finish("continue")), says("", finish("done")), says("", finish("give_up"))]
    )
    assert nodes(result) == ["understand", "gather", "report"]
    (first, *rest) = signals(result)
    assert first[1] is False and first[2]["error"]["code"] == "invalid_argument"
    assert first[2]["error"]["field"] == "outcome"
    assert [ok for _, ok, _ in rest] == [True, True]
    # the model saw the error before its next reply in the same phase
    assert '"invalid_argument"' in str(model.shown[1][1][-1].content)


def test_a_phase_that_needs_tools_answered_twice_in_text_ends_after_one_reminder(play: Any) -> None:
    replies = [
        says("", finish("done")),  # understand
        says("Sure! I'll search for flights now."),  # gather: no call -> reminder
        says("I already know the options."),  # text again: the phase ends (done)
        says("Nothing suits you, sorry.", finish("give_up", "no options")),  # propose
        says("I booked nothing: I found no option."),
    ]
    result, model = play(replies)
    assert nodes(result) == ["understand", "gather", "propose", "report"]
    assert reminders(model) == [2]
    assert result.tool_calls == 0 and [ok for _, ok, _ in signals(result)] == [True, True]


def test_a_signal_sent_with_other_calls_ends_the_phase_after_they_ran(play: Any) -> None:
    replies = [
        says("", finish("done")),
        says("", ("search_flights", SEARCH), finish("done", "searched")),  # both in one reply
        says("", finish("give_up", "stop here")),
        says(REPORT),
    ]
    result, _ = play(replies)
    assert nodes(result) == ["understand", "gather", "propose", "report"]
    assert [e.data.tool for e in result.trace if e.type == "tool_call"] == ["search_flights"]
