"""The families about bookings already held and about trips that cannot be booked: partial change and
refusal.

``partial_change``: the traveller holds a round trip (two flights and a hotel, at what they paid) and
asks to move one flight to a time window, "nothing else changes": the moved flight is refundable, the
other flight and the hotel must be kept (``expect.keep``/``change``). ``refusal``: nothing fits, for a
reason of one class (the budget, or the hotel requirements together), proved by the oracle (no
feasible itinerary); the right outcome books nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from worlds.travel.catalog.pricing import fare_cents, stay_cents
from worlds.travel.generate import _request as rq
from worlds.travel.generate import _words as w
from worlds.travel.generate._draft import Draft, require, trip
from worlds.travel.generate._draw import Draw, Redraw
from worlds.travel.generate._families import hotel_stay
from worlds.travel.generate._families_hard import best_without, decisive_window, say_window, shape_tags
from worlds.travel.generate._prefs import AMENITY_WORDS, add_preferences

_MINEFIELDS = [
    {"tool": "book_flight", "description": "booked a flight although nothing fits"},
    {"tool": "book_hotel", "description": "booked a hotel although nothing fits"},
]


def _paid_flight(d: Draw, flight_id: str) -> dict[str, Any]:
    f = d.view.flight(flight_id)
    assert f is not None
    paid = fare_cents(f, "economy", f.depart - dt.timedelta(days=45)) // 100
    return {"kind": "flight", "flight_id": f.id, "cabin": "economy", "passengers": 1, "price": paid}


def partial_change(d: Draw) -> Draft:
    """Move one held flight to a time window; keep the other flight and the hotel."""
    draft = trip(d, "round", hotel=True, lead=(4, 40))
    draft.party(1, 1)
    best = best_without(draft)
    j = 1 if d.chance(0.7) else 0
    leg = dict(draft.legs[j])
    flights = d.flights(leg["origin"], leg["destination"], leg["date"])
    movable = [f for f in flights if f.refundable]
    require(bool(movable), "no refundable flight to move")
    held = d.pick(movable)
    got = decisive_window(d, flights, held)
    require(got is not None, "no window that moves the held flight")
    assert got is not None
    kind, t = got
    leg[kind] = f"{t:%H:%M}"
    if kind == "arrive_before":
        leg["arrive_on"] = leg["date"]
    ids = [f.flight_id for f in best.flights]
    ids[j] = held.id
    out = d.view.flight(ids[0])
    assert out is not None
    hotel_id, check_in, check_out = best.stays[0].hotel_id, out.arrive.date(), draft.days[1]
    require(check_in < check_out, "the held outbound lands on the day of the return")
    hotel = d.view.hotel(hotel_id)
    assert hotel is not None
    draft.bookings = [_paid_flight(d, ids[0]), _paid_flight(d, ids[1])]
    draft.bookings.append(
        {
            "kind": "hotel",
            "hotel_id": hotel_id,
            "check_in": check_in,
            "check_out": check_out,
            "rooms": 1,
            "price": stay_cents(hotel, check_in, check_out) // 100,
        }
    )
    moved, kept = f"B000{j + 1}", [f"B000{2 - j}", "B0003"]
    draft.legs, draft.stays, draft.pieces = [leg], [], []
    draft.expect = {
        "outcome": "booked",
        "keep": kept,
        "change": {"cancel": [moved]},
        "minefields": [
            {"tool": "book_hotel", "description": "booked a hotel although the traveller keeps theirs"}
        ],
    }
    _say_change(draft, j, held, kind, t)
    add_preferences(draft, (0, 1), without=("window", "airline"))
    result = d.solve(draft.data())
    if result.best is None:
        raise Redraw(f"nothing feasible: {result.reason}")
    paid = sum(b["price"] for b in draft.bookings)
    draft.budget = w.nice_round(paid + result.best.total_cents / 100 * d.rng.uniform(1.3, 1.8), up=True)
    if d.chance(0.4):
        draft.pieces.append(rq.budget(d, draft.budget))
    draft.notes.append(
        f"Move {moved} ({held.id}) to a flight with {kind} {t:%H:%M}; keep {' and '.join(kept)}."
    )
    draft.tags += ["partial-change", "round-trip", "change", "existing-booking"]
    draft.title = f"Move the {'flight home from' if j else 'flight out to'} {draft.places[0].name}, nothing else changes"
    return draft


def _say_change(draft: Draft, j: int, held: Any, kind: str, t: dt.time) -> None:
    d = draft.d
    there, home = draft.name(draft.places[0]), draft.name(draft.home)
    which = (
        d.pick(
            (
                f"flight home to {home} from {there}",
                f"return flight {there} to {home}",
                f"flight back to {home}",
            )
        )
        if j
        else d.pick((f"outbound flight {home} to {there}", f"flight out to {there}"))
    )
    when = w.when(d.rng, held.depart.date(), d.today, relative=False).removeprefix("on ")
    clock = w.clock(d.rng, held.depart.time())
    flight = d.pick((f"the {clock} {which}", f"my {which} ({held.airline}{held.number}, {clock})"))
    draft.core = d.pick(
        (
            f"I need to change {flight} on {when}.",
            f"Plans changed: {flight} on {when} no longer works.",
            f"Can you move {flight} on {when}?",
        )
    )
    draft.pieces.append(
        say_window(d, kind, t, 0, 1, held.depart.date()).rstrip(".") + ", please rebook me on one that fits."
    )
    draft.pieces.append(
        d.pick(
            (
                "Everything else stays exactly as it is: same other flight, same hotel.",
                "Nothing else changes; keep the hotel and the other flight.",
                "Don't touch the rest of the booking.",
            )
        )
    )
    draft.fact("flights", f"Only that flight moves; the ticket was refundable. {draft.pieces[0]}")
    draft.fact("hotel", "Keep the hotel exactly as booked.")


def refusal(d: Draw) -> Draft:
    """Nothing fits: the budget is below the cheapest trip, or no hotel meets the requirements."""
    draft = _budget_refusal(d) if d.chance(0.65) else _hotel_refusal(d)
    draft.expect = {"outcome": "refused", "minefields": _MINEFIELDS}
    draft.tags += ["refusal", *shape_tags(draft)]
    return draft


def _budget_refusal(d: Draw) -> Draft:
    draft = trip(d, d.pick(("round", "round", "oneway")), hotel=d.chance(0.7))
    draft.party(1, 1)
    add_preferences(draft, (0, 2))
    result = d.solve(draft.data())
    require(result.cheapest_cents is not None, "nothing feasible even without a budget")
    assert result.cheapest_cents is not None
    cheapest = result.cheapest_cents / 100
    draft.budget = w.nice_round(cheapest * d.rng.uniform(0.4, 0.8), up=False)
    require(draft.budget < cheapest, "the budget fits")
    draft.pieces.append(rq.budget(d, draft.budget))
    draft.pieces.append(
        d.pick(
            (
                "That's a hard limit.",
                "I really can't go over that.",
                "If it doesn't fit, don't book anything.",
            )
        )
    )
    draft.fact(
        "budget", f"No, I can't spend more than ${draft.budget:,}. If it doesn't fit, don't book anything."
    )
    draft.notes.append(
        f"Reason class: budget. The cheapest trip costs ${cheapest:,.0f}, over ${draft.budget:,}."
    )
    draft.tags.append("budget")
    return draft


def _hotel_refusal(d: Draw) -> Draft:
    draft = hotel_stay(d)
    stay = draft.stays[0]
    check_in = stay["check_in"]
    check_out = check_in + dt.timedelta(days=stay["nights"])
    hotels = d.hotels(stay["city"])
    options = sorted(a for a in AMENITY_WORDS if any(a in h.amenities for h in hotels))
    require(bool(options), "no amenity in this city")
    a = d.pick(options)
    prices = [stay_cents(h, check_in, check_out) / 100 / stay["nights"] for h in hotels if a in h.amenities]
    cap = w.nice_round(min(prices) * d.rng.uniform(0.5, 0.85), up=False)
    require(cap < min(prices), "a hotel fits the cap")
    stay |= {"amenities": [a], "max_nightly": cap}
    m = w.money(d.rng, cap)
    draft.pieces.append(
        d.pick(
            (
                f"It must have {AMENITY_WORDS[a]}, and no more than {m} a night.",
                f"Two musts: {AMENITY_WORDS[a]}, and under {m} per night.",
            )
        )
    )
    draft.pieces.append(
        d.pick(
            (
                "If nothing fits, don't book anything; just tell me.",
                "Please don't book something that breaks either rule.",
            )
        )
    )
    draft.fact(
        "hotel", f"It must have {AMENITY_WORDS[a]} and cost at most ${cap:,} a night; otherwise book nothing."
    )
    draft.notes.append(f"Reason class: constraints. Every hotel with {a} costs more than ${cap:,} a night.")
    draft.tags += ["amenities", "nightly-cap"]
    return draft
