"""Live runs (sandbox/live/_runs.py and its private modules): pausing for a person, deciding, restarting.

Every run here is the ``reference`` agent (PRIVILEGED: it books the oracle's plan) under
``ask-on-write``, so it stops at its proposal and at every booking. On ``basic-round-trip`` that is
four checkpoints: the plan (two alternatives), AX100 out, MV103 back, the hotel H-JFK-04.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, ToolMessage
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode

from sandbox.control import DecisionIn
from sandbox.errors import UnknownNameError
from sandbox.live import Conflict, InvalidDecision, LiveRuns, LiveSpec, RunNotFound
from sandbox.scenarios import default_scenarios_dir
from sandbox.spi import AgentContext, agents
from sandbox.store import RunStore

REPORT = (
    "Booked: B0001 (AX100-2027-01-20), B0002 (MV103-2027-01-24), B0003 (H-JFK-04). Total charged: $3,146.00."
)
WEB = LiveSpec(scenario="basic-round-trip", agent="reference", policy="ask-on-write", human="web")

MakeLive = Callable[[], LiveRuns]


@pytest.fixture
def make_live(tmp_path: Path, db_url: str) -> Iterator[MakeLive]:
    """New ``LiveRuns`` on the same database and checkpointer (a "restart" is a second call): SQLite
    files, then a real PostgreSQL database with LangGraph's Postgres checkpointer in it."""
    opened: list[LiveRuns] = []
    checkpoints = db_url if db_url.startswith("postgresql") else tmp_path / "runs.checkpoints.sqlite"

    def make() -> LiveRuns:
        live = LiveRuns(
            RunStore(db_url),
            checkpoints=checkpoints,
            scenarios_dir=default_scenarios_dir(),
            workers=4,
        )
        opened.append(live)
        return live

    yield make
    for live in opened:
        close(live)


def close(live: LiveRuns) -> None:
    live.close()
    live.runs.engine.dispose()


def wait(live: LiveRuns, run_id: str, *statuses: str, timeout: float = 30.0) -> dict[str, Any]:
    statuses = statuses or ("waiting", "done", "error")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = live.get(run_id)
        if run["status"] in statuses:
            return run
        time.sleep(0.01)
    raise AssertionError(f"run {run_id} did not reach {statuses}; it is {live.get(run_id)['status']}")


def pending(live: LiveRuns, run_id: str) -> dict[str, Any]:
    """The run's one pending checkpoint, once it waits."""
    run = wait(live, run_id)
    assert run["status"] == "waiting", run.get("error")
    [cp] = [c for c in live.checkpoints(run_id) if c["status"] == "pending"]
    assert run["pending"] == [cp["id"]]
    return cp


def decide_all(live: LiveRuns, run_id: str, decide: Callable[[dict[str, Any]], DecisionIn]) -> dict[str, Any]:
    while (run := wait(live, run_id))["status"] == "waiting":
        cp = pending(live, run_id)
        live.decide(run_id, cp["id"], decide(cp))
    return run


def approve(cp: dict[str, Any]) -> DecisionIn:
    return DecisionIn(decision="approve")


def booked(run: dict[str, Any]) -> list[str]:
    """Booking ids from the trace's successful booking results."""
    return [
        e["data"]["result"]["result"]["booking_id"]
        for e in run["trace"]
        if e["type"] == "tool_result" and e["data"]["tool"].startswith("book_") and e["data"]["ok"]
    ]


def assert_trace_whole(run: dict[str, Any]) -> None:
    seqs = [e["seq"] for e in run["trace"]]
    keys = [e["key"] for e in run["trace"] if e["key"]]
    assert seqs == list(range(len(seqs))) and len(keys) == len(set(keys))


def auto_run(live: LiveRuns) -> dict[str, Any]:
    run = live.start(WEB.model_copy(update={"human": "auto"}))
    return wait(live, run["id"], "done", "error")


# -- a person decides ------------------------------------------------------------------------------


