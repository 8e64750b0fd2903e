"""A local Ray for the tests: one per session, loopback only, usage statistics off, two CPUs and a
small object store. Ray's workers are other processes; they find the test agents
(``tests.sandbox._ray_agents``) through ``PYTHONPATH`` (the repository's root)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[1]
#: Ray's driver talks to its local cluster over loopback sockets.
RAY_MARKS = [pytest.mark.enable_socket, pytest.mark.allow_hosts([HOST])]


def local_ray() -> Iterator[None]:
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    import ray

    ray.init(
        num_cpus=2,
        object_store_memory=80 * 1024 * 1024,
        include_dashboard=False,
        _node_ip_address=HOST,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": str(ROOT), "RAY_USAGE_STATS_ENABLED": "0"}},
    )
    try:
        yield
    finally:
        ray.shutdown()
