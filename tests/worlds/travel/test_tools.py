from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from worlds.travel.catalog import CatalogView, fare_cents, stay_cents
from worlds.travel.run import TOOLS, TravelEnv, quote_cents

Ok = Callable[..., Any]
Err = Callable[..., tuple[str, str]]

F1, F2, BACK = (
    "MV901-2027-01-20",
    "MV902-2027-01-20",
    "MV903-2027-01-24",
)  # refundable, non-refundable, return
HOTEL, NONREF = "H-JFK-90", "H-JFK-91"


def test_tool_list_and_marks() -> None:
    assert [(t.name, t.kind) for t in TOOLS] == [
        ("search_flights", "READ"),
        ("search_flight_dates", "READ"),
        ("get_flight", "READ"),
        ("search_hotels", "READ"),
        ("get_hotel", "READ"),
        ("get_calendar", "READ"),
        ("get_budget", "READ"),
        ("get_traveler_profile", "READ"),
        ("list_bookings", "READ"),
        ("book_flight", "WRITE"),
        ("book_hotel", "WRITE"),
        ("confirm_booking", "WRITE"),
        ("cancel_booking", "WRITE"),
        ("add_calendar_event", "WRITE"),
    ]


def test_schemas_come_from_signatures() -> None:
    specs = {t.name: t.json_schema() for t in TOOLS}
    search = specs["search_flights"]["parameters"]
    assert search["required"] == ["origin", "destination", "date"]
    assert search["properties"]["date"]["format"] == "date"
    assert search["properties"]["cabin"]["enum"] == ["economy", "premium", "business"]
    assert search["properties"]["passengers"]["maximum"] == 9
    assert "YYYY-MM-DD" in specs["search_flights"]["description"]
    assert specs["book_flight"]["parameters"]["required"] == ["flight_id", "passengers"]
    assert specs["add_calendar_event"]["parameters"]["properties"]["start"]["format"] == "date-time"
    assert all(len(s["description"]) > 60 for s in specs.values())


# -- READ ----------------------------------------------------------------------------------------------


def test_search_flights(env: TravelEnv, ok: Ok, view: CatalogView) -> None:
    data = ok(env, "search_flights", origin="sfo", destination="JFK", date="2027-01-20", passengers=2)
    flights = data["flights"]
    ids = [f["flight_id"] for f in flights]
    assert F1 in ids and F2 in ids and data["count"] == len(flights) and data["origin"] == "SFO"
    assert [f["depart"] for f in flights] == sorted(f["depart"] for f in flights)
    f1 = next(f for f in flights if f["flight_id"] == F1)
    unit = fare_cents(view.flight(F1), "economy", env.now)  # type: ignore[arg-type]
    assert f1["price"] == unit / 100 and f1["total_price"] == 2 * unit / 100
    assert f1["depart"] == "2027-01-20T08:00:00-08:00" and f1["arrive"] == "2027-01-20T16:30:00-05:00"
    assert (f1["seats_left"], f1["available"], f1["refundable"]) == (3, True, True)
    assert f1["airline_name"] == "Meridian Vale" and f1["flight_number"] == "MV901"


def test_search_flights_errors(env: TravelEnv, err: Err) -> None:
    code, msg = err(env, "search_flights", origin="ZZZ", destination="JFK", date="2027-01-20")
    assert code == "not_found" and "'ZZZ'" in msg and "SFO" in msg
    assert (
        err(env, "search_flights", origin="SFO", destination="JFK", date="2027-03-20")[0] == "invalid_dates"
    )
    code, msg = err(env, "search_flights", origin="SFO", destination="JFK", date="2027-01-02")
    assert code == "in_the_past" and "2027-01-05" in msg
    code, msg = err(env, "search_flights", origin="SFO", destination="JFK", date="20/01/2027")
    assert code == "invalid_argument" and "date" in msg
    assert err(env, "search_flights", origin="SFO", destination="JFK", date="2027-01-20", cabin="first")[
        0
    ] == ("invalid_argument")


