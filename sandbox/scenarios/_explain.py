"""Pydantic validation errors, explained in plain words with the field path and line of the file.

``explain(exc, model, data, positions, file)`` turns a ``ValidationError`` into ``ScenarioIssue``s:

- paths are dotted data paths (``constraints.legs.0.date``); the labels pydantic adds for union members
  (a discriminator tag like ``min_stars``, or ``PolicySpec``) are dropped;
- for a plain union (``str | PolicySpec``) only the member that fits the shape of the value is reported
  (a mapping -> the model's own errors), or one message listing every accepted form;
- the line is the value's line, the key's line for an unknown field, and the parent mapping's line for a
  missing field.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sandbox._yaml import Path, Positions
from sandbox.errors import ScenarioIssue


def show(value: Any) -> str:
    """A value as the user wrote it in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return str(value)


def _members(tp: Any) -> list[Any]:
    """Union members of ``tp`` without None (a nullable type is not a union for error paths)."""
    if get_origin(tp) is typing.Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) in (Union, types.UnionType):
        return [m for m in get_args(tp) if m is not type(None)]
    return [tp]


def _literal_values(tp: Any) -> tuple[Any, ...] | None:
    members = _members(tp)
    if len(members) == 1 and get_origin(members[0]) is Literal:
        return get_args(members[0])
    return None


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _tags(member: Any) -> tuple[Any, ...]:
    if _is_model(member) and "kind" in member.model_fields:
        return _literal_values(member.model_fields["kind"].annotation) or ()
    return ()


def _is_discriminated(members: list[Any]) -> bool:
    return len(members) > 1 and all(_tags(m) for m in members)


def _label_matches(member: Any, label: str) -> bool:
    if _is_model(member):
        return bool(member.__name__ == label)
    if get_origin(member) is Literal:
        return label.startswith("literal[")
    origin = get_origin(member) or member
    return label == getattr(origin, "__name__", None) or label.startswith(
        f"{getattr(origin, '__name__', '')}["
    )


@dataclass
class _Union:
    path: tuple[str | int, ...]  # data path of the value the union validates
    tp: Any  # the union type
    member: Any  # the member this error came from


@dataclass
class _Resolved:
    data_path: tuple[str | int, ...]
    tp: Any  # the expected type at the end of the path (None when unknown, e.g. an unknown field)
    parent: Any  # the expected type of the container of the last segment
    union: _Union | None  # the innermost plain (non-discriminated) union on the way


def _resolve(model: type[BaseModel], loc: tuple[str | int, ...]) -> _Resolved:
    """Walk an error location through the types, dropping the labels pydantic adds for union members."""
    tp: Any = model
    parent: Any = None
    path: list[str | int] = []
    union: _Union | None = None
    for seg in loc:
        members = _members(tp)
        if len(members) > 1 and isinstance(seg, str):
            discriminated = _is_discriminated(members)
            match = [m for m in members if (seg in _tags(m) if discriminated else _label_matches(m, seg))]
            if match:
                if not discriminated:
                    union = _Union(tuple(path), tp, match[0])
                tp = match[0]
                continue
        if len(members) == 1:
            tp = members[0]
        if seg == "[key]":  # the error is about the key of the dict entry just entered
            args = get_args(parent)
            tp = args[0] if get_origin(parent) is dict and args else None
            continue
        parent = tp
        path.append(seg)
        args = get_args(tp)
        if _is_model(tp):
            fld = tp.model_fields.get(seg) if isinstance(seg, str) else None
            tp = fld.annotation if fld is not None else None
        elif get_origin(tp) in (list, tuple, set, frozenset) and args:
            tp = args[0]
        elif get_origin(tp) is dict and args:
            tp = args[1]
        else:
            tp = None
    return _Resolved(tuple(path), tp, parent, union)


def _describe(tp: Any) -> str:
    """What a type accepts, in words (for one member of a union)."""
    values = _literal_values(tp)
    if values is not None:
        return "one of " + ", ".join(show(v) for v in values)
    if _is_model(tp) or get_origin(tp) is dict or tp is dict:
        return "a mapping"
    if get_origin(tp) is list or tp is list:
        return "a list"
    words = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}
    return words.get(tp, getattr(tp, "__name__", str(tp)))


_PHRASES = {
    "date": "a date YYYY-MM-DD",
    "datetime": "a date-time with a time zone, like 2027-01-10T09:00:00-08:00",
    "time": "a time HH:MM",
    "timezone": "a date-time with a time zone, like 2027-01-10T09:00:00-08:00",
    "string": "a string",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list": "a list",
    "dict": "a mapping",
    "model": "a mapping",
}
_PATTERNS = {r"^[a-z0-9][a-z0-9-]*$": "lowercase letters, digits and dashes, like 'paris-weekend'"}
_BOUNDS = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<", "less_than_equal": "<="}


