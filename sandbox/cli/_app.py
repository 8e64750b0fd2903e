"""The ``travel-sandbox`` app that every command registers on, its console and its error handling.

Exit codes are a contract: 0 success, 2 bad input (invalid scenario, unknown name, bad option),
1 an unexpected error (a bug; the message says so). Problems go to stderr as one plain line each,
``file:line: field.path: message`` for scenario files; results go to stdout. This module imports no
command: the command modules import it and register on ``app`` (``sandbox.cli`` imports them in order).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click
import typer
from rich.console import Console

from sandbox.errors import SandboxError

EXIT_OK, EXIT_BUG, EXIT_INVALID = 0, 1, 2
#: ``validate --adversarial``: the files are valid, but an adversarial agent passes a scenario.
EXIT_GAMED = 3
EXIT_PIPE = 128 + 13  # the shell's status for a writer whose reader went away (SIGPIPE)

app = typer.Typer(
    name="travel-sandbox",
    help="Simulated worlds for agents, scenario files that score agent runs, and the tools around them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

out = Console(highlight=False)
F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def guarded(fn: F) -> F:
    """Turn SandboxError into a one-paragraph message and exit 2; a closed output pipe into a quiet exit
    141; anything else into exit 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except SandboxError as exc:
            _fail(f"error: {exc}", EXIT_INVALID)
        except BrokenPipeError:  # `travel-sandbox ... | head`: the reader has all it wanted; not a bug
            # Python's recipe: point stdout at devnull so the flush at exit does not raise again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_PIPE) from None
        except Exception as exc:
            _fail(
                f"error: unexpected {type(exc).__name__}: {exc} (this is a bug in travel-sandbox)", EXIT_BUG
            )

    return wrapper  # type: ignore[return-value]
