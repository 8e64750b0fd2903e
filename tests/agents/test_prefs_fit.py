"""The wishes a traveller weighs against price, read from their own words (r5-prefs).

Cancellation terms in everyday words ("tickets I can get a refund on", "my money back", "a room I can
cancel up to the day before"), wishes priced in words ("I'd pay a bit more for", "worth an extra $50"),
a price per night that is no wish for a night flight, and an airline the traveller would rather not
fly that is no wish for it. Each test failed before the rule it checks was added.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, TripIntent, read_request
from agents.models._scripted_prefs import parse_prefs

NOW = dt.datetime(2027, 3, 29, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
TRIP = "Boston to Denver May 5, back May 9, with a hotel for the four nights. "


def _read(text: str, home: str = "BOS") -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home=home))


def _wishes(intent: TripIntent) -> set[str]:
    return {w.kind for w in intent.wishes}


@pytest.mark.parametrize(
    "said",
    [
        "Tickets I can get my money back on would be great.",
        "I'm happy to pay a bit more for tickets I can get a refund on.",
        "I'd pay a bit more for a room I can cancel up to the day before.",
        "Refundable fares are worth a little extra to me.",
    ],
)
def test_cancellation_terms_said_as_a_wish_are_a_refundable_wish(said: str) -> None:
    intent = _read(TRIP + said)
    assert "refundable" in _wishes(intent)
    assert not any(leg.refundable for leg in intent.legs)
    assert not any(stay.refundable for stay in intent.stays)


def test_cancellation_terms_said_as_a_need_are_a_limit_on_what_they_name() -> None:
    flight = _read(
        "One way Phoenix to Atlanta, April 20. Has to be a ticket I can get a full refund on.", "PHX"
    )
    assert [leg.refundable for leg in flight.legs] == [True]
    hotel = _read(
        "Hotel in Dallas, check-in June 14, check-out June 16. The room must be one we can cancel "
        "until 48 hours before check-in.",
        "IAD",
    )
    assert [stay.refundable for stay in hotel.stays] == [True]


def test_a_cancellation_deadline_is_no_day_of_the_trip() -> None:
    intent = _read(
        "A hotel in Seattle from May 3 to May 6, please; I'd like a room I can cancel up to the day before."
    )
    assert [(s.check_in, s.check_out) for s in intent.stays] == [(dt.date(2027, 5, 3), dt.date(2027, 5, 6))]


def test_a_wish_priced_in_words_is_a_wish_not_a_limit() -> None:
    intent = _read(TRIP + "I'd pay a little more for a direct flight.")
    assert "nonstop" in _wishes(intent)
    assert not any(leg.nonstop or leg.max_stops == 0 for leg in intent.legs)


@pytest.mark.parametrize(
    "said",
    [
        "Corporate card covers up to $250 a night for the hotel.",
        "I can spend up to 200 dollars a night on the room.",
        "Fly out whenever, the hotel is $150/night max.",
    ],
)
def test_a_price_per_night_is_no_wish_for_a_night_flight(said: str) -> None:
    assert parse_prefs(TRIP + said, ("BOS", ["DEN", "BOS"])).windows == []


def test_a_night_flight_asked_for_is_still_one() -> None:
    windows = parse_prefs(TRIP + "I'd like a night flight out.", ("BOS", ["DEN", "BOS"])).windows
    assert [(w.kind, w.start, w.end) for w in windows] == [("depart", 20 * 60, 5 * 60)]


@pytest.mark.parametrize(
    ("said", "dollars"),
    [("A direct flight is worth an extra $50 to me.", 50.0), ("I'd pay up to $80 more for a nonstop.", 80.0)],
)
def test_the_price_of_a_non_stop_said_before_or_after_the_amount(said: str, dollars: float) -> None:
    assert parse_prefs(TRIP + said, ("BOS", ["DEN", "BOS"])).nonstop_dollars == dollars


def test_a_whole_trip_cap_is_no_price_for_a_non_stop() -> None:
    prefs = parse_prefs(TRIP + "Nonstop please, I can spend up to $900 in total.", ("BOS", ["DEN", "BOS"]))
    assert prefs.nonstop_dollars is None


def test_an_airline_the_traveller_would_rather_not_fly_is_no_wish_for_it() -> None:
    intent = _read(TRIP + "I'd prefer not to fly Boreal Airways if there's anything else.")
    assert not [w for w in intent.wishes if w.kind == "airline"]
    kept = _read(TRIP + "I'd prefer to fly Kestrel if possible.")
    assert [w.value for w in kept.wishes if w.kind == "airline"] == ["Kestrel"]


@pytest.mark.parametrize(
    "said",
    [
        "The morning flight if it's not much more, otherwise whatever's cheapest.",
        "A morning flight out, as long as it doesn't cost a lot more.",
    ],
)
def test_a_not_in_the_price_condition_does_not_turn_the_wish_round(said: str) -> None:
    windows = parse_prefs(TRIP + said, ("BOS", ["DEN", "BOS"])).windows
    assert [(w.start, w.end, w.weight > 0) for w in windows] == [(6 * 60, 12 * 60, True)]


def test_a_time_of_day_the_traveller_avoids_is_still_avoided() -> None:
    windows = parse_prefs(TRIP + "If possible, not a morning flight.", ("BOS", ["DEN", "BOS"])).windows
    assert [(w.start, w.end, w.weight < 0) for w in windows] == [(6 * 60, 12 * 60, True)]


@pytest.mark.parametrize(
    "said",
    ["A pool if it doesn't cost much more; no need for a gym.", "No pool needed, but a gym would be nice."],
)
def test_an_amenity_said_not_to_be_needed_is_no_wish(said: str) -> None:
    amenities = parse_prefs(TRIP + said, ("BOS", ["DEN", "BOS"])).amenities
    assert len(amenities) == 1 and ("pool" in amenities) == said.startswith("A pool")


@pytest.mark.parametrize(
    "said",
    ["I'd rather not have a layover if it isn't too much extra.", "Ideally fewer stops, but keep it cheap."],
)
def test_a_layover_the_traveller_would_rather_not_have_is_a_non_stop_wish(said: str) -> None:
    prefs = parse_prefs(TRIP + said, ("BOS", ["DEN", "BOS"]))
    assert prefs.nonstop > 0 and not prefs.hard_nonstop


def _flight_at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 5, 19, hour, minute)


def test_the_last_flight_home_prefers_the_later_departure_home_only() -> None:
    from agents.models._scripted_extremes import extreme_score

    prefs = parse_prefs(
        TRIP + "My meetings run all day, so ideally the last flight home.", ("BOS", ["DEN", "BOS"])
    )
    assert [(x.kind, x.leg) for x in prefs.extremes] == [("latest", -1)]
    home = [extreme_score(prefs.extremes, _flight_at(h), 1, 2) for h in (7, 16, 19)]
    assert home == sorted(home) and home[0] < home[-1]
    assert extreme_score(prefs.extremes, _flight_at(19), 0, 2) == 0.0  # the flight out is not concerned


def test_as_much_time_there_as_possible_is_out_early_and_back_late() -> None:
    prefs = parse_prefs(
        TRIP + "First flight out please, I want as much time there as possible.", ("BOS", ["DEN", "BOS"])
    )
    assert sorted((x.kind, x.leg) for x in prefs.extremes) == [("earliest", 0), ("latest", -1)]


def test_a_first_flight_that_is_no_wish_about_the_time_of_day() -> None:
    assert (
        parse_prefs(TRIP + "My first flight with Kestrel was great.", ("BOS", ["DEN", "BOS"])).extremes == []
    )


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("I won't fly BQ.", "BQ"),
        ("Please dont put me on MV again.", "MV"),
        ("Never on SO, their seats are awful.", "SO"),
    ],
)
def test_an_airline_avoided_by_its_code_is_avoided_on_every_leg(said: str, code: str) -> None:
    assert [leg.airlines_avoid for leg in _read(TRIP + said).legs] == [[code], [code]]


def test_capitals_that_are_no_airline_are_not_avoided() -> None:
    assert [leg.airlines_avoid for leg in _read(TRIP + "Not in LA this time, OK?").legs] == [[], []]


@pytest.mark.parametrize(
    ("said", "weight"),
    [
        ("A hotel not far from Summerlin, my sister lives there.", 1.0),
        ("Nothing too far from Summerlin please.", 1.0),
        ("Not in Summerlin, too quiet for us.", -1.0),
        ("Anywhere but Summerlin.", -1.0),
    ],
)
def test_nearness_said_with_a_negation_is_a_wish_for_the_place(said: str, weight: float) -> None:
    from agents.models._scripted_prefs import name_weight

    assert name_weight(said, "Summerlin") == weight
