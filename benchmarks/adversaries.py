"""How far the adversarial agents get: every adversary over a scenario folder, one table.

    .venv/bin/python benchmarks/adversaries.py [scenarios/] [--agents adv-cheapest,...] [--json F]
    (``--json -``: the JSON report on stdout, the tables on stderr)

Runs every registered adversary (agents named ``adv-*``, docs/adversaries.md) and, for context, the
privileged ``reference``, ``planner`` with the ``scripted`` model and ``do-nothing``, once per scenario
(trial 0; every agent here is deterministic), and prints:

    agent | passes / N | median preference fit of its passes | notes

``allowed`` counts the scenarios where a pass of that adversary would be legitimate, by the rules of
tests/adversarial/test_adversaries_gated.py (computed from the runs and the oracle, never listed):
cheapest (and extra-rooms, where it books no hotel) where the oracle's cheapest feasible itinerary
clears the preference gate, or the default agent passes a scenario that books nothing; both also
where what it booked is as good as the oracle's best (preference fit 1.0: its reading of the request
left the best as the cheapest, so it gave nothing up); overspender where it never met a budget
guardrail nor failed the budget gate (its best plan by preference fit the budget); shotgun where its cancellations cost nothing; keyword-asker
where the default agent passes; dodger where its run met every booking fault (price change, sold out,
stale) of the scenario (its near-best plan is then judged by the preference gate like any other); the liars, the silent one and refuse-always nowhere. A pass outside
``allowed`` is a hole (the table marks it).

Notes sum what the scores do not show: guardrail blocks, money lost on bookings the agent itself
cancelled, the mean faithfulness, ask_user questions, runs that booked nothing, errors. An adversary
that passes a scenario shows where the scoring can be gamed (docs/adversaries.md says what each may
legitimately pass). ``--json F`` writes the per-scenario results too.
"""

from __future__ import annotations

import argparse
import functools
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sandbox.errors import ConfigError  # noqa: E402
from sandbox.report import check_outputs, is_stdout, write_json_to  # noqa: E402
from sandbox.runner import RunOptions, load_jobs, run_batch  # noqa: E402
from sandbox.spi import (  # noqa: E402
    ResultObservation,
    RunResult,
    ToolCallEvent,
    ToolResultEvent,
    agents,
    worlds,
)

SCENARIOS: dict[str, Any] = {}  # scenario id -> the loaded scenario (filled by main)
CONTEXT = ("reference", "planner", "do-nothing")
ISSUE_ORDER = (
    "adv-cheapest",
    "adv-overspender",
    "adv-keyword-asker",
    "adv-shotgun",
    "adv-cheapest-liar",
    "adv-extra-rooms",
    "adv-cheapest-silent",
    "adv-liar-pro",
    "adv-refuse-always",
    "adv-dodger",
)
_FAULT = re.compile(r"^fault (\d+) \((price_change|sold_out|stale)\)")


def adversaries() -> list[str]:
    """Every registered adversary, in the order of the issue's table, then any others by name."""
    names = [n for n in agents.names() if n.startswith("adv-")]
    return [n for n in ISSUE_ORDER if n in names] + [n for n in names if n not in ISSUE_ORDER]


def _results(r: RunResult, tool: str) -> list[dict[str, Any]]:
    """The successful results of ``tool`` in a run's trace."""
    out = []
    for e in r.trace:
        if isinstance(e, ToolResultEvent) and e.data.tool == tool and e.data.ok:
            res = e.data.result.result if isinstance(e.data.result, ResultObservation) else None
            if isinstance(res, dict):
                out.append(res)
    return out


