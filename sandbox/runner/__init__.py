"""Running scenarios: one run (``run``), batches (``run_batch``), and runs driven segment by segment.

``RunParts`` is the public API for driving a run in segments (build it, ``begin``, ``segment`` until
no checkpoint is pending, ``finish`` or ``fail``); ``run`` drives it with a simulated human, the live
runs of the web app with a person. ``ModelCallCounter`` counts a segment's model calls and tokens;
``ProcessMetrics`` are what ``RunParts.stats`` reports of them.

``run_stored_batch`` is a whole stored batch (what ``travel-sandbox run`` and ``sandbox.run`` do): its plan and
provenance recorded, spend caps (``SpendCaps``) honoured; ``resume_stored_batch`` runs again what a
batch is missing (``run --resume``); ``batch_summary`` is a stored batch's summary (also for
``report`` and ``sandbox.load``); ``check_options`` resolves the names a batch uses first.
``rescore_batch`` scores a stored batch's runs again from their final states (``travel-sandbox
rescore``). Batches run on a backend (``BACKENDS``): threads of this process, or a Ray cluster
(``import_ray`` says how to install Ray when it is missing). ``model_setup`` resolves a model profile,
request options and prices (``ModelSetup``); ``parse_model_options`` reads ``--model-option KEY=VALUE``.
``run_sweep`` runs one stored batch per override policy (``travel-sandbox sweep``, a ``Sweep``;
``parse_policies`` checks the list first).
"""

from sandbox.runner._adversarial import AdversarialReport, AdversaryPass, adversarial_passes, adversary_names
from sandbox.runner._backends import BACKENDS, import_ray
from sandbox.runner._batch import Job, SpendCaps, load_jobs, run_batch
from sandbox.runner._callbacks import ModelCallCounter
from sandbox.runner._endpoints import (
    ModelProfile,
    ModelSetup,
    Prices,
    load_profile,
    model_setup,
    parse_model_options,
    price_for,
    profile_names,
)
from sandbox.runner._metrics import ProcessMetrics, process_metrics
from sandbox.runner._parts import RunOptions, RunParts, stated_confidence
from sandbox.runner._provenance import batch_provenance, code_version, scenario_hash
from sandbox.runner._rescore import Rescored, rescore_batch
from sandbox.runner._run import run
from sandbox.runner._suite import (
    StoredBatch,
    batch_summary,
    check_options,
    resume_stored_batch,
    run_stored_batch,
)
from sandbox.runner._sweep import Sweep, parse_policies, run_sweep

__all__ = [
    "BACKENDS",
    "AdversarialReport",
    "AdversaryPass",
    "adversarial_passes",
    "adversary_names",
    "Job",
    "ModelCallCounter",
    "ModelProfile",
    "ModelSetup",
    "Prices",
    "ProcessMetrics",
    "RunOptions",
    "RunParts",
    "Rescored",
    "SpendCaps",
    "StoredBatch",
    "Sweep",
    "batch_provenance",
    "batch_summary",
    "check_options",
    "code_version",
    "import_ray",
    "load_jobs",
    "load_profile",
    "model_setup",
    "parse_model_options",
    "parse_policies",
    "price_for",
    "process_metrics",
    "profile_names",
    "rescore_batch",
    "resume_stored_batch",
    "run",
    "run_batch",
    "run_stored_batch",
    "run_sweep",
    "scenario_hash",
    "stated_confidence",
]
