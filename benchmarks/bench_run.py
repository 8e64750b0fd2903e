"""Benchmark the run loop: runs per second (sequential and threaded) and the gateway's cost per tool call.

    .venv/bin/python benchmarks/bench_run.py [--agent reference] [--rounds 5] [--threads 2] [--calls 2000]

1. Runs: every shipped scenario (``scenarios/*.yaml``) is run ``--rounds`` times with ``--agent``
   (after one warm-up run each, which builds the catalog views and the oracle's answers), first one
   after another, then on ``--threads`` threads (a ``ThreadPoolExecutor`` over ``runner.run``, so no
   progress bar or run store is timed). Reports runs per second and mean ms per run.
2. Gateway overhead: ``--calls`` calls of a READ (``search_flights``) and of a WRITE pair
   (``book_flight`` of a refundable fare, then ``cancel_booking`` of it, so the budget never runs out)
   through ``Gateway.call`` with the ``never-ask`` policy, and the same calls straight to ``env.call``.
   Both paths get a fresh env every ``--per-env`` calls (a run's worth, so state size stays realistic);
   building the env is not timed. Reports mean / p50 / p99 ms per call and the difference (the target is
   that the gateway adds at most 0.5 ms per call).

Prints a table and writes bench-results/run.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sandbox.control import Gateway, Limits, load_policy  # noqa: E402
from sandbox.runner import RunOptions, run  # noqa: E402
from sandbox.scenarios import load_scenario, load_scenarios  # noqa: E402
from sandbox.spi import RunResult, ScenarioBase, ToolResult, Trace, worlds  # noqa: E402

SCENARIO_DIR = ROOT / "scenarios"
TARGET_MS = 0.5
# basic-round-trip: a READ, and a refundable fare (SFO->LAX, $126) that can be booked and cancelled forever
OVERHEAD_SCENARIO = SCENARIO_DIR / "basic-round-trip.yaml"
SEARCH = {"origin": "SFO", "destination": "JFK", "date": "2027-01-20"}
BOOK = {"flight_id": "MV101-2027-01-21", "passengers": 1}


# -- runs per second -----------------------------------------------------------------------------------


def _options(agent: str) -> RunOptions:
    return RunOptions(agent=agent, base_dir=SCENARIO_DIR)


def _summary(results: list[RunResult], seconds: float) -> dict[str, Any]:
    return {
        "runs": len(results),
        "seconds": seconds,
        "runs_per_s": len(results) / seconds,
        "mean_ms_per_run": seconds * 1000 / len(results),
        "errors": sum(r.status == "error" for r in results),
        "passed": sum(bool(r.scores and r.scores.passed) for r in results),
    }


def run_sequential(jobs: list[ScenarioBase], agent: str) -> dict[str, Any]:
    started = time.perf_counter()
    results = [run(s, _options(agent)) for s in jobs]
    return _summary(results, time.perf_counter() - started)


def run_threaded(jobs: list[ScenarioBase], agent: str, threads: int) -> dict[str, Any]:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(lambda s: run(s, _options(agent)), jobs))
    return {
        **_summary(results, time.perf_counter() - started),
        "threads": threads,
        "via": "ThreadPoolExecutor",
    }


def bench_runs(agent: str, rounds: int, threads: int) -> dict[str, Any]:
    scenarios = load_scenarios(SCENARIO_DIR)
    warm = [run(s, _options(agent)) for s in scenarios]  # catalog views, oracle answers
    jobs = [s for _ in range(rounds) for s in scenarios]
    return {
        "agent": agent,
        "scenarios": [s.id for s in scenarios],
        "warm_up_errors": {r.scenario: r.error for r in warm if r.status == "error"},
        "rounds": rounds,
        "sequential": run_sequential(jobs, agent),
        "threaded": run_threaded(jobs, agent, threads),
    }


# -- gateway overhead per tool call ----------------------------------------------------------------------


def _stats(times_ms: list[float]) -> dict[str, float]:
    ordered = sorted(times_ms)
    n = len(ordered)
    return {
        "mean_ms": statistics.fmean(ordered),
        "p50_ms": ordered[n // 2],
        "p99_ms": ordered[min(n - 1, int(n * 0.99))],
        "calls": n,
    }


def _timed(
    call: Callable[[str, Any, str], ToolResult],
    tool: str,
    args: dict[str, Any],
    call_id: str,
    out: list[float],
) -> ToolResult:
    """``call(tool, args, call_id)``, timed into ``out`` (ms); a failed call stops the benchmark."""
    started = time.perf_counter()
    result = call(tool, args, call_id)
    out.append((time.perf_counter() - started) * 1000)
    if not result.ok:
        raise RuntimeError(f"benchmark call {tool} failed: {result.error}")
    return result


class _Paths:
    """A fresh env, and a gateway over another fresh env, for the same scenario."""

    def __init__(self, scenario: ScenarioBase):
        world = worlds.get("travel")
        self.direct = world.new_env(scenario)
        env = world.new_env(scenario)
        self.gateway = Gateway(
            env,
            world.tools,
            world.hooks(env),
            load_policy("never-ask"),
            Trace(),
            Limits(max_tool_calls=10**9),
        )


def bench_overhead(calls: int, per_env: int) -> dict[str, Any]:
    scenario = load_scenario(OVERHEAD_SCENARIO)
    times: dict[str, dict[str, list[float]]] = {
        tool: {"direct": [], "gateway": []} for tool in ("search_flights", "book_flight", "cancel_booking")
    }
    done = 0
    gc.collect()
    while done < calls:
        envs = _Paths(scenario)
        batch = min(per_env, calls - done)
        paths = {"direct": envs.direct.call, "gateway": envs.gateway.call}
        for i in range(done, done + batch):  # the two paths take turns, call by call
            for path, call in paths.items():
                _timed(call, "search_flights", SEARCH, f"r{i}", times["search_flights"][path])
            for path, call in paths.items():
                booked = _timed(call, "book_flight", BOOK, f"b{i}", times["book_flight"][path])
                cancel = {"booking_id": booked.data["booking_id"]}
                _timed(call, "cancel_booking", cancel, f"c{i}", times["cancel_booking"][path])
        done += batch
    out: dict[str, Any] = {
        "calls_per_tool": calls,
        "calls_per_env": per_env,
        "target_ms": TARGET_MS,
        "tools": {},
    }
    for tool, by_path in times.items():
        d, g = _stats(by_path["direct"]), _stats(by_path["gateway"])
        out["tools"][tool] = {
            "direct": d,
            "gateway": g,
            "added_mean_ms": g["mean_ms"] - d["mean_ms"],
            "added_p50_ms": g["p50_ms"] - d["p50_ms"],
            "within_target": g["mean_ms"] - d["mean_ms"] <= TARGET_MS,
        }
    return out


# -- report ----------------------------------------------------------------------------------------------


def _grid(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def table(result: dict[str, Any]) -> str:
    runs = result["runs"]
    run_rows: list[tuple[str, ...]] = [("mode", "runs", "seconds", "runs/s", "ms/run", "passed", "errors")]
    for label, r in (
        ("sequential", runs["sequential"]),
        (f"{runs['threaded']['threads']} threads", runs["threaded"]),
    ):
        run_rows.append(
            (label, str(r["runs"]), f"{r['seconds']:.2f}", f"{r['runs_per_s']:.1f}", f"{r['mean_ms_per_run']:.1f}",
             str(r["passed"]), str(r["errors"]))
        )  # fmt: skip
    call_rows: list[tuple[str, ...]] = [
        (
            "tool",
            "direct mean/p50/p99 ms",
            "gateway mean/p50/p99 ms",
            "added mean ms",
            "added p50 ms",
            "<= 0.5 ms",
        )
    ]
    for tool, t in result["overhead"]["tools"].items():
        d, g = t["direct"], t["gateway"]
        call_rows.append(
            (tool, f"{d['mean_ms']:.3f} / {d['p50_ms']:.3f} / {d['p99_ms']:.3f}",
             f"{g['mean_ms']:.3f} / {g['p50_ms']:.3f} / {g['p99_ms']:.3f}",
             f"{t['added_mean_ms']:+.3f}", f"{t['added_p50_ms']:+.3f}", "yes" if t["within_target"] else "NO")
        )  # fmt: skip
    head = f"agent {runs['agent']}: {len(runs['scenarios'])} scenarios x {runs['rounds']} rounds"
    calls = f"gateway overhead: {result['overhead']['calls_per_tool']} calls per tool, fresh env every {result['overhead']['calls_per_env']}"
    return "\n".join([head, _grid(run_rows), "", calls, _grid(call_rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--agent", default="reference")
    parser.add_argument("--rounds", type=int, default=5, help="times each scenario is run per mode")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--calls", type=int, default=2000, help="timed calls per tool and path")
    parser.add_argument("--per-env", type=int, default=10, help="calls per fresh env")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "run.json")
    args = parser.parse_args()
    result = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "runs": bench_runs(args.agent, args.rounds, args.threads),
        "overhead": bench_overhead(args.calls, args.per_env),
    }
    print(table(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
