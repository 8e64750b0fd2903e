"""The scripted model's next step: understand -> gather -> propose -> book -> verify -> report.

``Strategy(belief, tools, quirks).next()`` works out the whole picture again (``Context``) and returns
the first thing not done yet: a batch of tool calls or a text. Steps are tagged with the phase they
belong to; under a graph that names its phase in the system prompt (``PHASE: gather``), a step whose
tools are not bound ends the phase instead, so the graph can move on: ``scripted.py`` signals it with
the graph's ``finish_phase`` call (``replan`` when a booking failed and the plan must change) and a
short summary (``_scripted_text.phase_end``). ``Strategy.context`` is the ``Context``
class that reads the conversation; a subclass of either may change one decision and keep the rest.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from agents.models import _scripted_nofit as nofit
from agents.models import _scripted_text as say
from agents.models._scripted_belief import Belief, Call
from agents.models._scripted_context import Context
from agents.models._scripted_flow import BOOK_TOOLS, item_key, refund_estimate
from agents.models._scripted_intent import narrower, question
from agents.models._scripted_lexicon import CITY_NAMES
from agents.models._scripted_plans import Plan
from agents.models._scripted_quirks import Quirks
from agents.models._scripted_rebook import booking_order
from agents.models._scripted_reviews import review_candidates
from agents.models._scripted_rooms import rooms_question

MAX_ASKS, MAX_PROPOSALS, MAX_TRIES, REVIEWS_PER_STAY = 2, 4, 3, 3
REVIEW_READS = 6  # at most this many hotels' reviews read per stay, when a wish depends on them
WRITES = frozenset({*BOOK_TOOLS, "cancel_booking"})


@dataclass
class Step:
    phase: str  # understand | gather | propose | book | verify | report
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    text: str = ""


def confidence(utilities: list[float]) -> float:
    """How sure the model is: a logistic of the utility margin between the best and second-best plan."""
    if len(utilities) < 2:
        return 0.9
    gap = max(0.0, utilities[0] - utilities[1])
    return round(0.5 + 0.47 * math.tanh(gap / 0.4), 2)


class Strategy:
    context: ClassVar[type[Context]] = Context  # how the conversation is read (subclasses may swap it)

    def __init__(self, b: Belief, tools: frozenset[str], quirks: Quirks):
        self.b, self.tools, self.quirks = b, tools, quirks
        self.ctx = self.context(b, quirks)
        self.why: str | None = None  # why nothing (more) will be booked

    def avail(self, name: str) -> bool:
        return name in self.tools if self.b.phase is None else True

    def needs(self, name: str, args: dict[str, Any] | None = None) -> bool:
        return self.avail(name) and self.b.needs(name, args or {}, MAX_TRIES)

    @property
    def wrote(self) -> list[Call]:
        return [c for c in self.b.calls if c.name in WRITES and c.ok is not None]

    # -- the pipeline -------------------------------------------------------------------------------
    def next(self) -> Step:
        return self.understand() or self.gather() or self.plan_and_book() or self.verify() or self.report()

    def understand(self) -> Step | None:
        if self.needs("get_traveler_profile"):
            return Step("understand", [("get_traveler_profile", {})])
        if self.looks_first:  # read it once the bookings or calendar are known
            return None
        return self.clarify("understand")

    @property
    def looks_first(self) -> bool:
        """The request is read again once the bookings or calendar it depends on are known; and before
        asking about anything open, a careful agent looks at what the traveller already holds (a
        held booking may be what the words change: "the Compass Inn", "my hotel booking")."""
        ctx = self.ctx
        unlisted = not self.b.done("list_bookings") and not self.wrote
        return ctx.awaits_bookings or ctx.awaits_calendar or (unlisted and bool(ctx.missing))

    def clarify(self, phase: str) -> Step | None:
        """Ask about the first hard field the intent leaves open (not asked yet); with nothing to ask
        and nothing to book, say so."""
        ctx = self.ctx
        missing = ctx.missing
        if missing and len(self.b.done("ask_user")) < MAX_ASKS and self.avail("ask_user"):
            asked = [str(c.args.get("question", "")) for c in self.b.calls if c.name == "ask_user"]
            names = {c: n for c, n in CITY_NAMES.items()}
            texts = [question(m, ctx.intent, names) for m in missing]
            q = next((t for t in texts if t not in asked), None) or narrower(missing[0], ctx.intent, names)
            return Step(phase, [("ask_user", {"question": q})])
        if missing or ctx.nothing_to_do:
            self.why = say.missing_text(missing or ["dates"])
            return self.report()
        asked = [str(c.args.get("question", "")) for c in self.b.calls if c.name == "ask_user"]
        left = MAX_ASKS - len(self.b.done("ask_user")) if self.avail("ask_user") else 0
        if rooms_q := rooms_question(ctx.intent, asked, left):  # open rooms: asked, never a refusal
            return Step(phase, [("ask_user", {"question": rooms_q})])
        return None

    def gather(self) -> Step | None:
        ctx = self.ctx
        batch: list[tuple[str, dict[str, Any]]] = [
            (n, {}) for n in ("get_budget", "get_calendar") if self.needs(n)
        ]
        if not self.wrote and self.needs("list_bookings"):
            batch.append(("list_bookings", {}))
        if batch and self.looks_first:  # read once they are known
            return Step("gather", batch)
        if (step := self.clarify("gather")) is not None:
            return step
        batch += [
            ("search_flights", a)
            for i, leg in enumerate(ctx.trip.legs)
            for day in leg.days  # each day of a window of days ("Thursday or Friday")
            if self.needs("search_flights", a := ctx.flight_args(i, day))
        ]
        if batch:
            return Step("gather", batch)
        hotel_calls: list[tuple[str, dict[str, Any]]] = []
        for j, ci, co in ctx.ranking.missing:
            args = ctx.hotel_args(j, ci, co)
            if self.needs("search_hotels", args) and ("search_hotels", args) not in hotel_calls:
                hotel_calls.append(("search_hotels", args))
        hotel_calls = hotel_calls or [c for c in nofit.refusal_hotel_searches(ctx) if self.needs(*c)]
        if hotel_calls:
            return Step("gather", hotel_calls)
        place = ctx.unknown_place
        if place and self.avail("ask_user") and len(self.b.done("ask_user")) < MAX_ASKS:
            q = f"Where exactly is the {place} (which neighbourhood or area), so I can find a hotel near it?"
            if not any(c.args.get("question") == q for c in self.b.calls):
                return Step("gather", [("ask_user", {"question": q})])
        if (ctx.prefs.quiet or ctx.prefs.reviews) and self.avail("get_hotel"):
            looked = {str(c.args.get("hotel_id")) for c in self.b.calls if c.name == "get_hotel"}
            top: list[str] = []
            for plan in ctx.ranking.plans:
                top += [h.id for h in plan.hotels if h.id not in top]
            n = max(1, len(ctx.trip.stays))
            top = top[: REVIEWS_PER_STAY * n] + review_candidates(ctx)  # what reviews could change
            todo = [h for h in dict.fromkeys(top) if h not in looked][: REVIEW_READS * n - len(looked)]
            if todo:
                return Step("gather", [("get_hotel", {"hotel_id": h}) for h in todo])
        return None

    def plan_and_book(self) -> Step | None:
        props = self.ctx.props
        last = props[-1] if props else None
        reason = last.reason if last and not last.approved else None
        if last is not None and last.status == "rejected" and reason:
            # their words are theirs ("you booked the wrong hotel" of a plan): not said back as the agent's
            reason = "you turned down my last proposal"
        if last is None and not self.avail("propose_itinerary"):
            return self._direct()
        if last is not None and last.approved:
            step, problem = self.execute(self.ctx.approved_items(last), last.call.seq)
            if step is not None or problem is None:
                return step
            reason = problem
        return self.propose(reason)

    def _direct(self) -> Step | None:
        """No way to ask for approval: book the best plan straight away."""
        plans = self.ctx.ranking.plans
        if not plans:
            if ask := self._ask_to_relax():
                return ask
            self.why = say.no_plan_text(self.ctx)
            return None
        step, problem = self.execute(plan_items(self.ctx, plans[0]), -1)
        self.why = problem
        return step

    def _ask_to_relax(self) -> Step | None:
        """Before giving up: which limit blocks, what comes closest, and may it be booked anyway."""
        if not self.avail("ask_user") or len(self.b.done("ask_user")) >= MAX_ASKS:
            return None
        q = nofit.relax_question(self.ctx)
        return Step("propose", [("ask_user", {"question": q})]) if q else None

    def propose(self, reason: str | None) -> Step | None:
        ctx = self.ctx
        if len(ctx.props) >= MAX_PROPOSALS:
            self.why = f"you did not approve any of the {len(ctx.props)} plans I proposed" + (
                f" ({reason})" if reason else ""
            )
            return None
        plans = ctx.ranking.plans
        if not plans:
            if not reason and (ask := self._ask_to_relax()):
                return ask
            self.why = say.no_plan_text(ctx) if not reason else f"{reason}, and no other option fits"
            return None
        conf = confidence([p.utility for p in plans])
        items = plan_items(ctx, plans[0])
        args = {
            "items": items,
            "total": round(sum(float(it["price"]) for it in items if it["kind"] != "cancellation"), 2),
            "rationale": say.rationale(ctx, plans[0], reason),
            "confidence": conf,
            "alternatives": [
                {
                    "items": plan_items(ctx, p),
                    "total": round(p.total, 2),
                    "note": say.alt_note(ctx, plans[0], p),
                }
                for p in plans[1:3]
            ],
            "assumptions": ctx.intent.assumptions,
        }
        return Step("propose", [("propose_itinerary", args)])

    # -- booking ------------------------------------------------------------------------------------
    def execute(self, items: list[dict[str, Any]], after: int) -> tuple[Step | None, str | None]:
        """The next call that books the approved ``items``; or (None, why) when the plan cannot be
        completed and must change; (None, None) when everything is booked."""
        led = self.ctx.ledger
        for it in booking_order(items, led, self.ctx.avoid.prices):  # replacements before what they replace
            if it.get("kind") == "cancellation":
                bid = str(it["id"])
                if led.bookings.get(bid) and led.bookings[bid].status == "cancelled":
                    continue
                tries = [
                    c
                    for c in self.b.calls
                    if c.seq > after
                    and c.name == "cancel_booking"
                    and c.args.get("booking_id") == bid
                    and c.ok is not None
                ]
                if not tries or (tries[-1].retryable and len(tries) < MAX_TRIES):
                    return Step("book", [("cancel_booking", {"booking_id": bid})]), None
                continue
            tool = "book_flight" if it["kind"] == "flight" else "book_hotel"
            key = item_key(str(it["kind"]), it)
            bid = led.made.get(key) or str((it.get("details") or {}).get("already_booked") or "")
            if bid and led.bookings.get(bid) and led.bookings[bid].status == "confirmed":
                continue
            tries = [
                c
                for c in self.b.calls
                if c.seq > after and c.name == tool and item_key(tool, c.args) == key and c.ok is not None
            ]
            args = self.book_args(it, self.ctx.avoid.prices.get(str(it["id"]), float(it.get("price") or 0.0)))
            if not tries or (tries[-1].ok and sum(bool(t.ok) for t in tries) < 2):
                return Step("book", [(tool, args)]), None
            t = tries[-1]
            if t.ok or (t.code == "blocked" and "no_duplicate" in t.message):
                continue
            streak = (
                len(tries)
                - next((k for k in range(len(tries) - 1, -1, -1) if not tries[k].retryable), -1)
                - 1
            )
            if t.retryable and streak < MAX_TRIES:
                return Step("book", [(tool, t.args)]), None
            if t.code == "price_changed" and str(it["id"]) in self.ctx.avoid.prices:
                new = self.ctx.avoid.prices[str(it["id"])]
                if self.fits(items) and not any(float(c.args.get("max_price") or 0) >= new for c in tries):
                    return Step("book", [(tool, args)]), None
                return (
                    None,
                    f"the price of {it['id']} went up to ${new:,.2f}, which no longer fits "
                    + say.cap_fit_words(self.ctx),
                )
            return None, say.failure_text(it, t)
        return None, None

    def fits(self, items: list[dict[str, Any]]) -> bool:
        cap = self.ctx.trip.cap
        return cap is None or self.ctx.ledger.spent + self.ctx.remaining_cost(items) <= cap + 0.005

    def book_args(self, it: dict[str, Any], price: float) -> dict[str, Any]:
        d, trip = it.get("details") or {}, self.ctx.trip
        notes = {
            "rationale": f"Part of the itinerary you approved: {it['id']}.",
            "confidence": self.stated_confidence(),
        }
        if it["kind"] == "flight":
            seat = (
                {"seat": self.seat} if self.seat else {}
            )  # the seat the traveller sits in, as a careful agent books it
            return {"flight_id": it["id"], "passengers": int(d.get("passengers") or trip.pax),
                    "cabin": str(d.get("cabin") or trip.cabin), "max_price": round(price, 2), **seat, **notes}  # fmt: skip
        return {"hotel_id": it["id"], "check_in": d.get("check_in"), "check_out": d.get("check_out"),
                "rooms": int(d.get("rooms") or trip.rooms), "max_price": round(price, 2), **notes}  # fmt: skip

    @property
    def seat(self) -> str | None:
        """ "An aisle seat" / "by the window" in the request, else the profile's seat (not "any")."""
        said = re.findall(
            r"\b(aisle|window)\b(?=\s+seats?\b)|\bseat by the (window|aisle)\b", self.b.request, re.I
        )
        if said:
            return [w for pair in said for w in pair if w][-1].lower()
        seat = str(self.ctx.profile.get("seat") or "")
        return seat if seat in ("aisle", "window") else None

    def stated_confidence(self) -> float:
        for p in reversed(self.ctx.props):
            c = p.call.args.get("confidence")
            if isinstance(c, int | float):
                return float(c)
        return 0.8

    # -- checking and reporting -----------------------------------------------------------------------
    def verify(self) -> Step | None:
        wrote = [c for c in self.wrote if c.ok]
        if not wrote or self.quirks.fires("skip_verify", self.b.request):
            return None
        last = max(c.seq for c in self.wrote)
        if not any(c.name == "list_bookings" and c.ok and c.seq > last for c in self.b.calls):
            calls: list[tuple[str, dict[str, Any]]] = [("list_bookings", {})]
            calls += [("get_budget", {})] if self.avail("get_budget") else []
            if self.avail("list_bookings"):
                return Step("verify", calls)
            return None
        for bid in self.extras():
            if not any(c.name == "cancel_booking" and c.args.get("booking_id") == bid for c in self.b.calls):
                return Step("verify", [("cancel_booking", {"booking_id": bid})])
        return None

    def extras(self) -> list[str]:
        """Bookings this run made that the approved plan does not contain (a slip: cancel them)."""
        props = self.ctx.props
        last = next((p for p in reversed(props) if p.approved), None)
        if last is None:
            return []
        wanted = {
            item_key(str(it["kind"]), it)
            for it in self.ctx.approved_items(last)
            if it.get("kind") in ("flight", "hotel")
        }
        kept = set(self.ctx.fixed_bookings.values())
        led = self.ctx.ledger
        return [
            bid
            for key, bid in led.made.items()
            if key not in wanted and bid not in kept and led.bookings[bid].status == "confirmed"
        ]

    def report(self) -> Step:
        return Step("report", text=say.report(self.ctx, self.why, self.quirks))


