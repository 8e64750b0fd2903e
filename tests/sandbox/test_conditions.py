"""The safe condition language of override-policy rules (sandbox/control/_conditions.py)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandbox.control import Condition
from sandbox.control._conditions import MAX_DEPTH, MAX_LENGTH, Variable
from sandbox.errors import ConfigError

FACTS: dict[str, Any] = {
    "tool": "add_item",
    "kind": "WRITE",
    "amount": 600.0,
    "budget": 2000.0,
    "budget_remaining": 650.0,
    "confidence": 0.9,
    "calls": 4,
}
UNKNOWN = {**FACTS, "amount": None, "budget": None, "budget_remaining": None, "confidence": None}


def holds(text: str, **overrides: Any) -> bool:
    return Condition.parse(text).evaluate({**FACTS, **overrides})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("amount > 500 or confidence < 0.7", True),
        ("amount > 700 or confidence < 0.7", False),
        ('kind == "WRITE" and budget_remaining - amount < 100', True),
        ('kind == "READ" and budget_remaining - amount < 100', False),
        ('tool in ("add_item", "add_note")', True),
        ('tool in ["add_note"]', False),
        ('tool not in ("add_note",)', True),
        ('"add" in tool', True),
        ('"cancel" not in tool', True),
        ("100 < amount <= 600", True),
        ("100 < amount < 600", False),
        ("amount / budget > 0.25", True),
        ("amount * 2 >= budget - 800", True),
        ("-amount < -500", True),
        ("+calls == 4", True),
        ("calls >= 4 and not calls > 4", True),
        ("confidence is not None", True),
        ("confidence is None", False),
        ('(amount > 1000 or calls > 3) and kind != "READ"', True),
        ("True", True),
        ("False or amount == 600", True),
        ("amount == 600 == 600.0", True),
        ('tool < "c"', True),
    ],
)
def test_evaluates_like_python_on_known_values(text: str, expected: bool) -> None:
    assert holds(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("confidence < 0.7", False),  # no stated confidence never counts as "below"
        ("confidence >= 0.7", False),
        ("confidence is None", True),
        ("confidence is None or confidence < 0.7", True),
        ("not (confidence >= 0.7)", True),  # the documented trap: negation flips the False
        ("amount > 500", False),
        ("amount <= 500", False),
        ("budget_remaining - amount < 100", False),  # arithmetic with None is None
        ("-amount < 0", False),
        ("amount == None", True),
        ("amount != None", False),
        ("amount in (None, 5)", True),
        ("100 < amount < 1000", False),
        ("calls > 3 and amount is None", True),
    ],
)
def test_unknown_values_make_orderings_false(text: str, expected: bool) -> None:
    assert Condition.parse(text).evaluate(UNKNOWN) is expected


def test_division_by_zero_is_unknown() -> None:
    assert holds("amount / budget > 0", budget=0) is False
    assert holds("amount / budget <= 0", budget=0) is False
    assert holds("amount / 0 > 1") is False


def test_missing_variable_counts_as_none() -> None:
    cond = Condition.parse("confidence is None and amount > 5")
    assert cond.evaluate({"amount": 10}) is True
    assert cond.evaluate({}) is False


def test_nan_and_infinity_do_not_crash() -> None:
    assert holds("amount > 500", amount=math.inf) is True
    assert holds("budget_remaining - amount < 0", amount=math.inf, budget_remaining=math.inf) is False
    assert holds("amount > 0 or amount <= 0", amount=math.nan) is False


def test_parse_once_keeps_text_and_names() -> None:
    cond = Condition.parse("  amount > 500 or confidence < 0.7 ")
    assert cond.text == "amount > 500 or confidence < 0.7"
    assert str(cond) == cond.text
    assert cond.names == frozenset({"amount", "confidence"})
    assert cond == Condition.parse("amount > 500 or confidence < 0.7")
    assert [cond.evaluate({**FACTS, "amount": a}) for a in (100, 501)] == [False, True]


def test_custom_variables() -> None:
    cond = Condition.parse("nth >= 2", variables=(Variable("nth", "number"),))
    assert cond.evaluate({"nth": 3}) is True
    with pytest.raises(ConfigError, match="unknown variable 'amount'. Variables: nth."):
        Condition.parse("amount > 2", variables=(Variable("nth", "number"),))


ALLOWED = (
    "Conditions may use the variables amount, budget, budget_remaining, calls, confidence, kind, tool; "
    "numbers, strings, None, True, False; + - * /; < <= > >= == != in, not in, is None, is not None; "
    "and, or, not."
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("args.amount > 5", f"attribute access is not allowed (`args.amount`). {ALLOWED}"),
        ("tool.startswith('add')", f"a function call is not allowed (`tool.startswith('add')`). {ALLOWED}"),
        ("len(tool) > 3", f"a function call is not allowed (`len(tool)`). {ALLOWED}"),
        ('args["amount"] > 1', f'a subscript is not allowed (`args["amount"]`). {ALLOWED}'),
        ("(lambda: True)", f"a lambda is not allowed (`lambda: True`). {ALLOWED}"),
        ("[c for c in tool]", f"a comprehension is not allowed (`[c for c in tool]`). {ALLOWED}"),
        ("any(c for c in tool)", f"a function call is not allowed (`any(c for c in tool)`). {ALLOWED}"),
        (
            "__import__('os').system('x')",
            f"a function call is not allowed (`__import__('os').system('x')`). {ALLOWED}",
        ),
        ("().__class__", f"attribute access is not allowed (`().__class__`). {ALLOWED}"),
        (
            "__builtins__ is None",
            "unknown variable '__builtins__'. Variables: amount, budget, budget_remaining, calls, confidence, kind, tool.",
        ),
        (
            "amount > 5 if calls else False",
            f"an if/else expression is not allowed (`amount > 5 if calls else False`). {ALLOWED}",
        ),
        ("{'a': 1} == {}", f"a dict is not allowed (`{{'a': 1}}`). {ALLOWED}"),
        ('f"{tool}" == "x"', f'an f-string is not allowed (`f"{{tool}}"`). {ALLOWED}'),
        ("amount ** 2 > 10", f"the operator `**` is not allowed (`amount ** 2`). {ALLOWED}"),
        ("calls % 2 == 0", f"the operator `%` is not allowed (`calls % 2`). {ALLOWED}"),
        ("~calls < 0", f"the operator `~` is not allowed (`~calls`). {ALLOWED}"),
        ("b'x' == tool", f"the constant `b'x'` is not allowed. {ALLOWED}"),
        (
            "amout > 500",
            "unknown variable 'amout'. Did you mean 'amount'? "
            "Variables: amount, budget, budget_remaining, calls, confidence, kind, tool.",
        ),
        ("amount > '500'", "cannot order a number against text (`amount > '500'`)"),
        ("tool == 5", "compares text with a number, which is never equal (`tool == 5`)"),
        ('kind == "write"', "kind is never 'write'; it is one of 'READ', 'WRITE', 'INTERACT'"),
        (
            'kind in ("WRITE", "Interact")',
            "kind is never 'Interact'; it is one of 'READ', 'WRITE', 'INTERACT'",
        ),
        (
            "amount is 5",
            "`is` only tests for None, e.g. `confidence is None`; use == for values (`amount is 5`)",
        ),
        ("confidence < None", "None cannot be ordered; use `is None` or `is not None` (`confidence < None`)"),
        ("True < False", "cannot order true/false against true/false (`True < False`)"),
        ("tool in (1, 2)", "`1` is a number but `tool` is text (`tool in (1, 2)`)"),
        (
            "amount in (calls, 1)",
            "the tuple after `in` may hold only constants, not `calls` (`amount in (calls, 1)`)",
        ),
        ("amount in tool", "`in` needs a tuple of constants, or text on both sides (`amount in tool`)"),
        ('tool + "x" == "y"', 'arithmetic needs numbers, but `tool` is text (in `tool + "x"`)'),
        ("-tool == 1", "arithmetic needs numbers, but `tool` is text (in `-tool`)"),
        ("amount", "it must be true or false, but `amount` is a number"),
        ("budget - amount", "it must be true or false, but `budget - amount` is a number"),
        ("tool", "it must be true or false, but `tool` is text"),
        ("not amount", "`not` needs true/false operands, but `amount` is a number"),
        ("amount and True", "`and` needs true/false operands, but `amount` is a number"),
        ("(1, 2)", "a tuple or list is only allowed after `in` (`(1, 2)`)"),
        ("amount > 5,", "a tuple or list is only allowed after `in` (`amount > 5,`)"),
        ("amount >", "not a valid expression (invalid syntax)"),
        ("amount = 5", "not a valid expression (invalid syntax)"),
        ("(amount > 5", "not a valid expression ('(' was never closed)"),
        ("tool == '\\d'", "not a valid expression (invalid escape sequence '\\d')"),
        ("   ", "the condition is empty"),
    ],
)
def test_rejects_with_exact_message(text: str, problem: str) -> None:
    with pytest.raises(ConfigError) as info:
        Condition.parse(text)
    assert str(info.value) == f"invalid condition {text.strip()!r}: {problem}"


def test_rejects_overlong_and_deeply_nested() -> None:
    long = "amount > 1 or " * 40 + "True"
    with pytest.raises(ConfigError) as info:
        Condition.parse(long)
    assert str(info.value).endswith(
        f"it is {len(long.strip())} characters long; at most {MAX_LENGTH} are allowed"
    )
    deep = "not " * (MAX_DEPTH + 1) + "True"
    with pytest.raises(ConfigError, match=f"it is nested more than {MAX_DEPTH} levels deep"):
        Condition.parse(deep)


# -- property: well-formed conditions never raise ------------------------------------------------

OPTIONAL_NUMBERS = ["amount", "budget", "budget_remaining", "confidence"]
numbers = st.one_of(
    st.sampled_from([*OPTIONAL_NUMBERS, "calls"]),
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
)
number_exprs = st.recursive(
    numbers,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        inner.map(lambda e: f"-({e})"),
    ),
    max_leaves=6,
)
atoms = st.one_of(
    st.tuples(number_exprs, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), number_exprs).map(" ".join),
    st.tuples(st.sampled_from(OPTIONAL_NUMBERS), st.sampled_from(["is", "is not"])).map(
        lambda t: f"{t[0]} {t[1]} None"
    ),
    st.sampled_from(["READ", "WRITE", "INTERACT"]).map(lambda k: f'kind == "{k}"'),
    st.lists(st.sampled_from(["add_item", "ask_user", "list_items"]), max_size=3).map(
        lambda names: f"tool in ({''.join(repr(n) + ', ' for n in names)})"
    ),
    st.sampled_from(['"add" in tool', "True", "False", "amount in (None, 100, 2.5)"]),
)
conditions = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda c: f"not ({c})"),
    ),
    max_leaves=6,
)
maybe = st.none() | st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**9), 10**9)
facts = st.fixed_dictionaries(
    {
        "tool": st.text(max_size=20),
        "kind": st.sampled_from(["READ", "WRITE", "INTERACT"]),
        "amount": maybe,
        "budget": maybe,
        "budget_remaining": maybe,
        "confidence": maybe,
        "calls": st.integers(0, 10**6),
    }
)


@settings(max_examples=300, deadline=None)
@given(text=conditions.filter(lambda t: len(t) <= MAX_LENGTH), values=facts)
def test_well_formed_conditions_never_raise(text: str, values: dict[str, Any]) -> None:
    result = Condition.parse(text).evaluate(values)
    assert isinstance(result, bool)
