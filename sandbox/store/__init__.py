"""The run store: every finished run and batch, in any SQLAlchemy database (SQLite by default).

``RunFilter`` says which stored runs a listing wants (batch, agent, model, policy, scenario, status).
"""

from sandbox.store._query import RunFilter
from sandbox.store._runs import DB_ENV, BatchInfo, RunStore

__all__ = ["DB_ENV", "BatchInfo", "RunFilter", "RunStore"]
