"""The trip families: one way, round trip, hotel only, multi-city, a party with rooms, relative dates.

Each family is a function from a ``Draw`` to a ``Draft``: it draws the trip, says it (the core
sentence and pieces come from the same choices as the hidden sections), and adds the soft preferences
the catalog can tell apart. The engine fixes the budget from the oracle and validates the result.
"""

from __future__ import annotations

import datetime as dt

from worlds.travel.generate import _words as w
from worlds.travel.generate._draft import Draft, require, trip
from worlds.travel.generate._draw import Draw
from worlds.travel.generate._prefs import add_preferences


def one_way(d: Draw) -> Draft:
    """A one-way flight, now and then with a hotel for a few nights on arrival."""
    draft = trip(d, "oneway", hotel=d.chance(0.35))
    draft.party(1, 1)
    add_preferences(draft, (1, 2))
    draft.tags += ["one-way"] + ([] if draft.stays else ["flight-only"])
    return draft


def round_trip(d: Draw) -> Draft:
    """Out and back, with a hotel for the nights in between more often than not."""
    draft = trip(d, "round", hotel=d.chance(0.65))
    draft.party(1, 1)
    add_preferences(draft)
    draft.tags += ["round-trip"] + ([] if draft.stays else ["flight-only"])
    return draft


def multi_city(d: Draw) -> Draft:
    """Home, two cities with a hotel in each, home again."""
    draft = trip(d, "multi", hotel=True)
    draft.party(1, 1)
    add_preferences(draft, (1, 2))
    draft.tags += ["multi-city"]
    return draft


def party(d: Draw) -> Draft:
    """Two to six travellers on one booking, with the rooms they ask for."""
    n = d.pick((2, 2, 3, 4, 4, 5, 6))
    rooms = {2: (1, 1, 2), 3: (1, 2, 3), 4: (1, 2, 2), 5: (2, 3), 6: (2, 3, 3)}[n]
    draft = trip(d, d.pick(("round", "round", "oneway")), hotel=True, companions=n - 1)
    draft.party(n, d.pick(rooms))
    add_preferences(draft, (1, 2))
    draft.tags += ["party", "round-trip" if draft.shape == "round" else "one-way"]
    draft.title += f" for {n}"
    return draft


def relative_dates(d: Draw) -> Draft:
    """Dates said relative to the clock: "this Friday", "a week from today", "the second Tuesday of
    next month"; the hidden legs hold the absolute days."""
    d.force_relative = True
    draft = trip(d, d.pick(("round", "round", "oneway")), hotel=d.chance(0.6), lead=(1, 40))
    require(bool(w.relative_phrases(draft.days[0], d.today)), "no relative phrase for the first day")
    draft.party(1, 1)
    add_preferences(draft, (1, 2))
    draft.tags += ["relative-dates", "round-trip" if draft.shape == "round" else "one-way"]
    return draft


def hotel_only(d: Draw) -> Draft:
    """A hotel and no flights (arriving by train or car), for a few nights from a given day."""
    draft = hotel_stay(d)
    add_preferences(draft, (1, 2))
    return draft


def hotel_stay(d: Draw) -> Draft:
    """The hotel-only trip without preferences: one free-standing stay, said with its dates."""
    home, city = d.cities(2)
    nights = d.rng.randint(1, 6)
    check_in = d.schedule(nights, home)
    draft = Draft(d, home, d.traveller(), "hotel", [city], [check_in])
    draft.stays.append({"city": city.code, "check_in": check_in, "nights": nights})
    c_ = draft.name(city)
    check_out = check_in + dt.timedelta(days=nights)
    when = d.when(check_in)
    n = w.number(d.rng, nights)
    s = "s" if nights > 1 else ""
    until = w.back_when(d.rng, check_out, check_in, d.today)
    shapes = [
        f"I need a hotel in {c_} {when} for {n} night{s}.",
        f"Please book me a hotel in {c_}: checking in {when}, {n} night{s}.",
        f"Could you find me somewhere to stay in {c_}? I arrive {when} and leave {until}.",
        f"Hotel only, please: {c_}, {n} night{s} from {when.removeprefix('on ')}.",
    ]
    if d.tone == "casual":
        shapes = [
            f"need a room in {c_} {when}, {n} night{s}.",
            f"can u get me a hotel in {c_} {when}? {n} night{s}.",
        ]
    draft.core = d.pick(shapes)
    draft.pieces.append(
        d.pick(
            (
                "I'm taking the train, so no flights.",
                "No flights needed, I'm driving.",
                "I've sorted my own travel; only the hotel.",
                "",
            )
        )
    )
    draft.fact(
        "dates",
        f"Checking in on {w.long_date(check_in)} and out on {w.long_date(check_out)}: {w.word(nights)} night{s}.",
    )
    draft.fact("flights", "No flights, thanks: I'm getting there on my own.")
    draft.party(1, 1)
    draft.title = f"Hotel only in {city.name}, {nights} night{s}"
    draft.tags += ["hotel-only"]
    return draft
