"""The families with hard requirements: time windows, amenities and nightly caps, airline exclusion.

Each draws an ordinary trip, asks the oracle for its best itinerary *without* the requirement, and then
draws a requirement that rules that itinerary out while leaving something to book (the oracle then
checks the whole scenario). So every requirement is decisive: an agent that ignores it books the
wrong thing. The requirement is said as one, never as a wish ("I can't leave before 9 am").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from worlds.travel.catalog.pricing import stay_cents
from worlds.travel.generate import _words as w
from worlds.travel.generate._draft import Draft, require, trip
from worlds.travel.generate._draw import Draw, Redraw
from worlds.travel.generate._families import hotel_stay
from worlds.travel.generate._prefs import AMENITY_WORDS, add_preferences
from worlds.travel.judge.preferences import Itinerary
from worlds.travel.records import Flight


def best_without(draft: Draft) -> Itinerary:
    """The oracle's best itinerary of the draft as it stands (no budget yet)."""
    result = draft.d.solve(draft.data())
    if result.best is None:
        raise Redraw(f"nothing feasible: {result.reason}")
    return result.best


def shape_tags(draft: Draft) -> list[str]:
    tag = {"round": "round-trip", "oneway": "one-way", "multi": "multi-city", "hotel": "hotel-only"}[
        draft.shape
    ]
    return [tag] + (["flight-only"] if draft.legs and not draft.stays else [])


def _base(d: Draw, *, hotel: float) -> Draft:
    draft = trip(d, d.pick(("round", "round", "oneway")), hotel=d.chance(hotel))
    draft.party(1, 1)
    return draft


# -- time windows ------------------------------------------------------------------------------------
def _hours(lo: int, hi: int) -> list[dt.time]:
    return [dt.time(h, m) for h in range(lo, hi) for m in (0, 30)]


def decisive_window(d: Draw, flights: list[Flight], chosen: Flight) -> tuple[str, dt.time] | None:
    """A bound on the leg's local times that rules ``chosen`` out and lets another flight in."""
    dep = lambda f: f.depart.time().replace(tzinfo=None)  # noqa: E731
    arr = lambda f: f.arrive.time().replace(tzinfo=None)  # noqa: E731
    day = chosen.depart.date()
    options: list[tuple[str, dt.time]] = []
    for t in _hours(6, 23):
        if dep(chosen) < t and any(dep(f) >= t for f in flights):
            options.append(("depart_after", t))
        if dep(chosen) > t and any(dep(f) <= t for f in flights):
            options.append(("depart_before", t))
        same_day = [f for f in flights if f.arrive.date() == day]
        late = chosen.arrive.date() != day or arr(chosen) > t
        if late and any(arr(f) <= t for f in same_day):
            options.append(("arrive_before", t))
    return d.pick(options) if options else None


def say_window(d: Draw, kind: str, t: dt.time, leg: int, legs: int, day: dt.date) -> str:
    c = w.clock(d.rng, t)
    which = (
        ""
        if legs == 1
        else d.pick(("On the way out, ", "For the outbound, "))
        if leg == 0
        else d.pick(("On the way back, ", "For the flight home, ", "Coming back, "))
    )
    said = {
        "depart_after": (
            f"I can't leave before {c}.",
            f"the flight must not leave before {c}.",
            f"nothing earlier than {c}, I have a meeting in the morning.",
        ),
        "depart_before": (
            f"I have to be in the air by {c}.",
            f"the flight must leave by {c} at the latest.",
            f"nothing after {c}, it has to be a departure by then.",
        ),
        "arrive_before": (
            f"I need to land by {c} that same day ({day:%A}).",
            f"I must be on the ground by {c} on {day:%A}.",
            f"arrival no later than {c} on the day I fly.",
        ),
    }[kind]
    text = d.pick(said)
    return which + text if which else text[0].upper() + text[1:]


def time_windows(d: Draw) -> Draft:
    """A departure or arrival bound on one leg ("can't leave before 9 am", "must land by 6 pm")."""
    draft = _base(d, hotel=0.5)
    add_preferences(draft, (0, 2), without=("window",))
    best = best_without(draft)
    i = d.rng.randrange(len(draft.legs))
    leg = draft.legs[i]
    flights = d.flights(leg["origin"], leg["destination"], leg["date"])
    chosen = d.view.flight(best.flights[i].flight_id)
    assert chosen is not None
    got = decisive_window(d, flights, chosen)
    require(got is not None, "no decisive time window on this leg")
    assert got is not None
    kind, t = got
    leg[kind] = f"{t:%H:%M}"
    if kind == "arrive_before":
        leg["arrive_on"] = leg["date"]
    draft.pieces.append(say_window(d, kind, t, i, len(draft.legs), leg["date"]))
    draft.fact("flights", say_window(d, kind, t, i, len(draft.legs), leg["date"]))
    draft.notes.append(f"Hard window on leg {i}: {kind} {t:%H:%M} rules out the otherwise best {chosen.id}.")
    draft.tags += ["time-windows", *shape_tags(draft)]
    return draft


