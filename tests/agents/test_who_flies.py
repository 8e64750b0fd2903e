"""Who flies and who is only mentioned (``agents.intent._who_flies``, ``_party``): people who stay home,
pick the traveller up, join only at the destination or come separately hold no seat; a count of the
whole party holds the people listed beside it; relations put on the trip by "taking", "me and", names
from the profile; a "we" with no number is asked, not guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._party import party
from agents.intent._who_flies import not_flying, only_we

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def ctx(party_: list[str] | None = None) -> ReadContext:
    return ReadContext(now=NOW, home="JFK", party=party_ or [])


@pytest.mark.parametrize(
    ("text", "profile", "n"),
    [
        # someone else's clause keeps them off the plane
        ("The kids stay with their grandparents, so it's my husband and me to Miami on the 8th.", [], 2),
        ("My wife and kids are staying home; I need a flight to Chicago on the 3rd, back the 5th.", [], 1),
        ("Flights for me and Maya to Seattle on June 2. Theo stays home with his dad.", ["Maya", "Theo"], 2),
        ("Just me on this one, Marco is coming separately from a work trip.", ["Marco"], 1),
        ("My wife and I want Boston to DC on the 14th, ideally a hotel near her sister.", [], 2),
        ("Flying to Denver on the 3rd. My husband is already there.", [], 1),
        # a count of the whole party holds the people named beside it
        ("a family of five incl. 2 kids, flying to San Diego on June 18", [], 5),
        (
            "We're taking the kids to Toronto. Flights for the four of us (me, my husband Marc and our "
            "children Lea and Hugo) on the 12th.",
            ["Marc Roy", "Lea Roy", "Hugo Roy"],
            4,
        ),
        # relations and words
        ("Taking my daughter to see the Knicks, New York on the 6th.", [], 2),
        ("We're a couple, flying to Mexico City on the 4th.", [], 2),
        ("I'll be with a client all week, but I'm the only one flying.", [], 1),
        ("Return flights for myself and two members of my team, 14 to 16 April.", [], 3),
        ("Book me and 3 of my colleagues to Austin on the 9th.", [], 4),
        ("me and my two teenage sons to Boston on the 20th", [], 3),
        ("me + my sister to Denver on the 19th, we can do like $650 a person", [], 2),
        ("a one-way to Austin for me and Pepper (my dog, she flies under the seat)", [], 1),
        ("Dana and Luis are coming with me to New York on the 3rd.", ["Dana", "Luis"], 3),
        ("Back by 7 to put the kids to bed, Frankfurt day trip next Tuesday for me.", [], 1),
        ("My wife and I, Boston to DC. We've done enough hostels for one lifetime.", [], 2),
    ],
)
def test_who_flies(text: str, profile: list[str], n: int) -> None:
    got = party(text, profile)
    assert (got.travelers, got.vague) == (n, False), text


def test_a_clause_about_someone_else_is_off_the_plane_and_one_about_the_requester_is_not() -> None:
    t = "My wife will pick me up at the airport, and my brother is meeting us in Rome"
    assert [t[a:b].strip() for a, b in not_flying(t)] == [
        "My wife will pick me up at the airport",
        "and my brother is meeting us in Rome",
    ]
    assert not_flying("My wife and I are staying with friends") == []


def test_a_we_on_the_trip_with_no_number_is_asked() -> None:
    intent = read_request("We need flights from Seattle to Denver on May 6, returning May 9.", ctx())
    assert intent.travelers is None and "travelers" in intent.unknown
    assert only_we("book us on the 9am to Chicago")
    assert not only_we("Return flights to Hong Kong, as we have a corporate rate with Aurora.")
    assert not only_we("Flights for 24-27 May; the total must not exceed US$2,750.")


def test_people_met_there_are_not_the_party_and_leave_nothing_open() -> None:
    intent = read_request(
        "Fly me out to Austin on the 14th for dinner with my team, back on the 15th.", ctx()
    )
    assert intent.travelers == 1 and "travelers" not in intent.unknown
