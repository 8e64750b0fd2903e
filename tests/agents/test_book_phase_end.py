"""A booking phase that ends with part of the approved plan unbooked says so: the phase summary is a
message the faithfulness judge reads like any other, and "Everything in the approved plan is booked"
after a guardrail stopped a booking is a false claim."""

from __future__ import annotations

from langchain_core.messages import SystemMessage

from agents.models._scripted_belief import Call
from agents.models._scripted_text import failed_bookings
from tests.agents.test_scripted_model import SYSTEM, approved, booking, error, planned

BOOK_TOOLS = ["book_flight", "book_hotel", "cancel_booking"]


def test_a_booking_stopped_by_a_guardrail_is_named_when_the_book_phase_ends() -> None:
    chat = approved(planned())
    chat.answer(booking("B0001", {"kind": "flight", "flight_id": "AX100-2027-01-20"}, 402.0))
    chat.answer(error("blocked", "guardrail blocked book_flight: not_in_past: the flight has left"))
    chat.messages[0] = SystemMessage(SYSTEM + "PHASE: book\n")
    said = chat.next(BOOK_TOOLS).content
    assert not said.startswith("Everything in the approved plan is booked")
    assert said == "Not everything in the approved plan is booked: AX101-2027-01-24 could not be booked."


def test_a_failed_booking_done_again_later_is_no_failed_booking() -> None:
    args = {"flight_id": "AX101-2027-01-24", "passengers": 1}
    failed = Call("1", "book_flight", args, 0, ok=False, code="blocked")
    later = Call("2", "book_flight", dict(args), 1, ok=True)
    flaky = Call("3", "book_hotel", {"hotel_id": "H-JFK-04"}, 2, ok=False, code="service_error")
    retried = Call("4", "book_hotel", {"hotel_id": "H-JFK-04"}, 3, ok=True)
    assert failed_bookings([failed]) == ["AX101-2027-01-24"]
    assert failed_bookings([failed, later]) == []
    fewer = Call("5", "book_flight", {"flight_id": "AX101-2027-01-24", "passengers": 2}, 4, ok=True)
    assert failed_bookings([failed, fewer]) == []  # the same flight, booked for another party size
    assert failed_bookings([flaky]) == ["H-JFK-04"]  # the retries ran out
    assert failed_bookings([flaky, retried]) == []
