"""``drill score``: a learner's sheet against the drill's answer key and against the harness's verdicts.

"fail" is the positive class (a run flagged as defective): precision is the share of the runs the
learner failed that are defective, recall the share of defective runs the learner failed, accuracy the
share of graded runs graded right (0.0 where nothing is there to divide by, as scikit-learn's
``zero_division=0``). Rows with an empty verdict are not graded. A row naming a run outside the drill,
a verdict other than ``pass``/``fail``, a repeated run or a missing column is bad input: ``ConfigError``
naming the row.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from sandbox.errors import ConfigError
from sandbox.store import RunStore

VERDICTS = ("pass", "fail")


def read_sheet(path: Path) -> list[tuple[int, str, str, str]]:
    """``(row number, run id, verdict, reason)`` per data row (row 1 is the header)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read sheet {path}: {exc.strerror or exc}") from exc
    reader = csv.DictReader(text.splitlines())
    missing = {"run_id", "verdict"} - set(reader.fieldnames or [])
    if missing:
        raise ConfigError(
            f"{path}: row 1: missing column(s) {', '.join(sorted(missing))} (want run_id,verdict,reason)"
        )
    rows, seen = [], set()
    for i, row in enumerate(reader, start=2):
        rid = (row.get("run_id") or "").strip()
        verdict = (row.get("verdict") or "").strip().lower()
        if verdict and verdict not in VERDICTS:
            raise ConfigError(f"{path}: row {i}: verdict {row.get('verdict')!r} is not 'pass' or 'fail'")
        if rid in seen:
            raise ConfigError(f"{path}: row {i}: run {rid!r} is graded twice")
        seen.add(rid)
        rows.append((i, rid, verdict, (row.get("reason") or "").strip()))
    return rows


def find_drill(store: RunStore, sheet: Path, rows: list[tuple[int, str, str, str]]) -> str:
    """The drill of a sheet: from ``drill.json`` beside it, else from its first known run."""
    meta = sheet.parent / "drill.json"
    if meta.is_file():
        try:
            return str(json.loads(meta.read_text(encoding="utf-8"))["drill"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{meta}: not a drill's drill.json ({exc})") from exc
    for _, rid, _, _ in rows:
        found = store.drill_of(rid)
        if found:
            return found
    raise ConfigError(f"{sheet}: no drill in {store.url} holds these runs")


def _metrics(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """precision/recall/accuracy of (said, truth) pairs, "fail" the positive class."""
    tp = sum(s == "fail" and t == "fail" for s, t in pairs)
    fp = sum(s == "fail" and t == "pass" for s, t in pairs)
    fn = sum(s == "pass" and t == "fail" for s, t in pairs)
    right = sum(s == t for s, t in pairs)
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        "accuracy": round(right / len(pairs), 4) if pairs else 0.0,
    }


def score_sheet(store: RunStore, sheet: Path) -> dict[str, Any]:
    """The learner's score (the ``drill score --json`` contract) and the runs they got wrong, explained."""
    rows = read_sheet(sheet)
    return score_rows(store, find_drill(store, sheet, rows), rows, str(sheet))


def score_rows(
    store: RunStore, drill: str, rows: list[tuple[int, str, str, str]], where: str
) -> dict[str, Any]:
    """``score_sheet`` on rows from anywhere (a sheet, the web page's stored grades; ``where`` names
    them in errors): ``(row number, run id, verdict, reason)``, an empty verdict for an ungraded run."""
    key = store.get_drill(drill)["runs"]
    for i, rid, _, _ in rows:
        if rid not in key:
            raise ConfigError(f"{where}: row {i}: run {rid!r} is not in drill {drill}")
    graded = [(i, rid, v, why) for i, rid, v, why in rows if v]
    by_kind: dict[str, dict[str, Any]] = {}
    for kind in sorted({k["kind"] for k in key.values()}):
        mine = [(v, key[rid]["verdict"]) for _, rid, v, _ in graded if key[rid]["kind"] == kind]
        total = sum(k["kind"] == kind for k in key.values())
        by_kind[kind] = {"runs": total, "graded": len(mine), "right": sum(s == t for s, t in mine)}
        by_kind[kind]["accuracy"] = round(by_kind[kind]["right"] / len(mine), 4) if mine else 0.0
    wrong = [
        {
            "row": i,
            "run_id": rid,
            "you": v,
            "answer": key[rid]["verdict"],
            "kind": key[rid]["kind"],
            "why": key[rid]["about"]
            + (f" (shown by: {', '.join(key[rid]['evidence'])})" if key[rid]["evidence"] else ""),
            "harness": key[rid]["harness"],
            "your_reason": why,
        }
        for i, rid, v, why in graded
        if v != key[rid]["verdict"]
    ]
    return {
        "drill": drill,
        "graded": len(graded),
        "ungraded": len(rows) - len(graded) + len(set(key) - {rid for _, rid, _, _ in rows}),
        **_metrics([(v, key[rid]["verdict"]) for _, rid, v, _ in graded]),
        "by_kind": by_kind,
        "vs_harness": _metrics([(v, key[rid]["harness"]) for _, rid, v, _ in graded]),
        "harness_vs_key": _metrics([(k["harness"], k["verdict"]) for k in key.values()]),
        "wrong": wrong,
    }
