"""The oracle: every feasible itinerary of a scenario, and the best one by preference utility.

Feasible means meeting every hard constraint (``TravelScenario.constraints``) over the scenario's catalog
view at the start of a run: each leg's route and date (or window), allowed cabins, stops, refundability,
the avoid list, seats for every traveller, no clash with the traveller's calendar, not yet departed, at
least 60 minutes between landing and the next departure; each stay in a hotel of the stay's city with
enough rooms every night; and the whole within the budget. Items a ``sold_out`` or ``stale`` fault targets
count as unavailable; ``price_change`` targets are priced with the change.

Candidates are pruned per leg and per stay before anything is combined, stays are cached per
``(city, check_in, check_out)``, and the last stay is counted by bisection and ranked best-first, so the
search stays well under a second even on the ``large`` catalog. ``check`` turns the result (and the
scenario's references to catalog ids) into validator findings; it lives in ``oracle_check``.
"""

from __future__ import annotations

import math
import time
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from worlds.travel import pricing
from worlds.travel.preferences import (
    FlightChoice,
    Itinerary,
    StayChoice,
    budget_cents,
    cost_terms,
    leg_score,
    stay_score,
    utility,
)
from worlds.travel.records import CABINS, Cabin, City, Flight, Hotel
from worlds.travel.scenario import Leg, TravelScenario

if TYPE_CHECKING:
    from sandbox.world import Finding
    from worlds.travel.records import Airline

__all__ = ["CatalogQueries", "OracleResult", "check", "solve"]

TOP_N = 5
TIE_EPS = 1e-9
MIN_CONNECTION_S = 3600
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


@dataclass(frozen=True)
class OracleResult:
    """What the oracle found. ``top`` holds the best ``TOP_N`` itineraries with their utilities."""

    feasible: int
    best: Itinerary | None
    best_utility: float
    ties: int
    top: list[tuple[Itinerary, float]]
    seconds: float
    budget_cents: int | None = None
    cheapest_cents: int | None = (
        None  # the cheapest feasible total; with nothing feasible, ignoring the budget
    )
    reason: str | None = None  # why nothing is feasible


@dataclass(frozen=True, slots=True)
class _LegOption:
    choice: FlightChoice
    depart: float  # UTC timestamps, for the connection rule
    arrive: float
    arrive_day: date  # local
    depart_day: date  # local
    cost: int
    score: float


@dataclass(frozen=True, slots=True)
class _StayOptions:
    by_cost: list[tuple[int, float, str]]  # (cost, score, hotel id), cheapest first
    costs: list[int]
    by_score: list[tuple[int, float, str]]  # best score first


