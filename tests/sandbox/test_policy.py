"""Override policies: rule matching, presets, loading (sandbox/control/_policy.py, sandbox/control/policies/*.yaml).

The calls are the to-do world's (``worlds/mock``): ``list_items`` (READ), ``add_item`` (WRITE), its proposal
``propose_changes`` and the question ``ask_user``; the presets decide on kinds and roles, so any world's
tools would do. Other names (``add_note``, ``remove_item``) only exercise the globs.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sandbox.control import (
    DEFAULT_POLICY,
    PRESETS,
    CallFacts,
    Policy,
    PolicyDecision,
    list_policies,
    load_policy,
)
from sandbox.errors import ConfigError, UnknownNameError
from sandbox.spi import PolicyOutcome, PolicyRule, PolicySpec, ToolKind

READ = CallFacts("list_items", "READ", calls=1)
CHEAP = CallFacts("add_item", "WRITE", amount=120.0, budget=2000.0, budget_remaining=1500.0, confidence=0.9)
EXPENSIVE = CallFacts(
    "add_note", "WRITE", amount=1800.0, budget=2000.0, budget_remaining=1880.0, confidence=0.9
)
UNSURE_PROPOSAL = CallFacts("propose_changes", "INTERACT", amount=900.0, confidence=0.5, role="proposal")
SILENT_PROPOSAL = CallFacts("propose_changes", "INTERACT", amount=300.0, role="proposal")  # no confidence
SURE_PROPOSAL = CallFacts("propose_changes", "INTERACT", amount=300.0, confidence=0.95, role="proposal")
QUESTION = CallFacts("ask_user", "INTERACT", role="question")


def policy(*rules: PolicyRule, default: PolicyOutcome = "reject") -> Policy:
    return Policy.from_spec(PolicySpec.model_validate({"name": "t", "rules": rules, "default": default}))


def rule(**fields: object) -> PolicyRule:
    return PolicyRule.model_validate(fields)


# -- matching ------------------------------------------------------------------------------------


def test_first_match_wins() -> None:
    p = policy(
        rule(tool="add_*", then="reject", reason="no changes today"),
        rule(tool="add_item", then="approve"),
        rule(then="ask"),
    )
    assert p.decide(CHEAP) == PolicyDecision("reject", "#1 add_* -> reject", "no changes today", "t")
    assert p.decide(READ).rule == "#3 * -> ask"


def test_glob_is_case_sensitive_and_whole_name() -> None:
    p = policy(rule(tool="add_*", then="ask"), rule(tool="*_item", then="reject"), default="approve")
    assert p.decide(CHEAP).outcome == "ask"
    assert p.decide(CallFacts("remove_item", "WRITE")).outcome == "reject"
    assert p.decide(CallFacts("Add_note", "WRITE")).outcome == "approve"
    assert p.decide(CallFacts("readd_note", "WRITE")).outcome == "approve"


def test_kind_and_condition_must_both_hold() -> None:
    p = policy(rule(kind="WRITE", when="amount > 500", then="ask"), default="approve")
    assert p.decide(EXPENSIVE).outcome == "ask"
    assert p.decide(CHEAP).outcome == "approve"
    assert p.decide(CallFacts("list_items", "READ", amount=900.0)).outcome == "approve"
    assert p.decide(CallFacts("add_note", "WRITE")).outcome == "approve"  # unknown amount


def test_condition_sees_every_fact() -> None:
    p = policy(
        rule(when="budget_remaining - amount < 100 and budget == 2000 and calls == 0", then="ask"),
        rule(when='tool == "list_items" and kind == "READ" and calls == 1', then="approve"),
    )
    assert p.decide(EXPENSIVE).outcome == "ask"
    assert p.decide(READ).outcome == "approve"


def test_default_when_nothing_matches() -> None:
    p = policy(rule(tool="add_*", then="approve"))
    assert p.decide(READ) == PolicyDecision(
        "reject",
        "default -> reject",
        "no rule of policy 't' covers this call, and by default it refuses it",
        "t",
    )


def test_rule_rendering_and_generated_reason() -> None:
    p = policy(rule(tool="add_*", kind="WRITE", when="amount > 500", then="ask"), rule(then="approve"))
    decision = p.decide(EXPENSIVE)
    assert decision.rule == "#1 add_* [WRITE] when amount > 500 -> ask"
    assert (
        decision.reason
        == "a call that makes a change of a tool named add_*, when amount > 500, needs your approval"
    )
    assert (
        p.describe()
        == "t\n  #1 add_* [WRITE] when amount > 500 -> ask\n  #2 * -> approve\n  default -> reject"
    )


def test_a_role_rule_matches_interaction_tools_of_that_role_whatever_their_name() -> None:
    p = policy(rule(role="question", then="approve"), rule(role="proposal", then="ask"), default="reject")
    assert p.decide(QUESTION) == PolicyDecision(
        "approve", "#1 * (question) -> approve", "a question to the user goes ahead without asking", "t"
    )
    assert (
        p.decide(CallFacts("propose_itinerary", "INTERACT", role="proposal")).rule == "#2 * (proposal) -> ask"
    )
    assert p.decide(CallFacts("ask_user", "INTERACT")).outcome == "reject"  # a name alone is no role
    assert p.decide(CHEAP).outcome == "reject"


def test_unnamed_spec_is_custom_and_round_trips() -> None:
    spec = PolicySpec(
        rules=[rule(tool="add_*", role="proposal", when="amount > 5", then="ask")], default="approve"
    )
    p = load_policy(spec)
    assert p.name == "custom"
    assert Policy.from_spec(p.to_spec()).rules == p.rules
    assert load_policy(p) is p


def test_call_facts_variables() -> None:
    assert EXPENSIVE.variables() == {
        "tool": "add_note",
        "kind": "WRITE",
        "amount": 1800.0,
        "budget": 2000.0,
        "budget_remaining": 1880.0,
        "confidence": 0.9,
        "calls": 0,
    }


# -- presets -------------------------------------------------------------------------------------

CALLS = {
    "read": READ,
    "cheap write": CHEAP,
    "expensive write": EXPENSIVE,
    "unsure proposal": UNSURE_PROPOSAL,
    "silent proposal": SILENT_PROPOSAL,
    "sure proposal": SURE_PROPOSAL,
    "ask_user": QUESTION,
}
EXPECTED = {
    # preset:          read       cheap      expensive  unsure     silent     sure       ask_user
    "never-ask":       ["approve", "approve", "approve", "approve", "approve", "approve", "approve"],
    "ask-above-500":   ["approve", "approve", "ask",     "ask",     "approve", "approve", "approve"],
    "ask-when-unsure": ["approve", "approve", "approve", "ask",     "ask",     "approve", "approve"],
    "ask-on-write":    ["approve", "ask",     "ask",     "ask",     "ask",     "ask",     "approve"],
    "always-ask":      ["ask",     "ask",     "ask",     "ask",     "ask",     "ask",     "approve"],
}  # fmt: skip


@pytest.mark.parametrize("name", list(EXPECTED))
def test_preset_decisions(name: str) -> None:
    p = load_policy(name)
    assert p.name == name
    assert [p.decide(c).outcome for c in CALLS.values()] == EXPECTED[name]


def test_preset_rules_are_readable() -> None:
    assert load_policy("ask-above-500").decide(EXPENSIVE) == PolicyDecision(
        "ask",
        "#2 * [WRITE] when amount > 500 -> ask",
        "this costs more than $500, which needs your approval",
        "ask-above-500",
    )
    assert load_policy("ask-when-unsure").decide(SILENT_PROPOSAL).rule == (
        "#3 * (proposal) when confidence is None or confidence < 0.7 -> ask"
    )
    assert load_policy("ask-on-write").decide(QUESTION).rule == "#1 * (question) -> approve"
    assert load_policy("never-ask").decide(EXPENSIVE).rule == "default -> approve"
    assert load_policy("always-ask").decide(READ).reason == "this policy asks before every call"


def test_ask_above_threshold_is_a_parameter() -> None:
    mid = CallFacts("add_item", "WRITE", amount=600.0)
    assert load_policy("ask-above-250").decide(mid).outcome == "ask"
    assert load_policy("ask-above-1000").decide(mid).outcome == "approve"
    assert load_policy("ask-above-600").decide(mid).outcome == "approve"  # strictly above
    assert load_policy("ask-above-599.99").decide(mid).outcome == "ask"
    assert (
        load_policy("ask-above-1000")
        .decide(CallFacts("propose_changes", "INTERACT", amount=1200, role="proposal"))
        .outcome
        == "ask"
    )


def test_ask_above_name_and_description() -> None:
    p = load_policy("ask-above-0250")
    assert p.name == "ask-above-250"
    assert p.description.startswith("ask before a WRITE call or a proposal costing more than $250;")
    assert load_policy("ask-above-99.5").name == "ask-above-99.5"


@pytest.mark.parametrize(
    "name", ["ask-above-", "ask-above-abc", "ask-above-1,000", "ask-above--5", "ask-above-<amount>"]
)
def test_ask_above_needs_an_amount(name: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_policy(name)
    assert str(info.value) == (
        f"policy {name!r}: put an amount in dollars after 'ask-above-' (at most two decimals), e.g. 'ask-above-500'"
    )


def test_default_policy_is_ask_on_write() -> None:
    assert DEFAULT_POLICY == "ask-on-write"
    assert load_policy(None) == load_policy("ask-on-write")


def test_list_policies() -> None:
    listed = list_policies()
    assert (
        [name for name, _ in listed]
        == list(PRESETS)
        == [
            "never-ask",
            "ask-above-<amount>",
            "ask-when-unsure",
            "ask-on-write",
            "always-ask",
        ]
    )
    assert all(description.startswith(("approve", "ask")) for _, description in listed)
    assert dict(listed)["ask-on-write"].endswith("The default policy.")


def test_presets_ship_as_package_data() -> None:
    folder = resources.files("sandbox.control").joinpath("policies")
    files = sorted(f.name for f in folder.iterdir() if f.name.endswith(".yaml"))
    assert files == [
        "always-ask.yaml",
        "ask-above-amount.yaml",
        "ask-on-write.yaml",
        "ask-when-unsure.yaml",
        "never-ask.yaml",
    ]
    for f in folder.iterdir():
        if f.name.endswith(".yaml"):
            text = f.read_text(encoding="utf-8")
            name = yaml.safe_load(text)["name"]
            assert text.startswith(f"# {name}: "), f.name  # the header that list_policies reads


@given(
    tool=st.text(max_size=30),
    kind=st.sampled_from(["READ", "WRITE", "INTERACT"]),
    amount=st.none() | st.floats(allow_nan=True),
    budget=st.none() | st.floats(allow_nan=True),
    remaining=st.none() | st.floats(allow_nan=True),
    confidence=st.none() | st.floats(allow_nan=True),
    calls=st.integers(0, 10**6),
)
def test_never_ask_always_approves_and_a_question_is_never_stopped(
    tool: str,
    kind: ToolKind,
    amount: float | None,
    budget: float | None,
    remaining: float | None,
    confidence: float | None,
    calls: int,
) -> None:
    facts = CallFacts(tool, kind, amount, budget, remaining, confidence, calls)
    assert load_policy("never-ask").decide(facts).outcome == "approve"
    question = CallFacts(tool, "INTERACT", amount, budget, remaining, confidence, calls, role="question")
    for name in ["ask-above-500", "ask-when-unsure", "ask-on-write", "always-ask"]:
        assert load_policy(name).decide(facts).outcome in ("approve", "ask")
        assert load_policy(name).decide(question).outcome == "approve"


# -- loading -------------------------------------------------------------------------------------

CUSTOM = """\
name: careful
rules:
  - {role: question, then: approve}
  - {tool: "add_*", when: "amount > 500 or confidence < 0.7", then: ask}
  - {kind: READ, then: approve}