def plan_items(ctx: Context, plan: Plan) -> list[dict[str, Any]]:
    """A plan as ``propose_itinerary`` items: cancellations first, then flights, then hotels."""
    items: list[dict[str, Any]] = []
    for bid in ctx.to_cancel:
        bk = ctx.ledger.bookings[bid]
        refund = refund_estimate(bk, str(ctx.today))
        what = bk.route or bk.name or bk.item_id
        items.append(
            {
                "kind": "cancellation",
                "id": bid,
                "details": {"booking": what, "item": bk.item_id},
                "price": -refund,
            }
        )
    fixed = set(ctx.fixed_bookings.values())
    for i, f in enumerate(plan.flights):
        booked = next((b for b in fixed if ctx.ledger.bookings[b].item_id == f.id), None)
        details = {"route": f"{f.origin}-{f.destination}", "depart": f.depart.isoformat(), "arrive": f.arrive.isoformat(),
                   "stops": f.stops, "cabin": ctx.trip.cabin_for(i), "passengers": ctx.trip.pax}  # fmt: skip
        if booked:
            details["already_booked"] = booked
        items.append(
            {"kind": "flight", "id": f.id, "details": details, "price": ctx.avoid.prices.get(f.id, f.total)}
        )
    for h in plan.hotels:
        booked = next((b for b in fixed if ctx.ledger.bookings[b].item_id == h.id), None)
        details = {"name": h.name, "neighbourhood": h.hood, "stars": h.stars, "check_in": str(h.check_in),
                   "check_out": str(h.check_out), "rooms": ctx.trip.rooms}  # fmt: skip
        if booked:
            details["already_booked"] = booked
        items.append(
            {"kind": "hotel", "id": h.id, "details": details, "price": ctx.avoid.prices.get(h.id, h.total)}
        )
    return items
