"""The to-do world's one fault kind: the ``nth`` call of a tool fails with ``service_error``."""

from __future__ import annotations

from sandbox.spi import ToolResult
from worlds.mock.scenario import Fault


def fault_result(faults: list[Fault], tool: str, nth: int) -> ToolResult | None:
    """The failure a fault injects into the ``nth`` call of ``tool``, if one does."""
    for f in faults:
        if f.tool == tool and f.nth == nth:
            return ToolResult.failure("service_error", f.message)
    return None
