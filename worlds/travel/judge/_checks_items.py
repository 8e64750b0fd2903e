"""Correctness checks for the legs and stays of a trip (``_checks`` assembles every check).

Bookings are matched in booking order: a leg takes the first unmatched flight on its route (with
``split_ok`` also the others on that route leaving the same day), a stay the first unmatched hotel in
its city. The expected hotel dates come from the constraints: a free-standing stay's own dates, or the
arrival day of its leg (``arrive_on`` when given) and the next leg's departure day, or ``nights`` later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sandbox.spi import Check
from worlds.travel.constraints import Leg, Stay
from worlds.travel.judge._cabin_rule import cabin_rule_ok, cabin_rule_problems
from worlds.travel.judge._oracle_rules import next_day_arrival
from worlds.travel.records import Flight
from worlds.travel.run import Booking, TravelEnv
from worlds.travel.scenario import TravelScenario

__all__ = ["Checks", "LegMatch", "confirmed", "leg_checks", "money", "stay_checks"]


def money(cents: float) -> str:
    return f"${cents / 100:,.2f}"


class Checks:
    def __init__(self) -> None:
        self.items: list[Check] = []

    def add(self, cid: str, name: str, passed: bool, ok: str, bad: str) -> None:
        self.items.append(Check(id=cid, name=name, passed=passed, detail=ok if passed else bad))


@dataclass
class LegMatch:
    """The bookings that fly one leg (one, or several with ``split_ok``) and their flights."""

    bookings: list[Booking]
    flights: list[Flight]

    @property
    def depart_day(self) -> date:
        return min(self.flights, key=lambda f: f.depart).depart.date()

    @property
    def arrive_day(self) -> date:
        return max(self.flights, key=lambda f: f.arrive).arrive.date()


def confirmed(env: TravelEnv, kind: str, skip: set[str]) -> list[Booking]:
    return sorted(
        (
            b
            for b in env.state.bookings.values()
            if b.kind == kind and b.status == "confirmed" and b.id not in skip
        ),
        key=lambda b: b.id,
    )


def _window(sc: TravelScenario, i: int, legs: list[LegMatch | None]) -> tuple[date, date]:
    """Leg ``i``'s allowed departure days; an offset counts from the day its leg was actually booked."""
    c, leg = sc.constraints, sc.constraints.legs[i]
    first, last = c.leg_window(i)
    base = legs[leg.offset.from_leg] if leg.offset is not None else None
    if leg.offset is not None and base is not None:
        day = base.depart_day + timedelta(days=leg.offset.days)
        own_first, own_last = leg.window()
        first, last = day, day
        if own_first is not None and own_last is not None and not own_first <= day <= own_last:
            first, last = max(own_first, day), min(own_last, day)  # an empty window: nothing fits
    return first, last


def _time_problems(leg: Leg, flights: list[Flight], arrive: bool) -> list[str]:
    lo, hi = (leg.arrive_after, leg.arrive_before) if arrive else (leg.depart_after, leg.depart_before)
    what = "lands" if arrive else "leaves"
    out = []
    for f in flights:
        t = (f.arrive if arrive else f.depart).time()
        if lo is not None and t < lo:
            out.append(f"{f.id} {what} at {t:%H:%M}, before {lo:%H:%M}")
        if hi is not None and t > hi:
            out.append(f"{f.id} {what} at {t:%H:%M}, after {hi:%H:%M}")
        if arrive and leg.arrive_on is not None and f.arrive.date() != leg.arrive_on:
            out.append(f"{f.id} lands on {f.arrive.date()}, not {leg.arrive_on}")
        elif arrive and next_day_arrival(leg, f):
            out.append(f"{f.id} lands on {f.arrive.date()}, the day after it leaves (by {hi:%H:%M} that day)")
    return out


