"""``drill eval``: a scoring config of the learner's against a bank of runs with known defects.

A config (YAML) says which checks count toward correctness, how the four scores are weighted, the
overall threshold to pass and the gates (a score below its gate fails the run whatever the overall)::

    checks: all                  # or a list of check ids: [leg.date, stay.rooms, ...]
    weights: {correctness: 0.5, budget: 0.2, preference: 0.2, faithfulness: 0.1}
    threshold: 0.8
    gates: {correctness: 1.0}    # e.g. faithfulness: 1.0 fails every run with a false claim
    require: [minefields, human] # harness pass gates kept as they are (ids of ``Scores.gates``)

Each run of the bank (a drill's runs, with its answer key) is scored again from its stored scores under
the config: what it catches (defective runs it fails), misses (defective runs it passes), its false
alarms (clean runs it fails), per defect kind, and how each agent's rank by mean overall changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sandbox._yaml import load_yaml
from sandbox.drills._score import _metrics
from sandbox.errors import ConfigError
from sandbox.spi import RunResult
from sandbox.store import RunStore

SCORES = ("correctness", "budget", "preference", "faithfulness", "overall")
#: The harness's own pass gates a config may keep (``Scores.gates`` ids; see scenarios/README.md "Gates").
HARNESS_GATES = ("checks", "minefields", "budget", "faithful", "preference", "waste", "refusal", "human")
DIMENSIONS = ("correctness", "budget", "preference", "faithfulness")


class EvalConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    checks: Literal["all"] | list[str] = "all"
    weights: dict[str, float] = Field(
        default_factory=lambda: {"correctness": 0.5, "budget": 0.2, "preference": 0.2, "faithfulness": 0.1}
    )
    threshold: float = Field(0.8, ge=0.0, le=1.0)
    gates: dict[str, float] = Field(default_factory=lambda: {"correctness": 1.0})
    require: list[str] = Field(default_factory=list)

    @field_validator("require")
    @classmethod
    def _gate_ids(cls, value: list[str]) -> list[str]:
        unknown = set(value) - set(HARNESS_GATES)
        if unknown:
            raise ValueError(
                f"unknown gate(s) {', '.join(sorted(unknown))}; known: {', '.join(HARNESS_GATES)}"
            )
        return value

    @field_validator("weights", "gates")
    @classmethod
    def _known(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = set(value) - set(SCORES)
        if unknown:
            raise ValueError(f"unknown score(s) {', '.join(sorted(unknown))}; known: {', '.join(SCORES)}")
        return value


def load_config(path: Path) -> EvalConfig:
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        return EvalConfig.model_validate(data)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where}: {first['msg']}") from exc


def rescore(run: RunResult, cfg: EvalConfig) -> tuple[float, bool]:
    """``(overall, passed)`` of a finished run under ``cfg``."""
    s = run.scores
    if s is None:
        return 0.0, False
    checks = [c for c in s.checks if cfg.checks == "all" or c.id in cfg.checks]
    weight = sum(c.weight for c in checks)
    parts = {
        "correctness": sum(c.weight for c in checks if c.passed) / weight if weight else 1.0,
        "budget": s.budget,
        "preference": s.preference,
        "faithfulness": s.faithfulness,
    }
    total_w = sum(cfg.weights.get(d, 0.0) for d in DIMENSIONS)
    overall = sum(cfg.weights.get(d, 0.0) * parts[d] for d in DIMENSIONS) / total_w if total_w else 0.0
    scores = {**parts, "overall": overall}
    passed = overall >= cfg.threshold - 1e-9 and all(scores[g] >= v - 1e-9 for g, v in cfg.gates.items())
    held = {g.id: g.passed for g in s.gates}
    passed = passed and all(held.get(g, True) for g in cfg.require)
    return round(overall, 4), passed


def _ranks(means: dict[str, float]) -> dict[str, int]:
    return {a: i for i, a in enumerate(sorted(means, key=lambda a: (-means[a], a)), start=1)}


def eval_config(store: RunStore, drill_id: str, cfg: EvalConfig) -> dict[str, Any]:
    key = store.get_drill(drill_id)["runs"]
    runs = [r for r in store.batch_runs(drill_id) if r.id in key]
    if not runs:
        raise ConfigError(f"drill {drill_id} has no stored runs")
    rows, pairs = [], []
    for r in runs:
        overall, passed = rescore(r, cfg)
        k = key[r.id]
        said = "pass" if passed else "fail"
        pairs.append((said, k["verdict"]))
        rows.append(
            {
                "run_id": r.id,
                "agent": r.agent,
                "kind": k["kind"],
                "answer": k["verdict"],
                "config": said,
                "overall": overall,
            }
        )
    by_kind: dict[str, dict[str, int]] = {}
    for row in rows:
        e = by_kind.setdefault(row["kind"], {"runs": 0, "failed": 0})
        e["runs"] += 1
        e["failed"] += row["config"] == "fail"
    before = {
        a: _mean([r.scores.overall for r in runs if r.agent == a and r.scores])
        for a in {r.agent for r in runs}
    }
    after = {a: _mean([row["overall"] for row in rows if row["agent"] == a]) for a in before}
    rb, ra = _ranks(before), _ranks(after)
    return {
        "drill": drill_id,
        "config": cfg.model_dump(),
        **_metrics(pairs),
        "catches": [r["run_id"] for r in rows if r["answer"] == "fail" and r["config"] == "fail"],
        "misses": [
            {"run_id": r["run_id"], "kind": r["kind"]}
            for r in rows
            if r["answer"] == "fail" and r["config"] == "pass"
        ],
        "false_alarms": [
            {"run_id": r["run_id"], "kind": r["kind"]}
            for r in rows
            if r["answer"] == "pass" and r["config"] == "fail"
        ],
        "by_kind": by_kind,
        "rankings": [
            {
                "agent": a,
                "overall_before": before[a],
                "rank_before": rb[a],
                "overall_after": after[a],
                "rank_after": ra[a],
            }
            for a in sorted(before, key=lambda a: ra[a])
        ],
    }


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0
