"""Humans who answer checkpoints and questions (sandbox/control/_humans.py): scripted rules, auto, console, lookup.

The tool names are the to-do world's (``worlds/mock``) and a few more for the globs; humans read only the
checkpoint payload, so any world's would do.
"""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.control import AutoHuman, CheckpointPayload, ConsoleHuman, ScriptedHuman, make_human
from sandbox.errors import UnknownNameError
from sandbox.spi import ScenarioBase


def scenario(human: dict[str, Any] | None = None) -> ScenarioBase:
    data: dict[str, Any] = {
        "id": "humans",
        "title": "Humans",
        "request": "Add milk to my list.",
        "expect": {"outcome": "booked"},
    }
    if human is not None:
        data["human"] = human
    return ScenarioBase.model_validate(data)


def payload(tool: str, kind: str = "tool", **extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "kind": kind,
        "call_id": f"c-{tool}",
        "tool": tool,
        "tool_kind": "INTERACT" if kind != "tool" else "WRITE",
        "action": f"do {tool}",
        "args": {},
        "rule": "#1 * -> ask",
        **extra,
    }
    return CheckpointPayload(**fields).model_dump(mode="json")


def question(text: str) -> dict[str, Any]:
    return payload("ask_user", "question", args={"question": text})


def echo(q: str) -> str:
    return f"answer to: {q}"


def decision(**fields: Any) -> dict[str, Any]:
    """A DecisionIn as a simulated human's ``decide`` returns it (every field present), with its
    documented time: a simulated human decides at once."""
    return {
        "decision": "approve", "args": None, "alternative": None, "reason": None, "reason_kind": None,
        "text": None, "seconds": 0.0, **fields,
    }  # fmt: skip


RULES = {
    "checkpoints": [
        {"tool": "add_note", "decision": "reject", "reason": "I keep my own notes"},
        {"tool": "add_*", "nth": 2, "decision": "edit", "args": {"text": "buy oat milk"}},
        {"tool": "propose_*", "decision": "edit", "alternative": 1},
        {"tool": "remove_item", "decision": "respond", "text": "Keep it, please."},
    ],
    "default": "approve",
}


def test_scripted_rules_first_match_wins_by_tool_glob() -> None:
    human = ScriptedHuman(scenario(RULES), echo)
    assert human.decide(payload("add_note")) == decision(decision="reject", reason="I keep my own notes")
    assert human.decide(payload("propose_changes", "proposal")) == decision(decision="edit", alternative=1)
    assert human.decide(payload("remove_item")) == decision(decision="respond", text="Keep it, please.")
    assert human.decide(payload("list_items")) == decision()  # no rule: the default


def test_scripted_nth_counts_only_the_checkpoints_that_reach_its_rule() -> None:
    human = ScriptedHuman(scenario(RULES), echo)
    # add_note is decided by rule 1, so it does not count towards rule 2's add_* checkpoints
    seen = [human.decide(payload(t))["decision"] for t in ["add_item", "add_note", "add_item", "add_item"]]
    assert seen == ["approve", "reject", "edit", "approve"]


def test_scripted_edit_carries_the_rule_arguments() -> None:
    human = ScriptedHuman(scenario(RULES), echo)
    human.decide(payload("add_item"))
    assert human.decide(payload("add_item")) == decision(decision="edit", args={"text": "buy oat milk"})


def test_scripted_default_reject_gives_a_reason_the_agent_sees_in_the_worlds_words() -> None:
    human = ScriptedHuman(scenario({"default": "reject"}), echo)
    assert human.decide(payload("add_item")) == decision(
        decision="reject", reason="The user did not approve this."
    )
    called = make_human("scripted", scenario({"default": "reject"}), echo, "traveller")
    assert called.decide(payload("add_item"))["reason"] == "The traveller did not approve this."


