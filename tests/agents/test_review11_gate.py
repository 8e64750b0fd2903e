"""Review 11 (gate): stay wishes and limits the reviewer found lost or invented against main."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request

_CTX = ReadContext(now=dt.datetime(2027, 3, 1, 9, 0), home="BOS")


def _read(text: str, home: str = "BOS"):
    return read_request(text, ReadContext(now=dt.datetime(2027, 3, 1, 9, 0), home=home))


@pytest.mark.parametrize(
    ("text", "amenity"),
    [
        ("Hotel in Miami April 10-14. Last time the pool was closed, so a pool is a must.", "pool"),
        (
            "Hotel in Miami April 10-14 with a pool - last time we stayed at one without and the kids hated it.",
            "pool",
        ),
        (
            "Hotel in Miami April 10-14, must have parking since I used to get tickets on the street.",
            "parking",
        ),
        ("Hotel in Miami April 10-14. Need a gym - used to skip workouts on trips.", "gym"),
        ("Hotel in Miami April 10-14. Are there any with a pool? That's a must for us.", "pool"),
        # variants of our own
        ("Hotel in Miami April 10-14. The gym was tiny last time, so a proper gym is required.", "gym"),
        ("Hotel in Miami April 10-14, parking required - we used to park on the street.", "parking"),
        ("Hotel in Miami April 10-14. Does it have a pool? We need a pool for the kids.", "pool"),
    ],
)
def test_a_required_amenity_is_kept_after_a_past_or_asked_mention(text: str, amenity: str) -> None:
    intent = _read(text)
    assert intent.stays and amenity in intent.stays[0].amenities


@pytest.mark.parametrize(
    "text",
    [
        "Hotel in Miami April 10-14. Last time the pool was closed.",
        "Hotel in Miami April 10-14. Does it have a pool?",
    ],
)
def test_a_past_or_asked_amenity_alone_stays_unasked(text: str) -> None:
    intent = _read(text)
    assert intent.stays and "pool" not in intent.stays[0].amenities
    assert not any(w.kind == "amenity" for w in intent.wishes)


def _hoods(text: str) -> list[str]:
    return [str(w.value) for w in _read(text).wishes if w.kind == "neighbourhood"]


@pytest.mark.parametrize(
    "text",
    [
        "Flights and hotel in Chicago April 10-12. Nonstop if possible.",
        "Hotel in Chicago April 10-12. Refundable preferred.",
        "Flights and hotel in Chicago April 10-12, Aisle if possible on the flights.",
        "Hotel in Chicago April 10-12, preferably King bed, must have a pool.",
        "Hotel in Chicago April 10-12, ideally Walkable to the Loop.",
        "Hotel in Boston April 10-12. Marriott preferred, must have a gym.",
        "Hotel in Austin April 10-12, Hilton preferred.",
        "Hotel in Denver April 10-12; Sarah preferred the one with the rooftop last time.",
        # variants of our own
        "Hotel in Chicago April 10-12. Direct if possible.",
        "Hotel in Chicago April 10-12, Queen bed preferred.",
        "Hotel in Chicago April 10-12, Hyatt ideally.",
    ],
)
def test_a_preferred_common_word_is_no_neighbourhood(text: str) -> None:
    assert _hoods(text) == []


@pytest.mark.parametrize(
    ("text", "hood"),
    [
        ("Hotel in Boston April 10-12, Cambridge preferred.", "cambridge"),
        ("Hotel in Chicago April 10-12, I'd prefer Wicker Park.", "wicker park"),
        ("Hotel in Austin April 10-12, South Congress ideally.", "south congress"),
    ],
)
def test_a_preferred_place_is_still_a_neighbourhood(text: str, hood: str) -> None:
    assert hood in _hoods(text)


@pytest.mark.parametrize(
    ("text", "stars"),
    [
        (
            "Hotel in Miami April 10-14, my colleague stayed at a 5-star there last year; I need at least 4 stars.",
            4,
        ),
        ("Hotel in Miami April 10-14. Is it 4 stars? Must be 3 stars at least.", 3),
        # variants of our own
        ("Hotel in Miami April 10-14; we stayed at a 3-star last time, so 4 stars minimum now.", 4),
        ("Hotel in Miami April 10-14. Is that a 5 star? I need 4 stars at least.", 4),
    ],
)
def test_a_later_star_floor_is_read_after_a_past_or_asked_level(text: str, stars: int) -> None:
    intent = _read(text)
    assert intent.stays and intent.stays[0].min_stars == stars


def test_someone_elses_past_price_is_no_city_cap() -> None:
    intent = _read(
        "From JFK: Boston April 10-12, then DC April 12-14, hotels. Keep hotels under $300/night; "
        "my friend in DC paid $500 a night.",
        home="JFK",
    )
    assert len(intent.stays) == 2
    assert all(s.max_nightly in (None, 300) for s in intent.stays)
    assert [s.max_nightly for s in intent.stays] == [300, 300]


def test_a_city_cap_said_as_ones_own_still_holds() -> None:
    intent = _read(
        "From JFK: Boston April 10-12, then DC April 12-14, hotels. Boston under $300/night; DC max $450 a night.",
        home="JFK",
    )
    assert [s.max_nightly for s in intent.stays] == [300, 450]


@pytest.mark.parametrize(
    "said",
    ["She would love a gym.", "Everyone would love a gym.", "Honestly I would love a gym."],
)
def test_a_capitalised_word_before_would_love_is_no_bonus(said: str) -> None:
    from agents.models._scripted_prefs import parse_prefs

    assert parse_prefs(f"Hotel in Miami. {said}", ("ATL", ["MIA"])).amenities["gym"] == 1.0


def test_a_cap_said_of_one_city_only_still_holds_its_hotel() -> None:
    """No trip-wide cap for one capped and one uncapped stay (the other city has none), but the capped
    city's hotel is still held to its cap, one stay at a time (``Limits.hotel``)."""
    from types import SimpleNamespace

    from agents.intent import StayIntent
    from agents.models._scripted_limits import Limits, trip_nightly_cap

    stays = [StayIntent(city="DEN", max_nightly=240), StayIntent(city="SEA")]
    assert trip_nightly_cap(stays) is None
    hotel = {"stars": 3, "rating": 8.0, "amenities": (), "refundable": True}
    limits = Limits(stays=stays)
    assert limits.hotel(SimpleNamespace(city="DEN", price=300.0, **hotel))
    assert limits.hotel(SimpleNamespace(city="DEN", price=220.0, **hotel)) is None
    assert limits.hotel(SimpleNamespace(city="SEA", price=500.0, **hotel)) is None
