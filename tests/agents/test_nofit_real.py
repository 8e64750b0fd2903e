"""Limits the default agent read although the traveller never set them (branch r7-nofit, issue 12):
real requests it refused with "no flight meets your requirements" while the reference books them.
Each class in sentences written for these tests: a share is no amount of money; the amount a
correction rejects is no cap; a hotel asked for only by its nightly price or stars is a hotel; a
sentence opener or a street is no airline; a cabin on a price condition with a fallback is a wish;
"the Sunday" on the way to a dated meeting comes before it; the planner speaks the flight tools'
cabin words and gives each leg its own cabin."""

from __future__ import annotations

import datetime as dt

from agents.intent import LegIntent, ReadContext, TripIntent, read_request
from agents.models._scripted_plans import Trip
from agents.models._scripted_wishes import TOOL_CABINS, leg_cabins

TZ = dt.timezone(dt.timedelta(hours=-5))
NOW = dt.datetime(2027, 3, 1, 9, tzinfo=TZ)
D = dt.date


def read(text: str, home: str = "BOS") -> TripIntent:
    return read_request(text, ReadContext(now=NOW, home=home))


def test_a_share_of_a_fare_is_no_budget() -> None:
    for text in (
        "Boston to Miami April 6 to 9; I can stretch to no more than 45% over the basic fare.",
        "Hotel in Denver April 12-15, can't pay above 85 percent of the list price.",
    ):
        got = read(text)
        assert got.budget is None and got.flights_budget is None, text


def test_the_amount_a_correction_rejects_is_no_cap_and_the_new_one_replaces_it() -> None:
    got = read(
        "Boston to Austin May 4, back May 7, hotel up to $150 a night. Correction: it's $210, not $150, per night."
    )
    assert got.budget is None
    assert [s.max_nightly for s in got.stays] == [210]
    got = read(
        "Hotel in Austin May 4-7 under $150 a night. Actually the lodging per diem is $205 a night rather than $150."
    )
    assert got.budget is None
    assert [s.max_nightly for s in got.stays] == [205]


def test_a_nightly_price_or_a_star_floor_asks_for_a_hotel() -> None:
    got = read("Boston to Phoenix April 20, back the 23rd. Two stars minimum, $180 per night max.")
    assert [(s.city, s.check_in, s.check_out, s.min_stars, s.max_nightly) for s in got.stays] == [
        ("PHX", D(2027, 4, 20), D(2027, 4, 23), 2, 180)
    ]
    assert read("Boston to Phoenix April 20, back the 23rd, aisle seat.").stays == []


def test_a_street_named_drive_is_no_way_to_travel() -> None:
    got = read(
        "Atlanta to Orlando June 3, back June 6, 3 stars minimum, ideally on Universal Drive.", home="ATL"
    )
    assert [(leg.origin, leg.destination) for leg in got.legs] == [("ATL", "MCO"), ("MCO", "ATL")]
    assert got.stays and got.stays[0].city == "MCO"


def test_a_sentence_opener_or_a_street_is_no_airline_but_a_code_is() -> None:
    for text in (
        "Boston to Denver May 3, back May 6. Then only evening flights, and a hotel.",
        "Boston to Denver May 3, back May 6. Yes only non-stops.",
        "Boston to Orlando May 3, back May 6, a hotel too; staying on Palm Drive only.",
    ):
        got = read(text)
        assert all(not leg.airlines_only and not leg.airlines_avoid for leg in got.legs), text
    got = read("Boston to Denver May 3, back May 6. Never SO, please.")
    assert all(leg.airlines_avoid for leg in got.legs)


def test_a_cabin_on_a_price_condition_with_a_fallback_is_a_wish() -> None:
    got = read(
        "Boston to Rome May 3, back May 12. Business only if it's less than 35% dearer than economy; "
        "if not, economy."
    )
    assert all(leg.cabin is None for leg in got.legs)
    assert [(w.kind, w.value) for w in got.wishes if w.kind == "cabin"] == [("cabin", "business")]
    hard = read("Boston to Rome May 3, back May 12, business class only.")
    assert [leg.cabin for leg in hard.legs] == ["business", "business"]


