"""The request reader's trip shape, route and party (issue 12): rules on sentences written for these
tests, each in a way people write that the golden set does not hold word for word."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, TripIntent, read_request

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # a Monday


def read(text: str, **kw: object) -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home="BOS", **kw))  # type: ignore[arg-type]


def route(got: TripIntent) -> list[tuple[str | None, str | None]]:
    return [(leg.origin, leg.destination) for leg in got.legs]


@pytest.mark.parametrize(
    "text",
    [
        "Somewhere to bed down in Atlanta April 3 to 5, I'm driving.",
        "Where can I stay in Atlanta from April 3 to April 5?",
        "I need a roof over my head in Atlanta April 3-5.",
        "Put my parents up in Atlanta April 3-5.",
        "One double room in Atlanta, April 3 to 5.",
        "Need accomodation in Atlanta April 3-5.",
    ],
)
def test_informal_ways_of_asking_for_a_bed_are_a_hotel_and_no_flight(text: str) -> None:
    got = read(text)
    assert got.shape == "hotel_only" and not got.legs
    assert [(s.city, s.check_in, s.check_out) for s in got.stays] == [
        ("ATL", dt.date(2027, 4, 3), dt.date(2027, 4, 5))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "My flight home got cancelled, I need a hotel in Denver April 3 to 5.",
        "Our flights to Denver are already booked. Hotel April 3 to 5 please.",
        "The client has booked my flight; a hotel in Denver April 3-5, please.",
    ],
)
def test_a_flight_the_traveller_already_has_is_no_request_for_one(text: str) -> None:
    got = read(text)
    assert got.shape == "hotel_only" and not got.legs and got.stays[0].city == "DEN"


def test_a_flight_described_by_its_schedule_is_still_asked_for() -> None:
    got = read("Book a flight to Chicago that leaves after 9am April 3, plus a hotel until the 5th.")
    assert got.shape == "round_trip" and route(got) == [("BOS", "ORD"), ("ORD", "BOS")]
    assert got.stays and got.stays[0].city == "ORD"


def test_a_hotel_handled_by_someone_else_leaves_the_flights_alone() -> None:
    got = read("Return flights to Toronto April 3 and April 6 for Mr Ito; his hotel is taken care of.")
    assert got.shape == "round_trip" and not got.stays


def test_cities_joined_as_legs_are_a_journey_even_without_a_flight_word() -> None:
    got = read(
        "Boston to Denver April 3, Denver to Austin April 6, Austin back to Boston April 9, hotels too."
    )
    assert got.shape == "multi_city"
    assert route(got) == [("BOS", "DEN"), ("DEN", "AUS"), ("AUS", "BOS")]
    assert [s.city for s in got.stays] == ["DEN", "AUS"]


@pytest.mark.parametrize(
    ("text", "legs"),
    [
        ("Fly me into Paris on April 4 and out of Rome on April 12.", [("BOS", "CDG"), ("FCO", "BOS")]),
        (
            "Boston to Paris April 4, and I'll come back from Rome on April 12.",
            [("BOS", "CDG"), ("FCO", "BOS")],
        ),
        (
            "I'm going to Chicago on April 3 and then on to Denver on the 6th, home on the 9th.",
            [("BOS", "ORD"), ("ORD", "DEN"), ("DEN", "BOS")],
        ),
        (
            "Boston to Lisbon April 3, Lisbon on to Madrid April 7, Madrid home April 10.",
            [("BOS", "LIS"), ("LIS", "MAD"), ("MAD", "BOS")],
        ),  # fmt: skip
    ],
)
def test_open_jaws_and_chains(text: str, legs: list[tuple[str, str]]) -> None:
    got = read(text)
    assert got.shape == "multi_city" and route(got) == legs


@pytest.mark.parametrize(
    "text",
    [
        "Fly me home from Chicago on April 3.",
        "Only need a flight there, not back: Boston to Chicago, April 3.",
        "Fly me to Chicago on April 3, I'll take the train home.",
        "Flying out to Chicago April 3 for a new job. I won't be coming back.",
        "Fly me to Chicago on April 3; I'll book my own return.",
    ],
)
def test_one_way_said_without_the_words_one_way(text: str) -> None:
    got = read(text)
    assert got.shape == "one_way" and len(got.legs) == 1 and got.legs[0].date == dt.date(2027, 4, 3)
    assert "ORD" in route(got)[0]


def test_a_later_correction_can_ask_for_the_way_back() -> None:
    got = read("One way to Denver on April 3. Oh actually, book the return too, April 6.")
    assert got.shape == "round_trip" and [leg.date for leg in got.legs] == [
        dt.date(2027, 4, 3),
        dt.date(2027, 4, 6),
    ]


@pytest.mark.parametrize(
    ("text", "travelers"),
    [
        ("us two and the baby, Boston to Denver April 3, back April 6", 3),
        ("Need 3 adults and 2 children on flights to Denver April 3-6.", 5),
        ("Me, my wife and our two kids to Denver April 3-6; the hotel needs a pool for these kids.", 4),
        ("Flights to Denver April 3-6 for me, Tom and Priya.", 3),
        ("My colleague Sarah and I need flights to Denver April 3-6.", 2),
        ("Myself plus 2 to Denver April 3-6.", 3),
        ("Flights to Denver April 3-6. Oh, add my son, he's coming too.", 2),
        ("Just me to Denver April 3-6, my partner follows next month.", 1),
        ("Hotel in Denver April 3-6 for our four interns; they are driving.", 4),
        ("Flights for my grandparents to Denver April 3-6, I'm not going myself.", 2),
    ],
)
def test_party_sizes_in_words(text: str, travelers: int) -> None:
    assert read(text).travelers == travelers


@pytest.mark.parametrize(
    "text",
    ["Me and a few colleagues to Denver April 3-6.", "Please book the design team to Denver April 3-6."],
)
def test_a_loose_party_is_unknown_and_asked(text: str) -> None:
    got = read(text)
    assert got.travelers is None and "travelers" in got.unknown


def test_the_kids_from_the_profile_are_inferred() -> None:
    got = read("Flights to Denver April 3-6 for me and the kids.", party=["Ana", "Leo"])
    assert got.travelers == 3 and got.sources["travelers"] == "inferred"


@pytest.mark.parametrize(
    ("text", "rooms"),
    [
        ("Hotel in Denver April 3-6, two rooms. Actually one room is fine, we'll share.", 1),
        ("A colleague and I need a hotel in Denver April 3-6, one room each.", 2),
        ("Hotel in Denver April 3-6, a room for me and a room for my boss.", 2),
    ],
)
def test_rooms_the_last_said_and_one_each(text: str, rooms: int) -> None:
    assert read(text).rooms == rooms


@pytest.mark.parametrize(("word", "code"), [("Chigaco", "ORD"), ("Edinborough", "EDI"), ("Melborne", "MEL")])
def test_long_names_with_swapped_or_doubled_letters_are_found(word: str, code: str) -> None:
    assert read(f"One way to {word} on April 3.").legs[0].destination == code


def test_a_word_made_from_a_city_name_is_not_that_city() -> None:
    got = read("I keep changing my mind: one way to Denver on April 3.")
    assert route(got) == [("BOS", "DEN")]


def test_a_chain_of_stays_said_in_nights_is_flown_city_to_city() -> None:
    got = read("Denver for 2 nights, then Austin for 3, from April 3, then home. Hotels in both.")
    assert got.shape == "multi_city" and route(got) == [("BOS", "DEN"), ("DEN", "AUS"), ("AUS", "BOS")]
    assert [leg.date for leg in got.legs] == [dt.date(2027, 4, 3), dt.date(2027, 4, 5), dt.date(2027, 4, 8)]
    assert [s.city for s in got.stays] == ["DEN", "AUS"]


@pytest.mark.parametrize(
    "text",
    [
        "Business class to London April 3, back April 10, I need a lie-flat bed.",
        "Book me in economy to Denver April 3, back the 6th.",
        "I'm not back in the office until the 10th, so fly me to Denver April 3 and back April 9.",
    ],
)
def test_words_near_a_hotel_or_a_one_way_that_are_neither(text: str) -> None:
    got = read(text)
    assert got.shape == "round_trip" and not got.stays


@pytest.mark.parametrize(("word", "code"), [("Bostonn", "BOS"), ("Miamii", "MIA"), ("Madridd", "MAD")])
def test_a_name_with_a_doubled_last_letter_is_still_that_city(word: str, code: str) -> None:
    got = read_request(f"One way from {word} to Denver on April 3.", ReadContext(now=NOW, home="SEA"))
    assert route(got) == [(code, "DEN")]


@pytest.mark.parametrize(
    "text",
    [
        "Flights for me, Marc and the kids to Denver April 3-5.",
        "me, my husband and the kids, Denver April 3 to 5, flights",
        "Flights for me, Marc, Léa and Hugo to Denver April 3-5.",
        "Flights to Denver April 3-5 for the family: Marc, Léa, Hugo and me.",
    ],
)
def test_companions_named_and_the_rest_of_the_profile_count_once(text: str) -> None:
    assert read(text, party=["Marc Gagnon", "Léa Gagnon", "Hugo Gagnon"]).travelers == 4


def stays(got: TripIntent) -> list[tuple[str | None, dt.date | None, dt.date | None]]:
    return [(s.city, s.check_in, s.check_out) for s in got.stays]


@pytest.mark.parametrize(
    "text",
    [
        "One-way to Denver on March 10 and a hotel for three nights, refundable in case I need to cancel the room.",
        "Fly me to Denver March 10, one way. Hotel 3 nights - refundable so I can cancel the hotel if my contract "
        "falls through.",
        "one way to denver march 10 + a hotel for 3 nights, flexible rate pls, might have to drop the room last minute",
        "Please book a one-way flight to Denver for 10 March and accommodation for three nights; I would like the "
        "option to cancel the accommodation without a fee.",
        "Denver, one way, March 10. Need a hotel for 3 nights. Refundable please: if the project slips I'll cancel "
        "the hotel.",
    ],
)
def test_a_cancellation_that_may_happen_keeps_the_hotel(text: str) -> None:
    """Why a room should be refundable ("in case I need to cancel it") asks for the room, not drops it."""
    got = read(text)
    assert got.shape == "one_way" and route(got) == [("BOS", "DEN")]
    assert stays(got) == [("DEN", dt.date(2027, 3, 10), dt.date(2027, 3, 13))]


@pytest.mark.parametrize(
    "text",
    [
        "Fly me to Denver on March 10 for a three-night stay.",
        "Denver March 10, 3-night hotel stay, flights both ways.",
        "Need a 3-night trip to Denver from March 10 with a hotel.",
    ],
)
def test_a_length_written_as_one_hyphenated_word_is_the_stay(text: str) -> None:
    got = read(text)
    assert got.shape == "round_trip" and [leg.date for leg in got.legs] == [
        dt.date(2027, 3, 10),
        dt.date(2027, 3, 13),
    ]
    assert stays(got) == [("DEN", dt.date(2027, 3, 10), dt.date(2027, 3, 13))]


@pytest.mark.parametrize(
    "text",
    [
        "One-way to Denver March 10 and three nights of accommodation till the company flat is done.",
        "Flights to Denver March 10 to 13, I'd like to stay with Nimbus Pacific; hotel near the office.",
        "Flights to Denver March 10 to 13, hotel for the three nights at my company's expense.",
        "Fly me to Denver March 10 to 13, I'll need my own room.",
    ],
)
def test_words_that_only_look_like_no_hotel_keep_it(text: str) -> None:
    """Another subject's "is done", loyalty to an airline, whose money it is: none of them says no hotel."""
    got = read(text)
    assert [s.city for s in got.stays] == ["DEN"] and got.legs and got.legs[0].date == dt.date(2027, 3, 10)