def _leg_requirements(sc: TravelScenario, leg: Leg, b: Booking, f: Flight) -> list[str]:
    c = sc.constraints
    problems = []
    cabins = leg.cabins or c.cabins
    if c.cabin_rule_of(leg) is None and b.cabin not in cabins:  # a cabin rule is its own check
        problems.append(f"cabin {b.cabin} (allowed: {', '.join(cabins)})")
    stops = [n for n in (c.max_stops, leg.max_stops, 0 if leg.nonstop else None) if n is not None]
    if stops and f.stops > min(stops):
        problems.append(f"{f.stops} stop(s) (max {min(stops)})")
    if (c.refundable_only or leg.refundable) and not f.refundable:
        problems.append("non-refundable fare")
    if f.id in c.avoid or f.airline in c.avoid:
        problems.append(f"{f.id} is on the must-not-book list")
    if f.airline in leg.airlines_avoid or (leg.airlines_only and f.airline not in leg.airlines_only):
        problems.append(f"{f.id} is flown by {f.airline}, an airline the traveller rules out")
    return problems


def _match_leg(
    env: TravelEnv, sc: TravelScenario, leg: Leg, flights: list[Booking], used: set[str]
) -> LegMatch | None:
    hit: LegMatch | None = None
    for b in flights:
        f = env.view.flight(b.item_id)
        if b.id in used or f is None or (f.origin, f.destination) != (leg.origin, leg.destination):
            continue
        if hit is None:
            hit = LegMatch([b], [f])
            if not sc.constraints.split_ok:
                break
        elif f.depart.date() == hit.flights[0].depart.date():
            hit.bookings.append(b)
            hit.flights.append(f)
    return hit


def leg_checks(
    sc: TravelScenario, env: TravelEnv, flights: list[Booking], out: Checks
) -> list[LegMatch | None]:
    """Match each required leg to booked flights and check them; returns the match per leg (None: missing)."""
    c = sc.constraints
    used: set[str] = set()
    matched: list[LegMatch | None] = []
    for i, leg in enumerate(c.legs):
        hit = _match_leg(env, sc, leg, flights, used)
        matched.append(hit)
        route = f"leg {i + 1} {leg.origin}->{leg.destination}"
        ids = ", ".join(b.id for b in hit.bookings) if hit else ""
        out.add(
            "leg.route",
            f"route: {route}",
            hit is not None,
            f"{route} is booked ({ids})",
            f"no booked flight for {route}",
        )
        if hit is None:
            continue
        used.update(b.id for b in hit.bookings)
        day = hit.depart_day
        first, last = _window(sc, i, matched)
        want = str(first) if first == last else f"{first}..{last}"
        days_ok = all(first <= f.depart.date() <= last for f in hit.flights)
        out.add(
            "leg.date",
            f"dates: {route}",
            days_ok,
            f"{route} departs {day} as asked",
            f"{route} departs {day}, expected {want}",
        )
        if leg.arrive_on is not None or leg.arrive_after is not None or leg.arrive_before is not None:
            problems = _time_problems(leg, hit.flights, arrive=True)
            out.add(
                "leg.arrive",
                f"arrival: {route}",
                not problems,
                f"{route} lands when asked",
                "; ".join(problems),
            )
        if leg.depart_after is not None or leg.depart_before is not None:
            problems = _time_problems(leg, hit.flights, arrive=False)
            out.add(
                "leg.times",
                f"departure time: {route}",
                not problems,
                f"{route} leaves when asked",
                "; ".join(problems),
            )
        booked = list(zip(hit.bookings, hit.flights, strict=True))
        problems_or_none = cabin_rule_problems(sc, leg, booked)
        if problems_or_none is not None:
            out.add(
                "leg.cabin_rule",
                f"cabin rule: {route}",
                not problems_or_none,
                f"{route}: {cabin_rule_ok(sc, leg, booked)}" if not problems_or_none else "",
                f"{route}: {'; '.join(problems_or_none)}",
            )
        pax = sum(b.passengers or 0 for b in hit.bookings)
        out.add(
            "leg.party",
            f"travellers: {route}",
            pax == c.travelers,
            f"{route} is for {c.travelers} traveller(s)",
            f"{route} is booked for {pax} traveller(s), expected {c.travelers}",
        )
        problems = [
            p
            for b, f in zip(hit.bookings, hit.flights, strict=True)
            for p in _leg_requirements(sc, leg, b, f)
        ]
        out.add(
            "leg.requirements",
            f"requirements: {route}",
            not problems,
            f"{route} meets the hard requirements",
            f"{route}: {'; '.join(problems)}",
        )
    return matched