def test_the_weekday_on_the_way_to_a_dated_meeting_is_the_one_before_it() -> None:
    got = read(
        "I need to be in Dallas for a 9am meeting on Monday May 17, flying from Boston on the Sunday. Home Thursday the 20th."
    )
    assert [leg.date for leg in got.legs] == [D(2027, 5, 16), D(2027, 5, 20)]
    got = read("Workshop in Denver on Monday April 12, staying until the Thursday.")
    assert got.legs[-1].date == D(2027, 4, 15)  # staying on counts forward


def test_an_overnight_flight_out_with_a_landing_deadline_lands_the_next_morning() -> None:
    got = read(
        "Meeting in London Tuesday May 11 at 11. Flying overnight on the Monday, landing by 9am. Home May 14."
    )
    assert (got.legs[0].date, got.legs[0].arrive_on) == (D(2027, 5, 10), D(2027, 5, 11))


def test_the_planner_uses_the_flight_tools_cabin_words() -> None:
    assert TOOL_CABINS["premium_economy"] == "premium"
    intent = TripIntent(legs=[LegIntent(cabin="premium_economy"), LegIntent(cabin="premium_economy")])
    assert leg_cabins(intent, 2, "economy") == []  # one cabin for every leg: the trip's


def test_each_leg_flies_its_own_cabin_when_the_words_give_them_different_ones() -> None:
    intent = TripIntent(legs=[LegIntent(cabin="business"), LegIntent()])
    cabins = leg_cabins(intent, 2, "economy")
    assert cabins == ["business", "economy"]
    trip = Trip([], [], 1, 1, "business", None, leg_cabins=cabins)
    assert (trip.cabin_for(0), trip.cabin_for(1)) == ("business", "economy")


def test_a_stay_narrowed_later_keeps_only_that_night() -> None:
    got = read(
        "Boston to Austin Friday April 9, back Monday April 12, hotel all three nights. Oh, my friend can "
        "host us from Saturday, so the room only Friday night."
    )
    assert [(s.check_in, s.check_out) for s in got.stays] == [(D(2027, 4, 9), D(2027, 4, 10))]


def test_a_clause_after_a_semicolon_keeps_the_flight_its_sentence_names() -> None:
    got = read(
        "Out to Denver May 3. Home May 6; the client dinner ends late, so nothing departing before 10pm."
    )
    assert [leg.depart_after for leg in got.legs] == [None, dt.time(22, 0)]


def test_a_paragraph_with_an_answer_after_it_is_not_one_line_per_flight() -> None:
    text = (
        "Please book the sales trip to Austin: fly from Boston Monday May 3, back Wednesday May 5. "
        "The demo is at 2pm Monday so we need to land by 1."
    )
    for got in (read(text), read(text + "\n\nJust me.")):
        assert [leg.arrive_before for leg in got.legs] == [dt.time(13, 0), None]


def test_a_one_way_flight_only_still_wants_the_hotel_it_names() -> None:
    got = read(
        "Boston to Denver May 3. We'll drive back, so a one-way flight only, plus the hotel for two nights."
    )
    assert len(got.legs) == 1 and [s.city for s in got.stays] == ["DEN"]


def test_a_city_named_only_in_a_past_aside_is_no_stop() -> None:
    for text in (
        "Boston to Seattle May 3, back May 7. We stayed in Portland last time and hated the rain.",
        "Boston to Seattle May 3, back May 7, one room... no actually, two rooms, we tried sharing in Denver once.",
    ):
        got = read(text)
        assert [(leg.origin, leg.destination) for leg in got.legs] == [("BOS", "SEA"), ("SEA", "BOS")], text


def test_nobody_boarding_a_plane_before_a_time_bounds_every_flight() -> None:
    got = read("Boston to Denver May 3, back May 6. Nobody in our group boards a plane before 7am.")
    assert [leg.depart_after for leg in got.legs] == [dt.time(7, 0), dt.time(7, 0)]


def test_an_area_as_close_as_you_can_is_a_wish() -> None:
    got = read("Hotel in Atlanta June 8-10 under $250 a night, as near to midtown as possible.")
    assert [(w.kind, w.value) for w in got.wishes] == [("neighbourhood", "midtown")]
    assert [s.max_nightly for s in got.stays] == [250]
