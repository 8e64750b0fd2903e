"""Gates the default agent failed on requests other people wrote (branch r7-gates): preferences it
ignored, limits it broke, a party it split wrongly. Each test states the class in new words, not the
words of the request it came from, and fails on the code before the branch."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.models._scripted_extremes import extremes
from agents.models._scripted_options import HotelOpt, Scorer
from agents.models._scripted_prefs import LAST, _wish_words, parse_prefs
from agents.models._scripted_respell import respell
from agents.models._scripted_times import emphasis
from agents.models._scripted_venue import venue_text

ROUND = ("BOS", ["ORD", "BOS"])


def _ctx(now: str = "2027-05-03T09:00:00-05:00", home: str = "ORD") -> ReadContext:
    return ReadContext(now=dt.datetime.fromisoformat(now), home=home)


def _hotel(
    hid: str, rating: float, total: float, hood: str = "Centre", amenities: tuple[str, ...] = ()
) -> HotelOpt:
    day = dt.date(2027, 6, 1)
    return HotelOpt(hid, hid, "ORD", hood, 3, rating, amenities, total, total / 2, day, day, 1, False, True)


# -- the reader ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Chicago to Denver, Thu 6/10, one way.", dt.date(2027, 6, 10)),
        ("one way chicago to denver on tuesday, 6/8 please", dt.date(2027, 6, 8)),
        ("Fly me ORD-DEN Sat. 6/12", dt.date(2027, 6, 12)),
    ],
)
def test_a_weekday_before_a_numeric_date_labels_it(text: str, day: dt.date) -> None:
    assert [leg.date for leg in read_request(text, _ctx()).legs] == [day]


def test_a_weekday_that_is_not_the_numeric_dates_leaves_the_day_to_ask() -> None:
    got = read_request("Chicago to Denver one way on Mon 6/10.", _ctx())  # 10 June 2027 is a Thursday
    assert "dates" in got.unknown


def test_a_landing_deadline_may_name_the_city_before_the_clock() -> None:
    got = read_request("One way Chicago to Denver June 10, I need wheels down in Denver by 3pm.", _ctx())
    assert got.legs[0].arrive_before == dt.time(15, 0)


def test_a_requirements_label_makes_the_stop_limit_after_it_hard() -> None:
    got = read_request("Chicago to Denver one way June 10. Requirements: non-stop, window seat.", _ctx())
    assert got.legs[0].nonstop is True
    assert not [w for w in got.wishes if w.kind == "nonstop"]


@pytest.mark.parametrize(
    "rule",
    [
        "Our travel policy doesn't allow Kestrel Airlines or Solstice.",
        "The company prohibits Kestrel Airlines and Solstice.",
        "My employer won't permit Kestrel Airlines or Solstice.",
    ],
)
def test_airlines_a_rule_forbids_are_avoided(rule: str) -> None:
    got = read_request(f"Chicago to Denver on June 10, back June 12, flights only. {rule}", _ctx())
    for leg in got.legs:
        assert {"Kestrel Airlines", "Solstice"} <= set(leg.airlines_avoid)


def test_one_of_us_names_a_member_not_the_party() -> None:
    text = "Flights Chicago to Denver June 10 for the five of us; one of us may fly separately if cheaper."
    assert read_request(text, _ctx()).travelers == 5


def test_nights_in_a_city_the_chain_reaches_add_no_leg() -> None:
    text = (
        "Boston to Chicago on June 8, Chicago to Denver June 10, then Denver to Boston June 12. "
        "We need 2 nights in Chicago and 2 in Denver."
    )
    got = read_request(text, _ctx(home="BOS"))
    assert [(leg.origin, leg.destination) for leg in got.legs] == [
        ("BOS", "ORD"),
        ("ORD", "DEN"),
        ("DEN", "BOS"),
    ]
    assert [s.city for s in got.stays] == ["ORD", "DEN"]


@pytest.mark.parametrize("qualifier", ["direct", "nonstop", "economy"])
def test_qualified_flights_only_limits_the_flights_and_keeps_the_hotel(qualifier: str) -> None:
    got = read_request(f"Chicago to Denver June 10 to 12 with a hotel. {qualifier} flights only.", _ctx())
    assert [s.city for s in got.stays] == ["DEN"]


def test_plain_flights_only_still_means_no_hotel() -> None:
    assert read_request("Chicago to Denver June 10 to 12, flights only.", _ctx()).stays == []


# -- the policy: wishes and their weights --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "leg"),
    [
        ("On Sunday, the later the flight home the better.", "latest", LAST),
        ("Going out, the earlier the better.", "earliest", 0),
        ("Fly back as late as possible, please.", "latest", LAST),
    ],
)
def test_a_comparative_time_wish_slides(sentence: str, kind: str, leg: int) -> None:
    got = extremes(sentence, 1.0, ROUND)
    assert [(w.kind, w.leg) for w in got] == [(kind, leg)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Somewhere decently reviewed, please.",
        "Nothing with terrible reviews.",
        "A hotel with decent ratings.",
    ],
)
def test_a_plain_word_rating_floor_is_read(sentence: str) -> None:
    p = parse_prefs(sentence, ROUND)
    assert p.rating == 6.0 and p.rating_said


def test_a_rating_floor_from_words_credits_a_hotel_just_under_it() -> None:
    prefs = parse_prefs("Good reviews would be nice.", ROUND)
    scorer = Scorer(prefs, 2, 1, 2000.0)
    near, far = _hotel("H-1", 7.9, 900.0), _hotel("H-2", 6.8, 800.0)
    assert scorer.hotel_score(near) > scorer.hotel_score(far)


def test_a_rating_floor_given_as_a_number_stays_a_cutoff() -> None:
    scorer = Scorer(parse_prefs("Rated 8 or more, please.", ROUND), 2, 1, 2000.0)
    assert scorer.hotel_score(_hotel("H-1", 7.9, 900.0)) == scorer.hotel_score(_hotel("H-2", 6.8, 900.0))


@pytest.mark.parametrize(
    ("sentence", "end"),
    [
        ("I'd love to be home in time to read the kids a story around 8.", 20 * 60),
        ("Ideally I get back by 7 for dinner.", 19 * 60),
    ],
)
def test_a_bare_hour_to_be_home_is_an_evening_landing_wish(sentence: str, end: int) -> None:
    got = parse_prefs(sentence, ROUND).windows
    assert [(w.kind, w.end, w.leg, w.hard) for w in got] == [("arrive", end, LAST, False)]


def test_the_priority_said_of_the_location_weighs_it_first() -> None:
    assert emphasis("Being close to the Loop is the priority") == 2.0
    p = parse_prefs("My office is in the Loop, so that's my priority for the area.", ROUND)
    assert p.location_first


def test_an_amenity_wanted_if_the_hotel_has_one_is_half_a_wish() -> None:
    assert parse_prefs("A pool if there's one.", ROUND).amenities["pool"] == 0.5
    assert parse_prefs("A pool would be nice.", ROUND).amenities["pool"] == 1.0


def test_near_the_venue_takes_the_area_from_the_calendar() -> None:
    day = dt.date(2027, 10, 13)
    cal = [
        (
            dt.datetime(2027, 10, 13, 9),
            dt.datetime(2027, 10, 14, 17),
            "Expo 2027 - Convention Hall, River North",
        ),
        (dt.datetime(2027, 11, 2, 9), dt.datetime(2027, 11, 2, 10), "Dentist, Back Bay"),
    ]
    said = venue_text("Three nights somewhere walkable to the expo.", cal, day, day + dt.timedelta(days=3))
    assert said == "Expo 2027 - Convention Hall, River North"
    assert venue_text("Three nights, anywhere is fine.", cal, day, day) == ""


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("A pool is essental for the kids.", "A pool is essential for the kids."),
        ("somewhere with great reveiws and brekfast", "somewhere with great reviews and breakfast"),
        ("Above all a non-stop fligth.", "Above all a non-stop flight."),
    ],
)
def test_a_slip_in_a_wish_word_is_put_back(typed: str, read: str) -> None:
    assert respell(typed, _wish_words()) == read


@pytest.mark.parametrize(
    "text", ["Parting words: thanks!", "wifi and a redeye", "The Breakfast Club reunion."]
)
def test_words_that_are_no_slip_stay_as_written(text: str) -> None:
    assert respell(text, _wish_words()) == text


def test_a_stressed_wish_typed_with_a_slip_still_weighs_double() -> None:
    p = parse_prefs("The most imporatnt thing is a quiet hotel room.", ROUND)
    assert p.reviews["quiet"] == 2.0
