"""Benchmark the travel world: catalog build, load from cache, query latency and peak memory per size.

    .venv/bin/python benchmarks/bench_world.py [--sizes small,medium,large] [--queries 2000]

Each size runs in two fresh worker processes so that timings and peak memory are per size: ``build``
generates the catalog into an empty cache directory, ``query`` loads it from that cache (a new process,
so a new process-level memo) and times the queries. Prints a table and writes bench-results/world.json.
To add a measurement, write ``def measure_x(catalog, rng, n) -> dict`` and list it in ``QUERY_MEASURES``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from worlds.travel.catalog import (  # noqa: E402
    Catalog,
    get_catalog,
    stay_cents,  # noqa: E402
)

SEED = 7


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def latency(fn: Callable[[], object], n: int) -> dict[str, float]:
    """Call ``fn`` ``n`` times; p50/p99/max in milliseconds."""
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": times[n // 2], "p99_ms": times[min(n - 1, int(n * 0.99))], "max_ms": times[-1]}


def _random_day(catalog: Catalog, rng: random.Random) -> date:
    return catalog.info.start + timedelta(days=rng.randrange(catalog.info.dims.days))


def measure_flights_on(catalog: Catalog, rng: random.Random, n: int) -> dict[str, Any]:
    codes = [c.code for c in catalog.cities()]
    found = 0

    def one() -> None:
        nonlocal found
        origin, dest = rng.sample(codes, 2)
        found += len(catalog.flights_on(origin, dest, _random_day(catalog, rng)))

    return {"flights_on": {**latency(one, n), "mean_results": found / n}}


def measure_flights_between(catalog: Catalog, rng: random.Random, n: int) -> dict[str, Any]:
    codes = [c.code for c in catalog.cities()]

    def one() -> None:
        origin, dest = rng.sample(codes, 2)
        first = _random_day(catalog, rng)
        catalog.flights_between(origin, dest, first, first + timedelta(days=6))

    return {"flights_between_7d": latency(one, n)}


def measure_flight_by_id(catalog: Catalog, rng: random.Random, n: int) -> dict[str, Any]:
    codes = [c.code for c in catalog.cities()]
    ids: list[str] = []
    while len(ids) < 200:
        origin, dest = rng.sample(codes, 2)
        ids += [f.id for f in catalog.flights_on(origin, dest, _random_day(catalog, rng))]
    return {"flight_by_id": latency(lambda: catalog.flight(rng.choice(ids)), n)}


def measure_hotel_search(catalog: Catalog, rng: random.Random, n: int) -> dict[str, Any]:
    """``hotels_in`` plus a 3-night price for each hotel: what ``search_hotels`` does."""
    codes = [c.code for c in catalog.cities()]

    def one() -> None:
        check_in = _random_day(catalog, rng)
        for hotel in catalog.hotels_in(rng.choice(codes)):
            stay_cents(hotel, check_in, check_in + timedelta(days=3))

    return {
        "hotels_in": latency(lambda: catalog.hotels_in(rng.choice(codes)), n),
        "hotel_search": latency(one, n),
    }


def _shipped_scenarios(size: str) -> list[Any]:
    """The shipped scenarios, moved onto the catalog size being measured.

    Scenarios whose overrides patch, or whose held bookings name, flights or hotels by ids of another
    size (ids are pinned to the size a scenario was written for) cannot be moved and are left out.
    """
    from sandbox.scenarios import load_scenarios
    from worlds.travel import WORLD

    moved = []
    for s in load_scenarios(ROOT / "scenarios"):
        copy = s.model_copy(update={"world": s.world.model_copy(update={"size": size})})
        try:
            WORLD.new_env(copy)  # its catalog view, and the bookings the traveller holds
        except ValueError:
            continue
        moved.append(copy)
    return moved


def measure_run_level(catalog: Catalog, rng: random.Random, n: int) -> dict[str, Any]:
    """Per-run state creation, the search tools through a run's env, and the oracle per shipped scenario."""
    from worlds.travel import WORLD
    from worlds.travel.judge import solve

    size = catalog.info.size
    scenarios = _shipped_scenarios(size)
    envs = [WORLD.new_env(s) for s in scenarios]  # warms each scenario's shared catalog view
    codes = [c.code for c in catalog.cities()]
    env = envs[0]

    def new_state() -> None:
        WORLD.new_env(scenarios[rng.randrange(len(scenarios))])

    def search_flights() -> None:
        o, d = rng.sample(codes, 2)
        env.call("search_flights", {"origin": o, "destination": d, "date": str(_random_day(catalog, rng))})

    def search_hotels() -> None:
        day = _random_day(catalog, rng)
        args = {"city": rng.choice(codes), "check_in": str(day), "check_out": str(day + timedelta(days=3))}
        env.call("search_hotels", args)

    oracle = {}
    for s in scenarios:
        started = time.perf_counter()
        result = solve(s, WORLD.view(s))
        oracle[s.id] = {"ms": (time.perf_counter() - started) * 1000, "feasible": result.feasible}
    return {
        "new_run_state": latency(new_state, n),
        "tool_search_flights": latency(search_flights, n),
        "tool_search_hotels": latency(search_hotels, n),
        "oracle": oracle,
        "oracle_scenarios": len(oracle),
        "oracle_max_ms": max(v["ms"] for v in oracle.values()),
    }


