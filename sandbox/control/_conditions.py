"""Safe conditions for override-policy rules: ``amount > 500 or confidence < 0.7``.

A condition is a small Python expression, parsed once with :mod:`ast` and checked against a
whitelist; it is never passed to ``eval`` or ``exec``. What a condition may contain:

=====================  ===========================================================================
construct              examples
=====================  ===========================================================================
variables              ``amount``, ``budget``, ``budget_remaining``, ``calls``, ``confidence``,
                       ``kind``, ``tool`` (see ``POLICY_VARIABLES``)
constants              ``500``, ``0.7``, ``"add_item"``, ``None``, ``True``, ``False``
arithmetic             ``+ - * /`` and unary ``-`` on numbers: ``budget_remaining - amount``
comparisons            ``< <= > >= == !=`` (chains too: ``100 < amount <= 500``)
membership             ``tool in ("add_item", "remove_item")``, ``"item" in tool``
None tests             ``confidence is None``, ``amount is not None``
logic                  ``and``, ``or``, ``not``, parentheses
=====================  ===========================================================================

Anything else — attribute access, calls, subscripts, lambdas, comprehensions, ``**``, ``if``/``else``
expressions — is rejected at parse time with a ``ConfigError`` that names the condition and the
offending piece. So are unknown variables (with a "did you mean"), comparisons that can never be
true because the types differ (``amount > "500"``), kinds that do not exist (``kind == "write"``),
and expressions that are not true/false (``amount + 1``).

**Unknown values.** ``amount``, ``budget``, ``budget_remaining`` and ``confidence`` may be ``None``
(the call has no price, the scenario no budget, the agent stated no confidence). Evaluation never
crashes on them:

- arithmetic with ``None`` gives ``None``, and so does division by zero;
- an ordering comparison (``< <= > >=``) with ``None`` on either side is **False**, so
  ``confidence < 0.7`` is False when no confidence was stated; test ``confidence is None``
  explicitly when "unknown" should count as unsure;
- ``==``, ``!=``, ``is``, ``in`` behave as in Python (``None == None`` is True).

Beware that ``not (confidence >= 0.7)`` is therefore True for an unknown confidence, while
``confidence < 0.7`` is False.
"""

from __future__ import annotations

import ast
import difflib
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sandbox.errors import ConfigError

MAX_LENGTH = 500
MAX_DEPTH = 40

Type = frozenset[str]  # a subset of {"number", "text", "bool", "none"}
NUMBER: Type = frozenset({"number"})
TEXT: Type = frozenset({"text"})
BOOL: Type = frozenset({"bool"})
NONE: Type = frozenset({"none"})


@dataclass(frozen=True)
class Variable:
    """A variable a condition may use: its type, whether it may be None, and its allowed values."""

    name: str
    type: Literal["number", "text"]
    optional: bool = False
    choices: tuple[str, ...] | None = None
    description: str = ""

    @property
    def types(self) -> Type:
        return frozenset({self.type, "none"} if self.optional else {self.type})


#: The variables of an override-policy condition (the fields of ``sandbox.control.CallFacts``).
POLICY_VARIABLES: tuple[Variable, ...] = (
    Variable("tool", "text", description="the tool's name, e.g. 'add_item'"),
    Variable("kind", "text", choices=("READ", "WRITE", "INTERACT"), description="the tool's kind"),
    Variable("amount", "number", optional=True, description="the call's cost in dollars"),
    Variable("budget", "number", optional=True, description="the run's total budget in dollars"),
    Variable("budget_remaining", "number", optional=True, description="budget minus what is already spent"),
    Variable("confidence", "number", optional=True, description="the agent's stated confidence, 0..1"),
    Variable("calls", "number", description="tool calls made so far in this run"),
)

_ORDER_OPS: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}
_ARITH_OPS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_OPERATOR_SYMBOLS: dict[type[ast.operator], str] = {
    ast.Pow: "**",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: "^",
}
_CONSTRUCTS: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access",
    ast.Call: "a function call",
    ast.Subscript: "a subscript",
    ast.Slice: "a slice",
    ast.Lambda: "a lambda",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension",
    ast.IfExp: "an if/else expression",
    ast.NamedExpr: "an assignment expression",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.JoinedStr: "an f-string",
    ast.Starred: "unpacking",
    ast.Await: "await",
}


def _type_name(t: Type) -> str:
    known = sorted(t - NONE)
    names = {"number": "a number", "text": "text", "bool": "true/false"}
    return " or ".join(names[k] for k in known) if known else "None"


