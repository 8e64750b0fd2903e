"""The oracle's search: depth-first over legs, then stays, counting every feasible itinerary and keeping
the best few. Used by ``oracle``.

Legs are sorted by departure, so the connection rule (the next flight leaves at least an hour after the
previous one lands, in UTC) is one bisection, and a leg that departs a fixed number of days after an
earlier one (``offset``) is one range of its options. A leg whose cheapest completion breaks the budget
is cut. A trip without legs (hotel only) goes straight to its stays.

A stay's dates come from its legs (check in on the arrival day, check out on the next leg's departure
day, or after ``nights``) or are its own (free-standing). Stays that must follow the flights are checked
against them as the run's nights-alignment rule checks a booking (``nights_problems``) when they do not
follow a leg by construction (free-standing stays, or a trip with kept flights). Hotel candidates depend
only on ``(stay, check_in, check_out)`` and are cached; the stays of one set of dates are combined into
one list of every hotel combination (up to ``COMBINE_LIMIT``), counted by bisection over its costs and
ranked best-first, stopping as soon as nothing left can enter the top.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter

from worlds.travel.constraints import Stay
from worlds.travel.judge._oracle_rules import CatalogQueries, LegOption, LocalDate, Rules, nothing_meets
from worlds.travel.judge.preferences import FlightChoice, Itinerary, StayChoice, stay_score
from worlds.travel.run import nights_problems

TOP_N = 5
TIE_EPS = 1e-9
MIN_CONNECTION_S = 3600
COMBINE_LIMIT = 4096  # most hotel combinations kept in one list; more stays are enumerated one by one

Combo = tuple[int, float, tuple[str, ...]]  # (cost, utility share, hotel ids)
_share = itemgetter(1)
TopKey = tuple[float, int, tuple[FlightChoice, ...], tuple[StayChoice, ...]]


@dataclass(frozen=True, slots=True)
class StayOptions:
    """Hotel choices for one stay, or every combination for consecutive stays, on fixed dates."""

    by_cost: list[Combo]  # cheapest first
    costs: list[int]
    groups: list[tuple[float, list[int], list[Combo]]]  # by utility share, best first; each cheapest first

    @classmethod
    def of(cls, combos: list[Combo]) -> StayOptions:
        by_cost = sorted(combos)  # by cost, then share and ids: deterministic
        by_share = sorted(by_cost, key=_share, reverse=True)  # stable: cheapest first within a share
        groups = []
        for share, group in groupby(by_share, key=_share):
            members = list(group)
            groups.append((share, [m[0] for m in members], members))
        return cls(by_cost, [t[0] for t in by_cost], groups)

    def then(self, other: StayOptions) -> StayOptions:
        """Every combination of a hotel here followed by a choice of ``other``."""
        return StayOptions.of(
            [(a[0] + b[0], a[1] + b[1], a[2] + b[2]) for a in self.by_cost for b in other.by_cost]
        )


@dataclass(frozen=True, slots=True)
class StayPlan:
    """The stays for one set of dates: leading stays enumerated one by one, the rest combined."""

    dates: tuple[tuple[date, date], ...]  # (check_in, check_out) per stay
    nested: list[StayOptions]
    last: StayOptions
    rest: list[int]  # rest[j]: the cheapest completion from nested stay j on


class Search:
    """Depth-first over legs (connection rule by bisection), then stays; counts, ranks and keeps the top."""

    def __init__(
        self, rules: Rules, view: CatalogQueries, legs: list[list[LegOption]], budget: int | None, rank: bool
    ):
        self.rules, self.view, self.legs, self.rank = rules, view, legs, rank
        c = rules.scenario.constraints
        self.stays = c.stays
        self.offsets = [leg.offset for leg in c.legs]
        self.budget: float = math.inf if budget is None else budget
        self.departs = [[o.depart for o in opts] for opts in legs]
        self.days: list[dict[date, tuple[int, int]]] = []  # per leg: departure day -> its options' range
        for opts in legs:
            days: dict[date, tuple[int, int]] = {}
            for k, o in enumerate(opts):
                lo, _ = days.get(o.depart_day, (k, k))
                days[o.depart_day] = (lo, k + 1)
            self.days.append(days)
        self.min_rest = [0] * (len(legs) + 1)
        for i in range(len(legs) - 1, -1, -1):
            self.min_rest[i] = self.min_rest[i + 1] + min(o.cost for o in legs[i])
        unaligned = c.unaligned_cities()
        self.align = [
            stay.city not in unaligned and (stay.after_leg is None or bool(rules.held.flights))
            for stay in self.stays
        ]
        self.local_date = LocalDate(view)
        self.hotels: dict[tuple[int, date, date], StayOptions] = {}
        self.plans: dict[tuple[tuple[date, date], ...], StayPlan | None] = {}
        self.stay_note: str | None = None
        self.feasible = 0
        self.cheapest: int | None = None
        self.best = -math.inf
        self.ties = 0
        self.top: list[tuple[TopKey, Itinerary]] = []

    def run(self) -> Search:
        if self.legs:
            self._leg(0, -math.inf, 0, 0.0, [])
        elif self.stays:
            self._stays([], 0, 0.0)
        return self

    def _threshold(self) -> float:
        return -self.top[-1][0][0] - TIE_EPS if len(self.top) >= TOP_N else -math.inf

    def _leg(self, i: int, prev_arrive: float, cost: int, score: float, path: list[LegOption]) -> None:
        opts, last, rest = self.legs[i], i == len(self.legs) - 1, self.min_rest[i + 1]
        start = bisect_left(self.departs[i], prev_arrive + MIN_CONNECTION_S) if i else 0
        end = len(opts)
        offset = self.offsets[i]
        if offset is not None:
            day = path[offset.from_leg].depart_day + timedelta(days=offset.days)
            lo, end = self.days[i].get(day, (0, 0))
            start = max(start, lo)
        for k in range(start, end):
            o = opts[k]
            total = cost + o.cost
            if total + rest > self.budget:
                continue
            path.append(o)
            if not last:
                self._leg(i + 1, o.arrive, total, score + o.score, path)
            elif self.stays:
                self._stays(path, total, score + o.score)
            else:
                self._count(1, total)
                if self.rank and score + o.score >= self._threshold():
                    self._tie(score + o.score, 1)
                    self._offer(total, score + o.score, path, None, ())
            path.pop()

    def _count(self, n: int, cheapest: int) -> None:
        self.feasible += n
        if self.cheapest is None or cheapest < self.cheapest:
            self.cheapest = cheapest

    def _tie(self, score: float, n: int) -> None:
        """``n`` feasible itineraries of utility ``score``: track the best and how many share it."""
        if score > self.best + TIE_EPS:
            self.best, self.ties = score, n
        elif score >= self.best - TIE_EPS:
            self.best, self.ties = max(self.best, score), self.ties + n

    def _offer(
        self,
        total: int,
        score: float,
        legs: Sequence[LegOption],
        plan: StayPlan | None,
        hotels: tuple[str, ...],
    ) -> bool:
        """Put one itinerary into the top if it belongs there; False if it does not (nor, then, would any
        other of the same utility that costs more)."""
        rounded = -round(score, 9)
        if len(self.top) >= TOP_N and (rounded, total) > self.top[-1][0][:2]:
            return False
        flights = tuple(choice for o in legs for choice in o.choices)
        stays = (
            tuple(StayChoice(h, i, o) for h, (i, o) in zip(hotels, plan.dates, strict=True)) if plan else ()
        )
        insort(self.top, ((rounded, total, flights, stays), Itinerary(flights, stays, total)))
        del self.top[TOP_N:]
        return True

    def _stays(self, legs: list[LegOption], cost: int, score: float) -> None:
        dates: list[tuple[date, date]] = []
        for j, stay in enumerate(self.stays):
            span = self._dates(stay, legs)
            if span is None:
                return
            if self.align[j]:
                flights = [f for o in legs for f in o.flights] + list(self.rules.held.flights)
                problems = nights_problems(stay.city, *span, flights, self.local_date)
                if problems:
                    self.stay_note = self.stay_note or (
                        f"the stay in {stay.city} from {span[0]} to {span[1]} does not match the flights: "
                        + "; ".join(problems)
                    )
                    return
            dates.append(span)
        key = tuple(dates)
        if key in self.plans:
            plan = self.plans[key]
        else:
            plan = self.plans[key] = self._plan(key)
        if plan is not None:
            self._stay(0, plan, cost, score, legs, ())

    def _dates(self, stay: Stay, legs: list[LegOption]) -> tuple[date, date] | None:
        """The stay's (check_in, check_out) with these flights, or None (and a note) when it has none."""
        own = stay.dates()
        if own is not None:
            return own
        assert stay.after_leg is not None
        check_in, nxt = legs[stay.after_leg].arrive_day, stay.after_leg + 1
        if nxt < len(legs) and stay.aligned:
            check_out = legs[nxt].depart_day
            if (
                stay.nights is not None
                and check_out > check_in
                and (check_out - check_in).days != stay.nights
            ):
                self.stay_note = self.stay_note or (
                    f"the stay in {stay.city} from {check_in} to {check_out} is not {stay.nights} night(s)"
                )
                return None
        else:
            check_out = check_in + timedelta(days=stay.nights or 0)
        if check_out <= check_in:
            self.stay_note = self.stay_note or (
                f"the stay in {stay.city} from {check_in} would have no nights (the next flight leaves that day)"
            )
            return None
        return check_in, check_out

    def _plan(self, dates: tuple[tuple[date, date], ...]) -> StayPlan | None:
        singles = [self._hotels(j, *span) for j, span in enumerate(dates)]
        if any(not options.costs for options in singles):
            return None
        j, last = len(singles) - 1, singles[-1]
        while j > 0 and len(last.costs) * len(singles[j - 1].costs) <= COMBINE_LIMIT:
            j, last = j - 1, singles[j - 1].then(last)
        rest = [0] * j + [last.costs[0]]
        for k in range(j - 1, -1, -1):
            rest[k] = rest[k + 1] + singles[k].costs[0]
        return StayPlan(dates, singles[:j], last, rest)

    def _stay(
        self, j: int, plan: StayPlan, cost: int, score: float, legs: list[LegOption], chosen: tuple[str, ...]
    ) -> None:
        remaining = self.budget - cost
        if j < len(plan.nested):
            for c, s, ids in plan.nested[j].by_cost:
                if c + plan.rest[j + 1] > remaining:
                    break
                self._stay(j + 1, plan, cost + c, score + s, legs, chosen + ids)
            return
        last = plan.last
        n = bisect_right(last.costs, remaining)
        if not n:
            return
        self._count(n, cost + last.costs[0])
        if not self.rank:
            return
        threshold = self._threshold()
        for share, costs, combos in last.groups:
            if score + share < threshold:
                break
            n = bisect_right(costs, remaining)
            if not n:
                continue
            self._tie(score + share, n)
            for k in range(n):
                c, _, ids = combos[k]
                if not self._offer(cost + c, score + share, legs, plan, chosen + ids):
                    break
            threshold = self._threshold()

    def _hotels(self, j: int, check_in: date, check_out: date) -> StayOptions:
        key = (j, check_in, check_out)
        cached = self.hotels.get(key)
        if cached is not None:
            return cached
        rules, stay = self.rules, self.stays[j]
        city = stay.city
        hotels, reasons = self.view.hotels_in(city), Counter[str]()
        found: list[Combo] = []
        for hotel in hotels:
            why = rules.hotel_reject(stay, hotel)
            if why is not None:
                reasons[why] += 1
                continue
            cost = rules.stay_cost(hotel, check_in, check_out)
            if rules.over_nightly(stay, cost, check_in, check_out):
                reasons["over the nightly cap"] += 1
                continue
            found.append((cost, stay_score(rules.scenario, hotel) - rules.per_cent * cost, (hotel.id,)))
        if not found and self.stay_note is None:
            self.stay_note = nothing_meets(
                f"hotel in {city} from {check_in} to {check_out}", len(hotels), reasons
            )
        options = self.hotels[key] = StayOptions.of(found)
        return options
