"""What an OpenAI-compatible endpoint sent back, checked before LangChain turns it into a message.

Local servers (llama.cpp, vLLM, Ollama) and proxies do not always send a chat completion. Two kinds of
trouble, two outcomes:

- the reply is not a chat completion at all (a body that is not JSON, an HTML error page, JSON
  without ``choices``, a choice without a message): ``MalformedReply``, which the model asks again
  and then reports naming the endpoint (``openai_model``);
- a tool call's arguments are valid JSON but not an object (``"[1, 2]"``, ``"\\"text\\""``), or an
  object where text belongs: LangChain would raise a ``ValidationError`` building the message and end
  the run. Such a call becomes a malformed call (``invalid_tool_calls``) carrying its arguments as
  sent, so the graph routes it to the gateway, which answers ``invalid_argument`` and the run goes on.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import openai
from langchain_core.messages import AIMessage
from langchain_core.messages.tool import invalid_tool_call
from langchain_core.outputs import ChatResult

NOT_AN_OBJECT = "arguments must be a JSON object"


class MalformedReply(Exception):
    """The endpoint answered 200 with something that is not a chat completion."""


def preview(value: Any, limit: int = 120) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def as_completion(response: Any) -> dict[str, Any]:
    """The reply as a dict, if it is a chat completion; raises ``MalformedReply`` saying what it is."""
    if isinstance(response, openai.BaseModel):  # built without validation: fields may be missing
        body: Any = response.model_dump(warnings=False)
    elif isinstance(response, dict):
        body = response
    elif isinstance(response, str):  # the client hands over the text when the body is not JSON
        raise MalformedReply(f"the body is not JSON: {preview(response)}")
    else:
        raise MalformedReply(f"the body is not a chat completion: {preview(response)}")
    if body.get("error"):
        raise MalformedReply(f"the body is an error, not a chat completion: {preview(body['error'])}")
    choices = body.get("choices")
    shown = preview({k: v for k, v in body.items() if v is not None})
    if not isinstance(choices, list) or not choices:
        raise MalformedReply(f"the body is not a chat completion (no choices): {shown}")
    if not all(isinstance(c, dict) and isinstance(c.get("message"), dict) for c in choices):
        raise MalformedReply(f"the body is not a chat completion (a choice without a message): {shown}")
    return body


def _arguments_problem(call: Any) -> str | None:
    fn = call.get("function") if isinstance(call, dict) else None
    args = fn.get("arguments") if isinstance(fn, dict) else None
    if not isinstance(args, str) or not args.strip():
        return None  # objects are mended below; LangChain handles missing ones
    try:
        value = json.loads(args, strict=False)
    except json.JSONDecodeError:
        return None  # LangChain makes it an invalid tool call itself
    return None if isinstance(value, dict) or not value else NOT_AN_OBJECT


def split_calls(body: dict[str, Any]) -> tuple[dict[str, Any], list[list[dict[str, Any]]]]:
    """``body`` with the calls LangChain cannot hold taken out (per choice), and those calls.

    Arguments sent as an object instead of its JSON text are written as text (nothing is lost)."""
    body = copy.deepcopy(body)
    taken: list[list[dict[str, Any]]] = []
    for choice in body["choices"]:
        calls = choice["message"].get("tool_calls") or []
        for call in calls:
            fn = call.get("function") if isinstance(call, dict) else None
            if (
                isinstance(fn, dict)
                and fn.get("arguments") is not None
                and not isinstance(fn["arguments"], str)
            ):
                fn["arguments"] = json.dumps(fn["arguments"])
        bad = [c for c in calls if _arguments_problem(c)]
        if bad:
            choice["message"]["tool_calls"] = [c for c in calls if not _arguments_problem(c)] or None
        taken.append(bad)
    return body, taken


def add_invalid_calls(result: ChatResult, taken: list[list[dict[str, Any]]]) -> ChatResult:
    """Put the calls taken out by ``split_calls`` back, as malformed calls with their text as sent."""
    for gen, bad in zip(result.generations, taken, strict=False):
        msg = gen.message
        if bad and isinstance(msg, AIMessage):
            msg.invalid_tool_calls = [
                *msg.invalid_tool_calls,
                *(
                    invalid_tool_call(
                        name=c["function"].get("name"),
                        args=c["function"]["arguments"],
                        id=c.get("id"),
                        error=NOT_AN_OBJECT,
                    )
                    for c in bad
                ),
            ]
    return result
