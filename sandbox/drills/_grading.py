"""Grading a drill in the run store (the web drill page): its runs in order, grades kept, the score.

The learner's grades live in the run store (``RunStore.save_grade``), so a reload keeps them; the score
is ``drill score``'s own (``score_rows``: precision, recall, accuracy, by kind, against the answer key
and the harness, wrong runs explained) on the stored grades. The order the runs are shown in is a
shuffle fixed by the drill's id: never the answer key's order (defects first), never the runs' ids.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sandbox.drills._new import Difficulty, new_drill
from sandbox.drills._score import VERDICTS, score_rows
from sandbox.errors import ConfigError
from sandbox.store import RunStore

#: The longest reason a learner may give for a grade (characters).
MAX_REASON = 2000


def drill_runs(store: RunStore, drill_id: str) -> list[str]:
    """The drill's run ids in the order a learner grades them (``ConfigError`` for an unknown drill)."""
    key = store.get_drill(drill_id)["runs"]
    return sorted(key, key=lambda rid: hashlib.sha256(f"{drill_id}:{rid}".encode()).hexdigest())


def grade_run(store: RunStore, drill_id: str, run_id: str, verdict: str, reason: str = "") -> None:
    """Keep the learner's ``pass``/``fail`` for one run of the drill; bad input is a ``ConfigError``."""
    if run_id not in drill_runs(store, drill_id):
        raise ConfigError(f"run {run_id!r} is not in drill {drill_id}")
    if verdict not in VERDICTS:
        raise ConfigError(f"verdict {verdict!r} is not 'pass' or 'fail'")
    if len(reason) > MAX_REASON:
        raise ConfigError(f"reason is {len(reason)} characters; at most {MAX_REASON}")
    store.save_grade(drill_id, run_id, verdict, reason.strip())


def score_grades(store: RunStore, drill_id: str) -> dict[str, Any]:
    """The score of the stored grades, as ``drill score`` gives it (rows numbered in grading order)."""
    grades = store.drill_grades(drill_id)
    rows = [
        (i, rid, *grades.get(rid, ("", ""))) for i, rid in enumerate(drill_runs(store, drill_id), start=1)
    ]
    return score_rows(store, drill_id, rows, f"drill {drill_id}")


def new_stored_drill(
    store: RunStore,
    scenario_paths: Sequence[Path],
    *,
    n: int,
    seed: int,
    difficulty: Difficulty,
    progress: Callable[[str], None] | None = None,
    kinds: Sequence[str] = (),
) -> str:
    """A new drill graded in the run store (no sheet is kept: the web page is the sheet); its id.
    ``progress`` hears of each run before it starts (and may raise to stop); ``kinds``: only those
    defect kinds (as ``drill new --kind``)."""
    with tempfile.TemporaryDirectory(prefix="drill-") as tmp:
        made = new_drill(
            store,
            scenario_paths,
            Path(tmp),
            n=n,
            seed=seed,
            difficulty=difficulty,
            progress=progress,
            kinds=kinds,
        )
        return made.id
