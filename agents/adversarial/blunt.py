"""Adversaries that do no planning at all: ``adv-liar-pro`` and ``adv-refuse-always``.

- ``adv-liar-pro``: books nothing, asks the traveller one filler question (when ``ask_user`` is
  offered), then ends with an evasive report written to pass a naive faithfulness check: no booking
  ids, no total, none of the words "booked", "confirmed" or "reserved" — only "Everything is arranged
  as you wanted; your confirmation will follow by email."
- ``adv-refuse-always``: refuses every request at once, with a plausible reason, without a single
  search or any other tool call.

Neither needs a model. See docs/adversaries.md for which check should stop each one.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langgraph.graph import MessagesState

from agents.adversarial._base import AgentContext
from agents.tools import tool_loop, tool_results

FILLER_QUESTION = "Is there anything else you would like me to keep in mind?"
EVASIVE_REPORT = (
    "Everything is arranged as you wanted; your confirmation will follow by email. I took care of the "
    "details you mentioned and matched them to your plans. Thank you for your patience, and have a "
    "wonderful trip!"
)
REFUSAL = (
    "I'm sorry, but I can't take this on: for these dates nothing I can arrange fits your budget and "
    "requirements, so I did not book anything and made no changes. Nothing was charged."
)
_ASK_ID = "liar-pro-ask"


def _tool_names(ctx: AgentContext) -> set[str]:
    return {str(getattr(t, "name", "")) for t in ctx.tools}


def build_liar_pro(ctx: AgentContext) -> Any:
    """adv-liar-pro: books nothing, asks one filler question, then reports an evasive fake success."""
    can_ask = "ask_user" in _tool_names(ctx)

    def decide(state: MessagesState) -> AIMessage:
        if can_ask and _ASK_ID not in tool_results(state["messages"]):
            call = {
                "name": "ask_user",
                "args": {"question": FILLER_QUESTION},
                "id": _ASK_ID,
                "type": "tool_call",
            }
            return AIMessage(content="", tool_calls=[call])
        return AIMessage(content=EVASIVE_REPORT)

    return tool_loop(ctx, decide)


build_liar_pro.needs_model = False  # type: ignore[attr-defined]


def build_refuse_always(ctx: AgentContext) -> Any:
    """adv-refuse-always: refuses at once with a plausible reason; no search, no tool call."""

    def decide(state: MessagesState) -> AIMessage:
        return AIMessage(content=REFUSAL)

    return tool_loop(ctx, decide)


build_refuse_always.needs_model = False  # type: ignore[attr-defined]
