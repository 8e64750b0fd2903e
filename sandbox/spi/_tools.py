"""Tool declaration: typed functions become LLM tools with schemas derived from their signatures.

A world declares a tool like this::

    @tool(READ)
    def get_item(env: MyEnv, item_id: str) -> dict:
        '''Look up one item by id.'''

The first parameter is the per-run environment; the rest are the tool's arguments. The JSON schema
comes from the signature (pydantic), the description from the docstring, and the READ/WRITE mark from
the decorator. Interaction tools (``INTERACT``, answered by the harness) carry a ``role`` instead and
are built by ``sandbox.spi._interaction`` (an agent's own control tools too). ``invoke`` validates
arguments and turns every ``ToolError`` (and every argument validation error) into an error
``ToolResult``; nothing escapes the tool layer.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from sandbox.errors import ToolError

ToolKind = Literal["READ", "WRITE", "INTERACT"]
READ: ToolKind = "READ"
WRITE: ToolKind = "WRITE"
INTERACT: ToolKind = "INTERACT"

#: What an interaction tool is for; the harness handles it by this, never by its name: a ``question``
#: to the user, the world's ``proposal`` of a plan, or an agent's ``control`` signal to its own graph.
ToolRole = Literal["question", "proposal", "control"]
QUESTION: ToolRole = "question"
PROPOSAL: ToolRole = "proposal"
CONTROL: ToolRole = "control"


class ToolErrorInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    message: str
    field: str | None = None


class ToolResult(BaseModel):
    """What a tool call returns to the agent: data on success, a specific error otherwise."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    ok: bool
    data: Any = None
    error: ToolErrorInfo | None = None

    @classmethod
    def success(cls, data: Any) -> ToolResult:
        return cls(ok=True, data=data)

    @classmethod
    def failure(cls, code: str, message: str, field: str | None = None) -> ToolResult:
        return cls(ok=False, error=ToolErrorInfo(code=code, message=message, field=field))

    def to_observation(self) -> str:
        """The text an LLM sees (compact, deterministic JSON)."""
        body: dict[str, Any] = {"ok": self.ok}
        if self.error is not None:
            body["error"] = self.error.model_dump()
        else:
            body["result"] = self.data
        return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    kind: ToolKind
    fn: Callable[..., Any]
    description: str
    args_model: type[BaseModel]
    tags: tuple[str, ...] = field(default=())
    role: ToolRole | None = None  # interaction tools only

    def json_schema(self) -> dict[str, Any]:
        """OpenAI-style function schema: name, description, parameters."""
        params = self.args_model.model_json_schema()
        params.pop("title", None)
        return {"name": self.name, "description": self.description, "parameters": params}

    def invoke(self, env: Any, args: dict[str, Any] | None) -> ToolResult:
        return invoke(self, env, args)


def _args_model(fn: Callable[..., Any]) -> type[BaseModel]:
    sig = inspect.signature(fn)
    hints = inspect.get_annotations(fn, eval_str=True)
    fields: dict[str, Any] = {}
    for i, (pname, param) in enumerate(sig.parameters.items()):
        if i == 0:  # the environment
            continue
        ann = hints.get(pname, Any)
        default = ... if param.default is inspect.Parameter.empty else param.default
        fields[pname] = (ann, default)
    model_name = "".join(p.capitalize() for p in fn.__name__.split("_")) + "Args"
    return create_model(model_name, __config__=ConfigDict(extra="forbid"), **fields)


def tool(kind: ToolKind, *, name: str | None = None) -> Callable[[Callable[..., Any]], ToolSpec]:
    """Declare a world tool, marked READ, WRITE or INTERACT."""

    def wrap(fn: Callable[..., Any]) -> ToolSpec:
        doc = inspect.cleandoc(fn.__doc__ or "").strip()
        if not doc:
            raise TypeError(f"tool {fn.__name__} needs a docstring: it is the description the model sees")
        return ToolSpec(
            name=name or fn.__name__, kind=kind, fn=fn, description=doc, args_model=_args_model(fn)
        )

    return wrap


def describe_validation(exc: ValidationError) -> tuple[str, str]:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"]) or "arguments"
    if err["type"] == "extra_forbidden":
        return loc, f"unexpected argument {loc!r}"
    if err["type"] == "missing":
        return loc, f"missing required argument {loc!r}"
    return loc, f"invalid value for {loc!r}: {err['msg']} (got {err.get('input')!r})"


def invoke(spec: ToolSpec, env: Any, args: dict[str, Any] | None) -> ToolResult:
    """Validate ``args`` against the tool's schema and run it. Never raises for bad input."""
    if args is None:
        args = {}
    if not isinstance(args, dict):
        return ToolResult.failure(
            "invalid_argument", f"arguments must be a JSON object, got {type(args).__name__}"
        )
    try:
        parsed = spec.args_model.model_validate(args)
    except ValidationError as exc:
        fld, msg = describe_validation(exc)
        return ToolResult.failure("invalid_argument", msg, fld)
    try:
        data = spec.fn(env, **{k: getattr(parsed, k) for k in type(parsed).model_fields})
    except ToolError as exc:
        return ToolResult.failure(exc.code, exc.message, exc.field)
    return ToolResult.success(data)