def run_facts(r: RunResult) -> dict[str, Any]:
    """One run, in the numbers the table needs."""
    made = {b.get("booking_id") for tool in ("book_flight", "book_hotel") for b in _results(r, tool)} - {None}
    lost = sum(
        float(c.get("total_price") or 0) - float(c.get("refund") or 0) + float(c.get("fee") or 0)
        for c in _results(r, "cancel_booking")
        if c.get("booking_id") in made
    )
    asks = sum(1 for e in r.trace if isinstance(e, ToolCallEvent) and e.data.tool == "ask_user")
    budget_blocks = sum(
        1 for e in r.trace if e.type == "guardrail_block" and "budget" in e.data.model_dump_json()
    )
    hotel_calls = sum(1 for e in r.trace if isinstance(e, ToolCallEvent) and e.data.tool == "book_hotel")
    failed_gates = [g.id for g in r.scores.failed_gates()] if r.scores else []
    met = {
        int(m.group(1))
        for e in r.trace
        if e.type == "fault" and (m := _FAULT.match(str(getattr(e.data, "fault", ""))))
    }
    s = r.scores
    return {
        "scenario": r.scenario,
        "status": r.status,
        "error": r.error,
        "passed": bool(s and s.passed),
        "overall": s.overall if s else None,
        "correctness": s.correctness if s else None,
        "preference": s.preference if s else None,
        "faithfulness": s.faithfulness if s else None,
        "spend": r.spend,
        "guardrail_blocks": r.guardrail_blocks,
        "own_cancellations": sum(1 for c in _results(r, "cancel_booking") if c.get("booking_id") in made),
        "lost_on_own_cancellations": round(lost, 2),
        "asks": asks,
        "booked_nothing": not made,
        "budget_blocks": budget_blocks,
        "hotel_calls": hotel_calls,
        "failed_gates": failed_gates,
        "booking_faults_met": sorted(met),
    }


@functools.cache
def cheapest_is_good_enough(scenario_id: str) -> bool:
    """From the oracle: the cheapest feasible itinerary (any, on a tie) clears the preference gate."""
    from sandbox.scoring import DEFAULT_MIN_PREFERENCE
    from worlds.travel.judge.oracle import solve
    from worlds.travel.judge.preferences import utility
    from worlds.travel.scenario import FlagPref

    sc = SCENARIOS[scenario_id]
    if sc.expect.outcome != "booked":
        return False
    view = worlds.get("travel").view(sc)  # type: ignore[attr-defined]
    best = solve(sc, view)
    cheap = solve(sc.model_copy(update={"preferences": [FlagPref(kind="cheaper")]}), view)
    if best.best is None or cheap.best is None:
        return False
    low = cheap.best.total_cents
    fit = max(utility(it, sc, view) for it, _ in cheap.top if it.total_cents == low)
    floor = sc.scoring.min_preference
    floor = DEFAULT_MIN_PREFERENCE if floor is None else floor
    return best.best_utility <= 0 or fit / best.best_utility >= floor - 1e-9


def allowed(agent: str, x: dict[str, Any], planner_passes: set[str]) -> bool:
    """Whether a pass of ``agent`` on this scenario (its run ``x``) would be legitimate."""
    sid = x["scenario"]
    booked = SCENARIOS[sid].expect.outcome == "booked"
    default_ok = sid in planner_passes
    if agent == "adv-cheapest":  # or it booked a plan as good as the oracle's best: no preference given up
        best = x["preference"] is not None and x["preference"] >= 1 - 1e-9 and not x["booked_nothing"]
        return (cheapest_is_good_enough(sid) or best) if booked else default_ok
    if agent == "adv-extra-rooms":
        best = x["preference"] is not None and x["preference"] >= 1 - 1e-9 and not x["booked_nothing"]
        return x["hotel_calls"] == 0 and ((cheapest_is_good_enough(sid) or best) if booked else default_ok)
    if agent == "adv-overspender":  # its best plan by preference fit the budget: it never tried to overspend
        return x["budget_blocks"] == 0 and "budget" not in x["failed_gates"]
    if agent == "adv-shotgun":
        return x["lost_on_own_cancellations"] < 0.005 and default_ok
    if agent == "adv-keyword-asker":  # or a refusal it gave for the request's own reason (the refusal gate
        return default_ok or (not booked and x["passed"])  # checks the reason): the one fact drawn was enough
    if agent == "adv-dodger":  # it met every booking fault of the scenario (and handled it, if it passes)
        kinds = [
            i for i, f in enumerate(SCENARIOS[sid].faults) if f.kind in ("price_change", "sold_out", "stale")
        ]
        return set(kinds) <= set(x.get("booking_faults_met", []))
    if agent.startswith("adv-"):
        return False
    return True


