"""One run of the to-do world: its state (the list, the calls made) and the env its tools run in.

``MockEnv.call`` is the one way a tool runs: a call id already executed returns its recorded result
(replays change nothing), an unknown tool or bad arguments fail as observations, a fault may fail the
call before the tool runs, and every call is recorded in the state, which dumps, loads and hashes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from sandbox.spi import ToolResult, ToolSpec
from worlds.mock.faults import fault_result
from worlds.mock.scenario import MockScenario


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    text: str


class Call(BaseModel):
    model_config = ConfigDict(extra="forbid")
    call_id: str
    tool: str
    args: dict[str, Any]
    result: dict[str, Any]
    fault: str | None = None


class MockState(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[Item]
    calls: list[Call] = []
    counts: dict[str, int] = {}

    def hash(self) -> str:
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()


class MockEnv:
    def __init__(self, scenario: MockScenario, tools: Mapping[str, ToolSpec]):
        self.scenario, self.tools = scenario, tools
        self.state = MockState(items=[Item(id=f"T{n}", text=t) for n, t in enumerate(scenario.todos, 1)])

    def call(self, tool: str, args: dict[str, Any] | None, call_id: str | None = None) -> ToolResult:
        if call_id is not None and (done := self.lookup(call_id)) is not None:
            return done
        spec = self.tools.get(tool)
        if spec is None:
            return self.record(call_id, tool, args, ToolResult.failure("unknown_tool", f"no tool {tool!r}"))
        self.state.counts[tool] = n = self.state.counts.get(tool, 0) + 1
        fault = fault_result(self.scenario.faults, tool, n)
        result = fault or spec.invoke(self, args)
        return self.record(call_id, tool, args, result, "service_error" if fault else None)

    def record(
        self, call_id: str | None, tool: str, args: Any, result: ToolResult, fault: str | None = None
    ) -> ToolResult:
        cid = call_id or f"auto-{len(self.state.calls) + 1}"
        args = args if isinstance(args, dict) else {}
        dumped = result.model_dump(mode="json")
        self.state.calls.append(Call(call_id=cid, tool=tool, args=args, result=dumped, fault=fault))
        return result

    def lookup(self, call_id: str) -> ToolResult | None:
        done = next((c for c in self.state.calls if c.call_id == call_id), None)
        return None if done is None else ToolResult.model_validate(done.result)

    def fault_for(self, call_id: str) -> str | None:
        return next((c.fault for c in self.state.calls if c.call_id == call_id), None)

    def state_hash(self) -> str:
        return self.state.hash()

    def dump_state(self) -> str:
        return self.state.model_dump_json()

    def restore_state(self, text: str) -> None:
        self.state = MockState.model_validate_json(text)
