"""What was true when a message was written: the run's bookings and money at a point of its trace.

The final state records, on every booking, the ``call_id`` of the call that made it, and the trace
orders every call's result and every message. So the state at any message is recovered without
replaying the world: a booking existed at a message when the result of the call that made it comes
earlier in the trace; it was cancelled (or confirmed, for a hold) there when the result of that
``cancel_booking`` (``confirm_booking``) call does. Money follows: a booking's charge counts from its
confirmation, its refund and fee from its cancellation. Bookings the traveller held before the run
(``PRE_RUN``) existed from the start. A booking whose call is not in the trace (a state built by hand)
counts as existing from the start.

Trace events are read in one place, ``read_event``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel

from worlds.travel.run import TravelEnv

PRE_RUN = "held-before-run"  # call_id of bookings the traveller already held when the run started
NEVER = math.inf


def read_event(event: Any) -> tuple[str, dict[str, Any]]:
    """``(type, data)`` of a trace event, whether a ``TraceEvent`` or its JSON dump."""
    if isinstance(event, dict):
        return str(event.get("type", "")), dict(event.get("data") or {})
    data = getattr(event, "data", None)
    if isinstance(data, BaseModel):  # a typed event: its data as a stored trace has it
        return str(getattr(event, "type", "")), data.model_dump(mode="json")
    return str(getattr(event, "type", "")), dict(data or {})


@dataclass(frozen=True)
class BookingFact:
    """One booking as it stood at the point in question."""

    id: str
    kind: str
    item_id: str
    status: str  # confirmed | held | cancelled
    pre_run: bool
    price_cents: int
    refund_cents: int
    fee_cents: int
    refundable: bool
    flight_number: str | None = None  # "AX112"
    route: tuple[str, str] | None = None
    city: str | None = None
    hotel_name: str | None = None
    dates: tuple[date, ...] = ()

    @property
    def made(self) -> bool:
        """Confirmed and made by this run (not one the traveller already held)."""
        return self.status == "confirmed" and not self.pre_run

    def names(self) -> set[str]:
        """Every way a message may name it: booking id, item id, flight number, hotel name."""
        return {x for x in (self.id, self.item_id, self.flight_number, self.hotel_name) if x}


@dataclass(frozen=True)
class Facts:
    """The run at one point: bookings, money, the request's legs and stays, the approved plan."""

    bookings: tuple[BookingFact, ...]
    budget_cents: int | None
    legs: tuple[tuple[str, str], ...]
    stays: tuple[str, ...]
    leg_days: tuple[tuple[date, date] | None, ...] = ()  # the departure days each leg asks for
    plan: tuple[tuple[str, str], ...] | None = None  # (kind, id) of the last approved plan's items
    charged: frozenset[int] = field(default_factory=frozenset)  # every fair reading of "total charged"
    trip_cents: int = 0  # what the bookings this run made and kept cost ("the trip costs $X in total")
    spent_cents: int = 0  # all money spent, net of refunds (bookings held before the run included)
    run_charged_cents: int = 0  # charges and fees of this run

    def booking(self, bid: str) -> BookingFact | None:
        return next((b for b in self.bookings if b.id == bid), None)

    def confirmed(self, kind: str | None = None) -> list[BookingFact]:
        return [b for b in self.bookings if b.status == "confirmed" and kind in (None, b.kind)]

    def made(self, kind: str | None = None) -> list[BookingFact]:
        return [b for b in self.confirmed(kind) if not b.pre_run]


@dataclass
class _Times:
    created: float
    confirmed: float
    cancelled: float


