"""Readings of real travellers' dates and times (branch r7-dates), each in words other than the
requests they were found in: an arrow route beside someone else's driving; weekdays listed as a
stay's nights; a calendar event with a margin; a busy morning or a refused early start as the
earliest departure."""

from __future__ import annotations

import datetime as dt

from agents.intent import CalendarEntry, ReadContext, read_request

TZ = dt.timezone(dt.timedelta(hours=-6))
CTX = ReadContext(now=dt.datetime(2027, 3, 2, 9, 0, tzinfo=TZ), home="DFW")


def test_an_arrow_route_is_a_flight_even_when_others_drive():
    got = read_request(
        "dfw -> phoenix thurs the 18th, back sun the 21st. the others are driving so its just me. "
        "hotel needs a pool",
        CTX,
    )
    assert got.shape == "round_trip"
    assert [(leg.origin, leg.destination, leg.date) for leg in got.legs] == [
        ("DFW", "PHX", dt.date(2027, 3, 18)),
        ("PHX", "DFW", dt.date(2027, 3, 21)),
    ]
    assert got.stays and got.stays[0].amenities == ["pool"]


def test_weekdays_listed_as_nights_set_the_stay_around_the_dated_day():
    got = read_request(
        "The award dinner is on Saturday the 20th of March; book me a hotel in Austin for the Friday and "
        "Saturday nights. I'm driving.",
        CTX,
    )
    assert got.shape == "hotel_only"
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 3, 19), dt.date(2027, 3, 21))


def test_weekday_nights_after_a_flight_run_to_the_morning_after_the_last():
    got = read_request(
        "One way Dallas to Denver on Thursday March 11th, and a room there Thursday, Friday and Saturday nights.",
        CTX,
    )
    assert got.shape == "one_way"
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 3, 11), dt.date(2027, 3, 14))


def test_a_margin_before_a_calendar_event_bounds_the_landing():
    cal = [
        CalendarEntry(
            title="Book launch (Chicago)",
            start=dt.datetime(2027, 3, 12, 18, 0, tzinfo=TZ),
            end=dt.datetime(2027, 3, 12, 21, 0, tzinfo=TZ),
        )
    ]
    ctx = ReadContext(now=CTX.now, home="DFW", calendar=cal)
    got = read_request(
        "Dallas to Chicago on March 12, back March 14. I need to be landed an hour and a half before the "
        "book launch starts.",
        ctx,
    )
    assert got.legs[0].arrive_before == dt.time(16, 30)
    assert got.legs[1].arrive_before is None


def test_a_busy_morning_sets_the_earliest_departure():
    got = read_request(
        "Dallas to Miami Tuesday the 16th of March, one way. I've got classes Tuesday morning so an "
        "afternoon flight please.",
        CTX,
    )
    assert got.legs[0].depart_after == dt.time(12, 0)
    assert got.legs[0].depart_before is None
    assert not [w for w in got.wishes if w.kind == "depart_window"]


def test_a_busy_morning_with_a_clock_time_is_that_time_not_a_morning_window():
    got = read_request(
        "Dallas to Miami on the 16th. We both have to work that morning so it has to be after 1.", CTX
    )
    assert got.legs[0].depart_after == dt.time(13, 0)
    assert got.legs[0].depart_before is None


def test_an_early_start_refused_then_an_hour_allowed_is_the_earliest_departure():
    got = read_request(
        "Dallas to Denver on the 20th, one way. Not at the crack of dawn again, after 8 is fine.", CTX
    )
    assert got.legs[0].depart_after == dt.time(8, 0)


def test_a_day_repaired_mid_sentence_is_replaced_by_the_later_one():
    got = read_request(
        "Dallas to Boston, out on the 9th, um, no, sorry, Wednesday, Wednesday the 10th, back the 14th.", CTX
    )
    assert [leg.date for leg in got.legs] == [dt.date(2027, 3, 10), dt.date(2027, 3, 14)]


def test_have_landed_by_is_a_landing_deadline():
    got = read_request(
        "Dallas to Denver on the 18th, one way; I need to have landed by ten, ideally sooner.", CTX
    )
    assert got.legs[0].arrive_before == dt.time(10, 0)


def test_nights_somewhere_is_a_hotel_and_it_must_be_cancellable_is_the_stays():
    got = read_request(
        "Dallas to Chicago on the 9th, back the 11th. Two nights somewhere near the river, and it must be "
        "cancellable.",
        CTX,
    )
    assert got.stays and got.stays[0].refundable is True
    assert not any(leg.refundable for leg in got.legs)


def test_home_that_evening_is_on_the_day_named_just_before():
    got = read_request(
        "Dallas to Tampa next week: out Monday, the summit is Tuesday and Wednesday, it wraps at 4 on "
        "Wednesday so get me something home after 7 that evening.",
        CTX,
    )
    assert got.legs[1].date == dt.date(2027, 3, 10)
    assert got.legs[1].depart_after == dt.time(19, 0)


def test_a_plan_moved_with_its_event_moves_every_day():
    got = read_request(
        "Quick update: the launch was pushed from Tuesday the 16th to Thursday the 18th, so shift everything "
        "to match.\nOriginal: Dallas to Seattle on Monday March 15, a hotel for two nights, home Wednesday "
        "March 17.",
        CTX,
    )
    assert [leg.date for leg in got.legs] == [dt.date(2027, 3, 17), dt.date(2027, 3, 19)]
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 3, 17), dt.date(2027, 3, 19))
    assert any("moved +2" in a for a in got.assumptions)


def test_a_street_is_an_area_wish_not_an_airline():
    got = read_request(
        "A hotel in Orlando from the 9th to the 12th. Somewhere on International Drive would be ideal.", CTX
    )
    assert not [w for w in got.wishes if w.kind == "airline"]
    assert [w.value for w in got.wishes if w.kind == "neighbourhood"] == ["international drive"]


def test_an_event_named_by_a_word_inside_its_title_dates_the_stay():
    cal = [
        CalendarEntry(
            title="AgriExpo Central (fairgrounds)",
            start=dt.datetime(2027, 4, 6, 9, 0, tzinfo=TZ),
            end=dt.datetime(2027, 4, 8, 17, 0, tzinfo=TZ),
        )
    ]
    ctx = ReadContext(now=CTX.now, home="DFW", calendar=cal)
    got = read_request(
        "Just a hotel in Denver please: I arrive the evening before the expo opens and leave right after it "
        "closes.",
        ctx,
    )
    assert (got.stays[0].check_in, got.stays[0].check_out) == (dt.date(2027, 4, 5), dt.date(2027, 4, 8))


def test_a_landing_limit_told_before_then_back_is_the_way_outs():
    got = read_request(
        "fly dallas to nyc monday the 15th in the morning, need to have landed by 10 for a meeting, then back "
        "the same day, the last flight home is fine",
        CTX,
    )
    assert got.legs[0].arrive_before == dt.time(10, 0)
    assert got.legs[1].arrive_before is None