def test_get_flight(env: TravelEnv, ok: Ok, err: Err) -> None:
    data = ok(env, "get_flight", flight_id=F1)
    assert data["cabins"]["economy"]["seats_left"] == 3 and data["cabins"]["business"]["seats_left"] == 0
    assert data["cabins"]["premium"]["price"] > data["cabins"]["economy"]["price"]
    assert err(env, "get_flight", flight_id="XX1-2027-01-01") == ("not_found", "no flight 'XX1-2027-01-01'")


def test_search_and_get_hotel(env: TravelEnv, ok: Ok, err: Err, view: CatalogView) -> None:
    data = ok(env, "search_hotels", city="JFK", check_in="2027-01-20", check_out="2027-01-24", rooms=2)
    h = next(h for h in data["hotels"] if h["hotel_id"] == HOTEL)
    total = stay_cents(view.hotel(HOTEL), env.now.date().replace(day=20), env.now.date().replace(day=24), 2)  # type: ignore[arg-type]
    assert h["total_price"] == total / 100 and h["nights"] == 4 and h["rooms_left"] == 2 and h["available"]
    assert "until 2027-01-17" in h["cancellation"] and "50%" in h["cancellation"]
    details = ok(env, "get_hotel", hotel_id=HOTEL)
    assert details["name"] == "Test Inn" and details["reviews"] == []
    real = ok(env, "get_hotel", hotel_id=data["hotels"][0]["hotel_id"])
    assert real["reviews"] and {"author", "rating", "text"} == set(real["reviews"][0])
    assert err(env, "get_hotel", hotel_id="H-XXX-01") == ("not_found", "no hotel 'H-XXX-01'")


@pytest.mark.parametrize(
    ("check_in", "check_out", "code"),
    [
        ("2027-01-20", "2027-01-20", "invalid_dates"),
        ("2027-01-22", "2027-01-20", "invalid_dates"),
        ("2027-02-14", "2027-02-16", "invalid_dates"),
        ("2026-12-30", "2027-01-02", "invalid_dates"),
        ("2027-01-03", "2027-01-06", "in_the_past"),
        ("2027-01-06", "2027-02-15", "invalid_dates"),
    ],
)
def test_hotel_dates(env: TravelEnv, err: Err, check_in: str, check_out: str, code: str) -> None:
    assert err(env, "search_hotels", city="JFK", check_in=check_in, check_out=check_out)[0] == code
    assert err(env, "book_hotel", hotel_id=HOTEL, check_in=check_in, check_out=check_out)[0] == code


def test_profile_calendar_budget_bookings(env: TravelEnv, ok: Ok, err: Err) -> None:
    assert ok(env, "get_traveler_profile") == {
        "name": "Ada",
        "home": "SFO",
        "party": ["Grace"],
        "party_size": 2,
        "seat": "any",
        "cabin": "economy",
        "loyalty": {},
        "notes": [],
    }
    assert [e["id"] for e in ok(env, "get_calendar")["events"]] == ["E001"]
    assert ok(env, "get_calendar", start="2027-01-13")["events"] == []
    assert ok(env, "get_calendar", end="2027-01-12")["events"][0]["title"] == "Board meeting"
    assert err(env, "get_calendar", start="2027-01-13", end="2027-01-12")[0] == "invalid_dates"
    assert ok(env, "get_budget") == {
        "budget": 5000.0,
        "spent": 0.0,
        "budget_remaining": 5000.0,
        "currency": "USD",
        "ledger": [],
    }
    assert ok(env, "list_bookings") == {"bookings": []}


# -- WRITE ---------------------------------------------------------------------------------------------


def test_book_flight_charges_reserves_and_calendars(env: TravelEnv, ok: Ok) -> None:
    unit = env.fare_cents(env.view.flight(F1), "economy")  # type: ignore[arg-type]
    b = ok(env, "book_flight", flight_id=F1, passengers=2)
    assert (b["booking_id"], b["status"], b["total_price"], b["charged"]) == (
        "B0001",
        "confirmed",
        2 * unit / 100,
        2 * unit / 100,
    )
    assert b["budget_remaining"] == (500_000 - 2 * unit) / 100
    s = env.state
    assert s.seats_taken == {f"{F1}/economy": 2} and s.spent_cents == 2 * unit
    assert [(e.kind, e.amount_cents, e.booking_id) for e in s.ledger] == [("charge", 2 * unit, "B0001")]
    cal = s.calendar[-1]
    assert (cal.source, cal.booking_id, cal.start.isoformat()) == (
        "agent",
        "B0001",
        "2027-01-20T08:00:00-08:00",
    )
    assert s.bookings["B0001"].call_id == "auto-1"
    assert ok(env, "get_flight", flight_id=F1)["cabins"]["economy"]["seats_left"] == 1


