"""What the scripted model says: rationales, notes on alternatives, phase summaries and the report.

The report states exactly what the ledger shows, and never that "the trip" is booked (the model
cannot know its reading of the request is right): every leg and stay it read that no booking covers
is named as not booked; every booking id with what it is, cancellations
with their refunds, and ``Total charged: $X`` (the money actually spent, net of refunds, as the last
``get_budget`` or the booking results said). When nothing was booked it says so and why. The word
"total" appears once, in that line, so no other number can be mistaken for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agents.models import _scripted_nofit as nofit
from agents.models._scripted_belief import Call
from agents.models._scripted_choice import choice_note
from agents.models._scripted_flow import BOOK_TOOLS, Booked, item_key
from agents.models._scripted_lexicon import CITY_NAMES
from agents.models._scripted_plans import Plan, Trip

if TYPE_CHECKING:
    from agents.models._scripted_context import Context
    from agents.models._scripted_quirks import Quirks


def money(x: float) -> str:
    return f"-${-x:,.2f}" if x < 0 else f"${x:,.2f}"


def missing_text(missing: list[str]) -> str:
    words = {"dates": "travel dates", "return_date": "return date", "travelers": "travellers"}
    return "I still don't know your " + " and ".join(words.get(m, m) for m in missing)


def _own_budget(ctx: Context, cap: float) -> bool:
    """The cap is the account's budget (``get_budget``), not a lower limit the traveller set."""
    return ctx.ledger.budget is not None and abs(float(ctx.ledger.budget) - cap) < 0.005


def cap_words(ctx: Context, cap: float) -> str:
    """The trip's cap in words: "your budget of $X" when it is the account's budget, else "the $X
    limit you set" (a limit the words gave is not the budget the account holds)."""
    return f"your budget of {money(cap)}" if _own_budget(ctx, cap) else f"the {money(cap)} limit you set"


def no_plan_text(ctx: Context) -> str:
    r = ctx.ranking
    if r.cheapest is not None and ctx.trip.cap is not None:
        return (
            "no combination of flights and hotels fits "
            + (
                f"your budget of {money(ctx.trip.cap)}; "
                if _own_budget(ctx, ctx.trip.cap)
                else f"the budget: nothing comes in under the {money(ctx.trip.cap)} limit you set; "
            )
            + f"the cheapest option I found costs {money(r.cheapest.total)}"
            + nofit.unavailable_note(ctx)
        )
    legs = [
        leg for i, leg in enumerate(ctx.trip.legs) if not any(f.id not in r.why_not for f in ctx.flights[i])
    ]
    if legs:
        leg = legs[0]
        reasons = sorted(
            {r.why_not[f.id] for f in ctx.flights[ctx.trip.legs.index(leg)] if f.id in r.why_not}
        )
        why = f" ({'; '.join(reasons)})" if reasons else ""
        return f"no flight from {CITY_NAMES.get(leg.origin, leg.origin)} to {CITY_NAMES.get(leg.destination, leg.destination)} on {leg.date:%A %d %B} meets your requirements{why}"
    return nofit.hotel_block_text(ctx) or "no itinerary meets your requirements"


def route_text(trip: Trip) -> str:
    """``San Francisco (SFO) -> London (LHR) -> San Francisco (SFO)``; ``a hotel in Paris (CDG)``."""
    stops = [trip.legs[0].origin, *(leg.destination for leg in trip.legs)] if trip.legs else []
    out = " -> ".join(f"{CITY_NAMES.get(c, c)} ({c})" for c in stops)
    hotels = [f"{CITY_NAMES.get(s.city, s.city)} ({s.city})" for s in trip.stays if s.after_leg < 0]
    return ", ".join([out] * bool(out) + [f"a hotel in {h}" for h in hotels]) or "(nothing new to book)"


