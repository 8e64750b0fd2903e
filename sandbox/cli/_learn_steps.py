"""The steps of ``travel-sandbox learn`` (``_learn`` runs them in order and times them).

``Walk`` holds what the steps share: the console, the folder and run store, the drill's seed, size and
kinds, where the learner's answers come from, and the files the walkthrough wrote (so an interrupted
walkthrough can remove them). Each step prints its part and returns what the next one needs.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sandbox.cli._learn_view import explain_scorecard, learner_view
from sandbox.cli._suite import DEFAULT_AGENT
from sandbox.drills import new_drill, read_sheet, recipes, score_sheet
from sandbox.runner import Job, RunOptions, load_jobs, run
from sandbox.scenarios import default_scenarios_dir, scenario_files
from sandbox.scoring import pass_at_k, pass_hat_k
from sandbox.spi import MessageEvent, RunResult, default_world, worlds
from sandbox.store import RunStore

NOISY, TEMPERATURE, TRIALS = "noisy", 0.5, 3  # the model of step (b): the default's, with planted mistakes
GUIDE = "docs/evals-guide.md"
GUIDE_SECTIONS = (
    ("Reading a scorecard", "what step (a) showed, with every check's id"),
    ("pass^1 vs pass^k vs pass@k", "step (b), and why repeated trials matter"),
    ("Baselines", "why a do-nothing agent must fail"),
    ("Overfitting and held-out sets", "grade or tune on one drill, check on another seed"),
    ("Gates vs weighted scores", "why a high overall never buys a pass"),
    ("Calibration", "does the agent's stated confidence mean anything?"),
    ("LLM judges and their agreement", "measure a judge before trusting it"),
)


@dataclass
class Walk:
    console: Console
    folder: Path
    db: str
    seed: int
    n: int
    kinds: tuple[str, ...]
    answers: list[tuple[str, str]] | None
    yes: bool
    on_wait: Callable[[float], None]
    wrote: list[Path] = field(default_factory=list)
    _store: RunStore | None = None

    @property
    def store(self) -> RunStore:
        if self._store is None:
            local = self.folder / "runs.sqlite"
            if self.db == f"sqlite:///{local}" and not local.exists():
                self.wrote.append(local)
            self._store = RunStore(self.db)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.engine.dispose()

    @cached_property
    def files(self) -> list[Path]:
        """The world's tutorial scenarios (the suite's first six when it names none or they are missing)."""
        world = worlds.get(default_world())
        files = scenario_files([default_scenarios_dir()])
        return [f for sid in world.tutorial_scenarios for f in files if f.stem == sid] or files[:6]

    @cached_property
    def jobs(self) -> list[Job]:
        return load_jobs(self.files, 1)

    def say(self, text: str, style: str = "") -> None:
        self.console.print(Text(text, style=style))

    def title(self, step: str, text: str) -> None:
        self.console.print()
        self.console.rule(Text(f"{step}. {text}", style="bold cyan"))

    def _prompt(self, text: str, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return typer.prompt(text, **kwargs)
        finally:
            self.on_wait(time.perf_counter() - start)

    def pause(self) -> None:
        if not self.yes:
            self._prompt("Press Enter to go on", default="", show_default=False)

    def verdict(self, index: int) -> tuple[str, str]:
        """The learner's ``(verdict, reason)`` for the ``index``-th run shown."""
        if self.answers is not None and index < len(self.answers):
            verdict, reason = self.answers[index]
            self.say(f"Your verdict (from the answers file): {verdict}" + (f" — {reason}" if reason else ""))
            return verdict, reason
        if self.yes:
            self.say("Your verdict (--yes): pass")
            return "pass", ""
        verdict = ""
        while verdict not in ("pass", "fail"):
            said = str(self._prompt("Your verdict: pass or fail?")).strip().lower()
            verdict = {"p": "pass", "f": "fail"}.get(said, said)
        reason = str(self._prompt("Why? (one line; Enter to skip)", default="", show_default=False))
        return verdict, reason.strip()


