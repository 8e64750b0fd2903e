"""The oracle's hard constraints: which flights can fly a leg and which hotels can host a stay, at
what price. Used by ``oracle``.

Prices are what a booking at the start of a run would charge (``pricing`` at the scenario clock, times
travellers or rooms), with ``price_change`` faults applied the way the run's fault injector applies them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from worlds.travel.catalog import pricing
from worlds.travel.judge.preferences import FlightChoice, cost_terms, leg_score
from worlds.travel.records import CABINS, Airline, Cabin, City, Flight, Hotel
from worlds.travel.scenario import Leg, TravelScenario

_CABIN_INDEX = {"economy": 0, "premium": 1, "business": 2}


class CatalogQueries(Protocol):
    """The catalog queries the oracle makes (``CatalogView`` provides them)."""

    def city(self, code: str) -> City | None: ...
    def airline(self, code: str) -> Airline | None: ...
    def flight(self, flight_id: str) -> Flight | None: ...
    def hotel(self, hotel_id: str) -> Hotel | None: ...
    def hotels_in(self, city: str) -> list[Hotel]: ...
    def flights_on(self, origin: str, destination: str, day: date) -> list[Flight]: ...
    def flights_between(self, origin: str, destination: str, first: date, last: date) -> list[Flight]: ...


@dataclass(frozen=True, slots=True)
class LegOption:
    """One (flight, cabin) that can fly a leg: its times, its price for every traveller, its utility share."""

    choice: FlightChoice
    depart: float  # UTC timestamps, for the connection rule
    arrive: float
    arrive_day: date  # local
    depart_day: date  # local
    cost: int
    score: float


@dataclass
class Rules:
    """The scenario's hard constraints, resolved once."""

    scenario: TravelScenario
    avoid: frozenset[str]
    unavailable: frozenset[str]
    pct: dict[str, float]  # item id -> price change in percent (price_change faults)
    per_cent: float

    @classmethod
    def of(cls, scenario: TravelScenario) -> Rules:
        pct: dict[str, float] = {}
        for f in scenario.faults:
            if f.kind == "price_change" and f.target:  # compounded as the fault injector does
                old = pct.get(f.target, 0.0)
                pct[f.target] = round(((1 + old / 100) * (1 + f.pct / 100) - 1) * 100, 6)
        gone = {f.target for f in scenario.faults if f.kind in ("sold_out", "stale") and f.target}
        return cls(
            scenario, frozenset(scenario.constraints.avoid), frozenset(gone), pct, cost_terms(scenario)[1]
        )

    def flight_cost(self, flight: Flight, cabin: Cabin) -> int:
        """Fares for every traveller, priced as a booking at the start of the run would be."""
        fare = adjust(
            pricing.fare_cents(flight, cabin, self.scenario.world.now), self.pct.get(flight.id, 0.0)
        )
        return fare * self.scenario.constraints.travelers

    def stay_cost(self, hotel: Hotel, check_in: date, check_out: date) -> int:
        """The stay for every room, priced night by night as a booking would be."""
        rooms, pct = self.scenario.constraints.rooms, self.pct.get(hotel.id, 0.0)
        if not pct:
            return pricing.stay_cents(hotel, check_in, check_out, rooms)
        nights = (check_out - check_in).days
        return rooms * sum(
            adjust(pricing.night_rate_cents(hotel, check_in + timedelta(days=d)), pct) for d in range(nights)
        )

    def leg_reject(self, flight: Flight, cabin: Cabin) -> str | None:
        """Why (flight, cabin) cannot be a leg, or None."""
        c, s = self.scenario.constraints, self.scenario
        if cabin not in c.cabins:
            return "cabin not allowed"
        if flight.depart <= s.world.now:
            return "already departed"
        if c.max_stops is not None and flight.stops > c.max_stops:
            return "too many stops"
        if c.refundable_only and not flight.refundable:
            return "non-refundable"
        if flight.id in self.avoid or flight.airline in self.avoid:
            return "on the avoid list"
        if flight.id in self.unavailable:
            return "unavailable (fault)"
        if flight.seats[_CABIN_INDEX[cabin]] < c.travelers:
            return "not enough seats"
        if c.calendar_free and any(
            flight.depart < e.end and e.start < flight.arrive for e in s.traveler.calendar
        ):
            return "clashes with the calendar"
        return None

    def hotel_reject(self, hotel: Hotel) -> str | None:
        """Why a hotel cannot be a stay, or None."""
        c = self.scenario.constraints
        if hotel.rooms < c.rooms:
            return "not enough rooms"
        if c.refundable_only and hotel.free_cancel_days < 0:
            return "non-refundable"
        if hotel.id in self.avoid:
            return "on the avoid list"
        if hotel.id in self.unavailable:
            return "unavailable (fault)"
        return None


def adjust(cents: int, pct: float) -> int:
    """``cents`` changed by ``pct`` percent, rounded to a cent (as ``env.adjust_cents`` does)."""
    return cents if not pct else max(0, round(cents * (100 + pct) / 100))


def _leg_text(leg: Leg) -> str:
    when = f"on {leg.date}" if leg.date else f"between {leg.earliest} and {leg.latest}"
    return f"{leg.origin}->{leg.destination} {when}"


def nothing_meets(what: str, total: int, reasons: Counter[str]) -> str:
    """ "no <what>", or "no <what> meets the constraints (<counts by reason>)"."""
    if not total:
        return f"no {what}"
    parts = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"no {what} meets the constraints ({parts})"


def leg_options(rules: Rules, view: CatalogQueries, i: int, leg: Leg) -> tuple[list[LegOption], str]:
    s = rules.scenario
    if leg.date is not None:
        flights = view.flights_on(leg.origin, leg.destination, leg.date)
    else:
        assert leg.earliest is not None and leg.latest is not None
        flights = view.flights_between(leg.origin, leg.destination, leg.earliest, leg.latest)
    reasons, options = Counter[str](), []
    for flight in flights:
        for cabin in CABINS:
            why = rules.leg_reject(flight, cabin)
            if why is not None:
                if why != "cabin not allowed":
                    reasons[why] += 1
                continue
            cost = rules.flight_cost(flight, cabin)
            score = leg_score(s, i, flight, cabin) - rules.per_cent * cost
            options.append(
                LegOption(
                    FlightChoice(flight.id, cabin),
                    flight.depart.timestamp(),
                    flight.arrive.timestamp(),
                    flight.arrive.date(),
                    flight.depart.date(),
                    cost,
                    score,
                )
            )
    options.sort(key=lambda o: (o.depart, o.choice))
    return options, nothing_meets(f"flight {_leg_text(leg)}", len(flights), reasons)