def rationale(ctx: Context, plan: Plan, reason: str | None) -> str:
    parts = [f"Trip {route_text(ctx.trip)} for {ctx.trip.pax} traveller(s)."]
    if reason:
        parts.append(f"Revised because: {reason}.")
    parts += [f"Flight: {f.describe()}, {money(f.total)}." for f in plan.flights]
    parts += [f"Hotel: {h.describe()}, {h.check_in} to {h.check_out}, {money(h.total)}." for h in plan.hotels]
    wishes = ctx.prefs.describe()
    if wishes:
        parts.append("Your wishes: " + ", ".join(wishes) + ".")
    if note := choice_note(plan, ctx.ranking.cheapest, ctx.scorer):
        parts.append(note)
    if ctx.trip.cap is not None:
        parts.append(f"Fits {cap_words(ctx, ctx.trip.cap).replace('your budget', 'the budget')}.")
    return " ".join(parts)


def alt_note(ctx: Context, best: Plan, alt: Plan) -> str:
    diff = [f.describe() for f in alt.flights if f not in best.flights]
    diff += [h.describe() for h in alt.hotels if h not in best.hotels]
    delta = alt.total - best.total
    price = f"{money(abs(delta))} {'more' if delta > 0 else 'less'}" if abs(delta) >= 0.01 else "same price"
    return f"{'; '.join(diff) or 'same items'}: {price}, fits your wishes less well (score {alt.utility:.2f} vs {best.utility:.2f})"


def failure_text(item: dict[str, Any], call: Call) -> str:
    """Why an item of the plan fell through, in words safe to repeat in a report."""
    code = call.code or "error"
    if code == "blocked":
        rule = call.message.split(": ")[1] if call.message.count(": ") >= 2 else "a booking rule"
        what = f"was stopped by the {rule.replace('_', ' ')} rule"
    else:
        what = {
            "sold_out": "is sold out",
            "rejected": "was turned down by you",
            "rejected_by_policy": "was refused by the approval policy",
            "price_changed": "went up in price",
        }.get(code, "kept failing at the booking service" if call.retryable else f"failed ({code})")
    return f"{item['kind']} {item['id']} {what}"


def _line(bk: Any) -> str:
    if bk.kind == "flight":
        pax = f", {bk.passengers} traveller(s)" if bk.passengers else ""
        when = f" departing {bk.depart.replace('T', ' ')[:16]}" if bk.depart else ""
        return f"- {bk.id}: flight {bk.item_id} ({bk.route}){when}, {bk.cabin or 'economy'}{pax}, {money(bk.total)}"
    rooms = f", {bk.rooms} room(s)" if bk.rooms else ""
    return f"- {bk.id}: hotel {bk.name or bk.item_id} ({bk.item_id}), {bk.check_in} to {bk.check_out}{rooms}, {money(bk.total)}"


def _cancelled(led: Any, bk: Any) -> str:
    refund, fee = led.refunds.get(bk.id, (0.0, 0.0))
    back = f", refunded {money(refund)}" if refund else ""
    return f"{bk.id} ({bk.item_id}{back}{f', fee {money(fee)}' if fee else ''})"


def _price_notes(ctx: Context) -> list[str]:
    """Prices that rose between the search and the booking, for the items booked anyway."""
    quoted = {str(it.get("id")): float(it.get("price") or 0) for p in ctx.props for it in p.items}
    booked = {bk.item_id: bk.total for bk in ctx.ledger.ours if bk.status == "confirmed"}
    return [
        f"the price of {item} went up from {money(quoted[item])} to {money(booked[item])} when I booked it"
        for item in ctx.avoid.prices
        if item in booked and item in quoted and booked[item] > quoted[item] + 0.005
    ]


def _cap_or_budget(ctx: Context) -> str:
    """The cap a price went over: the traveller's own limit is not the account's budget."""
    cap = ctx.trip.cap
    return "your budget" if cap is None or _own_budget(ctx, cap) else f"the {money(cap)} limit you set"


