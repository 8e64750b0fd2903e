"""``travel-sandbox learn``: a terminal walkthrough that takes a newcomer through the first drill.

Six steps, offline (scripted models) and in one folder: (a) run one scenario and read its scorecard
together; (b) pass^1 vs pass^k on a 3-trial run of the same scenario with the noisy model; (c) make a
small drill (``drill new``, fixed seed); (d) the learner grades each run, its trace and final state
shown and the answer hidden; (e) ``drill score`` explained, with the runs they got wrong; (f) where to
go next. The scenarios and defect kinds are the default world's ``tutorial_scenarios`` and
``tutorial_kinds``.

Answers come from the terminal (typer prompts, so stdin works too) or ``--answers FILE``
(``_learn_view.read_answers``); ``--yes`` asks nothing: no pauses, and every run it has no answer for
is graded ``pass`` (what a careless grader says). Ctrl-C or the end of input stops it with exit 130:
the graded sheet is only written, whole and atomically, once every run is graded; a folder the
walkthrough made itself is removed, and what it wrote into a folder it was given; a drill already
made is kept and named (runs saved to a store named by ``--db`` stay, as after any interrupted batch).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.table import Table
from rich.text import Text

from sandbox.cli._app import app, guarded, out
from sandbox.cli._learn_steps import Walk, drill_step, first_run, grade, next_steps, pass_k, scores
from sandbox.cli._learn_view import read_answers
from sandbox.drills import recipes
from sandbox.errors import ConfigError

EXIT_INTERRUPTED = 130


@dataclass
class Timer:
    """Seconds each step took, less the time spent waiting for the learner."""

    steps: list[tuple[str, float]] = field(default_factory=list)
    waited: float = 0.0

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start, waited = time.perf_counter(), self.waited
        yield
        self.steps.append((name, time.perf_counter() - start - (self.waited - waited)))


@app.command("learn")
@guarded
def learn(
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Folder for the drill (default: a new temporary folder, kept at the end)."
        ),
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Run store URL (default: runs.sqlite in the drill's folder).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the drill: which runs and defects.")] = 1,
    n: Annotated[
        int, typer.Option("--n", min=2, max=20, help="Runs in the drill (about half defective).")
    ] = 6,
    kind: Annotated[
        list[str] | None, typer.Option(help="Defect kinds of the drill (repeatable; default: the world's).")
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            help="Grade from this file: one run a line, in the order shown: 'pass' or 'fail: reason'."
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", help="Ask nothing: no pauses; an unanswered run is 'pass'.")
    ] = False,
) -> None:
    """A walkthrough of the first drill (about 10 minutes): a scorecard, pass^k, grading runs, your score."""
    given = read_answers(answers) if answers is not None else None
    if kind:
        recipes("easy", None, kind)  # an unknown kind is bad input before anything runs
    made = out_dir is None or not out_dir.exists()
    folder = Path(tempfile.mkdtemp(prefix="travel-sandbox-learn-")) if out_dir is None else out_dir
    if out_dir is not None and (out_dir / "drill" / "sheet.csv").exists():
        raise ConfigError(f"--out {out_dir} holds a drill already; choose another folder")
    folder.mkdir(parents=True, exist_ok=True)
    timer = Timer()
    walk = Walk(
        console=out,
        folder=folder,
        db=db or f"sqlite:///{folder / 'runs.sqlite'}",
        seed=seed,
        n=n,
        kinds=tuple(kind or ()),
        answers=given,
        yes=yes,
        on_wait=lambda s: setattr(timer, "waited", timer.waited + s),
    )
    try:
        with timer.step("a. one run and its scorecard"):
            run_id = first_run(walk)
        walk.pause()
        with timer.step("b. pass^1 vs pass^k"):
            pass_k(walk, run_id)
        walk.pause()
        with timer.step("c. make a drill"):
            sheet = drill_step(walk)
        walk.pause()
        with timer.step("d. grade each run"):
            grade(walk, sheet)
        with timer.step("e. your score"):
            scores(walk, sheet)
        with timer.step("f. where next"):
            next_steps(walk, sheet)
    except (KeyboardInterrupt, EOFError, click.Abort, typer.Abort):
        _interrupted(walk, made)
    _timings(timer)


def _interrupted(walk: Walk, made: bool) -> None:
    walk.close()
    sheet = walk.folder / "drill" / "sheet.csv"
    if sheet.exists():  # a drill is whole once its sheet is written: keep it, ungraded
        note = f"your drill is kept, ungraded: grade {sheet}, then run travel-sandbox drill score {sheet} --db {walk.db}"
    else:
        if made:
            shutil.rmtree(walk.folder, ignore_errors=True)
        else:
            for p in walk.wrote:
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        note = "nothing was kept"
    typer.echo(f"\nStopped: {note}.", err=True)
    raise typer.Exit(EXIT_INTERRUPTED)


def _timings(timer: Timer) -> None:
    table = Table(title="Seconds per step (machine time, your thinking excluded)", show_edge=False)
    table.add_column("step")
    table.add_column("seconds", justify="right")
    for name, secs in timer.steps:
        table.add_row(name, f"{secs:.1f}")
    table.add_row(Text("total", style="bold"), f"{sum(s for _, s in timer.steps):.1f}")
    out.print(table)
