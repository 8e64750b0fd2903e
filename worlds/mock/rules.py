"""The to-do world's one domain rule (a guardrail the gateway checks before a WRITE runs)."""

from __future__ import annotations

from typing import Any

from worlds.mock.env import MockEnv


def check_call(env: MockEnv, tool: str, args: dict[str, Any]) -> list[tuple[str, str]]:
    """``capacity``: the list holds at most ``world.capacity`` items."""
    cap = env.scenario.world.capacity
    if tool == "add_item" and len(env.state.items) >= cap:
        return [("capacity", f"the list is full: it holds at most {cap} items")]
    return []
