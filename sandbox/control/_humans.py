"""Humans: who answers checkpoints and questions. One interface, several implementations.

- ``scripted``: rules from the scenario's ``human`` section; questions answered by the world's
  simulated user (``World.answer``).
- ``auto``: approves every checkpoint; questions answered by the simulated user.
- ``console``: asks the person at the terminal;
- ``reviewer[:CATCH[:FALSE_ALARM]]``: knows what the user needs (through the world's harm judgement),
  rejects most harmful calls and plans and a few harmless ones, and takes a simulated time per decision
  (``sandbox.control._reviewer``).

(The web app adds ``web``: a person in the browser.)

A decision may say how long the human took, in seconds (``"seconds"``, beside the decision's own
fields): the gateway records it in the trace's ``decision`` event and ``RunResult.human_seconds`` sums
it. The scripted and auto humans decide at once (``SIMULATED_SECONDS``, 0); the reviewer takes a
documented simulated time (``ReviewCost``); the console human's is
the time from the card printed to the answer typed; the web's, from the checkpoint stored to the
decision received.
"""

from __future__ import annotations

import fnmatch
import json
import time
from collections.abc import Callable
from typing import Any, Protocol

from sandbox.control._checkpoints import SECONDS, DecisionIn
from sandbox.control._reviewer import JudgeFn, ReviewerHuman, parse_rates
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.spi import CheckpointPayload, ScenarioBase

AnswerFn = Callable[[str], str]
#: The documented time a simulated human (scripted, auto) takes per decision, in seconds.
SIMULATED_SECONDS = 0.0


def _timed(decision: DecisionIn, seconds: float) -> dict[str, Any]:
    return {**decision.model_dump(), SECONDS: seconds}


