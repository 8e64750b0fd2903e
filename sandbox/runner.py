"""The runner: one scenario x one trial -> a scored ``RunResult``; batches run many, concurrently.

``run`` builds the run's parts (``build_parts``: the world env, the gateway with guardrails, override
policy and tracing, the gateway-wrapped tools and the agent's graph), streams the graph
(``stream_segment``), hands every checkpoint to the human, resumes with
``Command(resume={interrupt_id: decision})`` and finally scores the run from the world's final state
and the trace (``finish``). Any exception, time-out or model failure inside one run marks that run
``error`` with the reason (``failure``); it never escapes ``run``. Live runs (``sandbox.live``) use
the same parts, segment by segment, with a person deciding between segments.

While a graph streams, the run's deadline is published to the code it calls (``sandbox.deadline``), so
a model client bounds its requests by the time left. Every text the run keeps is capped
(``TRAVEL_SANDBOX_MAX_STORED_TEXT``, see ``sandbox.trace``): its trace, final message and error.
"""

from __future__ import annotations

import threading
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from sandbox.agent import AgentContext, is_privileged
from sandbox.deadline import Deadline, within
from sandbox.gateway import Gateway, Limits, RunDeadlineExceeded
from sandbox.humans import Human, make_human
from sandbox.policy import load_policy
from sandbox.registry import agents, worlds
from sandbox.results import RunResult
from sandbox.scenario import ScenarioBase
from sandbox.scoring import combine
from sandbox.settings import get_settings
from sandbox.trace import Trace, cap_text
from sandbox.trace_callbacks import ModelCallCounter


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


@dataclass
class RunParts:
    """Everything one run is made of. ``build`` fills the rest in order; if it raises, the parts
    built so far stay (an ``error`` result still reports the env's state hash)."""

    scenario: ScenarioBase
    options: RunOptions
    header: dict[str, Any]  # the RunResult fields known up front (id, scenario, agent, ...)
    trace: Trace
    world: Any = field(init=False)
    env: Any = field(init=False)
    gateway: Gateway = field(init=False)
    human: Human | None = field(init=False)  # None: decisions come from elsewhere (the browser)
    graph: Any = field(init=False)

    def build(self, *, checkpointer: Any, deadline: float | None, with_human: bool = True) -> RunParts:
        """Resolve every name and build the env, gateway, human and graph. Raises on bad input."""
        sc, o = self.scenario, self.options
        self.world = world = worlds.get(getattr(getattr(sc, "world", None), "name", "travel"))
        factory = agents.get(o.agent)
        policy = load_policy(o.policy if o.policy is not None else sc.policy, base_dir=o.base_dir)
        self.env = env = world.new_env(sc, trial=o.trial)
        self.gateway = Gateway(env, world.tools, world.hooks(env), policy, self.trace, o.limits, deadline)
        self.human = make_human(o.human, sc, lambda q: world.answer(sc, q)) if with_human else None
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


def _policy_label(ref: Any) -> str:
    if ref is None:
        return "default"
    return ref if isinstance(ref, str) else (getattr(ref, "name", None) or "inline")


def run_header(scenario: ScenarioBase, o: RunOptions, run_id: str, started: datetime) -> dict[str, Any]:
    """The ``RunResult`` fields a run has before it starts."""
    policy_ref = o.policy if o.policy is not None else scenario.policy
    seed = o.seed if o.seed is not None else getattr(getattr(scenario, "world", None), "seed", 0)
    return dict(
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
        started_at=started,
    )


