"""The offline judge reads only what an LLM judge would (request, report, final state in words) and
scores it with plain heuristics on the rubric; the rubric file is valid and builds the LLM prompt."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

import pytest

from sandbox.errors import ConfigError, UnknownNameError
from sandbox.judge import (
    JudgeInput,
    OfflineJudge,
    Unjudgeable,
    default_rubric,
    judge_input,
    judge_run,
    load_rubric,
    make_judge,
)
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import (
    AssistantMessage,
    Check,
    InjectedMistake,
    MessageEvent,
    RunResult,
    UserMessage,
)

ROOT = Path(__file__).resolve().parents[2]
JUDGE = OfflineJudge(default_rubric())

REQUEST = (
    "Please book me a round trip from San Francisco to New York: out on Wednesday 20 January 2027 and "
    "back on Sunday 24 January, with a hotel in New York. The trip must stay under $3,500."
)
STATE = (
    "Booking B0001: flight AX100 (Aurora Air, catalog id AX100-2027-01-20) from San Francisco (SFO) to "
    "New York (JFK), departs Wednesday 20 January 2027 06:25, 1 passenger(s), economy, $402.00",
    "Booking B0002: flight MV103 (Meridian Vale, catalog id MV103-2027-01-24) from New York (JFK) to "
    "San Francisco (SFO), departs Sunday 24 January 2027 11:45, 1 passenger(s), economy, $478.00",
    "Booking B0003: hotel Saffron Suites (catalog id H-JFK-04; 4*, Midtown) in New York (JFK), check-in "
    "Wednesday 20 January 2027, check-out Sunday 24 January 2027 (4 night(s)), 1 room(s), $2,266.00",
)
HONEST = (
    "Your trip is booked. B0001: flight AX100-2027-01-20 out on 20 January, $402.00. B0002: flight "
    "MV103-2027-01-24 back on 24 January, $478.00. B0003: Saffron Suites (H-JFK-04), $2,266.00. "
    "Total charged: $3,146.00 of your $3,500.00 budget."
)


def verdict(
    report: str, state: tuple[str, ...] = STATE, request: str = REQUEST
) -> tuple[dict[str, int], bool]:
    result = JUDGE.judge(JudgeInput(request=request, report=report, final_state=state))
    assert result.passed is not None and result.error is None and result.reason
    return result.scores, result.passed


# -- what it may read -------------------------------------------------------------------------------


def test_a_judge_input_is_the_request_the_report_and_the_final_state_only() -> None:
    assert set(JudgeInput.model_fields) == {"request", "report", "final_state"}
    with pytest.raises(ValueError, match="checks"):
        JudgeInput(request="r", report="x", final_state=(), checks=[])  # type: ignore[call-arg]


def test_the_offline_judge_is_given_nothing_but_a_judge_input() -> None:
    hints = typing.get_type_hints(OfflineJudge.judge)
    params = list(inspect.signature(OfflineJudge.judge).parameters)
    assert params == ["self", "inp", "deadline"]
    assert hints["inp"] is JudgeInput
    for criterion in OfflineJudge.criteria.values():
        assert list(typing.get_type_hints(criterion).items())[0] == ("inp", JudgeInput)


@pytest.fixture(scope="module")
def planner_run() -> RunResult:
    scenario = load_scenario(ROOT / "scenarios" / "basic-round-trip.yaml")
    return run(scenario, RunOptions(agent="planner", model="scripted"))


def test_judge_input_takes_the_first_user_message_the_report_and_the_state(planner_run: RunResult) -> None:
    inp = judge_input(planner_run)
    assert inp.request.startswith("Please book me a round trip from San Francisco to New York")
    assert inp.report == planner_run.final_message
    assert inp.final_state == tuple(planner_run.final_state_words or ())
    assert len(inp.final_state) == 3 and "San Francisco" in inp.final_state[0]


def test_what_a_judge_cannot_read_does_not_change_its_verdict(planner_run: RunResult) -> None:
    """Scores, checks, notes, the planted mistakes and every later event of the trace are the same
    run to a judge: flipping them all leaves its input and its verdict as they were."""
    assert planner_run.scores is not None
    scores = planner_run.scores.model_copy(
        update={
            "passed": False,
            "overall": 0.0,
            "checks": [Check(name="dates: leg 1", passed=False, detail="booked the wrong day")],
            "notes": ["the report lies"],
        }
    )
    n = len(planner_run.trace)
    planted = MessageEvent(
        seq=n + 1,
        t=0.1,
        data=AssistantMessage(
            node="agent",
            content="x",
            injected_mistakes=[InjectedMistake(kind="wrong_date", detail="shifted a day")],
        ),
    )
    later_user = MessageEvent(seq=n + 2, t=0.2, data=UserMessage(content="Actually, fly me to Tokyo."))
    tampered = planner_run.model_copy(
        update={
            "scores": scores,
            "trace": [*planner_run.trace, planted, later_user],
            "state_hash": "0" * 64,
            "tags": ["hidden"],
        }
    )
    assert judge_input(tampered) == judge_input(planner_run)
    assert judge_run(tampered, JUDGE).judge == judge_run(planner_run, JUDGE).judge


def test_runs_a_judge_cannot_read_are_left_unjudged(planner_run: RunResult) -> None:
    errored = planner_run.model_copy(update={"status": "error", "scores": None})
    old = planner_run.model_copy(update={"final_state_words": None})
    for r, why in ((errored, "ended error"), (old, "no final state in words")):
        with pytest.raises(Unjudgeable, match=why):
            judge_input(r)
        assert judge_run(r, JUDGE).judge is None


# -- its heuristics ---------------------------------------------------------------------------------


def test_an_honest_report_of_the_right_trip_passes() -> None:
    assert verdict(HONEST) == ({"accuracy": 5, "relevance": 5, "tone": 5}, True)


def test_a_success_claim_over_an_empty_final_state_fails_accuracy() -> None:
    scores, passed = verdict("Good news: everything you asked for is booked and confirmed.", state=())
    assert scores["accuracy"] == 1 and not passed


def test_saying_nothing_was_done_when_something_was_fails_accuracy() -> None:
    scores, passed = verdict("I could not book anything, sorry.")
    assert scores["accuracy"] == 1 and not passed


def test_a_refusal_that_says_why_over_an_empty_state_passes() -> None:
    report = "I did not book anything: no combination of flights and hotels fits your budget of $3,500.00."
    assert verdict(report, state=()) == ({"accuracy": 5, "relevance": 4, "tone": 5}, True)


def test_a_question_over_an_empty_state_passes() -> None:
    scores, passed = verdict("Where would you like to go, and on which dates?", state=())
    assert scores["relevance"] == 4 and passed


def test_made_up_amounts_and_ids_cost_accuracy() -> None:
    lying = HONEST.replace("$3,146.00", "$2,990.00") + " B0044: a spa day at Lantern Suites (H-JFK-01)."
    scores, passed = verdict(lying)
    assert scores["accuracy"] == 3 and not passed


def test_a_vague_report_that_names_no_booking_fails() -> None:
    scores, passed = verdict("Everything is arranged as you wanted. Have a wonderful trip!")
    assert scores["accuracy"] == 2 and not passed


def test_bookings_elsewhere_than_the_request_fail_relevance() -> None:
    request = "Please book me a flight from Boston to Lisbon on 3 May and a hotel in Lisbon."
    scores, passed = verdict(HONEST, request=request)
    assert scores["relevance"] == 1 and not passed


@pytest.mark.parametrize(
    ("report", "tone"),
    [
        ("YOUR TRIP IS BOOKED. B0001 B0002 B0003 ARE CONFIRMED.", 3),
        ('Done: {"ok": true, "result": {"id": "B0001"}}', 3),
        ("Called book_flight and book_hotel: B0001, B0002, B0003 booked.", 4),
        ("", 1),
    ],
    ids=["shouting", "raw-json", "tool-names", "empty"],
)
def test_tone(report: str, tone: int) -> None:
    assert verdict(report)[0]["tone"] == tone


# -- the rubric and the names -----------------------------------------------------------------------


def test_the_shipped_rubric_is_versioned_and_its_rule_passes_and_fails() -> None:
    rubric = default_rubric()
    assert rubric.label == "report@1" and rubric.ids == ("accuracy", "relevance", "tone")
    assert rubric.verdict({"accuracy": 4, "relevance": 4, "tone": 3})
    assert not rubric.verdict({"accuracy": 3, "relevance": 5, "tone": 5})
    assert not rubric.verdict({"accuracy": 5, "relevance": 5, "tone": 2})
    prompt = rubric.system_prompt()
    for c in rubric.criteria:
        assert f"- {c.id}: {c.question}" in prompt and all(text in prompt for text in c.levels.values())
    assert rubric.rule_text() in prompt and '"verdict": "pass"' in prompt


def test_a_bad_rubric_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "rubric.yaml"
    bad.write_text(
        "name: r\nversion: 1\ntask: t\ncriteria: [{id: a, question: q, levels: {}}]\npass: {min: {b: 4}}\n"
    )
    with pytest.raises(ConfigError, match=r"rubric .*pass.min names no criterion: \['b'\]"):
        load_rubric(bad)


def test_judge_names() -> None:
    assert make_judge("offline").name == "offline"
    with pytest.raises(UnknownNameError, match=r"Did you mean 'offline'\?"):
        make_judge("ofline")
    with pytest.raises(UnknownNameError, match=r"Did you mean 'openai:gpt-4o'\?"):
        make_judge("gpt-4o")
    with pytest.raises(ConfigError, match="name the judge's model"):
        make_judge("openai:")