def test_web_run_stops_at_every_write_and_finishes_scored_when_all_approved(make_live: MakeLive) -> None:
    live = make_live()
    run_id = live.start(WEB)["id"]
    seen = []
    while wait(live, run_id)["status"] == "waiting":
        cp = pending(live, run_id)
        payload = cp["payload"]
        assert cp["status"] == "pending" and payload["action"] and payload["rule"] and payload["amount"] > 0
        seen.append((cp["kind"], cp["tool"], payload["amount"]))
        decided = live.decide(run_id, cp["id"], DecisionIn(decision="approve"))
        assert (decided["status"], decided["decision"]) == ("decided", {"decision": "approve"})
    assert seen == [
        ("proposal", "propose_itinerary", 3146.0),
        ("tool", "book_flight", 402.0),
        ("tool", "book_flight", 478.0),
        ("tool", "book_hotel", 2266.0),
    ]
    run = live.get(run_id)
    assert run["status"] == "done" and run["scores"]["overall"] == 1.0 and run["scores"]["passed"]
    assert (run["interrupts"], run["final_message"], run["pending"]) == (4, REPORT, [])
    assert booked(run) == ["B0001", "B0002", "B0003"]
    assert_trace_whole(run)
    stored = live.runs.get(run_id)  # saved to the run store like any run
    assert (
        stored.status == "done"
        and stored.human == "web"
        and stored.state_hash == auto_run(live)["state_hash"]
    )


def test_reject_the_plan_and_the_agent_proposes_the_next_one(make_live: MakeLive) -> None:
    live = make_live()
    run_id = live.start(WEB)["id"]
    first = pending(live, run_id)
    live.decide(run_id, first["id"], DecisionIn(decision="reject", reason="not that return flight"))
    second = pending(live, run_id)
    assert second["kind"] == "proposal" and second["payload"]["args"]["total"] == 3235.0
    run = decide_all(live, run_id, approve)
    assert run["status"] == "done" and "AX110-2027-01-24" in run["final_message"]
    [rejected] = [e for e in run["trace"] if e["type"] == "decision" and e["data"]["decision"] == "reject"]
    assert rejected["data"]["reason"] == "not that return flight"


def test_edit_a_plan_by_picking_an_alternative(make_live: MakeLive) -> None:
    live = make_live()
    run_id = live.start(WEB)["id"]
    cp = pending(live, run_id)
    live.decide(run_id, cp["id"], DecisionIn(decision="edit", alternative=1))
    run = decide_all(live, run_id, approve)
    assert run["status"] == "done" and "MV100-2027-01-20" in run["final_message"]
    assert live.checkpoints(run_id)[0]["decision"] == {"decision": "edit", "alternative": 1}


def test_respond_to_a_question(make_live: MakeLive) -> None:
    live = make_live()
    run_id = live.start(WEB.model_copy(update={"scenario": "ambiguous-dates"}))["id"]
    cp = pending(live, run_id)
    assert cp["kind"] == "question" and cp["tool"] == "ask_user"
    with pytest.raises(InvalidDecision, match="question"):
        live.decide(run_id, cp["id"], DecisionIn(decision="approve"))
    live.decide(run_id, cp["id"], DecisionIn(decision="respond", text="Out on the 9th, back on the 13th."))
    run = decide_all(live, run_id, approve)
    assert run["status"] == "done"
    [answer] = [e for e in run["trace"] if e["type"] == "tool_result" and e["data"]["tool"] == "ask_user"]
    assert answer["data"]["result"]["result"] == {"answer": "Out on the 9th, back on the 13th."}


def test_scripted_and_auto_humans_run_through_with_their_checkpoints_recorded(make_live: MakeLive) -> None:
    live = make_live()
    run = auto_run(live)
    assert run["status"] == "done" and run["final_message"] == REPORT
    cps = live.checkpoints(run["id"])
    assert [c["status"] for c in cps] == ["decided"] * 4 and cps[0]["decision"]["decision"] == "approve"


# -- what is refused changes nothing ---------------------------------------------------------------


def snapshot(live: LiveRuns, run_id: str) -> tuple[Any, ...]:
    run = live.get(run_id)
    return run["status"], run["pending"], len(run["trace"]), live.checkpoints(run_id)


