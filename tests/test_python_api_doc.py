"""docs/python-api.md is a notebook: its code blocks run in order, offline, and its tables match the API."""

from __future__ import annotations

import contextlib
import inspect
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sandbox

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")


def python_blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", DOC, flags=re.S | re.M)


def first_column(heading_word: str) -> list[str]:
    """The inline-code names in the first column of the table whose header starts with ``heading_word``."""
    lines = DOC.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(f"| {heading_word} |"))
    rows = []
    for ln in lines[start + 2 :]:
        if not ln.startswith("|"):
            break
        rows.append(ln.strip("|").split(" | ")[0])
    return [name for cell in rows for name in re.findall(r"`([^`]*)`", cell)]


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], str]]:
    """Every block, run in order in one namespace from the repository's folder, with its output."""
    db = tmp_path_factory.mktemp("notebook") / "runs.sqlite"
    namespace: dict[str, Any] = {}
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        mp.chdir(ROOT)
        mp.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{db}")
        for n, block in enumerate(python_blocks()):
            exec(compile(block, f"docs/python-api.md block {n + 1}", "exec"), namespace)
    yield namespace, out.getvalue()


def test_the_notebook_runs_and_shows_what_it_says(notebook: tuple[dict[str, Any], str]) -> None:
    ns, printed = notebook
    assert len(python_blocks()) >= 6
    planner, react, again = ns["planner"], ns["react"], ns["again"]
    assert isinstance(planner, sandbox.Results) and isinstance(again, sandbox.Results)
    assert (len(planner), len(react)) == (9, 9)  # three scenarios, three trials each
    assert {r.scenario for r in planner} == {"one-way", "tight-budget", "sold-out-at-booking"}
    assert {(r.agent, r.model) for r in react} == {("react", "noisy")}
    assert again.batch == planner.batch and again.to_dict()["summary"] == planner.to_dict()["summary"]
    assert f"<Results batch {planner.batch}: planner / scripted; 9 runs of 3 scenarios" in printed
    assert "['runs', 'summary'] 9 runs," in printed
    assert printed.splitlines()[-1].startswith("9 rows; {'scenario': 'one-way', 'trial': 0,")


def test_the_documented_columns_are_the_rows_columns(notebook: tuple[dict[str, Any], str]) -> None:
    ns, _ = notebook
    assert first_column("column") == list(ns["planner"].rows()[0])
    assert list(ns["df"].columns) == list(ns["planner"].rows()[0])


def test_the_documented_arguments_are_runs_parameters() -> None:
    assert first_column("argument") == list(inspect.signature(sandbox.run).parameters)
    defaults = {k: p.default for k, p in inspect.signature(sandbox.run).parameters.items()}
    assert (defaults["agent"], defaults["model"], defaults["trials"]) == ("planner", "scripted", 1)
    assert (defaults["human"], defaults["concurrency"], defaults["db"]) == ("scripted", 2, None)