def run(scenario: ScenarioBase, options: RunOptions | None = None, *, checkpointer: Any = None) -> RunResult:
    """Run one scenario once. Never raises for a failing run: it returns status ``error`` instead.

    The run executes in its own thread so that its time limit bounds the wall time even when a node
    blocks (a hung model call): past the limit the run is reported ``error`` and abandoned; the
    gateway refuses its further tool calls, so it cannot change the world afterwards.
    """
    o = options or RunOptions()
    t0 = time.monotonic()
    trace = Trace()
    header = run_header(scenario, o, uuid.uuid4().hex[:12], datetime.now(UTC))
    parts = RunParts(scenario, o, header, trace)
    counter = ModelCallCounter(trace)
    box: dict[str, RunResult] = {}

    def body() -> None:
        box["result"] = _run_body(parts, checkpointer, counter, t0)

    worker = threading.Thread(target=body, name=f"run-{header['id']}", daemon=True)
    worker.start()
    worker.join(o.limits.timeout_s + min(1.0, 0.1 * o.limits.timeout_s + 0.05))
    if "result" in box:
        return box["result"]
    exc = RunDeadlineExceeded(f"run exceeded its time limit of {o.limits.timeout_s:g} s")
    stats = process(trace, counter.calls, counter.tokens, time.monotonic() - t0)
    return failure(header, trace, exc, "", getattr(parts, "env", None), stats)


def _run_body(parts: RunParts, checkpointer: Any, counter: ModelCallCounter, t0: float) -> RunResult:
    scenario, o, header, trace = parts.scenario, parts.options, parts.header, parts.trace
    final = ""
    try:
        trace.max_text = get_settings().max_stored_text
        parts.build(checkpointer=checkpointer or InMemorySaver(), deadline=t0 + o.limits.timeout_s)
        trace.add("run_start", start_event(header))
        payload: Any = start_payload(scenario.request, trace)
        config = graph_config(header["id"], o.limits, counter)
        said = ""
        while True:
            pending, last = stream_segment(parts.graph, payload, config, trace, o.limits, t0)
            said = last if last is not None else said
            if not pending:
                break
            assert parts.human is not None
            payload = Command(resume={i.id: parts.human.decide(i.value) for i in pending})
        final = said
        return finish(parts, final, process(trace, counter.calls, counter.tokens, time.monotonic() - t0))
    except Exception as exc:  # noqa: BLE001 - one failing run must never take down a batch
        stats = process(trace, counter.calls, counter.tokens, time.monotonic() - t0)
        return failure(header, trace, exc, final, getattr(parts, "env", None), stats)


def start_event(header: dict[str, Any]) -> dict[str, Any]:
    return {k: header[k] for k in ("scenario", "agent", "model", "policy")}


def start_payload(request: str, trace: Trace) -> dict[str, Any]:
    """The graph's first input (the request as a human message), traced."""
    trace.add("message", {"role": "user", "content": request})
    return {"messages": [HumanMessage(content=request)]}


def graph_config(run_id: str, limits: Limits, counter: ModelCallCounter) -> dict[str, Any]:
    return {
        "configurable": {"thread_id": run_id},
        "recursion_limit": limits.max_steps,
        "callbacks": [counter],
    }


def stream_segment(
    graph: Any,
    payload: Any,
    config: dict[str, Any],
    trace: Trace,
    limits: Limits,
    t0: float,
    on_step: Callable[[], None] | None = None,
) -> tuple[list[Any], str | None]:
    """Stream the graph until it ends or interrupts: ``(pending interrupts, last assistant text)``.

    Assistant messages are traced as they come; ``on_step()`` is called after every graph step that
    did not interrupt (so what an interrupted step traced is seen only with its pending checkpoints).
    """
    pending: list[Any] = []
    last_ai: str | None = None
    deadline = Deadline.after(limits.timeout_s, start=t0)
    with within(deadline):  # a model call inside a node bounds its wait by the time left
        for chunk in graph.stream(payload, config, stream_mode="updates"):
            if deadline.remaining() < 0:
                raise deadline.exceeded()
            said = _trace_update(chunk, trace, pending)
            last_ai = said if said is not None else last_ai
            if on_step is not None and "__interrupt__" not in chunk:
                on_step()
    return pending, last_ai


