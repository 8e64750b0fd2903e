"""The run store: every finished run and batch, in any SQLAlchemy database (SQLite by default)."""

from sandbox.store._runs import DB_ENV, BatchInfo, RunStore

__all__ = ["DB_ENV", "BatchInfo", "RunStore"]
