"""Travel Agent Sandbox: simulated worlds, scored scenarios, and agents to run in them.

The Python API (for notebooks and scripts; see ``docs/python-api.md``):

- ``run(scenarios, agent=..., model=..., trials=..., policy=..., human=..., concurrency=..., db=None)``
  runs a batch as ``travel-sandbox run`` does and returns ``Results``;
- ``load(batch_id)`` gets a stored batch back;
- ``Results``: ``.rows()`` (plain dicts), ``.to_pandas()``, ``.to_json()`` (the CLI's JSON), ``.summary``.

They load on first use, so importing a part of the sandbox (``sandbox.spi``, as worlds and agents
do) does not import all of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sandbox._api import Results, load, run

__all__ = ["Results", "load", "run"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from sandbox import _api

        return getattr(_api, name)
    raise AttributeError(f"module 'sandbox' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
