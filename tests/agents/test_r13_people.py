"""Who travels, where to, and a hotel implied by its room (the r13-people reading): the requester named
with a companion at the start of a sentence, people who ferry the traveller about and do not fly, a
relative's move that is no one-way trip, a room or a place to sleep said with what it must have, and
amenity words typed with a slip (put back by ``_amenity_spelling``, never from an everyday word)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from agents.intent import ReadContext, read_request
from agents.intent._amenity_spelling import amenity_word, respell_amenities
from sandbox.runner import RunOptions, run
from sandbox.scenarios import load_scenario
from sandbox.spi import RunResult, ToolResultEvent
from worlds.travel.scenario import TravelScenario

TZ = dt.timezone(dt.timedelta(hours=-5))


def ctx(home: str = "BOS") -> ReadContext:
    return ReadContext(now=dt.datetime(2027, 3, 1, 9, 0, tzinfo=TZ), home=home)


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("accesible", "accessible"),
        ("accessable", "accessible"),
        ("wheelchar", "wheelchair"),
        ("brekfast", "breakfast"),
        ("breakfest", "breakfast"),
        ("parkng", "parking"),
        ("kitchn", "kitchen"),
        ("resturant", "restaurant"),
        ("swiming", "swimming"),
        ("fitnes", "fitness"),
    ],
)
def test_an_amenity_word_typed_with_a_slip_is_put_back(said: str, meant: str) -> None:
    assert amenity_word(said) == meant


@pytest.mark.parametrize(
    "word",
    [
        "packing",
        "parting",
        "barking",
        "kitchens",
        "garages",
        "kitten",
        "slimming",
        "allow",
        "center",
        "breakout",
    ],
)
def test_an_everyday_word_near_an_amenity_stays_as_it_is(word: str) -> None:
    assert amenity_word(word) is None


def test_a_capital_is_kept_when_a_word_is_put_back() -> None:
    assert respell_amenities("Brekfast, and parkng too.") == "Breakfast, and parking too."


def _stay(text: str) -> tuple[object, ...]:
    got = read_request(text, ctx())
    s = got.stays[0] if got.stays else None
    wishes = sorted(str(w.value) for w in got.wishes if w.kind == "amenity")
    return (got.shape, s and (s.city, s.check_in, s.check_out, sorted(s.amenities)), wishes)


@pytest.mark.parametrize(
    ("text", "amenities", "wishes"),
    [
        # the room, said with what it must have, is a stay asked for, misspelt or not
        ("Boston to Miami April 3 to April 8; the room has to be wheelchar accessable.", ["accessible"], []),
        (
            "Boston to Miami April 3 to April 8. Our room needs parkng, brekfast would be nice.",
            ["parking"],
            ["breakfast"],
        ),
        ("Boston to Miami April 3 to April 8, and wherever I'm staying must have a kitchn.", ["kitchen"], []),
        (
            "Boston to Miami April 3-8. The place we stay at needs a pool, a gym would be a plus.",
            ["pool"],
            ["gym"],
        ),
    ],
)
def test_a_room_said_with_what_it_needs_is_a_stay_for_the_trips_nights(
    text: str, amenities: list[str], wishes: list[str]
) -> None:
    stay = ("MIA", dt.date(2027, 4, 3), dt.date(2027, 4, 8), amenities)
    assert _stay(text) == ("round_trip", stay, wishes)


@pytest.mark.parametrize(
    "text",
    [
        "Boston to Miami April 3 to April 8. I'll leave the car in airport parking.",
        "Boston to Miami April 3 to April 8, staying with my aunt, so the room question is moot.",
        "Boston to Miami April 3 to April 8. The room is already booked by the conference.",
        "Boston to Miami April 3 to April 8, I'm packing light.",
        # a place the traveller has already says what it has, it needs nothing booked
        "Boston to Miami April 3 to April 8. The place I'm staying at has a kitchen, so no restaurant needed.",
    ],
)
def test_no_stay_without_a_room_asked_for(text: str) -> None:
    assert read_request(text, ctx()).stays == []


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("Me and Carl are flying Boston to Denver on April 3, back April 6.", 2),
        ("Myself and Jordan need flights Boston to Denver April 3, back April 6.", 2),
        ("Me & Priya, Boston to Denver April 3-6", 2),
        ("Me, Sam and Alex: Boston to Denver April 3 to 6.", 3),
        # who ferries the traveller about does not fly, however many of them
        ("Boston to Denver April 3-6, my wife and son are taking me to the airport.", 1),
        ("Boston to Denver April 3-6; my sister and her husband will collect me from arrivals.", 1),
        (
            "Boston to Denver April 3-6. My son's dropping me off and my brother-in-law will drive me around.",
            1,
        ),
        # who is taken along still flies
        ("Boston to Denver April 3-6, taking my son along.", 2),
    ],
)
def test_who_travels(text: str, n: int) -> None:
    assert read_request(text, ctx()).travelers == n


def test_a_relatives_move_is_a_visit_and_back_not_a_one_way_trip() -> None:
    got = read_request(
        "My sister just relocated to Denver, I'm flying out from Boston Fri 5th to Sun 7th.", ctx()
    )
    assert got.shape == "round_trip"
    assert [(leg.origin, leg.destination, leg.date) for leg in got.legs] == [
        ("BOS", "DEN", dt.date(2027, 3, 5)),
        ("DEN", "BOS", dt.date(2027, 3, 7)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I'm relocating to Denver from Boston on May 3.",
        "My company is relocating me to Denver from Boston on May 3.",
    ],
)
def test_the_travellers_own_move_stays_one_way(text: str) -> None:
    assert read_request(text, ctx()).shape == "one_way"


# -- a whole run ---------------------------------------------------------------------------------------

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def _hotel_amenities(result: RunResult) -> dict[str, list[str]]:
    """Each hotel the run's searches found, by id: its amenities."""
    found: dict[str, list[str]] = {}
    for e in result.trace:
        if isinstance(e, ToolResultEvent) and e.data.tool == "search_hotels":
            body = getattr(e.data.result, "result", None)
            for h in body.get("hotels", []) if isinstance(body, dict) else []:
                found[str(h.get("hotel_id"))] = list(h.get("amenities") or [])
    return found


