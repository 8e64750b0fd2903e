"""The request reader's hard limits and soft wishes (``agents.intent``): times, stops, airlines,
amenities, ratings and money written the many ways travellers write them, each limit on the leg the
words put it on, and hedged words read as wishes. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from agents.intent import CalendarEntry, ReadContext, read_request

TZ = dt.timezone(dt.timedelta(hours=-8))
NOW = dt.datetime(2027, 2, 1, 9, tzinfo=TZ)  # a Monday


def ctx(**kw: object) -> ReadContext:
    return ReadContext(now=NOW, home="SFO", **kw)  # type: ignore[arg-type]


def times(text: str, **kw: object) -> list[tuple[dt.time | None, ...]]:
    got = read_request(text, ctx(**kw))
    return [(x.depart_after, x.depart_before, x.arrive_after, x.arrive_before) for x in got.legs]


def test_negated_bounds_with_words_between_and_the_other_way_round() -> None:
    t = dt.time
    assert times("Denver March 3, one way. Nothing before 10am.") == [(t(10), None, None, None)]
    assert times("Denver March 3, one way; I can't take anything leaving before 9.") == [
        (t(9), None, None, None)
    ]
    assert times("Denver March 3, one way. I can't land after 9pm.") == [(None, None, None, t(21))]
    assert times("Denver March 3, one way. Don't book anything that departs after 6pm.") == [
        (None, t(18), None, None)
    ]
    assert times("Denver March 3, one way, it must depart between 6 and 9am.") == [(t(6), t(9), None, None)]
    assert times("Denver March 3, one way. I have to land in Denver before 11am.") == [
        (None, None, None, t(11))
    ]
    # "after" inside "afternoon" is no bound
    assert times("Denver March 3, one way, an afternoon flight would be great.") == [(None, None, None, None)]


def test_a_limit_goes_on_the_leg_its_clause_names() -> None:
    t = dt.time
    both = "Boston to Denver March 3, back March 6."  # March 6 2027 is a Saturday
    assert times(both + " Out no earlier than 6am, and the flight back must leave after 5pm.") == [
        (t(6), None, None, None),
        (t(17), None, None, None),
    ]
    assert times(both + " The Saturday flight must land by 8pm.") == [
        (None, None, None, None),
        (None, None, None, t(20)),
    ]
    assert times(both + " Both flights have to leave after 8am.") == [(t(8), None, None, None)] * 2


def test_a_bound_set_by_a_calendar_event() -> None:
    review = CalendarEntry(
        title="Quarterly review",
        start=dt.datetime(2027, 3, 3, 13, tzinfo=TZ),
        end=dt.datetime(2027, 3, 3, 15, 30, tzinfo=TZ),
    )
    got = times(
        "Boston to Denver March 3, back March 6. I can't fly out until the review is over.", calendar=[review]
    )
    assert got == [(dt.time(15, 30), None, None, None), (None, None, None, None)]


def test_stops_airlines_and_refundability_as_requirements() -> None:
    got = read_request("LA to Boston May 2, back May 5. No layovers, and absolutely not on Boreal.", ctx())
    assert [(x.nonstop, x.airlines_avoid) for x in got.legs] == [(True, ["Boreal"])] * 2
    got = read_request(
        "One way Denver to Lisbon on June 14, one stop at most, must be with Kestrel or Solstice.", ctx()
    )
    assert (got.legs[0].max_stops, got.legs[0].airlines_only) == (1, ["Kestrel", "Solstice"])
    got = read_request("Hotel in Denver March 3-6, the rate is non-refundable and that's fine.", ctx())
    assert got.stays[0].refundable is None


def test_hedges_make_wishes_and_requirements_stay_hard() -> None:
    got = read_request(
        "Hotel in Austin Oct 8 to 11. It has to allow dogs; a spa would be a treat, ideally rated 8 or above.",
        ctx(),
    )
    assert got.stays[0].amenities == ["pet-friendly"] and got.stays[0].min_rating is None
    assert {(x.kind, x.value, x.min) for x in got.wishes} == {
        ("amenity", "spa", None),
        ("hotel_rating", None, 8.0),
    }
    got = read_request(
        "Portland to Denver March 3, back March 5. Never Solstice. Kestrel would be nice.", ctx()
    )
    assert [(x.kind, x.value) for x in got.wishes] == [("airline", "Kestrel")]
    got = read_request(
        "LA to Seattle Sept 9, back Sept 12, morning departures would be ideal both ways.", ctx()
    )
    assert [(x.kind, x.start, x.end) for x in got.wishes] == [("depart_window", dt.time(6), dt.time(12))]
    got = read_request(
        "LA to Seattle Sept 9, one way. I would be travelling with my laptop, non-stop only.", ctx()
    )
    assert got.legs[0].nonstop and not got.wishes  # "would be travelling" is no hedge


def test_money_in_words_currency_codes_and_corrections() -> None:
    def budget(text: str) -> float | None:
        return read_request("Flights to Boston June 3, back June 6. " + text, ctx()).budget

    assert budget("The total must not exceed USD 2,750.") == 2750
    assert budget("I can spend 1,200 USD tops.") == 1200
    assert budget("I can't spend more than a grand.") == 1000
    assert budget("Can't go over 1k.") == 1000
    assert budget("Keep it under $700. Hmm, say under $850 instead.") == 850
    assert budget("Anything above $900 needs my manager's sign-off.") is None


def test_bounds_as_nouns_and_hours_with_a_part_of_the_day() -> None:
    t = dt.time
    trip = "SF to Chicago April 8, returning April 11. "
    assert times(trip + "Earliest departure 8am.")[0] == (t(8), None, None, None)
    assert times(trip + "Latest arrival 10pm.")[0] == (None, None, None, t(22))
    assert times(trip + "Need to arrive before 3 in the afternoon.")[0] == (None, None, None, t(15))
    assert times(trip + "Return flight must depart no later than 4pm.")[1] == (None, t(16), None, None)
    assert times(trip + "Landing before 17:00 is mandatory.")[0] == (None, None, None, t(17))


def test_more_ways_to_say_refundable_stops_and_airlines() -> None:
    def legs(text: str) -> list[tuple[object, ...]]:
        got = read_request("SF to Chicago April 8, returning April 11. " + text, ctx())
        return [(x.nonstop, x.airlines_only, x.airlines_avoid, x.refundable) for x in got.legs]

    assert legs("Make sure the tickets can be refunded.") == [(None, [], [], True)] * 2
    assert legs("Direct only.") == [(True, [], [], None)] * 2  # "Direct" is no airline
    assert legs("Stick to Meridian Vale.") == [(None, ["Meridian Vale"], [], None)] * 2
    assert legs("I refuse to fly Boreal.") == [(None, [], ["Boreal"], None)] * 2
    got = read_request("SF to Chicago April 8, returning April 11. Avoid connections if you can.", ctx())
    assert [x.kind for x in got.wishes] == ["nonstop"] and not any(x.nonstop for x in got.legs)


def test_amenities_conceded_or_waved_off_are_not_requirements() -> None:
    def stay(text: str) -> tuple[list[str], list[tuple[str, str | None]], float | None]:
        got = read_request("Hotel in Seattle May 4 to 7. " + text, ctx())
        return got.stays[0].amenities, [(x.kind, x.value) for x in got.wishes], got.stays[0].max_nightly

    assert stay("There has to be somewhere to park.") == (["parking"], [], None)
    assert stay("I'd kill for a pool but it's optional.") == ([], [("amenity", "pool")], None)
    assert stay("If there's a gym, great.") == ([], [("amenity", "gym")], None)
    assert stay("Not fussed about a pool.") == ([], [], None)
    assert stay("Nightly rate no higher than $160.") == ([], [], 160)
    assert stay("Keep it below 250 a night.") == ([], [], 250)


def test_cabins_per_flight_economy_only_when_required_and_judged_airlines() -> None:
    def cabins(text: str) -> list[str | None]:
        return [x.cabin for x in read_request("NYC to LA April 4, back April 6. " + text, ctx()).legs]

    assert cabins("Economy for the way out and business for the return.") == [None, "business"]
    assert cabins("The flight over must be business class; economy is fine coming home.") == [
        "business",
        None,
    ]
    assert cabins("I can only do business class due to my back.") == [
        "business",
        "business",
    ]  # "back": no leg
    assert cabins("Economy only, company policy.") == ["economy", "economy"]
    assert cabins("Economy is fine.") == [None, None]
    got = read_request("NYC to LA April 4, back April 6. Aurora Air preferred, Boreal Airways never.", ctx())
    assert [x.airlines_avoid for x in got.legs] == [["Boreal Airways"]] * 2
    assert [(x.kind, x.value) for x in got.wishes] == [("airline", "Aurora Air")]


def test_general_time_limits_hold_on_every_flight_and_labels_keep_their_words() -> None:
    t = dt.time
    trip = "NYC to LA April 4, back April 6. "
    assert times(trip + "No flights before 7am.") == [(t(7), None, None, None)] * 2
    # flights said with the day of one of them: that flight only
    assert times("I need flights to LA on April 4 leaving after 5pm, back April 6.") == [
        (t(17), None, None, None),
        (None, None, None, None),
    ]
    assert times(trip + "Nothing that lands after 10pm on either leg.") == [(None, None, None, t(22))] * 2
    assert times(trip + "Outbound: depart after 9am. Return: land before 11pm.") == [
        (t(9), None, None, None),
        (None, None, None, t(23)),
    ]


def test_a_hedged_amount_yields_to_a_firm_one_and_rates_per_night_are_nightly_caps() -> None:
    def money(text: str) -> tuple[float | None, list[float | None]]:
        got = read_request("NYC to Miami April 4, back April 8, with a hotel. " + text, ctx())
        return got.budget, [s.max_nightly for s in got.stays]

    assert money("Under $1,200 would be ideal but up to $1,500 is ok.") == (1500, [None])
    assert money("Ideally under $1,200.") == (1200, [None])
    assert money("Nothing over 220/night for the hotel.") == (None, [220])
    assert money("Spend no more than 175 on the room per night.") == (None, [175])
    assert money("Hotel max $180 per night, total trip under $1,600.") == (1600, [180])


def test_a_hedge_covers_its_own_piece_of_a_sentence() -> None:
    def read(text: str) -> tuple[list[bool | None], list[str], set[tuple[str, str | None]]]:
        got = read_request("Flights NYC to Denver April 4, back April 8, and a hotel. " + text, ctx())
        return [x.nonstop for x in got.legs], got.stays[0].amenities, {(x.kind, x.value) for x in got.wishes}

    assert read("Has to have a pool, spa would be nice to have.") == (
        [None, None],
        ["pool"],
        {("amenity", "spa")},
    )
    assert read("The hotel must have a pool and breakfast would be a bonus.") == (
        [None, None],
        ["pool"],
        {("amenity", "breakfast")},
    )
    assert read("A gym, pool and spa would be nice.") == (
        [None, None],
        [],
        {("amenity", "gym"), ("amenity", "pool"), ("amenity", "spa")},
    )
    assert read("Must be non-stop, ideally with a gym at the hotel.") == (
        [True, True],
        [],
        {("amenity", "gym")},
    )
    assert read("I lean towards non-stop.") == ([None, None], [], {("nonstop", None)})
    assert read("Would appreciate a direct flight.") == ([None, None], [], {("nonstop", None)})


def test_before_midnight_is_by_the_end_of_the_day() -> None:
    assert times("Fly me to Boston on 3 March, I must land before midnight.") == [
        (None, None, None, dt.time(23, 59))
    ]


def test_a_bare_hour_after_an_arrival_word_is_a_limit_in_digits_or_words() -> None:
    assert times("Austin to Denver on 5 May, we must land by 6.") == [(None, None, None, dt.time(18))]
    assert times("To Denver on 5 May; we have to be there by six.") == [(None, None, None, dt.time(18))]


def test_a_hedged_amount_after_a_comma_yields_to_the_firm_cap_before_it() -> None:
    got = read_request("Frankfurt on 3 March, no more than $500, ideally $400 or less.", ctx())
    assert got.budget == 500


def test_a_space_that_groups_thousands_is_part_of_the_amount() -> None:
    assert read_request("Flights to Boston on 3 March, budget: 1 300 USD all in.", ctx()).budget == 1300
