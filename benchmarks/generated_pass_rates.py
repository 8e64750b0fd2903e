"""Pass rate per scenario family on freshly generated scenarios, for one agent.

    .venv/bin/python benchmarks/generated_pass_rates.py [--n 20] [--seed 1] [--agent planner]
        [--model scripted] [--size small|medium] [--json FILE]
    (``--json -``: the JSON report on stdout, the tables on stderr)

Generates ``--n`` scenarios of every family (``travel-sandbox scenarios generate --family all``; each
validated by the oracle as it is drawn) into a temporary folder, runs the agent once on each (trial
0) and prints the pass rate per family and overall. The generated requests are phrased by templates
the shipped library never saw, so this is an out-of-sample measure of the default agent; the
privileged ``reference`` agent books the oracle's plan and must pass every one (a generated scenario
it fails is a generator or oracle bug, and the script says so).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sandbox.errors import ConfigError  # noqa: E402
from sandbox.report import check_outputs, is_stdout, write_json_to  # noqa: E402
from sandbox.runner import RunOptions, run  # noqa: E402
from sandbox.scenarios import generate_scenarios, load_scenarios  # noqa: E402


def pass_rates(n: int, seed: int, agent: str, model: str, size: str | None = None) -> dict[str, Any]:
    """Generate ``n`` scenarios per family, run ``agent`` on each, and count passes per family."""
    with tempfile.TemporaryDirectory() as tmp:
        result = generate_scenarios(["all"], n=n, seed=seed, out=tmp, size=size)
        family_of = {sid: name for name, fam in result.families.items() for sid in fam.ids}
        scenarios = load_scenarios(Path(tmp))
    families: dict[str, dict[str, Any]] = {
        name: {"runs": 0, "passed": 0, "errors": 0, "failed": []} for name in result.families
    }
    started = time.perf_counter()
    for scenario in scenarios:
        entry = families[family_of[scenario.id]]
        done = run(scenario, RunOptions(agent=agent, model=model))
        entry["runs"] += 1
        if done.status == "error":
            entry["errors"] += 1
        if done.scores is not None and done.scores.passed:
            entry["passed"] += 1
        else:
            entry["failed"].append(scenario.id)
    for entry in families.values():
        entry["pass_rate"] = round(entry["passed"] / entry["runs"], 4) if entry["runs"] else None
    runs = sum(e["runs"] for e in families.values())
    passed = sum(e["passed"] for e in families.values())
    return {
        "agent": agent,
        "model": model,
        "n_per_family": n,
        "seed": seed,
        "runs": runs,
        "passed": passed,
        "pass_rate": round(passed / runs, 4) if runs else None,
        "seconds": round(time.perf_counter() - started, 1),
        "families": families,
    }


def table(report: dict[str, Any]) -> str:
    lines = [f"{'family':<18} {'passed':>6} {'runs':>5} {'pass rate':>10} {'errors':>7}"]
    for name, e in report["families"].items():
        rate = f"{e['pass_rate']:.2f}" if e["pass_rate"] is not None else "-"
        lines.append(f"{name:<18} {e['passed']:>6} {e['runs']:>5} {rate:>10} {e['errors']:>7}")
    lines.append(f"{'all':<18} {report['passed']:>6} {report['runs']:>5} {report['pass_rate'] or 0:>10.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="scenarios per family")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--agent", default="planner")
    parser.add_argument("--model", default="scripted", help="for agents that use a model")
    parser.add_argument(
        "--size", choices=("small", "medium"), default=None, help="default: the generator's mix"
    )
    parser.add_argument(
        "--json",
        dest="json_path",
        type=Path,
        help="write the report (with the failed scenario ids; -: stdout)",
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    try:
        check_outputs(args.json_path, None)
    except ConfigError as exc:
        parser.error(str(exc))  # exits 2, before anything runs
    report = pass_rates(args.n, args.seed, args.agent, args.model, args.size)
    out = sys.stderr if is_stdout(args.json_path) else sys.stdout  # the JSON report takes stdout
    print(f"{args.agent} ({args.model}) on {report['runs']} generated scenarios, seed {args.seed}, "
          f"{report['seconds']:.0f} s\n", file=out)  # fmt: skip
    print(table(report), file=out)
    if args.agent == "reference" and report["passed"] < report["runs"]:
        print(
            "\nthe reference agent must pass every generated scenario: generator or oracle bug",
            file=sys.stderr,
        )
        failed = {name: e["failed"] for name, e in report["families"].items() if e["failed"]}
        print(json.dumps(failed, indent=2), file=sys.stderr)
    if args.json_path:
        write_json_to(args.json_path, report)
    return 1 if args.agent == "reference" and report["passed"] < report["runs"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
