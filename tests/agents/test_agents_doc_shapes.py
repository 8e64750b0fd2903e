"""docs/agents.md, "What an agent reads", checked against the code that produces what an agent reads.

Every documented decision is made for real: a probe agent (a graph that makes the documented calls
through the gateway-wrapped tools) runs on ``one-way`` segment by segment, each checkpoint is answered
with the documented decision, and what the probe's graph holds afterwards (its ``ToolMessage``s, read
with ``agents.tools.observation``) must equal the documented result. A documented string that ends in
"…" stands for any text starting with what comes before it. The code is also scanned, so that an
error code or a ``propose_itinerary`` status the code can produce but the page does not name fails.
"""

from __future__ import annotations

import ast
import json
import re
import time
import typing
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from agents.tools import answered_calls, observation, tool_loop
from sandbox.runner import ModelCallCounter, RunOptions, RunParts
from sandbox.scenarios import load_scenario
from sandbox.spi import AgentContext, Decision, agents, worlds

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "agents.md").read_text(encoding="utf-8")
SCENARIO = load_scenario(ROOT / "scenarios" / "one-way.yaml")
DAY = "2027-01-15"

Step = Callable[[Sequence[BaseMessage]], list[tuple[str, dict[str, Any]]]]
Decide = Callable[[dict[str, Any]], dict[str, Any] | None]


# -- reading the page -----------------------------------------------------------------------------


def section(title: str) -> str:
    match = re.search(rf"^###? {re.escape(title)}\n(.*?)(?=^##)", DOC, flags=re.S | re.M)
    assert match, f"docs/agents.md has no section {title!r}"
    return match.group(1)


def table(title: str) -> list[list[str]]:
    """The rows of the first table in a section, as cells (header and rule left out)."""
    lines = [ln for ln in section(title).splitlines() if ln.startswith("|")]
    assert len(lines) > 2, f"no table in {title!r}"
    return [[c.strip() for c in ln.strip("|").split(" | ")] for ln in lines[2:]]


def codes_in(cell: str) -> list[str]:
    return re.findall(r"`([^`]*)`", cell)


def json_in(cell: str) -> Any:
    """The cell's JSON (its first inline code, when that is an object), else None."""
    found = [c for c in codes_in(cell) if c.startswith("{")]
    return json.loads(found[0]) if found else None


def block(info: str) -> str:
    match = re.search(rf"^```json {info}\n(.*?)^```", DOC, flags=re.S | re.M)
    assert match, f"docs/agents.md has no ```json {info} block"
    return match.group(1)


def matches(documented: Any, real: Any) -> bool:
    """Equal, except that a documented string ending in "…" only gives the start of the real one."""
    if isinstance(documented, str) and documented.endswith("…"):
        return isinstance(real, str) and real.startswith(documented[:-1])
    if isinstance(documented, dict):
        return (
            isinstance(real, dict)
            and documented.keys() == real.keys()
            and all(matches(documented[k], real[k]) for k in documented)
        )
    if isinstance(documented, list):
        return isinstance(real, list) and len(documented) == len(real) and all(map(matches, documented, real))
    return bool(documented == real) and type(documented) is type(real)


# -- running the real code paths --------------------------------------------------------------------


