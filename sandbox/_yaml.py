"""Reading YAML while keeping track of where every value came from.

``read_yaml(text)`` returns the constructed data plus a ``Positions`` map from field paths
(``("constraints", "legs", "0", "date")``) to line numbers, so that schema errors can name the line.

The loader is PyYAML's safe loader with YAML 1.2 scalars: only ``true``/``false`` are booleans and
numbers are plain decimals. YAML 1.1 would silently read ``start: 10:30`` as the integer 630 and
``country: NO`` as false; in a scenario file both would be wrong without any error.

The loader is also bounded, because a file is untrusted input: nesting deeper than ``MAX_DEPTH``
levels is refused (PyYAML composes recursively and would hit Python's recursion limit), an alias that
refers to a node containing itself is refused, and so is a file whose aliases together repeat more
than ``MAX_ALIAS_NODES`` values (an "alias bomb": 600 bytes of nested aliases expand to billions of
values). Each is checked while composing, so a refused file costs microseconds, not gigabytes.
``read_capped`` reads at most a given number of bytes from a file (the size cap).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sandbox.errors import ConfigError
from sandbox.settings import get_settings

Path = tuple[str, ...]

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"

#: Deepest nesting of collections accepted (a scenario needs fewer than 10 levels).
MAX_DEPTH = 64
#: Most values that aliases may repeat in one document, counted in expanded nodes.
MAX_ALIAS_NODES = 10_000


class YamlLimitError(yaml.MarkedYAMLError):
    """A document refused for its shape (too deep, recursive or too many aliased values), not its syntax."""


class _Loader(yaml.SafeLoader):
    """Safe loader with YAML 1.2 core booleans, integers and floats, and the limits above."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._aliased = 0
        self._sizes: dict[int, int] = {}  # id(node) -> its node count with aliases expanded

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        # Checked in the scanner too: it looks ahead over every open '[' or '{' that may start a key,
        # which is quadratic in the nesting before the composer sees the first node.
        if self.flow_level >= MAX_DEPTH:
            raise YamlLimitError(
                problem=f"nested deeper than {MAX_DEPTH} levels; refused", problem_mark=self.get_mark()
            )
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        mark = self.peek_event().start_mark
        if self.check_event(AliasEvent):
            node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:  # the anchored node is still being composed: it contains this alias
                raise YamlLimitError(
                    problem="alias refers to a node that contains it (a recursive alias); refused",
                    problem_mark=mark,
                )
            self._aliased += size
            if self._aliased > MAX_ALIAS_NODES:
                raise YamlLimitError(
                    problem=f"aliases repeat more than {MAX_ALIAS_NODES:,} values (an alias bomb?); refused",
                    problem_mark=mark,
                )
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlLimitError(problem=f"nested deeper than {MAX_DEPTH} levels; refused", problem_mark=mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if isinstance(node, SequenceNode):
            children: list[Node] = node.value
        elif isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        else:  # a scalar
            children = []
        self._sizes[id(node)] = 1 + sum(self._sizes[id(c)] for c in children)
        return node


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
    """The text is not valid YAML, or is refused by a limit. ``line`` is 1-based (or None)."""

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
    if isinstance(exc, YamlLimitError):
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        return YamlSyntaxError(line, f"YAML {exc.problem}")
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


def load_yaml(text: str) -> Any:
    """Parse one YAML document with the same loader and limits as ``read_yaml``, without positions.

    Raises ``yaml.YAMLError`` (``YamlLimitError`` for a refused shape), whose mark gives the line.
    """
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


class FileTooLargeError(Exception):
    """A file larger than the size cap; nothing past the cap was read."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(
            f"file is larger than {limit:,} bytes, the limit (TRAVEL_SANDBOX_MAX_SCENARIO_BYTES)"
        )


def max_file_bytes() -> int:
    """The size cap on scenario and policy files (``TRAVEL_SANDBOX_MAX_SCENARIO_BYTES``)."""
    try:
        return get_settings().max_scenario_bytes
    except ValidationError as exc:
        problems = "; ".join(
            f"TRAVEL_SANDBOX_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']} (got {e.get('input')!r})"
            for e in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from None


def read_capped(path: FilePath, limit: int) -> bytes:
    """The file's bytes; raises ``FileTooLargeError`` past ``limit`` (reads at most ``limit + 1`` bytes)."""
    with path.open("rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise FileTooLargeError(limit)
    return data