def test_refused_decisions_change_nothing(make_live: MakeLive) -> None:
    live = make_live()
    run_id = live.start(WEB)["id"]
    cp = pending(live, run_id)
    before = snapshot(live, run_id)
    refused: list[tuple[type[Exception], str, str, DecisionIn]] = [
        (RunNotFound, "no-such-run", cp["id"], DecisionIn(decision="approve")),
        (RunNotFound, run_id, "no-such-checkpoint", DecisionIn(decision="approve")),
        (InvalidDecision, run_id, cp["id"], DecisionIn(decision="edit")),
        (InvalidDecision, run_id, cp["id"], DecisionIn(decision="edit", alternative=2)),
        (InvalidDecision, run_id, cp["id"], DecisionIn(decision="respond", text="  ")),
    ]
    for error, rid, cid, decision in refused:
        with pytest.raises(error):
            live.decide(rid, cid, decision)
    assert snapshot(live, run_id) == before
    live.decide(run_id, cp["id"], DecisionIn(decision="approve"))
    pending(live, run_id)
    after = snapshot(live, run_id)
    with pytest.raises(Conflict, match="decided"):
        live.decide(run_id, cp["id"], DecisionIn(decision="reject"))
    assert snapshot(live, run_id) == after


def test_unknown_names_are_refused_before_anything_is_created(make_live: MakeLive) -> None:
    live = make_live()
    for update, match in [
        ({"scenario": "basic-round-trp"}, "Did you mean 'basic-round-trip'"),
        ({"agent": "referenc"}, "Did you mean 'reference'"),
        ({"agent": "os:system"}, "Unknown agent"),
        ({"policy": "ask-on-wrte"}, "Did you mean 'ask-on-write'"),
    ]:
        with pytest.raises(UnknownNameError, match=match):
            live.start(WEB.model_copy(update=update))
    with pytest.raises(Exception, match="preset names only"):
        live.start(WEB.model_copy(update={"policy": "/etc/policy.yaml"}))
    assert live.list_runs() == [] and live.store.runs() == []


def test_concurrent_decisions_on_one_checkpoint_exactly_one_wins(make_live: MakeLive) -> None:
    live = make_live()
    run_id = live.start(WEB)["id"]
    cp = pending(live, run_id)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def decide(n: int) -> None:
        barrier.wait()
        try:
            live.decide(run_id, cp["id"], DecisionIn(decision="reject" if n % 2 else "approve", reason="x"))
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=decide, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["ok"]
    nxt = pending(live, run_id)  # resumed exactly once: one new checkpoint, one decision event
    assert nxt["id"] != cp["id"] and sum(e["type"] == "decision" for e in live.get(run_id)["trace"]) == 1


# -- restarts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("approved_before", [0, 2])
def test_a_waiting_run_survives_a_restart_and_books_nothing_twice(
    make_live: MakeLive, approved_before: int
) -> None:
    first = make_live()
    reference = auto_run(first)
    run_id = first.start(WEB)["id"]
    for _ in range(approved_before):
        first.decide(run_id, pending(first, run_id)["id"], DecisionIn(decision="approve"))
    waiting = pending(first, run_id)
    close(first)
    del first

    second = make_live()  # a new process: nothing of the run in memory
    assert second.recovered == [] and second.get(run_id)["status"] == "waiting"
    second.decide(run_id, waiting["id"], DecisionIn(decision="approve"))
    run = decide_all(second, run_id, approve)
    assert run["status"] == "done", run["error"]
    assert booked(run) == ["B0001", "B0002", "B0003"] and run["final_message"] == REPORT
    assert run["state_hash"] == reference["state_hash"] and run["scores"]["overall"] == 1.0
    assert_trace_whole(run)
    types = [e["type"] for e in run["trace"]]
    assert types == [e["type"] for e in reference["trace"]]
    assert types.count("checkpoint") == types.count("decision") == 4 and types.count("run_start") == 1


def test_runs_left_running_by_a_dead_process_are_marked_error(make_live: MakeLive) -> None:
    first = make_live()
    run_id = first.start(WEB)["id"]
    pending(first, run_id)
    first.store.save_progress(run_id, status="running")  # as if it died mid-segment
    close(first)
    second = make_live()
    assert second.recovered == [run_id]
    run = second.get(run_id)
    assert (run["status"], run["error"]) == ("error", "interrupted by a server restart")
    assert run["trace"][-1]["type"] == "run_end" and second.runs.get(run_id).status == "error"
    assert_trace_whole(run)


