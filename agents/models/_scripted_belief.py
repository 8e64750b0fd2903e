"""What the scripted model has seen: the conversation, read back into calls and their results.

``Belief.read(messages)`` replays the message history an LLM would receive: the system prompt (the
rules, the current date, the graph's ``PHASE:`` line), the traveller's request, the model's own
tool calls and the tool results (JSON text, as the gateway returns them). Nothing else is read.

The model's own phase signals (``finish_phase`` calls, ``PHASE_SIGNAL``) and their answers say
nothing about the trip: they are left out, and a reply that only signalled counts as a text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from agents.intent._unwrap import unwrap
from agents.models._scripted_answers import complete
from agents.models._scripted_dates import parse_now
from agents.models._scripted_lexicon import RELAX_MARK

RETRYABLE = frozenset({"service_error", "timeout", "internal_error"})
PHASE_SIGNAL = "finish_phase"  # a graph's control tool that ends its phase (the planner's)


@dataclass
class Call:
    """One tool call the model made and, once it came back, its result."""

    id: str
    name: str
    args: dict[str, Any]
    seq: int
    ok: bool | None = None  # None: no result yet
    data: Any = None
    code: str | None = None
    message: str = ""

    @property
    def retryable(self) -> bool:
        return self.ok is False and self.code in RETRYABLE


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return str(content)


def _observation(content: Any) -> tuple[bool, Any, str | None, str]:
    text = _text(content)
    try:
        body = json.loads(text)
    except json.JSONDecodeError:
        return False, None, "unreadable", text
    if not isinstance(body, dict) or "ok" not in body:
        return True, body, None, ""
    if body.get("ok"):
        return True, body.get("result"), None, ""
    err = body.get("error") or {}
    return False, None, str(err.get("code") or "error"), str(err.get("message") or "")


@dataclass
class Belief:
    system: str = ""
    request: str = ""
    answers: list[str] = field(default_factory=list)  # what the traveller said since the request
    calls: list[Call] = field(default_factory=list)
    own_texts: list[str] = field(default_factory=list)  # the model's earlier messages without calls
    n_messages: int = 0

    @classmethod
    def read(cls, messages: Sequence[BaseMessage]) -> Belief:
        b = cls(n_messages=len(messages))
        by_id: dict[str, Call] = {}
        signals: set[str] = set()  # ids of the model's phase signals, whose answers are left out
        for m in messages:
            if isinstance(m, ToolMessage) and m.tool_call_id in signals:
                b.n_messages -= 1
            elif isinstance(m, SystemMessage):
                b.system = _text(m.content)  # the latest system prompt is the one in force
            elif isinstance(m, HumanMessage):
                if b.request:
                    b.answers.append(unwrap(_text(m.content)))
                else:
                    b.request = unwrap(_text(m.content))  # a sentence wrapped over lines is one line
            elif isinstance(m, AIMessage):
                acts = [tc for tc in m.tool_calls if tc["name"] != PHASE_SIGNAL]
                signals.update(str(tc.get("id") or "") for tc in m.tool_calls if tc["name"] == PHASE_SIGNAL)
                for tc in acts:
                    call = Call(str(tc.get("id") or ""), tc["name"], dict(tc.get("args") or {}), len(b.calls))
                    b.calls.append(call)
                    by_id[call.id] = call
                if not acts and _text(m.content).strip():
                    b.own_texts.append(_text(m.content))
            elif isinstance(m, ToolMessage) and m.tool_call_id in by_id:
                call = by_id[m.tool_call_id]
                call.ok, call.data, call.code, call.message = _observation(m.content)
                if call.name == "ask_user" and call.ok and isinstance(call.data, dict):
                    answer = call.data.get("answer")
                    if answer and RELAX_MARK not in str(call.args.get("question", "")):
                        # read against its question ("how many nights?" - "a couple")
                        b.answers.append(complete(str(call.args.get("question", "")), str(answer)))
        return b

    @property
    def said(self) -> str:
        """Everything the traveller wrote: the request, then each answer, each its own paragraph (so that
        the reader's ``unwrap`` never joins an answer to the request's last line)."""
        return "\n\n".join([self.request, *self.answers])

    # -- the clock and the graph's phase ----------------------------------------------------------
    @property
    def now(self) -> dt.datetime | None:
        return parse_now(self.system)

    @property
    def today(self) -> dt.date:
        now = self.now
        return now.date() if now is not None else dt.date.today()

    @property
    def phase(self) -> str | None:
        m = re.search(r"^\s*PHASE:\s*([a-z_]+)", self.system, re.I | re.M)
        return m.group(1).lower() if m else None

    # -- calls ----------------------------------------------------------------------------------
    def done(self, name: str, pred: Callable[[Call], bool] | None = None) -> list[Call]:
        """Calls of ``name`` that came back (optionally only those ``pred`` accepts), oldest first."""
        return [c for c in self.calls if c.name == name and c.ok is not None and (pred is None or pred(c))]

    def latest(self, name: str, *, ok: bool | None = True) -> Call | None:
        """The most recent call of ``name`` that came back (successful ones only, by default)."""
        for c in reversed(self.calls):
            if c.name == name and c.ok is not None and (ok is None or c.ok == ok):
                return c
        return None

    def attempts(self, name: str, args: dict[str, Any]) -> list[Call]:
        """Earlier calls of ``name`` with these exact arguments (notes like rationale ignored)."""
        key = _key(args)
        return [c for c in self.calls if c.name == name and c.ok is not None and _key(c.args) == key]

    def needs(self, name: str, args: dict[str, Any], tries: int = 3) -> bool:
        """Whether a READ call should be (re)made: never made, or failed retryably fewer than ``tries`` times."""
        past = self.attempts(name, args)
        if any(c.ok for c in past):
            return False
        return not past or (past[-1].retryable and len(past) < tries)

    def result(self, name: str, args: dict[str, Any]) -> Any:
        """The data of the latest successful call of ``name`` with these arguments, or None."""
        for c in reversed(self.attempts(name, args)):
            if c.ok:
                return c.data
        return None


_NOTES = ("rationale", "confidence")


def _key(args: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in args.items() if k not in _NOTES}, sort_keys=True, default=str)
