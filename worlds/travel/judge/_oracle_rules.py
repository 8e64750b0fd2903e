"""The oracle's hard constraints: which flights can fly a leg and which hotels can host a stay, at
what price. Used by ``oracle``.

Prices are what a booking at the start of a run would charge (``pricing`` at the scenario clock, times
travellers or rooms), with ``price_change`` faults applied the way the run's fault injector applies them:
one aimed at an item id reprices that item, one aimed at ``any`` reprices every flight or hotel its
tool glob books (the change strikes whatever the agent books, so the oracle prices every item with it).
Faults aimed at ``first`` change nothing here: what they strike depends on the run, and the scorer asks
the oracle again about the world as the run left it (``after_faults``).
Each leg's rules join the trip-wide ones (``cabins`` on a leg replace the trip's; a ``cabin_rule``
replaces both and allows, per flight, only the cabin it picks from that flight's fares; stops,
refundability and avoid lists add up); each stay's requirements (stars, rating, amenities, neighbourhood, refundable,
a nightly cap) are checked hotel by hotel. With ``split_ok`` a leg may also be flown by the party split
over two flights that leave on the same day and land on the same day (``split_options``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from fnmatch import fnmatchcase
from typing import Protocol
from zoneinfo import ZoneInfo

from worlds.travel.catalog import pricing
from worlds.travel.constraints import Leg, Stay
from worlds.travel.judge._oracle_held import Held
from worlds.travel.judge.preferences import FlightChoice, best_seat, cost_terms, leg_score
from worlds.travel.records import CABINS, Airline, Cabin, City, Flight, Hotel
from worlds.travel.scenario import FAULT_ANY, FAULT_FIRST, TravelScenario

_CABIN_INDEX = {"economy": 0, "premium": 1, "business": 2}


class CatalogQueries(Protocol):
    """The catalog queries the oracle makes (``CatalogView`` provides them)."""

    def city(self, code: str) -> City | None: ...
    def airline(self, code: str) -> Airline | None: ...
    def airlines(self) -> list[Airline]: ...
    def flight(self, flight_id: str) -> Flight | None: ...
    def hotel(self, hotel_id: str) -> Hotel | None: ...
    def hotels_in(self, city: str) -> list[Hotel]: ...
    def flights_on(self, origin: str, destination: str, day: date) -> list[Flight]: ...
    def flights_between(self, origin: str, destination: str, first: date, last: date) -> list[Flight]: ...


@dataclass(frozen=True, slots=True)
class LegOption:
    """One way to fly a leg: one (flight, cabin) for the party, or two for a split party; its times,
    its price for every traveller and its utility share."""

    choices: tuple[FlightChoice, ...]
    flights: tuple[Flight, ...]
    depart: float  # UTC timestamps, for the connection rule: the first departure, the last arrival
    arrive: float
    arrive_day: date  # local
    depart_day: date  # local
    cost: int
    score: float


def _in(t: datetime, after: time | None, before: time | None) -> str | None:
    """ "early" or "late" when the local clock time of ``t`` is outside [after, before], else None."""
    clock = t.time()
    if after is not None and clock < after:
        return "early"
    if before is not None and clock > before:
        return "late"
    return None


@dataclass
class Rules:
    """The scenario's hard constraints, resolved once."""

    scenario: TravelScenario
    avoid: frozenset[str]
    unavailable: frozenset[str]
    pct: dict[str, float]  # item id -> price change in percent (price_change faults)
    per_cent: float
    held: Held
    seat: str = ""

    @classmethod
    def of(cls, scenario: TravelScenario, held: Held | None = None) -> Rules:
        pct: dict[str, float] = {}
        for f in scenario.faults:
            if f.kind != "price_change" or f.target in (None, FAULT_FIRST):
                continue
            # compounded as the fault injector does; "any" keys the kind of item ("*flight", "*hotel")
            keys = [f"*{k}" for k in ("flight", "hotel") if fnmatchcase(f"book_{k}", f.tool)]
            for key in keys if f.target == FAULT_ANY else [str(f.target)]:
                pct[key] = compound(pct.get(key, 0.0), f.pct)
        gone = {
            f.target
            for f in scenario.faults
            if f.kind in ("sold_out", "stale") and f.target not in (None, FAULT_FIRST, FAULT_ANY)
        }
        return cls(
            scenario,
            frozenset(scenario.constraints.avoid),
            frozenset(gone),
            pct,
            cost_terms(scenario)[1],
            held or Held(),
            best_seat(scenario),
        )

    def change(self, item_id: str, kind: str) -> float:
        """The price change in percent a booking of the item meets (its own and its kind's, compounded)."""
        return compound(self.pct.get(item_id, 0.0), self.pct.get(f"*{kind}", 0.0))

    def fare(self, flight: Flight, cabin: Cabin) -> int:
        """One seat, priced as a booking at the start of the run would be."""
        return adjust(
            pricing.fare_cents(flight, cabin, self.scenario.world.now), self.change(flight.id, "flight")
        )

    def flight_cost(self, flight: Flight, cabin: Cabin) -> int:
        """Fares for every traveller, priced as a booking at the start of the run would be."""
        return self.fare(flight, cabin) * self.scenario.constraints.travelers

    def stay_cost(self, hotel: Hotel, check_in: date, check_out: date) -> int:
        """The stay for every room, priced night by night as a booking would be."""
        rooms, pct = self.scenario.constraints.rooms, self.change(hotel.id, "hotel")
        if not pct:
            return pricing.stay_cents(hotel, check_in, check_out, rooms)
        nights = (check_out - check_in).days
        return rooms * sum(
            adjust(pricing.night_rate_cents(hotel, check_in + timedelta(days=d)), pct) for d in range(nights)
        )

    def leg_reject(self, leg: Leg, flight: Flight, cabin: Cabin, seats: int | None = None) -> str | None:
        """Why (flight, cabin) cannot fly ``leg`` (for ``seats`` travellers, default the party), or None."""
        c, s = self.scenario.constraints, self.scenario
        rule = c.cabin_rule_of(leg)
        if rule is not None:
            if cabin != self.ruled_cabin(leg, flight, c.travelers if seats is None else seats):
                return "cabin not allowed"
        elif cabin not in (leg.cabins or c.cabins):
            return "cabin not allowed"
        if flight.depart <= s.world.now:
            return "already departed"
        stops = [n for n in (c.max_stops, leg.max_stops, 0 if leg.nonstop else None) if n is not None]
        if stops and flight.stops > min(stops):
            return "too many stops"
        if (c.refundable_only or leg.refundable) and not flight.refundable:
            return "non-refundable"
        if flight.id in self.avoid or flight.airline in self.avoid:
            return "on the avoid list"
        if flight.airline in leg.airlines_avoid or (
            leg.airlines_only and flight.airline not in leg.airlines_only
        ):
            return "airline excluded"
        if flight.id in self.unavailable:
            return "unavailable (fault)"
        when = _in(flight.depart, leg.depart_after, leg.depart_before)
        if when:
            return f"departs too {when}"
        when = _in(flight.arrive, leg.arrive_after, leg.arrive_before)
        if when:
            return f"arrives too {when}"
        if leg.arrive_on is not None and flight.arrive.date() != leg.arrive_on:
            return "arrives on another day"
        if next_day_arrival(leg, flight):
            return "arrives the next day"
        if flight.seats[_CABIN_INDEX[cabin]] < (c.travelers if seats is None else seats):
            return "not enough seats"
        if c.calendar_free and any(
            flight.depart < e.end and e.start < flight.arrive for e in s.traveler.calendar
        ):
            return "clashes with the calendar"
        if any(flight.depart < k.arrive and k.depart < flight.arrive for k in self.held.flights):
            return "overlaps a flight the traveller keeps"
        return None

    def ruled_cabin(self, leg: Leg, flight: Flight, seats: int) -> Cabin | None:
        """The cabin ``leg``'s cabin rule asks for on ``flight`` for ``seats`` travellers (None: no rule)."""
        rule = self.scenario.constraints.cabin_rule_of(leg)
        if rule is None:
            return None
        fits = flight.seats[_CABIN_INDEX[rule.cabin]] >= seats
        return rule.pick(self.fare(flight, rule.cabin), self.fare(flight, rule.otherwise), fits)

    def hotel_reject(self, stay: Stay, hotel: Hotel) -> str | None:
        """Why a hotel cannot host ``stay`` (whatever its dates), or None."""
        c = self.scenario.constraints
        if hotel.rooms < c.rooms:
            return "not enough rooms"
        if (c.refundable_only or stay.refundable) and hotel.free_cancel_days < 0:
            return "non-refundable"
        if hotel.id in self.avoid:
            return "on the avoid list"
        if hotel.id in self.unavailable:
            return "unavailable (fault)"
        if stay.min_stars is not None and hotel.stars < stay.min_stars:
            return "too few stars"
        if stay.min_rating is not None and hotel.rating < stay.min_rating:
            return "rated too low"
        have = {a.casefold() for a in hotel.amenities}
        if any(a.casefold() not in have for a in stay.amenities):
            return "lacks an amenity"
        if stay.neighbourhood is not None and hotel.neighbourhood.casefold() != stay.neighbourhood.casefold():
            return "in another neighbourhood"
        return None

    def over_nightly(self, stay: Stay, cost: int, check_in: date, check_out: date) -> bool:
        """Whether a stay costing ``cost`` (every room) averages more than ``stay.max_nightly`` a room-night."""
        if stay.max_nightly is None:
            return False
        nights = (check_out - check_in).days * self.scenario.constraints.rooms
        return cost > round(stay.max_nightly * 100) * nights