@dataclass(frozen=True)
class Condition:
    """A parsed, checked condition. Build with ``Condition.parse(text)``; call ``evaluate``."""

    text: str
    names: frozenset[str]
    _tree: ast.expr = field(repr=False, compare=False)

    @classmethod
    def parse(cls, text: str, variables: tuple[Variable, ...] = POLICY_VARIABLES) -> Condition:
        """Parse and check ``text``; raise ``ConfigError`` naming the problem if it is not allowed."""
        checker = _Checker(text, {v.name: v for v in variables})
        tree = checker.parse()
        return cls(text=checker.text, names=frozenset(checker.used), _tree=tree)

    def evaluate(self, variables: Mapping[str, Any]) -> bool:
        """True or False for these values. A variable missing from ``variables`` counts as None."""
        return bool(_eval(self._tree, variables))

    def __str__(self) -> str:
        return self.text


class _Checker:
    """Whitelist and type check of a parsed expression; raises ConfigError on the first problem."""

    def __init__(self, text: str, variables: Mapping[str, Variable]):
        self.text, self.variables, self.used = text.strip(), variables, set[str]()

    def fail(self, problem: str) -> ConfigError:
        return ConfigError(f"invalid condition {self.text!r}: {problem}")

    def segment(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or type(node).__name__

    def allowed(self) -> str:
        names = ", ".join(sorted(self.variables))
        return (
            f"Conditions may use the variables {names}; numbers, strings, None, True, False; "
            "+ - * /; < <= > >= == != in, not in, is None, is not None; and, or, not."
        )

    def parse(self) -> ast.expr:
        if not self.text:
            raise self.fail("the condition is empty")
        if len(self.text) > MAX_LENGTH:
            raise self.fail(f"it is {len(self.text)} characters long; at most {MAX_LENGTH} are allowed")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # an invalid escape sequence is an error, not a warning
                tree = ast.parse(self.text, mode="eval").body
        except SyntaxError as exc:
            raise self.fail(f"not a valid expression ({exc.msg})") from None
        except (ValueError, RecursionError, MemoryError, Warning) as exc:
            raise self.fail(f"not a valid expression ({exc})") from None
        t = self.check(tree, 0)
        if t != BOOL:
            raise self.fail(f"it must be true or false, but `{self.text}` is {_type_name(t)}")
        return tree

    def check(self, node: ast.expr, depth: int) -> Type:
        if depth > MAX_DEPTH:
            raise self.fail(f"it is nested more than {MAX_DEPTH} levels deep")
        depth += 1
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BoolOp):
            for value in node.values:
                self.expect_bool(value, depth, "and" if isinstance(node.op, ast.And) else "or")
            return BOOL
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                self.expect_bool(node.operand, depth, "not")
                return BOOL
            if isinstance(node.op, ast.USub | ast.UAdd):
                return self.expect_number(node.operand, depth, node)
            raise self.fail(f"the operator `~` is not allowed (`{self.segment(node)}`). {self.allowed()}")
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _ARITH_OPS:
                symbol = _OPERATOR_SYMBOLS.get(type(node.op), type(node.op).__name__)
                raise self.fail(
                    f"the operator `{symbol}` is not allowed (`{self.segment(node)}`). {self.allowed()}"
                )
            left = self.expect_number(node.left, depth, node)
            right = self.expect_number(node.right, depth, node)
            maybe_none = "none" in left | right or isinstance(node.op, ast.Div)
            return NUMBER | NONE if maybe_none else NUMBER
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for i, op in enumerate(node.ops):
                self.compare(operands[i], op, operands[i + 1], depth, node)
            return BOOL
        if isinstance(node, ast.Tuple | ast.List):
            raise self.fail(f"a tuple or list is only allowed after `in` (`{self.segment(node)}`)")
        what = _CONSTRUCTS.get(type(node), f"a {type(node).__name__} expression")
        raise self.fail(f"{what} is not allowed (`{self.segment(node)}`). {self.allowed()}")

    def constant(self, node: ast.Constant) -> Type:
        value = node.value
        if value is None:
            return NONE
        if isinstance(value, bool):
            return BOOL
        if isinstance(value, int | float):
            return NUMBER
        if isinstance(value, str):
            return TEXT
        raise self.fail(f"the constant `{self.segment(node)}` is not allowed. {self.allowed()}")

    def name(self, node: ast.Name) -> Type:
        var = self.variables.get(node.id)
        if var is None:
            close = difflib.get_close_matches(node.id, list(self.variables), n=1, cutoff=0.6)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            names = ", ".join(sorted(self.variables))
            raise self.fail(f"unknown variable {node.id!r}.{hint} Variables: {names}.")
        self.used.add(node.id)
        return var.types

    def expect_bool(self, node: ast.expr, depth: int, op: str) -> None:
        t = self.check(node, depth)
        if t != BOOL:
            raise self.fail(
                f"`{op}` needs true/false operands, but `{self.segment(node)}` is {_type_name(t)}"
            )

    def expect_number(self, node: ast.expr, depth: int, parent: ast.expr) -> Type:
        t = self.check(node, depth)
        if "number" not in t or not t <= NUMBER | NONE:
            raise self.fail(
                f"arithmetic needs numbers, but `{self.segment(node)}` is {_type_name(t)} "
                f"(in `{self.segment(parent)}`)"
            )
        return t

    def compare(self, left: ast.expr, op: ast.cmpop, right: ast.expr, depth: int, node: ast.expr) -> None:
        where = f"`{self.segment(node)}`"
        if isinstance(op, ast.Is | ast.IsNot):
            if not (_is_none(left) or _is_none(right)):
                raise self.fail(
                    f"`is` only tests for None, e.g. `confidence is None`; use == for values ({where})"
                )
            self.check(left, depth)
            self.check(right, depth)
            return
        if isinstance(op, ast.In | ast.NotIn):
            self.membership(left, right, depth, where)
            return
        lt, rt = self.check(left, depth), self.check(right, depth)
        if type(op) in _ORDER_OPS:
            if lt == NONE or rt == NONE:
                raise self.fail(f"None cannot be ordered; use `is None` or `is not None` ({where})")
            if lt - NONE != rt - NONE or not (lt - NONE) <= NUMBER | TEXT or len(lt - NONE) != 1:
                raise self.fail(f"cannot order {_type_name(lt)} against {_type_name(rt)} ({where})")
            return
        # == and !=
        if lt - NONE and rt - NONE and not (lt - NONE) & (rt - NONE):
            raise self.fail(
                f"compares {_type_name(lt)} with {_type_name(rt)}, which is never equal ({where})"
            )
        self.check_choice(left, [right])
        self.check_choice(right, [left])

    def membership(self, left: ast.expr, right: ast.expr, depth: int, where: str) -> None:
        lt = self.check(left, depth)
        if isinstance(right, ast.Tuple | ast.List):
            for element in right.elts:
                if not isinstance(element, ast.Constant):
                    raise self.fail(
                        f"the tuple after `in` may hold only constants, not `{self.segment(element)}` ({where})"
                    )
                et = self.constant(element)
                if lt - NONE and et - NONE and not (lt - NONE) & (et - NONE):
                    raise self.fail(
                        f"`{self.segment(element)}` is {_type_name(et)} but "
                        f"`{self.segment(left)}` is {_type_name(lt)} ({where})"
                    )
            self.check_choice(left, list(right.elts))
            return
        rt = self.check(right, depth)
        if rt - NONE != TEXT or lt - NONE != TEXT:
            raise self.fail(f"`in` needs a tuple of constants, or text on both sides ({where})")

    def check_choice(self, node: ast.expr, others: list[ast.expr]) -> None:
        var = self.variables.get(node.id) if isinstance(node, ast.Name) else None
        if var is None or var.choices is None:
            return
        for other in others:
            if isinstance(other, ast.Constant) and isinstance(other.value, str):
                if other.value not in var.choices:
                    choices = ", ".join(repr(c) for c in var.choices)
                    raise self.fail(f"{var.name} is never {other.value!r}; it is one of {choices}")


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _eval(node: ast.expr, env: Mapping[str, Any]) -> Any:
    """Evaluate a checked tree. Unknown values (None) follow the rules in the module docstring."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return env.get(node.id)
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_eval(v, env) for v in node.values)
        return any(_eval(v, env) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, env)
        if isinstance(node.op, ast.Not):
            return not value
        if value is None:
            return None
        return -value if isinstance(node.op, ast.USub) else +value
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, env), _eval(node.right, env)
        if left is None or right is None:
            return None
        try:
            return _ARITH_OPS[type(node.op)](left, right)
        except (ZeroDivisionError, OverflowError):
            return None
    if isinstance(node, ast.Tuple | ast.List):  # only after `in`, only constants (checked)
        return tuple(_eval(e, env) for e in node.elts)
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _eval(comparator, env)
            if not _compare(op, left, right):
                return False
            left = right
        return True
    raise AssertionError(f"unchecked node {type(node).__name__}")  # pragma: no cover


def _compare(op: ast.cmpop, left: Any, right: Any) -> bool:
    if isinstance(op, ast.Is):
        return left is right
    if isinstance(op, ast.IsNot):
        return left is not right
    if isinstance(op, ast.Eq):
        return bool(left == right)
    if isinstance(op, ast.NotEq):
        return bool(left != right)
    if isinstance(op, ast.In | ast.NotIn):
        if isinstance(right, tuple):
            found = left in right
        else:
            found = left is not None and right is not None and left in right
        return found if isinstance(op, ast.In) else not found
    if left is None or right is None:
        return False
    return _ORDER_OPS[type(op)](left, right)
