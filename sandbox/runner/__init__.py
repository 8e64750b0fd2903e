"""Running scenarios: one run (``run``), batches (``run_batch``), and runs driven segment by segment.

``RunParts`` is the public API for driving a run in segments (build it, ``begin``, ``segment`` until
no checkpoint is pending, ``finish`` or ``fail``); ``run`` drives it with a simulated human, the live
runs of the web app with a person. ``ModelCallCounter`` counts a segment's model calls and tokens;
``ProcessMetrics`` are what ``RunParts.stats`` reports of them.
"""

from sandbox.runner._batch import Job, load_jobs, run_batch
from sandbox.runner._callbacks import ModelCallCounter
from sandbox.runner._parts import ProcessMetrics, RunOptions, RunParts, process_metrics, stated_confidence
from sandbox.runner._run import run

__all__ = [
    "Job",
    "ModelCallCounter",
    "ProcessMetrics",
    "RunOptions",
    "RunParts",
    "load_jobs",
    "process_metrics",
    "run",
    "run_batch",
    "stated_confidence",
]
