"""The traveller's answers, end to end (issue 12, p2-answers).

A change that moves a held flight without naming its new day ("push my flight home back", "I can't
fly home on Saturday, move it to later") is asked about, and the day in the answer is booked: the
policy no longer drops the dates question because something is cancelled, and the reader no longer
reads the held day back as the new one when it is said as a bare weekday.
"""

from __future__ import annotations

import datetime as dt

import pytest
from _dev_runs import CTX, NOW, calls, run_dev

from agents.intent import ReadContext, TripIntent, read_request
from agents.models._scripted_answers import complete
from agents.models._scripted_intent import missing


def _read(text: str) -> TripIntent:
    got = read_request(text, CTX)
    assert got.shape == "change", got.assumptions
    return got


@pytest.mark.parametrize(
    "text",
    [
        "Can you push my flight home from Seattle back? Not sure yet which day.",
        "Please move my return flight to a later day; the hotel and the flight out stay as they are.",
        "The Seattle job is dragging on, so I can't fly home on Saturday any more. Move my flight back.",
        "my seattle trip runs over, can't fly back saturday. put me on a later flight home, another day",
    ],
)
def test_a_moved_flight_with_no_new_day_is_asked_about(text: str) -> None:
    got = _read(text)
    assert got.cancel == ["B0002"]
    assert [(leg.origin, leg.destination, leg.date) for leg in got.legs] == [("SEA", "BOS", None)]
    assert missing(got, travellers_known=True, today=NOW.date()) == ["dates"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("I can't fly home on Saturday after all, please move my flight back to Monday.", dt.date(2027, 3, 22)),
        ("Saturday's flight home from Seattle doesn't work any more, can you move it to Monday?", dt.date(2027, 3, 22)),
        ("Please move my flight home from Saturday to Sunday.", dt.date(2027, 3, 21)),
    ],
)  # fmt: skip
def test_the_held_day_said_as_a_weekday_is_not_the_new_day(text: str, day: dt.date) -> None:
    got = _read(text)
    assert [(leg.origin, leg.destination, leg.date) for leg in got.legs] == [("SEA", "BOS", day)]


def test_a_cancellation_alone_still_asks_nothing() -> None:
    got = read_request("Please cancel my flight home from Seattle; I'm driving back instead.", CTX)
    assert got.cancel == ["B0002"]
    assert missing(got, travellers_known=True, today=NOW.date()) == []


@pytest.mark.parametrize(
    "name", ["p2-answers-push-flight-home-back.yaml", "p2-answers-change-return-date-in-answer.yaml"]
)
def test_the_agent_asks_for_the_new_day_and_books_the_answer(name: str) -> None:
    result, bookings = run_dev(name)
    assert len(calls(result, "ask_user")) == 1
    assert bookings["B0002"]["status"] == "cancelled"
    assert bookings["B0001"]["status"] == bookings["B0003"]["status"] == "confirmed"
    new = [
        b for k, b in bookings.items() if k not in ("B0001", "B0002", "B0003") and b["status"] == "confirmed"
    ]
    assert [b["item_id"][-10:] for b in new] == ["2027-01-26"]
    assert result.scores is not None and result.scores.passed


NIGHTS = "Before I book anything, could you tell me how many nights do you need the hotel for?"
PEOPLE = (
    "Before I book anything, could you tell me how many people are travelling (is anyone coming with you)?"
)


@pytest.mark.parametrize(
    ("answer", "out"),
    [
        ("3", 14),
        ("three, please", 14),
        ("A couple, I reckon.", 13),
        ("just the one", 12),
        ("a couple of nights", 13),
    ],
)
def test_a_bare_count_answers_how_many_nights(answer: str, out: int) -> None:
    ctx = ReadContext(now=NOW, home="BOS")
    got = read_request(
        "Need a hotel in Denver from Thursday 11 March, just me.\n" + complete(NIGHTS, answer), ctx
    )
    assert [(s.city, s.check_in, s.check_out) for s in got.stays] == [
        ("DEN", dt.date(2027, 3, 11), dt.date(2027, 3, out))
    ]
    assert missing(got, travellers_known=True, today=NOW.date()) == []


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (NIGHTS, "until the 14th"),  # a day of the month, not a count
        (NIGHTS, "two nights"),  # names what it counts
        (NIGHTS, "2 or 3"),  # no single count
        (NIGHTS, "I'm not sure yet; what would you suggest?"),
        ("Which day do you want to fly back?", "3"),  # not a question about a count
    ],
)
def test_an_answer_that_is_not_a_bare_count_is_read_as_it_is(question: str, answer: str) -> None:
    assert complete(question, answer) == answer


def test_a_bare_count_of_travellers_is_read_as_the_party() -> None:
    ctx = ReadContext(now=NOW, home="BOS", party=["Ann", "Bo", "Cy"])
    got = read_request("Fly me to Denver on 11 March, back 15 March.\n" + complete(PEOPLE, "two"), ctx)
    assert got.travelers == 2


def test_the_agent_reads_a_couple_of_nights_from_the_answer() -> None:
    result, bookings = run_dev("p2-answers-nights-bare-count.yaml")
    assert len(calls(result, "ask_user")) == 1
    assert [(b["check_in"], b["check_out"]) for b in bookings.values() if b["status"] == "confirmed"] == [
        ("2027-03-11", "2027-03-13")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Fly me to Austin instead of Seattle, out 11 March, back 15 March.",
        "I need flights to Austin rather than Seattle this time: out 11 March, home the 15th.",
        "Austin, not Seattle, please: leaving 11 March and back on the 15th.",
        "Fly me to Seattle, out 11 March, back 15 March. Sorry, I meant Austin, not Seattle.",
    ],
)
def test_the_city_named_before_the_one_ruled_out_is_the_destination(text: str) -> None:
    got = read_request(text, ReadContext(now=NOW, home="PDX"))
    assert [(leg.origin, leg.destination) for leg in got.legs] == [("PDX", "AUS"), ("AUS", "PDX")]
    assert "destination" not in got.unknown
