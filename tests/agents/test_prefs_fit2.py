"""Hotel wishes and limits said the way travellers say them (r6-prefs).

A star level said as what the traveller will not have ("please not a 1-star dump"), a guests' score
written out of ten without the word "rated" ("an 8.5/10 or more"), a hotel area named in a hedge
("somewhere around the Design District would be nice": a neighbourhood, not an airline), and a
city's short form texted in lower case ("in la", "to dc"). Each test failed before its rule.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, TripIntent, read_request
from agents.models._scripted_prefs import parse_prefs

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
HOTEL = "I need a hotel in Miami from April 2 to April 5. "


def _read(text: str, home: str = "BOS") -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home=home))


@pytest.mark.parametrize(
    ("said", "floor"),
    [
        ("Please not a 1-star dump.", 2),
        ("No two-star places, I've learned my lesson.", 3),
        ("Anything but a 3 star hotel, it's our anniversary.", 4),
    ],
)
def test_a_star_level_refused_is_a_floor_one_above_it(said: str, floor: int) -> None:
    intent = _read(HOTEL + said)
    assert intent.stays[0].min_stars == floor
    assert not any(w.kind == "hotel_stars" for w in intent.wishes)


def test_a_star_level_refused_in_a_hedge_is_a_wish_one_above_it() -> None:
    intent = _read(HOTEL + "Ideally nothing like the 2 star motel I ended up in last time.")
    assert intent.stays[0].min_stars is None
    assert [(w.kind, w.min) for w in intent.wishes if w.kind == "hotel_stars"] == [("hotel_stars", 3)]
    # the policy's own reading of the words does not weigh the refused level as the one wanted
    assert (
        parse_prefs("Ideally nothing like the 2 star motel I ended up in last time.", (None, [])).stars
        is None
    )


def test_a_bound_on_stars_is_still_read_as_before() -> None:
    assert _read(HOTEL + "No less than 3 stars.").stays[0].min_stars == 3
    assert _read(HOTEL + "Not a 5-star, too pricey.").stays[0].min_stars is None


@pytest.mark.parametrize(
    ("said", "rating", "hard"),
    [
        ("Ideally somewhere with an 8.5/10 or more from guests.", 8.5, False),
        ("Our policy requires 8 out of 10 or better on guest reviews.", 8.0, True),
        ("It must be 9/10 on reviews.", 9.0, True),
    ],
)
def test_a_score_out_of_ten_is_a_rating(said: str, rating: float, hard: bool) -> None:
    intent = _read(HOTEL + said)
    if hard:
        assert intent.stays[0].min_rating == rating
    else:
        assert [w.min for w in intent.wishes if w.kind == "hotel_rating"] == [rating]


@pytest.mark.parametrize(
    ("said", "area"),
    [
        ("Somewhere around the Design District would be nice.", "design district"),
        ("In Bankenviertel ideally.", "bankenviertel"),
        ("If you can, put me near Little Havana, my friends live there.", "little havana"),
    ],
)
def test_an_area_named_in_a_hedge_is_a_neighbourhood_wish_not_an_airline(said: str, area: str) -> None:
    intent = _read(HOTEL + said)
    assert [w.value for w in intent.wishes if w.kind == "neighbourhood"] == [area]
    assert not any(w.kind == "airline" for w in intent.wishes)


def test_a_city_or_month_after_in_is_no_area() -> None:
    intent = _read(
        "Flights to Chicago in April would be nice, April 8 to April 10, and a hotel in Chicago ideally."
    )
    assert not any(w.kind == "neighbourhood" for w in intent.wishes)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("one way boston to la on april 8 please, just the flight", "LAX"),
        ("need a room in ny for 3 nights from april 20", "JFK"),
        ("flying to dc apr 12, back apr 14. flights only", "IAD"),
        ("heading to sf apr 12, one way, flight only", "SFO"),
    ],
)
def test_a_short_form_in_lower_case_after_a_placing_word_is_a_city(text: str, city: str) -> None:
    intent = _read(text, home="BOS" if city != "BOS" else "SFO")
    places = [leg.destination for leg in intent.legs] + [s.city for s in intent.stays]
    assert city in places


def test_a_short_form_in_lower_case_elsewhere_stays_a_word() -> None:
    intent = _read("one way boston to chicago april 8, la la land is my favourite film")
    assert [leg.destination for leg in intent.legs] == ["ORD"]
