"""Custom agents everywhere: from a file on the command line, in the web app by the operator's choice
(``serve --agent``) or as an installed entry point, with errors that say why a name does not load;
and the did-you-mean of ``--model gpt-4o`` and ``run one-way``."""

from __future__ import annotations

import json
import re
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.spi import agents
from sandbox.web import ServerSettings, create_app

ROOT = Path(__file__).resolve().parents[2]
ONE_WAY = str(ROOT / "scenarios" / "one-way.yaml")
LOCAL = "http://127.0.0.1"

#: An agent in a file that imports a module beside it: it asks for the budget and reports it.
AGENT = '''
"""Reads the budget and reports it."""
from typing import Any

from langchain_core.messages import AIMessage

from agents.tools import tool_loop, tool_results
from {words} import REPORT


def build(ctx: Any) -> Any:
    """Reads the budget and reports it."""

    def act(state: Any) -> AIMessage:
        seen = tool_results(state["messages"])
        if "budget" not in seen:
            return AIMessage("", tool_calls=[{{"name": "get_budget", "args": {{}}, "id": "budget"}}])
        return AIMessage(REPORT.format(seen["budget"]["result"]["budget_remaining"]))

    return tool_loop(ctx, act)


build.needs_model = False
'''


@pytest.fixture(autouse=True)
def clean_imports(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Loading a file puts its folder on ``sys.path``; every test gets the path back as it was."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    registered = set(agents.names())
    yield
    for name in set(agents.names()) - registered:
        agents.unregister(name)


@pytest.fixture
def agent_file(tmp_path: Path) -> Path:
    """``graphs/budget_<unique>.py`` and the module it imports, ``words_<unique>.py``, beside it."""
    unique = uuid.uuid4().hex[:8]
    folder = tmp_path / "graphs"
    folder.mkdir()
    (folder / f"words_{unique}.py").write_text('REPORT = "You have ${:.2f} left."\n')
    path = folder / f"budget_{unique}.py"
    path.write_text(AGENT.format(words=f"words_{unique}"))
    return path


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    return lambda *args: CliRunner().invoke(app, list(args), catch_exceptions=False)


# -- files on the command line ----------------------------------------------------------------------


def test_an_agent_file_runs_from_the_command_line(cli: Any, agent_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    spec = f"{agent_file}:build"
    res = cli("run", ONE_WAY, "--agent", spec, "--no-progress", "--json", str(out))
    assert res.exit_code == 0, res.output
    (run,) = json.loads(out.read_text())["runs"]
    assert (run["status"], run["agent"], run["final_message"]) == ("done", spec, "You have $300.00 left.")


def test_a_file_is_imported_once_and_two_files_of_one_name_stay_apart(
    agent_file: Path, tmp_path: Path
) -> None:
    spec = f"{agent_file}:build"
    assert agents.get(spec) is agents.get(spec)
    other = tmp_path / "elsewhere" / agent_file.name
    other.parent.mkdir()
    other.write_text(agent_file.read_text().replace("Reads the budget", "Another"))
    assert agents.get(f"{other}:build") is not agents.get(spec)
    assert agents.get(f"{other}:build").__doc__ == "Another and reports it."


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / f"agent_{uuid.uuid4().hex[:8]}.py"
    path.write_text(textwrap.dedent(text))
    return str(path)


@pytest.mark.parametrize(
    ("source", "attr", "message"),
    [
        (None, "build", "{spec!r}: {path}: no such file"),
        (
            "def build(:\n",
            "build",
            "{spec!r}: importing {name} failed: SyntaxError: invalid syntax ({name}, line 1)",
        ),
        (
            "import no_such_dependency_xyz\n",
            "build",
            "importing {name} failed: ModuleNotFoundError: No module named 'no_such_dependency_xyz'",
        ),
        ("raise RuntimeError('needs an API key')\n", "build", "failed: RuntimeError: needs an API key"),
        (
            "def build_fast(ctx): ...\ndef _hidden(): ...\n",
            "build",
            "has no attribute 'build'; it defines: build_fast",
        ),
    ],
    ids=["missing", "syntax", "dependency", "raises", "no-attribute"],
)
def test_an_agent_file_that_cannot_load_says_why(
    cli: Any, tmp_path: Path, source: str | None, attr: str, message: str
) -> None:
    path = _write(tmp_path, source) if source is not None else str(tmp_path / "nope.py")
    spec = f"{path}:{attr}"
    res = cli("run", ONE_WAY, "--agent", spec, "--no-progress")
    assert res.exit_code == 2
    assert message.format(spec=spec, path=path, name=Path(path).name) in res.output
    assert "Traceback" not in res.output


def test_a_module_beside_you_that_is_not_on_the_path_gets_a_hint(
    cli: Any, agent_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(agent_file.parent)
    module = agent_file.stem
    res = cli("run", ONE_WAY, "--agent", f"{module}:build", "--no-progress")
    assert res.exit_code == 2
    assert (
        f"Unknown agent '{module}:build'. Module '{module}' is not on the import path, but "
        f"./{module}.py is here: name the file ({module}.py:build), or put this folder on the path "
        "(PYTHONPATH=.)."
    ) in res.output
    res = cli(
        "run", ONE_WAY, "--agent", f"{module}.py:build", "--no-progress", "--json", str(tmp_path / "r.json")
    )
    assert res.exit_code == 0, res.output


# -- did you mean -------------------------------------------------------------------------------


def test_a_bare_model_name_suggests_the_openai_form(cli: Any) -> None:
    res = cli("run", ONE_WAY, "--model", "gpt-4o", "--no-progress")
    assert res.exit_code == 2
    assert "Unknown model 'gpt-4o'. Did you mean 'openai:gpt-4o'? Known models:" in res.output
    res = cli("run", ONE_WAY, "--model", "scriptd", "--no-progress")
    assert "Did you mean 'scripted'? Known models:" in res.output  # a close name wins


def test_a_scenario_named_by_its_id_suggests_its_file(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    res = cli("run", "one-way", "--no-progress")
    assert res.exit_code == 2
    assert "error: one-way: no such file; did you mean scenarios/one-way.yaml?" in res.output
    res = cli("run", "scenarios/one-wya.yaml", "--no-progress")
    assert "scenarios/one-wya.yaml: no such file; did you mean scenarios/one-way.yaml?" in res.output
    res = cli("validate", "xyzzy-plugh")
    assert res.exit_code == 2 and "xyzzy-plugh: no such file\n" in res.output


def test_a_scenario_id_that_differs_from_its_file_name_is_found(tmp_path: Path, cli: Any) -> None:
    renamed = tmp_path / "trip.yaml"
    renamed.write_text(Path(ONE_WAY).read_text().replace("id: one-way", "id: london-paris", 1))
    res = cli("run", str(tmp_path / "london-paris"), "--no-progress")
    assert f"no such file; did you mean {renamed}?" in res.output


# -- the web app ----------------------------------------------------------------------------------


def _settings(tmp_path: Path, *custom: str) -> ServerSettings:
    return ServerSettings(db=f"sqlite:///{tmp_path / 'runs.sqlite'}", workers=2, agents=list(custom))


def _run_to_the_end(c: TestClient, agent: str) -> dict[str, Any]:
    body = {"scenario": "one-way", "agent": agent, "policy": "never-ask", "human": "web"}
    r = c.post("/api/runs", json=body)
    assert r.status_code == 201, r.text
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        run: dict[str, Any] = c.get(f"/api/runs/{r.json()['id']}").json()
        if run["status"] in ("done", "error"):
            return run
        time.sleep(0.02)
    raise AssertionError("the run did not finish")


def test_serve_agent_offers_a_file_agent_by_a_plain_name(tmp_path: Path, agent_file: Path) -> None:
    spec = f"{agent_file}:build"
    settings = _settings(tmp_path, spec, f"cautious={spec}", "planner")
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        listed = {a["name"]: a for a in c.get("/api/agents").json()}
        assert {agent_file.stem, "cautious", "planner"} <= set(listed)
        assert listed[agent_file.stem]["about"] == "Reads the budget and reports it."
        assert listed[agent_file.stem]["needs_model"] is False
        assert f'<option value="{agent_file.stem}"' in c.get("/").text
        run = _run_to_the_end(c, agent_file.stem)
        assert (run["status"], run["agent"], run["final_message"]) == (
            "done",
            agent_file.stem,
            "You have $300.00 left.",
        )
        # a request still names only agents the server knows: never the file itself
        r = c.post("/api/runs", json={"scenario": "one-way", "agent": spec, "human": "web"})
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "agent"]
        assert "not accepted from the web" in r.json()["detail"][0]["msg"]


@pytest.mark.parametrize(
    ("entry", "error", "message"),
    [
        ("./no_such_graph.py:build", ConfigError, "no such file"),
        ("plannr", UnknownNameError, "Did you mean 'planner'?"),
        ("planner=agents.react:build", ConfigError, "the web app already has an agent 'planner'"),
        ("bad name=agents.react:build", ConfigError, "cannot name an agent in the web app"),
    ],
)
def test_serve_agent_refuses_what_it_cannot_offer(
    tmp_path: Path, entry: str, error: type, message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        create_app(_settings(tmp_path, entry))


def test_serve_exits_2_before_listening_when_an_agent_cannot_load(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("the server started"))
    res = cli(
        "serve",
        "--db",
        f"sqlite:///{tmp_path / 'runs.sqlite'}",
        "--agent",
        _write(tmp_path, "x = (\n") + ":build",
    )
    assert res.exit_code == 2 and "SyntaxError" in res.output


def test_serve_passes_every_agent_option_to_the_app(
    tmp_path: Path, cli: Any, agent_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda web, **k: served.append(web))
    res = cli(
        "serve",
        "--db",
        f"sqlite:///{tmp_path / 'runs.sqlite'}",
        "--agent",
        f"{agent_file}:build",
        "--agent",
        "fast=agents.react:build",
    )
    assert res.exit_code == 0, res.output
    assert served[0].state.settings.agents == [f"{agent_file}:build", "fast=agents.react:build"]
    assert {agent_file.stem, "fast"} <= set(agents.names())


def test_an_installed_entry_point_appears_in_the_web_app_on_its_own(
    tmp_path: Path, agent_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A distribution on the path (its ``entry_points.txt``) is all it takes: no ``--agent``."""
    site = tmp_path / "site"
    info = site / "budget_reporter-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: budget-reporter\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        f"[travel_sandbox.agents]\nbudget-reporter = {agent_file.stem}:build\n"
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.syspath_prepend(str(agent_file.parent))
    assert "budget-reporter" in agents.names()
    with TestClient(create_app(_settings(tmp_path)), base_url=LOCAL) as c:
        assert "budget-reporter" in {a["name"] for a in c.get("/api/agents").json()}
        assert '<option value="budget-reporter"' in c.get("/").text
        run = _run_to_the_end(c, "budget-reporter")
        assert (run["status"], run["final_message"]) == ("done", "You have $300.00 left.")
