"""The travel world's checkpoint cards (``WorldHooks.card``): one per kind of call, in words.

A plan, a booking (a non-refundable fare, a refundable one, a hotel with free cancellation, a hold), a
cancellation and a look-up, on ``scenarios/basic-round-trip.yaml`` (budget $3,500, party of one; it is
Tue 5 Jan 2027 in the world): AX100 ($402, non-refundable) SFO->JFK on Wed 20 January, AX110 (a
refundable fare) JFK->SFO on Sun 24 January, H-JFK-04 Saffron Suites (free cancellation up to a day
before check-in, then 50%).
"""

from __future__ import annotations

from typing import Any

from sandbox.spi import CardContent, worlds
from tests.worlds.travel.test_gateway_travel import AX100, BOOK_AX100, HOTEL, PROPOSAL, scenario
from worlds.travel.run import card_for

WORLD = worlds.get("travel")


def env() -> Any:
    return WORLD.new_env(scenario())


def test_a_plan_card_says_the_trip_its_items_and_their_terms() -> None:
    plan = {
        **PROPOSAL,
        "items": [
            {"kind": "flight", "id": AX100, "price": 402.0},
            {"kind": "flight", "id": "AX110-2027-01-24"},
            {
                "kind": "hotel",
                "id": "H-JFK-04",
                "details": {"check_in": "2027-01-20", "check_out": "2027-01-24"},
            },
        ],
        "total": 3235.0,
    }
    card = card_for(env(), "propose_itinerary", plan)
    assert card == CardContent(
        headline="Fly SFO→JFK Wed 20 Jan 06:25, then JFK→SFO Sun 24 Jan 18:20; 4 nights at Saffron Suites: "
        "$3,235 in all",
        facts=[
            "Flight AX100 SFO→JFK Wed 20 Jan 06:25, nonstop, $402",
            "Flight AX110 JFK→SFO Sun 24 Jan 18:20, nonstop",
            "Stay at Saffron Suites (4★, Midtown), Wed 20 Jan–Sun 24 Jan",
        ],
        terms=[
            "AX100: non-refundable fare — no refund if cancelled",
            "AX110: refundable fare — full refund if cancelled",
            "Saffron Suites: free cancellation until Tue 19 Jan; later a fee of 50% of the stay",
        ],
        irreversible=True,  # the AX100 fare cannot be got back
    )


def test_a_non_refundable_booking_says_so_and_is_irreversible() -> None:
    card = card_for(env(), "book_flight", BOOK_AX100)
    assert card == CardContent(
        headline="Fly SFO→JFK Wed 20 Jan 06:25, nonstop, $402",
        facts=[
            "Aurora Air AX100, arrives Wed 20 Jan 15:05 local, 5h 40m",
            "1 passenger, economy; 1 checked bag included",
        ],
        terms=["Non-refundable fare — no refund if cancelled"],
        irreversible=True,
    )


def test_a_refundable_fare_a_hotel_before_its_free_cancellation_date_and_a_hold_are_not_irreversible() -> (
    None
):
    e = env()
    refundable = card_for(e, "book_flight", {"flight_id": "AX110-2027-01-24", "passengers": 2})
    assert refundable is not None and not refundable.irreversible
    assert refundable.headline.startswith("Fly JFK→SFO Sun 24 Jan 18:20, nonstop, 2 passengers, $")
    assert refundable.terms == ["Refundable fare — full refund if cancelled"]
    hotel = card_for(e, "book_hotel", HOTEL)
    assert hotel == CardContent(
        headline="Stay at Saffron Suites, Wed 20 Jan–Sun 24 Jan, 4 nights, $2,266",
        facts=["4★, Midtown, New York; rated 4.8/10", "Check in Wed 20 Jan, check out Sun 24 Jan; 1 room"],
        terms=["Free cancellation until Tue 19 Jan; later a fee of 50% of the stay"],
    )
    hold = card_for(e, "book_flight", {**BOOK_AX100, "hold": True})
    assert hold is not None and not hold.irreversible
    assert hold.headline == "Hold seats SFO→JFK Wed 20 Jan 06:25, nonstop, 1 passenger (nothing charged yet)"


def test_a_cancellation_card_says_what_comes_back() -> None:
    e = env()
    assert e.call("book_flight", BOOK_AX100, "b1").ok
    card = card_for(e, "cancel_booking", {"booking_id": "B0001"})
    assert card == CardContent(
        headline="Cancel the flight SFO→JFK Wed 20 Jan 06:25 (booking B0001): no refund",
        facts=["Paid $402; refund $0; fee $0"],
        terms=["Non-refundable fare: no refund"],
        irreversible=True,  # the $402 is lost
    )
    missing = card_for(e, "cancel_booking", {"booking_id": "B0042"})
    assert missing == CardContent(headline="Cancel booking B0042, which does not exist")


def test_a_look_up_card_is_a_headline_only() -> None:
    e = env()
    looks = {
        ("search_flights", "SFO", "JFK"): "Look up flights SFO→JFK on Wed 20 Jan",
        ("get_budget",): "Look at the budget",
        ("list_bookings",): "Look at the bookings made so far",
        ("get_hotel",): "Look at Saffron Suites: reviews and terms",
    }
    args: dict[str, dict[str, Any]] = {
        "search_flights": {"origin": "SFO", "destination": "JFK", "date": "2027-01-20"},
        "get_hotel": {"hotel_id": "H-JFK-04"},
    }
    for key, headline in looks.items():
        assert card_for(e, key[0], args.get(key[0], {})) == CardContent(headline=headline)
    search = card_for(
        e, "search_hotels", {"city": "jfk", "check_in": "2027-01-20", "check_out": "2027-01-24"}
    )
    assert search == CardContent(headline="Look up hotels in New York, Wed 20 Jan–Sun 24 Jan")


def test_a_call_that_cannot_run_gets_the_default_card_and_the_hook_is_wired() -> None:
    e = env()
    assert card_for(e, "book_flight", {"flight_id": AX100}) is None  # passengers missing
    assert card_for(e, "ask_user", {"question": "?"}) is None  # the sandbox's own tool
    assert WORLD.hooks(e).card("book_flight", BOOK_AX100) == card_for(e, "book_flight", BOOK_AX100)


def test_a_stay_past_its_free_cancellation_date_is_irreversible() -> None:
    late = card_for(env(), "book_hotel", {**HOTEL, "check_in": "2027-01-05", "check_out": "2027-01-07"})
    assert late is not None and late.irreversible
    assert late.terms == ["Free cancellation ended Mon 4 Jan: cancelling now costs 50% of the stay"]
