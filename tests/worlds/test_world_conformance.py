"""Every registered world passes the world conformance check (``sandbox.conformance.check_world``), as
Gymnasium checks every registered environment; and the check catches a world that breaks the contract."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from sandbox.conformance import CHECKS, check_world
from sandbox.scenarios import load_scenarios
from sandbox.spi import WRITE, Check, ToolSpec, World, WorldScore, question_tool, tool, worlds
from worlds.mock import MockWorld
from worlds.mock.env import MockEnv
from worlds.mock.scenario import MockScenario

ROOT = Path(__file__).resolve().parents[2]
#: Where each registered world's scenarios live; a world registered without an entry here fails.
LIBRARY = {"travel": ROOT / "scenarios", "mock": ROOT / "worlds" / "mock" / "scenarios"}


def test_every_registered_world_has_scenarios_to_check() -> None:
    assert set(worlds.names()) == set(LIBRARY)


@pytest.mark.parametrize("name", worlds.names())
def test_every_world_conforms(name: str) -> None:
    scenarios = load_scenarios(LIBRARY[name])
    report = check_world(worlds.get(name), scenarios)
    assert report.checks == list(CHECKS)
    assert report.ok, report.summary()


# -- the check catches broken worlds -------------------------------------------------------------


@pytest.fixture(scope="module")
def scenarios() -> list[Any]:
    return load_scenarios(LIBRARY["mock"])


def problems(world: World, scenarios: Sequence[Any], check: str, *, runs: bool = False) -> list[str]:
    report = check_world(world, scenarios, runs=runs)
    assert not report.ok
    return report.failed(check)


class SaltedEnv(MockEnv):
    def state_hash(self) -> str:  # a hash that is not a function of the state
        return super().state_hash() + uuid.uuid4().hex


class LossyEnv(MockEnv):
    def restore_state(self, text: str) -> None:
        super().restore_state(text)
        self.state.calls.clear()  # forgets which calls were executed


class CrashingEnv(MockEnv):
    def call(self, tool: str, args: dict[str, Any] | None, call_id: str | None = None) -> Any:
        return self.tools[tool].invoke(self, args)  # KeyError on an unknown tool


def world_with(env: type[MockEnv], **members: Any) -> MockWorld:
    world = MockWorld()
    world.new_env = lambda scenario, *, trial=0: env(scenario, {t.name: t for t in world.tools})  # type: ignore[method-assign]
    for name, value in members.items():
        setattr(world, name, value)
    return world


def test_a_hash_that_is_not_the_states_is_caught(scenarios: list[Any]) -> None:
    found = problems(world_with(SaltedEnv), scenarios, "determinism")
    assert any("two fresh envs hash differently" in p for p in found)


def test_a_lossy_dump_is_caught(scenarios: list[Any]) -> None:
    found = problems(world_with(LossyEnv), scenarios, "round_trip")
    assert any("is not recorded after a restore" in p for p in found)


def test_a_tool_failure_that_raises_is_caught(scenarios: list[Any]) -> None:
    found = problems(world_with(CrashingEnv), scenarios, "failures")
    assert found == ["no_such_tool: a bad call raised KeyError('no_such_tool') instead of returning an error"]


def test_unmarked_and_renamed_tools_are_caught(scenarios: list[Any]) -> None:
    @tool(WRITE)
    def clear(env: Any) -> None:
        """Empty the list."""

    unmarked = ToolSpec("peek", "INTERACT", clear.fn, "Peek.", clear.args_model)
    renamed = ToolSpec("ask_human", "INTERACT", clear.fn, "Ask.", question_tool().args_model, role="question")

    class Odd(MockWorld):
        tools = (*MockWorld().tools, unmarked)  # type: ignore[assignment]
        interaction_tools = (renamed,)  # type: ignore[assignment]

    found = problems(Odd(), scenarios, "tools")
    assert "peek: a world tool is marked READ or WRITE (got INTERACT, role None)" in found
    assert "ask_human: the question tool is the sandbox's 'ask_user'" in found


def test_a_final_state_that_is_not_lines_of_text_is_caught(scenarios: list[Any]) -> None:
    """What a judge reads of a run's outcome (``describe_state``) must be lines of text."""
    world = world_with(MockEnv, describe_state=lambda env: [item.model_dump() for item in env.state.items])
    found = problems(world, scenarios, "hooks")
    assert any(
        "describe_state after the reference's calls is not a list of lines of text" in p for p in found
    )


def test_a_missing_member_stops_the_check(scenarios: list[Any]) -> None:
    class Bare:
        name = "bare"

    report = check_world(Bare(), scenarios)  # type: ignore[arg-type]
    assert report.checks == ["members"]
    assert "no 'tools' (subclass sandbox.spi.World for the optional members)" in report.failed("members")


def test_a_scenario_model_that_names_another_world_is_caught(scenarios: list[Any]) -> None:
    class Renamed(MockWorld):
        name = "todo"

    found = problems(Renamed(), scenarios, "scenario_model")
    assert found == ["no world section whose name defaults to 'todo'"]


@pytest.fixture
def registered() -> Iterator[Any]:
    """Put a world under the name ``mock`` for the runs (scenarios find their world by name)."""

    def put(world: World) -> None:
        worlds.register("mock", world, replace=True)

    yield put
    worlds.unregister("mock")


def test_the_runs_need_the_registered_world(scenarios: list[Any]) -> None:
    found = problems(MockWorld(), scenarios, "runs", runs=True)
    assert found == ["mock-add-two-items: its world 'mock' resolves to another object; register it"]


def test_a_world_that_passes_doing_nothing_is_caught(scenarios: list[Any], registered: Any) -> None:
    class Lenient(MockWorld):
        def score(self, scenario: MockScenario, env: MockEnv, events: list[Any], message: str) -> WorldScore:
            return WorldScore([Check(name="ok", passed=True, detail="")], 1.0, 1.0, 1.0, 0.0)

    world = Lenient()
    registered(world)
    found = problems(world, scenarios, "do_nothing", runs=True)
    # the other scenario's milestone (a trace check of the sandbox's) still fails an idle run
    assert found == ["mock-add-two-items: doing nothing passes a scenario that expects an outcome"]


def test_a_world_whose_oracle_plans_nothing_is_caught(scenarios: list[Any], registered: Any) -> None:
    class Lazy(MockWorld):
        def reference_plan(self, scenario: MockScenario) -> dict[str, Any]:
            return {"pre": [], "options": [], "refuse_reason": "no reason"}

    world = Lazy()
    registered(world)
    found = problems(world, scenarios, "reference", runs=True)
    assert [p.split(":")[0] for p in found] == ["mock-add-two-items", "mock-retry-after-error"]
    assert all("overall" in p for p in found)
