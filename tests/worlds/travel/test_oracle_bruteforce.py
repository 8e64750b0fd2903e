"""The oracle against a plain brute-force enumeration on a tiny real catalog, over Hypothesis-drawn
constraints, preferences, calendars, budgets and faults: same feasible count, same best utility."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise, product
from typing import Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worlds.travel.catalog import CatalogView, fare_cents, get_catalog, night_rate_cents
from worlds.travel.judge import _oracle_search, solve
from worlds.travel.judge.preferences import FlightChoice, Itinerary, StayChoice, budget_cents, utility
from worlds.travel.records import CABINS, Flight, Hotel
from worlds.travel.run.env import adjust_cents
from worlds.travel.scenario import CatalogSize, TravelScenario

TINY = CatalogSize(cities=3, days=6, flights_per_route_day=2.5, hotels_per_city=3)
CATALOG = get_catalog(7, TINY)
CITIES = [c.code for c in CATALOG.cities()]
FLIGHT_IDS = sorted(
    f.id
    for a in CITIES
    for b in CITIES
    if a != b
    for f in CATALOG.flights_between(a, b, CATALOG.info.start, CATALOG.info.end)
)
HOTEL_IDS = sorted(h.id for c in CITIES for h in CATALOG.hotels_in(c))
START = CATALOG.info.start


def _brute(s: TravelScenario, view: CatalogView) -> list[float]:
    """The utility of every feasible itinerary."""
    c, now = s.constraints, s.world.now
    gone = {f.target for f in s.faults if f.kind in ("sold_out", "stale")}
    pct: dict[str, float] = {}
    for f in s.faults:
        if f.kind == "price_change" and f.target:
            pct[f.target] = ((1 + pct.get(f.target, 0.0) / 100) * (1 + f.pct / 100) - 1) * 100

    def flight_ok(f: Flight, cabin: str) -> bool:
        clash = any(f.depart < e.end and e.start < f.arrive for e in s.traveler.calendar)
        return (
            cabin in c.cabins
            and f.depart > now
            and (c.max_stops is None or f.stops <= c.max_stops)
            and (f.refundable or not c.refundable_only)
            and not {f.id, f.airline} & set(c.avoid)
            and f.id not in gone
            and f.seats[CABINS.index(cabin)] >= c.travelers  # type: ignore[arg-type]
            and not (c.calendar_free and clash)
        )

    def hotel_ok(h: Hotel) -> bool:
        refundable = h.free_cancel_days >= 0 or not c.refundable_only
        return h.rooms >= c.rooms and refundable and h.id not in c.avoid and h.id not in gone

    per_leg = []
    for leg in c.legs:
        first, last = (leg.date, leg.date) if leg.date else (leg.earliest, leg.latest)
        assert first is not None and last is not None
        flights = view.flights_between(leg.origin, leg.destination, first, last)
        per_leg.append([(f, cab) for f in flights for cab in CABINS if flight_ok(f, cab)])
    budget = budget_cents(s)
    found: list[float] = []
    for legs in product(*per_leg):
        if any(b.depart - a.arrive < dt.timedelta(minutes=60) for (a, _), (b, _) in pairwise(legs)):
            continue
        dates = []
        for stay in c.stays:
            check_in = legs[stay.after_leg][0].arrive.date()
            nxt = stay.after_leg + 1
            check_out = (
                legs[nxt][0].depart.date()
                if nxt < len(legs)
                else check_in + dt.timedelta(days=stay.nights or 0)
            )
            dates.append((check_in, check_out))
        if any(out <= into for into, out in dates):
            continue
        fares = sum(
            adjust_cents(fare_cents(f, cab, now), pct.get(f.id, 0.0)) * c.travelers for f, cab in legs
        )
        choices = [[h for h in view.hotels_in(stay.city) if hotel_ok(h)] for stay in c.stays]
        for hotels in product(*choices):
            total = fares
            for h, (into, out) in zip(hotels, dates, strict=True):
                nights = [into + dt.timedelta(days=d) for d in range((out - into).days)]
                total += c.rooms * sum(
                    adjust_cents(night_rate_cents(h, n), pct.get(h.id, 0.0)) for n in nights
                )
            if budget is not None and total > budget:
                continue
            itin = Itinerary(
                tuple(FlightChoice(f.id, cab) for f, cab in legs),
                tuple(StayChoice(h.id, i, o) for h, (i, o) in zip(hotels, dates, strict=True)),
                total,
            )
            found.append(utility(itin, s, view))
    return found


def _leg(a: str, b: str, day: int, span: int) -> dict[str, Any]:
    first = START + dt.timedelta(days=day)
    if span == 0:
        return {"origin": a, "destination": b, "date": first.isoformat()}
    return {
        "origin": a,
        "destination": b,
        "earliest": first.isoformat(),
        "latest": (first + dt.timedelta(days=span)).isoformat(),
    }


@st.composite
def scenarios(draw: st.DrawFn) -> TravelScenario:
    a, b, x = draw(st.permutations(CITIES))
    shape = draw(st.sampled_from(["one-way", "round-trip", "triangle"]))
    route = {"one-way": [(a, b)], "round-trip": [(a, b), (b, a)], "triangle": [(a, b), (b, x), (x, a)]}[shape]
    span_max = 1 if shape == "triangle" else 2
    legs, day = [], draw(st.integers(0, 1))
    for o, d in route:
        span = draw(st.integers(0, span_max))
        legs.append(_leg(o, d, min(day, 5), span))
        day += draw(st.integers(0, 2)) + span
    stays = []
    for i, (_, d) in enumerate(route):
        if draw(st.booleans()):
            stays.append(
                {
                    "city": d,
                    "after_leg": i,
                    "nights": draw(st.integers(1, 3)) if i == len(route) - 1 else None,
                }
            )
    item_ids = st.sampled_from(FLIGHT_IDS + HOTEL_IDS)
    prefs = draw(
        st.lists(
            st.one_of(
                st.builds(dict, kind=st.sampled_from(["nonstop", "refundable", "cheaper"])),
                st.builds(
                    dict, kind=st.just("airline"), value=st.sampled_from(["AX", "BQ", "KV", "NP", "SO", "MV"])
                ),
                st.builds(
                    dict,
                    kind=st.sampled_from(["depart_window", "arrive_window"]),
                    start=st.sampled_from(["06:00", "12:00", "20:00"]),
                    end=st.sampled_from(["09:00", "14:00", "23:00"]),
                    leg=st.sampled_from([None, 0, 1]),
                ),
                st.builds(dict, kind=st.just("hotel_stars"), min=st.integers(1, 5)),
                st.builds(dict, kind=st.just("hotel_rating"), min=st.sampled_from([5.0, 7.0, 8.5])),
                st.builds(
                    dict, kind=st.just("amenity"), value=st.sampled_from(["gym", "pool", "wifi", "spa"])
                ),
                st.builds(dict, kind=st.just("cabin"), value=st.sampled_from(CABINS)),
            ).map(lambda p: {**p, "weight": 1.0}),
            max_size=5,
        )
    )
    for p in prefs:
        p["weight"] = draw(st.sampled_from([0.5, 1.0, 2.0]))
    now = dt.datetime.combine(START, dt.time(), dt.UTC) + dt.timedelta(hours=draw(st.integers(0, 30)))
    events = [
        {
            "title": "busy",
            "start": (s := now + dt.timedelta(hours=h)).isoformat(),
            "end": (s + dt.timedelta(hours=4)).isoformat(),
        }
        for h in draw(st.lists(st.integers(0, 140), max_size=2))
    ]
    faults = [
        {"tool": "book_*", "kind": kind, "target": target, "pct": 15.0}
        for kind, target in draw(
            st.lists(st.tuples(st.sampled_from(["sold_out", "stale", "price_change"]), item_ids), max_size=3)
        )
    ]
    data = {
        "id": "brute",
        "title": "brute",
        "request": "r",
        "expect": {"outcome": "booked"},
        "world": {"seed": 7, "size": TINY.model_dump(), "now": now.isoformat()},
        "traveler": {
            "name": "Ada",
            "home": a,
            "budget": draw(st.sampled_from([None, 600, 1500, 3000, 6000, 12000])),
            "calendar": events,
        },
        "constraints": {
            "legs": legs,
            "stays": [{k: v for k, v in stay.items() if v is not None} for stay in stays],
            "travelers": draw(st.integers(1, 3)),
            "rooms": draw(st.integers(1, 2)),
            "cabins": draw(st.lists(st.sampled_from(CABINS), min_size=1, max_size=3, unique=True)),
            "max_total": draw(st.sampled_from([None, None, 1200, 4000])),
            "max_stops": draw(st.sampled_from([None, 0, 1])),
            "refundable_only": draw(st.sampled_from([False, False, True])),
            "avoid": draw(
                st.lists(st.sampled_from(["AX", "BQ", "KV", "NP", "SO", "MV"]) | item_ids, max_size=3)
            ),
            "calendar_free": draw(st.booleans()),
        },
        "preferences": prefs,
        "faults": faults,
    }
    return TravelScenario.model_validate(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_oracle_matches_brute_force(s: TravelScenario) -> None:
    view = CatalogView(CATALOG, s.world.overrides)
    result = solve(s, view)
    found = _brute(s, view)
    feasible = len(found)
    assert result.feasible == feasible
    if feasible:
        best = max(found)
        assert result.best is not None
        assert abs(result.best_utility - best) < 1e-9
        assert abs(utility(result.best, s, view) - result.best_utility) < 1e-12
        assert result.ties == sum(u >= best - 1e-9 for u in found)
        assert [round(u, 9) for _, u in result.top] == sorted((round(u, 9) for u in found), reverse=True)[:5]
    else:
        assert result.best is None and result.reason
    with patch.object(_oracle_search, "COMBINE_LIMIT", 1):  # every stay enumerated one by one
        nested = solve(s, view)
    assert (nested.feasible, nested.ties, nested.top) == (result.feasible, result.ties, result.top)
