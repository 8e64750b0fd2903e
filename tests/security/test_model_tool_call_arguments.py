"""Issue 8 #13 and #14: bad tool-call arguments from a real endpoint, and what the model sees next.

- #13: arguments that are valid JSON but not an object (``"[1, 2]"``) ended the run with a pydantic
  ``ValidationError`` (LangChain cannot hold them in a message). They must come back to the model as an
  ``invalid_argument`` error result, and the run go on.
- #14: a malformed call was fed back to the model wrapped in an internal ``__raw_arguments__`` object,
  which a small model started to imitate. The model must see its call exactly as it sent it, in the
  ``react`` and the ``planner`` graphs. The bad-JSON message read "at at position".
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from _fake_endpoint import FakeEndpoint, call, reply, run_on

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

REPORT = "I could not book anything: my call was malformed. Nothing was booked."


def assistant_calls(fake: FakeEndpoint, request: int) -> list[dict[str, Any]]:
    """The tool calls of the assistant turns the model was shown in request ``request``."""
    return [c for m in fake.shown(request) if m["role"] == "assistant" for c in m.get("tool_calls") or []]


@pytest.mark.parametrize("arguments", ["[1, 2]", '"LHR"', "42"], ids=["array", "string", "number"])
def test_non_object_json_arguments_are_an_error_result(
    monkeypatch: pytest.MonkeyPatch, arguments: str
) -> None:
    script = [reply(calls=[call("search_flights", arguments, "call_1")]), reply(content=REPORT)]
    with FakeEndpoint(script) as fake:
        result = run_on(fake, monkeypatch, "one-way")
    assert result.status == "done", result.error
    assert result.final_message == REPORT
    (error,) = fake.results_shown(1)
    assert error["ok"] is False and error["error"]["code"] == "invalid_argument"
    assert error["error"]["message"].startswith("arguments must be a JSON object ({...}), got ")
    assert [c["function"]["arguments"] for c in assistant_calls(fake, 1)] == [arguments]
    traced = [e.data.model_dump(mode="json") for e in result.trace if e.type == "tool_call"]
    assert traced == [{"id": "call_1", "tool": "search_flights", "args": arguments}]


MALFORMED = [
    ("get_budget", '{"x": ', "call_1"),  # not JSON
    ("search_flights", '{"origin": "LHR', "call_2"),  # an unterminated string
]


@pytest.mark.parametrize(
    ("agent", "script"),
    [
        ("react", [reply(calls=[call(*c) for c in MALFORMED]), reply(content=REPORT)]),
        (
            "planner",
            [
                reply(content="One-way LHR to CDG on 15 January."),  # understand
                reply(calls=[call(*c) for c in MALFORMED]),  # gather
                reply(content="NO PLAN: my searches failed."),  # gather, then propose
                reply(content=REPORT),  # report
            ],
        ),
    ],
    ids=["react", "planner"],
)
def test_raw_arguments_wrapper_never_shown_to_model(
    monkeypatch: pytest.MonkeyPatch, agent: str, script: list[dict[str, Any]]
) -> None:
    with FakeEndpoint(script) as fake:
        result = run_on(fake, monkeypatch, "one-way", agent=agent)
    assert result.status == "done", result.error
    assert result.final_message == REPORT
    after = next(
        i for i, _ in enumerate(fake.requests) if fake.results_shown(i)
    )  # first time it sees results
    sent = [
        (c["function"]["name"], c["function"]["arguments"], c["id"]) for c in assistant_calls(fake, after)
    ]
    assert sent == MALFORMED  # its calls, as it sent them
    for request in fake.requests:
        assert "__raw_arguments__" not in json.dumps(request)
    errors = [r["error"]["message"] for r in fake.results_shown(after)]
    assert errors == [
        "arguments are not valid JSON: Expecting value at position 6",
        "arguments are not valid JSON: Unterminated string starting at position 11",
    ]
    assert [m["tool_call_id"] for m in fake.shown(after) if m["role"] == "tool"] == ["call_1", "call_2"]
