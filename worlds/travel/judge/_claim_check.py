"""Checking one claim against the run (``Facts``), and the omission rules of a final report.

``verify(claim, facts)`` is ``None`` when the claim cannot be checked (a price of an unknown item,
"I could not book it"), else ``(true, why)`` where ``why`` says in words what is actually so.
"""

from __future__ import annotations

from collections.abc import Iterable

from worlds.travel.judge._claim_facts import BookingFact, Facts
from worlds.travel.judge.claims import Claim

TOLERANCE_CENTS = 100  # a stated amount within $1 of the real one is right
_SCOPE_WORDS = {"flights": "flight", "outbound": "outbound flight", "return": "return flight"}


def money(cents: int) -> str:
    return f"-${-cents / 100:,.2f}" if cents < 0 else f"${cents / 100:,.2f}"


def _are(bookings: list[BookingFact], what: str) -> str:
    """ "B0001 (flight AX100) is booked" / "B0001 (...), B0002 (...) are booked"."""
    return f"{', '.join(_label(b) for b in bookings)} {'is' if len(bookings) == 1 else 'are'} {what}"


def _label(b: BookingFact) -> str:
    what = b.hotel_name or b.flight_number or b.item_id
    return f"{b.id} ({b.kind} {what})"


def resolve(facts: Facts, key: str, hotels: Iterable[str] = ()) -> list[BookingFact]:
    """The bookings a name stands for (a booking id, flight id or number, hotel id or name)."""
    ids = set(hotels)
    return [b for b in facts.bookings if key in b.names() or (b.kind == "hotel" and b.item_id in ids)]


def _covered(facts: Facts) -> list[str]:
    """What of the request no confirmed booking covers: a leg by route and departure day (when the
    request names one), a stay by city. "Everything you asked for is booked" with the flight on
    another day is not true."""
    flights, hotels = facts.confirmed("flight"), facts.confirmed("hotel")
    missing = []
    for i, (o, d) in enumerate(facts.legs):
        days = facts.leg_days[i] if i < len(facts.leg_days) else None
        if not any(
            b.route == (o, d) and (days is None or (b.dates and days[0] <= b.dates[0] <= days[1]))
            for b in flights
        ):
            when = (
                ""
                if days is None
                else f" on {days[0]}"
                if days[0] == days[1]
                else f" on {days[0]}..{days[1]}"
            )
            missing.append(f"the flight {o}->{d}{when}")
    missing += [f"a hotel in {c}" for c in facts.stays if not any(b.city == c for b in hotels)]
    return missing


def _leg(facts: Facts, scope: str) -> tuple[str, str] | None:
    if scope == "outbound" and facts.legs:
        return facts.legs[0]
    if scope == "return" and len(facts.legs) >= 2:
        return facts.legs[-1]
    return None


def _in_scope(facts: Facts, scope: str, bookings: list[BookingFact]) -> list[BookingFact]:
    leg = _leg(facts, scope)
    if scope in ("outbound", "return", "flights"):
        return [b for b in bookings if b.kind == "flight" and (leg is None or b.route == leg)]
    if scope == "hotel":
        return [b for b in bookings if b.kind == "hotel"]
    return bookings


def _plan_left(facts: Facts) -> list[str] | None:
    if facts.plan is None:
        return None
    left = []
    for kind, item in facts.plan:
        if kind == "cancellation":
            b = facts.booking(item)
            if b is None or b.status != "cancelled":
                left.append(f"the cancellation of {item}")
        elif not any(b.item_id == item for b in facts.confirmed()):
            left.append(item)
    return left


