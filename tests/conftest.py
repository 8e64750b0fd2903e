"""Fixtures shared by the whole suite: a real PostgreSQL server (``tests/_postgres.py``) and a run-store
URL on each database the store supports (``db_url``: SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests._postgres import PostgresServer, server_fixture
from tests._ray import local_ray


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | str]:
    """One throwaway PostgreSQL server for the session, started on first use (or why there is none)."""
    yield from server_fixture()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer | str) -> str:
    """A fresh database of its own on the session's PostgreSQL server."""
    if isinstance(postgres_server, str):
        pytest.skip(postgres_server)
    return postgres_server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A run-store URL: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'runs.sqlite'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[None]:
    """One local Ray for the session (``tests/_ray.py``); tests using it carry ``RAY_MARKS``."""
    yield from local_ray()