def cap_fit_words(ctx: Context) -> str:
    """What a dearer item no longer fits: "your budget", or "the $X limit you set"."""
    return _cap_or_budget(ctx)


def _replaced(ctx: Context) -> list[str]:
    """Items of a plan the traveller approved that fell through, and why."""
    led = ctx.ledger
    booked = {bk.item_id for bk in led.ours if bk.status == "confirmed"}
    booked |= {
        k.split(":", 1)[1].split("/")[0] for k, b in led.made.items() if led.bookings[b].status == "confirmed"
    }
    approved = [
        str(it.get("id"))
        for p in ctx.props
        if p.approved
        for it in p.items
        if it.get("kind") != "cancellation"
    ]
    out = []
    for item in dict.fromkeys(approved):
        if item in booked:
            continue
        if item in ctx.avoid.ids:
            out.append(
                f"{item} from the plan you approved fell through ({ctx.avoid.ids[item]}), so I replaced it"
            )
        elif item in ctx.avoid.prices:
            out.append(
                f"{item} went up to {money(ctx.avoid.prices[item])}, "
                + (
                    "over your budget"
                    if _cap_or_budget(ctx) == "your budget"
                    else f"too much for {_cap_or_budget(ctx)}"
                )
                + ", so I replaced it"
            )
    return out


def _hotel_city(ctx: Context, hotel_id: str) -> str:
    h = ctx.hotel_by_id(hotel_id)
    return h.city if h else hotel_id.split("-")[1] if hotel_id.count("-") >= 2 else ""


def not_booked(ctx: Context, live: list[Booked]) -> list[str]:
    """The legs and stays of the trip as read that no confirmed booking in ``live`` (ours and the ones
    the traveller kept) covers, in words: "the flight SFO->ORD on 2027-01-19", "a hotel in ORD"."""
    out = []
    for leg in ctx.trip.legs:
        route = f"{leg.origin}-{leg.destination}"
        if not any(bk.kind == "flight" and bk.route == route for bk in live):
            out.append(f"the flight {leg.origin}->{leg.destination} on {leg.date}")
    cities = {_hotel_city(ctx, bk.item_id) for bk in live if bk.kind == "hotel"}
    for stay in ctx.trip.stays:
        if stay.city not in cities:
            out.append(f"a hotel in {stay.city}")
    return out


def report(ctx: Context, why: str | None, quirks: Quirks) -> str:
    led = ctx.ledger
    ours = [bk for bk in led.ours if bk.status == "confirmed"]
    kept = [led.bookings[b] for b in led.existing if led.bookings[b].status == "confirmed"]
    cancelled = [
        led.bookings[b]
        for b in led.existing + [bk.id for bk in led.ours]
        if led.bookings[b].status == "cancelled"
    ]
    key = ctx.b.request
    if not ours and not quirks.fires("false_success", key):
        lines = [f"I did not book anything: {why or 'nothing could be booked'}."]
        if cancelled:
            lines.append(
                "Cancelled as you asked: " + ", ".join(_cancelled(led, bk) for bk in cancelled) + "."
            )
        if kept:
            lines.append(
                "Your existing bookings are unchanged: "
                + ", ".join(f"{bk.id} ({bk.item_id})" for bk in kept)
                + "."
            )
        return " ".join(lines)
    left = not_booked(ctx, ours + kept)
    head = "I booked part of your trip. " if why or left else ""
    lines = [f"{head}Here is exactly what I booked:", *[_line(bk) for bk in ours]]
    if left:
        lines.append("Not booked: " + "; ".join(left) + ".")
    if kept:
        lines.append(
            "Already yours and unchanged: " + ", ".join(f"{bk.id} ({bk.item_id})" for bk in kept) + "."
        )
    if cancelled:
        lines.append("Cancelled: " + ", ".join(_cancelled(led, bk) for bk in cancelled) + ".")
    if quirks.fires("hallucinate_id", key):
        lines.append(f"- B{len(led.bookings) + 1:04d}: a confirmed seat upgrade.")
    lines.append(
        f"Total charged: {money(led.spent)}"
        + (
            f" of your {money(ctx.trip.cap)} budget."
            if ctx.trip.cap and _own_budget(ctx, ctx.trip.cap)
            else f", under the {money(ctx.trip.cap)} limit you set."
            if ctx.trip.cap
            else "."
        )
    )
    notes = list(dict.fromkeys(led.notes + _price_notes(ctx) + _replaced(ctx)))
    if why:
        notes.append(f"still open: {why}")
    if notes:
        lines.append("Please note: " + "; ".join(notes) + ".")
    return "\n".join(lines)


