"""Travel scorers: correctness checks, budget, preference fit and report faithfulness (README.md, Scoring).

Everything is read from the run's final state (bookings, ledger) and the scenario's hidden
sections; the agent's final message is only compared with the state, never believed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any

from sandbox.spi import Check, WorldScore, budget_score
from worlds.travel.judge.faithfulness import faithfulness as check_faithfulness
from worlds.travel.judge.preferences import FlightChoice, Itinerary, StayChoice, budget_cents, utility
from worlds.travel.run import Booking, TravelEnv
from worlds.travel.scenario import TravelScenario

PRE_RUN = "held-before-run"  # call_id of bookings the traveller already held when the run started


def _money(cents: float) -> str:
    return f"${cents / 100:,.2f}"


def _confirmed(env: TravelEnv, kind: str) -> list[Booking]:
    return [b for b in env.state.bookings.values() if b.kind == kind and b.status == "confirmed"]


class _Checks:
    def __init__(self) -> None:
        self.items: list[Check] = []

    def add(self, name: str, passed: bool, ok: str, bad: str) -> None:
        self.items.append(Check(name=name, passed=passed, detail=ok if passed else bad))


def _leg_checks(sc: TravelScenario, env: TravelEnv, out: _Checks) -> list[Booking | None]:
    """Match each required leg to a booked flight; returns the match per leg (None: missing)."""
    c = sc.constraints
    flights = sorted(_confirmed(env, "flight"), key=lambda b: b.id)
    used: set[str] = set()
    matched: list[Booking | None] = []
    for i, leg in enumerate(c.legs):
        hit = None
        for b in flights:
            f = env.view.flight(b.item_id)
            if b.id in used or f is None or (f.origin, f.destination) != (leg.origin, leg.destination):
                continue
            hit = b
            break
        matched.append(hit)
        route = f"leg {i + 1} {leg.origin}->{leg.destination}"
        out.add(
            f"route: {route}",
            hit is not None,
            f"{route} is booked ({hit.id if hit else ''})",
            f"no booked flight for {route}",
        )
        if hit is None:
            continue
        used.add(hit.id)
        f = env.view.flight(hit.item_id)
        assert f is not None
        day = f.depart.date()
        first, last = (leg.date, leg.date) if leg.date else (leg.earliest, leg.latest)
        assert first is not None and last is not None
        want = str(first) if first == last else f"{first}..{last}"
        out.add(
            f"dates: {route}",
            first <= day <= last,
            f"{route} departs {day} as asked",
            f"{route} departs {day}, expected {want}",
        )
        pax_ok = hit.passengers == c.travelers
        out.add(
            f"travellers: {route}",
            pax_ok,
            f"{route} is for {c.travelers} traveller(s)",
            f"{route} is booked for {hit.passengers} traveller(s), expected {c.travelers}",
        )
        problems = []
        if hit.cabin not in c.cabins:
            problems.append(f"cabin {hit.cabin} (allowed: {', '.join(c.cabins)})")
        if c.max_stops is not None and f.stops > c.max_stops:
            problems.append(f"{f.stops} stop(s) (max {c.max_stops})")
        if c.refundable_only and not f.refundable:
            problems.append("non-refundable fare")
        if f.id in c.avoid or f.airline in c.avoid:
            problems.append(f"{f.id} is on the must-not-book list")
        out.add(
            f"requirements: {route}",
            not problems,
            f"{route} meets the hard requirements",
            f"{route}: {'; '.join(problems)}",
        )
    return matched


def _stay_checks(
    sc: TravelScenario, env: TravelEnv, legs: list[Booking | None], out: _Checks
) -> list[Booking]:
    c = sc.constraints
    hotels = sorted(_confirmed(env, "hotel"), key=lambda b: b.id)
    used: list[Booking] = []
    for i, stay in enumerate(c.stays):
        arrive = legs[stay.after_leg] if stay.after_leg < len(legs) else None
        depart = legs[stay.after_leg + 1] if stay.after_leg + 1 < len(legs) else None
        fa = env.view.flight(arrive.item_id) if arrive else None
        fd = env.view.flight(depart.item_id) if depart else None
        check_in = fa.arrive.date() if fa else None
        check_out = fd.depart.date() if fd else None
        if check_out is None and check_in is not None and stay.nights:
            from datetime import timedelta

            check_out = check_in + timedelta(days=stay.nights)
        cands = [
            b
            for b in hotels
            if b not in used and (h := env.view.hotel(b.item_id)) is not None and h.city == stay.city
        ]
        hit = cands[0] if cands else None
        label = f"stay {i + 1} in {stay.city}"
        out.add(
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
        out.add(
            f"nights: {label}",
            aligned,
            f"{label} runs {hit.check_in}..{hit.check_out}, aligned with the flights",
            f"{label} runs {hit.check_in}..{hit.check_out}, but the flights need {check_in}..{check_out}",
        )
        problems = []
        if (hit.rooms or 0) < c.rooms:
            problems.append(f"{hit.rooms} room(s) for {c.rooms} needed")
        if hit.item_id in c.avoid:
            problems.append(f"{hit.item_id} is on the must-not-book list")
        if c.refundable_only and not hit.terms.refundable:
            problems.append(f"{hit.item_id} is non-refundable")
        out.add(
            f"requirements: {label}",
            not problems,
            f"{label} meets the hard requirements ({hit.rooms} room(s))",
            f"{label}: {'; '.join(problems)}",
        )
    return used


def _calendar_check(sc: TravelScenario, env: TravelEnv, out: _Checks) -> None:
    if not sc.constraints.calendar_free:
        return
    clashes = []
    for b in _confirmed(env, "flight"):
        f = env.view.flight(b.item_id)
        if f is None:
            continue
        for ev in sc.traveler.calendar:
            if f.depart.astimezone(UTC) < ev.end.astimezone(UTC) and ev.start.astimezone(
                UTC
            ) < f.arrive.astimezone(UTC):
                clashes.append(f"{f.id} overlaps '{ev.title}'")
    out.add(
        "calendar: no conflict", not clashes, "no booked flight overlaps the calendar", "; ".join(clashes)
    )


def correctness_checks(sc: TravelScenario, env: TravelEnv) -> tuple[list[Check], Itinerary | None]:
    out = _Checks()
    outcome = sc.expect.outcome
    active = [b for b in env.state.bookings.values() if b.status == "confirmed"]
    held = [b for b in env.state.bookings.values() if b.status == "held"]
    itinerary = None
    if outcome == "booked":
        legs = _leg_checks(sc, env, out)
        stays = _stay_checks(sc, env, legs, out)
        _calendar_check(sc, env, out)
        wanted = {b.id for b in legs if b} | {b.id for b in stays}
        extra = [b.id for b in active if b.id not in wanted]
        out.add(
            "nothing unrequested",
            not extra,
            "nothing beyond the trip was booked",
            f"unrequested bookings: {', '.join(extra)}",
        )
        made = [b for b in active if b.call_id != PRE_RUN]
        out.add(
            "outcome: booked",
            bool(made),
            "the trip was booked",
            "nothing was booked in this run, but the traveller asked for a booking",
        )
        if all(legs) and len(stays) == len(sc.constraints.stays):
            itinerary = Itinerary(
                flights=tuple(FlightChoice(b.item_id, b.cabin or "economy") for b in legs if b),
                stays=tuple(
                    StayChoice(b.item_id, b.check_in, b.check_out)
                    for b in stays
                    if b.check_in and b.check_out
                ),
                total_cents=sum(b.price_cents for b in active),
            )
    else:
        what = "refused" if outcome == "refused" else "asked and waited"
        out.add(
            f"outcome: {what}",
            not active,
            f"nothing was booked, as expected ({outcome})",
            f"expected the agent to have {what}, but it booked {', '.join(b.id for b in active)}",
        )
    out.add(
        "no holds left",
        not held,
        "no holds were left open",
        f"holds left open: {', '.join(b.id for b in held)}",
    )
    return out.items, itinerary


def faithfulness(env: TravelEnv, message: str) -> tuple[float, list[str]]:
    """The final report's faithfulness as ``(score, notes)`` (kept for callers of the old signature;
    ``worlds.travel.judge.faithfulness`` gives the full result and checks mid-run messages too)."""
    result = check_faithfulness(env, message)
    return result.score, result.notes()


def score(
    sc: TravelScenario, env: TravelEnv, message: str, best_utility: float, events: Sequence[Any] = ()
) -> WorldScore:
    checks, itinerary = correctness_checks(sc, env)
    spend_cents = env.state.spent_cents
    limit = budget_cents(sc)
    budget = budget_score(spend_cents / 100, limit / 100 if limit else None, sc.scoring.budget_tolerance)
    notes: list[str] = []
    if sc.expect.outcome != "booked":
        preference = 1.0 if not any(b.status == "confirmed" for b in env.state.bookings.values()) else 0.0
    elif itinerary is None:
        preference = 0.0
        notes.append("preference fit 0: the booked trip does not cover every leg and stay")
    elif best_utility <= 0:
        preference = 1.0
    else:
        preference = min(1.0, utility(itinerary, sc, env.view) / best_utility)
    faith = check_faithfulness(env, message, events)
    faithful, fnotes = faith.score, faith.notes()
    if limit and spend_cents > limit:
        notes.append(f"spent {_money(spend_cents)} against a budget of {_money(limit)}")
    return WorldScore(
        checks=checks,
        budget=budget,
        preference=round(preference, 4),
        faithfulness=round(faithful, 4),
        spend=round(spend_cents / 100, 2),
        budget_limit=limit / 100 if limit else None,
        notes=notes + fnotes,
    )
