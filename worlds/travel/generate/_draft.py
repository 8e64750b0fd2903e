"""A scenario under construction, and the trips every family starts from.

A ``Draft`` holds what one draw decided — the hidden sections (legs, stays, party, rooms, cabins,
preferences, faults, held bookings, expectations) and the request's pieces — and turns into the
scenario's data (``data``). ``trip`` draws the common shapes (round trip, one way, multi-city), with
their core sentence and the traveller's answers about dates, so the request and the hidden constraints
come from the same choices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from worlds.travel.generate import _request as rq
from worlds.travel.generate import _words as w
from worlds.travel.generate._draw import Draw, Redraw, Traveller
from worlds.travel.records import City

Shape = Literal["round", "oneway", "multi"]


@dataclass
class Draft:
    """What one draw decided; ``data()`` is the scenario (without id, title, tags, description)."""

    d: Draw
    home: City
    who: Traveller
    shape: str
    places: list[City]  # the cities visited, in order
    days: list[dt.date]  # each leg's departure day
    legs: list[dict[str, Any]] = field(default_factory=list)
    stays: list[dict[str, Any]] = field(default_factory=list)
    travelers: int = 1
    rooms: int = 1
    cabin: str = "economy"
    prefs: list[dict[str, Any]] = field(default_factory=list)
    core: str = ""
    pieces: list[str] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    budget: int | None = None
    profile: dict[str, Any] = field(default_factory=dict)
    bookings: list[dict[str, Any]] = field(default_factory=list)
    faults: list[dict[str, Any]] = field(default_factory=list)
    expect: dict[str, Any] = field(default_factory=lambda: {"outcome": "booked"})
    title: str = ""
    notes: list[str] = field(default_factory=list)  # the description's sentences
    tags: list[str] = field(default_factory=list)

    def name(self, c: City) -> str:
        return w.city(self.d.rng, c.code, c.name)

    def fact(self, topic: str, answer: str, match: list[str] | None = None) -> None:
        if self.d.tone == "casual" and self.d.chance(0.5):
            answer = answer[0].lower() + answer[1:]
        self.facts.append({"topic": topic, "answer": answer} | ({"match": match} if match else {}))

    def data(self) -> dict[str, Any]:
        """The scenario's sections, as a scenario file holds them."""
        assert self.d.now is not None
        traveler: dict[str, Any] = {"name": self.who.name, "home": self.home.code}
        if self.budget is not None:
            traveler["budget"] = self.budget
        if self.who.companions:
            traveler["party"] = [{"name": n} for n in self.who.companions]
        if self.profile:
            traveler["profile"] = self.profile
        if self.bookings:
            traveler["bookings"] = self.bookings
        if self.facts:
            traveler["facts"] = self.facts
        constraints: dict[str, Any] = {"legs": self.legs, "stays": self.stays}
        constraints |= {"travelers": self.travelers, "rooms": self.rooms, "cabins": [self.cabin]}
        if self.budget is not None and self.expect.get("outcome") in ("booked", "refused"):
            constraints["max_total"] = self.budget
        out: dict[str, Any] = {
            "world": {"seed": self.d.view.info.seed, "size": self.d.size, "now": self.d.now.isoformat()},
            "traveler": traveler,
            "constraints": constraints,
        }
        if self.prefs:
            out["preferences"] = self.prefs
        if self.faults:
            out["faults"] = self.faults
        out["expect"] = self.expect
        return out

    def party(self, travelers: int, rooms: int) -> None:
        """Set the party and rooms, and say them (the traveller answers about them too)."""
        self.travelers, self.rooms = travelers, rooms
        said, answer = rq.party(self.d, travelers, self.who.companions)
        self.pieces += [said, rq.rooms(self.d, travelers, rooms)]
        if travelers > 1:
            self.fact("travelers", answer)
            self.fact("rooms", f"{w.word(rooms).capitalize()} room{'s' if rooms > 1 else ''}.")


def trip(
    d: Draw, shape: Shape, *, hotel: bool, companions: int = 0, lead: tuple[int, int] = (2, 40)
) -> Draft:
    """A trip of ``shape`` from the traveller's home, its dates inside the catalog, and its core sentence."""
    stops = {"round": 1, "oneway": 1, "multi": 2}[shape]
    cities = d.cities(stops + 1)
    home, places = cities[0], cities[1:]
    gaps = [d.rng.randint(2, 6) for _ in range(stops if shape != "oneway" else 0)]
    first = d.schedule(sum(gaps) + 6, home, lead=lead)
    days = [first]
    for g in gaps:
        days.append(days[-1] + dt.timedelta(days=g))
    draft = Draft(d, home, d.traveller(companions), shape, places, days)
    route = [home, *places] + ([home] if shape != "oneway" else [])
    for i, day in enumerate(days):
        draft.legs.append({"origin": route[i].code, "destination": route[i + 1].code, "date": day})
    if shape == "round":
        _round(draft, hotel)
    elif shape == "oneway":
        _oneway(draft, hotel)
    else:
        _multi(draft)
    return draft


def _dates_fact(draft: Draft, labels: list[str]) -> None:
    said = ", ".join(f"{lab} {w.long_date(day)}" for lab, day in zip(labels, draft.days, strict=True))
    draft.fact("dates", said[0].upper() + said[1:] + ".")