"""


def test_load_from_file_relative_to_base_dir(tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "careful.yaml").write_text(CUSTOM)
    p = load_policy("policies/careful.yaml", base_dir=tmp_path)
    assert p.name == "careful"
    assert p.decide(EXPENSIVE).rule == "#2 add_* when amount > 500 or confidence < 0.7 -> ask"
    assert p.decide(CHEAP).outcome == "reject"  # default: reject when nothing matches
    assert p.decide(READ).outcome == "approve"
    assert load_policy(tmp_path / "policies" / "careful.yaml") == p


def test_load_from_file_relative_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "careful.yml").write_text(CUSTOM)
    monkeypatch.chdir(tmp_path)
    assert load_policy("careful.yml").name == "careful"
    (tmp_path / "unnamed.yaml").write_text("rules: []\ndefault: approve\n")
    assert load_policy("unnamed.yaml").name == "unnamed"


def test_load_inline_spec() -> None:
    spec = PolicySpec.model_validate(yaml.safe_load(CUSTOM))
    assert load_policy(spec).decide(UNSURE_PROPOSAL).outcome == "reject"


def test_unknown_preset_suggests_the_closest() -> None:
    with pytest.raises(UnknownNameError) as info:
        load_policy("ask-on-wirte")
    assert info.value.kind == "policy"
    assert "Unknown policy 'ask-on-wirte'. Did you mean 'ask-on-write'" in str(info.value)
    assert "ask-above-<amount>" in info.value.known
    with pytest.raises(UnknownNameError, match="Did you mean 'never-ask'"):
        load_policy("never")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_policy("nope.yaml", base_dir=tmp_path)
    assert str(info.value) == f"policy file 'nope.yaml' not found (looked for {tmp_path / 'nope.yaml'})"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            "rules: [\n  {tool: a, then: ask\n",
            "{file}:3: not valid YAML: expected ',' or '}}', but got '<stream end>'",
        ),
        ("", "{file}: a policy must be a mapping with 'rules' (and 'name', 'default'); got an empty file"),
        ("- a\n- b\n", "{file}: a policy must be a mapping with 'rules' (and 'name', 'default'); got a list"),
        ("name: x\n", "{file}: rules: required field missing"),
        (
            "rules:\n  - {tool: a, then: aks}\n",
            "{file}: rules.0.then: Input should be 'approve', 'ask' or 'reject' (got 'aks')",
        ),
        (
            "rules:\n  - {tool: a, then: ask, if: x}\n",
            "{file}: rules.0.if: unknown field (a policy has name, rules, default; a rule has tool, kind, role, when, then, reason)",
        ),
        (
            "rules:\n  - {then: ask}\n  - {when: amout > 5, then: ask}\n",
            "{file}: rules.1.when: invalid condition 'amout > 5': unknown variable 'amout'. Did you mean 'amount'? "
            "Variables: amount, budget, budget_remaining, calls, confidence, kind, tool.",
        ),
    ],
)
def test_malformed_file_names_file_and_field(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError) as info:
        load_policy("bad.yaml", base_dir=tmp_path)
    assert str(info.value) == problem.format(file=path)


def test_bad_inline_condition_names_the_rule() -> None:
    spec = PolicySpec(rules=[rule(then="ask"), rule(when="args.amount > 5", then="ask")])
    with pytest.raises(
        ConfigError, match=r"^inline policy: rules\.1\.when: invalid condition 'args\.amount > 5': attribute"
    ):
        load_policy(spec)
    named = PolicySpec(name="mine", rules=[rule(when="amount", then="ask")])
    with pytest.raises(
        ConfigError, match=r"^policy 'mine': rules\.0\.when: invalid condition 'amount': it must be"
    ):
        load_policy(named)


@pytest.mark.parametrize("name", [p.replace("<amount>", "500") for p in PRESETS])
def test_presets_name_kinds_and_roles_never_a_tool(name: str) -> None:
    """So a preset means the same in every world."""
    assert [r.tool for r in load_policy(name).rules] == ["*"] * len(load_policy(name).rules)