@dataclass
class _Rules:
    """The scenario's hard constraints, resolved once."""

    scenario: TravelScenario
    avoid: frozenset[str]
    unavailable: frozenset[str]
    pct: dict[str, float]  # item id -> price change in percent (price_change faults)
    per_cent: float

    @classmethod
    def of(cls, scenario: TravelScenario) -> _Rules:
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
        fare = _adjust(
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
            _adjust(pricing.night_rate_cents(hotel, check_in + timedelta(days=d)), pct) for d in range(nights)
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


def _adjust(cents: int, pct: float) -> int:
    """``cents`` changed by ``pct`` percent, rounded to a cent (as ``env.adjust_cents`` does)."""
    return cents if not pct else max(0, round(cents * (100 + pct) / 100))


def _leg_text(leg: Leg) -> str:
    when = f"on {leg.date}" if leg.date else f"between {leg.earliest} and {leg.latest}"
    return f"{leg.origin}->{leg.destination} {when}"


def _why(what: str, total: int, reasons: Counter[str]) -> str:
    if not total:
        return f"no {what}"
    parts = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"no {what} meets the constraints ({parts})"


def _leg_options(rules: _Rules, view: CatalogQueries, i: int, leg: Leg) -> tuple[list[_LegOption], str]:
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
                _LegOption(
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
    return options, _why(f"flight {_leg_text(leg)}", len(flights), reasons)


class _Search:
    """Depth-first over legs (connection rule by bisection), then stays; counts, ranks and keeps the top."""

    def __init__(
        self,
        rules: _Rules,
        view: CatalogQueries,
        legs: list[list[_LegOption]],
        budget: int | None,
        rank: bool,
    ):
        self.rules, self.view, self.legs, self.rank = rules, view, legs, rank
        self.stays = rules.scenario.constraints.stays
        self.budget: float = math.inf if budget is None else budget
        self.departs = [[o.depart for o in opts] for opts in legs]
        self.min_rest = [0] * (len(legs) + 1)
        for i in range(len(legs) - 1, -1, -1):
            self.min_rest[i] = self.min_rest[i + 1] + min(o.cost for o in legs[i])
        self.cache: dict[tuple[str, date, date], _StayOptions] = {}
        self.stay_note: str | None = None
        self.feasible = 0
        self.cheapest: int | None = None
        self.best = -math.inf
        self.ties = 0
        self.top: list[
            tuple[tuple[float, int, tuple[FlightChoice, ...], tuple[StayChoice, ...]], Itinerary]
        ] = []

    def run(self) -> _Search:
        self._leg(0, -math.inf, 0, 0.0, [])
        return self

    def _threshold(self) -> float:
        return -self.top[-1][0][0] - TIE_EPS if len(self.top) >= TOP_N else -math.inf

    def _leg(self, i: int, prev_arrive: float, cost: int, score: float, path: list[_LegOption]) -> None:
        opts, last, rest = self.legs[i], i == len(self.legs) - 1, self.min_rest[i + 1]
        start = bisect_left(self.departs[i], prev_arrive + MIN_CONNECTION_S) if i else 0
        for k in range(start, len(opts)):
            o = opts[k]
            total = cost + o.cost
            if total + rest > self.budget:
                continue
            path.append(o)
            if not last:
                self._leg(i + 1, o.arrive, total, score + o.score, path)
            elif self.stays:
                self._plan_stays(path, total, score + o.score)
            else:
                self._found(total, score + o.score, path, ())
            path.pop()

    def _found(
        self, total: int, score: float, legs: Sequence[_LegOption], stays: Sequence[StayChoice]
    ) -> None:
        """One feasible itinerary that is not counted by bisection."""
        self.feasible += 1
        if self.cheapest is None or total < self.cheapest:
            self.cheapest = total
        if self.rank:
            self._rank(total, score, legs, stays)

    def _rank(
        self, total: int, score: float, legs: Sequence[_LegOption], stays: Sequence[StayChoice]
    ) -> None:
        if score > self.best + TIE_EPS:
            self.best, self.ties = score, 1
        elif score >= self.best - TIE_EPS:
            self.best, self.ties = max(self.best, score), self.ties + 1
        if score < self._threshold():
            return
        flights, booked = tuple(o.choice for o in legs), tuple(stays)
        insort(self.top, ((-round(score, 9), total, flights, booked), Itinerary(flights, booked, total)))
        del self.top[TOP_N:]

    def _plan_stays(self, legs: list[_LegOption], cost: int, score: float) -> None:
        plan: list[tuple[_StayOptions, date, date]] = []
        for stay in self.stays:
            check_in = legs[stay.after_leg].arrive_day
            nxt = stay.after_leg + 1
            check_out = (
                legs[nxt].depart_day if nxt < len(legs) else check_in + timedelta(days=stay.nights or 0)
            )
            if check_out <= check_in:
                self.stay_note = self.stay_note or (
                    f"the stay in {stay.city} from {check_in} would have no nights (the next flight leaves that day)"
                )
                return
            options = self._stay_options(stay.city, check_in, check_out)
            if not options.costs:
                return
            plan.append((options, check_in, check_out))
        rest = [0] * (len(plan) + 1)
        for j in range(len(plan) - 1, -1, -1):
            rest[j] = rest[j + 1] + plan[j][0].costs[0]
        self._stay(0, plan, rest, cost, score, legs, [])

    def _stay(
        self,
        j: int,
        plan: list[tuple[_StayOptions, date, date]],
        rest: list[int],
        cost: int,
        score: float,
        legs: list[_LegOption],
        chosen: list[StayChoice],
    ) -> None:
        options, check_in, check_out = plan[j]
        remaining = self.budget - cost
        if j < len(plan) - 1:
            for c, s, hotel_id in options.by_cost:
                if c + rest[j + 1] > remaining:
                    break
                chosen.append(StayChoice(hotel_id, check_in, check_out))
                self._stay(j + 1, plan, rest, cost + c, score + s, legs, chosen)
                chosen.pop()
            return
        n = bisect_right(options.costs, remaining)
        if not n:
            return
        self.feasible += n
        if self.cheapest is None or cost + options.costs[0] < self.cheapest:
            self.cheapest = cost + options.costs[0]
        if not self.rank:
            return
        for c, s, hotel_id in options.by_score:
            if score + s < self._threshold():
                break
            if c <= remaining:
                self._rank(cost + c, score + s, legs, [*chosen, StayChoice(hotel_id, check_in, check_out)])

    def _stay_options(self, city: str, check_in: date, check_out: date) -> _StayOptions:
        key = (city, check_in, check_out)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        rules = self.rules
        hotels, reasons, found = self.view.hotels_in(city), Counter[str](), []
        for hotel in hotels:
            why = rules.hotel_reject(hotel)
            if why is not None:
                reasons[why] += 1
                continue
            cost = rules.stay_cost(hotel, check_in, check_out)
            found.append((cost, stay_score(rules.scenario, hotel) - rules.per_cent * cost, hotel.id))
        if not found and self.stay_note is None:
            self.stay_note = _why(f"hotel in {city} from {check_in} to {check_out}", len(hotels), reasons)
        found.sort(key=lambda t: (t[0], t[2]))
        options = _StayOptions(found, [t[0] for t in found], sorted(found, key=lambda t: (-t[1], t[0], t[2])))
        self.cache[key] = options
        return options


def _money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def solve(scenario: TravelScenario, view: CatalogQueries) -> OracleResult:
    """Count the feasible itineraries and find the best by ``preferences.utility``."""
    started = time.perf_counter()
    budget = budget_cents(scenario)

    def result(
        search: _Search | None = None, reason: str | None = None, cheapest: int | None = None
    ) -> OracleResult:
        top: list[tuple[Itinerary, float]] = []
        if search is not None:
            top = [(it, utility(it, scenario, view)) for _, it in search.top]
            top.sort(key=lambda t: (-round(t[1], 9), t[0].sort_key()))
        best, best_u = top[0] if top else (None, 0.0)
        feasible, ties = (search.feasible, search.ties) if search is not None else (0, 0)
        cheapest = cheapest if search is None or search.feasible == 0 else search.cheapest
        return OracleResult(
            feasible, best, best_u, ties, top, time.perf_counter() - started, budget, cheapest, reason
        )

    c = scenario.constraints
    if not c.legs:
        return result(reason="nothing to book")
    rules = _Rules.of(scenario)
    legs: list[list[_LegOption]] = []
    for i, leg in enumerate(c.legs):
        options, why = _leg_options(rules, view, i, leg)
        if not options:
            return result(reason=why)
        legs.append(options)
    search = _Search(rules, view, legs, budget, rank=True).run()
    if search.feasible:
        return result(search)
    if budget is not None:
        free = _Search(rules, view, legs, None, rank=False).run()
        if free.feasible and free.cheapest is not None:
            why = f"cheapest feasible total {_money(free.cheapest)} exceeds budget {_money(budget)}"
            return result(search, why, free.cheapest)
    return result(
        search,
        search.stay_note
        or "no flights connect (each must leave at least 60 minutes after the previous one lands)",
    )


def check(scenario: TravelScenario, view: CatalogQueries) -> list[Finding]:
    """Validator findings: ids the scenario names that do not exist, and whether the expected outcome is
    possible (a booking needs a feasible itinerary, a refusal needs none). See ``oracle_check``."""
    from worlds.travel.oracle_check import findings

    return findings(scenario, view)