class LocalDate:
    """``when``'s local date in a city's time zone (as ``TravelEnv.local_date`` computes it)."""

    def __init__(self, view: CatalogQueries):
        self.view = view

    def __call__(self, when: datetime, city: str) -> date:
        c = self.view.city(city)
        return when.astimezone(ZoneInfo(c.tz)).date() if c is not None else when.date()


def compound(old: float, pct: float) -> float:
    """Two price changes in percent, one after the other (as the fault injector compounds them)."""
    return round(((1 + old / 100) * (1 + pct / 100) - 1) * 100, 6)


def adjust(cents: int, pct: float) -> int:
    """``cents`` changed by ``pct`` percent, rounded to a cent (as ``env.adjust_cents`` does)."""
    return cents if not pct else max(0, round(cents * (100 + pct) / 100))


def _leg_text(leg: Leg, first: date, last: date) -> str:
    when = f"on {first}" if first == last else f"between {first} and {last}"
    return f"{leg.origin}->{leg.destination} {when}"


def nothing_meets(what: str, total: int, reasons: Counter[str]) -> str:
    """ "no <what>", or "no <what> meets the constraints (<counts by reason>)"."""
    if not total:
        return f"no {what}"
    parts = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"no {what} meets the constraints ({parts})"


def _option(rules: Rules, i: int, picks: list[tuple[Flight, Cabin, int]]) -> LegOption:
    """A leg option from (flight, cabin, passengers) picks; passengers 0 means the whole party."""
    s, party = rules.scenario, rules.scenario.constraints.travelers
    leg = i if s.constraints.split_ok else -1  # a split leg has two flights: name the leg of each
    choices, cost, score = [], 0, 0.0
    for flight, cabin, n in picks:
        choices.append(FlightChoice(flight.id, cabin, n, leg, rules.seat))
        cost += rules.fare(flight, cabin) * (n or party)
        score += (n / party if n else 1.0) * leg_score(s, i, flight, cabin, rules.seat)
    flights = tuple(f for f, _, _ in picks)
    first = min(flights, key=lambda f: f.depart)
    last = max(flights, key=lambda f: f.arrive)
    return LegOption(
        tuple(choices),
        flights,
        first.depart.timestamp(),
        last.arrive.timestamp(),
        last.arrive.date(),
        first.depart.date(),
        cost,
        score - rules.per_cent * cost,
    )