class Human(Protocol):
    name: str

    def decide(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Decide one checkpoint; returns a ``DecisionIn`` as a dict."""
        ...


class ScriptedHuman:
    name = "scripted"

    def __init__(self, scenario: ScenarioBase, answer: AnswerFn, user: str = "user"):
        self.spec = scenario.human
        self.answer = answer
        self.user = user  # the world's word for its user
        self._seen: dict[int, int] = {}

    def decide(self, payload: dict[str, Any]) -> dict[str, Any]:
        cp = CheckpointPayload.model_validate(payload)
        if cp.kind == "question":
            return _answered(cp, self.answer)
        for i, rule in enumerate(self.spec.checkpoints):
            if not fnmatch.fnmatch(cp.tool, rule.tool):
                continue
            if rule.contains and not any(c in _subject(cp) for c in rule.contains):
                continue
            self._seen[i] = self._seen.get(i, 0) + 1
            if rule.nth is not None and rule.nth != self._seen[i]:
                continue
            decided = DecisionIn(
                decision=rule.decision,
                args=rule.args,
                alternative=rule.alternative,
                reason=rule.reason,
                reason_kind=rule.reason_kind,
                text=rule.text,
            )
            return _timed(decided, SIMULATED_SECONDS)
        reason = None if self.spec.default == "approve" else f"The {self.user} did not approve this."
        return _timed(DecisionIn(decision=self.spec.default, reason=reason), SIMULATED_SECONDS)


def _subject(cp: CheckpointPayload) -> str:
    """What a ``contains`` rule looks at: a proposal's plan (not its alternatives or rationale), or a
    call's arguments."""
    if cp.kind == "proposal":
        return json.dumps(cp.args.get("items", []), default=str)
    return json.dumps({k: v for k, v in cp.args.items() if k not in ("rationale", "confidence")}, default=str)


def _answered(cp: CheckpointPayload, answer: AnswerFn) -> dict[str, Any]:
    """A question is answered by the simulated user, whatever the human's checkpoint rules."""
    return _timed(
        DecisionIn(decision="respond", text=answer(str(cp.args.get("question", "")))), SIMULATED_SECONDS
    )


class AutoHuman:
    name = "auto"

    def __init__(self, scenario: ScenarioBase, answer: AnswerFn, user: str = "user"):
        self.answer = answer

    def decide(self, payload: dict[str, Any]) -> dict[str, Any]:
        cp = CheckpointPayload.model_validate(payload)
        if cp.kind == "question":
            return _answered(cp, self.answer)
        return _timed(DecisionIn(decision="approve"), SIMULATED_SECONDS)


class ConsoleHuman:
    """Asks at the terminal. Decisions: a(pprove), r(eject), e(dit: pick an alternative), s (respond)."""

    name = "console"

    def __init__(self, scenario: ScenarioBase, answer: AnswerFn, user: str = "user", console: Any = None):
        from rich.console import Console

        self.console = console or Console()

    def decide(self, payload: dict[str, Any]) -> dict[str, Any]:
        shown = time.monotonic()
        decision = self._ask(payload)
        return _timed(decision, round(time.monotonic() - shown, 3))

    def _ask(self, payload: dict[str, Any]) -> DecisionIn:
        from rich.panel import Panel
        from rich.prompt import IntPrompt, Prompt

        cp = CheckpointPayload.model_validate(payload)
        if cp.kind == "question":
            self.console.print(Panel(str(cp.args.get("question", "")), title="The agent asks you"))
            return DecisionIn(decision="respond", text=Prompt.ask("Your answer", console=self.console))
        card = cp.card
        lines = [card.headline if card else cp.action, *(card.facts if card else [])]
        if cp.amount is not None:
            lines.append(f"Cost ${cp.amount:,.2f}; budget left ${cp.budget_remaining or 0:,.2f}")
        lines += card.terms if card else []
        if cp.rationale:
            lines.append(f"Rationale: {cp.rationale}")
        if cp.confidence is not None:
            lines.append(f"Confidence: {cp.confidence:.0%}, as stated by the agent")
        lines += [f"Assumed: {a}" for a in cp.assumptions]
        for i, alt in enumerate(cp.alternatives):
            lines.append(f"  alternative {i}: {alt.get('note') or alt.get('total')}")
        lines.append(f"Why it stopped: {cp.reason or cp.rule}")
        self.console.print(Panel("\n".join(lines), title=f"Checkpoint: {cp.tool}"))
        choice = Prompt.ask("Decision", choices=["a", "r", "e", "s"], default="a", console=self.console)
        if choice == "r":
            return DecisionIn(decision="reject", reason=Prompt.ask("Reason", console=self.console))
        if choice == "e" and cp.alternatives:
            pick = IntPrompt.ask("Alternative number", console=self.console)
            return DecisionIn(decision="edit", alternative=pick)
        if choice == "s":
            return DecisionIn(decision="respond", text=Prompt.ask("Response", console=self.console))
        return DecisionIn(decision="approve")


HUMANS: dict[str, type[ScriptedHuman] | type[AutoHuman] | type[ConsoleHuman] | type[ReviewerHuman]] = {
    "scripted": ScriptedHuman,
    "auto": AutoHuman,
    "console": ConsoleHuman,
    "reviewer": ReviewerHuman,
}


def check_human(name: str) -> str:
    """The base name of a human spec (``reviewer:0.9`` -> ``reviewer``); raises ``UnknownNameError``
    for an unknown human and ``ConfigError`` for arguments it does not take or out of range."""
    base, _, rest = name.partition(":")
    if base not in HUMANS:
        raise UnknownNameError("human", base, HUMANS)
    if base == "reviewer":
        parse_rates(name)
    elif rest:
        raise ConfigError(f"human {base!r} takes no argument (got {name!r}); only reviewer[:CATCH] does")
    return base


def make_human(
    name: str,
    scenario: ScenarioBase,
    answer: AnswerFn,
    user: str = "user",
    *,
    judge: JudgeFn | None = None,
    trial: int = 0,
) -> Human:
    """The human called ``name``; ``answer`` is the simulated user's, ``user`` the world's word for it.
    The reviewer also takes the world's harm judgement of a call (``judge``, ``WorldHooks.judge_call``)
    and the run's ``trial`` (its draws are seeded by scenario, trial and call)."""
    base = check_human(name)
    if base == "reviewer":
        catch, false_alarm = parse_rates(name)
        return ReviewerHuman(
            scenario, answer, user, judge=judge, trial=trial, catch_rate=catch, false_alarm_rate=false_alarm
        )
    cls = HUMANS[base]
    return cls(scenario, answer, user)
