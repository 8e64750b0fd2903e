"""Multi-city chains as people write them (r5-multi): a "then home" on its own bullet, a bare
weekday after a city of a listed itinerary, nights said before their city, "back in X", a weekday
said with "the"/"that" after the leg before, cities the traveller is "doing" with their nights,
and a stop reached by road between two flights (its stay moves there on the day of the drive)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from agents.intent import ReadContext, StayIntent, TripIntent, read_request
from agents.intent._model import LegIntent
from agents.models._scripted_intent import legs_and_stays
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

DEV = Path(__file__).resolve().parent / "dev_scenarios"


def _read(text: str, now: str, home: str) -> TripIntent:
    return read_request(text, ReadContext(now=dt.datetime.fromisoformat(now), home=home))


def _legs(intent: TripIntent) -> list[tuple[str | None, str | None, str]]:
    return [(leg.origin, leg.destination, str(leg.date)) for leg in intent.legs]


def _stays(intent: TripIntent) -> list[tuple[str | None, str, str]]:
    return [(s.city, str(s.check_in), str(s.check_out)) for s in intent.stays]


def test_a_then_home_bullet_closes_the_chain() -> None:
    got = _read(
        "Out of Atlanta on Tue May 11:\n- Denver, 3 nights\n- Austin, 2 nights\n- then home\nHotels in both.",
        "2027-04-26T09:00:00-04:00",
        "ATL",
    )
    assert _legs(got) == [
        ("ATL", "DEN", "2027-05-11"),
        ("DEN", "AUS", "2027-05-14"),
        ("AUS", "ATL", "2027-05-16"),
    ]
    assert _stays(got) == [("DEN", "2027-05-11", "2027-05-14"), ("AUS", "2027-05-14", "2027-05-16")]


def test_a_bare_weekday_after_a_listed_city_is_its_leg_day() -> None:
    got = _read(
        "from boston: miami on monday may 3, then orlando on thursday, then back to boston sunday. a hotel in each.",
        "2027-04-19T09:00:00-04:00",
        "BOS",
    )
    assert got.shape == "multi_city"
    assert _legs(got) == [
        ("BOS", "MIA", "2027-05-03"),
        ("MIA", "MCO", "2027-05-06"),
        ("MCO", "BOS", "2027-05-09"),
    ]
    assert [s.city for s in got.stays] == ["MIA", "MCO"]


def test_nights_said_before_their_city_date_the_next_leg() -> None:
    got = _read(
        "We leave Denver on 6/7 for two nights in Phoenix, then four in Las Vegas, then fly back to Denver.",
        "2027-05-24T09:00:00-06:00",
        "DEN",
    )
    assert _legs(got) == [
        ("DEN", "PHX", "2027-06-07"),
        ("PHX", "LAS", "2027-06-09"),
        ("LAS", "DEN", "2027-06-13"),
    ]


def test_back_in_a_city_that_weekday_is_the_way_home() -> None:
    got = _read(
        "Flying Seattle to Boston on Monday the 7th of June, over to Atlanta on the Wednesday, and I "
        "must be back in Seattle that Saturday. Just flights.",
        "2027-05-24T09:00:00-07:00",
        "SEA",
    )
    assert _legs(got) == [
        ("SEA", "BOS", "2027-06-07"),
        ("BOS", "ATL", "2027-06-09"),
        ("ATL", "SEA", "2027-06-12"),
    ]


def test_cities_the_traveller_is_doing_with_their_nights() -> None:
    got = _read(
        "From June 7 I'm doing Miami (2 nights) and Orlando (3 nights) before heading home to Austin. Hotels please.",
        "2027-05-24T09:00:00-05:00",
        "AUS",
    )
    assert _legs(got) == [
        ("AUS", "MIA", "2027-06-07"),
        ("MIA", "MCO", "2027-06-09"),
        ("MCO", "AUS", "2027-06-12"),
    ]


def test_a_stop_reached_by_road_moves_the_stay_on_the_day_of_the_drive() -> None:
    got = _read(
        "Fly me Phoenix to Seattle on Friday May 21. I'll take the train down to Portland on the "
        "Monday and fly home to Phoenix from Portland on Thursday May 27. Hotels in Seattle and Portland.",
        "2027-05-03T09:00:00-07:00",
        "PHX",
    )
    assert _legs(got) == [("PHX", "SEA", "2027-05-21"), ("PDX", "PHX", "2027-05-27")]
    assert _stays(got) == [("SEA", "2027-05-21", "2027-05-24"), ("PDX", "2027-05-24", "2027-05-27")]


def test_a_stay_left_by_road_keeps_its_own_nights_in_the_plan() -> None:
    intent = TripIntent(
        shape="multi_city",
        legs=[
            LegIntent(origin="PHX", destination="SEA", date=dt.date(2027, 5, 21)),
            LegIntent(origin="PDX", destination="PHX", date=dt.date(2027, 5, 27)),
        ],
        stays=[
            StayIntent(city="SEA", check_in=dt.date(2027, 5, 21), check_out=dt.date(2027, 5, 24)),
            StayIntent(city="PDX", check_in=dt.date(2027, 5, 24), check_out=dt.date(2027, 5, 27)),
        ],
    )
    _, stays = legs_and_stays(intent, "PHX", [], None)
    assert [(s.city, s.check_in, s.check_out) for s in stays] == [
        ("SEA", dt.date(2027, 5, 21), dt.date(2027, 5, 24)),
        ("PDX", dt.date(2027, 5, 24), dt.date(2027, 5, 27)),
    ]


def test_where_the_traveller_must_be_on_each_day_is_a_chain() -> None:
    got = _read(
        "I have to be in Atlanta on April 19, Dallas on April 21, then home on the 23rd.",
        "2027-04-05T09:00:00-04:00",
        "IAD",
    )
    assert _legs(got) == [
        ("IAD", "ATL", "2027-04-19"),
        ("ATL", "DFW", "2027-04-21"),
        ("DFW", "IAD", "2027-04-23"),
    ]


def test_a_bare_day_range_takes_the_month_of_the_leg_it_starts() -> None:
    got = _read(
        "First Chicago (May 24-26), then Denver (26-29), then home. Rooms in both.",
        "2027-05-10T09:00:00-04:00",
        "BOS",
    )
    assert _legs(got)[-1] == ("DEN", "BOS", "2027-05-29")
    assert _stays(got) == [("ORD", "2027-05-24", "2027-05-26"), ("DEN", "2027-05-26", "2027-05-29")]


def test_a_count_without_the_word_nights_after_nights_were_said_is_nights() -> None:
    got = _read(
        "Out of Atlanta: Boston on Monday April 26 for three nights, then Washington for two, then "
        "Miami for two nights, and home. Hotels at each.",
        "2027-04-12T09:00:00-04:00",
        "ATL",
    )
    assert _legs(got) == [
        ("ATL", "BOS", "2027-04-26"),
        ("BOS", "IAD", "2027-04-29"),
        ("IAD", "MIA", "2027-05-01"),
        ("MIA", "ATL", "2027-05-03"),
    ]


def test_cities_joined_by_arrows_each_leave_on_their_own_bracketed_day() -> None:
    got = _read(
        "New York > London (Jan 18) > Amsterdam (Jan 21) > New York (Jan 25), flights only.",
        "2027-01-04T09:00:00-05:00",
        "JFK",
    )
    assert _legs(got) == [
        ("JFK", "LHR", "2027-01-18"),
        ("LHR", "AMS", "2027-01-21"),
        ("AMS", "JFK", "2027-01-25"),
    ]


def test_where_the_trip_starts_said_after_the_cities_is_its_origin() -> None:
    got = _read(
        "Get me Tokyo on Jan 20 and Singapore on Jan 24, starting from San Francisco. Hotel in Tokyo, "
        "plus 2 nights in Singapore.",
        "2027-01-04T09:00:00-08:00",
        "LAX",
    )
    assert _legs(got) == [("SFO", "NRT", "2027-01-20"), ("NRT", "SIN", "2027-01-24")]
    assert _stays(got) == [("NRT", "2027-01-20", "2027-01-24"), ("SIN", "2027-01-24", "2027-01-26")]


def test_a_price_rise_past_the_travellers_own_cap_is_not_called_the_accounts_budget() -> None:
    result = run(load_scenario(DEV / "r5-multi-own-cap-price-rise.yaml"), RunOptions(agent="planner"))
    assert result.scores is not None and result.scores.passed
    report = result.final_message or ""
    assert "went up to $390.00" in report
    assert "the $1,700.00 limit you set" in report
    assert "over your budget" not in report and "your budget of $1,700" not in report


def test_cities_visited_from_one_day_to_another_on_a_round_trip_from_home() -> None:
    got = _read(
        "I'd like to visit Tokyo from Jan 20 to Jan 24 and Singapore from Jan 24 to Jan 28, as a round "
        "trip from LA. Hotels in both.",
        "2027-01-05T09:00:00-08:00",
        "LAX",
    )
    assert _legs(got) == [
        ("LAX", "NRT", "2027-01-20"),
        ("NRT", "SIN", "2027-01-24"),
        ("SIN", "LAX", "2027-01-28"),
    ]


def test_a_summary_of_the_cities_before_the_legs_names_no_journey_of_its_own() -> None:
    got = _read(
        "Visiting London and Paris: leave New York January 18, London to Paris January 21, home January 25.",
        "2027-01-04T09:00:00-05:00",
        "JFK",
    )
    assert _legs(got) == [
        ("JFK", "LHR", "2027-01-18"),
        ("LHR", "CDG", "2027-01-21"),
        ("CDG", "JFK", "2027-01-25"),
    ]


def test_via_a_city_with_its_own_day_is_a_stop_and_without_one_a_connection() -> None:
    stop = _read(
        "Boston to Seattle on June 14, via Portland on June 17, back to Boston on June 20.",
        "2027-06-01T09:00:00-04:00",
        "BOS",
    )
    assert [(o, d) for o, d, _ in _legs(stop)] == [("BOS", "SEA"), ("SEA", "PDX"), ("PDX", "BOS")]
    connection = _read(
        "Boston to Seattle via Denver on June 14, back on June 20.", "2027-06-01T09:00:00-04:00", "BOS"
    )
    assert connection.shape == "round_trip"
    assert [(o, d) for o, d, _ in _legs(connection)] == [("BOS", "SEA"), ("SEA", "BOS")]
