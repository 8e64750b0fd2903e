"""Trips and plans: the legs and stays a request needs, and the ranked combinations that fill them.

``Trip`` is the shape of the journey (legs with their dates, hotel stays, travellers, rooms, cabin,
money). ``rank`` combines the flight options of every leg with the hotel options of every stay (a
stay checks in on the day its inbound flight lands and checks out on the day the next flight leaves),
drops what breaks a hard rule or the budget, and orders the rest by utility (ties: cheaper first).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from agents.models._scripted_options import FlightOpt, HotelOpt, Scorer

CONNECT = dt.timedelta(minutes=45)
KEEP_BEST, KEEP_CHEAP = 5, 3


@dataclass(frozen=True)
class Leg:
    origin: str
    destination: str
    date: dt.date
    #: the window's other days ("Thursday, or Friday if Thursday doesn't work"): searched too, any may fly
    more: tuple[dt.date, ...] = ()

    @property
    def days(self) -> tuple[dt.date, ...]:
        return (self.date, *self.more)


@dataclass(frozen=True)
class StaySpec:
    city: str
    after_leg: int
    nights: int | None = None  # for a stay after the last flight
    check_in: dt.date | None = None  # a stay no flight of the plan leads to (hotel only): its own nights
    check_out: dt.date | None = None


@dataclass
class Trip:
    legs: list[Leg]
    stays: list[StaySpec]
    pax: int
    rooms: int
    cabin: str
    cap: float | None  # the most the trip may cost, all in
    nightly_cap: float | None = None
    flights_cap: float | None = None  # the most the flights may cost together ("airfare under $500")
    #: each leg's own cabin where the legs differ ("business out, economy home"); empty: ``cabin`` for all
    leg_cabins: list[str] = field(default_factory=list)

    def cabin_for(self, leg: int) -> str:
        return self.leg_cabins[leg] if leg < len(self.leg_cabins) else self.cabin

    def stay_dates(self, j: int, flights: tuple[FlightOpt, ...] | list[FlightOpt]) -> tuple[dt.date, dt.date]:
        s = self.stays[j]
        if s.check_in is not None:
            return s.check_in, s.check_out or s.check_in + dt.timedelta(days=s.nights or 1)
        check_in = flights[s.after_leg].arrive.date()
        if s.after_leg + 1 < len(self.legs):
            nxt = flights[s.after_leg + 1] if s.after_leg + 1 < len(flights) else None
            return check_in, nxt.depart.date() if nxt else self.legs[s.after_leg + 1].date
        return check_in, check_in + dt.timedelta(days=s.nights or 1)


@dataclass(frozen=True)
class Plan:
    flights: tuple[FlightOpt, ...]
    hotels: tuple[HotelOpt, ...]
    utility: float
    total: float

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.flights) + tuple(
            f"{h.id}/{h.check_in}/{h.check_out}" for h in self.hotels
        )


@dataclass
class Ranking:
    plans: list[Plan] = field(default_factory=list)  # feasible, best first
    cheapest: Plan | None = None  # the cheapest combination ignoring the budget
    missing: list[tuple[int, dt.date, dt.date]] = field(default_factory=list)  # hotel searches still needed
    why_not: dict[str, str] = field(default_factory=dict)  # excluded option id -> reason


HotelLookup = Callable[[int, dt.date, dt.date], list[HotelOpt] | None]


T = TypeVar("T")


def _prune(scored: list[tuple[float, float, str, T]]) -> list[T]:
    """The best few options and the cheapest few (the rest cannot make a better plan in budget)."""
    best = sorted(scored, key=lambda t: (-t[0], t[1], t[2]))[:KEEP_BEST]
    cheap = sorted(scored, key=lambda t: (t[1], -t[0], t[2]))[:KEEP_CHEAP]
    seen: dict[str, T] = {}
    for t in best + cheap:
        seen.setdefault(t[2], t[3])
    return list(seen.values())


def rank(
    trip: Trip,
    scorer: Scorer,
    flights: list[list[FlightOpt]],
    hotels: HotelLookup,
    *,
    committed: float = 0.0,
    fixed_cost: float = 0.0,
    rejected: frozenset[tuple[str, ...]] = frozenset(),
    limit: int = 6,
) -> Ranking:
    """Feasible plans, best first. ``committed``: money already spent that stays spent (net of the
    refunds still to come); ``fixed_cost``: the part of a plan's total that is already paid."""
    out = Ranking()
    price = scorer.avoid.prices
    legs: list[list[FlightOpt]] = []
    scores: dict[str, float] = {}
    for i, options in enumerate(flights):
        ok: list[tuple[float, float, str, FlightOpt]] = []
        for f in options:
            problem = scorer.flight_problem(f, i)
            if problem:
                out.why_not[f.id] = problem
                continue
            scores[f.id] = scorer.flight_score(f, i)
            ok.append((scores[f.id], price.get(f.id, f.total), f.id, f))
        legs.append(_prune(ok))
    ref = trip.cap
    combos: list[tuple[float, float, tuple[FlightOpt, ...], tuple[HotelOpt, ...]]] = []
    for fl in itertools.product(*legs):
        if any(fl[i + 1].depart < fl[i].arrive + CONNECT for i in range(len(fl) - 1)):
            continue
        if (
            trip.flights_cap is not None
            and sum(price.get(f.id, f.total) for f in fl) > trip.flights_cap + 0.005
        ):
            continue  # the flights together cost more than their share
        nights = [trip.stay_dates(j, fl) for j in range(len(trip.stays))]
        if any(co <= ci for ci, co in nights):
            continue  # the next flight leaves the day this one lands: no night for the hotel
        stays: list[list[HotelOpt]] = []
        for j, (ci, co) in enumerate(nights):
            found = hotels(j, ci, co)
            if found is None:
                if (j, ci, co) not in out.missing:
                    out.missing.append((j, ci, co))
                stays.append([])
                continue
            hok: list[tuple[float, float, str, HotelOpt]] = []
            for h in found:
                problem = scorer.hotel_problem(h, trip.nightly_cap)
                if problem:
                    out.why_not[h.id] = problem
                    continue
                key = f"{h.id}/{h.check_in}"
                scores[key] = scorer.hotel_score(h)
                hok.append((scores[key], price.get(h.id, h.total), h.id, h))
            stays.append(_prune(hok))
        for hs in itertools.product(*stays):
            total = round(
                sum(price.get(f.id, f.total) for f in fl) + sum(price.get(h.id, h.total) for h in hs), 2
            )
            pref = sum(scores[f.id] for f in fl) + sum(scores[f"{h.id}/{h.check_in}"] for h in hs)
            combos.append((pref, total, fl, hs))
    if not combos:
        return out
    ref = ref or max(c[1] for c in combos)
    plans = [Plan(fl, hs, round(pref + scorer.money(total, ref), 6), total) for pref, total, fl, hs in combos]
    plans.sort(key=lambda p: (-p.utility, p.total, p.key))
    out.cheapest = min(plans, key=lambda p: (p.total, p.key))
    feasible = [
        p
        for p in plans
        if p.key not in rejected
        and (trip.cap is None or committed + p.total - fixed_cost <= trip.cap + 0.005)
    ]
    out.plans = feasible[: max(limit, 1)]
    return out
