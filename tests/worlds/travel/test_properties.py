"""Invariants of the travel runtime over random sequences of tool calls (Hypothesis).

The calls mix valid and invalid arguments over a small pool of items with tiny capacities (see
conftest), so holds, sell-outs, cancellations and argument errors all happen often.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from worlds.travel.catalog import CatalogView
from worlds.travel.records import CABINS
from worlds.travel.run import TravelEnv, TravelState, new_env
from worlds.travel.run.state import CALL_RECORD_FIELDS, FAULT_FIELDS
from worlds.travel.scenario import TravelScenario

Call = tuple[str, Any]
REAL = "@real"  # replaced by a generated SFO->JFK flight of 2027-01-20
F1, F2 = "MV901-2027-01-20", "MV902-2027-01-20"
FLIGHTS = [F1, F1, F2, F2, "MV903-2027-01-24", "MV904-2027-01-12", REAL, "XX1-2027-01-01"]
HOTELS = ["H-JFK-90", "H-JFK-90", "H-JFK-91", "H-JFK-01", "H-XXX-01"]
DAY0 = dt.date(2027, 1, 18)

dates = st.one_of(
    st.integers(-2, 8).map(lambda d: DAY0 + dt.timedelta(days=d)),
    st.sampled_from([dt.date(2027, 1, 2), dt.date(2027, 2, 20)]),  # in the past, after the catalog
).map(str)
cabins = st.sampled_from(["economy", "economy", "economy", "premium", "business", "first"])
passengers = st.sampled_from([1, 1, 2, 2, 3, 0])
booking_ids = st.sampled_from(["B0001", "B0001", "B0001", "B0002", "B0002", "B0003", "B9999"])


@st.composite
def hotel_args(draw: st.DrawFn) -> dict[str, Any]:
    check_in = DAY0 + dt.timedelta(days=draw(st.integers(0, 4)))
    nights = draw(st.integers(-1, 4))
    args = {"check_in": str(check_in), "check_out": str(check_in + dt.timedelta(days=nights))}
    if draw(st.integers(0, 3)) == 0:
        args = {"check_in": draw(dates), "check_out": draw(dates)}
    return args


BOOK_FLIGHT = st.builds(
    lambda f, n, c, hold, mp: (
        "book_flight",
        {"flight_id": f, "passengers": n, "cabin": c, "hold": hold, "max_price": mp},
    ),
    st.sampled_from(FLIGHTS),
    passengers,
    cabins,
    st.booleans(),
    st.one_of(st.none(), st.none(), st.none(), st.floats(50, 3000)),
)
BOOK_HOTEL = st.builds(
    lambda h, d, r, hold: ("book_hotel", {"hotel_id": h, **d, "rooms": r, "hold": hold}),
    st.sampled_from(HOTELS),
    hotel_args(),
    st.sampled_from([1, 1, 2, 0]),
    st.booleans(),
)
CONFIRM = st.builds(lambda b: ("confirm_booking", {"booking_id": b}), booking_ids)
CANCEL = st.builds(lambda b: ("cancel_booking", {"booking_id": b}), booking_ids)
CALLS = st.one_of(
    BOOK_FLIGHT,
    BOOK_FLIGHT,
    BOOK_HOTEL,
    BOOK_HOTEL,
    CONFIRM,
    CANCEL,
    CANCEL,
    st.builds(
        lambda d, c, n: (
            "search_flights",
            {"origin": "SFO", "destination": "JFK", "date": d, "cabin": c, "passengers": n},
        ),
        dates,
        cabins,
        passengers,
    ),
    st.builds(lambda d: ("search_hotels", {"city": "JFK", **d}), hotel_args()),
    st.builds(lambda f: ("get_flight", {"flight_id": f}), st.sampled_from(FLIGHTS)),
    st.sampled_from(
        [("get_budget", {}), ("list_bookings", {}), ("get_calendar", {}), ("get_traveler_profile", {})]
    ),
    st.builds(
        lambda h, n: (
            "add_calendar_event",
            {"title": "x", "start": f"2027-01-2{h}T10:00:00Z", "end": f"2027-01-2{h}T{10 + n:02d}:00:00Z"},
        ),
        st.integers(0, 3),
        st.integers(-1, 3),
    ),
    st.sampled_from(
        [("book_flight", "not a dict"), ("book_flihgt", {}), ("cancel_booking", {"id": "B0001"})]
    ),
)
FAULTS = st.lists(
    st.fixed_dictionaries(
        {
            "tool": st.sampled_from(["*", "book_*", "book_flight", "search_*"]),
            "kind": st.sampled_from(["error", "timeout", "price_change", "sold_out", "stale"]),
            "probability": st.sampled_from([0.2, 0.5]),
            "pct": st.sampled_from([-30.0, 25.0]),
        }
    ),
    max_size=3,
)
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _resolve(view: CatalogView, calls: list[Call]) -> list[Call]:
    real = view.flights_on("SFO", "JFK", DAY0 + dt.timedelta(days=2))[0].id
    out = []
    for tool, args in calls:
        if isinstance(args, dict) and args.get("flight_id") == REAL:
            args = {**args, "flight_id": real}
        out.append((tool, args))
    return out


def _world(env: TravelEnv, *, faults: bool) -> str:
    skip = set(CALL_RECORD_FIELDS) | (set(FAULT_FIELDS) if faults else set())
    return env.state.model_dump_json(exclude=skip)


def check_invariants(env: TravelEnv) -> None:
    s, view = env.state, env.view
    seats: Counter[str] = Counter()
    rooms: Counter[str] = Counter()
    for b in s.bookings.values():
        if b.status == "cancelled":
            continue
        if b.kind == "flight":
            seats[f"{b.item_id}/{b.cabin}"] += b.passengers or 0
        else:
            assert b.check_in is not None and b.check_out is not None
            for d in range((b.check_out - b.check_in).days):
                rooms[f"{b.item_id}/{b.check_in + dt.timedelta(days=d)}"] += b.rooms or 0
    assert s.seats_taken == dict(seats) and s.rooms_taken == dict(rooms)
    for key, n in s.seats_taken.items():  # no overbooking
        fid, cabin = key.rsplit("/", 1)
        f = view.flight(fid)
        assert f is not None and 0 < n <= f.seats[CABINS.index(cabin)]
        assert 0 <= env.seats_left(f, cabin) <= f.seats[CABINS.index(cabin)]  # type: ignore[arg-type]
    for key, n in s.rooms_taken.items():
        h = view.hotel(key.split("/", 1)[0])
        assert h is not None and 0 < n <= h.rooms
    # The ledger balances, per booking and in total.
    total = 0
    for b in s.bookings.values():
        entries = [e for e in s.ledger if e.booking_id == b.id]
        charges = sum(e.amount_cents for e in entries if e.kind == "charge")
        refunds = sum(e.amount_cents for e in entries if e.kind == "refund")
        fees = sum(e.amount_cents for e in entries if e.kind == "fee")
        assert refunds <= charges and fees <= charges
        if b.status == "held":
            assert not entries
        elif b.status == "confirmed":
            assert (charges, refunds, fees) == (b.price_cents, 0, 0)
        else:
            assert charges in (0, b.price_cents) and refunds in (0, charges)
        total += charges + fees - refunds
    assert s.spent_cents == total >= 0
    assert {e.seq for e in s.ledger} == set(range(1, len(s.ledger) + 1))
    # Calendar: exactly the confirmed flights are in it.
    booked = {e.booking_id for e in s.calendar if e.booking_id}
    assert booked == {b.id for b in s.bookings.values() if b.kind == "flight" and b.status == "confirmed"}


def run(env: TravelEnv, calls: list[Call], *, faults: bool = False) -> None:
    for i, (tool, args) in enumerate(calls):
        before = _world(env, faults=faults)
        result = env.call(tool, args, call_id=f"c{i}")
        event(f"{tool}: {'ok' if result.error is None else result.error.code}")
        assert result.error is None or result.error.code != "internal_error", result.error
        kind = getattr(env.faults, "faults", None)
        is_write = tool in {
            "book_flight",
            "book_hotel",
            "confirm_booking",
            "cancel_booking",
            "add_calendar_event",
        }
        if not result.ok or not is_write:
            assert _world(env, faults=faults) == before, (tool, args, result, kind)
        check_invariants(env)


@FAST
@given(calls=st.lists(CALLS, min_size=10, max_size=30))
def test_random_calls_keep_the_invariants(
    scenario: TravelScenario, view: CatalogView, calls: list[Call]
) -> None:
    calls = _resolve(view, calls)
    env = new_env(scenario, view)
    run(env, calls)
    # Same calls, same state; the dump restores it exactly.
    twin = new_env(scenario, view)
    for i, (tool, args) in enumerate(calls):
        twin.call(tool, args, call_id=f"c{i}")
    assert twin.state_hash() == env.state_hash()
    text = env.state.dump()
    back = TravelState.load(text)
    assert back == env.state and back.dump() == text
    # Replaying every call id changes nothing and returns the recorded results.
    recorded = [r.result for r in env.state.tool_calls]
    replayed = [
        env.call(tool, args, call_id=f"c{i}").model_dump(mode="json") for i, (tool, args) in enumerate(calls)
    ]
    assert replayed == recorded and env.state.dump() == text


@FAST
@given(calls=st.lists(CALLS, min_size=10, max_size=30), faults=FAULTS, trial=st.integers(0, 3))
def test_faults_keep_the_invariants_and_are_reproducible(
    make_env: Callable[..., TravelEnv],
    view: CatalogView,
    calls: list[Call],
    faults: list[dict[str, Any]],
    trial: int,
) -> None:
    calls = _resolve(view, calls)
    env = make_env(trial=trial, faults=faults)
    run(env, calls, faults=True)
    twin = make_env(trial=trial, faults=faults)
    for i, (tool, args) in enumerate(calls):
        twin.call(tool, args, call_id=f"c{i}")
    assert twin.state_hash() == env.state_hash()
    fired = sum(env.state.faults_fired.values())
    assert fired == sum(1 for r in env.state.tool_calls if r.fault is not None)
    assert TravelState.load(env.state.dump()) == env.state


EXTREMES = [
    "0001-01-01",
    "9999-12-31",
    "2027-01-20",
    "2027-01-22",
    "9999-12-31T23:00:00-10:00",
    "0001-01-01T00:00:00+10:00",
    "2027-01-21T10:00:00+14:00",
    "B0001",
]
JUNK = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=12),
        st.sampled_from(FLIGHTS + HOTELS + EXTREMES),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)
ARG_NAMES = st.sampled_from(
    ["flight_id", "hotel_id", "booking_id", "passengers", "rooms", "cabin", "hold", "max_price", "date", "check_in",
     "check_out", "origin", "destination", "city", "title", "start", "end", "extra"]
)  # fmt: skip


@FAST
@given(
    calls=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    *(
                        t
                        for t in (
                            "book_flight",
                            "book_hotel",
                            "cancel_booking",
                            "search_flights",
                            "search_hotels",
                            "get_calendar",
                            "add_calendar_event",
                            "confirm_booking",
                        )
                    ),
                    "nope",
                ]
            ),
            st.one_of(st.dictionaries(ARG_NAMES, JUNK, max_size=6), JUNK),
            st.one_of(st.none(), st.text(max_size=3)),
        ),  # fmt: skip
        max_size=15,
    )
)
def test_junk_never_crashes(
    scenario: TravelScenario, view: CatalogView, calls: list[tuple[str, Any, Any]]
) -> None:
    env = new_env(scenario, view)
    for tool, args, call_id in calls:
        result = env.call(tool, args, call_id=call_id)
        assert result.error is None or result.error.code != "internal_error", result.error
        check_invariants(env)
    assert TravelState.load(env.state.dump()) == env.state
