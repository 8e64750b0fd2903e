"""World conformance: check a world against the contract of ``sandbox.spi.World``, as Gymnasium's env
checker does for environments.

    report = check_world(worlds.get("mock"), load_scenarios("worlds/mock/scenarios"))
    assert report.ok, report.summary()

The checks (``CHECKS``, in order): ``members`` (every member of the protocol), ``tools`` (schemas,
descriptions, READ/WRITE marks, interaction tools by role), ``scenario_model`` (a ``ScenarioBase`` whose
``world.name`` defaults to the world's name), ``scenario_checks`` (the world's own checks find no
error), ``determinism`` (same seed and calls, same state hash), ``round_trip`` (dump and restore, and
replayed call ids change nothing), ``failures`` (a bad call is an error observation, never an
exception), ``hooks`` (what the gateway asks has the promised types; ``describe_state`` is lines of text), then, with ``runs=True``,
``do_nothing`` (the do-nothing agent fails every scenario that expects an outcome) and ``reference``
(the reference agent scores 1.0 on every scenario, reproducibly). A check that raises is a problem of
that check; the report never raises. Missing members or scenarios of another world stop the check.
"""

from __future__ import annotations

from collections.abc import Sequence

from sandbox.conformance._checks import (
    Check,
    Conformance,
    Problem,
    determinism,
    failures,
    hooks,
    members,
    round_trip,
    scenario_checks,
    scenario_model,
    tools,
)
from sandbox.conformance._runs import do_nothing, reference, runs_use_this_world
from sandbox.spi import ScenarioBase, World

_STATIC: tuple[Check, ...] = (
    members,
    tools,
    scenario_model,
    scenario_checks,
    determinism,
    round_trip,
    failures,
    hooks,
)
_GATES = (members, scenario_model)
_RUNS = (do_nothing, reference)
CHECKS: tuple[str, ...] = tuple(c.__name__ for c in (*_STATIC, *_RUNS))


def check_world(world: World, scenarios: Sequence[ScenarioBase], *, runs: bool = True) -> Conformance:
    """Run every check on ``world`` and its ``scenarios``; ``runs=False`` skips the agent runs.

    Without its members, or with scenarios that are not its own, nothing else can be asked: the
    check stops there."""
    report = Conformance(getattr(world, "name", repr(world)))
    for check in _STATIC:
        report.checks.append(check.__name__)
        _run(check, world, scenarios, report)
        if check in _GATES and report.problems:
            return report
    if runs and runs_use_this_world(world, scenarios, report):
        for check in _RUNS:
            report.checks.append(check.__name__)
            _run(check, world, scenarios, report)
    return report


def _run(check: Check, world: World, scenarios: Sequence[ScenarioBase], report: Conformance) -> None:
    try:
        check(world, scenarios, report)
    except Exception as exc:  # the world's bug, reported as this check's problem
        report.add(check.__name__, f"raised {type(exc).__name__}: {exc}")


__all__ = ["CHECKS", "Conformance", "Problem", "check_world"]