def _expected_dates(
    sc: TravelScenario, stay: Stay, legs: list[LegMatch | None]
) -> tuple[date | None, date | None]:
    """The check-in and check-out the constraints fix for ``stay`` (None where they depend on a missing flight)."""
    own = stay.dates()
    if own is not None:
        return own
    assert stay.after_leg is not None
    c = sc.constraints
    arrive = legs[stay.after_leg]
    check_in = c.legs[stay.after_leg].arrive_on or (arrive.arrive_day if arrive else None)
    nxt = stay.after_leg + 1
    if nxt < len(c.legs) and stay.aligned:
        depart = legs[nxt]
        fixed = c.legs[nxt].date if c.legs[nxt].offset is None else None
        return check_in, depart.depart_day if depart else fixed
    return check_in, check_in + timedelta(days=stay.nights or 0) if check_in else None


def _stay_requirements(sc: TravelScenario, stay: Stay, env: TravelEnv, b: Booking) -> list[str]:
    c, h = sc.constraints, env.view.hotel(b.item_id)
    problems = []
    if b.item_id in c.avoid:
        problems.append(f"{b.item_id} is on the must-not-book list")
    if (c.refundable_only or stay.refundable) and not b.terms.refundable:
        problems.append(f"{b.item_id} is non-refundable")
    if h is not None:
        if stay.min_stars is not None and h.stars < stay.min_stars:
            problems.append(f"{h.stars} stars (at least {stay.min_stars} asked)")
        if stay.min_rating is not None and h.rating < stay.min_rating:
            problems.append(f"rated {h.rating:.1f} (at least {stay.min_rating:g} asked)")
        have = {a.casefold() for a in h.amenities}
        missing = [a for a in stay.amenities if a.casefold() not in have]
        if missing:
            problems.append(f"no {', '.join(missing)}")
        if stay.neighbourhood is not None and h.neighbourhood.casefold() != stay.neighbourhood.casefold():
            problems.append(f"in {h.neighbourhood}, not {stay.neighbourhood}")
    nights = (b.check_out - b.check_in).days if b.check_in and b.check_out else 0
    if stay.max_nightly is not None and nights and b.rooms:
        nightly = b.price_cents / (nights * b.rooms)
        if nightly > round(stay.max_nightly * 100):
            problems.append(f"{money(nightly)} a room-night (at most {money(stay.max_nightly * 100)} asked)")
    return problems


def stay_checks(
    sc: TravelScenario, env: TravelEnv, hotels: list[Booking], legs: list[LegMatch | None], out: Checks
) -> list[Booking]:
    c = sc.constraints
    used: list[Booking] = []
    for i, stay in enumerate(c.stays):
        check_in, check_out = _expected_dates(sc, stay, legs)
        cands = [
            b
            for b in hotels
            if b not in used and (h := env.view.hotel(b.item_id)) is not None and h.city == stay.city
        ]
        hit = cands[0] if cands else None
        label = f"stay {i + 1} in {stay.city}"
        out.add(
            "stay.city",
            f"hotel: {label}",
            hit is not None,
            f"{label} is booked ({hit.id if hit else ''})",
            f"no hotel booked in {stay.city}",
        )
        if hit is None:
            continue
        used.append(hit)
        aligned = (
            check_in is not None
            and check_out is not None
            and (hit.check_in, hit.check_out) == (check_in, check_out)
        )
        if stay.nights is not None and hit.check_in and hit.check_out:
            aligned = aligned and (hit.check_out - hit.check_in).days == stay.nights
        source = "as asked" if stay.check_in is not None else "aligned with the flights"
        out.add(
            "stay.dates",
            f"nights: {label}",
            aligned,
            f"{label} runs {hit.check_in}..{hit.check_out}, {source}",
            f"{label} runs {hit.check_in}..{hit.check_out}, but the {'flights need' if stay.check_in is None else 'request asks for'} {check_in}..{check_out}"
            + (f" ({stay.nights} night(s))" if stay.nights else ""),
        )
        out.add(
            "stay.rooms",
            f"rooms: {label}",
            hit.rooms == c.rooms,
            f"{label} has {c.rooms} room(s)",
            f"{label} has {hit.rooms} room(s), expected {c.rooms}",
        )
        problems = _stay_requirements(sc, stay, env, hit)
        out.add(
            "stay.requirements",
            f"requirements: {label}",
            not problems,
            f"{label} meets the hard requirements",
            f"{label}: {'; '.join(problems)}",
        )
    return used