def test_scripted_questions_are_answered_by_the_world_never_by_the_rules() -> None:
    human = ScriptedHuman(scenario({"checkpoints": [{"tool": "*", "decision": "reject"}]}), echo)
    assert human.decide(question("Which milk?")) == decision(
        decision="respond", text="answer to: Which milk?"
    )


def test_auto_approves_every_checkpoint_and_answers_questions() -> None:
    human = AutoHuman(scenario(RULES), echo)
    for tool in ["add_note", "add_item", "remove_item"]:
        assert human.decide(payload(tool)) == decision()
    assert human.decide(payload("propose_changes", "proposal")) == decision()
    assert human.decide(question("Where to?")) == decision(decision="respond", text="answer to: Where to?")


def test_a_malformed_payload_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        AutoHuman(scenario(), echo).decide({"tool": "add_item"})


def test_console_shows_the_card_and_returns_the_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    from io import StringIO

    from rich.console import Console
    from rich.prompt import Prompt

    answers = iter(["r", "too expensive"])
    monkeypatch.setattr(Prompt, "ask", classmethod(lambda cls, *a, **k: next(answers)))
    out = StringIO()
    human = ConsoleHuman(scenario(), echo, console=Console(file=out, width=100))
    card = payload("add_item", amount=402.0, budget_remaining=3500.0, rationale="cheapest", confidence=0.8)
    decided = human.decide(card)
    taken = decided.pop("seconds")  # the person's time at the terminal, measured
    assert isinstance(taken, float) and taken >= 0
    assert decided == {
        k: v for k, v in decision(decision="reject", reason="too expensive").items() if k != "seconds"
    }
    text = out.getvalue()
    for part in [
        "Checkpoint: add_item",
        "do add_item",
        "Cost $402.00; budget left $3,500.00",
        "Rationale: cheapest",
        "Confidence: 80%, as stated by the agent",
        "Why it stopped: #1 * -> ask",
    ]:
        assert part in text


def test_make_human_by_name() -> None:
    sc = scenario()
    assert isinstance(make_human("scripted", sc, echo), ScriptedHuman)
    assert isinstance(make_human("auto", sc, echo), AutoHuman)


def test_make_human_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownNameError) as err:
        make_human("scripte", scenario(), echo)
    assert (
        str(err.value)
        == "Unknown human 'scripte'. Did you mean 'scripted'? Known humans: auto, console, reviewer, scripted."
    )
    with pytest.raises(
        UnknownNameError, match=r"^Unknown human 'robot'\. Known humans: auto, console, reviewer, scripted\.$"
    ):
        make_human("robot", scenario(), echo)


def test_contains_looks_at_the_proposed_plan_not_its_alternatives_or_rationale() -> None:
    human = ScriptedHuman(
        scenario(
            {"checkpoints": [{"tool": "propose_changes", "contains": ["buy gin"], "decision": "reject"}]}
        ),
        echo,
    )
    plan = {
        "items": [{"kind": "todo", "id": "buy milk"}],
        "total": 0,
        "rationale": "not buy gin",
        "confidence": 0.9,
    }
    alt = {"alternatives": [{"items": [{"kind": "todo", "id": "buy gin"}], "total": 0}]}
    approve = human.decide(payload("propose_changes", "proposal", args={**plan, **alt}))
    assert approve["decision"] == "approve"
    bad = {**plan, "items": [{"kind": "todo", "id": "buy gin"}]}
    assert human.decide(payload("propose_changes", "proposal", args=bad))["decision"] == "reject"


def test_contains_on_a_tool_checkpoint_ignores_the_agents_own_notes() -> None:
    rules = {"checkpoints": [{"tool": "add_item", "contains": ["buy gin"], "decision": "reject"}]}
    human = ScriptedHuman(scenario(rules), echo)
    noted = payload("add_item", args={"text": "buy milk", "rationale": "better than buy gin"})
    assert human.decide(noted)["decision"] == "approve"
    assert human.decide(payload("add_item", args={"text": "buy gin"}))["decision"] == "reject"