def _request(run: RunResult) -> str:
    first = next((e for e in run.trace if isinstance(e, MessageEvent) and e.data.role == "user"), None)
    return " ".join(first.data.content.split()) if first is not None else "(no request recorded)"


def _store_batch(walk: Walk, runs: list[RunResult], step: str) -> str:
    batch = walk.store.start_batch({"command": "learn", "args": {"step": step}})
    for r in runs:
        walk.store.save(r, batch)
    walk.store.finish_batch(batch, {"runs": len(runs)})
    return batch


def first_run(walk: Walk) -> str:
    walk.title("a", "One run, and its scorecard read together")
    job = walk.jobs[0]
    walk.say(
        f"The default agent ({DEFAULT_AGENT}, on the offline scripted model) runs scenario {job.scenario.id}:"
    )
    result = run(job.scenario, RunOptions(agent=DEFAULT_AGENT, base_dir=job.base_dir))
    _store_batch(walk, [result], "a")
    walk.say(f"  “{_request(result)}”", "italic")
    walk.say(
        "The run is scored from the final state and the trace, never from what the agent claims. "
        "Scores rank runs; gates decide the verdict: a run passes only when every gate holds."
    )
    explain_scorecard(result, walk.console)
    walk.say(
        f"The trace (every message, tool call, checkpoint and guardrail, numbered) is in the run store: "
        f"travel-sandbox show {result.id} --db {walk.db} — or open the run's page in the web app "
        f"(travel-sandbox serve --db {walk.db})."
    )
    return result.id


def pass_k(walk: Walk, run_id: str) -> None:
    walk.title("b", "pass^1 vs pass^k")
    job = walk.jobs[0]
    walk.say(
        f"Run {run_id} used the scripted model, which gives the same run every time. A real model does "
        f"not: the {NOISY} model makes the same agent slip the way an LLM does (a wrong date, a made-up "
        f"id, a false claim), at random. The same scenario, {TRIALS} trials:"
    )
    runs = [
        run(job.scenario, RunOptions(agent=DEFAULT_AGENT, model=NOISY, temperature=TEMPERATURE, trial=t, base_dir=job.base_dir))
        for t in range(TRIALS)
    ]  # fmt: skip
    _store_batch(walk, runs, "b")
    passed = [bool(r.scores and r.scores.passed) for r in runs]
    table = Table(
        title=f"{job.scenario.id}: {TRIALS} trials, model {NOISY} (temperature {TEMPERATURE})",
        show_edge=False,
    )
    for col in ("trial", "run", "verdict", "failed gates"):
        table.add_column(col)
    for r, ok in zip(runs, passed, strict=True):
        failed = ", ".join(g.id for g in r.scores.failed_gates()) if r.scores else r.status
        table.add_row(str(r.trial), r.id, "pass" if ok else "FAIL", failed or "—")
    walk.console.print(table)
    c = sum(passed)
    p1, pk, at = pass_hat_k(TRIALS, c, 1), pass_hat_k(TRIALS, c, TRIALS), pass_at_k(TRIALS, c, TRIALS)
    walk.say(
        f"pass^1 is the chance that one run passes: here {p1:.2f} ({c} of {TRIALS} trials passed). "
        f"pass^{TRIALS} is the chance that all {TRIALS} pass, what someone who asks {TRIALS} times lives "
        f"through: here {pk:.2f}, so one passing run says little about reliability.",
        "bold",
    )
    walk.say(
        f"(pass@{TRIALS}, at least one of {TRIALS} passes, is {at:.2f}: what a best-of-{TRIALS} system could reach.)"
    )


