"""The booking story so far, read from tool results: bookings, money, proposals and what went wrong.

``Ledger`` follows every booking the model has seen (the traveller's own from ``list_bookings``, the
ones it made, the ones it cancelled) and the money spent. ``proposals`` lists each
``propose_itinerary`` with the traveller's answer. ``item_key`` names a plan item the way booking
calls do, so the model can tell which items of the approved plan are booked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from agents.models._scripted_belief import Belief, Call
from agents.models._scripted_named import catalog_names, masked, plan_names

BOOK_TOOLS = ("book_flight", "book_hotel")
APPROVED = ("approved", "approved_alternative", "edited")
_YES = re.compile(
    r"^\s*(yes|yep|ok|okay|sure|go ahead|approved?|fine|sounds good|book it|perfect|great|do it)\b", re.I
)


@dataclass
class Booked:
    id: str
    kind: str
    item_id: str
    status: str
    total: float = 0.0
    check_in: str | None = None
    check_out: str | None = None
    rooms: int | None = None
    passengers: int | None = None
    cabin: str | None = None
    route: str = ""
    depart: str = ""
    name: str = ""
    cancellation: str = ""

    @classmethod
    def read(cls, d: dict[str, Any]) -> Booked:
        return cls(
            str(d.get("booking_id")), str(d.get("kind", "")), str(d.get("flight_id") or d.get("hotel_id") or ""),
            str(d.get("status", "confirmed")), float(d.get("total_price") or 0.0), d.get("check_in"),
            d.get("check_out"), d.get("rooms"), d.get("passengers"), d.get("cabin"), str(d.get("route", "")),
            str(d.get("depart", "")), str(d.get("hotel_name", "")), str(d.get("cancellation", "")),
        )  # fmt: skip


@dataclass
class Ledger:
    bookings: dict[str, Booked] = field(default_factory=dict)
    existing: list[str] = field(default_factory=list)  # held before this run (first list_bookings)
    made: dict[str, str] = field(default_factory=dict)  # item key -> booking id, from our book calls
    budget: float | None = None
    spent: float = 0.0
    budget_known: bool = False
    notes: list[str] = field(default_factory=list)  # what the traveller should hear (price changes, edits)
    refunds: dict[str, tuple[float, float]] = field(default_factory=dict)  # cancelled id -> (refund, fee)

    @classmethod
    def read(cls, b: Belief) -> Ledger:
        led = cls()
        wrote = False
        for c in b.calls:
            if not c.ok or not isinstance(c.data, dict):
                continue
            d = c.data
            if c.name == "get_budget":
                led.budget, led.spent, led.budget_known = d.get("budget"), float(d.get("spent") or 0.0), True
            elif c.name == "list_bookings":
                for row in d.get("bookings", []):
                    bk = Booked.read(row)
                    led.bookings[bk.id] = bk
                    if not wrote and bk.status != "cancelled" and bk.id not in led.existing:
                        led.existing.append(bk.id)
            elif c.name in BOOK_TOOLS and "booking_id" in d:
                wrote = True
                bk = Booked.read(d)
                led.bookings[bk.id] = bk
                led.made[item_key(c.name, c.args)] = bk.id
                led.spent += float(d.get("charged") or 0.0)
                if bk.item_id != str(c.args.get("flight_id") or c.args.get("hotel_id")):
                    led.notes.append(
                        f"you changed {c.args.get('flight_id') or c.args.get('hotel_id')} to {bk.item_id}"
                    )
            elif c.name == "cancel_booking" and "booking_id" in d:
                wrote = True
                bk = Booked.read(d)
                led.bookings[bk.id] = bk
                refund, fee = float(d.get("refund") or 0.0), float(d.get("fee") or 0.0)
                led.refunds[bk.id] = (refund, fee)
                led.spent += fee - refund
        return led

    @property
    def confirmed(self) -> list[Booked]:
        return [bk for bk in self.bookings.values() if bk.status == "confirmed"]

    @property
    def ours(self) -> list[Booked]:
        return [bk for bk in self.bookings.values() if bk.id not in self.existing]


def item_key(tool: str, args: dict[str, Any]) -> str:
    """``flight:AX100-2027-01-20`` or ``hotel:H-JFK-04/2027-01-20/2027-01-24``, from call arguments or a plan item."""
    if tool in ("book_flight", "flight"):
        return f"flight:{args.get('flight_id') or args.get('id')}"
    details = args.get("details") or args
    return (
        f"hotel:{args.get('hotel_id') or args.get('id')}/{details.get('check_in')}/{details.get('check_out')}"
    )


def refund_estimate(bk: Booked, today: str) -> float:
    """What cancelling ``bk`` gives back, from the cancellation terms the booking shows."""
    terms = bk.cancellation.lower()
    if terms.startswith("refundable"):
        return bk.total
    m = re.search(r"free cancellation until (\d{4}-\d{2}-\d{2})", terms)
    if m and today <= m.group(1):
        return bk.total
    fee = re.search(r"(\d+)% fee", terms)
    if m and fee:
        return round(bk.total * (1 - int(fee.group(1)) / 100), 2)
    return 0.0


@dataclass
class Proposal:
    call: Call
    status: str  # approved | approved_alternative | edited | rejected | responded | failed | pending
    items: list[dict[str, Any]]  # what to book if approved (after the traveller's changes)
    reason: str = ""
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def approved(self) -> bool:
        return self.status in APPROVED


def proposals(b: Belief) -> list[Proposal]:
    out = []
    for c in b.calls:
        if c.name != "propose_itinerary":
            continue
        items = list(c.args.get("items") or [])
        if c.ok is None:
            out.append(Proposal(c, "pending", items))
            continue
        d = c.data if isinstance(c.data, dict) else {}
        status = str(d.get("status") or ("failed" if not c.ok else "approved"))
        if not c.ok:
            out.append(Proposal(c, "failed", items, c.message))
        elif status == "approved_alternative":
            plan = d.get("plan") or {}
            out.append(Proposal(c, status, list(plan.get("items") or []), str(plan.get("note") or "")))
        elif status == "edited":
            out.append(Proposal(c, status, items, changes=dict(d.get("changes") or {})))
        elif status == "responded":
            text = str(d.get("text") or "")
            out.append(Proposal(c, "approved" if _YES.search(text) else "rejected", items, text))
        else:
            out.append(Proposal(c, status, items, str(d.get("reason") or "")))
    return out


def failures_after(b: Belief, seq: int) -> list[Call]:
    """Booking and cancellation calls after call number ``seq`` that failed."""
    return [c for c in b.calls if c.seq > seq and c.name in (*BOOK_TOOLS, "cancel_booking") and c.ok is False]


def human_reasons(b: Belief) -> list[str]:
    """Everything the traveller said when turning something down (proposals and bookings), the
    catalog's codes in it in plain words (``masked``): what a refusal says of the trip, read with it."""
    results = [c.data for c in b.calls if c.name.startswith("search_") and c.ok and isinstance(c.data, dict)]
    out = [
        masked(
            p.reason, plan_names(p.items, results, p.reason, b.said)
        )  # "booked on Boreal Airways" asks for no Boreal
        for p in proposals(b)
        if p.status == "rejected" and p.reason
    ]
    for c in b.calls:
        if c.ok is False and c.code == "rejected" and ":" in c.message:
            out.append(c.message.split(":", 1)[1].strip())
        elif c.ok and c.name in BOOK_TOOLS and isinstance(c.data, dict) and "human_response" in c.data:
            out.append(str(c.data["human_response"]))
    codes = catalog_names(results)
    return [masked(r, codes) for r in out]


def plan_key(items: list[dict[str, Any]]) -> tuple[str, ...]:
    flights = tuple(str(it.get("id")) for it in items if it.get("kind") == "flight")
    hotels = tuple(
        f"{it.get('id')}/{(it.get('details') or {}).get('check_in')}/{(it.get('details') or {}).get('check_out')}"
        for it in items
        if it.get("kind") == "hotel"
    )
    return flights + hotels
