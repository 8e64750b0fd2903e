"""How a planner phase ends: the ``finish_phase`` control tool, and reading a reply that ignored it.

A phase ends when the model calls ``finish_phase(outcome, reason)``. It is a control tool
(``sandbox.spi.control_tool``): the gateway answers it with its arguments as the schema below read
them and traces it as a ``control`` event; it never reaches the world and does not count as one of the
run's tool calls. The outcomes:

| outcome | meaning |
|---|---|
| ``done`` | the phase's work is finished: go on to the next phase |
| ``replan`` | the approved plan cannot be carried out as it is: propose a revised plan |
| ``need_user`` | only the traveller can settle what is missing, and ``ask_user`` did not: stop and report |
| ``give_up`` | no itinerary can meet the request: book nothing more and report why |

The schema is lenient with what real models send: argument names in any case (``Outcome``), outcomes
in any case, with spaces or hyphens (``"Give up"``, ``"RE-PLAN"``), and a few synonyms
(``"complete"``, ``"revise"``); extra arguments are ignored and ``reason`` may be left out. An outcome
it cannot read is an ``invalid_argument`` error result, and the phase goes on.

A model that ignores the tool and ends a phase with plain text gets the text fallback
(``text_outcome``): the text is read as ``done`` unless it states an intent to re-plan, found loosely
(markdown, a polite prefix, synonyms such as "I need to revise the plan" or "Let me start over";
a negated intent such as "no need to replan" is not one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal, get_args

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from pydantic import BaseModel, ConfigDict, Field, model_validator

from agents.tools import calls_of, observation
from sandbox.spi import control_tool

Outcome = Literal["done", "replan", "need_user", "give_up"]
OUTCOMES: tuple[str, ...] = get_args(Outcome)
FINISH_PHASE = "finish_phase"

_SYNONYMS = {
    "complete": "done",
    "completed": "done",
    "finished": "done",
    "finish": "done",
    "success": "done",
    "ok": "done",
    "re_plan": "replan",
    "revise": "replan",
    "retry": "replan",
    "needs_user": "need_user",
    "ask_user": "need_user",
    "giveup": "give_up",
    "abort": "give_up",
    "fail": "give_up",
    "failed": "give_up",
    "no_plan": "give_up",
}


def _word(value: str) -> str:
    key = re.sub(r"[\s\-]+", "_", value.strip().strip("'\"`*").lower())
    return _SYNONYMS.get(key, key)


class FinishPhaseArgs(BaseModel):
    """The arguments of ``finish_phase``."""

    model_config = ConfigDict(extra="ignore")
    outcome: Outcome = Field(
        description=(
            "'done': this phase's work is finished, go on to the next phase. 'replan': the approved plan "
            "cannot be carried out as it is, propose a revised plan. 'need_user': only the traveller "
            "can settle what is missing and ask_user did not, stop and report what is needed. "
            "'give_up': no itinerary can meet the request, book nothing more and report why."
        )
    )
    reason: str = Field("", description="One sentence: what was done, or why the phase ends this way.")

    @model_validator(mode="before")
    @classmethod
    def _lenient(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        read = {str(k).strip().lower(): v for k, v in data.items()}
        if isinstance(read.get("outcome"), str):
            read["outcome"] = _word(read["outcome"])
        if read.get("reason") is None:
            read.pop("reason", None)
        elif not isinstance(read["reason"], str):
            read["reason"] = str(read["reason"])
        return read


FINISH_PHASE_TOOL = control_tool(
    FINISH_PHASE,
    "End the current phase of the plan and say how it ended (the phase's instructions say which "
    "outcomes apply).",
    FinishPhaseArgs,
)

# -- reading replies --------------------------------------------------------------------------------

_MARKUP = re.compile(r"[*_`#>~|]+")
_REPLAN = re.compile(
    r"\b(?:re-?plan(?:ning|ned)?"
    r"|revis(?:e|ing) (?:the |my |this |our |your )?(?:plan|itinerary|proposal)"
    r"|(?:need|make|find|propose|prepare|come up with|try|draw up) (?:a |an )?(?:new|different|revised"
    r"|alternative|another|fresh) (?:plan|itinerary|proposal)"
    r"|start (?:over|again|afresh|from scratch)"
    r"|back to (?:the )?(?:planning|proposal|drawing board))\b"
)
# a negation at most three words before the intent, in the same clause ("no need to replan")
_NEGATED = re.compile(
    r"\b(?:no|not|never|without|don't|dont|doesn't|won't|nothing)\b(?:[ ,'-]+\w+){0,3}[ ,'-]*$"
)


def text_outcome(text: str) -> Outcome:
    """The outcome a plain-text reply states: ``replan`` if it says it must re-plan, else ``done``."""
    plain = " ".join(_MARKUP.sub(" ", text.replace("\u2019", "'")).lower().split())
    for m in _REPLAN.finditer(plain):
        if not _NEGATED.search(plain[: m.start()]):
            return "replan"
    return "done"


def last_reply(messages: Sequence[BaseMessage]) -> int | None:
    """The index of the model's latest reply."""
    return next((i for i in range(len(messages) - 1, -1, -1) if isinstance(messages[i], AIMessage)), None)


def signalled(messages: Sequence[BaseMessage]) -> Outcome | None:
    """The outcome of the latest reply's ``finish_phase`` call, once the gateway accepted it (the last
    accepted one, if it called it twice); None if it made no such call or none was accepted."""
    i = last_reply(messages)
    if i is None:
        return None
    results = [m for m in messages[i + 1 :] if isinstance(m, ToolMessage)]
    found: Outcome | None = None
    for call, result in zip(calls_of(messages[i]), results, strict=False):
        body = observation(result)
        outcome = (body.get("result") or {}).get("outcome") if body["ok"] else None
        if call["name"] == FINISH_PHASE and outcome in OUTCOMES:
            found = outcome
    return found


def phase_outcome(messages: Sequence[BaseMessage]) -> Outcome:
    """How the phase ended: the latest reply's accepted ``finish_phase`` call, else its text read by
    ``text_outcome`` (a phase that ends in plain text is ``done`` unless the text says to re-plan)."""
    found = signalled(messages)
    if found is not None:
        return found
    i = last_reply(messages)
    if i is None:
        return "done"
    content = messages[i].content
    return text_outcome(content if isinstance(content, str) else str(content))
