"""Days written as on forms and in e-mails, and windows of days (branch r13-dates), on sentences written
for these tests: a European day with a dot ("Thursday 8. April"), a weekday + day pair said beside a
day with its month (placed in the month nearest it, not the first coming month where it holds), the
day of the occasion a trip is for said before the travel day, a bare weekday offered with a dated day
("Thursday or Friday the 9th"), and a day range offered as a choice ("any of the 6th-8th")."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, TripIntent, read_request

TZ = dt.timezone(dt.timedelta(hours=-5))
NOW = dt.datetime(2027, 2, 3, 9, tzinfo=TZ)  # a Wednesday; Friday 5 and Monday 8 February exist too


def read(text: str, now: dt.datetime = NOW) -> TripIntent:
    return read_request(text, ReadContext(now=now, home="BOS"))


def days(intent: TripIntent) -> list[tuple[dt.date | None, dt.date | None, dt.date | None]]:
    return [(leg.date, leg.earliest, leg.latest) for leg in intent.legs]


def d(month: int, day: int) -> dt.date:
    return dt.date(2027, month, day)


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        ("Boston to Rome, away Thursday 8. April, home Monday 12. April.", d(4, 8), d(4, 12)),
        ("Rome: 8. Apr. there, 12. Apr. back.", d(4, 8), d(4, 12)),
    ],
)
def test_a_day_with_a_dot_before_its_month_is_that_months(text: str, out: dt.date, back: dt.date) -> None:
    assert [day for day, _, _ in days(read(text))] == [out, back]


@pytest.mark.parametrize(
    ("text", "out", "back"),
    [
        # Monday 8 February is a Monday too: the pair is the one beside the day said in March
        ("Chicago for the sales kickoff, Tuesday 9 March - fly me Monday the 8th, back Wednesday the 10th.",
         d(3, 8), d(3, 10)),
        # the pair said first, the day with its month after it
        ("Out Friday the 5th and back Monday 8 March, Denver.", d(3, 5), d(3, 8)),
    ],
)  # fmt: skip
def test_a_weekday_day_pair_is_placed_beside_the_dated_day(text: str, out: dt.date, back: dt.date) -> None:
    assert [day for day, _, _ in days(read(text))] == [out, back]


def test_a_pair_said_alone_is_still_the_first_coming_one() -> None:
    assert [day for day, _, _ in days(read("Denver, out Friday the 5th, back Monday the 8th."))] == [
        d(2, 5),
        d(2, 8),
    ]


@pytest.mark.parametrize(
    ("text", "legs"),
    [
        ("My niece gets married in Miami on Saturday 17 April; we'll leave Thursday the 15th and come "
         "home Sunday the 18th.", [d(4, 15), d(4, 18)]),
        ("The tournament is Sunday 11 April in Austin, so I'd go Friday the 9th. One way.", [d(4, 9)]),
    ],
)  # fmt: skip
def test_the_occasion_said_first_is_not_a_travel_day(text: str, legs: list[dt.date]) -> None:
    assert [day for day, _, _ in days(read(text))] == legs


def test_the_occasion_day_stays_the_travel_day_when_no_earlier_day_is_said() -> None:
    text = "The tournament is Sunday 11 April in Austin. Fly me that morning, one way."
    assert [day for day, _, _ in days(read(text))] == [d(4, 11)]


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("One way to Austin, Thursday or Friday the 9th of April.", (d(4, 8), d(4, 9))),
        ("Austin one way, Sat. or Sun. 11 April, whichever is cheaper.", (d(4, 10), d(4, 11))),
        ("One way to Austin on either Thursday 8 or Friday 9 April.", (d(4, 8), d(4, 9))),
    ],
)
def test_a_weekday_offered_with_a_dated_day_is_the_one_beside_it(
    text: str, window: tuple[dt.date, dt.date]
) -> None:
    assert days(read(text)) == [(None, *window)]


def test_a_range_offered_as_a_choice_is_a_window() -> None:
    assert days(read("One way to Austin - any of the 6th-8th of April works.")) == [(None, d(4, 6), d(4, 8))]


def test_a_plain_range_is_still_out_and_back() -> None:
    assert [day for day, _, _ in days(read("Austin the 6th-8th of April."))] == [d(4, 6), d(4, 8)]


def test_a_bare_day_of_going_in_the_week_before_the_occasion_is_in_its_month() -> None:
    text = "The tournament is on 11 April in Austin. I'll fly down on the 9th and home on the 12th."
    assert [day for day, _, _ in days(read(text))] == [d(4, 9), d(4, 12)]


def test_a_bare_day_after_a_dated_day_of_travel_is_still_the_next_month() -> None:
    assert [day for day, _, _ in days(read("Austin, out 11 April, back the 9th."))] == [d(4, 11), d(5, 9)]


def test_the_end_of_a_range_is_not_an_occasion() -> None:
    text = "Austin trip, Thursday 8 April to Sunday 11 April, flying out the 8th."
    assert [day for day, _, _ in days(read(text))] == [d(4, 8), d(4, 11)]