def drive(
    steps: Sequence[Step], decide: Decide, policy: str = "ask-on-write"
) -> tuple[list[tuple[str, dict[str, Any]]], list[dict[str, Any]]]:
    """Run a probe agent that makes ``steps``' calls, answering every checkpoint with ``decide``.

    Returns what the agent read (tool name and envelope, from its own graph state) and the checkpoint
    payloads the human was shown.
    """
    name = f"doc-probe-{uuid.uuid4().hex[:8]}"

    def build(ctx: AgentContext) -> Any:
        def act(state: Any) -> AIMessage:
            n = sum(isinstance(m, AIMessage) for m in state["messages"])
            if n >= len(steps):
                return AIMessage("done")
            calls = steps[n](state["messages"])
            return AIMessage(
                "",
                tool_calls=[
                    {"name": tool, "args": args, "id": f"probe-{n}-{i}", "type": "tool_call"}
                    for i, (tool, args) in enumerate(calls)
                ],
            )

        return tool_loop(ctx, act)

    build.needs_model = False  # type: ignore[attr-defined]
    agents.register(name, build)
    shown: list[dict[str, Any]] = []
    try:
        parts = RunParts.new(SCENARIO, RunOptions(agent=name, policy=policy))
        parts.build(checkpointer=InMemorySaver(), deadline=None, with_human=False)
        payload: Any = parts.begin()
        counter = ModelCallCounter(parts.trace)
        while True:
            pending, _ = parts.segment(payload, counter, time.monotonic())
            if not pending:
                break
            shown.extend(i.value for i in pending)
            payload = Command(resume={i.id: decide(i.value) for i in pending})
        messages = parts.graph.get_state({"configurable": {"thread_id": parts.id}}).values["messages"]
    finally:
        agents.unregister(name)
    return [(call["name"], observation(m)) for call, m in answered_calls(messages)], shown


def last_result(messages: Sequence[BaseMessage]) -> Any:
    return observation(messages[-1])["result"]  # type: ignore[arg-type]


def search_flights(_: Sequence[BaseMessage]) -> list[tuple[str, dict[str, Any]]]:
    return [("search_flights", {"origin": "LHR", "destination": "CDG", "date": DAY})]


def available(messages: Sequence[BaseMessage]) -> list[dict[str, Any]]:
    flights = [f for f in last_result(messages)["flights"] if f["available"]]
    assert len(flights) >= 2, "one-way has two flights with seats"
    return sorted(flights, key=lambda f: f["total_price"])


def only(decision: dict[str, Any] | None, tool: str) -> Decide:
    """Answer ``tool``'s checkpoint with ``decision``; approve any other."""
    return lambda payload: decision if payload["tool"] == tool else {"decision": "approve"}


def decision_rows(title: str) -> Iterator[tuple[dict[str, Any] | None, str]]:
    for row in table(title):
        yield json_in(row[0]), row[1]


def cases(title: str, keep: Callable[[str], bool] = lambda _: True) -> list[Any]:
    """The documented rows as test cases named after their decision (``edit-alternative``)."""
    return [
        pytest.param(d, r, id="-".join([d["decision"], *sorted(set(d) - {"decision"})]) if d else "none")
        for d, r in decision_rows(title)
        if keep(r)
    ]


# -- the envelope and the error codes ---------------------------------------------------------------


def test_the_documented_envelopes_have_the_shape_every_result_has() -> None:
    lines = [json.loads(line) for line in block("envelope").splitlines() if line.strip()]
    assert [line["ok"] for line in lines] == [True, False]
    read, _ = drive(
        [search_flights, lambda m: [("book_flight", {"flight_id": "nope", "passengers": 1})]],
        only(None, ""),
        policy="never-ask",
    )
    real = [envelope for _, envelope in read]
    assert [e["ok"] for e in real] == [True, False]
    for documented, got in zip(lines, real, strict=True):
        assert documented.keys() == got.keys()
        if not got["ok"]:
            assert documented["error"].keys() == got["error"].keys() == {"code", "message", "field"}


def test_the_documented_error_example_is_what_booking_that_flight_gives() -> None:
    documented = json.loads(block("envelope").splitlines()[1])
    flight = re.search(r"flight (\S+) is", documented["error"]["message"])
    assert flight is not None
    book = ("book_flight", {"flight_id": flight.group(1), "passengers": 1})
    read, _ = drive([lambda m: [book]], only(None, ""), policy="never-ask")
    assert read == [("book_flight", documented)]