def _trace_update(chunk: dict[str, Any], trace: Trace, pending: list[Any]) -> str | None:
    """Trace a step's assistant messages and collect its interrupts; the step's last assistant text."""
    last_ai: str | None = None
    for node, update in chunk.items():
        if node == "__interrupt__":
            pending.extend(update)
            continue
        for msg in _messages(update):
            if isinstance(msg, AIMessage):
                last_ai = _text(msg)
                calls = [{"id": c.get("id"), "name": c["name"], "args": c["args"]} for c in msg.tool_calls]
                event = {"role": "assistant", "node": node, "content": last_ai, "tool_calls": calls}
                meta = msg.response_metadata or {}
                for key in ("injected_mistakes", "model_quirks"):  # what a noisy model did on purpose
                    if meta.get(key):
                        event[key] = meta[key]
                trace.add("message", event)
    return last_ai


def finish(parts: RunParts, final: str, stats: dict[str, Any]) -> RunResult:
    """Score a run that ended normally, from the world's final state and the trace."""
    world_score = parts.world.score(parts.scenario, parts.env, parts.trace.events, final)
    scores = combine(parts.scenario, world_score, parts.trace.events)
    parts.trace.add("run_end", {"status": "done", "overall": scores.overall, "passed": scores.passed})
    return RunResult(
        **parts.header,
        status="done",
        scores=scores,
        spend=world_score.spend,
        budget=world_score.budget_limit,
        final_message=cap_text(final, parts.trace.max_text),
        confidence=stated_confidence(parts.trace),
        state_hash=parts.env.state_hash(),
        **stats,
        trace=list(parts.trace.events),
    )


def stated_confidence(trace: Trace) -> float | None:
    """The confidence the agent last stated for its plan (``propose_itinerary``), for calibration."""
    for event in reversed(trace.of_type("tool_call")):
        args = event.data.get("args")
        if event.data.get("tool") == "propose_itinerary" and isinstance(args, dict):
            value = args.get("confidence")
            if isinstance(value, int | float) and 0 <= value <= 1:
                return float(value)
    return None


def failure(
    header: dict[str, Any], trace: Trace, exc: BaseException, final: str, env: Any, stats: dict[str, Any]
) -> RunResult:
    """The ``error`` result of a run that raised ``exc``."""
    reason = cap_text(_reason(exc), trace.max_text)
    trace.add("error", {"reason": reason, "traceback": traceback.format_exc(limit=8)})
    trace.add("run_end", {"status": "error"})
    return RunResult(
        **header,
        status="error",
        error=reason,
        final_message=cap_text(final, trace.max_text),
        state_hash=env.state_hash() if env is not None else None,
        **stats,
        trace=list(trace.events),
    )


def process(trace: Trace, model_calls: int, tokens: int | None, duration_s: float) -> dict[str, Any]:
    """The process metrics of a run (the trace is added by ``finish``/``failure``)."""
    return dict(
        interrupts=trace.count("checkpoint"),
        guardrail_blocks=trace.count("guardrail_block"),
        tool_calls=trace.count("tool_result"),
        model_calls=model_calls,
        tokens=tokens,
        duration_s=round(duration_s, 4),
    )


def _messages(update: Any) -> list[BaseMessage]:
    if isinstance(update, dict):
        msgs = update.get("messages", [])
        return list(msgs) if isinstance(msgs, list | tuple) else [msgs]
    return []


def _text(msg: AIMessage) -> str:
    if isinstance(msg.content, str):
        return msg.content
    return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in msg.content)


def _resolve_model(factory: Any, o: RunOptions, scenario: ScenarioBase, seed: int) -> Any:
    if not getattr(factory, "needs_model", True):
        return None
    from sandbox.models import make_model

    return make_model(o.model, scenario_id=scenario.id, trial=o.trial, seed=seed, temperature=o.temperature)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}" if not text.startswith(exc.__class__.__name__) else text
