"""The ``replay`` model: record a run's model replies, replay them offline, fail clearly past the end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from agents.models.replay import make
from sandbox.errors import ConfigError
from sandbox.runner import Job, RunOptions, run, run_batch
from sandbox.scenarios import load_scenario
from sandbox.spi import ModelSpec

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SEARCH = {"origin": "LHR", "destination": "CDG", "date": "2027-01-15"}
BOOK = {"flight_id": "AX138-2027-01-15", "passengers": 1, "cabin": "economy"}
USAGE = {"input_tokens": 50, "output_tokens": 10, "total_tokens": 60}
CONVERSATION: list[dict[str, Any]] = [
    {
        "content": "",
        "tool_calls": [{"name": "search_flights", "args": SEARCH, "id": "c1"}],
        "usage_metadata": USAGE,
    },
    {
        "content": "",
        "tool_calls": [{"name": "book_flight", "args": BOOK, "id": "c2"}],
        "invalid_tool_calls": [{"name": "get_budget", "args": "{oops", "id": "c3", "error": "not JSON"}],
        "usage_metadata": USAGE,
    },
    {"content": "Booked: B0001 (AX138-2027-01-15). Total charged: $95.00.", "usage_metadata": USAGE},
]


@pytest.fixture
def scenario() -> Any:
    return load_scenario(SCENARIOS / "one-way.yaml")


@pytest.fixture
def conversation(tmp_path: Path) -> Path:
    path = tmp_path / "conversation.jsonl"
    path.write_text("".join(json.dumps(m) + "\n" for m in CONVERSATION))
    return path


def test_a_recorded_batch_replays_exactly(tmp_path, monkeypatch, scenario, conversation):
    record = tmp_path / "rec" / "recording.jsonl"
    monkeypatch.setenv("TRAVEL_SANDBOX_RECORD", str(record))
    jobs = [Job(scenario, SCENARIOS, t) for t in range(2)]
    live = run_batch(
        jobs, RunOptions(agent="react", model=f"replay:record:replay:{conversation}"), concurrency=2
    )
    lines = [json.loads(line) for line in record.read_text().splitlines()]
    assert len(lines) == 6
    assert {(e["scenario"], e["trial"]) for e in lines} == {("one-way", 0), ("one-way", 1)}
    assert sorted(e["call"] for e in lines if e["trial"] == 0) == [1, 2, 3]
    assert lines[0]["message"]["usage_metadata"] == USAGE
    monkeypatch.delenv("TRAVEL_SANDBOX_RECORD")
    again = run_batch(jobs, RunOptions(agent="react", model=f"replay:{record}"), concurrency=2)
    for a, b in zip(live, again, strict=True):
        assert a.status == b.status == "done"
        assert (a.final_message, a.state_hash, a.tokens, a.tool_calls) == (
            b.final_message,
            b.state_hash,
            b.tokens,
            b.tool_calls,
        )
        assert a.tokens == 180 and a.model_calls == b.model_calls == 3
        bad = [
            e.data.model_dump(mode="json") for e in b.trace if e.type == "tool_result" and e.data.id == "c3"
        ]
        assert bad[0]["result"]["error"]["code"] == "invalid_argument"


def test_the_last_recording_of_a_run_wins(tmp_path, monkeypatch, scenario, conversation):
    record = tmp_path / "recording.jsonl"
    monkeypatch.setenv("TRAVEL_SANDBOX_RECORD", str(record))
    for _ in range(2):
        run(scenario, RunOptions(agent="react", model=f"replay:record:replay:{conversation}"))
    assert len(record.read_text().splitlines()) == 6
    result = run(scenario, RunOptions(agent="react", model=f"replay:{record}"))
    assert result.status == "done" and result.model_calls == 3


def test_running_past_the_end_is_an_error_with_the_reason(tmp_path, scenario):
    path = tmp_path / "short.json"
    path.write_text(json.dumps(CONVERSATION[:1]))
    result = run(scenario, RunOptions(agent="react", model=f"replay:{path}"))
    assert result.status == "error"
    assert result.error == (
        f"ReplayExhausted: replay file {path} holds 1 replies for scenario 'one-way' trial 0, and the run "
        "asked for reply 2; the agent did not follow the recorded run (re-record it)"
    )


def test_a_recording_replays_by_name_from_the_recordings_folder(tmp_path, monkeypatch, scenario):
    """``replay:NAME`` reads NAME.jsonl (or NAME.json) of TRAVEL_SANDBOX_RECORDINGS, wherever the run is."""
    folder = tmp_path / "recordings"
    folder.mkdir()
    (folder / "gpt-run.jsonl").write_text("".join(json.dumps(m) + "\n" for m in CONVERSATION))
    monkeypatch.setenv("TRAVEL_SANDBOX_RECORDINGS", str(folder))
    monkeypatch.chdir(tmp_path)  # not the folder: a name is not a path
    result = run(scenario, RunOptions(agent="react", model="replay:gpt-run"))
    assert result.status == "done" and result.final_message == CONVERSATION[-1]["content"]
    missing = run(scenario, RunOptions(agent="react", model="replay:gpt-rn"))
    assert missing.error == (
        "UnknownNameError: Unknown recording 'gpt-rn'. Did you mean 'gpt-run'? Known recordings: gpt-run."
    )


def test_a_recording_without_this_trial_says_what_it_has(tmp_path, monkeypatch, scenario, conversation):
    record = tmp_path / "recording.jsonl"
    monkeypatch.setenv("TRAVEL_SANDBOX_RECORD", str(record))
    run(scenario, RunOptions(agent="react", model=f"replay:record:replay:{conversation}"))
    result = run(scenario, RunOptions(agent="react", model=f"replay:{record}", trial=3))
    assert result.status == "error"
    assert result.error is not None and result.error.endswith(
        "has no recorded replies for scenario 'one-way' trial 3 (it has: one-way#0)"
    )


def test_bad_replay_names(tmp_path, monkeypatch):
    monkeypatch.delenv("TRAVEL_SANDBOX_RECORD", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="set TRAVEL_SANDBOX_RECORD=path.jsonl"):
        make(ModelSpec(name="replay:record", arg="record"))
    with pytest.raises(ConfigError, match=r"needs a recording: --model replay:NAME .* or replay:PATH"):
        make(ModelSpec(name="replay", arg=None))
    with pytest.raises(ConfigError, match=r"replay file .*missing\.jsonl cannot be read"):
        make(ModelSpec(name="replay:missing.jsonl", arg=str(tmp_path / "missing.jsonl")))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"content": "hi"}\n{"content": \n')
    with pytest.raises(ConfigError, match=r"broken\.jsonl: not valid JSON at line 1"):
        make(ModelSpec(name=f"replay:{broken}", arg=str(broken)))
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"responses": ["not a message"]}))
    model = make(ModelSpec(name=f"replay:{wrapped}", arg=str(wrapped)))
    with pytest.raises(ConfigError, match=r"wrapped\.json#1: expected a recorded message"):
        model.invoke("hello")