def _times(env: TravelEnv, events: Sequence[Any]) -> dict[str, _Times]:
    """When (trace position) each booking was made, confirmed and cancelled."""
    result_at: dict[str, int] = {}
    calls: dict[str, tuple[str, dict[str, Any]]] = {}
    for i, event in enumerate(events):
        kind, data = read_event(event)
        if kind == "tool_call" and isinstance(data.get("args"), dict):
            calls[str(data.get("id"))] = (str(data.get("tool")), data["args"])
        elif kind == "tool_result" and data.get("ok"):
            result_at.setdefault(str(data.get("id")), i)
    changes: dict[tuple[str, str], float] = {}
    for cid, (tool, args) in calls.items():
        if tool in ("cancel_booking", "confirm_booking") and cid in result_at:
            key = (tool, str(args.get("booking_id")))
            changes[key] = min(changes.get(key, NEVER), result_at[cid])
    out = {}
    for b in env.state.bookings.values():
        if b.call_id != PRE_RUN and b.call_id not in result_at:
            continue  # not made through the trace: taken as it stands at the end
        created = -1.0 if b.call_id == PRE_RUN else float(result_at[b.call_id])
        held = bool(calls.get(b.call_id, ("", {}))[1].get("hold"))
        confirmed = changes.get(("confirm_booking", b.id), NEVER) if held else created
        out[b.id] = _Times(created, confirmed, changes.get(("cancel_booking", b.id), NEVER))
    return out


def facts_at(env: TravelEnv, events: Sequence[Any] = (), at: float = NEVER) -> Facts:
    """The run as it stood just before trace position ``at`` (``NEVER``: the final state)."""
    times = _times(env, events) if events else {}
    state, view = env.state, env.view
    bookings: list[BookingFact] = []
    charges: dict[str, int] = {}
    for b in state.bookings.values():
        t = times.get(b.id)
        if t is None:  # as it stands at the end
            cancelled, confirmed = b.status == "cancelled", b.status != "held"
        elif t.created >= at:
            continue
        else:
            cancelled, confirmed = t.cancelled < at, t.confirmed < at
        status = "cancelled" if cancelled else ("confirmed" if confirmed else "held")
        money = {"charge": 0, "refund": 0, "fee": 0}
        for e in state.ledger:
            if e.booking_id == b.id and (
                t is None or (e.kind == "charge" and confirmed) or (e.kind != "charge" and cancelled)
            ):
                money[e.kind] += e.amount_cents
        charges[b.id] = money["charge"]
        fields: dict[str, Any] = {}
        if b.kind == "flight" and (f := view.flight(b.item_id)) is not None:
            fields = dict(
                flight_number=f"{f.airline}{f.number}",
                route=(f.origin, f.destination),
                dates=(f.depart.date(), f.arrive.date()),
            )
        elif b.kind == "hotel" and (h := view.hotel(b.item_id)) is not None:
            fields = dict(
                city=h.city, hotel_name=h.name, dates=tuple(d for d in (b.check_in, b.check_out) if d)
            )
        bookings.append(
            BookingFact(
                id=b.id,
                kind=b.kind,
                item_id=b.item_id,
                status=status,
                pre_run=b.call_id == PRE_RUN,
                price_cents=b.price_cents,
                refund_cents=money["refund"],
                fee_cents=money["fee"],
                refundable=b.terms.refundable,
                **fields,
            )
        )
    sc = env.scenario
    return Facts(
        bookings=tuple(bookings),
        budget_cents=state.budget_cents,
        legs=tuple((leg.origin, leg.destination) for leg in getattr(sc.constraints, "legs", [])),
        leg_days=tuple(_days(leg) for leg in getattr(sc.constraints, "legs", [])),
        stays=tuple(str(getattr(s, "city", "")) for s in getattr(sc.constraints, "stays", [])),
        plan=approved_plan(events, at) if events else None,
        charged=_charged(bookings, charges),
        spent_cents=sum(charges[b.id] - b.refund_cents + b.fee_cents for b in bookings),
        trip_cents=sum(b.price_cents for b in bookings if b.status == "confirmed" and not b.pre_run),
        run_charged_cents=sum(charges[b.id] + b.fee_cents for b in bookings if not b.pre_run)
        + sum(b.fee_cents for b in bookings if b.pre_run),
    )


