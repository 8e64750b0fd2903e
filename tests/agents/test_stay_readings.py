"""Hotel readings that are wishes, asked about, in the past, or about another city's stay (r11-gate).

Each test fails on the reader before the change: "X preferred" read an airline wish for any name; a
multi-city trip gave every stay the last nightly cap said; an amenity asked about or said of a past
stay was required; a star floor was made a wish by a hedge about something else.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, TripIntent, read_request

CTX = ReadContext(now=dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC), home="ATL")


def _read(text: str) -> TripIntent:
    return read_request(text, CTX)


@pytest.mark.parametrize(
    ("said", "area"),
    [
        ("Hotel in Denver April 4-6, Highlands preferred.", "highlands"),
        ("Hotel in Denver April 4-6; I'd prefer Cherry Creek.", "cherry creek"),
        ("Hotel in Denver April 4-6, preferably Five Points.", "five points"),
    ],
)
def test_a_place_a_preference_is_said_of_is_an_area_wish_not_an_airline(said: str, area: str) -> None:
    got = _read(said)
    assert [(w.kind, w.value) for w in got.wishes] == [("neighbourhood", area)]


def test_an_airline_wish_needs_a_carriers_name() -> None:
    assert [w.kind for w in _read("Fly me to Denver April 4, Highlands preferred.").wishes] == []
    got = _read("Fly me to Denver April 4, Nimbus preferred.").wishes
    assert [(w.kind, w.value) for w in got] == [("airline", "Nimbus")]


def test_each_stay_gets_the_nightly_cap_said_of_its_city() -> None:
    got = _read(
        "Atlanta to Denver May 3, Denver to Seattle May 5, Seattle home May 8. Hotel in Denver no more than"
        " $240 a night; Seattle hotel up to $310 per night."
    )
    assert [(s.city, s.max_nightly) for s in got.stays] == [("DEN", 240), ("SEA", 310)]


def test_a_cap_said_of_the_hotels_together_holds_for_every_stay() -> None:
    got = _read(
        "Atlanta to Denver May 3, Denver to Seattle May 5, Seattle home May 8, hotels under $200 a night."
    )
    assert [s.max_nightly for s in got.stays] == [200, 200]


def test_an_amenity_and_a_star_floor_go_on_the_stay_of_the_city_named() -> None:
    got = _read(
        "Atlanta to Denver May 3, Denver to Seattle May 5, Seattle home May 8, with hotels. The Seattle one"
        " needs parking. In Denver 3 stars minimum."
    )
    assert [(s.city, s.amenities, s.min_stars) for s in got.stays] == [
        ("DEN", [], 3),
        ("SEA", ["parking"], None),
    ]


@pytest.mark.parametrize(
    "said",
    [
        "Hotel in Miami June 2-4. Is there a spa at any of them?",
        "Hotel in Miami June 2-4. Two years ago the spa there was shut, never mind.",
        "Hotel in Miami June 2-4, a spa is not that important.",
    ],
)
def test_an_amenity_asked_about_in_the_past_or_set_aside_is_neither_need_nor_wish(said: str) -> None:
    got = _read(said)
    assert got.stays and got.stays[0].amenities == []
    assert [w for w in got.wishes if w.kind == "amenity"] == []


def test_an_amenity_the_booking_is_conditional_on_is_required() -> None:
    got = _read("Hotel in Miami June 2-4, only if they have free parking.")
    assert got.stays[0].amenities == ["parking"]
    assert [w for w in got.wishes if w.kind == "amenity"] == []


def test_a_star_level_of_a_past_stay_is_asked_of_nobody() -> None:
    got = _read(
        "Hotel in Miami June 2-4. My manager had a 5-star suite there last spring; a normal room is fine."
    )
    assert got.stays[0].min_stars is None
    assert [w for w in got.wishes if w.kind == "hotel_stars"] == []


def test_a_star_floor_is_hedged_only_by_its_own_piece() -> None:
    got = _read("Hotel in Miami June 2-4, Wynwood preferred, 3 stars or more.")
    assert got.stays[0].min_stars == 3
    got = _read("Hotel in Miami June 2-4, 3 stars or more, if possible.")
    assert got.stays[0].min_stars is None
    assert [(w.kind, w.min) for w in got.wishes] == [("hotel_stars", 3)]


@pytest.mark.parametrize(
    ("said", "floor", "wish"),
    [
        ("Hotel in Miami June 2-4, it has to be 3 or 4 stars.", 3, None),
        ("Hotel in Miami June 2-4, a three or four star place would be great.", None, 3),
        ("Hotel in Miami June 2-4, four stars is the bare minimum.", 4, None),
        ("Hotel in Miami June 2-4. Stars: 3+", 3, None),
    ],
)
def test_two_levels_either_of_which_will_do_a_minimum_said_after_and_a_labelled_level(
    said: str, floor: int | None, wish: int | None
) -> None:
    got = _read(said)
    assert got.stays[0].min_stars == floor
    assert [w.min for w in got.wishes if w.kind == "hotel_stars"] == ([wish] if wish else [])


def test_a_past_tense_verb_is_no_past_stay() -> None:
    got = _read("Hotel in Miami June 2-4, needs parking since we were renting a car anyway.")
    assert got.stays[0].amenities == ["parking"]


def test_a_hedge_that_leads_a_list_hedges_the_star_floor_in_it() -> None:
    got = _read("Hotel in Miami June 2-4. I'd love to be near the beach, with a pool, 4 stars or better.")
    assert got.stays[0].min_stars is None
    assert [w.min for w in got.wishes if w.kind == "hotel_stars"] == [4]
