"""A stored batch: scenario files x trials run with one set of options, every run stored, then summarised.

What ``travel-sandbox run`` and the Python API (``sandbox.run``) do, so that they give the same runs and
the same JSON (and ``run --resume``): ``check_options`` resolves every name before
anything runs (an unknown agent, model, human or policy raises, with a did-you-mean);
``run_stored_batch`` records the batch with its plan and provenance (``meta``), runs it (``run_batch``:
each run stored as it finishes, spend caps honoured), and stores its summary; ``resume_stored_batch``
runs again, in the same batch, exactly the planned runs that are missing, ``error`` or ``skipped``.

The batch's ``meta``::

    agent, model, trials, human, policy, paths, planned_runs     what started it
    plan         {"version": 1, "scenarios": [ids in order], "trials", "options" (the RunOptions, as
                  JSON), "model_profile", "caps": {"max_cost", "max_tokens"}, "concurrency"}
    provenance   code, scoring and world versions, scenario hashes (``batch_provenance``)
    resumes      [{"at", "missing", "error", "skipped"}]: one entry per ``run --resume``

A batch run with attacks (``attacks``: names of the scenarios' world's attacks, or ``all``) runs every
scenario x trial once clean and once under each attack (``Job.attack``), so its summary gives the
suite's utility with and without each attack side by side (``summary.attacks``); ``plan.attacks``
records them.

A resume takes everything from the plan (scenarios, trials, agent, model and its options, policy,
human, seed, limits) and refuses when a scenario file changed since (its hash differs) or is gone: the
batch would otherwise mix two versions of a scenario. Its spend caps are the recorded ones unless
given again; they limit what the resume spends, not the batch as a whole.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console

from sandbox.control import Limits, check_human, load_policy
from sandbox.errors import ConfigError, ScenarioError
from sandbox.runner._batch import Job, SpendCaps, run_batch
from sandbox.runner._parts import RunOptions, check_attack
from sandbox.runner._provenance import batch_provenance, scenario_hash
from sandbox.runner._traveller import check_traveller
from sandbox.scenarios import LoadedFile, check_files
from sandbox.scoring import summarize
from sandbox.spi import RunResult, agents, model_factory, world_of
from sandbox.store import RunStore

PLAN_VERSION = 1


@dataclass(frozen=True)
class StoredBatch:
    """A batch that ran: its id, its runs in (file, trial) order, its summary and where it is stored;
    for a resume, how many runs it ran again and why (``resumed``: missing, error, skipped)."""

    id: str
    runs: list[RunResult]
    summary: dict[str, Any]
    store_url: str
    resumed: dict[str, int] | None = None


def check_options(options: RunOptions, caps: SpendCaps | None = None) -> None:
    """Resolve every name the options give (the model only for an agent that uses one); raise
    ``UnknownNameError``/``ConfigError`` saying what is wrong, before anything runs. A dollar cap needs
    the model's price."""
    factory = agents.get(options.agent)
    needs_model = getattr(factory, "needs_model", True)
    if needs_model:
        model_factory(options.model)
    check_human(options.human)
    check_traveller(options.traveller)
    if options.policy is not None:
        load_policy(options.policy)
    if caps is not None and caps.max_cost is not None and needs_model and options.prices is None:
        raise ConfigError(
            f"--max-cost needs the price of model {options.model!r}, which is not in the price table: "
            "add it to a file named by TRAVEL_SANDBOX_PRICES or to the model profile's prices "
            "($ per 1M input and output tokens), or cap tokens with --max-tokens"
        )


def _loaded(paths: Sequence[str | Path]) -> list[LoadedFile]:
    files = check_files(paths)
    issues = [i for f in files for i in f.issues]
    if issues:
        raise ScenarioError(issues)
    return [f for f in files if f.scenario is not None]


def _jobs(files: Sequence[LoadedFile], trials: int, attacks: Sequence[str] = ()) -> list[Job]:
    """Every scenario x (clean, then each attack) x trial."""
    return [
        Job(f.scenario, Path(f.file).parent, t, attack=a)
        for f in files
        if f.scenario is not None
        for a in (None, *attacks)
        for t in range(trials)
    ]


