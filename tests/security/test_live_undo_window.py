"""Undo for the irreversible: a decision inside its undo window is not final.

With ``undo_seconds`` set (the server's ``irreversible=undo``), approving a WRITE whose card says it
is irreversible (``basic-round-trip``'s AX100 is a non-refundable fare) is recorded ``held``: nothing
reaches the world, the run keeps waiting, ``undo`` takes it back; only when the window ends is it
released and the run resumed. A restart inside the window (a fresh ``LiveRuns`` on the same files,
as in ``test_live_decisions.py``) leaves the run waiting with the checkpoint pending again, and never
applies the held decision: the run then completes exactly as an uninterrupted one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from live_support import APPROVE, WEB, Server, approve_all, assert_same_run_as, auto_run, pending, wait

from sandbox.control import DecisionIn
from sandbox.live import Conflict, LiveRuns

HOUR = 3600.0  # a window no test outlives: only an undo or a restart ends it


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = Server(tmp_path)
    yield s
    s.close_all()


def at_the_first_booking(live: LiveRuns) -> tuple[str, dict[str, Any]]:
    """A web run whose plan is approved, waiting at its first booking (AX100, non-refundable)."""
    run_id = live.start(WEB)["id"]
    plan = pending(live, run_id)
    assert plan["kind"] == "proposal" and live.decide(run_id, plan["id"], APPROVE)["status"] == "decided"
    booking = pending(live, run_id)
    card = booking["payload"]["card"]
    assert booking["tool"] == "book_flight" and card["irreversible"] is True, card
    return run_id, booking


def next_pending(live: LiveRuns, run_id: str, after: str, timeout: float = 60.0) -> dict[str, Any]:
    """The first pending checkpoint of the run other than ``after``, once there is one."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = [c for c in live.checkpoints(run_id) if c["status"] == "pending" and c["id"] != after]
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"run {run_id} never stopped again after {after}: {live.get(run_id)['status']}")


def decisions_traced(live: LiveRuns, run_id: str) -> list[dict[str, Any]]:
    return [e["data"] for e in live.get(run_id)["trace"] if e["type"] == "decision"]


def booked(live: LiveRuns, run_id: str) -> list[str]:
    return [
        e["data"]["tool"]
        for e in live.get(run_id)["trace"]
        if e["type"] == "tool_result" and e["data"]["tool"].startswith("book_") and e["data"]["ok"]
    ]


def test_a_held_decision_waits_in_its_window_and_can_be_undone(server: Server) -> None:
    live = server.open(undo_seconds=HOUR)
    run_id, booking = at_the_first_booking(live)
    held = live.decide(run_id, booking["id"], APPROVE)
    assert held["status"] == "held" and held["decision"] == {"decision": "approve"}
    assert held["undo_until"] > held["decided_at"]
    assert live.get(run_id)["status"] == "waiting" and booked(live, run_id) == []
    assert [d["tool"] for d in decisions_traced(live, run_id)] == ["propose_itinerary"]  # not the held one
    with pytest.raises(Conflict):  # held is not pending: a second decision is refused
        live.decide(run_id, booking["id"], DecisionIn(decision="reject", reason="changed my mind"))

    undone = live.undo(run_id, booking["id"])
    assert (undone["status"], undone["decision"], undone.get("undo_until")) == ("pending", None, None)
    with pytest.raises(Conflict):  # nothing held any more
        live.undo(run_id, booking["id"])
    assert live.get(run_id)["pending"] == [booking["id"]] and booked(live, run_id) == []

    # decided again, differently: a rejection lets nothing reach the world, so it is not held
    rejected = live.decide(run_id, booking["id"], DecisionIn(decision="reject", reason="not that fare"))
    assert rejected["status"] == "decided"
    assert wait(live, run_id)["status"] in ("waiting", "done")  # the run went on at once
    assert decisions_traced(live, run_id)[1] == {
        "id": booking["payload"]["call_id"],
        "tool": "book_flight",
        "decision": "reject",
        "reason": "not that fare",
        "seconds": decisions_traced(live, run_id)[1]["seconds"],
    }


def test_a_restart_inside_the_window_leaves_the_run_waiting_and_never_applies_it(server: Server) -> None:
    first = server.open(undo_seconds=HOUR)
    reference = auto_run(first)
    run_id, booking = at_the_first_booking(first)
    assert first.decide(run_id, booking["id"], APPROVE)["status"] == "held"
    server.close(first)  # the server stops inside the window

    second = server.open(undo_seconds=HOUR)
    assert second.resumed == [] and second.recovered == []
    run = wait(second, run_id)
    assert run["status"] == "waiting" and run["pending"] == [booking["id"]]
    [again] = [c for c in second.checkpoints(run_id) if c["id"] == booking["id"]]
    assert (again["status"], again["decision"], again["decided_at"]) == ("pending", None, None)
    assert booked(second, run_id) == [] and len(decisions_traced(second, run_id)) == 1
    server.close(second)

    third = server.open()  # no window: the person decides again, and the run completes once
    run = approve_all(third, run_id)
    assert_same_run_as(run, reference)


def test_the_window_ending_releases_the_decision_and_the_run_goes_on(server: Server) -> None:
    live = server.open(undo_seconds=0.2)
    run_id, booking = at_the_first_booking(live)
    assert live.decide(run_id, booking["id"], APPROVE)["status"] == "held"
    next_pending(live, run_id, booking["id"])  # released, the run resumed and stopped at the return flight
    [released] = [c for c in live.checkpoints(run_id) if c["id"] == booking["id"]]
    assert released["status"] == "decided" and released["decision"] == {"decision": "approve"}
    assert booked(live, run_id) == ["book_flight"]
    assert [d["tool"] for d in decisions_traced(live, run_id)] == ["propose_itinerary", "book_flight"]


def test_only_an_irreversible_action_is_held(server: Server) -> None:
    live = server.open(undo_seconds=HOUR)
    run_id = live.start(WEB)["id"]
    plan = pending(live, run_id)  # a plan changes nothing in the world
    assert plan["payload"]["card"]["irreversible"] is True  # its items are non-refundable ...
    assert live.decide(run_id, plan["id"], APPROVE)["status"] == "decided"  # ... but it is a proposal
    booking = pending(live, run_id)
    edit = DecisionIn(decision="edit", args={"flight_id": "AX110-2027-01-20"})
    assert live.decide(run_id, booking["id"], edit)["status"] == "held"  # an edit reaches the world too
    live.undo(run_id, booking["id"])
    respond = DecisionIn(decision="respond", text="wait for my call")
    assert live.decide(run_id, booking["id"], respond)["status"] == "decided"
