"""How well a request reader reads the golden request set (tests/agents/golden), per field and per
failure class.

    .venv/bin/python benchmarks/golden_intent.py [--reader package.module:function] [--split dev|held-out]
        [--json out.json]   (``-``: the JSON on stdout, the tables on stderr)

The reader is a function ``(text, ReadContext) -> TripIntent``. Without ``--reader`` the script runs
the empty reader (``TripIntent()`` for every request): the floor any real reader must beat, not a
measure of one. ``--split`` reads only the development or the held-out part of the set (README:
"Development and held-out"); without it, all of it. Prints two tables and, with ``--json``, writes them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "agents"))

from golden._golden import (  # noqa: E402
    SPLITS,
    Reader,
    class_table,
    empty_reader,
    field_table,
    is_developers,
    load_set,
    read_all,
    select,
)

from sandbox.errors import ConfigError  # noqa: E402
from sandbox.report import check_outputs, is_stdout, write_json_to  # noqa: E402


def load_reader(spec: str | None) -> Reader:
    """``package.module:function`` -> the function; ``None`` -> the empty reader. ValueError names
    what is wrong with ``spec``."""
    if spec is None:
        return empty_reader
    module, _, attr = spec.partition(":")
    if not module or not attr:
        raise ValueError(f"expected 'package.module:function', got {spec!r}")
    try:
        reader = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"{spec}: {exc}") from exc
    if not callable(reader):
        raise ValueError(f"{spec}: not a function")
    return reader  # type: ignore[no-any-return]


def render(title: str, table: dict[str, dict[str, float]], floor: dict[str, dict[str, float]]) -> str:
    """One row per key: graded, right, accuracy, and the empty reader's accuracy beside it (the floor:
    fields where "nothing" is usually right, such as rooms or budget, start high)."""
    lines = [f"{title:<16} {'graded':>6} {'right':>6} {'accuracy':>9} {'floor':>7}"]
    for key, row in table.items():
        share = "-" if row["graded"] == 0 else f"{row['accuracy']:.1%}"
        base = "-" if floor[key]["graded"] == 0 else f"{floor[key]['accuracy']:.1%}"
        lines.append(f"{key:<16} {int(row['graded']):>6} {int(row['passed']):>6} {share:>9} {base:>7}")
    return "\n".join(lines)


BATCHES = ("first", "b", "c", "developers")


def batch_of(entry_id: str) -> str:
    """The batch an entry belongs to, by its id: ``<category>-b-NNN`` / ``-c-NNN`` were written blind
    as the second and third batches; the developers' files by their prefixes (``DEVELOPER_PREFIXES``)."""
    if is_developers(entry_id):
        return "developers"
    for tag in ("b", "c"):
        if f"-{tag}-" in entry_id:
            return tag
    return "first"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", help="package.module:function; default: the empty reader (the floor)")
    parser.add_argument("--split", choices=SPLITS, help="only this part of the set (default: all)")
    parser.add_argument(
        "--batch",
        choices=sorted(BATCHES),
        help="only one batch: first, b, c (the *_b / *_c files) or developers (rd-*, policy_*, ag-*, p2-*, r5-* ... r9-*)",
    )
    parser.add_argument("--json", type=Path, help="also write the tables to this file (-: stdout)")
    args = parser.parse_args(argv)
    try:
        check_outputs(args.json, None)
    except ConfigError as exc:
        parser.error(str(exc))  # exits 2, before any reading
    try:
        reader = load_reader(args.reader)
    except ValueError as exc:
        parser.error(f"--reader {exc}")  # exits 2
    entries = [
        e for e in select(load_set(), args.split) if args.batch is None or batch_of(e.id) == args.batch
    ]
    started = time.perf_counter()
    marks = read_all(entries, reader)
    seconds = time.perf_counter() - started
    name = args.reader or "empty reader (floor)"
    fields, classes = field_table(marks), class_table(marks)
    floor_marks = marks if reader is empty_reader else read_all(entries, empty_reader)
    part = f" ({', '.join(filter(None, [args.split, args.batch and f'batch {args.batch}']))})"
    part = "" if part == " ()" else part
    out = sys.stderr if is_stdout(args.json) else sys.stdout  # the JSON report takes stdout
    print(f"golden set{part}: {len(entries)} requests, reader: {name}, read in {seconds:.2f}s\n", file=out)
    print(render("field", fields, field_table(floor_marks)), file=out)
    print(file=out)
    print(render("failure class", classes, class_table(floor_marks)), file=out)
    result = {
        "reader": name,
        "split": args.split,
        "batch": args.batch,
        "entries": len(entries),
        "fields": fields,
        "classes": classes,
    }
    if args.json:
        write_json_to(args.json, result)
    return result


if __name__ == "__main__":
    main()
