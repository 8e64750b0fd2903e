"""Benchmark the shipped agents: cost per agent step, and batch concurrency with a slow model.

    .venv/bin/python benchmarks/bench_agents.py [--rounds 5] [--runs 64] [--concurrency 32] [--sleep-ms 200]

1. Overhead. On a few shipped scenarios, ``planner`` and ``react`` with the ``scripted`` model are run
   ``--rounds`` times each (after one warm-up run, which builds the catalog views and the oracle's
   answers) and so is ``reference`` (no model). The model (a ``scripted`` subclass) times each call, so a step (one
   model call and the tool calls it asks for) splits into model time and the rest (graph, gateway,
   tools, checkpoints, scoring). Reports the median ms per run, steps, ms per step, model ms per step, and the
   ratio of a planner run's wall time to a reference run's on the same scenario.
2. Concurrency. A model that answers like ``scripted`` but sleeps ``--sleep-ms`` per call (registered
   here at run time as ``sleepy-scripted``) drives ``--runs`` planner runs (scenarios x trials) through
   ``sandbox.runner.run_batch`` at ``--concurrency``. The ideal wall time is waves x the slowest single
   run, where waves = ceil(runs / concurrency) (2 for 64 runs at 32) and the single runs are timed one
   after another first; the target is at most 1.25 x the ideal. The batch's CPU time is reported too:
   runs are threads under one interpreter lock, so when the CPU work of all runs exceeds the ideal,
   the wall time cannot get below that CPU time, however long the model sleeps; so the script also
   times the same runs' CPU work one after another with a model that does not sleep (the floor).

Prints tables and writes bench-results/agents.json.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from langchain_core.callbacks import CallbackManagerForLLMRun  # noqa: E402
from langchain_core.messages import BaseMessage  # noqa: E402
from langchain_core.outputs import ChatResult  # noqa: E402

from agents.models.scripted import ScriptedChatModel  # noqa: E402
from sandbox.runner import Job, RunOptions, run, run_batch  # noqa: E402
from sandbox.scenarios import load_scenario, load_scenarios  # noqa: E402
from sandbox.spi import ModelSpec, RunResult, models  # noqa: E402

SCENARIO_DIR = ROOT / "scenarios"
OVERHEAD_SCENARIOS = ("one-way", "basic-round-trip", "tight-budget", "two-travellers")
TARGET_RATIO = 1.25
MODEL_SECONDS: dict[str, list[float]] = {}  # one key per run (model instance) -> seconds per model call
_LOCK = threading.Lock()


class Timed(ScriptedChatModel):
    """``scripted`` with each call timed (and slowed down by ``sleep_s``, outside the timing)."""

    key: str = ""
    sleep_s: float = 0.0

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        started = time.perf_counter()
        result = super()._generate(messages, stop, run_manager, **kwargs)
        with _LOCK:
            MODEL_SECONDS.setdefault(self.key, []).append(time.perf_counter() - started)
        if self.sleep_s:
            time.sleep(self.sleep_s)
        return result


def _register(name: str, sleep_s: float) -> None:
    def make(spec: ModelSpec) -> Timed:
        return Timed(key=f"{name}|{spec.scenario_id}|{uuid.uuid4().hex}", sleep_s=sleep_s)  # one per run

    models.register(name, make, replace=True)


def _ok(result: RunResult) -> RunResult:
    if result.status != "done":
        raise RuntimeError(f"{result.agent} on {result.scenario} failed: {result.error}")
    return result


# -- 1. overhead per step ------------------------------------------------------------------------------


def bench_overhead(rounds: int) -> dict[str, Any]:
    _register("timed-scripted", 0.0)
    out: dict[str, Any] = {"rounds": rounds, "scenarios": {}}
    for sid in OVERHEAD_SCENARIOS:
        scenario = load_scenario(SCENARIO_DIR / f"{sid}.yaml")
        rows: dict[str, Any] = {}
        for agent in ("reference", "planner", "react"):
            opts = RunOptions(agent=agent, model="timed-scripted", base_dir=SCENARIO_DIR)
            _ok(run(scenario, opts))  # warm-up
            MODEL_SECONDS.clear()
            walls, results = [], []
            for _ in range(rounds):
                started = time.perf_counter()
                results.append(_ok(run(scenario, opts)))
                walls.append(time.perf_counter() - started)
            steps = results[0].model_calls or sum(1 for e in results[0].trace if e.type == "message") - 1
            model_s = statistics.median(sum(v) for v in MODEL_SECONDS.values()) if MODEL_SECONDS else 0.0
            wall = statistics.median(walls)
            rows[agent] = {
                "ms_per_run": wall * 1000,
                "steps": steps,
                "tool_calls": results[0].tool_calls,
                "ms_per_step": wall * 1000 / max(1, steps),
                "model_ms_per_step": model_s * 1000 / max(1, results[0].model_calls),
                "passed": bool(results[0].scores and results[0].scores.passed),
            }
        rows["planner_over_reference"] = rows["planner"]["ms_per_run"] / rows["reference"]["ms_per_run"]
        out["scenarios"][sid] = rows
    return out


# -- 2. concurrency with a slow model --------------------------------------------------------------------


def bench_concurrency(runs: int, concurrency: int, sleep_ms: float) -> dict[str, Any]:
    _register("sleepy-scripted", sleep_ms / 1000)
    scenarios = load_scenarios(SCENARIO_DIR)
    per = max(1, math.ceil(runs / len(scenarios)))
    jobs = [Job(s, SCENARIO_DIR, t) for t in range(per) for s in scenarios][:runs]
    opts = RunOptions(agent="planner", model="sleepy-scripted")
    singles: dict[str, float] = {}
    for s in {j.scenario.id: j.scenario for j in jobs}.values():
        started = time.perf_counter()
        run(s, RunOptions(agent="planner", model="sleepy-scripted", base_dir=SCENARIO_DIR))
        singles[s.id] = time.perf_counter() - started
    _register("timed-scripted", 0.0)
    floor = time.process_time()  # the same runs' CPU work, one after another, with a model that never sleeps
    run_batch(jobs, RunOptions(agent="planner", model="timed-scripted"), concurrency=1)
    floor = time.process_time() - floor
    started, cpu = time.perf_counter(), time.process_time()
    results = run_batch(jobs, opts, concurrency=concurrency)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    waves = math.ceil(len(jobs) / concurrency)
    slowest = max(singles.values())
    ideal = waves * slowest
    return {
        "runs": len(jobs),
        "concurrency": concurrency,
        "sleep_ms_per_model_call": sleep_ms,
        "model_calls": sum(r.model_calls for r in results),
        "errors": {f"{r.scenario}#{r.trial}": r.error for r in results if r.status == "error"},
        "slowest_single_s": slowest,
        "slowest_scenario": max(singles, key=lambda k: singles[k]),
        "waves": waves,
        "ideal_s": ideal,
        "wall_s": wall,
        "cpu_s": cpu,  # the process's CPU time during the batch
        "cpu_sequential_s": floor,  # the runs' CPU work without concurrency: the floor under one GIL
        "cpu_floor_ratio": floor / ideal,
        "ratio_to_floor": wall / max(ideal, floor),
        "ratio": wall / ideal,
        "target_ratio": TARGET_RATIO,
        "within_target": wall / ideal <= TARGET_RATIO,
    }


# -- report ----------------------------------------------------------------------------------------------


def _grid(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def report(result: dict[str, Any]) -> str:
    rows: list[tuple[str, ...]] = [
        ("scenario", "agent", "ms/run", "steps", "tools", "ms/step", "model ms/step", "passed")
    ]
    for sid, by_agent in result["overhead"]["scenarios"].items():
        for agent in ("reference", "planner", "react"):
            r = by_agent[agent]
            rows.append(
                (
                    sid,
                    agent,
                    f"{r['ms_per_run']:.1f}",
                    str(r["steps"]),
                    str(r["tool_calls"]),
                    f"{r['ms_per_step']:.2f}",
                    f"{r['model_ms_per_step']:.2f}",
                    "yes" if r["passed"] else "no",
                )
            )
        rows.append(
            (sid, "planner/reference", f"{by_agent['planner_over_reference']:.2f}x", "", "", "", "", "")
        )
    c = result["concurrency"]
    lines = [
        "Overhead per agent step (scripted model; a step = one model call and its tool calls)",
        _grid(rows),
        "",
        f"Concurrency: {c['runs']} planner runs at {c['concurrency']}, model sleeps "
        f"{c['sleep_ms_per_model_call']:g} ms per call ({c['model_calls']} calls, {len(c['errors'])} errors)",
        f"  slowest single run {c['slowest_single_s']:.2f} s ({c['slowest_scenario']}), "
        f"ideal {c['waves']} x {c['slowest_single_s']:.2f} = {c['ideal_s']:.2f} s",
        f"  wall {c['wall_s']:.2f} s = {c['ratio']:.2f}x ideal "
        f"(target <= {c['target_ratio']}x: {'met' if c['within_target'] else 'MISSED'})",
        f"  CPU work of the runs {c['cpu_sequential_s']:.2f} s one after another without sleeping "
        f"= {c['cpu_floor_ratio']:.2f}x ideal; {c['cpu_s']:.2f} s CPU during the batch",
        "  (runs are threads under one interpreter lock: the wall time cannot fall below their CPU work)",
        f"  wall / max(ideal, CPU work) = {c['ratio_to_floor']:.2f}x",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=64)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--sleep-ms", type=float, default=200.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "agents.json")
    args = parser.parse_args()
    result = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "overhead": bench_overhead(args.rounds),
        "concurrency": bench_concurrency(args.runs, args.concurrency, args.sleep_ms),
    }
    print(report(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