def _message(err: ErrorDetails, res: _Resolved) -> str:
    kind, ctx, got = err["type"], err.get("ctx", {}), show(err.get("input"))
    if kind == "missing":
        return f"missing required field {res.data_path[-1]!r}"
    if kind == "extra_forbidden":
        known = ", ".join(res.parent.model_fields) if _is_model(res.parent) else ""
        return f"unknown field {res.data_path[-1]!r}" + (f" (expected one of: {known})" if known else "")
    if kind == "invalid_key":
        return f"field names must be text, got {got}"
    if kind == "literal_error":
        values = _literal_values(res.tp)
        expected = ", ".join(show(v) for v in values) if values else str(ctx.get("expected"))
        return f"expected one of {expected}, got {got}"
    if kind == "union_tag_invalid":
        return f"expected one of {ctx['expected_tags']}, got {show(ctx['tag'])}"
    if kind == "union_tag_not_found":
        tags = ", ".join(show(t) for m in _members(res.tp) for t in _tags(m))
        return f"missing required field {res.data_path[-1]!r} (one of {tags})"
    if kind in _BOUNDS:
        bound = next(iter(ctx.values()))
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        return f"expected a number {_BOUNDS[kind]} {bound}, got {got}"
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        return (
            f"expected a non-empty string, got {got}"
            if n == 1
            else f"expected at least {n} characters, got {got}"
        )
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"expected at least {n} item{'s' if n != 1 else ''}, got {ctx.get('actual_length', 0)}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx["pattern"])
        return f"expected {_PATTERNS.get(pattern, f'text matching {pattern}')}, got {got}"
    if kind in ("value_error", "assertion_error"):
        return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    for prefix in ("timezone", "datetime", "date", "time", "string", "int", "float", "bool", "list", "dict"):
        if kind.startswith(prefix):
            return f"expected {_PHRASES[prefix]}, got {got}"
    if kind in ("model_type", "model_attributes_type"):
        return f"expected a mapping, got {got}"
    return f"{err['msg']}, got {got}"


def _shape_fits(member: Any, value: Any) -> bool:
    if isinstance(value, dict):
        return _is_model(member) or get_origin(member) is dict
    if isinstance(value, list):
        return get_origin(member) is list
    return not (_is_model(member) or get_origin(member) in (dict, list))


def _lookup(data: Any, path: tuple[str | int, ...]) -> Any:
    for seg in path:
        if isinstance(data, dict):
            data = data.get(seg)
        elif isinstance(data, list) and isinstance(seg, int) and seg < len(data):
            data = data[seg]
        else:
            return None
    return data


def _line(err: ErrorDetails, res: _Resolved, pos: Positions) -> int | None:
    path: Path = tuple(str(p) for p in res.data_path)
    if err["type"] in ("missing", "union_tag_not_found"):
        return pos.value_line(path[:-1])
    if err["type"] == "extra_forbidden" or "[key]" in err["loc"]:
        return pos.key_line(path)
    return pos.value_line(path)


def _union_message(union: _Union, data: Any) -> str:
    accepted = " or ".join(_describe(m) for m in _members(union.tp))
    return f"expected {accepted}, got {show(_lookup(data, union.path))}"


def explain(
    exc: ValidationError, model: type[BaseModel], data: Any, pos: Positions, file: str
) -> list[ScenarioIssue]:
    """Every error of ``exc`` as a ScenarioIssue, one per problem, in file order."""
    issues: dict[tuple[int | None, str, str], ScenarioIssue] = {}
    for err in exc.errors():
        res = _resolve(model, err["loc"])
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):  # point at the tag field
            tag_field = str(err.get("ctx", {}).get("discriminator", "kind")).strip("'")
            res.data_path = (*res.data_path, tag_field)
        message = _message(err, res)
        if res.union is not None:
            # Report only the member that fits the value's shape; if none fits, or the value itself is
            # wrong, say once which forms are accepted.
            value = _lookup(data, res.union.path)
            fitting = [m for m in _members(res.union.tp) if _shape_fits(m, value)]
            own = fitting[0] is res.union.member if len(fitting) == 1 else False
            at_value = res.data_path == res.union.path and err["type"] not in (
                "value_error",
                "assertion_error",
            )
            if len(fitting) != 1 or (own and at_value):
                res.data_path, message = res.union.path, _union_message(res.union, data)
            elif fitting[0] is not res.union.member:
                continue
        line = _line(err, res, pos)
        dotted = ".".join(str(p) for p in res.data_path)
        issues.setdefault((line, dotted, message), ScenarioIssue(file, line, dotted, message))
    return sorted(issues.values(), key=lambda i: (i.line or 0, i.path))