def leg_options(rules: Rules, view: CatalogQueries, i: int, leg: Leg) -> tuple[list[LegOption], str]:
    first, last = rules.scenario.constraints.leg_window(i)
    if first == last:
        flights = view.flights_on(leg.origin, leg.destination, first)
    else:
        flights = view.flights_between(leg.origin, leg.destination, first, last)
    reasons, options = Counter[str](), []
    for flight in flights:
        for cabin in CABINS:
            why = rules.leg_reject(leg, flight, cabin)
            if why is not None:
                if why != "cabin not allowed":
                    reasons[why] += 1
                continue
            options.append(_option(rules, i, [(flight, cabin, 0)]))
    if rules.scenario.constraints.split_ok:
        options += split_options(rules, i, leg, flights)
    options.sort(key=lambda o: (o.depart, o.choices))
    return options, nothing_meets(f"flight {_leg_text(leg, first, last)}", len(flights), reasons)


def split_options(rules: Rules, i: int, leg: Leg, flights: list[Flight]) -> list[LegOption]:
    """The party split over two different flights of the leg (``k`` travellers on the earlier one and the
    rest on the other), each flight meeting the leg's rules for its own passengers; both leave on the same
    local day and land on the same local day, so a stay that follows has one check-in date."""
    party = rules.scenario.constraints.travelers
    usable = [
        (f, cabin)
        for f in sorted(flights, key=lambda f: (f.depart, f.id))
        for cabin in CABINS
        if rules.leg_reject(leg, f, cabin, 1) is None
    ]
    out = []
    for a, (fa, ca) in enumerate(usable):
        for fb, cb in usable[a + 1 :]:
            if fb.id == fa.id or fb.depart.date() != fa.depart.date() or fb.arrive.date() != fa.arrive.date():
                continue
            for k in range(1, party):
                if (
                    rules.leg_reject(leg, fa, ca, k) is None
                    and rules.leg_reject(leg, fb, cb, party - k) is None
                ):
                    out.append(_option(rules, i, [(fa, ca, k), (fb, cb, party - k)]))
    return out


def next_day_arrival(leg: Leg, f: Flight) -> bool:
    """An ``arrive_before`` without ``arrive_on`` means the clock of the day the flight leaves: a flight
    landing on a later (local) day misses it, whatever its clock time (00:20 is not "by 18:00"). A
    scenario that allows the next day says so with ``arrive_on``."""
    return leg.arrive_before is not None and leg.arrive_on is None and f.arrive.date() > f.depart.date()
