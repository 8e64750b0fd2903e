"""Benchmark a batch at scale: 1,000 runs whose model takes 200 ms per call, at concurrency 256, on the
thread backend and on a local Ray (``--backend ray``). Not part of the test suite.

    .venv/bin/python benchmarks/scale.py [--runs 1000] [--concurrency 256] [--backends threads,ray]

The agent is the planner with the scripted model, slowed down: every model call sleeps ``SLEEP_S``
(200 ms) first, as a remote endpoint would make it wait (``build_slow_planner``, loaded by
``module:attr`` in Ray's workers too). The runs are the shipped scenarios, cycled (trials) up to
``--runs``, each stored as it finishes in a throwaway SQLite store.

1. **Per-run CPU** (calibration): ``--calibrate`` runs one after another without the sleep, timed by
   ``time.process_time``: the CPU one run costs in this process (the gateway, the graph, the world).
2. **Each backend**: the batch's wall time, and two lower bounds on it: ``ideal`` = the model's sleep
   summed over every call of every run / concurrency (what perfect overlap gives), and ``cpu_bound`` =
   total CPU / cores (total CPU = per-run CPU x runs; what the machine's cores can do). Reports
   ``ratio = wall / max(ideal, cpu_bound)`` (1.0: as fast as the machine allows) and runs per second.
   For threads it also reports this process's own CPU (``getrusage``) over the batch.

Prints a table and writes bench-results/scale.json. The machine's other load skews the figures: say
what else ran when quoting them. docs/deployment.md extrapolates them to a cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

from langchain_core.callbacks import BaseCallbackHandler  # noqa: E402

from agents.planner import build as build_planner  # noqa: E402
from sandbox.runner import RunOptions, load_jobs, run, run_batch  # noqa: E402
from sandbox.spi import AgentContext, RunResult  # noqa: E402
from sandbox.store import RunStore  # noqa: E402

SLEEP_S = 0.2
SLOW_AGENT = "benchmarks.scale:build_slow_planner"


class Sleep(BaseCallbackHandler):
    """Makes every chat-model call wait ``SLEEP_S`` first, as a remote endpoint's latency would."""

    def on_chat_model_start(self, serialized: Any, messages: Any, **kwargs: Any) -> None:
        time.sleep(SLEEP_S)


def build_slow_planner(ctx: AgentContext) -> Any:
    """The planner, its model slowed by ``SLEEP_S`` per call."""
    ctx.model.callbacks = [Sleep()]
    return build_planner(ctx)


def cpu_s() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def calibrate(jobs: list[Any], n: int) -> float:
    """CPU seconds per run (no sleep), over ``n`` runs one after another after one warm-up each."""
    sample = jobs[:n]
    for job in sample:  # warm-up: catalog views, the oracle's answers
        run(job.scenario, RunOptions(trial=job.trial, base_dir=job.base_dir))
    t0 = time.process_time()
    for job in sample:
        run(job.scenario, RunOptions(trial=job.trial, base_dir=job.base_dir))
    return (time.process_time() - t0) / len(sample)


def measure(backend: str, jobs: list[Any], concurrency: int, per_run_cpu: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        store = RunStore(f"sqlite:///{Path(tmp) / 'runs.sqlite'}")
        batch = store.start_batch({"benchmark": "scale", "backend": backend})
        cpu0, t0 = cpu_s(), time.monotonic()
        results: list[RunResult] = run_batch(
            jobs,
            RunOptions(agent=SLOW_AGENT, limits=_limits()),
            concurrency=concurrency,
            store=store,
            batch_id=batch,
            backend=backend,
        )
        wall, own_cpu = time.monotonic() - t0, cpu_s() - cpu0
        stored = store.count()
        store.engine.dispose()
    calls = sum(r.model_calls for r in results)
    cores = os.cpu_count() or 1
    ideal = calls * SLEEP_S / concurrency
    cpu_bound = per_run_cpu * len(results) / cores
    return {
        "backend": backend,
        "runs": len(results),
        "done": sum(r.status == "done" for r in results),
        "errors": sum(r.status == "error" for r in results),
        "stored": stored,
        "model_calls": calls,
        "wall_s": round(wall, 2),
        "ideal_s": round(ideal, 2),
        "cpu_bound_s": round(cpu_bound, 2),
        "ratio": round(wall / max(ideal, cpu_bound), 2),
        "runs_per_s": round(len(results) / wall, 2),
        "driver_cpu_s": round(own_cpu, 2),
    }


def _limits() -> Any:
    from sandbox.control import Limits

    return Limits(timeout_s=600.0)  # queued behind 255 others, a run must not time out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=256)
    ap.add_argument("--backends", default="threads,ray")
    ap.add_argument("--calibrate", type=int, default=40, help="runs timed for the per-run CPU")
    args = ap.parse_args()

    all_jobs = load_jobs([ROOT / "scenarios"], trials=1)
    trials = -(-args.runs // len(all_jobs))
    jobs = load_jobs([ROOT / "scenarios"], trials=trials)[: args.runs]
    per_run_cpu = calibrate(all_jobs, min(args.calibrate, len(all_jobs)))
    print(f"per-run CPU: {per_run_cpu * 1000:.1f} ms (mean of {min(args.calibrate, len(all_jobs))} runs)")
    rows = []
    for backend in args.backends.split(","):
        if backend == "ray":
            import ray

            ray.init(
                include_dashboard=False,
                _node_ip_address="127.0.0.1",
                log_to_driver=False,
                runtime_env={"env_vars": {"PYTHONPATH": str(ROOT), "RAY_USAGE_STATS_ENABLED": "0"}},
            )
        try:
            row = measure(backend, jobs, args.concurrency, per_run_cpu)
        finally:
            if backend == "ray":
                ray.shutdown()
        rows.append(row)
        print(json.dumps(row))
    print()
    head = f"{'backend':8} {'runs':>5} {'done':>5} {'wall s':>7} {'ideal s':>7} {'cpu/cores s':>11} {'ratio':>6} {'runs/s':>7}"
    print(head)
    for r in rows:
        print(
            f"{r['backend']:8} {r['runs']:5d} {r['done']:5d} {r['wall_s']:7.1f} {r['ideal_s']:7.1f} "
            f"{r['cpu_bound_s']:11.1f} {r['ratio']:6.2f} {r['runs_per_s']:7.1f}"
        )
    out = ROOT / "bench-results" / "scale.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
                "sleep_s": SLEEP_S,
                "concurrency": args.concurrency,
                "per_run_cpu_s": round(per_run_cpu, 4),
                "results": rows,
            },
            indent=2,
        )
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
