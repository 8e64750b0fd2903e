"""The to-do world: a second, tiny world that exercises the sandbox (see README.md).

``WORLD`` is what the harness finds through the ``travel_sandbox.worlds`` entry point ``mock``.
"""

from __future__ import annotations

from worlds.mock.world import WORLD, MockWorld

__all__ = ["WORLD", "MockWorld"]
