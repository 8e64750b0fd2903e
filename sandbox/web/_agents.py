"""The operator's custom agents: ``serve --agent NAME_OR_PATH`` makes agents selectable in the web app.

The web app offers every agent the registry knows: the built-ins and every installed entry point of
``travel_sandbox.agents`` (a package that registers one appears on its own). An agent that is only a
file or a module (``path/to/graph.py:build``, ``mypkg.graph:build``) is added by the person who starts
the server, never by a request: each ``--agent`` (``ServerSettings.agents``) is resolved when the app
is created and registered under a plain name, which requests then use like any other.

    --agent planner                       a name the registry knows: nothing to add
    --agent ./plan_execute.py:build       registered as ``plan_execute`` (the file's stem)
    --agent mypkg.graphs:build_fast       registered as ``graphs-build_fast`` (module, then the factory)
    --agent plan-exec=./pe.py:build       registered as ``plan-exec``

A name that another agent already has, an import that fails, or a name with characters other than
letters, digits, ``.``, ``_`` and ``-`` is a ``ConfigError`` (``serve`` exits 2 before listening). A
paused run of a custom agent resumes after a restart only when the server is started with it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sandbox.errors import ConfigError
from sandbox.spi import agents

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def default_name(spec: str) -> str:
    """The name an agent given as ``spec`` is offered under (see the module's table)."""
    where, _, attr = spec.rpartition(":")
    base = Path(where).stem if where.endswith(".py") else where.rpartition(".")[2]
    return base if attr == "build" else f"{base}-{attr}"


def register_agents(entries: Iterable[str]) -> list[str]:
    """Make each ``NAME_OR_PATH`` (or ``NAME=PATH``) selectable; return the names, in order."""
    names: list[str] = []
    for entry in entries:
        entry = entry.strip()
        name, sep, spec = entry.partition("=")
        if not sep:
            name, spec = "", entry
        if not spec:
            raise ConfigError(f"--agent {entry!r}: give an agent name, a file (path.py:build) or NAME=PATH")
        if not name and spec in agents.names():
            names.append(spec)  # built in or installed: already offered
            continue
        factory = agents.get(spec)  # imports a file or module (ConfigError saying why it cannot), or
        # raises UnknownNameError with did-you-mean for a name nobody knows
        name = name or default_name(spec)
        if not NAME.match(name):
            raise ConfigError(
                f"--agent {entry!r}: {name!r} cannot name an agent in the web app (letters, digits, '.', "
                "'_' and '-', at most 64); name it yourself: --agent NAME=PATH"
            )
        if name in agents.names():
            if agents.get(name, allow_import=False) is not factory:
                raise ConfigError(
                    f"--agent {entry!r}: the web app already has an agent {name!r}; "
                    f"give this one another name: --agent OTHER={spec}"
                )
        else:
            agents.register(name, factory)
        names.append(name)
    return names
