"""Itineraries and how well they fit a scenario's soft preferences.

``utility`` is the one definition of preference fit: the oracle maximises it and the scorer divides the
booked itinerary's utility by the oracle's best. It is pure and deterministic: it reads the scenario's
``preferences`` and the catalog records the itinerary names, nothing else.

Each preference contributes ``weight x satisfaction`` with satisfaction in [0, 1], usually the fraction
of the items it concerns that satisfy it (a preference about items the itinerary does not have scores 0).
The per-item helpers (``leg_score``, ``stay_score``, ``cost_terms``) split the same sum item by item so the
oracle can rank candidates before combining them; ``utility`` equals their sum for itineraries with the
scenario's own number of legs and stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from worlds.travel.judge.reviews import review_share
from worlds.travel.records import Cabin, CatalogLookup, Flight, Hotel
from worlds.travel.scenario import Preference, TravelScenario

__all__ = [
    "FlightChoice",
    "Itinerary",
    "StayChoice",
    "budget_cents",
    "best_seat",
    "cost_terms",
    "describe",
    "leg_score",
    "max_utility",
    "spend_limit_cents",
    "stay_score",
    "utility",
]

_LEG_KINDS = frozenset({"nonstop", "airline", "depart_window", "arrive_window", "cabin"})
_STAY_KINDS = frozenset({"hotel_stars", "hotel_rating", "amenity", "neighbourhood", "review"})


@dataclass(frozen=True, slots=True, order=True)
class FlightChoice:
    """One seat class on one flight: for every traveller, or (a party split over two flights of a leg,
    ``split_ok``) for ``passengers`` of them on leg ``leg``; ``seat`` is the seat asked for, if any."""

    flight_id: str
    cabin: Cabin
    passengers: int = 0  # 0: the whole party
    leg: int = -1  # -1: the leg at this flight's position in the itinerary
    seat: str = ""


@dataclass(frozen=True, slots=True, order=True)
class StayChoice:
    """One hotel from ``check_in`` to ``check_out`` (local dates)."""

    hotel_id: str
    check_in: dt.date
    check_out: dt.date

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days


@dataclass(frozen=True, slots=True)
class Itinerary:
    """Flights in travel order, stays in trip order, and what it all costs (cents, every traveller/room)."""

    flights: tuple[FlightChoice, ...]
    stays: tuple[StayChoice, ...]
    total_cents: int

    def sort_key(self) -> tuple[int, tuple[FlightChoice, ...], tuple[StayChoice, ...]]:
        """Deterministic tie-break among equally good itineraries: lowest total, then ids."""
        return (self.total_cents, self.flights, self.stays)


def _cents(dollars: float | None) -> int | None:
    return None if dollars is None else round(dollars * 100)


def spend_limit_cents(scenario: TravelScenario) -> int | None:
    """The reference for the ``cheaper`` preference: ``constraints.max_total``, else ``traveler.budget``."""
    limit = scenario.constraints.max_total
    return _cents(limit if limit is not None else scenario.traveler.budget)


def budget_cents(scenario: TravelScenario) -> int | None:
    """The hard spend cap: the lower of ``constraints.max_total`` and ``traveler.budget`` (None: no cap)."""
    caps = [c for c in (_cents(scenario.constraints.max_total), _cents(scenario.traveler.budget)) if c]
    return min(caps) if caps else None


def _in_window(t: dt.time, start: dt.time, end: dt.time) -> bool:
    """``start <= t <= end``; a window with ``start > end`` wraps past midnight."""
    return start <= t <= end if start <= end else (t >= start or t <= end)


@dataclass(frozen=True, slots=True)
class _Flown:
    """One flight of an itinerary as preferences see it: its leg and its share of the party."""

    flight: Flight
    cabin: str
    leg: int
    share: float
    seat: str


def _leg_hit(pref: Preference, flight: Flight, cabin: str) -> bool:
    if pref.kind == "nonstop":
        return flight.stops == 0
    if pref.kind == "airline":
        return flight.airline == pref.value
    if pref.kind == "depart_window":
        return _in_window(flight.depart.time(), pref.start, pref.end)
    if pref.kind == "arrive_window":
        return _in_window(flight.arrive.time(), pref.start, pref.end)
    if pref.kind == "cabin":
        return cabin == pref.value
    raise AssertionError(pref.kind)


def _stay_value(pref: Preference, hotel: Hotel) -> float:
    """How well ``hotel`` satisfies a stay preference, in [0, 1]."""
    if pref.kind == "hotel_stars":
        return float(hotel.stars >= pref.min)
    if pref.kind == "hotel_rating":
        return float(hotel.rating >= pref.min)
    if pref.kind == "amenity":
        return float(pref.value.casefold() in (a.casefold() for a in hotel.amenities))
    if pref.kind == "neighbourhood":
        return float(hotel.neighbourhood.casefold() == pref.value.casefold())
    if pref.kind == "review":
        return review_share(hotel, pref.topic)
    raise AssertionError(pref.kind)


def _concerns(pref: Preference, leg: int) -> bool:
    """Whether a leg preference concerns leg ``leg`` (window preferences may name one leg)."""
    return pref.kind not in ("depart_window", "arrive_window") or pref.leg is None or pref.leg == leg


def _fraction(hits: float, count: int) -> float:
    return hits / count if count else 0.0


def _satisfaction(
    pref: Preference,
    flights: Sequence[_Flown],
    hotels: Sequence[Hotel],
    total: int,
    limit: int | None,
) -> float:
    """A leg preference counts each leg once (a split leg by its flights' shares of the party)."""
    if pref.kind in _LEG_KINDS:
        concerned = [f for f in flights if _concerns(pref, f.leg)]
        hits = sum(f.share * _leg_hit(pref, f.flight, f.cabin) for f in concerned)
        return _fraction(hits, len({f.leg for f in concerned}))
    if pref.kind in _STAY_KINDS:
        return _fraction(sum(_stay_value(pref, h) for h in hotels), len(hotels))
    if pref.kind == "seat":
        hits = sum(f.share * (f.seat == pref.value) for f in flights)
        return _fraction(hits, len({f.leg for f in flights}))
    if pref.kind == "refundable":
        hits = sum(f.share * f.flight.refundable for f in flights) + sum(
            h.free_cancel_days >= 0 for h in hotels
        )
        return _fraction(hits, len({f.leg for f in flights}) + len(hotels))
    if pref.kind == "cheaper":
        return 0.5 if not limit else min(1.0, max(0.0, 1.0 - total / limit))
    raise AssertionError(pref.kind)


def utility(itin: Itinerary, scenario: TravelScenario, view: CatalogLookup) -> float:
    """Sum over the scenario's preferences of ``weight x satisfaction`` (0 .. ``max_utility``)."""
    flights: list[_Flown] = []
    party = scenario.constraints.travelers
    for i, choice in enumerate(itin.flights):
        flight = view.flight(choice.flight_id)
        if flight is None:
            raise ValueError(f"itinerary names unknown flight {choice.flight_id!r}")
        share = choice.passengers / party if choice.passengers else 1.0
        leg = choice.leg if choice.leg >= 0 else i
        flights.append(_Flown(flight, choice.cabin, leg, share, choice.seat))
    hotels: list[Hotel] = []
    for stay in itin.stays:
        hotel = view.hotel(stay.hotel_id)
        if hotel is None:
            raise ValueError(f"itinerary names unknown hotel {stay.hotel_id!r}")
        hotels.append(hotel)
    limit = spend_limit_cents(scenario)
    return sum(
        p.weight * _satisfaction(p, flights, hotels, itin.total_cents, limit) for p in scenario.preferences
    )


def max_utility(scenario: TravelScenario) -> float:
    """The utility of an itinerary satisfying every preference fully (the sum of the weights)."""
    return sum(p.weight for p in scenario.preferences)


def best_seat(scenario: TravelScenario) -> str:
    """The seat that serves the ``seat`` preferences best ("" without any): what the oracle books."""
    weights: dict[str, float] = {}
    for p in scenario.preferences:
        if p.kind == "seat":
            weights[p.value] = weights.get(p.value, 0.0) + p.weight
    return min(weights, key=lambda v: (-weights[v], v)) if weights else ""


def leg_score(scenario: TravelScenario, leg: int, flight: Flight, cabin: str, seat: str = "") -> float:
    """Leg ``leg``'s share of ``utility`` (cost excluded), for itineraries with the scenario's legs and stays,
    flown by the whole party on ``flight`` (a split leg scores each flight by its share of the party)."""
    n_legs, n_items = (
        len(scenario.constraints.legs),
        len(scenario.constraints.legs) + len(scenario.constraints.stays),
    )
    score = 0.0
    for p in scenario.preferences:
        if p.kind in _LEG_KINDS and _concerns(p, leg) and _leg_hit(p, flight, cabin):
            score += (
                p.weight
                if p.kind in ("depart_window", "arrive_window") and p.leg is not None
                else p.weight / n_legs
            )
        elif p.kind == "refundable" and flight.refundable:
            score += p.weight / n_items
        elif p.kind == "seat" and seat == p.value:
            score += p.weight / n_legs
    return score


def stay_score(scenario: TravelScenario, hotel: Hotel) -> float:
    """One stay's share of ``utility`` (cost excluded), for itineraries with the scenario's legs and stays."""
    n_stays, n_items = (
        len(scenario.constraints.stays),
        len(scenario.constraints.legs) + len(scenario.constraints.stays),
    )
    score = 0.0
    for p in scenario.preferences:
        if p.kind in _STAY_KINDS and (value := _stay_value(p, hotel)):
            score += p.weight * value / n_stays
        elif p.kind == "refundable" and hotel.free_cancel_days >= 0:
            score += p.weight / n_items
    return score


def cost_terms(scenario: TravelScenario) -> tuple[float, float]:
    """``(constant, per_cent)``: the ``cheaper`` share of utility is ``constant - per_cent x total``
    for any total within the spend limit."""
    limit = spend_limit_cents(scenario)
    weight = sum(p.weight for p in scenario.preferences if p.kind == "cheaper")
    if not limit:
        return 0.5 * weight, 0.0
    return weight, weight / limit


def _money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def describe(itin: Itinerary, view: CatalogLookup) -> str:
    """One line per flight and stay, then the total; for reports and validator messages."""
    lines: list[str] = []
    for choice in itin.flights:
        f = view.flight(choice.flight_id)
        if f is None:
            lines.append(f"{choice.flight_id} {choice.cabin} (unknown flight)")
            continue
        stops = "non-stop" if f.stops == 0 else f"{f.stops} stop{'s' if f.stops > 1 else ''}"
        lines.append(
            f"{f.id} {choice.cabin}: {f.origin} {f.depart:%Y-%m-%d %H:%M} -> {f.destination} "
            f"{f.arrive:%Y-%m-%d %H:%M} ({stops}, {'refundable' if f.refundable else 'non-refundable'})"
        )
    for stay in itin.stays:
        h = view.hotel(stay.hotel_id)
        what = (
            "(unknown hotel)"
            if h is None
            else f"{h.name}, {h.neighbourhood}, {h.stars}*, rating {h.rating:.1f}"
        )
        lines.append(f"{stay.hotel_id} {what}: {stay.check_in} -> {stay.check_out} ({stay.nights} nights)")
    lines.append(f"total {_money(itin.total_cents)}")
    return "\n".join(lines)
