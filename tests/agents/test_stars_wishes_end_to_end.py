"""Star levels and soft times of day end to end: read from the words, then decide the booking.

A star level named plainly ("a 4-star place") is a wish, a floor ("at least", "or better", "4+",
"nothing below", "must") a limit; a time of day said of "the flight down" is the way out's, and one
said in the present tense ("the evening works best", "suits me better") is a wish on the flight its
words name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from agents.intent import ReadContext, TripIntent, read_request
from agents.intent._stars import level_said
from agents.models._scripted_wishes import prefs_from_intent
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario

CTX = ReadContext(now=dt.datetime(2027, 8, 30, 9, tzinfo=dt.timezone(dt.timedelta(hours=-7))), home="SEA")
DEV = Path(__file__).resolve().parent / "dev_scenarios"


def _read(text: str) -> TripIntent:
    return read_request(text, CTX)


@pytest.mark.parametrize(
    "text",
    [
        "Hotel in Denver Sept 14 to 17 for one, a 4-star place near the centre please.",
        "Denver hotel Sept 14-17, just me. Four-star, close to the convention centre.",
    ],
)
def test_a_star_level_named_plainly_is_a_wish(text: str) -> None:
    intent = _read(text)
    assert [(w.kind, w.min) for w in intent.wishes if w.kind == "hotel_stars"] == [("hotel_stars", 4)]
    assert all(s.min_stars is None for s in intent.stays)


@pytest.mark.parametrize(
    ("text", "stars"),
    [
        ("Hotel in Denver Sept 14 to 17 for one, four stars or better.", 4),
        ("Hotel in Denver Sept 14 to 17 for one, 3+ stars.", 3),
        ("Hotel in Denver Sept 14 to 17 for one, nothing below four stars.", 4),
        ("Hotel in Denver Sept 14 to 17 for one, 4 star minimum.", 4),
        ("Hotel in Denver Sept 14 to 17 for one. It must be a 4-star hotel.", 4),
    ],
)
def test_a_star_floor_is_a_limit(text: str, stars: int) -> None:
    intent = _read(text)
    assert [s.min_stars for s in intent.stays] == [stars]
    assert not [w for w in intent.wishes if w.kind == "hotel_stars"]


def test_level_said_reads_the_number_and_the_floor() -> None:
    five, three = level_said("a 5* hotel"), level_said("at least 3 stars")
    assert five is not None and (five.stars, five.floor) == (5, False)
    assert three is not None and (three.stars, three.floor) == (3, True)
    assert level_said("no stars in sight") is None


def test_times_of_day_go_on_the_flights_their_words_name() -> None:
    intent = _read(
        "Seattle to Austin on Tuesday Sept 14, flying back Thursday the 16th. "
        "Ideally a morning flight down, and for the trip home the evening works best."
    )
    got = {(w.kind, w.start, w.end, w.leg) for w in intent.wishes}
    assert got == {
        ("depart_window", dt.time(6), dt.time(12), 0),
        ("depart_window", dt.time(18), None, 1),
    }
    windows = prefs_from_intent(intent).windows
    assert sorted((x.start, x.leg) for x in windows) == [(6 * 60, 0), (18 * 60, -1)]


def test_a_present_tense_liking_is_a_wish_not_a_limit() -> None:
    intent = _read("Seattle to Phoenix Sept 14, back Sept 17. Coming back, the afternoon suits me better.")
    assert ("depart_window", dt.time(12), dt.time(18), 1) in {
        (w.kind, w.start, w.end, w.leg) for w in intent.wishes
    }
    assert all(leg.depart_after is None and leg.depart_before is None for leg in intent.legs)


@pytest.mark.parametrize(
    ("name", "booked"),
    [
        ("p2-wishes-austin-four-star-morning-down-evening-home", ["NP291", "NP347", "H-AUS-06"]),
        ("p2-wishes-miami-a-four-star-if-budget-allows", ["H-MIA-08"]),
    ],
)
def test_end_to_end_the_agent_books_what_the_wishes_ask(name: str, booked: list[str]) -> None:
    result = run(load_scenario(DEV / f"{name}.yaml"), RunOptions(agent="planner", model="scripted"))
    assert result.scores is not None and result.scores.passed
    words = " ".join(result.final_state_words or [])
    assert all(b in words for b in booked)


def test_emphasis_before_a_colon_weighs_the_star_wish_after_it() -> None:
    from agents.models._scripted_prefs import parse_prefs

    p = parse_prefs(
        "What matters most to me: a 5-star hotel. Somewhere in the Loop if possible.", ("SEA", ["ORD"])
    )
    assert p.stars == 5 and p.stars_weight == 2.0
