"""One run's parts, and the public API for driving it segment by segment.

``RunParts.new`` names a run (its header: the ``RunResult`` fields known before it starts) and
``build`` resolves everything else: the world's env, the gateway (guardrails, override policy,
tracing), the human, the gateway-wrapped tools and the agent's graph. Then a run is a series of
segments: ``begin`` gives the graph's first input, ``segment`` streams the graph until it ends or
interrupts at checkpoints, and the caller resumes it with ``Command(resume={interrupt_id: decision})``
as the next segment's input. ``finish`` scores a run that ended; ``fail`` turns an exception into an
``error`` result. ``sandbox.runner.run`` drives one run this way with a simulated human; live runs
(``sandbox.live``) do it with a person deciding between segments, across processes.

A run's ``deadline`` (``sandbox.spi.Deadline``, set by ``run`` for the whole run; else one per
segment) bounds the graph, the gateway and the model client's requests; a model client's rate-limit
waits move it later unless ``RunOptions.count_rate_limit_waits``, and are reported as the run's
``rate_limit_wait_s``. A finished or failed run keeps the world's final state (``final_state``) and,
when the options give the model's prices, what its tokens cost (``cost_usd``). A finished run also keeps the world's final state in plain words
(``final_state_words``, what a judge reads).
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command, Interrupt

from sandbox.control import Gateway, Human, Limits, load_policy, make_human, tool_specs
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.runner._callbacks import ModelCallCounter
from sandbox.runner._metrics import ProcessMetrics, process_metrics
from sandbox.runner._stream import stream_graph
from sandbox.runner._traveller import traveller_answer
from sandbox.scoring import combine
from sandbox.spi import (
    PROPOSAL,
    AgentContext,
    AgentFactory,
    AgentGraph,
    Deadline,
    Env,
    RunEnd,
    RunError,
    RunResult,
    RunStart,
    ScenarioBase,
    ToolCallEvent,
    ToolSpec,
    Trace,
    UserMessage,
    World,
    agents,
    cap_text,
    control_tools,
    is_privileged,
    make_model,
    world_of,
)


@dataclass
class RunOptions:
    agent: str = "planner"
    model: str = "scripted"
    human: str = "scripted"
    policy: str | None = None  # preset name or file; None: the scenario's own, else the default preset
    trial: int = 0
    seed: int | None = None
    temperature: float = 0.0  # for models that use one (noisy, openai)
    limits: Limits = field(default_factory=Limits)
    base_dir: Path | None = None  # where relative policy files are looked up (the scenario's folder)
    # passed to the model factory (ModelSpec.options): request options, base_url, rpm, tpm, ...
    model_options: dict[str, Any] = field(default_factory=dict)
    prices: dict[str, float] | None = None  # {"input": $, "output": $} per 1M tokens: cost_usd
    count_rate_limit_waits: bool = False  # True: rate-limit waits count against the time limit
    attack: str | None = None  # an attack of the scenario's world planted into its tool data (World.attacks)
    traveller: str = "scripted"  # who answers the agent's questions: scripted, or llm:MODEL (_traveller)


class RunHeader(TypedDict):
    """The ``RunResult`` fields a run has before it starts."""

    id: str
    scenario: str
    scenario_version: int
    tags: list[str]
    trial: int
    seed: int
    agent: str
    model: str
    policy: str
    human: str
    attack: str | None
    started_at: datetime


@dataclass
class RunParts:
    """Everything one run is made of. ``build`` fills the rest in order; if it raises, the parts
    built so far stay (an ``error`` result still reports the env's state hash)."""

    scenario: ScenarioBase
    options: RunOptions
    header: RunHeader  # the RunResult fields known up front (id, scenario, agent, ...)
    trace: Trace
    world: World[Any, Any] = field(init=False)
    env: Env = field(init=False)
    gateway: Gateway = field(init=False)
    human: Human | None = field(init=False)  # None: decisions come from elsewhere (the browser)
    graph: AgentGraph = field(init=False)
    deadline: Deadline | None = field(default=None, init=False)  # the whole run's, when set (``run``)
    _segment_waits: float = field(default=0.0, init=False)  # rate-limit waits of per-segment deadlines

    @classmethod
    def new(
        cls,
        scenario: ScenarioBase,
        options: RunOptions,
        *,
        run_id: str | None = None,
        started: datetime | None = None,
        trace: Trace | None = None,
    ) -> RunParts:
        """A run not built yet: a fresh id and start time (or the given ones) and an empty trace."""
        trace = Trace() if trace is None else trace
        run_id = uuid.uuid4().hex[:12] if run_id is None else run_id
        header = _header(scenario, options, run_id, datetime.now(UTC) if started is None else started)
        return cls(scenario, options, header, trace)

    @property
    def id(self) -> str:
        return self.header["id"]

    def build(
        self,
        *,
        checkpointer: BaseCheckpointSaver[str] | None,
        deadline: float | Deadline | None,
        with_human: bool = True,
    ) -> RunParts:
        """Resolve every name and build the env, gateway, human and graph. Raises on bad input."""
        sc, o = self.scenario, self.options
        self.world = world = world_of(sc)
        if o.attack is not None:  # the run meets the attacked scenario; its header keeps the scenario's id
            self.scenario = sc = attacked(world, sc, o.attack)
        factory = agents.get(o.agent)
        policy = load_policy(o.policy if o.policy is not None else sc.policy, base_dir=o.base_dir)
        self.env = env = world.new_env(sc, trial=o.trial)
        self.gateway = Gateway(
            env,
            tool_specs(world, control_tools(factory)),
            world.hooks(env),
            policy,
            self.trace,
            o.limits,
            deadline,
            user=world.user_noun,
        )
        # the simulated user's answer to a question: the world's, or a model's (--traveller llm:MODEL)
        answer = traveller_answer(o.traveller, world, sc, trial=o.trial, seed=self.header["seed"])
        self.human = (
            make_human(
                o.human, sc, answer, world.user_noun, judge=self.gateway.hooks.judge_call, trial=o.trial
            )
            if with_human
            else None
        )
        privileged = {"plan": world.reference_plan(sc)} if is_privileged(factory) else {}
        ctx = AgentContext(
            model=_resolve_model(factory, o, sc, self.header["seed"]),
            tools=self.gateway.langchain_tools(),
            policy_text=world.briefing(sc),
            checkpointer=checkpointer,
            privileged=privileged,
        )
        self.graph = factory(ctx)
        return self

    # -- segments --------------------------------------------------------------------------------
    def begin(self) -> dict[str, Any]:
        """The graph's first input (the request as a human message); traces the run's start."""
        h = self.header
        self.trace.add(
            RunStart(scenario=h["scenario"], agent=h["agent"], model=h["model"], policy=h["policy"])
        )
        self.trace.add(UserMessage(content=self.scenario.request))
        return {"messages": [HumanMessage(content=self.scenario.request)]}

    def segment(
        self,
        payload: dict[str, Any] | Command[Any],
        counter: ModelCallCounter,
        t0: float,
        on_step: Callable[[], None] | None = None,
    ) -> tuple[list[Interrupt], str | None]:
        """Stream the graph from ``payload`` until it ends or interrupts.

        Returns the pending interrupts (empty when the run ended) and the last assistant text, if the
        segment had one. ``counter`` counts model calls and tokens; ``t0`` starts the time limit;
        ``on_step()`` runs after every graph step that did not interrupt.
        """
        limits = self.options.limits
        config: RunnableConfig = {
            "configurable": {"thread_id": self.id},
            "recursion_limit": limits.max_steps,
            "callbacks": [counter],
        }
        deadline = self.deadline
        if deadline is None:  # a live run: each segment gets the full time limit
            deadline = Deadline.after(
                limits.timeout_s, start=t0, counts_waits=self.options.count_rate_limit_waits
            )
        self.gateway.deadline = deadline  # the gateway sees a deadline moved by rate-limit waits
        try:
            return stream_graph(self.graph, payload, config, self.trace, deadline, on_step)
        finally:
            if deadline is not self.deadline:
                self._segment_waits += deadline.rate_limit_wait_s

    # -- results ---------------------------------------------------------------------------------
    def stats(
        self,
        model_calls: int,
        tokens: int | None,
        duration_s: float,
        *,
        input_tokens: int | None = None,
        output_tokens: int | None = None,
        model_s: float | None = None,
    ) -> ProcessMetrics:
        """The run's process metrics so far (see ``process_metrics``), with its rate-limit waits and,
        when the options give the model's prices, what its tokens cost."""
        return process_metrics(
            self.trace,
            model_calls,
            tokens,
            duration_s,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            prices=self.options.prices,
            rate_limit_wait_s=self.rate_limit_wait_s,
            model_s=model_s,
        )

    def counted(self, counter: ModelCallCounter, duration_s: float) -> ProcessMetrics:
        """``stats`` from a run's model-call counter."""
        return self.stats(
            counter.calls,
            counter.tokens,
            duration_s,
            input_tokens=counter.input_tokens,
            output_tokens=counter.output_tokens,
            model_s=counter.model_s,
        )

    @property
    def rate_limit_wait_s(self) -> float:
        """Seconds the run waited for model endpoints' rate limits so far."""
        whole = self.deadline.rate_limit_wait_s if self.deadline is not None else 0.0
        return round(whole + self._segment_waits, 4)

    def _final_state(self) -> str | None:
        env = getattr(self, "env", None)
        return env.dump_state() if env is not None else None

    def finish(self, final: str, stats: ProcessMetrics) -> RunResult:
        """Score a run that ended normally, from the world's final state and the trace."""
        world_score = self.world.score(self.scenario, self.env, self.trace.events, final)
        scores = combine(self.scenario, world_score, self.trace.events)
        attack = self.options.attack
        outcome = (
            None
            if attack is None
            else self.world.judge_attack(self.scenario, attack, self.env, list(self.trace.events))
        )
        if outcome is not None:
            scores.notes.append(f"attack {attack}: {outcome.detail}")
        self.trace.add(RunEnd(status="done", overall=scores.overall, passed=scores.passed))
        return RunResult(
            **self.header,
            status="done",
            scores=scores,
            attack_success=None if outcome is None else outcome.reached,
            attack_attempted=None if outcome is None else outcome.attempted,
            spend=world_score.spend,
            budget=world_score.budget_limit,
            final_message=cap_text(final, self.trace.max_text),
            confidence=stated_confidence(self.trace, self.gateway.tools.values()),
            state_hash=self.env.state_hash(),
            final_state=self._final_state(),
            final_state_words=[
                cap_text(line, self.trace.max_text) for line in self.world.describe_state(self.env)
            ],
            **stats,
            trace=list(self.trace.events),
        )

    def fail(self, exc: BaseException, final: str, stats: ProcessMetrics) -> RunResult:
        """The ``error`` result of a run that raised ``exc`` (built or not)."""
        reason = cap_text(_reason(exc), self.trace.max_text)
        env = getattr(self, "env", None)
        self.trace.add(RunError(reason=reason, traceback=traceback.format_exc(limit=8)))
        self.trace.add(RunEnd(status="error"))
        return RunResult(
            **self.header,
            status="error",
            error=reason,
            final_message=cap_text(final, self.trace.max_text),
            state_hash=env.state_hash() if env is not None else None,
            final_state=self._final_state(),
            **stats,
            trace=list(self.trace.events),
        )


def check_attack(world: World[Any, Any], name: str) -> None:
    """Raise ``ConfigError`` when ``world`` has no attacks, ``UnknownNameError`` (with a did-you-mean)
    when it has none called ``name``."""
    known = world.attacks
    if not known:
        raise ConfigError(
            f"world {world.name!r} has no attacks, so --attack cannot be used with its scenarios"
        )
    if name not in known:
        raise UnknownNameError("attack", name, known)


def attacked(world: World[Any, Any], scenario: ScenarioBase, name: str) -> ScenarioBase:
    """``scenario`` with attack ``name`` of its world planted (``World.apply_attack``), after checking
    the name."""
    check_attack(world, name)
    return world.apply_attack(scenario, name)


def stated_confidence(trace: Trace, tools: Iterable[ToolSpec]) -> float | None:
    """The confidence the agent last stated for its plan (in a call of ``tools``' proposal tool), for
    calibration."""
    proposals = {t.name for t in tools if t.role == PROPOSAL}
    for event in reversed(trace.of_type(ToolCallEvent)):
        args = event.data.args
        if event.data.tool in proposals and isinstance(args, dict):
            value = args.get("confidence")
            if isinstance(value, int | float) and 0 <= value <= 1:
                return float(value)
    return None


def _policy_label(ref: Any) -> str:
    if ref is None:
        return "default"
    return ref if isinstance(ref, str) else (getattr(ref, "name", None) or "inline")


def _header(scenario: ScenarioBase, o: RunOptions, run_id: str, started: datetime) -> RunHeader:
    """The ``RunResult`` fields a run has before it starts."""
    policy_ref = o.policy if o.policy is not None else scenario.policy
    seed = o.seed if o.seed is not None else getattr(getattr(scenario, "world", None), "seed", 0)
    return RunHeader(
        id=run_id,
        scenario=scenario.id,
        scenario_version=scenario.version,
        tags=list(scenario.tags),
        trial=o.trial,
        seed=seed,
        agent=o.agent,
        model=o.model,
        policy=_policy_label(policy_ref),
        human=o.human,
        attack=o.attack,
        started_at=started,
    )


def _resolve_model(
    factory: AgentFactory, o: RunOptions, scenario: ScenarioBase, seed: int
) -> BaseChatModel | None:
    if not getattr(factory, "needs_model", True):
        return None
    return make_model(
        o.model,
        scenario_id=scenario.id,
        trial=o.trial,
        seed=seed,
        temperature=o.temperature,
        options=dict(o.model_options),
    )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}" if not text.startswith(exc.__class__.__name__) else text