def test_hold_then_confirm(env: TravelEnv, ok: Ok, err: Err) -> None:
    held = ok(env, "book_hotel", hotel_id=HOTEL, check_in="2027-01-20", check_out="2027-01-22", hold=True)
    assert held["status"] == "held" and held["charged"] == 0.0 and env.state.spent_cents == 0
    assert env.state.rooms_taken == {f"{HOTEL}/2027-01-20": 1, f"{HOTEL}/2027-01-21": 1}
    done = ok(env, "confirm_booking", booking_id="B0001")
    assert done["status"] == "confirmed" and done["charged"] == held["total_price"]
    assert env.state.spent_cents == round(held["total_price"] * 100)
    code, msg = err(env, "confirm_booking", booking_id="B0001")
    assert code == "invalid_argument" and "B0001 is confirmed" in msg
    code, msg = err(env, "confirm_booking", booking_id="B0042")
    assert code == "not_found" and "'B0042'" in msg and "B0001" in msg


def test_sold_out_and_overbooking(env: TravelEnv, ok: Ok, err: Err) -> None:
    code, msg = err(env, "book_flight", flight_id=F1, passengers=2, cabin="premium")
    assert code == "sold_out" and "only 1 premium" in msg
    assert err(env, "book_flight", flight_id=F1, passengers=1, cabin="business")[0] == "sold_out"
    ok(env, "book_flight", flight_id=F1, passengers=2)
    ok(env, "book_flight", flight_id=F1, passengers=1, hold=True)
    code, msg = err(env, "book_flight", flight_id=F1, passengers=1)
    assert code == "sold_out" and F1 in msg
    ok(env, "book_hotel", hotel_id=HOTEL, check_in="2027-01-20", check_out="2027-01-22", rooms=2)
    code, msg = err(env, "book_hotel", hotel_id=HOTEL, check_in="2027-01-21", check_out="2027-01-23")
    assert code == "sold_out" and HOTEL in msg
    ok(
        env, "book_hotel", hotel_id=HOTEL, check_in="2027-01-22", check_out="2027-01-23"
    )  # back-to-back is fine


def test_max_price(env: TravelEnv, ok: Ok, err: Err) -> None:
    total = 2 * env.fare_cents(env.view.flight(F2), "economy")  # type: ignore[arg-type]
    before = env.state.model_dump(exclude={"tool_calls", "call_counts"})
    code, msg = err(env, "book_flight", flight_id=F2, passengers=2, max_price=total / 100 - 1)
    assert code == "price_changed" and f"${total / 100:,.2f}" in msg
    assert env.state.model_dump(exclude={"tool_calls", "call_counts"}) == before
    assert ok(env, "book_flight", flight_id=F2, passengers=2, max_price=total / 100)["charged"] == total / 100


def test_bad_arguments_are_errors_not_crashes(env: TravelEnv, err: Err) -> None:
    assert err(env, "book_flight", flight_id=F1, passengers=0)[0] == "invalid_argument"
    assert err(env, "book_flight", flight_id=F1)[0] == "invalid_argument"
    assert err(env, "book_flight", flight_id=F1, passengers=1, seat="12A")[0] == "invalid_argument"
    assert env.call("book_flight", "not a dict").error.code == "invalid_argument"  # type: ignore[arg-type, union-attr]
    for bad in (float("nan"), float("inf"), 1e308, -5):
        assert err(env, "book_flight", flight_id=F2, passengers=1, max_price=bad)[0] == "invalid_argument"
    assert env.call("get_budget", {}, call_id=["x"]).ok  # type: ignore[arg-type]
    code, msg = err(env, "book_flights", flight_id=F1)
    assert code == "unknown_tool" and "'book_flight'" in msg and "search_hotels" in msg
    assert env.state.bookings == {} and len(env.state.tool_calls) == 10


