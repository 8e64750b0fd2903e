"""Where a batch's runs execute: threads of this process, or a Ray cluster (``--backend ray``).

``make_executor(backend, concurrency, options, address)`` gives an executor whose ``submit(scenario,
options, finish)`` returns a ``concurrent.futures.Future`` of the ``RunResult``; ``run_batch``
schedules, stores and caps the same way whichever it is.

- **threads** (the default): a thread pool of ``concurrency`` workers in this process. A run costs
  tens of milliseconds of CPU under one interpreter lock, so one process tops out at some runs a
  second whatever the concurrency.
- **ray**: ``RunWorker`` actors, one per CPU of the cluster (``ray.cluster_resources()``, at most
  ``concurrency``), each a process that runs up to ``ceil(concurrency / actors)`` runs at once in
  threads (a threaded actor). Runs go to the least busy actor; results come back to this process,
  which stores each as it finishes, so the store is written by one process. A run is the same as on
  threads (same scenario, options, seed: the same ``state_hash`` for a deterministic agent). An actor
  that dies (its process killed, out of memory) is restarted by Ray, and each run it held is tried
  once more on it (Ray's task retry: a run that never started then runs; one that kills its actor
  twice comes back ``error`` naming the cause); the other runs of the batch are not touched.

  **Endpoint limits.** A model client's rate limiter (``rpm``, ``tpm``: ``--rpm``, ``--tpm`` or the
  model profile) is per process, so on Ray each actor gets an equal share of each limit (the shares
  add up to the limit, and there are never more actors than requests per minute): the cluster as a
  whole keeps to the endpoint's limits, and at most ``concurrency`` runs are in flight against it.

  **Connecting.** ``address`` is a running cluster's (``ray://host:10001`` or ``host:6379``); none
  starts a local Ray on this machine (loopback only, usage statistics off). The actors get this
  process's ``TRAVEL_SANDBOX_*`` and ``OPENAI_*`` settings (the model endpoint, its key, the scenario
  and profile folders), and the cluster's nodes must have the project installed (and any custom agent
  importable) at the same paths.
"""

from __future__ import annotations

import dataclasses
import math
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Literal, Protocol

from sandbox.errors import ConfigError
from sandbox.runner._parts import RunOptions, RunParts
from sandbox.runner._run import run
from sandbox.spi import RunResult, ScenarioBase

Backend = Literal["threads", "ray"]
BACKENDS: tuple[Backend, ...] = ("threads", "ray")
Finish = Callable[[RunResult], RunResult] | None
#: Settings the actors get from this process (the prefix of each variable passed on).
PASSED_ENV = ("TRAVEL_SANDBOX_", "OPENAI_")


class Executor(Protocol):
    def submit(self, scenario: ScenarioBase, options: RunOptions, finish: Finish) -> Future[RunResult]: ...
    def close(self) -> None: ...


def run_job(scenario: ScenarioBase, options: RunOptions, finish: Finish = None) -> RunResult:
    result = run(scenario, options)
    return result if finish is None else finish(result)


def lost_result(scenario: ScenarioBase, options: RunOptions, exc: BaseException) -> RunResult:
    """The result of a run whose worker failed under it (not the run itself): ``error``, with why."""
    header = RunParts.new(scenario, options).header
    return RunResult(**header, status="error", error=f"the run's worker failed: {type(exc).__name__}: {exc}")


class ThreadExecutor:
    def __init__(self, concurrency: int):
        self.pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="run")

    def submit(self, scenario: ScenarioBase, options: RunOptions, finish: Finish) -> Future[RunResult]:
        return self.pool.submit(run_job, scenario, options, finish)

    def close(self) -> None:
        self.pool.shutdown(wait=True)


def make_executor(
    backend: str, concurrency: int, options: RunOptions, address: str | None = None
) -> Executor:
    if backend == "threads":
        if address is not None:
            raise ConfigError("--address is the Ray cluster's: give it with --backend ray")
        return ThreadExecutor(concurrency)
    if backend == "ray":
        return RayExecutor(concurrency, options, address)
    raise ConfigError(f"unknown backend {backend!r}: choose one of {', '.join(BACKENDS)}")


def import_ray() -> Any:
    """Ray, or a ``ConfigError`` naming the install command (the ``ray`` extra)."""
    try:
        import ray
    except ImportError:
        raise ConfigError(
            "--backend ray needs Ray, which is not installed: pip install 'travel-agent-sandbox[ray]'"
        ) from None
    return ray


class RunWorker:
    """One Ray actor: a process that runs a batch's runs, several at once in its threads."""

    def __init__(self, env: dict[str, str]):
        os.environ.update(env)

    def run(self, scenario: ScenarioBase, options: RunOptions) -> RunResult:
        return run(scenario, options)


def endpoint_shares(options: dict[str, Any], actors: int) -> tuple[int, list[dict[str, Any]]]:
    """How many actors, and each actor's model options: ``rpm`` and ``tpm`` split into shares that
    add up to the limit (fewer actors than a limit's units, so that no share is 0)."""
    limits = {k: int(options[k]) for k in ("rpm", "tpm") if isinstance(options.get(k), int | float)}
    actors = max(1, min([actors, *limits.values()]))
    shares = []
    for i in range(actors):
        own = dict(options)
        for key, total in limits.items():
            own[key] = total // actors + (1 if i < total % actors else 0)
        shares.append(own)
    return actors, shares


class RayExecutor:
    """Runs on Ray actors (see the module docstring)."""

    def __init__(self, concurrency: int, options: RunOptions, address: str | None):
        ray = self.ray = import_ray()
        self.started = not ray.is_initialized()
        if self.started:
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            try:
                if address is None:
                    ray.init(include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)
                else:
                    ray.init(address=address, log_to_driver=False)
            except Exception as exc:  # an unreachable cluster is the user's to fix: name it
                raise ConfigError(f"cannot connect to the Ray cluster {address or '(local)'}: {exc}") from exc
        cpus = int(ray.cluster_resources().get("CPU", 1))
        count, shares = endpoint_shares(options.model_options, max(1, min(cpus, concurrency)))
        env = {k: v for k, v in os.environ.items() if k.startswith(PASSED_ENV)}
        per_actor = math.ceil(concurrency / count)
        actor = ray.remote(RunWorker).options(
            num_cpus=1, max_concurrency=per_actor, max_restarts=-1, max_task_retries=1
        )
        self.actors = [actor.remote(env) for _ in range(count)]
        self.model_options = shares
        self.busy = [0] * count
        self.lock = threading.Lock()
        self.finishers = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="ray-run")

    def submit(self, scenario: ScenarioBase, options: RunOptions, finish: Finish) -> Future[RunResult]:
        with self.lock:
            i = min(range(len(self.actors)), key=self.busy.__getitem__)
            self.busy[i] += 1
        own = dataclasses.replace(options, model_options=self.model_options[i])
        ref = self.actors[i].run.remote(scenario, own)
        return self.finishers.submit(self._collect, i, ref, scenario, options, finish)

    def _collect(
        self, i: int, ref: Any, scenario: ScenarioBase, options: RunOptions, finish: Finish
    ) -> RunResult:
        try:
            result: RunResult = self.ray.get(ref)
        except Exception as exc:  # noqa: BLE001 - a dead actor fails its runs, never the batch
            result = lost_result(scenario, options, exc)
        finally:
            with self.lock:
                self.busy[i] -= 1
        return result if finish is None else finish(result)

    def close(self) -> None:
        self.finishers.shutdown(wait=True)
        for a in self.actors:
            self.ray.kill(a)
        if self.started:
            self.ray.shutdown()
