"""Run the default agent on a developers' scenario (dev_scenarios/) and look at what it did."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

DEV = Path(__file__).resolve().parent / "dev_scenarios"


def run_dev(name: str) -> tuple[Any, dict[str, Any]]:
    """The run of planner + scripted on ``dev_scenarios/<name>``, and the bookings it left."""
    result = run(load_scenario(DEV / name), RunOptions(agent="planner", model="scripted"))
    assert result.status == "done", result.error
    return result, json.loads(result.final_state)["bookings"]


def calls(result: Any, tool: str) -> list[dict[str, Any]]:
    """The arguments of every call the model made to ``tool``, in order."""
    out = []
    for event in result.trace:
        for call in getattr(getattr(event, "data", None), "tool_calls", None) or []:
            if call.name == tool:
                out.append(call.args)
    return out
