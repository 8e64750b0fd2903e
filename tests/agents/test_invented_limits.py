"""Limits nobody gave: numbers, words and phrasings the deadline and money grammars must not read as a
limit (each read as one on the first merge of those grammars), and the ones they must still read."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._model import CalendarEntry

NOW = dt.datetime(2027, 3, 1, 9, 0)
CTX = ReadContext(now=NOW, home="BOS")
PLANNING = CalendarEntry(
    title="Quarterly planning", start=dt.datetime(2027, 3, 10, 10, 0), end=dt.datetime(2027, 3, 10, 16, 0)
)
ON_CALENDAR = ReadContext(now=NOW, home="SEA", calendar=[PLANNING])


@pytest.mark.parametrize(
    "text",
    [
        "Boston to Denver April 8, back April 10. My workshop is 1300-1500 on the 9th.",
        "Boston to Denver April 8, back April 10. Meeting 1400-1600 on the 9th.",
        "Boston to Denver April 8, back April 10. Call me on 555-1234.",
        "Boston to Denver April 8, back April 10 for the 2026-2027 season opener.",
    ],
)
def test_two_numbers_joined_by_a_dash_are_no_budget_without_a_money_word(text: str) -> None:
    assert read_request(text, CTX).budget is None


def test_a_range_said_with_a_money_word_still_caps_at_its_top() -> None:
    assert read_request("Boston to Denver April 8, back April 10, budget 1500-2000.", CTX).budget == 2000


@pytest.mark.parametrize(
    "text",
    [
        "Boston to Denver on March 10 for a two-day conference, I can't miss it. Back March 12.",
        "Boston to Denver on March 10. The summit is one I can't miss. Back March 12.",
    ],
)
def test_a_number_word_that_counts_is_no_clock_time(text: str) -> None:
    assert all(leg.arrive_before is None for leg in read_request(text, CTX).legs)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        (
            "Boston to Denver on March 10, my one meeting is at 4 and I can't miss it. Back March 12.",
            dt.time(16),
        ),
        ("Boston to Denver on March 10, I need to be there by two. Back March 12.", dt.time(14)),
        ("Boston to Denver on March 10, must land by seven at the latest. Back March 12.", dt.time(19)),
    ],
)
def test_an_hour_word_at_the_end_of_its_clause_is_a_time(text: str, when: dt.time) -> None:
    assert read_request(text, CTX).legs[0].arrive_before == when


def test_a_refused_early_departure_is_a_lower_bound() -> None:
    text = "Boston to Denver on March 10; I can't leave the conference before 4pm on the 12th, back March 12."
    back = read_request(text, CTX).legs[1]
    assert (back.depart_before, back.depart_after) == (None, dt.time(16))


@pytest.mark.parametrize(
    "text",
    [
        "Seattle to Denver March 10 for the quarterly planning. Back the same day in the evening. Can you make it cheap?",
        "Seattle to Denver March 10 for the quarterly planning, back the same day. Make it a window seat.",
        "Seattle to Denver March 10 and back the same day. Keep the whole thing under $900.",
    ],
)
def test_make_it_or_the_whole_thing_points_at_no_calendar_event(text: str) -> None:
    legs = read_request(text, ON_CALENDAR).legs
    assert [(leg.arrive_before, leg.depart_after) for leg in legs] == [(None, None), (None, None)]


def test_needing_to_make_the_event_on_the_calendar_still_bounds_the_landing() -> None:
    text = "Seattle to Denver March 10 for the quarterly planning, back the same day. I need to make it."
    assert read_request(text, ON_CALENDAR).legs[0].arrive_before == dt.time(10)


@pytest.mark.parametrize(
    "text",
    [
        "Boston to Denver April 8, back April 10. We went on the twelfth of March last year and loved it.",
        "Boston to Denver April 8, back April 10. It's for our fifteenth anniversary.",
        "Boston to Denver April 8, back April 10, the second of two trips this spring.",
        "Boston to Denver April 8, back April 10. The wedding is on the 9th of April, a Friday.",
    ],
)
def test_days_the_library_reads_beside_the_trip_add_no_day_and_no_doubt(text: str) -> None:
    """A past day, an ordinal that is no day, an apposed weekday: the trip's days stay as said."""
    intent = read_request(text, CTX)
    assert [leg.date for leg in intent.legs] == [dt.date(2027, 4, 8), dt.date(2027, 4, 10)]
    assert "dates" not in intent.unknown and not intent.stays


