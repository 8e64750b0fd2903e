"""Reading YAML while keeping track of where every value came from.

``read_yaml(text)`` returns the constructed data plus a ``Positions`` map from field paths
(``("constraints", "legs", "0", "date")``) to line numbers, so that schema errors can name the line.

The loader is PyYAML's safe loader with YAML 1.2 scalars: only ``true``/``false`` are booleans and
numbers are plain decimals. YAML 1.1 would silently read ``start: 10:30`` as the integer 630 and
``country: NO`` as false; in a scenario file both would be wrong without any error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str, ...]

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class _Loader(yaml.SafeLoader):
    """Safe loader with YAML 1.2 core booleans, integers and floats."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)


def _construct_int(loader: yaml.SafeLoader, node: Node) -> int:
    return int(str(loader.construct_scalar(node)))  # type: ignore[arg-type]


_Loader.add_constructor(_INT, _construct_int)


class YamlSyntaxError(Exception):
    """The text is not valid YAML. ``line`` is 1-based (or None when PyYAML gives no position)."""

    def __init__(self, line: int | None, message: str):
        self.line, self.message = line, message
        super().__init__(message)


@dataclass
class Positions:
    """Line numbers (1-based) of every value and mapping key in a document, by field path."""

    values: dict[Path, int] = field(default_factory=dict)
    keys: dict[Path, int] = field(default_factory=dict)
    duplicates: list[tuple[Path, int, int]] = field(default_factory=list)  # (path, line, first line)

    def value_line(self, path: Path) -> int | None:
        """The line of the value at ``path``, or of its nearest ancestor that exists in the file."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return None

    def key_line(self, path: Path) -> int | None:
        """The line of the key that introduces ``path`` (falls back to the value's line)."""
        return self.keys.get(path) or self.value_line(path)


def _walk(node: Node, path: Path, pos: Positions, active: set[int]) -> None:
    pos.values.setdefault(path, node.start_mark.line + 1)
    if id(node) in active:  # a recursive alias; nothing new below
        return
    active.add(id(node))
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key == "<<":  # merge key: the merged fields belong here, unless this mapping sets them
                merged.extend(value_node.value if isinstance(value_node, SequenceNode) else [value_node])
                continue
            if key in seen:
                pos.duplicates.append((path + (key,), line, seen[key]))
            seen[key] = line
            pos.keys.setdefault(path + (key,), line)
            _walk(value_node, path + (key,), pos, active)
        for source in merged:
            _walk(source, path, pos, active)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (str(i),), pos, active)
    active.discard(id(node))


def _syntax_error(exc: yaml.YAMLError) -> YamlSyntaxError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return YamlSyntaxError(None, f"invalid YAML: {exc}")
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    problem = exc.problem or exc.context or "syntax error"
    message = f"invalid YAML: {problem}"
    if exc.context and exc.problem:
        where = f" started at line {exc.context_mark.line + 1}" if exc.context_mark is not None else ""
        message += f" ({exc.context}{where})"
    return YamlSyntaxError(line, message)


def read_yaml(text: str) -> tuple[Any, Positions, int | None]:
    """Parse one YAML document. Returns (data, positions, line of the top-level node).

    Data is None for an empty document. Raises ``YamlSyntaxError`` for anything PyYAML rejects.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Positions(), None
        pos = Positions()
        _walk(node, (), pos, set())  # before construction, which flattens merge keys in place
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None
    finally:
        loader.dispose()
    return data, pos, node.start_mark.line + 1
