"""Review 11, residual findings on the staging reader: someone else's held flight does not drop the
traveller's own ("she booked hers; book mine"), "with <companion>" counts the traveller too, a city's
cap said without "a night" after another city's nightly cap is that city's nightly cap, and a kind of
lodging said with a preference ("Airbnb preferred") is no neighbourhood. Said on Monday 1 March 2027."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, TripIntent, read_request

NOW = dt.datetime(2027, 3, 1, 9, 0)


def read(text: str, home: str = "BOS", party: list[str] | None = None) -> TripIntent:
    if party is None:
        return read_request(text, ReadContext(now=NOW, home=home))
    return read_request(text, ReadContext(now=NOW, home=home, party=party))


@pytest.mark.parametrize(
    "text",
    [
        "My wife already booked her flight; book mine to Miami April 10-14 and a hotel.",
        "My colleague booked his flight already, please book mine and a hotel in Miami April 10-14.",
        # variants of our own
        "My parents have booked their tickets, can you get me one too? Miami April 10-14 plus hotel.",
        "Dana booked her flight to Miami; same for me please, April 10-14, and a hotel.",
    ],
)
def test_a_third_partys_held_flight_leaves_the_travellers_own(text: str) -> None:
    intent = read(text)
    assert intent.shape == "round_trip"
    assert [(leg.origin, leg.destination) for leg in intent.legs] == [("BOS", "MIA"), ("MIA", "BOS")]
    assert [s.city for s in intent.stays] == ["MIA"]


@pytest.mark.parametrize(
    "text",
    [
        "My wife already booked her flight; just a hotel in Miami April 10-14 for me.",
        "I already booked my flight; hotel in Miami April 10-14.",
        "My colleague booked his flight already, so only a hotel in Miami April 10-14.",
    ],
)
def test_a_held_flight_with_no_own_flight_asked_stays_hotel_only(text: str) -> None:
    assert read(text).shape == "hotel_only"


@pytest.mark.parametrize(
    "text",
    [
        "Flights to Chicago April 10-12 with Dana.",
        # variants of our own
        "Hotel in Chicago April 10-12, travelling with Dana Reyes.",
        "Chicago April 10-12 together with Dana, flights and hotel.",
    ],
)
def test_with_a_companion_counts_the_traveller_too(text: str) -> None:
    assert read(text, party=["Dana Reyes"]).travelers == 2


def test_a_companion_booked_for_alone_stays_one() -> None:
    assert read("Book Dana a flight to Chicago April 10-12.", party=["Dana Reyes"]).travelers == 1


@pytest.mark.parametrize(
    ("text", "caps"),
    [
        (
            "From JFK: Boston April 10-12, then DC April 12-14, hotels. "
            "In DC I'll pay up to $450 a night, Boston under $300.",
            {"BOS": 300.0, "IAD": 450.0},
        ),
        # a variant of our own: the bare cap first
        (
            "From JFK: Boston April 10-12, then DC April 12-14, hotels. "
            "Boston under $300, in DC I'll pay up to $450 a night.",
            {"BOS": 300.0, "IAD": 450.0},
        ),
    ],
)
def test_a_city_cap_said_after_another_citys_nightly_cap_is_nightly(
    text: str, caps: dict[str, float]
) -> None:
    intent = read(text, home="JFK")
    assert {s.city: s.max_nightly for s in intent.stays} == caps
    assert intent.budget is None


def test_a_trip_budget_in_its_own_sentence_is_kept() -> None:
    intent = read(
        "From JFK: Boston April 10-12, then DC April 12-14, hotels. In DC up to $450 a night. Total budget $2000.",
        home="JFK",
    )
    assert intent.budget == 2000.0
    assert {s.city: s.max_nightly for s in intent.stays} == {"BOS": None, "IAD": 450.0}


@pytest.mark.parametrize(
    "text",
    [
        "Hotel in Miami April 10-14, Airbnb preferred.",
        # variants of our own
        "Somewhere to stay in Miami April 10-14, Airbnb ideally.",
        "Miami April 10-14, preferably Airbnb, near the beach.",
        "Hostel in Miami April 10-14, Apartment preferred.",
    ],
)
def test_a_kind_of_lodging_preferred_is_no_neighbourhood_or_airline(text: str) -> None:
    assert not [w for w in read(text).wishes if w.kind in {"neighbourhood", "airline"}]


def test_a_named_area_preferred_is_still_a_neighbourhood() -> None:
    wishes = read("Hotel in Miami April 10-14, Brickell preferred.").wishes
    assert [(w.kind, w.value) for w in wishes] == [("neighbourhood", "brickell")]
