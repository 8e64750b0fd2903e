"""The oracle against a plain brute-force enumeration on a tiny real catalog, over Hypothesis-drawn
constraints, preferences, calendars, budgets and faults: same feasible count, same best utility.

The draws cover the declarative constraints too (time windows, arrival day, stops, cabins and
airlines per leg, offsets, parties split over two flights; stars, rating, amenities, neighbourhood,
nightly caps per stay; free-standing and hotel-only stays, aligned with the flights or not) and the
``seat`` and ``review`` preferences. The brute force reads the constraints its own, plain way."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise, product
from typing import Any
from unittest.mock import patch
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worlds.travel.catalog import CatalogView, fare_cents, get_catalog, night_rate_cents
from worlds.travel.judge import _oracle_search, solve
from worlds.travel.judge.preferences import FlightChoice, Itinerary, StayChoice, budget_cents, utility
from worlds.travel.records import CABINS, Flight, Hotel
from worlds.travel.run.env import adjust_cents
from worlds.travel.scenario import CatalogSize, Stay, TravelScenario

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


AIRLINE_CODES = {a.name.casefold(): a.code for a in CATALOG.airlines()} | {
    a.code.casefold(): a.code for a in CATALOG.airlines()
}


def _clock_ok(t: dt.datetime, after: dt.time | None, before: dt.time | None) -> bool:
    return (after is None or t.time() >= after) and (before is None or t.time() <= before)


def _aligned(city: str, into: dt.date, out: dt.date, flights: list[Flight]) -> bool:
    """The nights-alignment rule, read plainly: the last flight into the city landing before check-out
    lands on check-in day; the first flight out after it (or after check-in day) leaves on check-out day."""
    ordered = sorted(flights, key=lambda f: f.depart)
    inbound = [f for f in ordered if f.destination == city and f.arrive.date() < out]
    if inbound and inbound[-1].arrive.date() != into:
        return False
    if inbound:
        outbound = [f for f in ordered if f.origin == city and f.depart > inbound[-1].arrive]
    else:
        outbound = [f for f in ordered if f.origin == city and f.depart.date() > into]
    return not outbound or outbound[0].depart.date() == out


def _brute(s: TravelScenario, view: CatalogView) -> list[float]:
    """The utility of every feasible itinerary."""
    c, now = s.constraints, s.world.now
    gone = {f.target for f in s.faults if f.kind in ("sold_out", "stale")}
    pct: dict[str, float] = {}
    for f in s.faults:
        if f.kind == "price_change" and f.target:
            pct[f.target] = ((1 + pct.get(f.target, 0.0) / 100) * (1 + f.pct / 100) - 1) * 100
    seats = {}
    for p in s.preferences:
        if p.kind == "seat":
            seats[p.value] = seats.get(p.value, 0.0) + p.weight
    seat = sorted(seats, key=lambda v: (-seats[v], v))[0] if seats else ""

    def flight_ok(i: int, f: Flight, cabin: str, n: int) -> bool:
        leg = c.legs[i]
        clash = any(f.depart < e.end and e.start < f.arrive for e in s.traveler.calendar)
        limits = [x for x in (c.max_stops, leg.max_stops) if x is not None] + ([0] if leg.nonstop else [])
        avoid = {AIRLINE_CODES[a.casefold()] for a in leg.airlines_avoid}
        only = {AIRLINE_CODES[a.casefold()] for a in leg.airlines_only}
        return (
            cabin in (leg.cabins or c.cabins)
            and f.depart > now
            and (not limits or f.stops <= min(limits))
            and (f.refundable or not (c.refundable_only or leg.refundable))
            and not {f.id, f.airline} & set(c.avoid)
            and f.airline not in avoid
            and (not only or f.airline in only)
            and f.id not in gone
            and _clock_ok(f.depart, leg.depart_after, leg.depart_before)
            and _clock_ok(f.arrive, leg.arrive_after, leg.arrive_before)
            and (leg.arrive_on is None or f.arrive.date() == leg.arrive_on)
            # "by HH:MM" without a day: that clock on the day the flight leaves, not the next day
            and (leg.arrive_before is None or leg.arrive_on is not None or f.arrive.date() <= f.depart.date())
            and f.seats[CABINS.index(cabin)] >= n  # type: ignore[arg-type]
            and not (c.calendar_free and clash)
        )

    def hotel_ok(stay: Stay, h: Hotel, into: dt.date, out: dt.date, cost: int) -> bool:
        refundable = h.free_cancel_days >= 0 or not (c.refundable_only or stay.refundable)
        cap = stay.max_nightly
        return (
            h.rooms >= c.rooms
            and refundable
            and h.id not in c.avoid
            and h.id not in gone
            and (stay.min_stars is None or h.stars >= stay.min_stars)
            and (stay.min_rating is None or h.rating >= stay.min_rating)
            and all(a in h.amenities for a in stay.amenities)
            and (stay.neighbourhood is None or h.neighbourhood == stay.neighbourhood)
            and (cap is None or cost <= round(cap * 100) * (out - into).days * c.rooms)
        )

    def fare(f: Flight, cab: str) -> int:
        return adjust_cents(fare_cents(f, cab, now), pct.get(f.id, 0.0))  # type: ignore[arg-type]

    per_leg: list[list[tuple[tuple[Flight, str, int], ...]]] = []
    for i, leg in enumerate(c.legs):
        first, last = (leg.date, leg.date) if leg.date else (leg.earliest, leg.latest)
        if first is None or last is None:  # an offset alone: any day, the offset decides below
            first, last = CATALOG.info.start, CATALOG.info.end
        flights = view.flights_between(leg.origin, leg.destination, first, last)
        options: list[tuple[tuple[Flight, str, int], ...]] = [
            ((f, cab, 0),) for f in flights for cab in CABINS if flight_ok(i, f, cab, c.travelers)
        ]
        if c.split_ok:
            pairs = set()
            for fa, fb in product(flights, flights):
                if (
                    fa.id == fb.id
                    or fa.depart.date() != fb.depart.date()
                    or fa.arrive.date() != fb.arrive.date()
                ):
                    continue
                for ca, cb in product(CABINS, CABINS):
                    for k in range(1, c.travelers):
                        if flight_ok(i, fa, ca, k) and flight_ok(i, fb, cb, c.travelers - k):
                            pairs.add(frozenset({(fa.id, ca, k), (fb.id, cb, c.travelers - k)}))
            by_id = {f.id: f for f in flights}
            options += [tuple((by_id[fid], cab, k) for fid, cab, k in sorted(pair)) for pair in pairs]
        per_leg.append(options)
    budget = budget_cents(s)
    unaligned = {st.city for st in c.stays if not st.aligned}
    found: list[float] = []
    for legs in product(*per_leg):
        spans = [(min(f.depart for f, _, _ in o), max(f.arrive for f, _, _ in o)) for o in legs]
        if any(b[0] - a[1] < dt.timedelta(minutes=60) for a, b in pairwise(spans)):
            continue
        if any(
            leg.offset is not None
            and spans[i][0].date()
            != spans[leg.offset.from_leg][0].date() + dt.timedelta(days=leg.offset.days)
            for i, leg in enumerate(c.legs)
        ):
            continue
        flown = [f for o in legs for f, _, _ in o]
        dates = []
        for stay in c.stays:
            if stay.check_in is not None:
                into = stay.check_in
                out = stay.check_out or into + dt.timedelta(days=stay.nights or 0)
            else:
                assert stay.after_leg is not None
                into, nxt = spans[stay.after_leg][1].date(), stay.after_leg + 1
                if nxt < len(legs) and stay.aligned:
                    out = spans[nxt][0].date()
                    if stay.nights is not None and (out - into).days != stay.nights:
                        out = into  # not the nights asked for: infeasible
                else:
                    out = into + dt.timedelta(days=stay.nights or 0)
            dates.append((into, out))
        if any(out <= into for into, out in dates):
            continue
        if any(
            st.aligned
            and st.city not in unaligned
            and st.check_in is not None
            and not _aligned(st.city, *span, flown)
            for st, span in zip(c.stays, dates, strict=True)
        ):
            continue
        fares = sum(fare(f, cab) * (k or c.travelers) for o in legs for f, cab, k in o)
        choices = []
        for stay, (into, out) in zip(c.stays, dates, strict=True):
            nights = [into + dt.timedelta(days=d) for d in range((out - into).days)]
            priced = [
                (h, c.rooms * sum(adjust_cents(night_rate_cents(h, n), pct.get(h.id, 0.0)) for n in nights))
                for h in view.hotels_in(stay.city)
            ]
            choices.append([(h, cost) for h, cost in priced if hotel_ok(stay, h, into, out, cost)])
        for hotels in product(*choices):
            total = fares + sum(cost for _, cost in hotels)
            if budget is not None and total > budget:
                continue
            itin = Itinerary(
                tuple(
                    FlightChoice(f.id, cab, k, i if c.split_ok else -1, seat)  # type: ignore[arg-type]
                    for i, o in enumerate(legs)
                    for f, cab, k in o
                ),
                tuple(StayChoice(h.id, i, o) for (h, _), (i, o) in zip(hotels, dates, strict=True)),
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


def _base(draw: st.DrawFn) -> dict[str, Any]:
    """A scenario in the original language (fixed dates or windows, stays after legs)."""
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
    return data


@st.composite
def scenarios(draw: st.DrawFn) -> TravelScenario:
    return TravelScenario.model_validate(_base(draw))


NAMES = st.sampled_from(["AX", "BQ", "KV", "NP", "SO", "MV", "Aurora Air", "nimbus pacific", "Solstice"])


def _red_eyes() -> list[dict[str, Any]]:
    """A late flight on every route on days 1 and 3, landing the next day (few seats, so parties split):
    the arrival day differs from the departure day only on flights like these."""
    out = []
    for n, (a, b) in enumerate((a, b) for a in CITIES for b in CITIES if a != b):
        for day in (1, 3):
            origin, dest = CATALOG.city(a), CATALOG.city(b)
            assert origin is not None and dest is not None
            depart = dt.datetime.combine(START + dt.timedelta(days=day), dt.time(23, 0), ZoneInfo(origin.tz))
            arrive = (depart + dt.timedelta(hours=3 + n % 3)).astimezone(ZoneInfo(dest.tz))
            out.append(
                {
                    "id": f"MV{900 + n}-{depart.date()}",
                    "origin": a,
                    "destination": b,
                    "depart": depart.isoformat(),
                    "arrive": arrive.isoformat(),
                    "stops": n % 2,
                    "fares": {"economy": 150 + 40 * n, "business": 900},
                    "seats": {"economy": 2, "business": 1},
                    "refundable": n % 2 == 0,
                }
            )
    return out


RED_EYES = _red_eyes()


@st.composite
def scenarios_v2(draw: st.DrawFn) -> TravelScenario:
    """The original draws plus the declarative constraints, free-standing stays, offsets and splits."""
    data = _base(draw)
    data["world"]["overrides"] = {"flights": RED_EYES}
    c = data["constraints"]
    if draw(st.integers(0, 3)):  # mostly fewer budget and calendar limits, so the new constraints decide
        c["max_total"], c["avoid"], c["calendar_free"] = None, [], False
        data["traveler"]["budget"] = draw(st.sampled_from([None, 6000, 12000]))
    if draw(st.integers(0, 5)) == 0:  # hotel-only
        c["legs"], c["stays"] = [], []
    for i, leg in enumerate(c["legs"]):
        for extra in draw(st.lists(st.sampled_from(sorted(LEG_EXTRAS)), max_size=2, unique=True)):
            leg.update(LEG_EXTRAS[extra](draw, leg))
        if i and draw(st.integers(0, 2)) == 0:  # an offset from the previous leg instead of its own date
            leg.pop("date", None), leg.pop("earliest", None), leg.pop("latest", None)
            leg["offset"] = {"from_leg": i - 1, "days": draw(st.integers(0, 3))}
    for stay in c["stays"]:
        _stay_extras(draw, stay)
        if stay["after_leg"] + 1 < len(c["legs"]) and draw(st.integers(0, 3)) == 0:
            stay["nights"] = draw(st.integers(1, 3))  # must then match the flights, or not follow them
            stay["aligned"] = draw(st.booleans())
    free = draw(st.sampled_from([0, 0, 1])) if c["legs"] else draw(st.integers(1, 2))
    for _ in range(free):
        stay = {
            "city": draw(st.sampled_from(CITIES)),
            "check_in": (START + dt.timedelta(days=draw(st.integers(0, 4)))).isoformat(),
            "nights": draw(st.integers(1, 3)),
            "aligned": draw(st.booleans()),
        }
        _stay_extras(draw, stay)
        c["stays"].append(stay)
    c["split_ok"] = draw(st.integers(0, 2)) == 0
    data["preferences"] += draw(
        st.lists(
            st.one_of(
                st.builds(dict, kind=st.just("seat"), value=st.sampled_from(["aisle", "window"])),
                st.builds(
                    dict,
                    kind=st.just("review"),
                    topic=st.sampled_from(["quiet", "clean", "location", "staff"]),
                ),
            ).map(lambda p: {**p, "weight": 1.0}),
            max_size=2,
        )
    )
    return TravelScenario.model_validate(data)


def _window(draw: st.DrawFn, first: str, second: str) -> dict[str, Any]:
    """After a time, before a time, or both (inclusive, local)."""
    form = draw(st.sampled_from(["after", "before", "both"]))
    out = {}
    if form != "before":
        out[first] = draw(st.sampled_from(["05:00", "08:00", "11:30"]))
    if form != "after":
        out[second] = draw(st.sampled_from(["12:00", "19:00", "23:30"]))
    return out


def _arrive_on(draw: st.DrawFn, leg: dict[str, Any]) -> dict[str, Any]:
    day = leg.get("date") or leg["earliest"]
    return {
        "arrive_on": (dt.date.fromisoformat(day) + dt.timedelta(days=draw(st.integers(0, 1)))).isoformat()
    }


#: One draw per kind of leg constraint; a leg gets up to two of them.
LEG_EXTRAS = {
    "depart": lambda draw, leg: _window(draw, "depart_after", "depart_before"),
    "arrive": lambda draw, leg: _window(draw, "arrive_after", "arrive_before"),
    "arrive_on": _arrive_on,
    "nonstop": lambda draw, leg: {"nonstop": True},
    "max_stops": lambda draw, leg: {"max_stops": draw(st.integers(0, 1))},
    "cabins": lambda draw, leg: {"cabins": draw(st.sampled_from([["economy"], ["premium", "business"]]))},
    "avoid": lambda draw, leg: {"airlines_avoid": draw(st.lists(NAMES, min_size=1, max_size=2))},
    "only": lambda draw, leg: {
        "airlines_only": draw(st.sampled_from([["AX", "NP"], ["Kestrel Airlines", "BQ"]]))
    },
    "refundable": lambda draw, leg: {"refundable": True},
}
STAY_EXTRAS = {
    "min_stars": lambda draw: {"min_stars": draw(st.integers(2, 4))},
    "min_rating": lambda draw: {"min_rating": draw(st.sampled_from([5.5, 7.0]))},
    "amenities": lambda draw: {
        "amenities": draw(st.sampled_from([["wifi"], ["breakfast"], ["gym", "parking"]]))
    },
    "neighbourhood": lambda draw: {"neighbourhood": draw(st.sampled_from(["Chelsea", "Downtown", "SoMa"]))},
    "max_nightly": lambda draw: {"max_nightly": draw(st.sampled_from([300.0, 500.0, 800.0]))},
    "refundable": lambda draw: {"refundable": True},
}


def _stay_extras(draw: st.DrawFn, stay: dict[str, Any]) -> None:
    for extra in draw(st.lists(st.sampled_from(sorted(STAY_EXTRAS)), max_size=2, unique=True)):
        stay.update(STAY_EXTRAS[extra](draw))


def _matches(s: TravelScenario) -> None:
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


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_oracle_matches_brute_force(s: TravelScenario) -> None:
    _matches(s)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios_v2())
def test_oracle_matches_brute_force_on_declarative_constraints(s: TravelScenario) -> None:
    _matches(s)
