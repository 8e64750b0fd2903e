"""The runner: one scenario x one trial -> a scored ``RunResult``; batches run many, concurrently.

``run`` builds the run's world env, the gateway (guardrails + override policy + tracing), the
gateway-wrapped tools and the agent's graph; it streams the graph, hands every checkpoint to the
human, resumes with ``Command(resume={interrupt_id: decision})`` and finally scores the run from the
world's final state and the trace. Any exception, time-out or model failure inside one run marks
that run ``error`` with the reason; it never escapes ``run``.
"""

from __future__ import annotations

import time
import traceback
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from sandbox.agent import AgentContext, is_privileged
from sandbox.gateway import Gateway, Limits, RunDeadlineExceeded
from sandbox.humans import make_human
from sandbox.policy import load_policy
from sandbox.registry import agents, worlds
from sandbox.results import RunResult
from sandbox.scenario import ScenarioBase
from sandbox.scoring import combine
from sandbox.trace import Trace
from sandbox.trace_callbacks import ModelCallCounter


@dataclass
class RunOptions:
    agent: str = "reference"
    model: str = "scripted"
    human: str = "scripted"
    policy: str | None = None  # preset name or file; None: the scenario's own, else the default preset
    trial: int = 0
    seed: int | None = None
    temperature: float = 0.0  # for models that use one (noisy, openai)
    limits: Limits = field(default_factory=Limits)
    base_dir: Path | None = None  # where relative policy files are looked up (the scenario's folder)


def _policy_label(ref: Any) -> str:
    if ref is None:
        return "default"
    return ref if isinstance(ref, str) else (getattr(ref, "name", None) or "inline")


def run(scenario: ScenarioBase, options: RunOptions | None = None, *, checkpointer: Any = None) -> RunResult:
    """Run one scenario once. Never raises for a failing run: it returns status ``error`` instead."""
    o = options or RunOptions()
    run_id = uuid.uuid4().hex[:12]
    started = datetime.now(UTC)
    t0 = time.monotonic()
    trace = Trace()
    policy_ref = o.policy if o.policy is not None else scenario.policy
    world_name = getattr(getattr(scenario, "world", None), "name", "travel")
    seed = o.seed if o.seed is not None else getattr(getattr(scenario, "world", None), "seed", 0)
    base = dict(
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
    env = None
    gateway: Gateway | None = None
    counter = ModelCallCounter(trace)
    final = ""
    try:
        world = worlds.get(world_name)
        factory = agents.get(o.agent)
        policy = load_policy(policy_ref, base_dir=o.base_dir)
        env = world.new_env(scenario, trial=o.trial)
        gateway = Gateway(
            env, world.tools, world.hooks(env), policy, trace, o.limits, deadline=t0 + o.limits.timeout_s
        )
        human = make_human(o.human, scenario, lambda q: world.answer(scenario, q))
        privileged = {"plan": world.reference_plan(scenario)} if is_privileged(factory) else {}
        model = _resolve_model(factory, o, scenario, seed)
        ctx = AgentContext(
            model=model,
            tools=gateway.langchain_tools(),
            policy_text=world.briefing(scenario),
            checkpointer=checkpointer or InMemorySaver(),
            privileged=privileged,
        )
        graph = factory(ctx)
        trace.add(
            "run_start",
            {"scenario": scenario.id, "agent": o.agent, "model": o.model, "policy": base["policy"]},
        )
        final = _drive(graph, scenario.request, run_id, human, trace, counter, o.limits, t0)
        world_score = world.score(scenario, env, trace.events, final)
        scores = combine(scenario, world_score, trace.events)
        trace.add("run_end", {"status": "done", "overall": scores.overall, "passed": scores.passed})
        return RunResult(
            **base,
            status="done",
            scores=scores,
            spend=world_score.spend,
            budget=world_score.budget_limit,
            final_message=final,
            state_hash=env.state_hash(),
            **_process(trace, counter, gateway, t0),
        )
    except Exception as exc:  # noqa: BLE001 - one failing run must never take down a batch
        reason = _reason(exc)
        trace.add("error", {"reason": reason, "traceback": traceback.format_exc(limit=8)})
        trace.add("run_end", {"status": "error"})
        return RunResult(
            **base,
            status="error",
            error=reason,
            final_message=final,
            state_hash=env.state_hash() if env is not None else None,
            **_process(trace, counter, gateway, t0),
        )


def _drive(
    graph: Any, request: str, run_id: str, human: Any, trace: Trace, counter: Any, limits: Limits, t0: float
) -> str:
    config = {
        "configurable": {"thread_id": run_id},
        "recursion_limit": limits.max_steps,
        "callbacks": [counter],
    }
    payload: Any = {"messages": [HumanMessage(content=request)]}
    trace.add("message", {"role": "user", "content": request})
    last_ai = ""
    while True:
        pending: list[Any] = []
        for chunk in graph.stream(payload, config, stream_mode="updates"):
            if time.monotonic() - t0 > limits.timeout_s:
                raise RunDeadlineExceeded(f"run exceeded its time limit of {limits.timeout_s:g} s")
            for node, update in chunk.items():
                if node == "__interrupt__":
                    pending.extend(update)
                    continue
                for msg in _messages(update):
                    if isinstance(msg, AIMessage):
                        last_ai = _text(msg)
                        calls = [
                            {"id": c.get("id"), "name": c["name"], "args": c["args"]} for c in msg.tool_calls
                        ]
                        trace.add(
                            "message",
                            {"role": "assistant", "node": node, "content": last_ai, "tool_calls": calls},
                        )
        if not pending:
            return last_ai
        payload = Command(resume={i.id: human.decide(i.value) for i in pending})


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


def _process(trace: Trace, counter: Any, gateway: Gateway | None, t0: float) -> dict[str, Any]:
    return dict(
        interrupts=trace.count("checkpoint"),
        guardrail_blocks=trace.count("guardrail_block"),
        tool_calls=trace.count("tool_result"),
        model_calls=counter.calls,
        tokens=counter.tokens,
        duration_s=round(time.monotonic() - t0, 4),
        trace=list(trace.events),
    )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}" if not text.startswith(exc.__class__.__name__) else text