def test_nights_after_an_event_are_no_stay_without_a_bed_asked_for() -> None:
    text = (
        "Seattle to Denver the day before the quarterly planning starts, home two days after it ends. "
        "I'll spend one night after it ends with my sister."
    )
    assert read_request(text, ON_CALENDAR).stays == []


@pytest.mark.parametrize(
    "text",
    [
        "Boston to Denver April 8, back April 10. I have status with Kestrel so I'd lean that way if the times work.",
        "Boston to Denver April 8, back April 10. Last time I flew Boreal Airways, never again, anyone else.",
        "Boston to Denver April 8, back April 10. My Aurora Air miles expire soon, so if there's one that'd be nice.",
        "Boston to Denver April 8, back April 10. Our deal with Solstice gives a discount, use them if it makes sense.",
        "Boston to Denver April 8, back April 10. The hotel must be on Ocean Drive, no exceptions.",
        "Boston to Denver April 8, back April 10. I need to be in Denver by the 8th, nobody else is coming.",
    ],
)
def test_an_airline_only_mentioned_is_no_airline_limit(text: str) -> None:
    """The airline-rule grammar (r10-lib) reads a rule ('it needs to be Kestrel', 'or nothing'), never a
    mention, a hedge, a refusal or a street with 'no exceptions'."""
    assert all(leg.airlines_only == [] for leg in read_request(text, CTX).legs)


@pytest.mark.parametrize(
    "text",
    [
        "Boston to Denver April 8, back April 10. Check-in at the hotel is from 3pm.",
        "Boston to Denver April 8, back April 10. I'm in meetings till 6:30 on the 9th.",
        "Boston to Denver April 8, back April 10. There's a show at 8pm on the 8th, no big deal if we miss it.",
        "Boston to Denver April 8, back April 10. The office opens at 9am and closes before 6pm.",
        "Boston to Denver April 8, back April 10, the conference runs from 10am to 4pm on the 9th.",
        # a habit, a description, a question, what the traveller does: no requirement of this trip's flight
        "Boston to Denver April 8, back April 10. Whatever flight, I'll work until 6pm from the hotel.",
        "Boston to Denver April 8, back April 10. I've been flying since 6am some days, it's fine.",
        "Boston to Denver April 8, back April 10. Flights leave from Logan, terminal B, starting 5am.",
        "Boston to Denver April 8, back April 10. Return flights are usually from 6 to 11 pm.",
        "Boston to Denver April 8, back April 10. Flights after 9pm are cheaper, right?",
    ],
)
def test_a_time_the_library_finds_of_something_else_is_no_flight_limit(text: str) -> None:
    """Recognizers-Text finds these times and their bounds; none is said of a flight's movement."""
    legs = read_request(text, CTX).legs
    assert all(
        (leg.depart_after, leg.depart_before, leg.arrive_after, leg.arrive_before) == (None,) * 4
        for leg in legs
    )


@pytest.mark.parametrize(
    "text",
    [
        "Boston to Denver, out on the third of April — no wait, the fourth — back the sixth.",
        "Boston to Denver, out on the third of April, sorry, I mean the fourth, back the sixth.",
        "Boston to Denver, out on the third of April. Scratch that, the fourth. Back the sixth.",
        "Boston to Denver, out on the third of April, make that the fourth, back the sixth.",
        "Boston to Denver, not the third of April but the fourth, back the sixth.",
        "Boston to Denver, out on the third of April. Scratch that, I'll fly on the fourth. Back the sixth.",
        "Boston to Denver, out the third of April... actually no, let's say the fourth, back the sixth.",
    ],
)
def test_a_day_the_traveller_takes_back_is_not_added_by_the_second_reader(text: str) -> None:
    """Only the library reads "the third of April" here; the traveller takes it back at once."""
    intent = read_request(text, CTX)
    assert dt.date(2027, 4, 3) not in [leg.date for leg in intent.legs]