# -- amenities and nightly caps ------------------------------------------------------------------------
def _nightly(hotel_id: str, d: Draw, stay: Any) -> float:
    hotel = d.view.hotel(hotel_id)
    assert hotel is not None
    return stay_cents(hotel, stay.check_in, stay.check_out) / 100 / stay.nights


def amenities(d: Draw) -> Draft:
    """Required hotel amenities (one or two), sometimes with a cap per night."""
    draft = hotel_stay(d) if d.chance(0.4) else _base(d, hotel=1.0)
    add_preferences(draft, (0, 2), without=("amenity",))
    best = best_without(draft)
    stay, chosen = draft.stays[0], best.stays[0]
    hotels = d.hotels(stay["city"])
    have = {a for h in hotels for a in h.amenities}
    best_hotel = d.view.hotel(chosen.hotel_id)
    assert best_hotel is not None
    lacking = sorted(a for a in AMENITY_WORDS if a in have and a not in best_hotel.amenities)
    require(bool(lacking), "the best hotel has every amenity")
    need = [d.pick(lacking)]
    if d.chance(0.35):
        more = sorted(
            a for a in AMENITY_WORDS if a != need[0] and any({need[0], a} <= set(h.amenities) for h in hotels)
        )
        if more:
            need.append(d.pick(more))
    fit = [h for h in hotels if set(need) <= set(h.amenities)]
    stay["amenities"] = need
    words = " and ".join(AMENITY_WORDS[a] for a in need)
    draft.pieces.append(
        d.pick(
            (
                f"The hotel must have {words}.",
                f"{words[0].upper() + words[1:]} is a must for the hotel.",
                f"I need {words} at the hotel, no exceptions.",
            )
        )
    )
    draft.fact("hotel", f"It has to have {words}.")
    if d.chance(0.5) and len(fit) >= 2:
        prices = sorted(_nightly(h.id, d, chosen) for h in fit)
        cap = w.nice_round((prices[0] + prices[1]) / 2, up=False) if prices[1] - prices[0] > 60 else None
        if cap is not None and prices[0] <= cap < prices[1]:
            stay["max_nightly"] = cap
            m = w.money(d.rng, cap)
            draft.pieces.append(
                d.pick(
                    (
                        f"No more than {m} a night.",
                        f"My limit is {m} per night for the room.",
                        f"Under {m} a night, please; that's the allowance.",
                    )
                )
            )
            draft.tags.append("nightly-cap")
    draft.notes.append(
        f"Required: {', '.join(need)}; the otherwise best hotel {best_hotel.id} lacks {need[0]}."
    )
    draft.tags += ["amenities", *shape_tags(draft)]
    return draft


# -- airline exclusion ---------------------------------------------------------------------------------
def airline_exclusion(d: Draw) -> Draft:
    """One airline ruled out on every leg, the one the best itinerary would fly otherwise."""
    draft = _base(d, hotel=0.5)
    add_preferences(draft, (0, 2), without=("airline",))
    best = best_without(draft)
    code = d.view.flight(best.flights[d.rng.randrange(len(best.flights))].flight_id)
    assert code is not None
    airline = d.view.airline(code.airline)
    assert airline is not None
    said = airline.name if d.chance(0.85) else airline.code
    for leg in draft.legs:
        leg["airlines_avoid"] = [said]
    reason = d.pick(
        ("they lost my bag twice", "I had a terrible experience with them", "company policy", "", "")
    )
    because = f" ({reason})" if reason else ""
    draft.pieces.append(
        d.pick(
            (
                f"Please don't book me on {said}{because}.",
                f"I won't fly {said}{because}.",
                f"Anything but {said}{because}.",
                f"No {said} flights, whatever the price{because}.",
            )
        )
    )
    draft.fact("airline", f"Any airline except {airline.name}.")
    draft.notes.append(f"{airline.name} ({airline.code}) flies the otherwise best itinerary and is excluded.")
    draft.tags += ["airline-exclusion", *shape_tags(draft)]
    return draft