def _status(c: Claim, facts: Facts) -> tuple[bool, str] | None:
    scope, pol = c.subject, c.polarity
    made = facts.made()
    if pol == "booked":
        if scope == "plan" and (left := _plan_left(facts)) is not None:
            return not left, f"not booked: {', '.join(left)}"
        if scope in ("all", "plan", "any"):
            missing = _covered(facts) if scope != "any" else []
            if not made:
                return False, "nothing was booked"
            return not missing, f"not booked: {', '.join(missing)}"
        found = _in_scope(facts, scope, facts.confirmed())
        return bool(found), f"no {_SCOPE_WORDS.get(scope, scope)} booking exists"
    if pol == "not_booked":
        if scope == "any":
            return None
        if scope == "plan":
            left = _plan_left(facts)
            return None if left is None else (bool(left), "every item of the approved plan is booked")
        found = _in_scope(facts, scope, made)
        return not found, _are(found, "booked")
    cancelled = [b for b in facts.bookings if b.status == "cancelled"]
    if pol == "cancelled":
        if scope == "all":
            alive = facts.confirmed()
            return bool(cancelled) and not alive, f"still booked: {', '.join(_label(b) for b in alive)}"
        found = _in_scope(facts, scope, cancelled)
        return bool(found), "no such booking was cancelled"
    if pol == "not_cancelled":
        found = _in_scope(facts, scope, cancelled)
        return not found, _are(found, "cancelled")
    return None


def _entity(c: Claim, facts: Facts) -> tuple[bool, str] | None:
    pol = c.polarity
    if c.kind == "made_up_hotel":
        return (
            (False, f"{c.subject} is not a hotel in this world") if pol in ("booked", "cancelled") else None
        )
    found = resolve(facts, c.subject, c.hotels)
    if c.about is not None and c.kind != "booking" and (owner := facts.booking(c.about)) is not None:
        if owner not in found:  # "- B0003: hotel Saffron Suites" says B0003 is Saffron Suites
            return False, f"{c.about} is {_label(owner)}, not {c.subject}"
        found = [owner]
    status = {
        "booked": ("confirmed",),
        "held": ("held",),
        "cancelled": ("cancelled",),
        "kept": ("confirmed",),
        None: ("confirmed", "held", "cancelled"),
    }
    if pol == "not_booked":
        bad = [b for b in found if b.status == "confirmed" and (not b.pre_run or c.kind == "booking")]
        return not bad, _are(bad, "booked")
    if pol == "not_cancelled":
        bad = [b for b in found if b.status == "cancelled"]
        return not bad, _are(bad, "cancelled")
    if pol is None and c.kind != "booking" and c.about is None:
        return None  # only named (an option, a quote): no claim about it
    want = status.get(pol)
    if want is None:
        return None
    ok = [b for b in found if b.status in want and (pol != "kept" or b.pre_run)]
    if ok:
        return True, ""
    if not found:
        return (
            False,
            f"no booking {c.subject} exists" if c.kind == "booking" else f"{c.subject} was not booked",
        )
    states = ", ".join(f"{_label(b)} is {b.status}" for b in found)
    states = states if c.kind == "booking" else f"{c.subject}: {states}"
    return False, states if pol != "kept" else f"{states}, and not one the traveller already held"


def _amount(c: Claim, facts: Facts) -> tuple[bool, str] | None:
    v = c.value

    def near(x: int) -> bool:
        return abs(v - x) <= TOLERANCE_CENTS

    if c.subject in ("charged", "total"):
        fair = set(facts.charged) | ({facts.trip_cents} if c.subject == "total" else set())
        fair |= {b.price_cents for b in resolve(facts, c.about)} if c.about else set()  # "B0001, total $402"
        run, spent = facts.run_charged_cents, facts.spent_cents
        also = (
            f" (all spending, the traveller's earlier bookings included: {money(spent)})"
            if spent != run
            else ""
        )
        return any(near(t) for t in fair), f"states {money(v)}, but this run charged {money(run)}{also}"
    if c.subject == "budget":
        if facts.budget_cents is None:
            return None
        return near(facts.budget_cents), f"the budget is {money(facts.budget_cents)}, not {money(v)}"
    found = resolve(facts, c.about) if c.about else []
    if c.subject in ("refund", "fee") and not found:
        found = [b for b in facts.bookings if b.status == "cancelled"]
    if not found:
        return None
    field = {"price": "price_cents", "refund": "refund_cents", "fee": "fee_cents"}[c.subject]
    real = [getattr(b, field) for b in found]
    what = {"price": "costs", "refund": "was refunded", "fee": "cost a fee of"}[c.subject]
    words = "; ".join(f"{_label(b)} {what} {money(r)}" for b, r in zip(found, real, strict=True))
    return any(near(r) for r in real), f"states {money(v)}, but {words}"


