"""The travel catalog: the immutable part of the world, shared by every run.

Generated deterministically (``generator``), stored in SQLite (``store``: ``get_catalog`` memoises one
``Catalog`` per seed and size in a process), seen by a scenario through its overrides (``view``:
``CatalogView``), priced by date (``pricing``). The records it returns are ``worlds.travel.records``.
"""

from worlds.travel.catalog.pricing import fare_cents, night_rate_cents, stay_cents
from worlds.travel.catalog.store import Catalog, CatalogInfo, get_catalog
from worlds.travel.catalog.view import CatalogView

__all__ = [
    "Catalog",
    "CatalogInfo",
    "CatalogView",
    "fare_cents",
    "get_catalog",
    "night_rate_cents",
    "stay_cents",
]
