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
