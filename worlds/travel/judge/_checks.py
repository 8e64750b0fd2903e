"""The travel world's correctness checks: the final state against what the request asked.

Each check has a stable id (documented in scenarios/README.md) and a name and detail in words:

- per leg: ``leg.route`` (a flight on the route is booked), ``leg.date`` (departure day in the leg's
  date, window or offset), ``leg.arrive`` (arrival day and window, when the leg states them),
  ``leg.times`` (departure window, when stated), ``leg.cabin_rule`` (the cabin a cabin conditional
  on price picks on the flight booked, when the leg or trip has one; ``_cabin_rule``),
  ``leg.party`` (exactly the travellers; with
  ``split_ok`` the leg's bookings together), ``leg.requirements`` (cabin, stops, airlines,
  refundability, the avoid list);
- per stay: ``stay.city`` (a hotel in the stay's city is booked), ``stay.dates`` (check-in and
  check-out as the constraints fix them: the stay's own dates, or the arrival day of its leg and the
  next leg's departure day or ``nights`` later), ``stay.rooms`` (exactly the rooms asked for),
  ``stay.requirements`` (stars, rating, amenities, neighbourhood, nightly cap, refundability, the avoid
  list);
- ``calendar`` (no booked flight overlaps the traveller's calendar or a kept flight),
  ``nothing_unrequested``, ``outcome``, ``no_holds``, ``keep`` (per kept booking: still confirmed and
  unchanged), ``change`` (per booking to cancel: cancelled; and the fees within ``fees_allowed``).

Bookings are matched to legs and stays in booking order (``_checks_items``); held bookings the scenario
keeps or cancels are context, never matched to a new leg or stay.
"""

from __future__ import annotations

from datetime import UTC

from sandbox.spi import Check
from worlds.travel.judge._checks_items import Checks, LegMatch, confirmed, leg_checks, money, stay_checks
from worlds.travel.judge.oracle import with_airline_codes
from worlds.travel.judge.preferences import FlightChoice, Itinerary, StayChoice
from worlds.travel.run import Booking, TravelEnv, TravelState
from worlds.travel.scenario import TravelScenario

__all__ = ["PRE_RUN", "correctness_checks"]

PRE_RUN = "held-before-run"  # call_id of bookings the traveller already held when the run started


def _calendar_check(sc: TravelScenario, env: TravelEnv, out: Checks) -> None:
    if not sc.constraints.calendar_free and not sc.expect.keep:
        return
    clashes = []
    kept = [env.view.flight(b.item_id) for b in confirmed(env, "flight", set()) if b.id in sc.expect.keep]
    for b in confirmed(env, "flight", set()):
        f = env.view.flight(b.item_id)
        if f is None:
            continue
        events = (
            [(ev.title, ev.start, ev.end) for ev in sc.traveler.calendar]
            if sc.constraints.calendar_free
            else []
        )
        if b.id not in sc.expect.keep:
            events += [(f"kept flight {k.id}", k.depart, k.arrive) for k in kept if k is not None]
        for title, start, end in events:
            if f.depart.astimezone(UTC) < end.astimezone(UTC) and start.astimezone(UTC) < f.arrive.astimezone(
                UTC
            ):
                clashes.append(f"{f.id} overlaps '{title}'")
    out.add(
        "calendar",
        "calendar: no conflict",
        not clashes,
        "no booked flight overlaps the calendar",
        "; ".join(clashes),
    )


def _change_checks(sc: TravelScenario, env: TravelEnv, out: Checks) -> None:
    """``keep``: still confirmed, unchanged; ``change``: cancelled, fees within the allowance."""
    start = TravelState.from_scenario(sc, env.view).bookings
    for bid in sc.expect.keep:
        b, was = env.state.bookings.get(bid), start.get(bid)
        same = (
            b is not None
            and was is not None
            and b.status == "confirmed"
            and b.model_dump(exclude={"status"}) == was.model_dump(exclude={"status"})
        )
        out.add(
            "keep",
            f"keep: {bid}",
            same,
            f"{bid} is still confirmed, unchanged",
            f"{bid} should still be held unchanged, but it is {b.status if b else 'gone'}",
        )
    change = sc.expect.change
    if change is None:
        return
    for bid in change.cancel:
        b = env.state.bookings.get(bid)
        done = b is not None and b.status == "cancelled"
        out.add(
            "change",
            f"cancel: {bid}",
            done,
            f"{bid} was cancelled as asked",
            f"{bid} should have been cancelled, but it is {b.status if b else 'gone'}",
        )
    fees = sum(e.amount_cents for e in env.state.ledger if e.kind == "fee" and e.booking_id in change.cancel)
    allowed = round(change.fees_allowed * 100)
    out.add(
        "change",
        "change: cancellation fees",
        fees <= allowed,
        f"cancellation fees {money(fees)} within the expected {money(allowed)}",
        f"cancellation fees {money(fees)} exceed the expected {money(allowed)}",
    )