def resolve_attacks(files: Sequence[LoadedFile], names: Sequence[str]) -> list[str]:
    """The attack names to run (``all``: every attack of the scenarios' worlds), checked against the
    world of every scenario: ``ConfigError`` for a world without attacks (naming it),
    ``UnknownNameError`` with a did-you-mean for a name its world does not know."""
    worlds = {id(w): w for w in (world_of(f.scenario) for f in files if f.scenario is not None)}
    wanted = [n.strip() for n in names if n.strip()]
    out: list[str] = []
    for world in worlds.values():
        if "all" in wanted:
            if not world.attacks:
                check_attack(world, "all")  # raises, naming the world
            mine = list(world.attacks)
        else:
            mine = wanted
        for name in mine:
            check_attack(world, name)
            if name not in out:
                out.append(name)
    for world in worlds.values():  # every scenario runs under every attack: each world must have each
        for name in out:
            check_attack(world, name)
    return out


def options_json(options: RunOptions) -> dict[str, Any]:
    """The options as JSON data (a job's own trial and folder left out)."""
    data = dataclasses.asdict(dataclasses.replace(options, trial=0, base_dir=None))
    data.pop("trial"), data.pop("base_dir")
    return data


def options_from_json(data: dict[str, Any]) -> RunOptions:
    known = {f.name for f in dataclasses.fields(RunOptions)}
    values = {k: v for k, v in data.items() if k in known}
    values["limits"] = Limits(**values.get("limits", {}))
    return RunOptions(**values)


def batch_summary(batch_id: str, runs: Sequence[RunResult], meta: dict[str, Any]) -> dict[str, Any]:
    """A stored batch's summary, as ``run --json`` has it: the batch, the statistics of its runs
    (``summarize``), why it stopped early (``stopped``: a spend cap, or null) and its provenance (null
    for a batch recorded before provenance)."""
    stopped = next((r.error for r in runs if r.status == "skipped"), None)
    stopped = stopped.removeprefix("skipped: ") if stopped else None
    return {"batch": batch_id, **summarize(runs), "stopped": stopped, "provenance": meta.get("provenance")}


def run_stored_batch(
    paths: Sequence[str | Path],
    options: RunOptions,
    *,
    store: RunStore,
    trials: int = 1,
    concurrency: int = 2,
    console: Console | None = None,
    caps: SpendCaps | None = None,
    model_profile: str | None = None,
    finish: Callable[[RunResult], RunResult] | None = None,
    backend: str = "threads",
    address: str | None = None,
    attacks: Sequence[str] = (),
) -> StoredBatch:
    """Run ``paths`` x ``trials`` (scenario files or folders), store every run and the batch's summary.
    With ``attacks`` (names, or ``all``), each scenario x trial also runs once under each attack.

    Raises ``ScenarioError`` for an invalid scenario file and ``ConfigError`` when there is nothing to
    run, before the batch is recorded. ``console``: where the progress bar goes (none without one);
    ``finish``: a step applied to each run before it is stored (``run --judge``: a judge's verdict);
    ``backend``, ``address``: where the runs execute (``run_batch``).
    """
    files = _loaded(paths)
    attacks = resolve_attacks(files, attacks) if attacks else []
    jobs = _jobs(files, trials, attacks)
    if not jobs:
        raise ConfigError("no scenarios to run")
    caps = caps or SpendCaps()
    meta = {
        "agent": options.agent,
        "model": options.model,
        "trials": trials,
        "human": options.human,
        "policy": options.policy,
        "paths": [str(p) for p in paths],
        "planned_runs": len(jobs),  # so that `report` can tell a batch stopped part-way
        "plan": {
            "version": PLAN_VERSION,
            "scenarios": [f.scenario.id for f in files if f.scenario is not None],
            "trials": trials,
            "options": options_json(options),
            "model_profile": model_profile,
            "caps": dataclasses.asdict(caps),
            "concurrency": concurrency,
            "backend": backend,
            "attacks": attacks,
        },
        "provenance": batch_provenance(files),
    }
    batch_id = store.start_batch(meta)
    runs = run_batch(
        jobs,
        options,
        concurrency=concurrency,
        store=store,
        batch_id=batch_id,
        console=console,
        caps=caps,
        finish=finish,
        backend=backend,
        address=address,
    )
    summary = batch_summary(batch_id, runs, meta)  # `run --json` has summary.batch
    store.finish_batch(batch_id, summary)
    return StoredBatch(batch_id, runs, summary, store.url)


