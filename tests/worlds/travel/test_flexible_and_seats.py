"""``search_flight_dates`` (the cheapest fare per day over a window), seats on ``book_flight`` and the
``seat`` preference, and the ``review`` preference read from review texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.worlds.travel.conftest import make_scenario
from worlds.travel.catalog import CatalogView
from worlds.travel.catalog._places import REVIEW_OPENERS, REVIEW_TOPICS
from worlds.travel.judge.preferences import FlightChoice, Itinerary, StayChoice, utility
from worlds.travel.judge.reviews import TOPICS, review_share, speaks_well
from worlds.travel.records import Hotel, Review
from worlds.travel.run import TravelEnv, TravelState

Ok = Callable[..., Any]


def test_cheapest_fare_per_day(env: TravelEnv, ok: Ok, view: CatalogView) -> None:
    data = ok(
        env,
        "search_flight_dates",
        origin="sfo",
        destination="JFK",
        earliest="2027-01-19",
        latest="2027-01-21",
    )
    assert [d["date"] for d in data["days"]] == ["2027-01-19", "2027-01-20", "2027-01-21"]
    for day in data["days"]:
        flights = ok(env, "search_flights", origin="SFO", destination="JFK", date=day["date"])["flights"]
        available = [f for f in flights if f["available"]]
        assert day["flights"] == len(flights)
        if available:
            cheapest = min(available, key=lambda f: (f["total_price"], f["depart"]))
            assert (day["flight_id"], day["price"]) == (cheapest["flight_id"], cheapest["price"])
        else:
            assert day["flight_id"] is None and day["price"] is None


def test_the_cheapest_flight_with_enough_seats(env: TravelEnv, ok: Ok) -> None:
    days = ok(
        env, "search_flight_dates", origin="SFO", destination="JFK", earliest="2027-01-19", latest="2027-01-21",
        passengers=9, cabin="premium",
    )["days"]  # fmt: skip
    # 20 January: MV902 is cheaper but has no premium seat; 21 January: AX100 is cheaper but has 6
    assert [(d["date"], d["flights"], d["flight_id"]) for d in days] == [
        ("2027-01-19", 2, "AX100-2027-01-19"),
        ("2027-01-20", 4, "AX100-2027-01-20"),
        ("2027-01-21", 2, "MV100-2027-01-21"),
    ]
    assert (days[1]["price"], days[1]["total_price"]) == (629.0, 5661.0)


def test_a_day_without_enough_seats_shows_nulls(env: TravelEnv, ok: Ok) -> None:
    days = ok(
        env, "search_flight_dates", origin="SFO", destination="JFK", earliest="2027-01-06", latest="2027-02-05",
        passengers=9, cabin="business",
    )["days"]  # fmt: skip
    assert len(days) == 31
    full = next(d for d in days if d["date"] == "2027-01-08")
    assert full == {
        "date": "2027-01-08", "flights": 2, "flight_id": None, "depart": None, "arrive": None, "stops": None,
        "price": None, "total_price": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "field"),
    [
        ({"earliest": "2027-01-20", "latest": "2027-01-10"}, "invalid_dates", "latest"),
        ({"earliest": "2027-01-06", "latest": "2027-02-06"}, "invalid_dates", "latest"),  # 32 days
        ({"earliest": "2026-12-01", "latest": "2026-12-05"}, "invalid_dates", "earliest"),
        ({"earliest": "2027-01-01", "latest": "2027-01-04"}, "in_the_past", "latest"),
    ],
)
def test_bad_windows_are_errors_naming_the_field(
    env: TravelEnv, args: dict[str, Any], code: str, field: str
) -> None:
    result = env.call("search_flight_dates", {"origin": "SFO", "destination": "JFK", **args})
    assert not result.ok and result.error is not None
    assert (result.error.code, result.error.field) == (code, field)


def test_a_seat_is_stored_shown_and_scored(env: TravelEnv, ok: Ok, view: CatalogView) -> None:
    booked = ok(env, "book_flight", flight_id="MV902-2027-01-20", passengers=1, seat="window")
    assert booked["seat"] == "window"
    assert env.state.bookings[booked["booking_id"]].seat == "window"
    assert ok(env, "list_bookings")["bookings"][0]["seat"] == "window"
    assert TravelState.load(env.state.dump()) == env.state
    sc = make_scenario(preferences=[{"kind": "seat", "value": "aisle"}])
    as_booked = Itinerary((FlightChoice("MV902-2027-01-20", "economy", seat="window"),), (), 0)
    asked = Itinerary((FlightChoice("MV902-2027-01-20", "economy", seat="aisle"),), (), 0)
    assert (utility(as_booked, sc, view), utility(asked, sc, view)) == (0.0, 1.0)


def test_no_seat_leaves_the_state_as_it_was(env: TravelEnv, ok: Ok) -> None:
    booked = ok(env, "book_flight", flight_id="MV902-2027-01-20", passengers=1)
    assert "seat" not in booked
    assert '"seat"' not in env.state.canonical()  # states from before seats hash the same


def test_a_bad_seat_is_refused(env: TravelEnv) -> None:
    result = env.call("book_flight", {"flight_id": "MV902-2027-01-20", "passengers": 1, "seat": "middle"})
    assert not result.ok and result.error is not None and result.error.field == "seat"


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Quiet at night despite being right in Soho. Excellent value.", {"quiet"}),
        ("Decent room, a bit small. Soho is convenient but the street can be noisy.", set()),
        ("Spotless rooms and friendly staff; we would come back just for this place.", {"clean", "staff"}),
        ("Lovely stay. Great base in Soho and the breakfast was a highlight.", {"breakfast", "location"}),
        ("Fine for a night or two. The breakfast was okay, breakfast average.", set()),
        ("Good location in Soho, tired decor. Staff helpful when asked.", {"location", "staff"}),
        ("Dirty bathroom and slow wifi. Staff were apologetic but nothing changed.", set()),
        ("Noisy, dated and overpriced. The location in Soho is the only plus.", {"location"}),
    ],
)
def test_what_a_review_speaks_well_of(text: str, topics: set[str]) -> None:
    assert {t for t in TOPICS if speaks_well(text, t)} == topics


def test_generated_topic_sentences_speak_well_of_their_topic_only() -> None:
    """The review texts of hotels beyond ``small`` (``catalog/_places.py``) read as the catalog meant them."""
    for topic, sentences in REVIEW_TOPICS.items():
        for sentence in sentences.good:
            text = sentence.format(hood="Soho", city="Paris")
            assert {t for t in TOPICS if speaks_well(text, t)} == {topic}, text
        for sentence in sentences.bad:
            text = sentence.format(hood="Soho", city="Paris")
            assert not any(speaks_well(text, t) for t in TOPICS), text
    for opener in (o for band in REVIEW_OPENERS.values() for o in band):
        assert not any(speaks_well(opener, t) for t in TOPICS), opener


def test_review_share_is_the_share_of_reviews() -> None:
    reviews = (
        Review("A", 9, "Very quiet room."),
        Review("B", 4, "Noisy street."),
        Review("C", 8, "Calm and clean."),
    )
    hotel = Hotel("H-X", "X", "JFK", "Soho", 3, 10000, (), 7.0, reviews, 5, 1, 50)
    assert review_share(hotel, "quiet") == pytest.approx(2 / 3)
    assert review_share(hotel, "clean") == pytest.approx(1 / 3)
    assert review_share(Hotel("H-Y", "Y", "JFK", "Soho", 3, 10000, (), 7.0, (), 5, 1, 50), "quiet") == 0.0


def test_the_review_preference_scores_the_share(view: CatalogView) -> None:
    sc = make_scenario(preferences=[{"kind": "review", "topic": "staff", "weight": 2.0}])
    hotel = view.hotel("H-JFK-01")
    assert hotel is not None and 0 < review_share(hotel, "staff") < 1
    itin = Itinerary((), (StayChoice("H-JFK-01", dt.date(2027, 1, 20), dt.date(2027, 1, 24)),), 0)
    assert utility(itin, sc, view) == pytest.approx(2.0 * review_share(hotel, "staff"))
