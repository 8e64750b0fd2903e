"""The tool gateway: the one path every tool call of every agent takes (docs/architecture.md).

    agent tool call ─► gateway ─► guardrails ─► override policy ─► world tool ─► result
                                     │ block          │ ask
                                     ▼                ▼
                             error observation   interrupt() ─ approve | edit | reject | respond

Agents never receive raw world tools: ``Gateway.langchain_tools()`` hands them LangChain tools whose
``invoke`` goes through ``Gateway.call``. LangGraph re-runs a node from its start on resume, sibling
tool calls included, so a call that already has a result returns that result and changes nothing.
Which call is "the same call" is decided by ``sandbox.control._call_keys`` (where the call sits in the graph,
not the model's call id alone, which some servers reuse or leave empty).

Interaction tools are handled by their role (``sandbox.spi.ToolRole``), never by their name: a
``question`` always stops for the human (the simulated user answers it); a ``proposal`` stops when
the policy says ``ask``, and its ``confidence``, ``rationale``, ``alternatives`` and ``items`` are
what the agent last said about its plan; its amount is the world's quote of the items, never the
agent's stated ``total`` (shown as ``stated_total``). Every WRITE call and plan is judged for harm
before the guardrails and the human (``sandbox.control._harms``). A ``control`` call (the agent's
signal to its own graph) is answered at once and traced as a ``control`` event: no guardrail, policy,
checkpoint, world or tool-call count. A call made through a tool scoped to a phase
(``AgentContext.phase_tools``) of a tool that phase does not offer is answered ``not_in_phase``.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.tools import BaseTool
from langgraph.config import get_config
from langgraph.types import interrupt
from pydantic import ValidationError

from sandbox.control._args import jsonable, parse_args
from sandbox.control._call_keys import CallKeys, Site
from sandbox.control._checkpoints import (
    SECONDS,
    DecisionIn,
    Stated,
    Stop,
    apply_edit,
    checkpoint_payload,
    edit_error,
)
from sandbox.control._harms import after_edit, fates, judge, plan_fates, record, stated_total
from sandbox.control._interaction import answer_control, interaction_result
from sandbox.control._lc_tools import GatewayTool
from sandbox.control._policy import CallFacts, Policy, PolicyDecision
from sandbox.spi import (
    CONTROL,
    PROPOSAL,
    QUESTION,
    CheckpointEvent,
    CheckpointKind,
    Deadline,
    EditApplied,
    Env,
    Fault,
    Harm,
    HumanDecision,
    PolicyRejection,
    ProposalSpec,
    RuleViolations,
    RunDeadlineExceeded,
    ToolCall,
    ToolOutcome,
    ToolResult,
    ToolResultEvent,
    ToolScope,
    ToolSpec,
    Trace,
    Violation,
    WorldHooks,
)


@dataclass
class Limits:
    """Generic guardrails that hold for every world."""

    max_tool_calls: int = 60
    max_steps: int = 60  # LangGraph recursion limit (super-steps)
    timeout_s: float = 120.0


_AGENT_NOTE_FIELDS = ("rationale", "confidence")


class Gateway:
    """One run's tool path. ``tools``: every tool the agent gets, interaction tools included
    (``sandbox.control.tool_specs(world)``); ``user``: the world's word for its user."""

    def __init__(
        self,
        env: Env,
        tools: Sequence[ToolSpec],
        hooks: WorldHooks,
        policy: Policy,
        trace: Trace,
        limits: Limits | None = None,
        deadline: float | Deadline | None = None,
        *,
        user: str = "user",
    ):
        self.env = env
        self.tools = {t.name: t for t in tools}
        self.user = user
        self._proposal = next((t for t in tools if isinstance(t, ProposalSpec)), None)
        self.hooks = hooks
        self.policy = policy
        self.trace = trace
        self.limits = limits or Limits()
        self.deadline = deadline
        self._stated = Stated()
        self._lock = threading.RLock()
        self._keys = CallKeys()
        self.interrupts = 0
        self.blocks = 0

    # -- the one path ---------------------------------------------------------------------------
    def call(
        self,
        name: str,
        raw_args: object,
        call_id: str | None = None,
        *,
        site: Site | None = None,
        scope: ToolScope | None = None,
    ) -> ToolResult:
        """Run one tool call through guardrails, the override policy and the world.

        ``raw_args``: the arguments as the model sent them (an object, or the text of a malformed
        call). ``site``: the graph node execution making the call (``call_keys.current_site()``), so a
        replay of this call, and only of this call, gets its recorded result. ``scope``: the tools the
        agent's current phase offers (``AgentContext.phase_tools``), if it scopes them.
        """
        with self._lock:
            call_id = self._keys.key(
                name, raw_args, call_id, site, lambda key: self.env.lookup(key) is not None
            )
            recorded = self.env.lookup(call_id)
            if recorded is not None:
                self._replay_checkpoint(call_id)
                return recorded
            self._check_deadline()
            spec = self.tools.get(name)
            if spec is not None and spec.role == CONTROL:
                return answer_control(self.trace, call_id, spec, raw_args, scope)
            args, parse_error = parse_args(raw_args)
            notes = {
                k: args.pop(k) for k in _AGENT_NOTE_FIELDS if k in args and spec and spec.kind == "WRITE"
            }
            # the call as the tool gets it: a WRITE's notes (rationale, confidence) are not arguments
            call = ToolCall(id=call_id, tool=name, args=args if parse_error is None else raw_args)
            self.trace.add(call, key=f"call:{call_id}")
            if parse_error is not None or spec is None:
                msg = parse_error or f"unknown tool {name!r}; known tools: {', '.join(sorted(self.tools))}"
                code = "invalid_argument" if parse_error else "unknown_tool"
                return self._finish(call_id, name, args, ToolResult.failure(code, msg))
            if scope is not None and name not in scope.tools:
                refused = ToolResult.failure("not_in_phase", scope.refusal(name))
                return self._finish(call_id, name, args, refused)
            self._remember(spec, args, notes)
            harms = judge(self.hooks, spec, args)  # before the guardrails and the human
            blocked = self._guardrails(call_id, spec, args)
            if blocked is not None:
                record(self.trace, call_id, name, fates(harms, "guardrail"))
                return self._finish(call_id, name, args, blocked)
            facts = self._facts(spec, args)
            decision = self.policy.decide(facts)
            if decision.outcome == "reject":
                self.blocks += 1
                rejection = PolicyRejection(id=call_id, tool=name, rule=decision.rule, reason=decision.reason)
                self.trace.add(rejection, key=f"block:{call_id}")
                record(self.trace, call_id, name, fates(harms, "guardrail"))
                msg = f"the override policy rejected this call ({decision.rule})"
                return self._finish(call_id, name, args, ToolResult.failure("rejected_by_policy", msg))
            human: DecisionIn | None = None
            if decision.outcome == "ask" or spec.role == QUESTION:
                human = self._checkpoint(call_id, spec, args, facts, decision, noted="confidence" in notes)
            return self._execute(call_id, spec, args, human, harms)

    # -- steps ----------------------------------------------------------------------------------
    def _replay_checkpoint(self, call_id: str) -> None:
        """Re-issue a replayed call's ``interrupt()``.

        LangGraph matches resume values to ``interrupt()`` calls by their position within the node.
        When a node re-runs, a call already executed returns its recorded result; if it had stopped
        at a checkpoint, it must still take its place in that order, or the next call's decision
        would be handed the earlier call's answer. The returned value is the earlier decision.
        """
        for event in self.trace.of_type(CheckpointEvent):
            if event.data.call_id == call_id:
                try:
                    get_config()
                except RuntimeError:  # called outside a graph (a direct call): nothing to align
                    return
                interrupt(event.data.model_dump(mode="json"))
                return

    def _guardrails(self, call_id: str, spec: ToolSpec, args: dict[str, Any]) -> ToolResult | None:
        done = self.trace.count(ToolResultEvent)
        violations: list[tuple[str, str]] = []
        if done >= self.limits.max_tool_calls:
            violations.append(
                ("max_tool_calls", f"this run has used its {self.limits.max_tool_calls} tool calls")
            )
        elif spec.kind == "WRITE":
            violations = self.hooks.guardrails(spec.name, args)
        if not violations:
            return None
        self.blocks += 1
        found = [Violation(rule=r, message=m) for r, m in violations]
        self.trace.add(
            RuleViolations(id=call_id, tool=spec.name, args=args, violations=found), key=f"block:{call_id}"
        )
        text = "; ".join(f"{r}: {m}" for r, m in violations)
        return ToolResult.failure("blocked", f"guardrail blocked {spec.name}: {text}")

    def _facts(self, spec: ToolSpec, args: dict[str, Any]) -> CallFacts:
        budget, remaining = self.hooks.budget()
        proposal = spec.role == PROPOSAL
        amount = self.hooks.quote(spec.name, args)  # a plan's too: from its items, never its stated total
        confidence = args.get("confidence") if proposal else self._stated.confidence
        return CallFacts(
            tool=spec.name,
            kind=spec.kind,
            role=spec.role,
            amount=float(amount) if isinstance(amount, int | float) else None,
            budget=budget,
            budget_remaining=remaining,
            confidence=float(confidence) if isinstance(confidence, int | float) else None,
            calls=self.trace.count(ToolResultEvent),
        )

    def _checkpoint(
        self,
        call_id: str,
        spec: ToolSpec,
        args: dict[str, Any],
        facts: CallFacts,
        decision: PolicyDecision,
        *,
        noted: bool,
    ) -> DecisionIn:
        kind: CheckpointKind = (
            "question" if spec.role == QUESTION else "proposal" if spec.role == PROPOSAL else "tool"
        )
        stop = Stop(
            decision.rule,
            decision.reason,
            facts.amount,
            facts.budget,
            facts.budget_remaining,
            facts.confidence,
        )
        payload = checkpoint_payload(
            kind, call_id, spec, args, stop, self.hooks, self._stated, noted=noted, trace=self.trace
        )
        if kind == "proposal":
            payload = payload.model_copy(update={"stated_total": stated_total(args)})
        self.trace.add(payload, key=f"checkpoint:{call_id}")
        raw = interrupt(
            payload.model_dump(mode="json")
        )  # pauses the graph; returns the human's decision on resume
        seconds = None
        if isinstance(raw, dict) and SECONDS in raw:  # the harness's note of the human's time
            raw = dict(raw)
            taken = raw.pop(SECONDS)
            seconds = round(float(taken), 3) if isinstance(taken, int | float) and taken >= 0 else None
        try:
            human = DecisionIn.model_validate(raw)
        except ValidationError as exc:
            human = DecisionIn(
                decision="reject", reason=f"unreadable decision from the human: {exc.errors()[0]['msg']}"
            )
        self.interrupts = self.trace.count(CheckpointEvent)
        said = HumanDecision(
            id=call_id, tool=spec.name, **human.model_dump(exclude_none=True), seconds=seconds
        )
        self.trace.add(said, key=f"decision:{call_id}")
        return human

    def _execute(
        self,
        call_id: str,
        spec: ToolSpec,
        args: dict[str, Any],
        human: DecisionIn | None,
        harms: list[Harm] | None = None,
    ) -> ToolResult:
        harms = harms or []
        settle = functools.partial(record, self.trace, call_id, spec.name)  # a harm's fate, once known
        if human is not None and (bad := edit_error(human, spec.name, self.tools.values())):
            settle(fates(harms, "human"))  # the call does not run
            return self._finish(call_id, spec.name, args, ToolResult.failure("invalid_edit", bad[1], bad[0]))
        if spec.kind == "INTERACT":
            settle(plan_fates(self.hooks, spec, args, human, harms))
            return self._finish(call_id, spec.name, args, interaction_result(spec, args, human, self.user))
        if human is not None and human.decision == "reject":
            settle(fates(harms, "human"))
            msg = f"the human rejected {spec.name}: {human.reason or 'no reason given'}"
            return self._finish(call_id, spec.name, args, ToolResult.failure("rejected", msg))
        if human is not None and human.decision == "respond":
            settle(fates(harms, "human"))
            answer = ToolResult.success({"human_response": human.text or "", "executed": False})
            return self._finish(call_id, spec.name, args, answer, executed=False)
        if human is not None and human.decision == "edit":
            arg_for = self._proposal.arg_for if self._proposal is not None else None
            edited = apply_edit(args, human, self._stated.items, self._stated.alternatives, arg_for)
            if isinstance(edited, str):
                settle(fates(harms, "human"))
                return self._finish(call_id, spec.name, args, ToolResult.failure("invalid_edit", edited))
            args = edited
            self.trace.add(EditApplied(id=call_id, tool=spec.name, edited_args=args), key=f"edited:{call_id}")
            gone, kept, added = after_edit(harms, judge(self.hooks, spec, args))
            blocked = self._guardrails(call_id, spec, args)  # an edit is a new call: check it again
            fate = "guardrail" if blocked is not None else "none"
            settle(fates(gone, "human") + fates(kept, fate) + fates(added, fate, "human"))
            if blocked is not None:
                return self._finish(call_id, spec.name, args, blocked)
        else:
            settle(fates(harms, "none"))
        result = self.env.call(spec.name, args, call_id)
        fault = self.env.fault_for(call_id)
        if fault:
            self.trace.add(Fault(id=call_id, tool=spec.name, fault=fault), key=f"fault:{call_id}")
        outcome = ToolOutcome(id=call_id, tool=spec.name, ok=result.ok, result=jsonable(result))
        self.trace.add(outcome, key=f"result:{call_id}")
        return result

    def _finish(
        self, call_id: str, name: str, args: dict[str, Any], result: ToolResult, *, executed: bool = True
    ) -> ToolResult:
        """Record a result the world did not produce (blocked, rejected, answered), so replays see it.

        ``executed=False`` marks a call a human answered instead of running it: scoring must not
        count it as the call having happened.
        """
        self.env.record(call_id, name, args, result)
        outcome = ToolOutcome(id=call_id, tool=name, ok=result.ok, result=jsonable(result), executed=executed)
        self.trace.add(outcome, key=f"result:{call_id}")
        return result

    def _remember(self, spec: ToolSpec, args: dict[str, Any], notes: dict[str, Any]) -> None:
        if spec.role == PROPOSAL:
            self._stated = Stated(
                args.get("rationale"),
                args.get("confidence"),
                list(args.get("alternatives") or []),
                list(args.get("items") or []),
                [str(a) for a in args.get("assumptions") or []],
                "plan",
            )
        elif notes:
            self._stated = dataclasses.replace(
                self._stated,
                rationale=notes.get("rationale", self._stated.rationale),
                confidence=notes.get("confidence", self._stated.confidence),
                source="call",
            )

    def _check_deadline(self) -> None:
        at = self.deadline.at if isinstance(self.deadline, Deadline) else self.deadline
        if at is not None and time.monotonic() > at:
            raise RunDeadlineExceeded(f"run exceeded its time limit of {self.limits.timeout_s:g} s")

    # -- persistence (a paused run restored in another process) ----------------------------------
    def stated(self) -> dict[str, Any]:
        """What the agent last said about its plan (rationale, confidence, alternatives, items), and
        the keys its calls were recorded under (``call_keys``): what a restored run needs."""
        return {**dataclasses.asdict(self._stated), "call_keys": self._keys.dump()}

    def restore_stated(self, data: dict[str, Any]) -> None:
        data = dict(data)
        self._keys.load(data.pop("call_keys", None) or {})
        self._stated = Stated(**data)

    # -- views ----------------------------------------------------------------------------------
    def langchain_tools(self, only: Sequence[str] | None = None) -> list[BaseTool]:
        names = [n for n in self.tools if only is None or any(fnmatch.fnmatch(n, p) for p in only)]
        return [GatewayTool.for_spec(self.tools[n], self) for n in names]
