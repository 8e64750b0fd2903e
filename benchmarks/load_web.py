"""Load the web app: many concurrent live runs driven through their checkpoints over HTTP.

    .venv/bin/python benchmarks/load_web.py [--runs 50] [--time-limit 300] [--workers 8]

Starts ``travel-sandbox serve`` on 127.0.0.1 (a free port, a fresh database in a temporary folder) in
a subprocess, then:

1. Reference: for each scenario used, one run with ``human=auto`` (approve-all, no person): its final
   state hash is what every web run of that scenario must end with.
2. Load: ``--runs`` runs at once (``reference`` agent, ``ask-on-write``, ``human=web``, scenarios in
   turn), one client thread each, following ``GET /api/runs/{id}/events`` as the browser does and
   approving every checkpoint as its event arrives (``GET .../checkpoints``, ``POST .../decision``)
   until the stream ends; meanwhile one more client lists ``GET /api/runs`` twice a second.
3. Checks, from the API only: every run done, none lost or duplicated (``GET /api/runs`` lists each
   started id once), per run the bookings are those of the approve-all run (same booking ids, each
   booking call once, same state hash), every trace event present once (``seq`` 0..n-1, and the SSE
   replay of ``/events`` carries the same events and ends).

Reports p50/p95 latency per endpoint and the wall time; writes bench-results/load_web.json; exits 1 if
a check fails or the time limit is hit. Everything stops by itself within ``--time-limit`` seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("basic-round-trip", "one-way", "two-travellers", "tight-budget", "calendar-conflict")


class Api:
    """A thin timed client: latency per endpoint template."""

    def __init__(self, base: str, deadline: float):
        self.base, self.deadline = base, deadline
        self.lat: dict[str, list[float]] = defaultdict(list)
        self._lock = threading.Lock()
        self._local = threading.local()

    def _client(self) -> httpx.Client:
        if not hasattr(self._local, "c"):
            self._local.c = httpx.Client(base_url=self.base, timeout=30.0)
        client: httpx.Client = self._local.c
        return client

    def call(self, label: str, method: str, url: str, **kw: Any) -> httpx.Response:
        if time.monotonic() > self.deadline:
            raise TimeoutError("time limit reached")
        client = self._client()  # made outside the timing: building one costs the client, not the server
        t = time.perf_counter()
        r = client.request(method, url, **kw)
        dt = (time.perf_counter() - t) * 1000
        with self._lock:
            self.lat[label].append(dt)
        return r


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def drive(api: Api, scenario: str, human: str = "web") -> dict[str, Any]:
    """Start one run and follow its events like the browser does, approving each checkpoint as its
    event arrives (``GET .../checkpoints``, ``POST .../decision``); returns the finished run."""
    body = {"scenario": scenario, "agent": "reference", "policy": "ask-on-write", "human": human}
    r = api.call("POST /api/runs", "POST", "/api/runs", json=body)
    assert r.status_code == 201, r.text
    run_id = r.json()["id"]
    decided: set[str] = set()
    t = time.perf_counter()
    with api._client().stream("GET", f"/api/runs/{run_id}/events") as resp:
        with api._lock:
            api.lat["GET /api/runs/{id}/events (headers)"].append((time.perf_counter() - t) * 1000)
        for line in resp.iter_lines():
            if time.monotonic() > api.deadline:
                raise TimeoutError("time limit reached")
            if line.startswith("event: end"):
                break
            if not line.startswith("data: ") or json.loads(line[6:]).get("type") != "checkpoint":
                continue
            cps = api.call("GET /api/runs/{id}/checkpoints", "GET", f"/api/runs/{run_id}/checkpoints").json()
            for cp in cps:
                if cp["status"] == "pending" and cp["id"] not in decided:
                    url = f"/api/runs/{run_id}/checkpoints/{cp['id']}/decision"
                    d = api.call("POST .../decision", "POST", url, json={"decision": "approve"})
                    assert d.status_code == 200, d.text
                    decided.add(cp["id"])
    run = api.call("GET /api/runs/{id}", "GET", f"/api/runs/{run_id}").json()
    run["decisions_posted"] = len(decided)
    return dict(run)


def watch_list(api: Api, stop: threading.Event) -> None:
    """Someone looking at the runs page: the list, twice a second."""
    while not stop.wait(0.5):
        api.call("GET /api/runs", "GET", "/api/runs")


def sse_events(api: Api, run_id: str) -> tuple[list[dict[str, Any]], bool]:
    events, ended = [], False
    t = time.perf_counter()
    with api._client().stream("GET", f"/api/runs/{run_id}/events") as resp:
        for line in resp.iter_lines():
            if line.startswith("data: "):
                data = json.loads(line[6:])
                if "seq" in data:
                    events.append(data)
            elif line.startswith("event: end"):
                ended = True
                break
    with api._lock:
        api.lat["GET /api/runs/{id}/events (replay)"].append((time.perf_counter() - t) * 1000)
    return events, ended


def bookings(run: dict[str, Any]) -> list[str]:
    return [
        e["data"]["result"]["result"]["booking_id"]
        for e in run["trace"]
        if e["type"] == "tool_result" and e["data"]["tool"].startswith("book_") and e["data"]["ok"]
    ]


def check(api: Api, runs: list[dict[str, Any]], refs: dict[str, dict[str, Any]], started: int) -> list[str]:
    problems = []
    listed = api.call("GET /api/runs", "GET", "/api/runs", params={"limit": 500}).json()
    ids = [r["id"] for r in runs]
    listed_web = [r["id"] for r in listed if r["human"] == "web"]
    if len(runs) != started or sorted(listed_web) != sorted(ids) or len(set(listed_web)) != len(listed_web):
        problems.append(
            f"runs lost or duplicated: started {started}, finished {len(runs)}, listed {len(listed_web)}"
        )
    for run in runs:
        ref = refs[run["scenario"]]
        book_calls = [
            e["data"]["id"]
            for e in run["trace"]
            if e["type"] == "tool_call" and e["data"]["tool"].startswith("book_")
        ]
        where = f"run {run['id']} ({run['scenario']})"
        if run["status"] != "done":
            problems.append(f"{where}: {run['status']} {run.get('error')}")
        elif bookings(run) != bookings(ref) or len(book_calls) != len(set(book_calls)):
            problems.append(f"{where}: bookings {bookings(run)} vs {bookings(ref)}")
        elif run["state_hash"] != ref["state_hash"]:
            problems.append(f"{where}: final state differs from the approve-all run")
        if [e["seq"] for e in run["trace"]] != list(range(len(run["trace"]))):
            problems.append(f"{where}: trace events missing or repeated")
        events, ended = sse_events(api, run["id"])
        if events != run["trace"] or not ended:
            problems.append(f"{where}: the SSE replay differs from the trace (ended={ended})")
    compare = api.call("GET /api/compare", "GET", "/api/compare", params={"ids": ",".join(ids[:10])})
    if compare.status_code != 200 or len(compare.json()) != min(10, len(ids)):
        problems.append(f"compare failed: {compare.status_code}")
    return problems


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--workers", type=int, default=8, help="server threads running live runs")
    args = ap.parse_args()
    deadline = time.monotonic() + args.time_limit
    tmp = Path(tempfile.mkdtemp(prefix="load-web-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TRAVEL_SANDBOX_TOKEN"}
    env["TRAVEL_SANDBOX_WORKERS"] = str(args.workers)
    cmd = [
        sys.executable,
        "-m",
        "sandbox",
        "serve",
        "--port",
        str(port),
        "--db",
        f"sqlite:///{tmp / 'runs.sqlite'}",
    ]
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    api = Api(f"http://127.0.0.1:{port}", deadline)
    try:
        while True:
            try:
                if httpx.get(f"{api.base}/api/scenarios", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print(
                    f"server did not start: {server.stderr.read() if server.stderr else ''}", file=sys.stderr
                )
                return 1
            time.sleep(0.1)
        available = {s["id"] for s in httpx.get(f"{api.base}/api/scenarios").json()}
        scenarios = [s for s in SCENARIOS if s in available]
        refs = {s: drive(api, s, human="auto") for s in scenarios}
        api.lat.clear()
        t0 = time.monotonic()
        stop = threading.Event()
        watcher = threading.Thread(target=watch_list, args=(api, stop), daemon=True)
        watcher.start()
        with ThreadPoolExecutor(max_workers=args.runs) as pool:
            futures = [pool.submit(drive, api, scenarios[i % len(scenarios)]) for i in range(args.runs)]
            runs, failures = [], []
            for f in futures:
                try:
                    runs.append(f.result(timeout=max(1.0, deadline - time.monotonic())))
                except Exception as exc:  # noqa: BLE001 - reported below
                    failures.append(f"{type(exc).__name__}: {exc}")
        wall = time.monotonic() - t0
        stop.set()
        watcher.join()
        problems = failures + check(api, runs, refs, args.runs)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    rows = {
        label: {
            "n": len(v),
            "p50_ms": round(pct(v, 0.5), 1),
            "p95_ms": round(pct(v, 0.95), 1),
            "mean_ms": round(statistics.fmean(v), 1),
        }
        for label, v in sorted(api.lat.items())
    }
    print(f"{args.runs} concurrent web runs ({', '.join(scenarios)}), server workers {args.workers}")
    print(
        f"wall {wall:.1f} s, {sum(r.get('decisions_posted', 0) for r in runs)} decisions, "
        f"{len(runs) / wall:.2f} runs/s"
    )
    print(f"{'endpoint':44} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}")
    for label, r in rows.items():
        print(f"{label:44} {r['n']:>6} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['mean_ms']:>8}")
    print("checks: " + ("all passed" if not problems else f"{len(problems)} FAILED"))
    for p in problems[:20]:
        print("  " + p)
    out = ROOT / "bench-results" / "load_web.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "runs": args.runs,
                "workers": args.workers,
                "wall_s": round(wall, 2),
                "latency": rows,
                "problems": problems,
            },
            indent=2,
        )
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
