"""``planner``: the default agent graph — understand -> gather -> propose -> book -> verify -> report.

Each phase is a node that calls the model with the world's rules plus that phase's instructions
(``PHASE: <name>``, ``agents._planner_prompts``) and only that phase's tools, plus the planner's
control tool ``finish_phase(outcome, reason)`` (``agents._planner_signals``), and loops through a tool
node until the model ends the phase. It ends the phase with a ``finish_phase`` call (``done``,
``replan``, ``need_user`` or ``give_up``), which the gateway answers and traces as a ``control``
event; then the graph moves on:

    understand -> gather -> propose --done, approved--> book --done--> verify --done--> report
                               ^  \\--give_up / nothing approved-----------------------> report
                               \\------ replan (a booking failed, or a wrong one found) --/

``need_user`` and ``give_up`` stop the work (through ``verify`` when something was booked). A
rejected proposal is revised inside the propose phase; ``replan`` sends the model back to propose (at
most ``MAX_ROUNDS`` proposals). Every run ends in ``report``, whose message is the traveller's report.

Models that ignore the control tool still work: a phase that ends in plain text is ``done``, unless
the text states a loose intent to re-plan (``_planner_signals.text_outcome``). A plain-text reply in a
phase that needs tools, before any call, gets one reminder (a ``[planner]`` message) first.

Each phase's tools are scoped to it (``AgentContext.phase_tools``): a call of a tool the phase does
not offer goes through the gateway like any call and comes back as a traced ``not_in_phase`` error.
Tool calls run one at a time, in order, stopping at a checkpoint (``agents.tools.run_tools_in_order``),
so a run is reproducible. Model calls are capped (``MAX_MODEL_CALLS``) so a run stays within
LangGraph's default recursion limit (each model call takes at most two steps: its node and its tools);
when the cap is reached the graph goes straight to ``report``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langgraph.graph import END, START, MessagesState, StateGraph

from agents._planner_prompts import INSTRUCTIONS, NEEDS_TOOLS, PHASE_TOOLS, PHASES, reminder
from agents._planner_signals import FINISH_PHASE, FINISH_PHASE_TOOL, Outcome, phase_outcome, signalled
from agents.tools import answered_calls, calls_of, observation, run_tools_in_order
from sandbox.spi import AgentContext

__all__ = [
    "FINISH_PHASE",
    "INSTRUCTIONS",
    "MAX_MODEL_CALLS",
    "MAX_PHASE_CALLS",
    "MAX_ROUNDS",
    "PHASE_TOOLS",
    "PHASES",
    "PlannerState",
    "build",
    "next_phase",
]

MAX_ROUNDS = 4  # proposals per run
MAX_MODEL_CALLS = 27  # x2 super-steps (model + tools) + the report stays under 60
MAX_PHASE_CALLS = 12
APPROVED = ("approved", "approved_alternative", "edited")


class PlannerState(MessagesState):
    phase: str
    model_calls: int
    phase_calls: int  # model calls in this visit of the phase
    phase_tool_calls: int  # tool calls the model made in this visit of the phase
    reminded: bool  # the planner reminded the model of its tools in this visit


def _last_proposal(messages: Sequence[BaseMessage]) -> str | None:
    """The status of the traveller's answer to the latest propose_itinerary, if any."""
    for call, m in reversed(answered_calls(messages)):
        if call["name"] == "propose_itinerary":
            body = observation(m)
            return str((body.get("result") or {}).get("status")) if body["ok"] else None
    return None


def _proposals(messages: Sequence[BaseMessage]) -> int:
    return sum(1 for m in messages for c in calls_of(m) if c["name"] == "propose_itinerary")


def _booked_something(messages: Sequence[BaseMessage]) -> bool:
    return any(
        call["name"].startswith(("book_", "cancel_", "confirm_")) and m.status != "error"
        for call, m in answered_calls(messages)
    )


def _text(msg: BaseMessage) -> str:
    return msg.content if isinstance(msg.content, str) else json.dumps(msg.content)


def next_phase(phase: str, state: PlannerState) -> str:
    """Where the graph goes when ``phase`` ends: by the outcome of the model's ``finish_phase`` call
    (or of its plain-text reply, ``_planner_signals.phase_outcome``)."""
    messages = state["messages"]
    if phase == "report":
        return END
    if state.get("model_calls", 0) >= MAX_MODEL_CALLS:
        return "report"
    outcome: Outcome = phase_outcome(messages)
    rounds_left = _proposals(messages) < MAX_ROUNDS
    wrap_up = "verify" if _booked_something(messages) else "report"
    if phase == "propose":
        if outcome == "replan":
            return "propose" if rounds_left else wrap_up
        return "book" if outcome == "done" and _last_proposal(messages) in APPROVED else wrap_up
    if phase in ("book", "verify") and outcome == "replan" and rounds_left:
        return "propose"
    if outcome in ("need_user", "give_up"):
        return "verify" if phase == "book" else "report"
    return PHASES[PHASES.index(phase) + 1]