def test_cancel_refundable_flight_full_refund(env: TravelEnv, ok: Ok, err: Err) -> None:
    b = ok(env, "book_flight", flight_id=F1, passengers=1)
    out = ok(env, "cancel_booking", booking_id="B0001")
    assert (out["status"], out["refund"], out["fee"]) == ("cancelled", b["total_price"], 0.0)
    s = env.state
    assert s.spent_cents == 0 and s.seats_taken == {} and all(e.booking_id is None for e in s.calendar)
    code, msg = err(env, "cancel_booking", booking_id="B0001")
    assert code == "invalid_argument" and "already cancelled" in msg


def test_cancel_nonrefundable_flight_keeps_the_charge(env: TravelEnv, ok: Ok) -> None:
    b = ok(env, "book_flight", flight_id=F2, passengers=1)
    out = ok(env, "cancel_booking", booking_id="B0001")
    assert out["refund"] == 0.0 and "no refund" in out["note"]
    assert env.state.spent_cents == round(b["total_price"] * 100) and env.state.seats_taken == {}
    assert [e.kind for e in env.state.ledger] == ["charge"]


def test_cancel_hold_is_free(env: TravelEnv, ok: Ok) -> None:
    ok(env, "book_flight", flight_id=F2, passengers=2, hold=True)
    out = ok(env, "cancel_booking", booking_id="B0001")
    assert out["refund"] == out["fee"] == 0.0 and env.state.ledger == [] and env.state.seats_taken == {}


def test_cancel_hotel_free_late_and_nonrefundable(env: TravelEnv, ok: Ok) -> None:
    early = ok(env, "book_hotel", hotel_id=HOTEL, check_in="2027-01-20", check_out="2027-01-22")
    late = ok(env, "book_hotel", hotel_id=HOTEL, check_in="2027-01-07", check_out="2027-01-09")
    nonref = ok(env, "book_hotel", hotel_id=NONREF, check_in="2027-01-20", check_out="2027-01-22")
    out = ok(env, "cancel_booking", booking_id=early["booking_id"])
    assert out["refund"] == early["total_price"] and out["fee"] == 0.0
    out = ok(env, "cancel_booking", booking_id=late["booking_id"])
    fee = round(late["total_price"] * 100 * 0.5)
    assert out["refund"] == late["total_price"] and out["fee"] == fee / 100 and "50% fee" in out["note"]
    out = ok(env, "cancel_booking", booking_id=nonref["booking_id"])
    assert out["refund"] == 0.0 and out["fee"] == 0.0
    s = env.state
    assert s.spent_cents == fee + round(nonref["total_price"] * 100)
    assert s.rooms_taken == {}
    for bid in s.bookings:
        refunds = sum(e.amount_cents for e in s.ledger if e.booking_id == bid and e.kind == "refund")
        charges = sum(e.amount_cents for e in s.ledger if e.booking_id == bid and e.kind == "charge")
        assert refunds <= charges


def test_add_calendar_event(env: TravelEnv, ok: Ok, err: Err) -> None:
    e = ok(
        env,
        "add_calendar_event",
        title="Dinner",
        start="2027-01-21T19:00:00-05:00",
        end="2027-01-21T21:00:00-05:00",
    )
    assert (e["id"], e["source"], e["start"]) == ("E002", "agent", "2027-01-21T19:00:00-05:00")
    assert err(env, "add_calendar_event", title="x", start="2027-01-21T19:00:00", end="2027-01-21T21:00:00")[
        0
    ] == ("invalid_argument")
    assert err(
        env, "add_calendar_event", title="x", start="2027-01-21T19:00:00Z", end="2027-01-21T18:00:00Z"
    )[0] == ("invalid_dates")
    assert err(
        env, "add_calendar_event", title="x", start="2027-01-01T19:00:00Z", end="2027-01-01T20:00:00Z"
    )[0] == ("in_the_past")
    assert err(
        env, "add_calendar_event", title=" ", start="2027-01-21T19:00:00Z", end="2027-01-21T20:00:00Z"
    )[0] == ("invalid_argument")


