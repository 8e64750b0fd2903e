"""Benchmark the scenario generator: 1,000 generated scenarios, each validated by the oracle.

    .venv/bin/python benchmarks/generate_scenarios.py [--n 1000] [--seed 1] [--size small|medium]

Draws ``n`` scenarios spread evenly over every family (``travel-sandbox scenarios generate --family
all``) into a temporary folder — each is validated by the oracle as it is drawn, and redrawn until it
is valid — then validates the written folder again exactly as ``travel-sandbox validate`` does (schema,
``$schema`` line, unique ids, the oracle). The target is <= 60 s for the 1,000 on this machine, the
generation alone; catalogs are loaded before the clock starts (``medium`` from its cache). Prints a
table per family and writes bench-results/generate.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sandbox.scenarios import generate_scenarios, lint  # noqa: E402
from worlds.travel.generate import FAMILIES  # noqa: E402
from worlds.travel.generate._draw import view_for  # noqa: E402

TARGET_SECONDS = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="scenarios in total (spread over the families)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--size", choices=("small", "medium"), default=None, help="default: the generator's mix"
    )
    args = parser.parse_args()
    for size in ("small", "medium") if args.size is None else (args.size,):
        view_for(size)  # load the catalog before the clock starts
    per_family = math.ceil(args.n / len(FAMILIES))
    with tempfile.TemporaryDirectory() as tmp:
        cpu = time.process_time()
        result = generate_scenarios(["all"], n=per_family, seed=args.seed, out=tmp, size=args.size)
        cpu = time.process_time() - cpu
        started = time.perf_counter()
        reports = lint([tmp])
        relint = time.perf_counter() - started
    valid = sum(r.ok for r in reports)
    print(f"{'family':<18} {'written':>7} {'redrawn':>7}")
    for name, fam in result.families.items():
        print(f"{name:<18} {len(fam.ids):>7} {fam.redraws:>7}")
    verdict = "ok" if result.seconds <= TARGET_SECONDS and valid == result.written else "MISSED"
    print(
        f"{result.written} scenarios generated and oracle-validated in {result.seconds:.1f} s "
        f"({result.seconds / max(result.written, 1) * 1000:.0f} ms each; target <= {TARGET_SECONDS:.0f} s): "
        f"{verdict} (CPU {cpu:.1f} s: the wall time is longer on a busy machine); the written folder re-validated in {relint:.1f} s: {valid}/{len(reports)} valid"
    )
    out = ROOT / "bench-results" / "generate.json"
    out.parent.mkdir(exist_ok=True)
    summary = result.as_dict() | {
        "revalidate_seconds": round(relint, 3),
        "cpu_seconds": round(cpu, 3),
        "valid": valid,
        "target_seconds": TARGET_SECONDS,
    }
    for fam in summary["families"].values():
        fam.pop("ids")
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    if verdict != "ok":
        raise SystemExit(1)


if __name__ == "__main__":
    main()
