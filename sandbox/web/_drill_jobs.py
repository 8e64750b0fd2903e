"""Making a drill from the web in the background: one at a time, cancelled when the server stops.

A drill runs its agents (seconds per run), longer than a request should wait, so ``POST /api/drills``
starts a job and answers at once (202 with the job's id); ``GET /api/drills/jobs/{id}`` says whether it
is ``running``, ``done`` (with the drill's id) or ``error`` (why, in words). One drill is made at a
time (a second request while one runs is a 429), so the web cannot queue unbounded work; stopping the
server stops the job between two runs (``new_drill`` reports each run it starts, and the report raises
once the server is closing).
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path
from typing import Any

from sandbox.drills import new_stored_drill
from sandbox.errors import SandboxError
from sandbox.store import RunStore

#: Finished jobs remembered (the oldest are forgotten first).
KEEP = 50


class Busy(Exception):
    """A drill is being made already."""


class _Stopped(Exception):
    """The server is closing: the job stops between two runs."""


class DrillMaker:
    def __init__(self, store: RunStore, scenarios: Path) -> None:
        self.store, self.scenarios = store, scenarios
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._jobs: dict[str, dict[str, Any]] = {}
        self._thread: threading.Thread | None = None

    def start(self, n: int, seed: int, difficulty: str) -> dict[str, Any]:
        """Start making a drill; its job (``Busy`` while another is being made)."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                raise Busy("a drill is being made already; wait until it is done")
            job_id = uuid.uuid4().hex[:12]
            job: dict[str, Any] = {"job": job_id, "status": "running", "drill": None, "error": None, "n": n}
            self._jobs[job_id] = job
            for old in list(self._jobs)[:-KEEP]:
                del self._jobs[old]
            self._thread = threading.Thread(
                target=self._make, args=(job, n, seed, difficulty), name="drill-maker", daemon=True
            )
            self._thread.start()
            return dict(job)

    def _progress(self, _: str) -> None:
        if self._stop.is_set():
            raise _Stopped

    def _make(self, job: dict[str, Any], n: int, seed: int, difficulty: str) -> None:
        try:
            drill = new_stored_drill(
                self.store, [self.scenarios], n=n, seed=seed, difficulty=difficulty,  # type: ignore[arg-type]
                progress=self._progress,
            )  # fmt: skip
            update = {"status": "done", "drill": drill}
        except _Stopped:
            update = {"status": "error", "error": "the server stopped before the drill was made"}
        except SandboxError as exc:
            update = {"status": "error", "error": str(exc)}
        except Exception as exc:  # one failing drill never takes the server down
            update = {"status": "error", "error": f"{type(exc).__name__}: {exc}"}
        with self._lock:
            job.update(update)

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return dict(job) if job is not None else None

    def close(self, timeout: float = 30.0) -> None:
        """Stop the job under way (between two runs) and wait for it."""
        self._stop.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