def test_quote_cents(env: TravelEnv, ok: Ok) -> None:
    unit = env.fare_cents(env.view.flight(F1), "economy")  # type: ignore[arg-type]
    assert quote_cents(env, "book_flight", {"flight_id": F1, "passengers": 2}) == 2 * unit
    assert quote_cents(env, "book_flight", {"flight_id": F1, "passengers": 2, "hold": True}) == 0
    assert quote_cents(env, "book_flight", {"flight_id": "nope", "passengers": 2}) is None
    assert quote_cents(env, "book_flight", {"flight_id": F1}) is None
    assert quote_cents(env, "search_flights", {}) is None and quote_cents(env, "nope", {}) is None
    hotel = {"hotel_id": HOTEL, "check_in": "2027-01-20", "check_out": "2027-01-22"}
    h = quote_cents(env, "book_hotel", hotel)
    assert h is not None and h > 0
    assert quote_cents(env, "book_hotel", {**hotel, "check_out": "2027-01-20"}) is None
    ok(env, "book_hotel", **hotel, hold=True)
    assert quote_cents(env, "confirm_booking", {"booking_id": "B0001"}) == h
    assert quote_cents(env, "cancel_booking", {"booking_id": "B0001"}) == 0
    ok(env, "confirm_booking", booking_id="B0001")
    assert quote_cents(env, "confirm_booking", {"booking_id": "B0001"}) is None
    assert quote_cents(env, "cancel_booking", {"booking_id": "B0001"}) == -h
    assert (
        quote_cents(
            env,
            "add_calendar_event",
            {"title": "x", "start": "2027-01-21T19:00:00Z", "end": "2027-01-21T20:00:00Z"},
        )
        == 0
    )


# -- the call path -----------------------------------------------------------------------------------


def test_call_id_is_idempotent(env: TravelEnv) -> None:
    first = env.call("book_flight", {"flight_id": F2, "passengers": 1}, call_id="c1")
    again = env.call("book_flight", {"flight_id": F2, "passengers": 1}, call_id="c1")
    assert first.ok and again == first
    assert len(env.state.bookings) == 1 and env.state.call_counts == {"book_flight": 1}
    assert env.state.bookings["B0001"].call_id == "c1"
    assert env.lookup("c1") == first and env.lookup("c2") is None and env.fault_for("c1") is None


def test_record_for_calls_the_world_did_not_run(env: TravelEnv) -> None:
    from sandbox.spi import ToolResult

    blocked = ToolResult.failure("blocked", "guardrail blocked book_flight")
    env.record("g1", "book_flight", {"flight_id": F1}, blocked)
    assert env.call("book_flight", {"flight_id": F1, "passengers": 1}, call_id="g1") == blocked
    assert env.state.bookings == {} and env.state.call_counts == {}
    rec = env.state.tool_calls[0]
    assert (rec.seq, rec.call_id, rec.tool, rec.args, rec.result["ok"]) == (
        1,
        "g1",
        "book_flight",
        {"flight_id": F1},
        False,
    )


def test_failed_write_is_rolled_back(env: TravelEnv) -> None:
    """A WRITE that changes the state and then fails (or crashes) leaves only its call record behind."""
    from sandbox.errors import ToolError
    from sandbox.spi import WRITE, tool

    @tool(WRITE)
    def half_book(env: TravelEnv, crash: bool = False) -> dict[str, Any]:
        """Test tool: books a flight, then fails."""
        env.tools["book_flight"].fn(
            env, flight_id=F2, passengers=1, cabin="economy", hold=False, max_price=None
        )
        env.state.budget_cents = 1
        if crash:
            raise RuntimeError("boom")
        raise ToolError("service_error", "gave up half way")

    env.tools = {**env.tools, "half_book": half_book}
    before = env.state.model_dump(exclude={"tool_calls", "call_counts"})
    assert env.call("half_book", {}).error.code == "service_error"  # type: ignore[union-attr]
    failed = env.call("half_book", {"crash": True}).error
    assert failed is not None and failed.code == "internal_error" and "boom" in failed.message
    assert env.state.model_dump(exclude={"tool_calls", "call_counts"}) == before
    assert [(r.call_id, r.tool) for r in env.state.tool_calls] == [
        ("auto-1", "half_book"),
        ("auto-2", "half_book"),
    ]
