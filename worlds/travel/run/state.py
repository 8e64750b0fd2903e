"""The per-run state of the travel world: the only thing a run changes.

It is small (bookings, inventory deltas, the money ledger, calendar entries, the executed tool calls
and the faults that fired) and never copies the catalog: seats and rooms left are computed as catalog
capacity minus ``seats_taken``/``rooms_taken``. It has one canonical serialisation (sorted-key compact
JSON), a stable sha256 hash over it, and ``load(dump())`` restores it exactly.

Fields changed by the call machinery rather than by tools (see ``env.TravelEnv.call``):

- ``CALL_RECORD_FIELDS`` — ``tool_calls`` and ``call_counts``: every executed call is recorded,
  including calls that fail.
- ``FAULT_FIELDS`` — ``price_changes``, ``sold_out``, ``stale`` and ``faults_fired``: the world's
  own changes made by injected faults, which happen before the tool runs and stay even if it fails.

Everything else changes only when a WRITE tool succeeds.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from worlds.travel.catalog import pricing
from worlds.travel.records import Cabin, CatalogLookup
from worlds.travel.scenario import HeldBooking, TravelScenario

CALL_RECORD_FIELDS: tuple[str, ...] = ("tool_calls", "call_counts")
FAULT_FIELDS: tuple[str, ...] = ("price_changes", "sold_out", "stale", "faults_fired")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CancelTerms(_Model):
    """The item's cancellation terms when it was booked (a snapshot: the catalog view is not consulted)."""

    refundable: bool = Field(description="Flights: full refund on cancel. Hotels: free_cancel_days >= 0.")
    free_cancel_days: int | None = Field(
        None, description="Hotels: free until this many days before check-in."
    )
    cancel_fee_pct: int | None = Field(None, description="Hotels: fee, in percent of the stay, after that.")


