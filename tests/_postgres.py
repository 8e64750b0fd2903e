"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temp cluster, a free loopback port.

``postgres_server`` (session-scoped, in ``tests/conftest.py``) finds ``initdb`` and ``pg_ctl`` in
``/usr/lib/postgresql/*/bin``, makes a cluster in a temp dir and starts it on ``127.0.0.1`` only;
``postgres_url`` gives each test a database of its own on it. PostgreSQL refuses to run as root, so as
root the cluster belongs to the ``postgres`` user (the temp dir is chowned to it) and both tools run
through ``runuser``. Tests skip, saying why, only when the binaries are absent (``.ci/run`` installs
them, so they never skip in CI).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest_socket

HOST = "127.0.0.1"


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database on the server; its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(f"host={self.host} port={self.port} user=postgres dbname=postgres") as conn:
            conn.autocommit = True
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder with initdb and pg_ctl, or None."""
    found = [Path(d) for d in glob.glob("/usr/lib/postgresql/*/bin") if (Path(d) / "initdb").is_file()]
    found.sort(key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0)
    return found[-1] if found else None


def _free_port() -> int:
    pytest_socket.enable_socket()  # this one bind only; every test disables sockets again
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind((HOST, 0))
            return int(s.getsockname()[1])
    finally:
        pytest_socket.disable_socket(allow_unix_socket=True)


def _as_owner(cmd: list[str]) -> list[str]:
    """As root, run ``cmd`` as the ``postgres`` user (initdb and postgres refuse to run as root)."""
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]


def start_server() -> tuple[PostgresServer | None, str, Path | None]:
    """Start a cluster; ``(server, "", tmp)``, or ``(None, why not, None)`` when the binaries are absent."""
    bin_dir = binaries()
    if bin_dir is None:
        return None, "PostgreSQL's binaries are not installed (/usr/lib/postgresql/*/bin)", None
    tmp = Path(tempfile.mkdtemp(prefix="sandbox-pg-"))
    data = tmp / "data"
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(tmp)
            return None, "running as root and there is no postgres user to run PostgreSQL as", None
        os.chown(tmp, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    run = dict(check=True, capture_output=True, text=True, timeout=120)
    subprocess.run(
        _as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]),
        **run,  # type: ignore[call-overload]
    )
    options = f"-c listen_addresses={HOST} -p {port} -k {tmp} -c fsync=off -c max_connections=200"
    subprocess.run(
        _as_owner(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(tmp / "log"), "-w", "start"]
        ),
        **run,  # type: ignore[call-overload]
    )
    return PostgresServer(HOST, port), "", tmp


def stop_server(tmp: Path) -> None:
    bin_dir = binaries()
    if bin_dir is not None:
        subprocess.run(
            _as_owner([str(bin_dir / "pg_ctl"), "-D", str(tmp / "data"), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
        )
    shutil.rmtree(tmp, ignore_errors=True)


def server_fixture() -> Iterator[PostgresServer | str]:
    """The session's server, or why there is none (the tests that need it skip with that reason)."""
    server, why, tmp = start_server()
    try:
        yield server if server is not None else why
    finally:
        if tmp is not None:
            stop_server(tmp)
