"""Batch against batch: load stored batches, compare them (``sandbox.scoring.compare_batches``), say
what the numbers mean, and write the ``compare --json`` report.

``batch_comparison`` is the one library call behind ``travel-sandbox compare`` and the web app's
``/api/compare/batches``: it resolves each id (a unique prefix is enough; an unknown id is a
``ConfigError`` naming the closest known ones), loads the stored runs without their traces, and adds
``notes`` for what a reader must know (an incomplete batch, runs skipped at a spend cap and left out,
scenarios left out of the comparison, batches of different code, scoring, world data or scenario
content: ``provenance_notes``), ``provenance`` (each batch's recorded provenance, by id) and
``sensitivity`` (ranks as the weights change, pass rates as gates move: ``sandbox.report._sensitivity``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sandbox.errors import ConfigError
from sandbox.report._provenance import provenance_notes
from sandbox.report._sensitivity import sensitivity
from sandbox.scoring import VERDICTS, compare_batches, tradeoffs
from sandbox.spi import RunResult
from sandbox.store import BatchInfo, RunStore

#: How many batches one comparison may hold.
MAX_BATCHES = 10
#: Bootstrap resamples a comparison may ask for (the default is 10,000).
MAX_RESAMPLES = 100_000
SIGNIFICANCE = 0.05


def batch_comparison(
    store: RunStore,
    ids: Sequence[str],
    *,
    verdict: str = "all",
    resamples: int = 10_000,
    seed: int = 0,
) -> dict[str, Any]:
    """Compare stored batches, each against the first (the ``compare --json`` report, plus ``notes``)."""
    if len(ids) < 2:
        raise ConfigError(f"compare needs at least two batch ids, got {len(ids)}")
    if len(ids) > MAX_BATCHES:
        raise ConfigError(f"compare at most {MAX_BATCHES} batches at once (got {len(ids)})")
    if verdict not in VERDICTS:
        raise ConfigError(f"verdict must be one of {', '.join(VERDICTS)}, got {verdict!r}")
    if not 1 <= resamples <= MAX_RESAMPLES:
        raise ConfigError(f"resamples must be between 1 and {MAX_RESAMPLES:,}, got {resamples}")
    notes: list[str] = []
    loaded: list[tuple[str, Sequence[RunResult]]] = []
    infos: list[BatchInfo] = []
    for given in ids:
        info = store.get_batch(given)
        if any(info.id == seen for seen, _ in loaded):
            raise ConfigError(f"batch {info.id} is given twice; compare different batches")
        stored = store.batch_runs(info.id, trace=False)
        runs = [r for r in stored if r.status != "skipped"]  # never started: no trial at all
        if not runs:
            raise ConfigError(f"batch {info.id} has no stored runs; nothing to compare")
        if (note := info.incomplete()) is not None:
            notes.append(note)
        if len(runs) < len(stored):
            notes.append(
                f"batch {info.id}: {len(stored) - len(runs)} run(s) were skipped at a spend cap and are left "
                f"out (`travel-sandbox run --resume {info.id}` runs them)"
            )
        loaded.append((info.id, runs))
        infos.append(info)
    try:
        data = compare_batches(loaded, verdict=verdict, resamples=resamples, seed=seed)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    left_out = {b: s for b, s in data["left_out"].items() if s}
    if left_out:
        notes.append(
            f"the batches ran different scenarios: compared on the {len(data['scenarios'])} they all ran; "
            + "; ".join(f"left out of {b}: {', '.join(s)}" for b, s in left_out.items())
        )
    notes += provenance_notes(infos, data["scenarios"])
    provenance = {i.id: i.meta.get("provenance") for i in infos}
    views = {bid: [dict(t, batch=bid) for t in tradeoffs(runs)] for bid, runs in loaded}
    common = set(data["scenarios"])
    scored = {bid: [r.scores for r in runs if r.scores and r.scenario in common] for bid, runs in loaded}
    return {
        **data,
        "notes": notes,
        "provenance": provenance,
        "tradeoffs": [t for v in views.values() for t in v],
        "sensitivity": sensitivity(scored),
    }


def _signed(x: float) -> str:
    return f"{x:+.3f}"


def interval(ci: Sequence[float] | None) -> str:
    """``[lo, hi]`` as ``[-0.120, +0.040]`` (signed: these are differences)."""
    return "—" if not ci else f"[{_signed(ci[0])}, {_signed(ci[1])}]"


def p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def conclusion(pair: dict[str, Any], agents: dict[str, str]) -> str:
    """One paired comparison in plain words: who passes more scenarios, whether it is significant."""
    a, b = agents.get(pair["a"], pair["a"]), agents.get(pair["b"], pair["b"])
    n = pair["scenarios"]
    if not pair["a_only"] and not pair["b_only"]:
        verdicts = f"{a} and {b} reach the same verdict on all {n} scenarios"
    else:
        verdicts = (
            f"{b} passes {pair['b_only']} scenario(s) that {a} fails and fails {pair['a_only']} that {a} "
            f"passes, out of {n} (McNemar {p_text(pair['p_value'])}"
            + (", significant at 5%)" if pair["p_value"] < SIGNIFICANCE else ", not significant at 5%)")
        )
    lo, hi = pair["overall_diff_ci95"]
    excludes = lo > 0 or hi < 0
    overall = (
        f"overall {_signed(pair['overall_diff'])} for {b} (95% CI {interval(pair['overall_diff_ci95'])}"
        + (", excludes 0)" if excludes else ", includes 0)")
    )
    return f"{verdicts}; {overall}."


def batch_labels(data: dict[str, Any]) -> dict[str, str]:
    """``{batch id: "agent / model"}``, with the id added where two batches share a label."""
    base = {b["batch"]: f"{b['agent']} / {b['model']}" for b in data["batches"]}
    seen = list(base.values())
    return {bid: (f"{label} ({bid})" if seen.count(label) > 1 else label) for bid, label in base.items()}


def compare_json(data: dict[str, Any]) -> str:
    """The comparison as JSON text (indent 2, UTF-8 kept, no NaN), ending with a newline."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