def test_a_day_the_library_alone_reads_still_counts_when_nobody_takes_it_back() -> None:
    intent = read_request("Boston to Denver, out on the third of April, back the sixth of April.", CTX)
    assert [leg.date for leg in intent.legs] == [dt.date(2027, 4, 3), dt.date(2027, 4, 6)]


@pytest.mark.parametrize(
    "text", ["Boston to Denver \ud800 April 8", "Boston to Denver April 8\udfff, back April 10 \ud83d"]
)
def test_a_lone_surrogate_is_read_past_not_a_crash(text: str) -> None:
    assert read_request(text, CTX).legs[0].date == dt.date(2027, 4, 8)


@pytest.mark.parametrize(
    "text",
    [
        "Seattle to Denver on March 11, back March 13. I'll be working from home after the planning on Wednesday.",
        "Seattle to Denver on March 11, back March 13. I'll be home after the planning.",
        "Seattle to Denver on March 11, back March 13. I'll head home after the planning.",
    ],
)
def test_home_after_an_event_without_a_movement_or_on_another_day_is_no_limit(text: str) -> None:
    legs = read_request(text, ON_CALENDAR).legs
    assert [(leg.depart_after, leg.arrive_before) for leg in legs] == [(None, None), (None, None)]


def test_flying_home_after_the_event_that_day_still_leaves_after_it() -> None:
    text = "Seattle to Denver on March 9, and fly home on Wednesday after the planning."
    assert read_request(text, ON_CALENDAR).legs[-1].depart_after == dt.time(16)


# --- second review of the r10 merge -----------------------------------------------------------------
SECOND = "Boston to Denver March 10, back March 12. "


@pytest.mark.parametrize(
    ("text", "leg", "kind", "when"),
    [
        ("I usually need to leave after 3pm because of school pickup.", 0, "depart_after", dt.time(15)),
        ("I often get sick on late flights so nothing after 9pm.", 0, "depart_before", dt.time(21)),
        ("Sometimes meetings run late, so I can't leave before 6pm.", 0, "depart_after", dt.time(18)),
        ("I need to land by 3pm, that's doable right?", 0, "arrive_before", dt.time(15)),
        ("I can land by 3pm at the latest, no?", 0, "arrive_before", dt.time(15)),
    ],
)
def test_a_habit_word_or_a_tag_question_keeps_the_limit_our_grammar_reads(
    text: str, leg: int, kind: str, when: dt.time
) -> None:
    """A remark keeps the library's times out, never our grammar's: main read these limits."""
    legs = read_request(SECOND + text, CTX).legs
    assert getattr(legs[leg], kind) == when


@pytest.mark.parametrize(
    "text",
    [
        "Last month I departed at 5am, awful, hopefully not this time.",
        "Last time the flight left before 7am, please avoid that.",
        "My last flight landed at 11pm, never again if I can help it.",
        "Flights must be booked by 5pm today per policy.",
        "Flights need to be approved by 3pm.",
        "The flights should be ticketed before 6pm today.",
        "Please hold the flights until 5pm so my boss can approve.",
    ],
)
def test_a_past_trip_or_a_booking_deadline_is_no_flight_limit(text: str) -> None:
    legs = read_request(SECOND + text, CTX).legs
    assert all(
        (leg.depart_after, leg.depart_before, leg.arrive_after, leg.arrive_before) == (None,) * 4
        for leg in legs
    )


@pytest.mark.parametrize(
    "text",
    [
        "My sister is required to fly Delta for work, not me.",
        "My company only reimburses Southwest, but I'm paying myself this time.",
        "I only fly Delta when I can, but anything's fine.",
        "We're required to fly United unless it's more than $200 extra.",
    ],
)
def test_someone_elses_or_a_hedged_airline_rule_is_no_airline_limit(text: str) -> None:
    assert all(leg.airlines_only == [] for leg in read_request(SECOND + text, CTX).legs)


@pytest.mark.parametrize(
    "text",
    ["Boston to Denver, out the 0th", "Boston to Denver, back the 32nd", "out 2027-02-29, back 2027-13-01"],
)
def test_a_day_no_calendar_has_is_no_day_and_no_hang(text: str) -> None:
    """'the 0th' looped for ever on main and '2027-13-01' raised: both are days not read."""
    intent = read_request(text, CTX)
    assert all(leg.date is None for leg in intent.legs) and "dates" in intent.unknown