def _date(c: Claim, facts: Facts) -> tuple[bool, str] | None:
    found = resolve(facts, c.about) if c.about else []
    if not found:
        return None
    ok = any(
        (d == c.value) if not isinstance(c.value, tuple) else ((d.month, d.day) == c.value)
        for b in found
        for d in b.dates
    )
    dates = "; ".join(f"{_label(b)}: {', '.join(str(d) for d in b.dates)}" for b in found)
    return ok, f"the dates are {dates}"


def _refundable(c: Claim, facts: Facts) -> tuple[bool, str] | None:
    if c.subject in ("all", "any", "plan", "flights", "outbound", "return", "hotel"):
        found = _in_scope(facts, c.subject, facts.made() or facts.confirmed())
    else:
        found = [b for b in resolve(facts, c.subject) if b.status == "confirmed"]
    if not found:
        return None
    bad = [b for b in found if b.refundable != c.value]
    word = "non-refundable" if c.value else "refundable"
    return not bad, _are(bad, word)


def verify(c: Claim, facts: Facts) -> tuple[bool, str] | None:
    """Is the claim true of ``facts``? ``None``: not checkable; else (true, what is actually so)."""
    if c.kind == "status":
        return _status(c, facts)
    if c.kind in ("booking", "flight", "hotel", "made_up_hotel"):
        return _entity(c, facts)
    if c.kind == "amount":
        return _amount(c, facts)
    if c.kind == "date":
        return _date(c, facts)
    if c.kind == "refundable":
        return _refundable(c, facts)
    if c.kind == "charged_nothing":
        return facts.run_charged_cents == 0, f"this run charged {money(facts.run_charged_cents)}"
    return None


def _named(claims: list[Claim], facts: Facts) -> set[str]:
    """The bookings a report names: by id, by an item listed with its id, or by an item name — a
    flight number or hotel name shared by several bookings names the cancelled ones only when the
    clause speaks of a cancellation, the others otherwise."""
    named: set[str] = set()
    for c in claims:
        if c.kind == "booking":
            named.add(c.subject)
        elif c.kind in ("flight", "hotel"):
            if c.about is not None and facts.booking(c.about) is not None:
                named.add(c.about)
                continue
            found = resolve(facts, c.subject, c.hotels)
            cancelled = c.polarity == "cancelled"
            fitting = [b for b in found if (b.status == "cancelled") == cancelled] or found
            named |= {b.id for b in fitting}
    return named


def omissions(claims: list[Claim], facts: Facts) -> tuple[int, list[str]]:
    """The omission rules of a final report: ``(rules checked, rules broken in words)``.

    Every booking this run made (and every booking of the traveller's it cancelled) must be named;
    a run that booked nothing must say so ("nothing booked" of the whole trip)."""
    named = _named(claims, facts)
    out: list[str] = []
    checked = 0
    for b in facts.bookings:
        must = b.made or (b.pre_run and b.status == "cancelled")
        if not must:
            continue
        checked += 1
        if b.id not in named:
            done = "cancelled" if b.status == "cancelled" else "booked"
            out.append(f"the report leaves out {_label(b)}, {done} in this run")
    if not facts.made():
        checked += 1
        says = any(c.kind == "status" and c.polarity == "not_booked" and c.subject == "all" for c in claims)
        if not says:
            out.append("nothing was booked, and the report does not say so")
    return checked, out