def build(ctx: AgentContext) -> Any:
    graph = StateGraph(PlannerState)
    for phase in PHASES:
        names = PHASE_TOOLS[phase]
        tools = ctx.phase_tools(phase, (*names, FINISH_PHASE)) if names else []
        graph.add_node(phase, _phase_node(ctx, phase, tools))
        if tools:
            graph.add_node(f"{phase}_tools", run_tools_in_order(tools))
            graph.add_conditional_edges(f"{phase}_tools", _after_tools(phase))
        graph.add_conditional_edges(phase, _router(phase, bool(tools)))
    graph.add_edge(START, "understand")
    return graph.compile(checkpointer=ctx.checkpointer)


build.control_tools = (FINISH_PHASE_TOOL,)  # type: ignore[attr-defined]


def _phase_node(ctx: AgentContext, phase: str, tools: list[Any]) -> Any:
    chat = ctx.chat_model()
    model = chat.bind_tools(tools) if tools else chat
    system = SystemMessage(f"{ctx.policy_text}\nPHASE: {phase}\n{INSTRUCTIONS[phase]}")
    offered = [t.name for t in tools]

    def node(state: PlannerState) -> dict[str, Any]:
        calls = state.get("model_calls", 0)
        same = state.get("phase") == phase
        phase_calls = state.get("phase_calls", 0) if same else 0
        tool_calls = state.get("phase_tool_calls", 0) if same else 0
        reminded = state.get("reminded", False) if same else False
        visit = {"phase": phase, "phase_calls": phase_calls, "phase_tool_calls": tool_calls}
        if phase != "report" and (calls >= MAX_MODEL_CALLS or phase_calls >= MAX_PHASE_CALLS):
            note = AIMessage(content=f"Stopping the {phase} phase: it used all the steps it may take.")
            return {"messages": [note], **visit, "reminded": reminded}
        messages = state["messages"]
        # back in the phase after its own plain-text reply (see _router): remind the model of its tools
        note_in = [HumanMessage(reminder(phase, offered))] if same and _said_only(messages) and tools else []
        reply = model.invoke([system, *messages, *note_in])
        if not isinstance(reply, AIMessage):
            reply = AIMessage(content=_text(reply))
        if phase == "report" and calls_of(reply):
            reply = AIMessage(content=_text(reply))
        return {
            # the reply as the model sent it (malformed calls too: see agents.tools.calls_of)
            "messages": [*note_in, reply],
            **visit,
            "model_calls": calls + 1,
            "phase_calls": phase_calls + 1,
            "phase_tool_calls": tool_calls + len(calls_of(reply)),
            "reminded": reminded or bool(note_in),
        }

    return node


def _said_only(messages: Sequence[BaseMessage]) -> bool:
    """Whether the conversation ends with a model reply that called no tool."""
    return bool(messages) and isinstance(messages[-1], AIMessage) and not calls_of(messages[-1])


def _wants_reminder(phase: str, state: PlannerState) -> bool:
    """A phase that needs tools, answered with text before any call (and not one that says to
    re-plan, which is a decision): remind the model once."""
    return (
        phase in NEEDS_TOOLS
        and not state.get("reminded", False)
        and state.get("phase_tool_calls", 0) == 0
        and state.get("phase_calls", 0) < MAX_PHASE_CALLS
        and state.get("model_calls", 0) < MAX_MODEL_CALLS
        and phase_outcome(state["messages"]) == "done"
    )


def _router(phase: str, has_tools: bool) -> Any:
    """After the model's reply: its calls go to the tool node; plain text ends the phase (after one
    reminder, where the phase needs tools)."""

    def route(state: PlannerState) -> str:
        last = state["messages"][-1]
        if has_tools and calls_of(last):
            return f"{phase}_tools"
        if has_tools and _wants_reminder(phase, state):
            return phase
        return next_phase(phase, state)

    return route


def _after_tools(phase: str) -> Any:
    """After the tool node: a ``finish_phase`` call the gateway accepted ends the phase; otherwise the
    model sees the results and goes on."""

    def route(state: PlannerState) -> str:
        return next_phase(phase, state) if signalled(state["messages"]) is not None else phase

    return route
