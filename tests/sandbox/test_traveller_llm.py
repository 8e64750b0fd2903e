"""``--traveller llm:MODEL``: a model behind an OpenAI-compatible endpoint plays the traveller.

A fake OpenAI-compatible server on 127.0.0.1 (the only socket these tests open; ``FakeOpenAI`` from the
``openai:NAME`` model's tests) answers the traveller's questions. The reference agent asks one question
in ``ambiguous-dates`` (its milestone) and none in ``one-way``. Checked: what the model is told (the
request, the facts and the rules; never the hidden sections), that its answer is what the agent gets
and what the trace records, that a recorded run replays offline with the server gone, that bad options
exit 2 naming ``--traveller``, and that an endpoint that fails takes down its own run only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sandbox.cli import app
from sandbox.runner import Job, RunOptions, run, run_batch
from sandbox.scenarios import load_scenario
from sandbox.spi import DecisionEvent, RunResult
from tests.agents.test_models_openai import FakeOpenAI, closed_port, endpoint, reply

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])
__all__ = ["endpoint"]  # the fixture, used by name

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SAID = "Out on Monday 1 February, back on Saturday 6 February; the talk is on the 4th."


def answers(result: RunResult) -> list[str]:
    """What the traveller said, in order (the ``respond`` decisions of question checkpoints)."""
    return [
        str(e.data.text)
        for e in result.trace
        if isinstance(e, DecisionEvent) and getattr(e.data, "decision", None) == "respond"
    ]


def ask_once(traveller: str) -> RunResult:
    return run(
        load_scenario(SCENARIOS / "ambiguous-dates.yaml"), RunOptions(agent="reference", traveller=traveller)
    )


def test_the_model_answers_from_the_facts_and_the_agent_gets_its_words(endpoint, monkeypatch) -> None:
    with FakeOpenAI([reply(content=f"  {SAID}  ")]) as fake:
        monkeypatch.setenv("TRAVEL_SANDBOX_OPENAI_BASE_URL", fake.url)
        result = ask_once("llm:fake-model")
    assert result.status == "done", result.error
    assert answers(result) == [SAID]
    assert result.scores is not None and result.scores.passed
    (request,) = fake.requests
    assert request["model"] == "fake-model" and request["temperature"] == 0.0
    system, question = request["messages"]
    assert question == {
        "role": "user",
        "content": "Before I book: could you confirm the dates and details of your trip?",
    }
    prompt = system["content"]
    assert system["role"] == "system" and prompt.startswith("You are Elena Petrova, a traveller.")
    assert "I'm speaking at a conference in London next month." in prompt  # the voice
    assert "The conference runs from 3 to 5 February." in prompt  # the fact, with its topic
    assert "- [budget] I haven't set a figure beyond what I told you" in prompt  # a default
    assert "answer only the first thing" in prompt and "never volunteer" in prompt
    # nothing hidden: the description, the constraints' dates, the milestone's words
    for hidden in ("guesses the dates", "2027-02-01", "asked for the travel dates", "Kensington, weight"):
        assert hidden not in prompt


def test_a_recorded_traveller_replays_offline(endpoint, monkeypatch, tmp_path: Path) -> None:
    recording = tmp_path / "run.jsonl"
    monkeypatch.setenv("TRAVEL_SANDBOX_RECORD", str(recording))
    with FakeOpenAI([reply(content=SAID)]) as fake:
        monkeypatch.setenv("TRAVEL_SANDBOX_OPENAI_BASE_URL", fake.url)
        first = ask_once("llm:replay:record:openai:fake-model")
    lines = [json.loads(line) for line in recording.read_text().splitlines()]
    assert [(x["role"], x["scenario"], x["trial"], x["message"]["content"]) for x in lines] == [
        ("traveller", "ambiguous-dates", 0, SAID)
    ]
    monkeypatch.setenv("TRAVEL_SANDBOX_OPENAI_BASE_URL", f"http://127.0.0.1:{closed_port()}/v1")  # gone
    again = ask_once(f"llm:replay:{recording}")
    assert again.status == "done", again.error
    assert answers(again) == answers(first) == [SAID]
    assert again.state_hash == first.state_hash


def test_the_agents_model_replays_past_the_travellers_lines(tmp_path: Path) -> None:
    """One file may hold both sides of a run: the agent's replay skips the lines marked traveller."""
    from agents.models.replay import replies_for

    entries: list[dict[str, Any]] = [
        {"run": "r", "scenario": "s", "trial": 0, "call": 1, "message": {"content": "agent"}},
        {
            "run": "r",
            "scenario": "s",
            "trial": 0,
            "call": 1,
            "role": "traveller",
            "message": {"content": "me"},
        },
    ]
    assert replies_for(entries, "s", 0, tmp_path) == [{"content": "agent"}]
    assert replies_for(entries, "s", 0, tmp_path, "traveller") == [{"content": "me"}]


@pytest.mark.parametrize(
    ("traveller", "said"),
    [
        ("llm:", "--traveller llm: needs a model"),
        ("gpt-4o-mini", "--traveller 'gpt-4o-mini': expected 'scripted' or 'llm:MODEL'"),
        ("llm:nosuchmodel:x", "--traveller llm:nosuchmodel:x: "),
        ("llm:gpt-4o-mini", "--traveller llm:gpt-4o-mini: "),  # no key, no base URL
    ],
)
def test_a_bad_traveller_exits_2_naming_the_option(
    endpoint, traveller: str, said: str, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        app,
        [
            "run",
            str(SCENARIOS / "one-way.yaml"),
            "--agent",
            "reference",
            "--traveller",
            traveller,
            "--db",
            f"sqlite:///{tmp_path}/runs.sqlite",
        ],
    )
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split()), result.output


def test_an_unreachable_traveller_fails_its_run_and_the_batch_goes_on(endpoint, monkeypatch) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    monkeypatch.setenv("TRAVEL_SANDBOX_OPENAI_BASE_URL", url)
    jobs = [
        Job(load_scenario(SCENARIOS / f"{name}.yaml"), SCENARIOS, 0)
        for name in ("ambiguous-dates", "one-way")
    ]
    results = run_batch(jobs, RunOptions(agent="reference", traveller="llm:fake-model"), concurrency=2)
    by_scenario = {r.scenario: r for r in results}
    asked, quiet = by_scenario["ambiguous-dates"], by_scenario["one-way"]
    assert asked.status == "error" and asked.error is not None
    assert asked.error.startswith(
        "TravellerError: --traveller llm:fake-model: ModelEndpointError: openai:fake-model at "
    )
    assert quiet.status == "done" and quiet.scores is not None and quiet.scores.passed  # never asked


def test_a_model_profile_names_the_travellers_model_and_endpoint(
    endpoint, monkeypatch, tmp_path: Path
) -> None:
    with FakeOpenAI([reply(content=SAID)]) as fake:
        (tmp_path / "local.yaml").write_text(f"model: openai:profiled-model\nbase_url: {fake.url}\n")
        monkeypatch.setenv("TRAVEL_SANDBOX_PROFILES", str(tmp_path))
        monkeypatch.setenv(
            "TRAVEL_SANDBOX_OPENAI_BASE_URL", f"http://127.0.0.1:{closed_port()}/v1"
        )  # not used
        result = ask_once("llm:local")
    assert result.status == "done", result.error
    assert answers(result) == [SAID]
    assert [r["model"] for r in fake.requests] == ["profiled-model"]
