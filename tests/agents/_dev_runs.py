"""Run the default agent on a developers' scenario (dev_scenarios/) and look at what it did."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from agents.intent import HeldBooking, ReadContext
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

DEV = Path(__file__).resolve().parent / "dev_scenarios"
#: The traveller of the change tests: at home in Boston on 1 March 2027, holding a Seattle trip.
NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
HELD = [
    HeldBooking(id="B0001", kind="flight", origin="BOS", destination="SEA", date=dt.date(2027, 3, 17)),
    HeldBooking(id="B0002", kind="flight", origin="SEA", destination="BOS", date=dt.date(2027, 3, 20)),
    HeldBooking(
        id="B0003", kind="hotel", city="SEA", check_in=dt.date(2027, 3, 17), check_out=dt.date(2027, 3, 20)
    ),
]
CTX = ReadContext(now=NOW, home="BOS", bookings=HELD)


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