class Booking(_Model):
    id: str = Field(description='"B0001", "B0002", ... in booking order.')
    kind: Literal["flight", "hotel"]
    item_id: str
    status: Literal["held", "confirmed", "cancelled"]
    cabin: Cabin | None = None
    passengers: int | None = None
    seat: Literal["aisle", "window"] | None = Field(None, description="Flights: the seat asked for, if any.")
    check_in: date | None = None
    check_out: date | None = None
    rooms: int | None = None
    special_requests: str | None = Field(
        None, description="Hotels: the free text passed to the hotel with the booking, if any."
    )
    price_cents: int = Field(ge=0, description="Total price of the booking, all passengers/rooms/nights.")
    terms: CancelTerms
    created_at: AwareDatetime
    call_id: str

    @property
    def active(self) -> bool:
        return self.status != "cancelled"

    @model_serializer(mode="wrap")
    def _without_empty_seat(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """No ``seat`` (``special_requests``) key when none was given, so states from before seats (and
        special requests) dump (and hash) as they did."""
        data: dict[str, Any] = handler(self)
        for key in ("seat", "special_requests"):
            if data.get(key) is None:
                data.pop(key, None)
        return data


class LedgerEntry(_Model):
    seq: int = Field(ge=1)
    kind: Literal["charge", "fee", "refund"]
    amount_cents: int = Field(gt=0)
    booking_id: str
    memo: str


class CalendarEntry(_Model):
    id: str = Field(description='"E001", ... (traveller events first, in scenario order).')
    title: str
    start: AwareDatetime
    end: AwareDatetime
    source: Literal["traveler", "agent"]
    booking_id: str | None = None
    description: str | None = Field(None, description="Free text of a traveller's event, if any.")

    @model_serializer(mode="wrap")
    def _without_empty_description(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """No ``description`` key when there is none, so states from before descriptions hash as they did."""
        data: dict[str, Any] = handler(self)
        if data.get("description") is None:
            data.pop("description", None)
        return data


class ToolCallRecord(_Model):
    seq: int = Field(ge=1)
    call_id: str
    tool: str
    args: dict[str, Any]
    result: dict[str, Any] = Field(description="ToolResult.model_dump(mode='json').")
    fault: str | None = Field(None, description="The injected fault that fired on this call, if any.")


class TravelState(_Model):
    clock: AwareDatetime
    budget_cents: int | None = None
    bookings: dict[str, Booking] = Field(default_factory=dict)
    seats_taken: dict[str, int] = Field(default_factory=dict, description='"{flight_id}/{cabin}" -> seats')
    rooms_taken: dict[str, int] = Field(
        default_factory=dict, description='"{hotel_id}/{YYYY-MM-DD}" -> rooms'
    )
    ledger: list[LedgerEntry] = Field(default_factory=list)
    calendar: list[CalendarEntry] = Field(default_factory=list)
    tool_calls: list[ToolCallRecord] = Field(default_factory=list)
    call_counts: dict[str, int] = Field(default_factory=dict)
    price_changes: dict[str, float] = Field(default_factory=dict, description="item id -> percent change")
    sold_out: list[str] = Field(default_factory=list, description="Items sold out by a fault (sorted).")
    stale: list[str] = Field(
        default_factory=list, description="Items searches still show but cannot be booked."
    )
    faults_fired: dict[str, int] = Field(
        default_factory=dict,
        description="fault index -> times fired; \"index@item\" -> 1 once an 'any' fault struck that item",
    )
    next_booking_no: int = 1
    next_event_no: int = 1

    @classmethod
    def from_scenario(cls, scenario: TravelScenario, view: CatalogLookup) -> TravelState:
        """The state a run starts from: the clock, the budget, the traveller's calendar and the bookings
        they already hold (``traveler.bookings``).

        Held bookings become confirmed bookings B0001, B0002, ... in order, each charged to the ledger
        (``price``, or today's price), with its seats or rooms taken and, for a flight, its calendar
        entry, exactly as if ``book_flight``/``book_hotel`` had made it, looked up in ``view`` (the
        scenario's catalog view). An id the catalog does not have is a ``ValueError`` naming
        ``traveler.bookings.<i>``.
        """
        traveler = scenario.traveler
        calendar = [
            CalendarEntry(
                id=f"E{i:03d}",
                title=ev.title,
                start=ev.start,
                end=ev.end,
                source="traveler",
                description=ev.description,
            )
            for i, ev in enumerate(traveler.calendar, start=1)
        ]
        budget = None if traveler.budget is None else round(traveler.budget * 100)
        state = cls(
            clock=scenario.world.now,
            budget_cents=budget,
            calendar=calendar,
            next_event_no=len(calendar) + 1,
        )
        if traveler.bookings:
            for i, held in enumerate(traveler.bookings):
                state._hold(held, view, f"traveler.bookings.{i}")
        return state

    def _hold(self, held: HeldBooking, view: CatalogLookup, where: str) -> None:
        """Add one booking the traveller held before the run (see ``from_scenario``)."""
        bid = self.new_booking_id()
        fields: dict[str, Any]
        if held.kind == "flight":
            f = view.flight(held.flight_id)
            if f is None:
                raise ValueError(f"{where}.flight_id: unknown flight {held.flight_id!r}")
            price = pricing.fare_cents(f, held.cabin, self.clock) * held.passengers
            terms = CancelTerms(refundable=f.refundable)
            fields = {"item_id": f.id, "cabin": held.cabin, "passengers": held.passengers}
            key = f"{f.id}/{held.cabin}"
            self.seats_taken[key] = self.seats_taken.get(key, 0) + held.passengers
            title = f"Flight {f.airline}{f.number} {f.origin} to {f.destination}"
            self.calendar.append(
                CalendarEntry(
                    id=self.new_event_id(),
                    title=title,
                    start=f.depart,
                    end=f.arrive,
                    source="agent",
                    booking_id=bid,
                )
            )
        else:
            h = view.hotel(held.hotel_id)
            if h is None:
                raise ValueError(f"{where}.hotel_id: unknown hotel {held.hotel_id!r}")
            price = pricing.stay_cents(h, held.check_in, held.check_out, held.rooms)
            terms = CancelTerms(
                refundable=h.free_cancel_days >= 0,
                free_cancel_days=h.free_cancel_days,
                cancel_fee_pct=h.cancel_fee_pct,
            )
            fields = {
                "item_id": h.id,
                "check_in": held.check_in,
                "check_out": held.check_out,
                "rooms": held.rooms,
            }
            for d in range((held.check_out - held.check_in).days):
                key = f"{h.id}/{held.check_in + timedelta(days=d)}"
                self.rooms_taken[key] = self.rooms_taken.get(key, 0) + held.rooms
        if held.price is not None:
            price = round(held.price * 100)
        self.bookings[bid] = Booking(
            id=bid,
            kind=held.kind,
            status="confirmed",
            price_cents=price,
            terms=terms,
            created_at=self.clock,
            call_id="held-before-run",
            **fields,
        )
        self.add_ledger("charge", price, bid, f"{held.kind} {fields['item_id']}")

    # -- money -------------------------------------------------------------------------------------

    @property
    def spent_cents(self) -> int:
        """Charges plus fees minus refunds."""
        total = 0
        for e in self.ledger:
            total += -e.amount_cents if e.kind == "refund" else e.amount_cents
        return total

    @property
    def remaining_cents(self) -> int | None:
        """Budget left (may be negative when overspent); None when the traveller set no budget."""
        return None if self.budget_cents is None else self.budget_cents - self.spent_cents

    def add_ledger(
        self, kind: Literal["charge", "fee", "refund"], amount: int, booking_id: str, memo: str
    ) -> None:
        """Append a ledger entry; zero amounts are not recorded."""
        if amount > 0:
            self.ledger.append(
                LedgerEntry(
                    seq=len(self.ledger) + 1, kind=kind, amount_cents=amount, booking_id=booking_id, memo=memo
                )
            )

    def booking_net_cents(self, booking_id: str) -> int:
        """What one booking costs so far: its charges and fees minus its refunds."""
        return sum(
            -e.amount_cents if e.kind == "refund" else e.amount_cents
            for e in self.ledger
            if e.booking_id == booking_id
        )

    # -- ids ---------------------------------------------------------------------------------------

    def new_booking_id(self) -> str:
        bid = f"B{self.next_booking_no:04d}"
        self.next_booking_no += 1
        return bid

    def new_event_id(self) -> str:
        eid = f"E{self.next_event_no:03d}"
        self.next_event_no += 1
        return eid

    # -- serialisation -----------------------------------------------------------------------------

    def canonical(self) -> str:
        """Sorted-key compact JSON: the same state always gives the same text."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))

    def hash(self) -> str:
        """sha256 hex of ``canonical()``."""
        return hashlib.sha256(self.canonical().encode()).hexdigest()

    def dump(self) -> str:
        """The text ``load`` reads back (the canonical form)."""
        return self.canonical()

    @classmethod
    def load(cls, text: str | bytes) -> TravelState:
        """Restore a state from ``dump()``; ``load(s.dump()) == s`` and dumps are identical."""
        return cls.model_validate_json(text)