def _days(leg: Any) -> tuple[date, date] | None:
    """The departure days a leg asks for (its date, or its window), None when it names none."""
    first = getattr(leg, "date", None) or getattr(leg, "earliest", None)
    last = getattr(leg, "date", None) or getattr(leg, "latest", None)
    return (first, last) if isinstance(first, date) and isinstance(last, date) else None


def _charged(bookings: Iterable[BookingFact], charges: dict[str, int]) -> frozenset[int]:
    """What "total charged" may fairly mean: all money spent (net of refunds), this run's net change,
    or this run's charges and fees before refunds."""
    bs = list(bookings)
    spent = sum(charges[b.id] - b.refund_cents + b.fee_cents for b in bs)
    pre = sum(charges[b.id] for b in bs if b.pre_run)
    gross = sum(charges[b.id] for b in bs if not b.pre_run) + sum(b.fee_cents for b in bs)
    return frozenset({spent, spent - pre, gross})


def approved_plan(events: Sequence[Any], at: float = NEVER) -> tuple[tuple[str, str], ...] | None:
    """The items (kind, id) of the last ``propose_itinerary`` the human approved before ``at``."""
    proposals: dict[str, dict[str, Any]] = {}
    plan = None
    for i, event in enumerate(events):
        if i >= at:
            break
        kind, data = read_event(event)
        if (
            kind == "tool_call"
            and data.get("tool") == "propose_itinerary"
            and isinstance(data.get("args"), dict)
        ):
            proposals[str(data.get("id"))] = data["args"]
        elif kind == "tool_result" and data.get("tool") == "propose_itinerary" and data.get("ok"):
            body = (data.get("result") or {}).get("result") or {}
            args = proposals.get(str(data.get("id")), {})
            status = body.get("status") if isinstance(body, dict) else None
            if status in ("approved", "edited"):
                items = args.get("items") or []
            elif status == "approved_alternative":
                items = (body.get("plan") or {}).get("items") or []
            else:
                continue
            plan = tuple((str(it.get("kind")), str(it.get("id"))) for it in items if isinstance(it, dict))
    return plan


@dataclass(frozen=True)
class Said:
    """A message to the traveller during the run: where it was said, at which trace position."""

    where: str
    text: str
    at: int


def mid_run_messages(events: Sequence[Any], final: str) -> list[Said]:
    """What the agent told the traveller before its report: assistant text without tool calls (calls of
    the agent's control tools, signals to its own graph such as ``finish_phase``, do not count: the
    gateway traced them as ``control`` events), ``ask_user`` questions, proposal rationales and notes,
    and the rationale given with any call."""
    said: list[Said] = []
    read = [read_event(event) for event in events]
    signals = {str(data.get("tool")) for kind, data in read if kind == "control"}
    for i, (kind, data) in enumerate(read):
        if kind != "message" or data.get("role") != "assistant":
            continue
        calls = [
            c for c in data.get("tool_calls") or [] if isinstance(c, dict) and c.get("name") not in signals
        ]
        text = str(data.get("content") or "")
        if not calls and text.strip():
            said.append(Said("message", text, i))
        for c in calls:
            raw = c.get("args")
            args: dict[str, Any] = raw if isinstance(raw, dict) else {}
            name = str(c.get("name"))
            if name == "ask_user" and args.get("question"):
                said.append(Said("ask_user question", str(args["question"]), i))
            elif args.get("rationale"):
                where = "proposal" if name == "propose_itinerary" else f"note on {name}"
                said.append(Said(where, str(args["rationale"]), i))
            for alt in args.get("alternatives") or [] if name == "propose_itinerary" else []:
                if isinstance(alt, dict) and alt.get("note"):
                    said.append(Said("proposal note", str(alt["note"]), i))
    last = [k for k, s in enumerate(said) if s.where == "message"]
    if last and said[last[-1]].text.strip() == (final or "").strip():
        del said[last[-1]]  # the report itself
    return said