def book_both_at_once(ctx: AgentContext) -> Any:
    """Books the flight and the hotel in one turn (two parallel tool calls), then reports."""

    def act(state: MessagesState) -> dict[str, Any]:
        if any(isinstance(m, ToolMessage) for m in state["messages"]):
            return {"messages": [AIMessage(content="done")]}
        calls = [
            {"name": "book_flight", "args": {"flight_id": "AX100-2027-01-20", "passengers": 1}, "id": "c1"},
            {
                "name": "book_hotel",
                "args": {"hotel_id": "H-JFK-04", "check_in": "2027-01-20", "check_out": "2027-01-24"},
                "id": "c2",
            },
        ]
        return {"messages": [AIMessage(content="", tool_calls=[{**c, "type": "tool_call"} for c in calls])]}

    graph = StateGraph(MessagesState)
    graph.add_node("act", act)
    graph.add_node("tools", ToolNode(ctx.tools))
    graph.add_edge(START, "act")
    graph.add_conditional_edges(
        "act", lambda s: "tools" if s["messages"][-1].tool_calls else END, ["tools", END]
    )
    graph.add_edge("tools", "act")
    return graph.compile(checkpointer=ctx.checkpointer)


@pytest.fixture
def parallel_agent() -> Iterator[str]:
    book_both_at_once.needs_model = False  # type: ignore[attr-defined]
    agents.register("test-live-parallel", book_both_at_once, replace=True)
    yield "test-live-parallel"
    agents.unregister("test-live-parallel")


def test_a_sibling_call_that_ran_before_the_restart_is_not_run_again(
    make_live: MakeLive, parallel_agent: str
) -> None:
    """ask-above-1000: the $402 flight is booked at once, the $2,266 hotel waits. After a restart,
    LangGraph re-runs the whole tool node; the flight call must return its recorded result."""
    spec = WEB.model_copy(update={"agent": parallel_agent, "policy": "ask-above-1000"})
    first = make_live()
    reference = wait(first, first.start(spec.model_copy(update={"human": "auto"}))["id"], "done")
    run_id = first.start(spec)["id"]
    cp = pending(first, run_id)
    assert cp["tool"] == "book_hotel" and booked(first.get(run_id)) == ["B0001"]
    close(first)
    second = make_live()
    second.decide(run_id, cp["id"], DecisionIn(decision="approve"))
    run = wait(second, run_id, "done", "error")
    assert run["status"] == "done" and booked(run) == ["B0001", "B0002"]
    assert run["state_hash"] == reference["state_hash"] and run["spend"] == reference["spend"] == 2668.0
    assert_trace_whole(run)


def test_a_checkpoint_event_is_published_with_its_pending_checkpoint(
    make_live: MakeLive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Followers (SSE, the pages) act on a ``checkpoint`` event by fetching the pending checkpoint, so
    the event must be written in the same transaction as the checkpoint and the ``waiting`` status."""
    live = make_live()
    writes: list[tuple[list[str], str | None, int]] = []
    save = live.store.save_progress

    def spy(run_id: str, **kw: Any) -> None:
        writes.append(
            ([e["type"] for e in kw.get("events", ())], kw.get("status"), len(kw.get("checkpoints", ())))
        )
        save(run_id, **kw)

    monkeypatch.setattr(live.store, "save_progress", spy)
    decide_all(live, live.start(WEB)["id"], approve)
    with_checkpoint = [(status, n) for types, status, n in writes if "checkpoint" in types]
    assert with_checkpoint == [("waiting", 1)] * 4


def test_a_live_run_with_the_simulated_reviewer_is_decided_with_its_time(make_live: MakeLive) -> None:
    live = make_live()
    run = wait(live, live.start(WEB.model_copy(update={"human": "reviewer"}))["id"], "done", "error")
    assert run["status"] == "done"
    decided = [e["data"] for e in run["trace"] if e["type"] == "decision"]
    assert len(decided) == 4  # the plan and three bookings (ask-on-write), none harmful
    assert all(d["seconds"] > 8.0 for d in decided)
    assert run["caught_by_human"] == 0 and run["reached_world"] == 0
