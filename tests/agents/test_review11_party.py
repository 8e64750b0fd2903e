"""Review 11 of the party reader: a head-count read only where the words give one (``_party``,
``_who_flies``); where the evidence is weak the travellers stay open (asked), not guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from agents.intent import ReadContext, read_request


def ctx(party: list[str] | None = None) -> ReadContext:
    return ReadContext(now=dt.datetime(2027, 3, 1, 9, 0), home="BOS", party=party or [])


def travelers(text: str, party: list[str] | None = None) -> int | None:
    return read_request(text, ctx(party)).travelers


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # S1-1: "for N" is a head-count before any word but a singular thing after "for 1"
        ("Flights for 4 seniors to Orlando on April 10, back April 17.", 4),
        ("Need flights for 3 folks from Boston to Denver April 10.", 3),
        ("Tickets for 5 teammates, Boston to Austin April 10-12.", 5),
        ("Book flights for 2 grownups to Miami April 10-14.", 2),
        ("Round trip to Chicago for 2 with window seats, April 10 to 14.", 2),
        ("Flights for 2 premium economy to London, April 10 to April 20.", 2),
        ("Flights for 2 ASAP to Seattle, April 10, one way.", 2),
        ("Flights for 2 Monday April 12 to Denver, back Friday.", 2),
        ("Flights for 2 this Friday to Denver, back Sunday.", 2),
        ("Flights for 3 same dates as last time: April 10-14 to Austin.", 3),
        ("Hotel room for 2 near the beach in Miami April 10-14.", 2),
        ("A room for 2 with a king bed in Denver April 10-12.", 2),
        ("Seats for 3 nonstop please, Boston to Tampa April 10-15.", 3),
        ("Book for 4 buddies, Boston to Vegas April 10-13.", 4),
        # S2-9: a number before a word that is no relation counts nobody
        ("Book a 4 star guest house in Portland April 10-13.", 1),
        ("Hotel in Austin rated over 8 from guests, April 10-12.", 1),
        ("Need a 3 bedroom guest suite in Denver April 10-12 for myself.", 1),
        ("Fly me and my 2 little kids to Orlando April 10-15.", 3),
        ("Fly me and my 2 teenage daughters to Orlando April 10-15.", 3),
        # S2-10: "for a couple" before a count word is a few, not two people
        ("Need a hotel for a couple, maybe three nights in Denver from April 10.", 1),
        ("Hotel in Denver for a couple night starting April 10.", 1),
        ("We're a couple flying to Paris April 10-17.", 2),
        # S1-7: a day limit is no absence
        ("My daughter can't fly on Sunday, so book us Saturday April 10 to Denver, back April 14.", 2),
        ("My son can't travel before 9am, so book me and him to Denver April 10-14.", 2),
        # S1-6: people the traveller meets are not flown
        ("I'm flying to Denver April 10-12 with 2 people from the office.", 3),
    ],
)
def test_head_count(text: str, n: int) -> None:
    assert travelers(text) == n


@pytest.mark.parametrize(
    "text",
    [
        # S1-6
        "I'm meeting 3 members of my team in Denver April 10-12; book my flight and hotel.",
        "I'm visiting 2 of my cousins in Denver April 10-12; book my flight and hotel.",
    ],
)
def test_people_met_leave_the_count_open_or_one(text: str) -> None:
    assert travelers(text) in (None, 1)


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        # S1-3: a profile companion's name with nothing putting them on the trip
        ("Dana says I should fly Kestrel to Chicago on April 10, back the 12th.", ["Dana Reyes"]),
        ("Fly me to Orlando April 10-15. Sam will feed the cat while I'm away.", ["Sam Lee"]),
        ("Book me to Orlando April 10-15, the same hotel Sam liked.", ["Sam Lee"]),
        ("I'm flying out to Austin April 10 for a conference, back the 13th.", ["Austin Lee"]),
        ("Fly me to Denver in May, the 10th to the 14th.", ["May Chen"]),
        ("Fly me to Denver April 10-14; Sam recommended the Hilton.", ["Sam Lee"]),
    ],
)
def test_profile_name_alone_flies_nobody(text: str, profile: list[str]) -> None:
    assert travelers(text, profile) != 2


@pytest.mark.parametrize(
    ("text", "profile", "n"),
    [
        ("Dana and Luis are coming with me to Chicago April 10-12.", ["Dana Reyes", "Luis Reyes"], 3),
        ("Fly me and Sam to Orlando April 10-15.", ["Sam Lee"], 2),
        ("Sam is coming with me to Orlando April 10-15, book flights.", ["Sam Lee"], 2),
    ],
)
def test_profile_name_put_on_the_trip(text: str, profile: list[str], n: int) -> None:
    assert travelers(text, profile) == n


@pytest.mark.parametrize(
    "text",
    [
        # S2-8: a company "we" or an idiom, someone named by role travels
        "We need to get our engineer to Denver on April 10, back April 12.",
        "Our consultant needs a flight to Chicago April 10; we'd like nonstop.",
        "Can you get us the best fare to Miami April 10-14? Company policy is economy.",
        "We'd like a hotel in Boston for April 10-12 for our visiting speaker.",
    ],
)
def test_company_we_reads_one(text: str) -> None:
    assert travelers(text) == 1
