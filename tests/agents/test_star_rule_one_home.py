"""One rule for a star level, shared by the request reader and the scripted model's wishes.

The reader (``agents.intent._stars``) and the scripted model's preferences (``_scripted_prefs``)
once each kept their own pattern for a star level; these pin what both read where the copies agree
("4 or 5 stars" is 4, a refused level is no wish of the scripted model's), and what the reader reads
where the scripted model's copy read otherwise, so the one rule they now share keeps the reader's.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._stars import level_said, stars_said
from agents.models._scripted_prefs import parse_prefs

ROUTE = ("SFO", ["BOS"])
CTX = ReadContext(now=dt.datetime(2027, 1, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=-8))), home="SFO")


@pytest.mark.parametrize(
    ("text", "stars"),
    [
        ("a 4 or 5 star hotel", 4),
        ("3-4 star", 3),
        ("four to five stars", 4),
        ("Four-star hotel, near the river", 4),
        ("I want 4 stars", 4),
        ("5* hotel", 5),
        ("a four or five star place", 4),
    ],
)
def test_the_reader_and_the_scripted_model_agree_on_a_level(text: str, stars: int) -> None:
    assert parse_prefs(text, ROUTE).stars == stars
    level = level_said(text)
    assert level is not None and level.stars == stars


@pytest.mark.parametrize(
    "text", ["please not a 1-star dump", "no two-star places", "nothing like the 2 star motel"]
)
def test_a_refused_level_is_no_wish_of_the_scripted_model(text: str) -> None:
    assert parse_prefs(text, ROUTE).stars is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("5 or 4 stars", (4, False)),  # of two levels the lower, whichever is said first
        ("3\u20134 stars please", (3, False)),  # an en dash joins two levels as a hyphen does
        ("Star rating: 4+", (4, True)),
        ("4+ stars", (4, True)),
        ("a 5-star spa would be nice but 3 or 4 stars will do", (3, False)),
        ("six stars", (6, False)),
        ("please not a 1-star dump", (2, True)),
    ],
)
def test_the_reader_at_the_edges_where_the_copies_differed(text: str, level: tuple[int, bool]) -> None:
    said = stars_said(text)
    assert said is not None and said[:2] == level


@pytest.mark.parametrize("text", ["meeting at 9 starting Monday", "a couple stars", "4 -star", "5 * hotel"])
def test_no_level_for_the_reader(text: str) -> None:
    assert stars_said(text) is None


@pytest.mark.parametrize(
    ("text", "stars"),
    [
        ("Denver, May 20-23, just me, 3+ stars, nothing grotty", 3),  # its own copy missed "3+"
        ("5 or 4 stars", 4),  # it took the first said
        ("3\u20134 stars please", 3),  # and missed the en dash
        ("Star rating: 4+", 4),
        ("a 5-star spa would be nice but 3 or 4 stars will do", 3),
        ("Stops:\n* Chicago, 2 nights\n* Toronto 9\n* New York", None),  # a list's bullet is no star
        ("the meeting is at 9 starting Monday", None),  # "9 start" is no star
    ],
)
def test_the_scripted_model_reads_the_readers_level(text: str, stars: int | None) -> None:
    """Where the scripted model's own copy read otherwise, it now reads the level the reader does."""
    assert parse_prefs(text, ROUTE).stars == stars


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Shoreditch preferred, four stars or better", (4, True)),  # a hedge of something else
        ("4 stars or better if possible", (4, False)),  # its own piece hedges it
        ("Ideally, 4+ stars", (4, False)),  # a bare hedge next to it
        ("a four or five star hotel at least, if possible", (4, False)),
        ("I need at least 4 or 5 stars, Soho would be nice", (4, True)),
        ("stayed at a 5-star last year; I need at least 4 stars", (4, True)),
    ],
)
def test_a_floor_hedged_in_its_own_piece_only(text: str, said: tuple[int, bool]) -> None:
    level = stars_said(text)
    assert level is not None and level[:2] == said


def test_the_stay_a_level_is_said_of() -> None:
    text = (
        "Fly SFO to Chicago March 3, Chicago to Denver March 5, home March 8; hotels in Chicago and Denver."
        " In Chicago 4 or 5 stars minimum; in Denver anything is fine."
    )
    intent = read_request(text, CTX)
    assert [(s.city, s.min_stars) for s in intent.stays] == [("ORD", 4), ("DEN", None)]
