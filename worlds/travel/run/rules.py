"""The travel world's domain rules: checks the gateway runs before a WRITE call changes the world.

``check_call(env, tool, args)`` returns every ``Violation`` the call would commit, in ``DOMAIN_RULES``
order; an empty list means the call may go ahead. Rules only judge calls they can understand: a READ
tool, an unknown tool, arguments that do not validate or ids that do not exist give no violation
(the tool itself reports those). Rules read the state; they never change it.

- ``budget_cap``: the call would spend more than the budget has left (``quote_cents``).
- ``calendar_conflict``: a flight overlaps one of the traveller's own calendar events (compared in
  UTC); skipped when the scenario's constraints say ``calendar_free: false``.
- ``passenger_count``: passengers must be between 1 and the party size (1 + companions).
- ``hotel_nights_aligned``: with flights into or out of the hotel's city booked or held, check-in must
  be the local arrival date of the last flight in before check-out, and check-out the local departure
  date of the next flight out (``nights_problems``). Hotels in a city where the scenario's constraints
  hold a stay with ``aligned: false`` (one that does not follow the flights) are left alone; the agent
  is never told why.
- ``not_in_past``: the flight has left, the check-in date has passed, or the event starts before now.
- ``no_duplicate``: the same flight, or the same hotel on overlapping nights, is already booked or held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from sandbox.spi import WRITE
from worlds.travel.records import Flight, Hotel
from worlds.travel.run import _present as show
from worlds.travel.run.env import TravelEnv
from worlds.travel.run.quote import quote_cents
from worlds.travel.run.state import Booking


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


Check = Callable[[TravelEnv, str, BaseModel], "str | None"]


@dataclass(frozen=True)
class DomainRule:
    """A named check; ``check`` returns the violation message or None."""

    name: str
    check: Check

    def __call__(self, env: TravelEnv, tool: str, args: dict[str, Any] | None) -> Violation | None:
        """This rule alone on a raw call: a ``Violation`` or None."""
        parsed = _parse(env, tool, args)
        message = self.check(env, tool, parsed) if parsed is not None else None
        return None if message is None else Violation(self.name, message)


def _parse(env: TravelEnv, tool: str, args: dict[str, Any] | None) -> BaseModel | None:
    spec = env.tools.get(tool)
    if spec is None or spec.kind != WRITE:
        return None
    try:
        return spec.args_model.model_validate(args or {})
    except ValidationError:
        return None


def _utc(t: dt.datetime) -> dt.datetime:
    """``t`` in UTC (aware datetimes already compare as instants; this makes messages and sorting explicit)."""
    try:
        return t.astimezone(dt.UTC)
    except OverflowError:  # within hours of year 1 or 9999: the instant comparison still holds
        return t


def _held(env: TravelEnv, tool: str, a: BaseModel) -> Booking | None:
    if tool != "confirm_booking":
        return None
    b = env.state.bookings.get(getattr(a, "booking_id", ""))
    return b if b is not None and b.status == "held" else None


def _subject_flight(env: TravelEnv, tool: str, a: BaseModel) -> Flight | None:
    if tool == "book_flight":
        return env.view.flight(getattr(a, "flight_id", ""))
    b = _held(env, tool, a)
    return env.view.flight(b.item_id) if b is not None and b.kind == "flight" else None


def _subject_stay(env: TravelEnv, tool: str, a: BaseModel) -> tuple[Hotel, dt.date, dt.date] | None:
    if tool == "book_hotel":
        h = env.view.hotel(getattr(a, "hotel_id", ""))
        ci, co = getattr(a, "check_in", None), getattr(a, "check_out", None)
        return (h, ci, co) if h is not None and ci is not None and co is not None and co > ci else None
    b = _held(env, tool, a)
    if b is None or b.kind != "hotel" or b.check_in is None or b.check_out is None:
        return None
    h = env.view.hotel(b.item_id)
    return (h, b.check_in, b.check_out) if h is not None else None


def _active_flights(env: TravelEnv) -> list[tuple[Booking, Flight]]:
    out = []
    for b in env.state.bookings.values():
        f = env.view.flight(b.item_id) if b.active and b.kind == "flight" else None
        if f is not None:
            out.append((b, f))
    return out


# -- the rules ---------------------------------------------------------------------------------------


def budget_cap(env: TravelEnv, tool: str, a: BaseModel) -> str | None:
    remaining = env.state.remaining_cents
    quote = quote_cents(env, tool, a.model_dump())
    if remaining is None or quote is None or quote <= 0 or quote <= remaining:
        return None
    budget = env.state.budget_cents or 0
    return f"{tool} costs {show.money(quote)} but only {show.money(remaining)} of the {show.money(budget)} budget is left"


def calendar_conflict(env: TravelEnv, tool: str, a: BaseModel) -> str | None:
    f = _subject_flight(env, tool, a)
    if f is None or not env.scenario.constraints.calendar_free:
        return None
    start, end = _utc(f.depart), _utc(f.arrive)
    clashes = [
        f"{e.id} '{e.title}' ({e.start.isoformat()} to {e.end.isoformat()})"
        for e in env.state.calendar
        if e.source == "traveler" and _utc(e.start) < end and start < _utc(e.end)
    ]
    if not clashes:
        return None
    return (
        f"flight {f.id} ({f.depart.isoformat()} to {f.arrive.isoformat()}) overlaps the traveller's "
        + "; ".join(clashes)
    )


def passenger_count(env: TravelEnv, tool: str, a: BaseModel) -> str | None:
    if tool != "book_flight":
        return None
    party = 1 + len(env.scenario.traveler.party)
    n = getattr(a, "passengers", 1)
    if 1 <= n <= party:
        return None
    return f"{n} passengers on flight {getattr(a, 'flight_id', '?')} but the party is {party} (the traveller and {party - 1} companion(s))"


def nights_problems(
    city: str,
    check_in: dt.date,
    check_out: dt.date,
    flights: Iterable[Flight],
    local_date: Callable[[dt.datetime, str], dt.date],
) -> list[str]:
    """Why a stay in ``city`` from ``check_in`` to ``check_out`` does not match ``flights`` (the rule
    ``hotel_nights_aligned`` and the oracle share it): check-in must be the local arrival date of the last
    flight into the city before check-out, and check-out the local departure date of the next flight out."""
    ordered = sorted(flights, key=lambda f: _utc(f.depart))
    inbound = [f for f in ordered if f.destination == city and local_date(f.arrive, city) < check_out]
    problems = []
    after = None
    if inbound:
        f = inbound[-1]
        after = _utc(f.arrive)
        arrival = local_date(f.arrive, city)
        if arrival != check_in:
            problems.append(f"check-in {check_in} but flight {f.id} arrives in {city} on {arrival}")
    outbound = [
        f
        for f in ordered
        if f.origin == city
        and (_utc(f.depart) > after if after is not None else local_date(f.depart, city) > check_in)
    ]
    if outbound:
        f = outbound[0]
        departure = local_date(f.depart, city)
        if departure != check_out:
            problems.append(f"check-out {check_out} but flight {f.id} leaves {city} on {departure}")
    return problems


def hotel_nights_aligned(env: TravelEnv, tool: str, a: BaseModel) -> str | None:
    stay = _subject_stay(env, tool, a)
    if stay is None:
        return None
    h, ci, co = stay
    if h.city in env.scenario.constraints.unaligned_cities():
        return None  # the request asks for a stay that does not follow the flights
    flights = [f for _, f in _active_flights(env)]
    problems = nights_problems(h.city, ci, co, flights, env.local_date)
    return f"hotel {h.id}: " + "; ".join(problems) if problems else None


def not_in_past(env: TravelEnv, tool: str, a: BaseModel) -> str | None:
    now = env.now
    f = _subject_flight(env, tool, a)
    if f is not None and _utc(f.depart) < _utc(now):
        return f"flight {f.id} departed at {f.depart.isoformat()}, before now ({now.isoformat()})"
    stay = _subject_stay(env, tool, a)
    if stay is not None:
        h, ci, _ = stay
        today = env.local_today(h.city)
        if ci < today:
            return f"hotel {h.id} check-in {ci} is before today ({today}) in {h.city}"
    start = getattr(a, "start", None) if tool == "add_calendar_event" else None
    if isinstance(start, dt.datetime) and start.tzinfo is not None and _utc(start) < _utc(now):
        return f"event starts at {start.isoformat()}, before now ({now.isoformat()})"
    return None


def no_duplicate(env: TravelEnv, tool: str, a: BaseModel) -> str | None:
    active = [b for b in env.state.bookings.values() if b.active]
    if tool == "book_flight":
        fid = getattr(a, "flight_id", "")
        same = [b.id for b in active if b.kind == "flight" and b.item_id == fid]
        return f"flight {fid} is already booked or held as {', '.join(same)}" if same else None
    if tool == "book_hotel":
        stay = _subject_stay(env, tool, a)
        if stay is None:
            return None
        h, ci, co = stay
        same = [
            f"{b.id} ({b.check_in} to {b.check_out})"
            for b in active
            if b.kind == "hotel"
            and b.item_id == h.id
            and b.check_in
            and b.check_out
            and b.check_in < co
            and ci < b.check_out
        ]
        return (
            f"hotel {h.id} is already booked or held for overlapping nights: {', '.join(same)}"
            if same
            else None
        )
    return None


DOMAIN_RULES: list[DomainRule] = [
    DomainRule("budget_cap", budget_cap),
    DomainRule("calendar_conflict", calendar_conflict),
    DomainRule("passenger_count", passenger_count),
    DomainRule("hotel_nights_aligned", hotel_nights_aligned),
    DomainRule("not_in_past", not_in_past),
    DomainRule("no_duplicate", no_duplicate),
]


def check_call(env: TravelEnv, tool: str, args: dict[str, Any] | None) -> list[Violation]:
    """Every domain rule the WRITE call ``tool(**args)`` would break, in ``DOMAIN_RULES`` order."""
    parsed = _parse(env, tool, args)
    if parsed is None:
        return []
    out = []
    for rule in DOMAIN_RULES:
        message = rule.check(env, tool, parsed)
        if message is not None:
            out.append(Violation(rule.name, message))
    return out