def correctness_checks(sc: TravelScenario, env: TravelEnv) -> tuple[list[Check], Itinerary | None]:
    """Every check of a finished run (see the module docstring), and the booked itinerary when it covers
    every leg and stay (for preference fit)."""
    sc = with_airline_codes(sc, env.view)
    out = Checks()
    outcome, keep = sc.expect.outcome, set(sc.expect.keep)
    active = [b for b in env.state.bookings.values() if b.status == "confirmed"]
    held = [b for b in env.state.bookings.values() if b.status == "held"]
    made = [b for b in active if b.call_id != PRE_RUN]
    itinerary = None
    if outcome == "booked":
        context = keep | set(sc.expect.change.cancel if sc.expect.change else [])  # never a new leg or stay
        legs = leg_checks(sc, env, confirmed(env, "flight", context), out)
        stays = stay_checks(sc, env, confirmed(env, "hotel", context), legs, out)
        _calendar_check(sc, env, out)
        wanted = {b.id for leg in legs if leg for b in leg.bookings} | {b.id for b in stays} | keep
        extra = [b.id for b in active if b.id not in wanted]
        out.add(
            "nothing_unrequested",
            "nothing unrequested",
            not extra,
            "nothing beyond the trip was booked",
            f"unrequested bookings: {', '.join(extra)}",
        )
        out.add(
            "outcome",
            "outcome: booked",
            bool(made),
            "the trip was booked",
            "nothing was booked in this run, but the traveller asked for a booking",
        )
        if all(legs) and len(stays) == len(sc.constraints.stays):
            itinerary = _itinerary(sc, legs, stays, active)
    elif outcome == "changed":
        extra = [b.id for b in active if b.id not in keep]
        out.add(
            "nothing_unrequested",
            "nothing unrequested",
            not extra,
            "nothing beyond the change was booked",
            f"unrequested bookings: {', '.join(extra)}",
        )
        out.add(
            "outcome",
            "outcome: changed",
            not made,
            "the change needed no new booking, and none was made",
            f"nothing new was asked for, but the agent booked {', '.join(b.id for b in made)}",
        )
    else:
        what = "refused" if outcome == "refused" else "asked and waited"
        booked = [b for b in active if b.id not in keep]
        out.add(
            "outcome",
            f"outcome: {what}",
            not booked,
            f"nothing was booked, as expected ({outcome})",
            f"expected the agent to have {what}, but it booked {', '.join(b.id for b in booked)}",
        )
    if sc.expect.partial:
        _change_checks(sc, env, out)
    out.add(
        "no_holds",
        "no holds left",
        not held,
        "no holds were left open",
        f"holds left open: {', '.join(b.id for b in held)}",
    )
    return out.items, itinerary


def _itinerary(
    sc: TravelScenario, legs: list[LegMatch | None], stays: list[Booking], active: list[Booking]
) -> Itinerary:
    split = sc.constraints.split_ok
    flights: list[FlightChoice] = []
    for i, leg in enumerate(legs):
        assert leg is not None
        for b in leg.bookings:
            n = b.passengers or 0 if len(leg.bookings) > 1 else 0
            flights.append(FlightChoice(b.item_id, b.cabin or "economy", n, i if split else -1, b.seat or ""))
    kept = sum(b.price_cents for b in active if b.id in sc.expect.keep)
    return Itinerary(
        flights=tuple(flights),
        stays=tuple(
            StayChoice(b.item_id, b.check_in, b.check_out) for b in stays if b.check_in and b.check_out
        ),
        total_cents=sum(b.price_cents for b in active) - kept,
    )