QUERY_MEASURES: list[Callable[[Catalog, random.Random, int], dict[str, Any]]] = [
    measure_flights_on,
    measure_flights_between,
    measure_flight_by_id,
    measure_hotel_search,
    measure_run_level,
]


def worker_build(size: str, cache_dir: Path) -> dict[str, Any]:
    started = time.perf_counter()
    catalog = get_catalog(SEED, size, cache_dir=cache_dir)
    info = catalog.info
    return {
        "build_s": time.perf_counter() - started,
        "flights": info.flights,
        "hotels": info.hotels,
        "cities": info.cities,
        "catalog_hash": info.catalog_hash,
        "cached_file_mb": info.path.stat().st_size / 2**20 if info.path else None,
        "build_peak_rss_mb": peak_rss_mb(),
    }


def worker_query(size: str, cache_dir: Path, queries: int) -> dict[str, Any]:
    import os

    os.environ["TRAVEL_SANDBOX_CACHE"] = str(cache_dir)  # so scenario runs find the catalog just built
    started = time.perf_counter()
    catalog = get_catalog(SEED, size, cache_dir=cache_dir)
    out: dict[str, Any] = {"load_s": time.perf_counter() - started if catalog.info.path else None}
    rng = random.Random(1)
    for measure in QUERY_MEASURES:
        out.update(measure(catalog, rng, queries))
    out["query_peak_rss_mb"] = peak_rss_mb()
    return out


def run_worker(*args: str) -> dict[str, Any]:
    """Run this script as a worker in a fresh process; returns its JSON result."""
    done = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def bench_size(size: str, queries: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-world-") as cache_dir:
        result = {"size": size, **run_worker("--worker", "build", "--size", size, "--cache-dir", cache_dir)}
        query = ("--worker", "query", "--size", size, "--cache-dir", cache_dir, "--queries", str(queries))
        result.update(run_worker(*query))
    return result


def table(results: list[dict[str, Any]]) -> str:
    def ms(r: dict[str, Any], key: str) -> str:
        return f"{r[key]['p50_ms']:.3f} / {r[key]['p99_ms']:.3f}"

    def opt(value: float | None, fmt: str) -> str:
        return "in memory" if value is None else format(value, fmt)

    head = ("size", "flights", "build s", "load s", "flights_on p50/p99 ms", "between 7d", "by id", "hotel search",
            "tool search_flights", "tool search_hotels", "new run state", "oracle max ms (scenarios)",
            "peak MB build/query")  # fmt: skip
    rows = [head] + [
        (r["size"], f"{r['flights']:,}", f"{r['build_s']:.2f}", opt(r["load_s"], ".4f"), ms(r, "flights_on"),
         ms(r, "flights_between_7d"), ms(r, "flight_by_id"), ms(r, "hotel_search"),
         ms(r, "tool_search_flights"), ms(r, "tool_search_hotels"), ms(r, "new_run_state"),
         f"{r['oracle_max_ms']:.1f} ({r['oracle_scenarios']})", f"{r['build_peak_rss_mb']:.0f} / {r['query_peak_rss_mb']:.0f}")
        for r in results
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "world.json")
    parser.add_argument("--worker", choices=("build", "query"), help=argparse.SUPPRESS)
    parser.add_argument("--size", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "build":
        print(json.dumps(worker_build(args.size, args.cache_dir)))
        return
    if args.worker == "query":
        print(json.dumps(worker_query(args.size, args.cache_dir, args.queries)))
        return
    results = [bench_size(size.strip(), args.queries) for size in args.sizes.split(",") if size.strip()]
    print(table(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"seed": SEED, "queries": args.queries, "results": results}, indent=2) + "\n"
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