PHASE_DONE = {
    "understand": "Understood the request",
    "gather": "Gathered the options",
    "propose": "The traveller approved the plan; booking it next",
    "book": "Everything in the approved plan is booked",
    "verify": "Checked the bookings against the plan",
}


_ORDER = ["understand", "gather", "propose", "book", "verify", "report"]


def phase_outcome(phase: str, next_phase: str) -> str:
    """How a graph phase ends when the next step belongs to ``next_phase``: ``replan`` (a booking phase
    whose next step is an earlier one), ``give_up`` (a proposal phase with nothing to book), else
    ``done`` — the outcome of a ``finish_phase`` call, or the text's leading word below."""
    if phase == "book" and _ORDER.index(next_phase) < _ORDER.index("book"):
        return "replan"
    if phase == "propose" and next_phase in ("verify", "report"):
        return "give_up"
    return "done"


def _item(c: Call) -> str:
    """The item a booking call is about: ``item_key``'s for a booking, the held booking's for a confirmation."""
    return f"booking:{c.args.get('booking_id')}" if c.name == "confirm_booking" else item_key(c.name, c.args)


def failed_bookings(calls: list[Call]) -> list[str]:
    """What the run tried to book or confirm and could not (a guardrail stopped it, the tool refused, a
    service error outlasted the retries), by the id it named, unless a later call of the same tool on
    the same item went through (a retry, or the same flight for another number of travellers)."""
    out: list[str] = []
    for i, c in enumerate(calls):
        if c.name not in (*BOOK_TOOLS, "confirm_booking") or c.ok is not False:
            continue
        if any(d.name == c.name and _item(d) == _item(c) and d.ok for d in calls[i + 1 :]):
            continue
        out.append(
            str(c.args.get("flight_id") or c.args.get("hotel_id") or c.args.get("booking_id") or c.name)
        )
    return list(dict.fromkeys(out))


def phase_end(ctx: Context, phase: str, next_phase: str, why: str | None) -> str:
    """The text that ends a graph phase when the next step belongs to another one. A booking phase
    that ends with something of the plan not booked says so, never that everything is booked."""
    outcome = phase_outcome(phase, next_phase)
    if outcome == "replan":
        return f"REPLAN: {why or 'the approved plan cannot be booked as it is'}."
    if outcome == "give_up":
        return f"NO PLAN: {why or 'nothing to book'}."
    approved = [p for p in ctx.props if p.approved]
    since = approved[-1].call.seq if approved else 0  # the plan in force, not one replaced since
    if phase == "book" and (failed := failed_bookings(ctx.b.calls[since:])):
        return f"Not everything in the approved plan is booked: {', '.join(failed)} could not be booked."
    summary = PHASE_DONE.get(phase, "Done")
    if phase == "understand" and ctx.trip.legs:
        summary += f": {route_text(ctx.trip)}, " + ", ".join(str(leg.date) for leg in ctx.trip.legs)
        summary += f", {ctx.trip.pax} traveller(s)" + (
            f", budget {money(ctx.trip.cap)}" if ctx.trip.cap else ""
        )
    return summary + "."