def drill_step(walk: Walk) -> Path:
    walk.title("c", "Make a drill")
    world = worlds.get(default_world())
    kinds = walk.kinds or world.tutorial_kinds
    tried = [0]

    def progress(_: str) -> None:  # the message names the recipe's agent: the answer, so not shown
        tried[0] += 1

    with walk.console.status("Making the drill: runs with planted defects and clean runs ..."):
        drill_dir = walk.folder / "drill"
        walk.wrote.append(drill_dir)
        drill = new_drill(
            walk.store, walk.files, drill_dir, n=walk.n, seed=walk.seed, kinds=kinds, progress=progress
        )
    walk.say(
        f"Drill {drill.id}: {drill.runs} runs (seed {walk.seed}, {tried[0]} tried), about half with a "
        f"planted defect. Your sheet is {drill.sheet}; the answer key stays in the run store."
    )
    walk.say("The defects planted in this drill are of these kinds:")
    for r in recipes("easy", None, kinds):
        walk.say(f"  • {r.kind}: {r.about}")
    walk.say("Read each run and say pass (nothing wrong) or fail (a defect), with a reason.")
    return drill.sheet


def grade(walk: Walk, sheet: Path) -> None:
    walk.title("d", "Grade each run (the answer is hidden)")
    rows = read_sheet(sheet)
    titles = {j.scenario.id: j.scenario.title for j in walk.jobs}
    graded: list[tuple[str, str, str]] = []
    for k, (_, rid, _, _) in enumerate(rows):
        r = walk.store.get(rid)
        learner_view(r, walk.console, number=k + 1, total=len(rows), title=titles.get(r.scenario, ""))
        verdict, reason = walk.verdict(k)
        graded.append((rid, verdict, reason))
    tmp = sheet.with_name(sheet.name + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["run_id", "verdict", "reason"])
        w.writerows(graded)
    os.replace(tmp, sheet)  # whole or not at all
    walk.say(f"Your grades are in {sheet}.")


def scores(walk: Walk, sheet: Path) -> None:
    walk.title("e", "Your score against the answer key")
    result = score_sheet(walk.store, sheet)
    walk.say(
        f"graded {result['graded']} · precision {result['precision']:.2f} · recall {result['recall']:.2f} · "
        f"accuracy {result['accuracy']:.2f}",
        "bold",
    )
    walk.say(
        "'fail' is the positive class: recall is the share of the defective runs you failed (a missed "
        "defect lowers it), precision the share of the runs you failed that were defective (a false "
        "alarm lowers it), accuracy the share of runs you graded right."
    )
    table = Table(title="By defect kind", show_edge=False)
    for col in ("kind", "runs", "you got right"):
        table.add_column(col)
    for kind, e in result["by_kind"].items():
        table.add_row(kind, str(e["runs"]), str(e["right"]))
    walk.console.print(table)
    order = {rid: k for k, (_, rid, _, _) in enumerate(read_sheet(sheet), start=1)}
    for w in result["wrong"]:
        walk.say(
            f"Run {order.get(w['run_id'], '?')} ({w['run_id']}): you said {w['you']}, the answer is "
            f"{w['answer']} ({w['kind']}): {w['why']}. The harness said {w['harness']}.",
            "red",
        )
    if not result["wrong"]:
        walk.say("You graded every run right.", "green")
    h, k = result["vs_harness"], result["harness_vs_key"]
    walk.say(
        f"Against the harness's own verdicts you agree on {h['accuracy']:.2f} of the runs; the harness "
        f"itself finds {k['recall']:.2f} of the defects here. A defect the harness misses is one only a "
        "careful grader (or a better eval) catches: --difficulty hard plants those."
    )


def next_steps(walk: Walk, sheet: Path) -> None:
    walk.title("f", "Where next")
    walk.say(f"The guide, {GUIDE}: each section ends with an exercise on a drill.")
    for name, what in GUIDE_SECTIONS:
        walk.say(f"  • {name}: {what}")
    db = walk.db
    walk.say("Other drills:")
    for line in (
        f"travel-sandbox drill new --n 12 --seed {walk.seed + 1} --out drill2 --db {db}   # a held-out drill",
        f"travel-sandbox drill new --difficulty hard --out hard --db {db}   # defects the harness may miss",
        f"travel-sandbox drill eval CONFIG.yaml --drill {sheet} --db {db}   # design your own eval",
        f"travel-sandbox drill score {sheet} --db {db}   # score your sheet again after editing it",
        f"travel-sandbox show RUN_ID --db {db}   # a run in full, the answer included",
    ):
        walk.say(f"  {line}")
