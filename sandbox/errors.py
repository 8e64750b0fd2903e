"""The sandbox's exception tree.

Every error a user can provoke is one of these, with a message that says what was wrong and what was
expected. Nothing here is raised for programming mistakes inside the sandbox itself.

    SandboxError
    ├── ScenarioError        a scenario file that cannot be read or does not match the schema
    ├── UnknownNameError     a registry lookup (world, agent, model, policy) for a name that does not exist
    ├── ToolError            a tool call that cannot be carried out; becomes an error observation, never a crash
    └── ConfigError          bad settings or command-line input
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


class SandboxError(Exception):
    """Base class of every error the sandbox raises on purpose."""


@dataclass(frozen=True)
class ScenarioIssue:
    """One problem in one scenario file: ``file:line: field.path: message``."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ScenarioError(SandboxError):
    """A scenario file is not valid. ``issues`` lists every problem found, in file order."""

    def __init__(self, issues: list[ScenarioIssue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


class UnknownNameError(SandboxError):
    """A name that no registry knows. The message suggests the closest known names, else ``fallback``
    (what the name probably meant in another form, e.g. ``openai:gpt-4o`` for ``gpt-4o``)."""

    def __init__(self, kind: str, name: str, known: Iterable[str], *, fallback: Iterable[str] = ()):
        self.kind, self.name, self.known = kind, name, sorted(known)
        close = difflib.get_close_matches(name, self.known, n=3, cutoff=0.5) or list(fallback)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        listing = ", ".join(self.known) if self.known else "none"
        plural = kind[:-1] + "ies" if kind.endswith("y") else kind + "s"
        super().__init__(f"Unknown {kind} {name!r}.{hint} Known {plural}: {listing}.")


class ToolError(SandboxError):
    """A tool call that cannot be carried out.

    ``code`` is a short machine-readable reason (``not_found``, ``sold_out``, ``invalid_argument``,
    ``invalid_dates``, ``in_the_past``, ``price_changed``, ``duplicate``, ``service_error``,
    ``timeout``, ``budget_exceeded``, ``blocked``); the message names the offending id or field.
    """

    def __init__(self, code: str, message: str, field: str | None = None):
        self.code, self.message, self.field = code, message, field
        super().__init__(f"{code}: {message}")


class ConfigError(SandboxError):
    """Bad settings or command-line input."""