def _round(draft: Draft, hotel: bool) -> None:
    d, (b,), (out, back) = draft.d, draft.places, draft.days
    a_, b_ = draft.name(draft.home), draft.name(b)
    o, r = d.when(out), w.back_when(d.rng, back, out, d.today)
    shapes = [
        f"Please book me a round trip from {a_} to {b_}, leaving {o} and returning {r}.",
        f"I need to fly from {a_} to {b_} {o} and come back {r}.",
        f"Could you arrange return flights {a_} to {b_}? Out {o}, back {r}.",
        f"I'm heading to {b_} from {a_} {o}, flying home {r}.",
        f"Looking for a return trip {a_} to {b_}: depart {o}, return {r}.",
    ]
    if d.tone == "casual":
        shapes = [
            f"need flights {a_} to {b_} {o}, back {r}.",
            f"can you book me {a_} -> {b_} {o} and home again {r}?",
            f"off to {b_} {o}! flying from {a_}, back {r}.",
        ]
    draft.core = d.pick(shapes)
    if hotel:
        draft.stays.append({"city": b.code, "after_leg": 0})
        draft.pieces.append(
            d.pick(
                (
                    f"I'll also need a hotel in {b_} for the nights in between.",
                    f"Please include a hotel in {b_} from the day I land until I fly home.",
                    f"Hotel too, for my nights in {b_}.",
                    "And somewhere to stay while I'm there, checking in the day I arrive.",
                )
            )
        )
    else:
        draft.pieces.append(d.pick(FLIGHTS_ONLY))
    _dates_fact(draft, ["out on", "back on"])
    draft.title = f"Round trip {draft.home.name} to {b.name}"


FLIGHTS_ONLY = (
    "Flights only, I'm staying with friends.",
    "No hotel needed.",
    "I already have a place to stay, so just the flights.",
    "Just the flights please, no hotel.",
)


def _oneway(draft: Draft, hotel: bool) -> None:
    d, (b,), (out,) = draft.d, draft.places, draft.days
    a_, b_ = draft.name(draft.home), draft.name(b)
    o = d.when(out)
    shapes = [
        f"Please book a one-way flight from {a_} to {b_} {o}.",
        f"I need to get from {a_} to {b_} {o}, one way.",
        f"One-way {a_} to {b_} {o}, please.",
        f"I'm moving on from {a_} to {b_} {o} and only need a one-way ticket.",
    ]
    if d.tone == "casual":
        shapes = [f"one way {a_} -> {b_} {o} pls.", f"need a one-way from {a_} to {b_} {o}."]
    draft.core = d.pick(shapes)
    if hotel:
        nights = d.rng.randint(1, 5)
        draft.stays.append({"city": b.code, "after_leg": 0, "nights": nights})
        n = w.number(d.rng, nights)
        draft.pieces.append(
            d.pick(
                (
                    f"And a hotel in {b_} for {n} night{'s' if nights > 1 else ''} from the day I arrive.",
                    f"I'll need {n} night{'s' if nights > 1 else ''} at a hotel in {b_} when I land.",
                    f"Book me a hotel there too: {n} night{'s' if nights > 1 else ''}, checking in when I land.",
                )
            )
        )
        draft.fact(
            "hotel",
            f"{w.word(nights).capitalize()} night{'s' if nights > 1 else ''} in {b.name}, from the day I land.",
        )
    else:
        draft.pieces.append(d.pick(("Just the flight, no hotel.", "No hotel needed.", "Flight only.")))
    _dates_fact(draft, ["leaving on"])
    draft.title = f"One way {draft.home.name} to {b.name}"


def _multi(draft: Draft) -> None:
    d, (b, c), (d0, d1, d2) = draft.d, draft.places, draft.days
    a_, b_, c_ = draft.name(draft.home), draft.name(b), draft.name(c)
    t = d.today
    o0, o1, o2 = d.when(d0), w.back_when(d.rng, d1, d0, t), w.back_when(d.rng, d2, d1, t)
    shapes = [
        f"I'm planning a trip: {a_} to {b_} {o0}, then {b_} to {c_} {o1}, and back to {a_} {o2}.",
        f"Please book {a_} to {b_} {o0}, on to {c_} {o1}, and home to {a_} {o2}.",
        f"Multi-city from {a_}: first {b_}, flying {o0}; then {c_}, flying {o1}; home {o2}.",
        f"I fly {a_} to {b_} {o0}. From there I go to {c_} {o1}, and I fly back to {a_} {o2}.",
    ]
    draft.core = d.pick(shapes)
    draft.stays += [{"city": b.code, "after_leg": 0}, {"city": c.code, "after_leg": 1}]
    draft.pieces.append(
        d.pick(
            (
                f"I'll need hotels in {b_} and {c_} for every night in between.",
                "Hotels at both stops, please, for all the nights.",
                f"A hotel in each city ({b_}, then {c_}) from arrival to departure.",
            )
        )
    )
    _dates_fact(draft, ["out on", "on to the next city on", "home on"])
    draft.title = f"Multi-city {draft.home.name}, {b.name}, {c.name}"


def require(condition: bool, reason: str) -> None:
    """Redraw unless ``condition`` holds."""
    if not condition:
        raise Redraw(reason)
