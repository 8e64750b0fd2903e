"""Where reports go: a file path, or ``-`` for standard output; checked before any work is done.

``check_outputs`` is called before a batch starts, so that a report path that cannot be written fails
the command at once (exit 2) instead of after every run has been made; it leaves no file behind.
``write_reports`` writes them afterwards; a failure then says how to rebuild them from the store.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sandbox.errors import ConfigError
from sandbox.report._compare import compare_json
from sandbox.report._compare_html import render_compare_html
from sandbox.report._html import render_html
from sandbox.report._json import to_json
from sandbox.spi import RunResult

STDOUT = "-"


def is_stdout(path: Path | str | None) -> bool:
    """``-`` means standard output."""
    return path is not None and str(path) == STDOUT


def check_writable(path: Path, option: str) -> None:
    """Raise ``ConfigError`` naming ``option`` unless a report can be written to ``path``.

    Parent folders that do not exist yet are fine (the report writers create them) when the nearest
    existing one is a writable folder. An existing file is opened for appending, which changes nothing.
    """
    if is_stdout(path):
        return
    if path.is_dir():
        raise ConfigError(f"{option} {path}: is a directory; give a file name")
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ConfigError(f"{option} {path}: cannot write there, {ancestor} is not a directory")
    if ancestor != path.parent:  # folders to create: the nearest existing one must take new entries
        if not os.access(ancestor, os.W_OK | os.X_OK):
            raise ConfigError(f"{option} {path}: cannot create folders in {ancestor} (permission denied)")
        return
    existed = path.exists()
    try:
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise ConfigError(f"{option} {path}: cannot write there: {exc.strerror or exc}") from None
    if not existed:
        path.unlink(missing_ok=True)


def check_outputs(json_path: Path | None, html_path: Path | None) -> None:
    """Fail (exit 2) before anything runs when a report cannot be written where asked."""
    if is_stdout(json_path) and is_stdout(html_path):
        raise ConfigError("--json - and --html - both ask for stdout; give one of them a file name")
    for option, path in (("--json", json_path), ("--html", html_path)):
        if path is not None:
            check_writable(path, option)


def write_json_to(path: Path, data: Any) -> None:
    """``--json PATH`` for a command's own report: ``data`` as indented JSON in ``path`` (parent folders
    created), or on standard output for ``-``; a failed write is a ``ConfigError`` naming the path."""
    _emit("--json", path, json.dumps(data, indent=2) + "\n", "")


def _emit(option: str, path: Path, text: str, again: str) -> None:
    if is_stdout(path):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        said = f"{option} {path}: writing the report failed: {exc.strerror or exc}"
        raise ConfigError(f"{said}. {again}" if again else said) from None


def write_compare_reports(json_path: Path | None, html_path: Path | None, data: dict[str, Any]) -> None:
    """Write a batch comparison's JSON and HTML reports where asked (``-``: stdout)."""
    ids = " ".join(b["batch"] for b in data["batches"])
    for option, path, render in (
        ("--json", json_path, lambda: compare_json(data)),
        ("--html", html_path, lambda: render_compare_html(data, "Batch comparison")),
    ):
        if path is not None:
            _emit(option, path, render(), f"`travel-sandbox compare {ids} {option} FILE` writes it again.")


def write_reports(
    json_path: Path | None,
    html_path: Path | None,
    runs: Sequence[RunResult],
    summary: dict[str, Any],
    title: str,
    batch_id: str,
) -> None:
    """Write the asked reports; a failure names the path and how to rebuild it from the stored batch."""
    for option, path, render in (
        ("--json", json_path, lambda: to_json(runs, summary)),
        ("--html", html_path, lambda: render_html(runs, summary, title)),
    ):
        if path is not None:
            again = f"The runs are stored; `travel-sandbox report {batch_id} {option} FILE` writes it again."
            _emit(option, path, render(), again)
