"""A run bank to measure a judge on, made reproducibly, and the judge's agreement with the checks.

    .venv/bin/python benchmarks/judge_bank.py [--db sqlite:///judge-bank.sqlite] [--judge offline] [--json F]
    (``--json -``: the JSON report on stdout, the tables on stderr)

Runs the shipped scenarios four ways, each a stored batch: ``planner`` with the ``scripted`` model
(runs that mostly pass), ``planner`` with the ``noisy`` model at temperature 0.7 over 2 trials
(planted mistakes: wrong dates, hallucinated ids, false success claims, ...), and two adversaries
whose reports lie (``adv-cheapest-liar``, ``adv-liar-pro``). Every agent and model here is seeded, so
the bank is the same on every machine. Then it runs ``travel-sandbox judge agree`` over the four
batches and prints the confusion matrix, Cohen's κ and the disagreements (``--json F``: the report).
``--batches ID...`` measures on a bank made before (e.g. with another ``--judge``) instead of making
one. The same numbers come from the command line: ``travel-sandbox judge agree B1 B2 B3 B4``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402

from sandbox.errors import ConfigError  # noqa: E402
from sandbox.judge import agree_on_batches, agreement_table, make_judge  # noqa: E402
from sandbox.report import check_outputs, is_stdout, write_json_to  # noqa: E402
from sandbox.runner import RunOptions, run_stored_batch  # noqa: E402
from sandbox.store import RunStore  # noqa: E402

#: (agent, model, temperature, trials): the bank's batches.
BANK = (
    ("planner", "scripted", 0.0, 1),
    ("planner", "noisy", 0.7, 2),
    ("adv-cheapest-liar", "scripted", 0.0, 1),
    ("adv-liar-pro", "scripted", 0.0, 1),
)


def make_bank(store: RunStore, scenarios: Path, concurrency: int) -> list[str]:
    """Run the bank's batches; their ids."""
    ids = []
    for agent, model, temperature, trials in BANK:
        t0 = time.perf_counter()
        batch = run_stored_batch(
            [scenarios],
            RunOptions(agent=agent, model=model, temperature=temperature),
            store=store,
            trials=trials,
            concurrency=concurrency,
        )
        print(f"{agent} / {model} T={temperature} x{trials}: batch {batch.id}, {len(batch.runs)} runs in "
              f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)  # fmt: skip
        ids.append(batch.id)
    return ids


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:///judge-bank.sqlite")
    parser.add_argument("--scenarios", type=Path, default=ROOT / "scenarios")
    parser.add_argument("--judge", default="offline")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the report here (-: stdout)")
    parser.add_argument(
        "--batches", nargs="+", help="Measure on these stored batches instead of making a bank."
    )
    args = parser.parse_args(argv)
    try:
        check_outputs(args.json, None)
    except ConfigError as exc:
        parser.error(str(exc))  # exits 2, before anything runs
    store = RunStore(args.db)
    ids = args.batches or make_bank(store, args.scenarios, args.concurrency)
    t0 = time.perf_counter()
    report = agree_on_batches(store, ids, make_judge(args.judge)).to_json()
    print(f"judged {report['judged']} runs in {time.perf_counter() - t0:.2f} s", file=sys.stderr)
    agreement_table(report, Console(width=160, stderr=is_stdout(args.json)))  # the JSON takes stdout
    if args.json:
        write_json_to(args.json, report)


if __name__ == "__main__":
    main()
