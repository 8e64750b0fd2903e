"""Running scenarios: one run (``run``), batches (``run_batch``), and runs driven segment by segment.

``RunParts`` is the public API for driving a run in segments (build it, ``begin``, ``segment`` until
no checkpoint is pending, ``finish`` or ``fail``); ``run`` drives it with a simulated human, the live
runs of the web app with a person. ``ModelCallCounter`` counts a segment's model calls and tokens;
``ProcessMetrics`` are what ``RunParts.stats`` reports of them.
``run_stored_batch`` is a whole stored batch (what ``travel-sandbox run`` and ``sandbox.run`` do),
``check_options`` the names it resolves first.
"""

from sandbox.runner._batch import Job, load_jobs, run_batch
from sandbox.runner._callbacks import ModelCallCounter
from sandbox.runner._parts import ProcessMetrics, RunOptions, RunParts, process_metrics, stated_confidence
from sandbox.runner._run import run
from sandbox.runner._suite import StoredBatch, check_options, run_stored_batch

__all__ = [
    "Job",
    "ModelCallCounter",
    "ProcessMetrics",
    "RunOptions",
    "RunParts",
    "StoredBatch",
    "check_options",
    "load_jobs",
    "process_metrics",
    "run",
    "run_batch",
    "run_stored_batch",
    "stated_confidence",
]
