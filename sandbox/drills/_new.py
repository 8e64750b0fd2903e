"""``drill new``: a batch of runs mixing clean runs and runs with a planted defect, and its answer key.

Defects come from the world's recipes (``World.drill_recipes``): an agent and a model that plant the
defect, and the signals that show it took effect. A defective run is kept only when its evidence
holds; a clean run is the default agent on the scripted model, kept only when it passed and planted
nothing. ``easy`` uses the recipes the harness's own verdict catches; ``hard`` adds the ones it may
miss; ``kinds`` keeps only the recipes of those kinds. With fewer defect slots than recipes, the seed
picks which recipes fill them; a recipe may plant an attack (``run --attack``) and prefer scenarios
by tag. The runs are stored as one batch (its id is the drill's id); the answer key is stored in the run
store under that id, never in the learner's folder, which gets ``sheet.csv`` (``run_id,verdict,reason``,
verdict empty) and ``drill.json`` (the drill's id and store, no answers).
"""

from __future__ import annotations

import csv
import json
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sandbox.drills._signals import matched, run_signals
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.runner import RunOptions, load_jobs, run
from sandbox.spi import DrillRecipe, RunResult, default_world, worlds
from sandbox.store import RunStore

Difficulty = Literal["easy", "hard"]
CLEAN = DrillRecipe(kind="clean", about="no defect", agent="planner", evidence=("passed",))
TRIES = 6  # runs tried per defect before another recipe is taken
MAX_N = 200


@dataclass(frozen=True)
class Drill:
    id: str
    sheet: Path
    runs: int
    defective: int


def recipes(difficulty: Difficulty, world: str | None = None, kinds: Sequence[str] = ()) -> list[DrillRecipe]:
    """The world's recipes for ``difficulty`` (``kinds``: only those; an unknown kind is bad input)."""
    found = list(worlds.get(world or default_world()).drill_recipes)
    if not found:
        raise ConfigError(f"world {world or default_world()!r} has no drill recipes")
    if kinds:
        known = [r.kind for r in found]
        for k in kinds:
            if k not in known:
                raise UnknownNameError("defect kind", k, known)
        return [r for r in found if r.kind in kinds]
    return [r for r in found if difficulty == "hard" or not r.hard]


def _try(recipe: DrillRecipe, job: Any, trial: int) -> tuple[RunResult, list[str]] | None:
    options = RunOptions(
        agent=recipe.agent,
        model=recipe.model,
        temperature=recipe.temperature,
        trial=trial,
        base_dir=job.base_dir,
        attack=recipe.attack,
    )
    result = run(job.scenario, options)
    if result.status != "done":
        return None
    signals = run_signals(result)
    if recipe is CLEAN:
        ok = "passed" in signals and not any(s.startswith(("planted:", "slipped:")) for s in signals)
        return (result, []) if ok else None
    hits = matched(recipe.evidence, signals)
    return (result, hits) if hits else None


def new_drill(
    store: RunStore,
    scenario_paths: Sequence[Path],
    out_dir: Path,
    *,
    n: int = 12,
    seed: int = 0,
    difficulty: Difficulty = "easy",
    world: str | None = None,
    progress: Callable[[str], None] | None = None,
    kinds: Sequence[str] = (),
) -> Drill:
    """Make a drill of ``n`` runs (about half defective) and write the learner's sheet."""
    if not 2 <= n <= MAX_N:
        raise ConfigError(f"--n must be between 2 and {MAX_N}, got {n}")
    sheet = out_dir / "sheet.csv"
    if sheet.exists():
        raise ConfigError(f"{sheet} exists already; choose another --out (a drill never overwrites a sheet)")
    rng = random.Random(seed)
    jobs = load_jobs(scenario_paths, 1)
    if not jobs:
        raise ConfigError("no scenarios to make a drill from")
    plan = recipes(difficulty, world, kinds)
    defects = n // 2
    if defects < len(plan):  # not room for every kind: the seed picks which (in the world's order)
        picked = set(rng.sample(range(len(plan)), defects))
        cycle = [r for i, r in enumerate(plan) if i in picked]
    else:
        cycle = plan
    wanted = [cycle[i % len(cycle)] for i in range(defects)] + [CLEAN] * (n - defects)
    drill_id = f"drill-{uuid.uuid4().hex[:8]}"
    store.start_batch(
        {"command": "drill new", "args": {"n": n, "seed": seed, "difficulty": difficulty}}, batch_id=drill_id
    )
    key: dict[str, Any] = {"seed": seed, "difficulty": difficulty, "runs": {}}
    kept: list[RunResult] = []
    for recipe in wanted:
        got = _one(recipe, plan, jobs, rng, progress)
        if got is None:
            continue
        (result, hits), used = got
        store.save(result, drill_id)
        kept.append(result)
        key["runs"][result.id] = {
            "verdict": "pass" if used is CLEAN else "fail",
            "kind": used.kind,
            "about": used.about,
            "evidence": hits,
            "harness": "pass" if result.scores is not None and result.scores.passed else "fail",
            "scenario": result.scenario,
            "agent": result.agent,
            "model": result.model,
            "attack": result.attack,
        }
    store.save_drill(drill_id, key)
    store.finish_batch(drill_id, {"runs": len(kept)})
    rng.shuffle(kept)
    out_dir.mkdir(parents=True, exist_ok=True)
    with sheet.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["run_id", "verdict", "reason"])
        for r in kept:
            w.writerow([r.id, "", ""])
    (out_dir / "drill.json").write_text(
        json.dumps(
            {"drill": drill_id, "store": store.url, "runs": len(kept), "difficulty": difficulty}, indent=2
        )
        + "\n",
        encoding="utf-8",
    )
    bad = sum(v["verdict"] == "fail" for v in key["runs"].values())
    return Drill(drill_id, sheet, len(kept), bad)


def _one(
    recipe: DrillRecipe,
    plan: list[DrillRecipe],
    jobs: list[Any],
    rng: random.Random,
    progress: Callable[[str], None] | None,
) -> tuple[tuple[RunResult, list[str]], DrillRecipe] | None:
    """A run of ``recipe`` whose evidence holds (another recipe's, if it never does), or None."""
    order = [recipe] + ([r for r in plan if r is not recipe] if recipe is not CLEAN else [])
    for r in order:
        mine = [j for j in jobs if set(r.tags) & set(j.scenario.tags)] or jobs
        tries = TRIES * max(1, r.trials)
        if r.model == "scripted":  # a scripted run repeats itself: try each scenario once, more of them
            candidates = rng.sample(mine, min(len(mine), 4 * tries))
        else:
            candidates = [rng.choice(mine) for _ in range(tries)]
        for job in candidates:
            if progress:
                progress(f"{r.kind}: {job.scenario.id} ({r.agent} / {r.model})")
            got = _try(r, job, rng.randrange(10_000) if r.model != "scripted" else 0)
            if got is not None:
                return got, r
    return None