def resume_stored_batch(
    store: RunStore,
    batch_id: str,
    *,
    concurrency: int | None = None,
    caps: SpendCaps | None = None,
    console: Console | None = None,
    backend: str = "threads",
    address: str | None = None,
) -> StoredBatch:
    """Run again, in batch ``batch_id``, the planned runs that are missing, ``error`` or ``skipped``
    (see the module docstring); store the batch's new summary. ``caps`` None: the recorded ones.
    ``backend``, ``address``: where the runs execute (any backend: the runs are the same)."""
    info = store.get_batch(batch_id)
    batch_id, meta = info.id, dict(info.meta)
    plan = meta.get("plan")
    if not isinstance(plan, dict) or plan.get("version") != PLAN_VERSION:
        raise ConfigError(
            f"batch {batch_id} was recorded without a plan (by an earlier version), so it cannot be "
            "resumed; run its scenarios again as a new batch"
        )
    files = _planned_files(batch_id, plan, meta.get("provenance") or {})
    options = options_from_json(plan["options"])
    caps = caps if caps is not None else SpendCaps(**plan.get("caps", {}))
    check_options(options, caps)
    attacks = list(plan.get("attacks") or [])
    runs_so_far = store.batch_runs(batch_id, trace=False)
    jobs, counts = _jobs_to_resume(files, int(plan["trials"]), runs_so_far, attacks)
    if jobs:
        run_batch(
            jobs,
            options,
            concurrency=concurrency or int(plan.get("concurrency", 2)),
            store=store,
            batch_id=batch_id,
            console=console,
            caps=caps,
            backend=backend,
            address=address,
        )
    meta["resumes"] = [*meta.get("resumes", []), {"at": datetime.now(UTC).isoformat(), **counts}]
    store.update_batch(batch_id, meta)
    runs = _in_plan_order(store.batch_runs(batch_id), plan["scenarios"])
    summary = batch_summary(batch_id, runs, meta)
    store.finish_batch(batch_id, summary)
    return StoredBatch(batch_id, runs, summary, store.url, counts)


def _planned_files(batch_id: str, plan: dict[str, Any], provenance: dict[str, Any]) -> list[LoadedFile]:
    """The batch's scenario files, loaded again; refused if one is gone or changed since."""
    recorded = provenance.get("scenarios", {})
    files: list[LoadedFile] = []
    for sid in plan["scenarios"]:
        entry = recorded.get(sid) or {}
        path = entry.get("file")
        if not path or not Path(path).is_file():
            raise ConfigError(
                f"batch {batch_id}: the file of scenario {sid!r} ({path}) is gone; it cannot be resumed"
            )
        (loaded,) = _loaded([path])
        assert loaded.scenario is not None
        if loaded.scenario.id != sid or scenario_hash(loaded.scenario) != entry.get("hash"):
            raise ConfigError(
                f"batch {batch_id}: scenario {sid!r} ({path}) changed since the batch started, so resuming "
                "would mix two versions of it; run it as a new batch"
            )
        files.append(loaded)
    return files


def _jobs_to_resume(
    files: Sequence[LoadedFile], trials: int, stored: Sequence[RunResult], attacks: Sequence[str] = ()
) -> tuple[list[Job], dict[str, int]]:
    """The planned runs without a ``done`` run stored, each replacing its stored error or skip."""
    done: set[tuple[str, str | None, int]] = set()
    other: dict[tuple[str, str | None, int], str] = {}
    status: dict[tuple[str, str | None, int], str] = {}
    for r in stored:
        key = (r.scenario, r.attack, r.trial)
        if r.status == "done":
            done.add(key)
        else:
            other.setdefault(key, r.id)
            status.setdefault(key, r.status)
    counts = {"missing": 0, "error": 0, "skipped": 0}
    jobs: list[Job] = []
    for job in _jobs(files, trials, attacks):
        key = (job.scenario.id, job.attack, job.trial)
        if key in done:
            continue
        counts[status.get(key, "missing")] += 1
        jobs.append(dataclasses.replace(job, replaces=other.get(key)))
    return jobs, counts


def _in_plan_order(runs: Sequence[RunResult], scenarios: Sequence[str]) -> list[RunResult]:
    rank = {sid: n for n, sid in enumerate(scenarios)}
    return sorted(runs, key=lambda r: (rank.get(r.scenario, len(rank)), r.attack or "", r.trial))