def _failure_codes(node: ast.AST) -> Iterator[str]:
    """String constants given as the code of ``ToolError(...)``/``ToolResult.failure(...)``, assigned to
    a variable ``code``, or as the ``"code"`` of a dict literal."""
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and n.args:
            func = n.func
            named = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if named in ("ToolError", "failure"):
                for c in ast.walk(n.args[0]):
                    if isinstance(c, ast.Constant) and isinstance(c.value, str):
                        yield c.value
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code" for t in n.targets):
            choices = [n.value.body, n.value.orelse] if isinstance(n.value, ast.IfExp) else [n.value]
            for c in choices:  # code = "a" if ... else "b"; ToolResult.failure(code, ...)
                if isinstance(c, ast.Constant) and isinstance(c.value, str):
                    yield c.value
        if isinstance(n, ast.Dict):
            for k, v in zip(n.keys, n.values, strict=True):
                if isinstance(k, ast.Constant) and k.value == "code" and isinstance(v, ast.Constant):
                    yield str(v.value)


def _codes_under(*paths: Path) -> set[str]:
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*.py")))]
    return {c for f in files for c in _failure_codes(ast.parse(f.read_text(encoding="utf-8")))}


def test_the_error_codes_are_exactly_those_the_code_produces_by_source() -> None:
    documented: dict[str, set[str]] = {}
    for row in table("Error codes"):
        (code,) = codes_in(row[0])
        for source in row[1].split(", "):
            documented.setdefault(source, set()).add(code)
    assert documented == {
        "sandbox": _codes_under(ROOT / "sandbox"),
        "travel": _codes_under(ROOT / "worlds" / "travel"),
        "`agents.tools.observation`": _codes_under(ROOT / "agents" / "tools.py"),
    }


# -- propose_itinerary ----------------------------------------------------------------------------


PROPOSAL = json.loads(block("propose_itinerary"))


def propose(_: Sequence[BaseMessage]) -> list[tuple[str, dict[str, Any]]]:
    return [("propose_itinerary", PROPOSAL)]


@pytest.mark.parametrize(("decision", "documented"), cases("`propose_itinerary`"))
def test_propose_itinerary_reads_as_documented(decision: dict[str, Any] | None, documented: str) -> None:
    policy = "never-ask" if decision is None else "ask-on-write"
    read, shown = drive([propose], lambda _: decision, policy=policy)
    assert [p["kind"] for p in shown] == ([] if decision is None else ["proposal"])
    [(tool, envelope)] = read
    assert tool == "propose_itinerary"
    assert matches(json_in(documented), envelope), envelope


def _statuses_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        str(v.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Dict)
        for k, v in zip(n.keys, n.values, strict=True)
        if isinstance(k, ast.Constant) and k.value == "status" and isinstance(v, ast.Constant)
    }


def test_every_status_the_interaction_code_gives_is_documented() -> None:
    results = [json_in(r) for _, r in decision_rows("`propose_itinerary`")]
    documented = {r["result"]["status"] for r in results if r["ok"]}
    produced = _statuses_in(ROOT / "sandbox" / "control" / "_interaction.py")
    assert produced == {"approved", "approved_alternative", "edited", "rejected", "responded"}
    assert documented == produced


# -- ask_user ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("decision", "documented"), cases("`ask_user`"))
def test_ask_user_reads_as_documented(decision: dict[str, Any] | None, documented: str) -> None:
    read, shown = drive([lambda m: [("ask_user", {"question": "Who is travelling?"})]], lambda _: decision)
    assert [p["kind"] for p in shown] == ["question"]
    assert read == [("ask_user", read[0][1])] and matches(json_in(documented), read[0][1]), read


# -- a WRITE tool at its checkpoint ------------------------------------------------------------------


def book_cheapest(messages: Sequence[BaseMessage]) -> list[tuple[str, dict[str, Any]]]:
    return [("book_flight", {"flight_id": available(messages)[0]["flight_id"], "passengers": 1})]


def test_every_kind_of_decision_is_documented_for_a_write_tool() -> None:
    kinds = {d["decision"] for d, _ in decision_rows("A WRITE tool at its checkpoint") if d}
    assert kinds == set(typing.get_args(Decision))


