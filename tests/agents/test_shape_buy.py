"""What the traveller wants bought and for whom (issue 12, r5-shape): hotel only or no hotel, who
travels, an area a hotel must be in. Rules on sentences written for these tests, each in a way people
write that neither the golden set nor the developers' scenarios hold word for word."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, StayIntent, TripIntent, read_request
from agents.intent._area import required_areas
from agents.models._scripted_limits import stay_areas

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # a Monday


def read(text: str, home: str = "BOS") -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home=home))


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("A hotel in London April 6 to 9. It needs to be in Covent Garden, no exceptions.", "covent garden"),
        ("Hotel in London, April 6-9, must be in the West End.", "west end"),
        ("London hotel April 6 to 9, only in Mayfair please.", "mayfair"),
    ],
)
def test_an_area_said_as_a_requirement_limits_the_stay_and_is_no_journey(text: str, area: str) -> None:
    got = read(text)
    assert got.shape == "hotel_only" and not got.legs
    assert [(s.city, s.neighbourhood) for s in got.stays] == [("LHR", area)]


@pytest.mark.parametrize(
    "text",
    [
        "I have to be in Chicago by Monday noon.",  # a city: a journey, not an area
        "The stay has to be in April.",  # a month
        "It has to be in Business, the flight is long.",  # a cabin
        "Only Delta flights, please.",  # no "in"
    ],
)
def test_no_area_is_read_from_cities_months_cabins_or_airlines(text: str) -> None:
    assert required_areas(text) == []


def test_the_policy_keeps_to_an_area_the_results_name_and_ignores_one_they_do_not() -> None:
    hoods = {"LoDo", "RiNo", "Capitol Hill"}
    assert stay_areas([StayIntent(city="DEN", neighbourhood="lodo")], hoods) == {"LoDo"}
    assert stay_areas([StayIntent(city="DEN", neighbourhood="capitol-hill")], hoods) == {"Capitol Hill"}
    assert stay_areas([StayIntent(city="DEN", neighbourhood="downtown")], hoods) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Flights Boston to Atlanta April 3, back April 6. I'll arrange the hotel myself.",
        "Boston to Atlanta April 3, back April 6; we will book our own rooms.",
        "Boston to Atlanta April 3 and back April 6, the hotel has already been paid for by the company.",
    ],
)
def test_a_hotel_the_traveller_or_someone_else_takes_on_is_not_bought(text: str) -> None:
    got = read(text)
    assert got.shape == "round_trip" and not got.stays
    assert [leg.date for leg in got.legs] == [dt.date(2027, 4, 3), dt.date(2027, 4, 6)]


@pytest.mark.parametrize(
    "text",
    [
        "We're flying to Atlanta with miles, so just the hotel: April 3 to April 6.",
        "My flights to Atlanta are on points; all we need from you is the hotel, April 3 to April 6.",
    ],
)
def test_only_the_hotel_asked_of_the_agent_is_hotel_only(text: str) -> None:
    got = read(text)
    assert got.shape == "hotel_only" and not got.legs
    assert [(s.city, s.check_in, s.check_out) for s in got.stays] == [
        ("ATL", dt.date(2027, 4, 3), dt.date(2027, 4, 6))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Need a bed in Atlanta on Friday April 2 and Saturday April 3.",
        "A room in Atlanta Friday the 2nd and Saturday the 3rd of April please.",
    ],
)
def test_consecutive_days_listed_for_a_hotel_are_its_nights(text: str) -> None:
    got = read(text)
    assert [(s.check_in, s.check_out) for s in got.stays] == [(dt.date(2027, 4, 2), dt.date(2027, 4, 4))]


def test_check_in_and_check_out_said_with_and_stay_as_said() -> None:
    got = read("A room in Atlanta, checking in Friday April 2 and checking out Saturday April 3.")
    assert [(s.check_in, s.check_out) for s in got.stays] == [(dt.date(2027, 4, 2), dt.date(2027, 4, 3))]


def test_a_hotel_in_the_home_city_is_no_flight() -> None:
    got = read(
        "My grandparents fly in for the wedding; put them up at a hotel in Boston from April 3 to April 6."
    )
    assert got.shape == "hotel_only" and not got.legs
    assert [s.city for s in got.stays] == ["BOS"]


@pytest.mark.parametrize(
    ("text", "travellers"),
    [
        ("Flights to Atlanta for me, April 3 to 6. The hotel is handled by my assistant.", 1),
        ("Me to Atlanta April 3, back April 6. Parking is sorted by my brother.", 1),
        ("I'd like a hotel room in Atlanta April 3 to 6 for my aunt and uncle, the two of them.", 2),
        ("Round trip to Atlanta April 3 to 6 for Mr. Osei and Dr. Varga.", 2),
        (
            "The director needs flights to Atlanta April 3, back April 6; I'm the assistant booking on his behalf.",
            1,
        ),
    ],
)
def test_who_travels(text: str, travellers: int) -> None:
    assert read(text).travelers == travellers


def test_a_score_out_of_ten_is_no_date() -> None:
    got = read("Great reviews matter, 9/10 or more. Hotel in Atlanta on April 3 for two nights.")
    assert [(s.check_in, s.check_out) for s in got.stays] == [(dt.date(2027, 4, 3), dt.date(2027, 4, 5))]


@pytest.mark.parametrize(
    "text",
    [
        "I'll be in Atlanta for a trade show April 3-6, could you find me a hotel near the venue?",
        "We're going to be in Atlanta April 3 to 6 and just need a room.",
        "Hotel in Atlanta April 3 to 6 for my manager; he'll book his own flights.",
    ],
)
def test_where_the_traveller_will_be_is_no_trip_asked_for(text: str) -> None:
    got = read(text)
    assert got.shape == "hotel_only" and not got.legs
    assert [(s.city, s.check_in, s.check_out) for s in got.stays] == [
        ("ATL", dt.date(2027, 4, 3), dt.date(2027, 4, 6))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Flights to Atlanta April 3, back April 6; the organisers provide the rooms.",
        "Flights to Atlanta April 3, back April 6, no need for any accommodation.",
        "Flights to Atlanta April 3, back April 6; lodging is included in the course fee.",
        "Flights to Atlanta April 3, back April 6. Hotel's on the client.",
        "Flights to Atlanta April 3, back April 6.\nAccommodation: none",
    ],
)
def test_beds_given_by_others_or_not_needed_are_not_bought(text: str) -> None:
    got = read(text)
    assert got.shape == "round_trip" and not got.stays


def test_a_day_range_after_for_is_no_party() -> None:
    assert read("Could you sort a hotel in Atlanta for 3-6 April? I'm on my own.").travelers == 1
    assert read("Could you sort a hotel in Atlanta for 3-6 April?").travelers == 1
