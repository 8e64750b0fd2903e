"""The runner: one scenario x one trial -> a scored ``RunResult``.

``run`` builds the run's parts (``RunParts``: the world env, the gateway with guardrails, override
policy and tracing, the gateway-wrapped tools and the agent's graph), streams the graph segment by
segment, hands every checkpoint to the simulated human, resumes with
``Command(resume={interrupt_id: decision})`` and finally scores the run from the world's final state
and the trace. Any exception, time-out or model failure inside one run marks that run ``error`` with
the reason; it never escapes ``run``. Live runs (``sandbox.live``) use the same parts, segment by
segment, with a person deciding between segments.

While a graph streams, the run's deadline is published to the code it calls
(``sandbox.spi.current_deadline``), so a model client bounds its requests by the time left. Time the
client waits for an endpoint's rate limit moves the deadline later (unless
``RunOptions.count_rate_limit_waits``) and is reported as ``rate_limit_wait_s``. Every text
the run keeps is capped (``TRAVEL_SANDBOX_MAX_STORED_TEXT``, see ``sandbox.spi.cap_text``): its trace,
final message and error.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from sandbox.runner._callbacks import ModelCallCounter
from sandbox.runner._parts import RunOptions, RunParts
from sandbox.settings import get_settings
from sandbox.spi import Deadline, RunResult, ScenarioBase


def run(scenario: ScenarioBase, options: RunOptions | None = None, *, checkpointer: Any = None) -> RunResult:
    """Run one scenario once. Never raises for a failing run: it returns status ``error`` instead.

    The run executes in its own thread so that its time limit bounds the wall time even when a node
    blocks (a hung model call): past the limit the run is reported ``error`` and abandoned; the
    gateway refuses its further tool calls, so it cannot change the world afterwards.
    """
    o = options or RunOptions()
    t0 = time.monotonic()
    parts = RunParts.new(scenario, o)
    parts.deadline = deadline = Deadline.after(
        o.limits.timeout_s, start=t0, counts_waits=o.count_rate_limit_waits
    )
    counter = ModelCallCounter(parts.trace)
    box: dict[str, RunResult] = {}

    def body() -> None:
        box["result"] = _run_body(parts, checkpointer, counter, t0)

    worker = threading.Thread(target=body, name=f"run-{parts.id}", daemon=True)
    worker.start()
    grace = min(1.0, 0.1 * o.limits.timeout_s + 0.05)
    while True:  # a rate-limit wait moves the deadline later while we wait for it
        worker.join(max(0.0, deadline.remaining()) + grace)
        if not worker.is_alive() or deadline.remaining() + grace <= 0:
            break
    if "result" in box:
        return box["result"]
    return parts.fail(deadline.exceeded(), "", parts.counted(counter, time.monotonic() - t0))


def _run_body(parts: RunParts, checkpointer: Any, counter: ModelCallCounter, t0: float) -> RunResult:
    final = ""
    try:
        parts.trace.max_text = get_settings().max_stored_text
        parts.build(checkpointer=checkpointer or InMemorySaver(), deadline=parts.deadline)
        payload: Any = parts.begin()
        said = ""
        while True:
            pending, last = parts.segment(payload, counter, t0)
            said = last if last is not None else said
            if not pending:
                break
            assert parts.human is not None
            payload = Command(resume={i.id: parts.human.decide(i.value) for i in pending})
        final = said
        return parts.finish(final, parts.counted(counter, time.monotonic() - t0))
    except Exception as exc:  # noqa: BLE001 - one failing run must never take down a batch
        return parts.fail(exc, final, parts.counted(counter, time.monotonic() - t0))
