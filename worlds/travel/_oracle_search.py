"""The oracle's search: depth-first over legs, then stays, counting every feasible itinerary and keeping
the best few. Private to ``worlds.travel.oracle``.

Legs are sorted by departure, so the connection rule (the next flight leaves at least an hour after the
previous one lands, in UTC) is one bisection. A leg whose cheapest completion breaks the budget is cut.
Stay candidates depend only on ``(city, check_in, check_out)`` and are cached; the last stay is counted
by bisection over its costs and ranked best-first, stopping as soon as nothing left can enter the top.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from worlds.travel._oracle_rules import CatalogQueries, LegOption, Rules, nothing_meets
from worlds.travel.preferences import FlightChoice, Itinerary, StayChoice, stay_score

TOP_N = 5
TIE_EPS = 1e-9
MIN_CONNECTION_S = 3600


@dataclass(frozen=True, slots=True)
class StayOptions:
    """The hotels that can host one stay on given dates, by cost and by utility share."""

    by_cost: list[tuple[int, float, str]]  # (cost, score, hotel id), cheapest first
    costs: list[int]
    by_score: list[tuple[int, float, str]]  # best score first


class Search:
    """Depth-first over legs (connection rule by bisection), then stays; counts, ranks and keeps the top."""

    def __init__(
        self,
        rules: Rules,
        view: CatalogQueries,
        legs: list[list[LegOption]],
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
        self.cache: dict[tuple[str, date, date], StayOptions] = {}
        self.stay_note: str | None = None
        self.feasible = 0
        self.cheapest: int | None = None
        self.best = -math.inf
        self.ties = 0
        self.top: list[
            tuple[tuple[float, int, tuple[FlightChoice, ...], tuple[StayChoice, ...]], Itinerary]
        ] = []

    def run(self) -> Search:
        self._leg(0, -math.inf, 0, 0.0, [])
        return self

    def _threshold(self) -> float:
        return -self.top[-1][0][0] - TIE_EPS if len(self.top) >= TOP_N else -math.inf

    def _leg(self, i: int, prev_arrive: float, cost: int, score: float, path: list[LegOption]) -> None:
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
        self, total: int, score: float, legs: Sequence[LegOption], stays: Sequence[StayChoice]
    ) -> None:
        """One feasible itinerary that is not counted by bisection."""
        self.feasible += 1
        if self.cheapest is None or total < self.cheapest:
            self.cheapest = total
        if self.rank:
            self._rank(total, score, legs, stays)

    def _rank(self, total: int, score: float, legs: Sequence[LegOption], stays: Sequence[StayChoice]) -> None:
        if score > self.best + TIE_EPS:
            self.best, self.ties = score, 1
        elif score >= self.best - TIE_EPS:
            self.best, self.ties = max(self.best, score), self.ties + 1
        if score < self._threshold():
            return
        flights, booked = tuple(o.choice for o in legs), tuple(stays)
        insort(self.top, ((-round(score, 9), total, flights, booked), Itinerary(flights, booked, total)))
        del self.top[TOP_N:]

    def _plan_stays(self, legs: list[LegOption], cost: int, score: float) -> None:
        plan: list[tuple[StayOptions, date, date]] = []
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
        plan: list[tuple[StayOptions, date, date]],
        rest: list[int],
        cost: int,
        score: float,
        legs: list[LegOption],
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

    def _stay_options(self, city: str, check_in: date, check_out: date) -> StayOptions:
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
            self.stay_note = nothing_meets(
                f"hotel in {city} from {check_in} to {check_out}", len(hotels), reasons
            )
        found.sort(key=lambda t: (t[0], t[2]))
        options = StayOptions(found, [t[0] for t in found], sorted(found, key=lambda t: (-t[1], t[0], t[2])))
        self.cache[key] = options
        return options