def test_a_visit_with_a_room_that_must_be_accessible_is_flown_and_the_hotel_booked() -> None:
    """The world of a shipped scenario, asked in other words by one traveller with no companions on
    file: the flights there and back and an accessible hotel for the nights between are booked."""
    sc = load_scenario(SCENARIOS / "round-trip-atlanta-boston-grandpa-accessible.yaml")
    assert isinstance(sc, TravelScenario)
    text = (
        "My daughter just moved to Boston and I'm flying up from Atlanta to see her new place, Thu 15 July"
        " to Sun 18 July. I use a wheelchar so the room has to be accesible; brekfast would be nice."
    )
    sc = sc.model_copy(update={"request": text, "traveler": sc.traveler.model_copy(update={"party": []})})
    result = run(sc, RunOptions(agent="planner", model="scripted"))
    assert result.status == "done" and result.final_state, result.error
    booked = [b for b in json.loads(result.final_state)["bookings"].values() if b["status"] == "confirmed"]
    flights = sorted(
        (b["item_id"].split("-", 1)[1], b["passengers"]) for b in booked if b["kind"] == "flight"
    )
    hotels = [(b["item_id"], b["check_in"], b["check_out"]) for b in booked if b["kind"] == "hotel"]
    assert flights == [("2027-07-15", 1), ("2027-07-18", 1)]  # one traveller, there and back
    assert len(hotels) == 1 and hotels[0][1:] == ("2027-07-15", "2027-07-18"), hotels
    assert "accessible" in _hotel_amenities(result)[hotels[0][0]]
