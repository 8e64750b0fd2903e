"""A model's call arguments as the gateway reads them, and a result as the trace stores it."""

from __future__ import annotations

import json
from typing import Any

from sandbox.spi import ToolResult

_JSON_NAMES = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true or false"}


def parse_args(raw: object) -> tuple[dict[str, Any], str | None]:
    """The arguments as an object, or the problem with them in words the model can act on.

    ``raw`` is what the model sent: an object, or the text of a call whose arguments did not parse
    (the graphs hand a malformed call's text through unchanged).
    """
    if raw is None:
        return {}, None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw.strip() else {}
        except json.JSONDecodeError as exc:
            # json's own messages may end in "at" ("Unterminated string starting at")
            where = exc.msg.removesuffix(" at")
            return {}, f"arguments are not valid JSON: {where} at position {exc.pos}"
    if not isinstance(raw, dict):
        got = "null" if raw is None else _JSON_NAMES.get(type(raw), type(raw).__name__)
        return {}, f"arguments must be a JSON object ({{...}}), got {got}"
    return dict(raw), None


def jsonable(result: ToolResult) -> dict[str, Any]:
    """A result as the trace stores it: the observation the agent saw, as JSON data."""
    return json.loads(result.to_observation())