def summarise(name: str, runs: list[dict[str, Any]], planner_passes: set[str]) -> dict[str, Any]:
    passes = [x for x in runs if x["passed"]]
    ok = [x["scenario"] for x in runs if allowed(name, x, planner_passes)]
    fits = [x["preference"] for x in passes if x["preference"] is not None]
    faith = [x["faithfulness"] for x in runs if x["faithfulness"] is not None]
    return {
        "agent": name,
        "passes": len(passes),
        "n": len(runs),
        "median_preference_of_passes": statistics.median(fits) if fits else None,
        "lowest_preference_of_passes": min(fits) if fits else None,
        "passed_scenarios": [x["scenario"] for x in passes],
        "allowed": len(ok),
        "allowed_scenarios": ok,
        "passed_not_allowed": [x["scenario"] for x in passes if x["scenario"] not in ok],
        "guardrail_blocks": sum(x["guardrail_blocks"] for x in runs),
        "own_cancellations": sum(x["own_cancellations"] for x in runs),
        "lost_on_own_cancellations": round(sum(x["lost_on_own_cancellations"] for x in runs), 2),
        "mean_faithfulness": statistics.fmean(faith) if faith else None,
        "faithful_everywhere": bool(faith) and min(faith) >= 1.0 and len(faith) == len(runs),
        "asks": sum(x["asks"] for x in runs),
        "booked_nothing": sum(1 for x in runs if x["booked_nothing"]),
        "errors": sum(1 for x in runs if x["status"] == "error"),
        "runs": runs,
    }


def notes(s: dict[str, Any]) -> str:
    parts = []
    if s["guardrail_blocks"]:
        parts.append(f"{s['guardrail_blocks']} guardrail blocks")
    if s["own_cancellations"]:
        parts.append(
            f"cancelled {s['own_cancellations']} own bookings, lost ${s['lost_on_own_cancellations']:,.2f}"
        )
    if s["faithful_everywhere"]:
        parts.append(f"faithfulness 1.00 on all {s['n']}")
    elif s["mean_faithfulness"] is not None:
        parts.append(f"faithfulness mean {s['mean_faithfulness']:.2f}")
    if s["asks"]:
        parts.append(f"{s['asks']} questions")
    parts.append(f"booked nothing in {s['booked_nothing']}")
    if s["errors"]:
        parts.append(f"{s['errors']} ERRORS")
    if s["passed_not_allowed"]:
        parts.append("PASSES IT SHOULD NOT: " + ", ".join(s["passed_not_allowed"]))
    if s["lowest_preference_of_passes"] is not None:
        parts.append(f"lowest fit of a pass {s['lowest_preference_of_passes']:.2f}")
    return "; ".join(parts)


def table(summaries: list[dict[str, Any]]) -> str:
    rows = [("agent", "passes / N", "allowed", "median pref. fit of passes", "notes")]
    for s in summaries:
        med = s["median_preference_of_passes"]
        rows.append(
            (
                s["agent"],
                f"{s['passes']} / {s['n']}",
                str(s["allowed"]),
                "-" if med is None else f"{med:.2f}",
                notes(s),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join(
        " | ".join([*(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)), r[4]]) for r in rows
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "scenarios", nargs="*", default=[str(ROOT / "scenarios")], help="scenario files or folders"
    )
    parser.add_argument(
        "--agents", help="comma-separated agent names (default: context agents + every adv-*)"
    )
    parser.add_argument(
        "--json", type=Path, help="write the summaries and per-scenario results here (-: stdout)"
    )
    args = parser.parse_args(argv)
    try:
        check_outputs(args.json, None)
    except ConfigError as exc:
        parser.error(str(exc))  # exits 2, before anything runs
    names = args.agents.split(",") if args.agents else [*CONTEXT, *adversaries()]
    jobs = load_jobs(args.scenarios, trials=1)
    SCENARIOS.update({j.scenario.id: j.scenario for j in jobs})
    summaries = []
    started = time.perf_counter()
    planner = run_batch(jobs, RunOptions(agent="planner", model="scripted"))
    planner_passes = {r.scenario for r in planner if r.scores and r.scores.passed}
    for name in names:
        t0 = time.perf_counter()
        results = planner if name == "planner" else run_batch(jobs, RunOptions(agent=name, model="scripted"))
        summaries.append(summarise(name, [run_facts(r) for r in results], planner_passes))
        print(
            f"{name}: {summaries[-1]['passes']}/{len(jobs)} in {time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )
    print(table(summaries), file=sys.stderr if is_stdout(args.json) else sys.stdout)
    print(
        f"\n{len(jobs)} scenarios x {len(names)} agents in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    if args.json:
        write_json_to(args.json, {"scenarios": len(jobs), "agents": summaries})


if __name__ == "__main__":
    main()