@pytest.mark.parametrize(
    ("decision", "documented"), cases("A WRITE tool at its checkpoint", lambda r: json_in(r) is not None)
)
def test_a_write_tool_reads_as_documented(decision: dict[str, Any], documented: str) -> None:
    read, shown = drive([search_flights, book_cheapest], only(decision, "book_flight"))
    assert [p["tool"] for p in shown] == ["book_flight"]
    assert read[-1][0] == "book_flight" and matches(json_in(documented), read[-1][1]), read[-1]


def test_an_approved_or_edited_write_call_returns_the_tools_own_result() -> None:
    rows = {json.dumps(d, sort_keys=True): r for d, r in decision_rows("A WRITE tool at its checkpoint") if d}
    approve, edit = {"decision": "approve"}, {"decision": "edit", "args": {"cabin": "premium"}}
    assert "the tool's own result" in rows[json.dumps(approve)]
    assert "the tool's own result" in rows[json.dumps(edit, sort_keys=True)]
    read, _ = drive([search_flights, book_cheapest], only(approve, "book_flight"))
    assert read[-1][1]["ok"] and read[-1][1]["result"]["cabin"] == "economy"
    read, _ = drive([search_flights, book_cheapest], only(edit, "book_flight"))
    assert read[-1][1]["ok"] and read[-1][1]["result"]["cabin"] == "premium"


# -- item details -----------------------------------------------------------------------------------


def test_the_documented_details_keys_are_the_booking_tools_arguments() -> None:
    tools = {t.name: t for t in worlds.get("travel").tools}
    for row in table("Item `details`"):
        (kind,), (tool,), keys = codes_in(row[0]), codes_in(row[1]), codes_in(row[2])
        assert tool == f"book_{kind}"
        assert set(keys) == set(tools[tool].args_model.model_fields) - {f"{kind}_id"}


def test_an_alternative_picked_at_a_booking_books_its_item_with_the_details_the_call_had() -> None:
    """The hotel call is made without ``rooms``: the alternative's ``rooms`` and ``name`` stay out."""
    stay = {"check_in": DAY, "check_out": "2027-01-16"}
    later = {"check_in": "2027-01-16", "check_out": "2027-01-17"}
    picked: dict[str, Any] = {}

    def search(_: Sequence[BaseMessage]) -> list[tuple[str, dict[str, Any]]]:
        return [("search_hotels", {"city": "CDG", **stay})]

    def plan(messages: Sequence[BaseMessage]) -> list[tuple[str, dict[str, Any]]]:
        first, second = sorted(
            (h for h in last_result(messages)["hotels"] if h["available"]), key=lambda h: h["total_price"]
        )[:2]
        picked.update(first=first["hotel_id"], second=second["hotel_id"])
        item = {"kind": "hotel", "id": first["hotel_id"], "details": {**stay, "rooms": 1}}
        alt = {"kind": "hotel", "id": second["hotel_id"], "details": {**later, "rooms": 2, "name": "x"}}
        args = {"items": [item], "total": 1.0, "rationale": "r", "confidence": 0.9}
        return [("propose_itinerary", args | {"alternatives": [{"items": [alt], "total": 1.0}]})]

    def book(_: Sequence[BaseMessage]) -> list[tuple[str, dict[str, Any]]]:
        return [("book_hotel", {"hotel_id": picked["first"], **stay})]

    read, _ = drive([search, plan, book], only({"decision": "edit", "alternative": 0}, "book_hotel"))
    tool, envelope = read[-1]
    assert tool == "book_hotel" and envelope["ok"], envelope
    booked = envelope["result"]
    assert (booked["hotel_id"], booked["check_in"], booked["check_out"]) == (
        picked["second"],
        *later.values(),
    )
    assert booked["rooms"] == 1  # the call was made without rooms: the alternative's 2 is not taken
