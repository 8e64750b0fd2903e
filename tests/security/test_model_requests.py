"""Real endpoints, through a fake OpenAI-compatible server on 127.0.0.1: a 429 with ``Retry-After`` is
waited out, the wait reported (``rate_limit_wait_s``) and not charged to the run's time limit unless
the run counts such waits; model options reach every request body as given, from the command line
(``--model-option``) or a named model profile; the web app takes only its allow-list of options and
profiles by name (422 naming the field otherwise).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _fake_endpoint import SCENARIOS, USAGE, FakeEndpoint, Raw, reply, run_on, use_endpoint
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.control import Limits
from sandbox.store import RunStore
from sandbox.web import ServerSettings, create_app

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

REPORT = "I have booked nothing yet."
SLOW_DOWN = Raw(b'{"error": {"message": "rate limited"}}', status=429, headers=(("Retry-After", "3"),))


def test_a_429_is_waited_out_reported_and_not_charged_to_the_time_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with FakeEndpoint([SLOW_DOWN, reply(REPORT)]) as fake:
        result = run_on(fake, monkeypatch, "one-way", limits=Limits(timeout_s=2.0))
    assert result.status == "done", result.error  # 3 s of waiting within a 2 s limit
    assert result.rate_limit_wait_s == 3.0 and result.final_message == REPORT
    assert len(fake.requests) == 2 and fake.requests[0] == fake.requests[1]  # the same request again


def test_a_run_that_counts_rate_limit_waits_ends_at_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeEndpoint([SLOW_DOWN, reply(REPORT)]) as fake:
        result = run_on(
            fake, monkeypatch, "one-way", limits=Limits(timeout_s=2.0), count_rate_limit_waits=True
        )
    assert result.status == "error"
    assert result.error is not None and result.error.startswith(
        "RunDeadlineExceeded: run exceeded its time limit of 2 s"
    )
    assert "asked to wait for its rate limit" in result.error
    assert len(fake.requests) == 1  # not asked again, neither by the transport nor by the client


OPTIONS = {"tool_choice": "auto", "max_tokens": 512, "parallel_tool_calls": False}


def test_model_options_reach_every_request_body_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    search = '{"origin": "LHR", "destination": "CDG", "date": "2027-01-15"}'
    script = [
        reply(
            calls=[
                {"id": "c1", "type": "function", "function": {"name": "search_flights", "arguments": search}}
            ]
        ),
        reply(REPORT),
    ]
    with FakeEndpoint(script) as fake:
        result = run_on(fake, monkeypatch, "one-way", model_options=OPTIONS)
    assert result.status == "done" and len(fake.requests) == 2
    for body in fake.requests:
        assert {k: body[k] for k in OPTIONS} == OPTIONS
        assert "max_completion_tokens" not in body  # max_tokens goes as the user named it
        assert body["tools"]  # the tools still go


def _cli(*args: str) -> Any:
    return CliRunner().invoke(app, [*args, "--no-progress"])


def test_model_options_from_the_command_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    out = tmp_path / "r.json"
    with FakeEndpoint([reply(REPORT)]) as fake:
        use_endpoint(monkeypatch, fake.url)
        result = _cli(
            "run", str(SCENARIOS / "one-way.yaml"), "--agent", "react", "--model", "openai:fake-model",
            "--model-option", "tool_choice=auto", "--model-option", "max_tokens=512",
            "--model-option", "parallel_tool_calls=false", "--model-option", 'logit_bias={"1734": -5}',
            "--json", str(out),
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    [run] = json.loads(out.read_text())["runs"]
    assert run["status"] == "done", run["error"]
    body = fake.requests[0]
    assert {k: body[k] for k in OPTIONS} == OPTIONS and body["logit_bias"] == {"1734": -5}
    batch = json.loads(out.read_text())["summary"]["batch"]
    plan = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}").get_batch(batch).meta["plan"]
    assert plan["options"]["model_options"] == {**OPTIONS, "logit_bias": {"1734": -5}}


@pytest.mark.parametrize(
    ("option", "says"),
    [
        ("tool_choice", "expected KEY=VALUE"),
        ("=auto", "expected KEY=VALUE"),
        ("api_key=sk-123", "model option 'api_key' is not taken"),
    ],
)
def test_a_bad_model_option_is_refused(
    option: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
    result = _cli("run", str(SCENARIOS / "one-way.yaml"), "--model", "openai:x", "--model-option", option)
    assert result.exit_code == 2 and says in result.stderr


@pytest.fixture
def profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEndpoint]:
    """A profile ``local`` for a fake endpoint the environment does not name (the profile does)."""
    with FakeEndpoint([reply(REPORT)]) as fake:
        use_endpoint(monkeypatch, "http://127.0.0.1:9/v1")  # nothing listens there: only the profile works
        folder = tmp_path / "profiles"
        folder.mkdir()
        (folder / "local.yaml").write_text(
            f"model: openai:fake-model\nbase_url: {fake.url}\noptions: {{tool_choice: required, max_tokens: 64}}\n"
            "rpm: 600\ntpm: 1000000\nprices: {input: 1.0, output: 2.0}\n"
        )
        (folder / "broken.yaml").write_text("model: openai:x\nbase_url: [not, a, url]\n")
        monkeypatch.setenv("TRAVEL_SANDBOX_PROFILES", str(folder))
        monkeypatch.setenv("TRAVEL_SANDBOX_DB", f"sqlite:///{tmp_path / 'runs.sqlite'}")
        yield fake


def test_a_model_profile_sets_model_endpoint_options_limits_and_prices(
    profiles: FakeEndpoint, tmp_path: Path
) -> None:
    out = tmp_path / "r.json"
    result = _cli(
        "run", str(SCENARIOS / "one-way.yaml"), "--agent", "react", "--model-profile", "local",
        "--model-option", "tool_choice=auto", "--json", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [run] = json.loads(out.read_text())["runs"]
    assert run["model"] == "openai:fake-model" and run["status"] == "done"
    calls = len(profiles.requests)
    assert calls == run["model_calls"] >= 1
    assert profiles.requests[0]["tool_choice"] == "auto" and profiles.requests[0]["max_tokens"] == 64
    per_call = USAGE["prompt_tokens"] * 1.0 + USAGE["completion_tokens"] * 2.0
    assert run["cost_usd"] == pytest.approx(calls * per_call / 1e6)
    meta = RunStore(f"sqlite:///{tmp_path / 'runs.sqlite'}").batches()[0].meta
    assert meta["plan"]["model_profile"] == "local" and meta["plan"]["options"]["model_options"]["rpm"] == 600


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("nosuch", "Unknown model profile 'nosuch'"),
        ("../local", "never a path"),
        ("broken", "broken.yaml: base_url: Input should be a valid string"),
    ],
)
def test_a_bad_model_profile_is_refused(profiles: FakeEndpoint, name: str, says: str) -> None:
    result = _cli("run", str(SCENARIOS / "one-way.yaml"), "--model-profile", name)
    assert result.exit_code == 2 and says in result.stderr
    assert profiles.requests == []


# -- the web app --------------------------------------------------------------------------------------


@pytest.fixture
def client(profiles: FakeEndpoint, tmp_path: Path) -> Iterator[TestClient]:
    settings = ServerSettings(db=f"sqlite:///{tmp_path / 'web.sqlite'}", workers=2, sse_poll=0.02)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as c:
        yield c


def _problem(r: Any) -> dict[str, Any]:
    assert r.status_code == 422, r.text
    [p] = r.json()["detail"]
    return dict(p)


def _done(c: TestClient, run_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run = c.get(f"/api/runs/{run_id}").json()
        if run["status"] in ("done", "error"):
            return dict(run)
        time.sleep(0.02)
    raise AssertionError(f"run {run_id} did not end")


WEB = {"scenario": "one-way", "agent": "react", "human": "auto"}


@pytest.mark.parametrize(
    ("options", "loc"),
    [
        ({"base_url": "http://evil.test/v1"}, ["body", "model_options", "base_url"]),
        ({"api_key": "sk-1"}, ["body", "model_options", "api_key"]),
        ({"rpm": 1}, ["body", "model_options", "rpm"]),
        ({"tool_choice": "always"}, ["body", "model_options", "tool_choice"]),
        ({"max_tokens": 10**6}, ["body", "model_options", "max_tokens"]),
    ],
)
def test_the_web_refuses_options_off_its_allow_list(
    client: TestClient, options: dict[str, Any], loc: list[str]
) -> None:
    before = len(client.get("/api/runs").json())
    assert _problem(client.post("/api/runs", json={**WEB, "model_options": options}))["loc"] == loc
    assert len(client.get("/api/runs").json()) == before  # nothing was created


def test_the_web_takes_profiles_by_name_only(client: TestClient, profiles: FakeEndpoint) -> None:
    listed = client.get("/api/model-profiles").json()
    assert listed == [
        {"name": "broken", "model": None, "broken": True},
        {"name": "local", "model": "openai:fake-model", "broken": False},
    ]
    assert "base_url" not in json.dumps(listed) and profiles.url not in json.dumps(listed)
    for name, says in [
        ("../local", "should match pattern"),
        ("nosuch", "Unknown model profile"),
        ("broken", "invalid"),
    ]:
        p = _problem(client.post("/api/runs", json={**WEB, "model_profile": name}))
        assert p["loc"] == ["body", "model_profile"] and says in p["msg"]
        assert os.environ["TRAVEL_SANDBOX_PROFILES"] not in p["msg"]  # no path of the server
    body = {**WEB, "model_profile": "local", "model_options": {"tool_choice": "none", "max_tokens": 32}}
    created = client.post("/api/runs", json=body)
    assert created.status_code == 201, created.text
    run = _done(client, created.json()["id"])
    assert run["status"] == "done" and run["model"] == "openai:fake-model"
    assert profiles.requests[-1]["tool_choice"] == "none" and profiles.requests[-1]["max_tokens"] == 32
