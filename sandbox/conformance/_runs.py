"""The checks of a world that need runs: the baselines bound its scores.

The do-nothing agent must fail every scenario that expects something done (``expect.outcome:
booked``); the privileged reference agent, executing the world's own oracle plan through the whole
harness (gateway, policy, simulated human, faults), must pass every scenario with a perfect score, and
two of its runs of the same scenario and trial must end in the same state.
"""

from __future__ import annotations

from collections.abc import Sequence

from sandbox.conformance._checks import Conformance
from sandbox.runner import RunOptions, run
from sandbox.spi import ScenarioBase, World, world_of

BASELINE = "do-nothing"
REFERENCE = "reference"
REPEATED = 2  # scenarios whose reference run is repeated for the same final state


def runs_use_this_world(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> bool:
    """Runs find their world by the scenario's ``world.name``: it must resolve to the world checked."""
    for sc in scenarios:
        if world_of(sc) is not world:
            report.add("runs", f"{sc.id}: its world {world.name!r} resolves to another object; register it")
            return False
    return True


def do_nothing(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    for sc in scenarios:
        if sc.expect.outcome != "booked":
            continue
        result = run(sc, RunOptions(agent=BASELINE))
        if result.status != "done" or result.scores is None:
            report.add("do_nothing", f"{sc.id}: the run ended in error: {result.error}")
        elif result.scores.passed:
            report.add("do_nothing", f"{sc.id}: doing nothing passes a scenario that expects an outcome")


def reference(world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    for n, sc in enumerate(scenarios):
        result = run(sc, RunOptions(agent=REFERENCE))
        if result.status != "done" or result.scores is None:
            report.add("reference", f"{sc.id}: the run ended in error: {result.error}")
            continue
        failed = [c.detail for c in result.scores.checks if not c.passed]
        if not result.scores.passed or result.scores.overall < 1.0:
            report.add("reference", f"{sc.id}: overall {result.scores.overall:.2f}, failed: {failed}")
        if n < REPEATED and run(sc, RunOptions(agent=REFERENCE)).state_hash != result.state_hash:
            report.add("reference", f"{sc.id}: two runs of the same trial end in different states")
