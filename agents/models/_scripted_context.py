"""Everything the scripted model works out from the conversation before it decides a step.

``Context`` parses the request (and the traveller's later words), shapes the trip, reads the ledger,
the calendar and the search results, learns what to avoid from failures and refusals, and ranks the
plans. It is rebuilt from scratch on every model call, so the model has no hidden memory: the same
conversation always gives the same picture.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Any

from agents.models._scripted_belief import Belief
from agents.models._scripted_flow import Ledger, Proposal, human_reasons, item_key, proposals, refund_estimate
from agents.models._scripted_nlu import TripRequest, money_limits, parse_request
from agents.models._scripted_options import NOISE, Avoid, FlightOpt, HotelOpt, Scorer
from agents.models._scripted_plans import Leg, Plan, Ranking, StaySpec, Trip, rank
from agents.models._scripted_prefs import LAST, Window, name_weight, parse_prefs
from agents.models._scripted_quirks import Quirks, drop_one

_PRICE = re.compile(r"now costs \$([\d,]+(?:\.\d+)?)")
_PARTY = re.compile(r"the party is (\d+)")
_CHEAPER = re.compile(
    r"\b(cheaper|too expensive|less expensive|over (?:the |my )?budget|too much|lower price|cost less|pricey)\b",
    re.I,
)


class Context:
    def __init__(self, b: Belief, quirks: Quirks):
        self.b = b
        self.quirks = quirks
        self.today = b.today
        self.explained: set[int] = set()  # rejected proposals whose reason fits their own plan

    # -- the request ------------------------------------------------------------------------------
    @cached_property
    def profile(self) -> dict[str, Any]:
        c = self.b.latest("get_traveler_profile")
        return c.data if c and isinstance(c.data, dict) else {}

    @cached_property
    def req(self) -> TripRequest:
        req = parse_request([self.b.request, *self.b.answers], self.today)
        key = self.b.request
        if self.quirks.fires("wrong_date", key) and req.dates:
            req.dates[0] += dt.timedelta(days=1)
        if self.quirks.fires("drop_preference", key):
            drop_one(req.prefs, key)
        for reason in human_reasons(self.b):
            parse_prefs(reason, (req.origin, req.destinations), weight=2.0, into=req.prefs)
            limits = money_limits(reason, TripRequest())
            req.hotel_cap = (
                min(x for x in (req.hotel_cap, limits.hotel_cap) if x) if limits.hotel_cap else req.hotel_cap
            )
            req.nightly_cap = (
                min(x for x in (req.nightly_cap, limits.nightly_cap) if x)
                if limits.nightly_cap
                else req.nightly_cap
            )
        return req

    @property
    def travellers_known(self) -> bool:
        return self.req.travellers is not None or int(self.profile.get("party_size") or 0) == 1

    @cached_property
    def trip(self) -> Trip:
        req = self.req
        origin = req.origin or str(self.profile.get("home") or "")
        stops = [origin, *req.destinations] + ([origin] if req.returns else [])
        dates = list(req.dates)
        n = len(stops) - 1
        if len(dates) > n:
            dates = dates[: n - 1] + dates[-1:] if n > 1 else dates[:1]
        legs = [Leg(stops[i], stops[i + 1], dates[i]) for i in range(min(n, len(dates)))]
        stays = []
        if req.hotel:
            for i, city in enumerate(req.destinations):
                if i < len(legs) - 1:
                    stays.append(StaySpec(city, i))
                elif i == len(legs) - 1 and not req.returns:
                    stays.append(StaySpec(city, i, req.nights or 1))
        pax = req.travellers or int(self.profile.get("party_size") or 1)
        pax = self.party_override or pax
        rooms = req.rooms or (pax if re.search(r"separate rooms|a room each", self.b.request, re.I) else 1)
        cabin = req.prefs.cabin or str(self.profile.get("cabin") or "economy")
        caps = [c for c in (req.budget, self.ledger.budget) if c]
        cap = None if self.quirks.fires("overspend", self.b.request) else (min(caps) if caps else None)
        cap = (
            min(cap, self.feedback_cap) if cap is not None and self.feedback_cap else cap or self.feedback_cap
        )
        return Trip(legs, stays, pax, rooms, cabin, cap, req.nightly_cap)

    @cached_property
    def party_override(self) -> int | None:
        for c in self.b.calls:
            if c.code == "blocked" and (m := _PARTY.search(c.message)):
                return int(m.group(1))
        return None

    # -- what the tools said -------------------------------------------------------------------------
    @cached_property
    def ledger(self) -> Ledger:
        return Ledger.read(self.b)

    @cached_property
    def calendar(self) -> list[tuple[dt.datetime, dt.datetime, str]]:
        c = self.b.latest("get_calendar")
        events = (c.data or {}).get("events", []) if c and isinstance(c.data, dict) else []
        out = []
        for e in events:
            if e.get("source", "traveler") == "traveler":
                out.append(
                    (
                        dt.datetime.fromisoformat(e["start"]),
                        dt.datetime.fromisoformat(e["end"]),
                        str(e.get("title", "")),
                    )
                )
        return out

    def flight_args(self, i: int) -> dict[str, Any]:
        leg = self.trip.legs[i]
        return {"origin": leg.origin, "destination": leg.destination, "date": str(leg.date),
                "passengers": self.trip.pax, "cabin": self.trip.cabin}  # fmt: skip

    def hotel_args(self, j: int, ci: dt.date, co: dt.date) -> dict[str, Any]:
        return {
            "city": self.trip.stays[j].city,
            "check_in": str(ci),
            "check_out": str(co),
            "rooms": self.trip.rooms,
        }

    @cached_property
    def flights(self) -> list[list[FlightOpt]]:
        out = []
        for i in range(len(self.trip.legs)):
            data = self.b.result("search_flights", self.flight_args(i)) or {}
            out.append([FlightOpt.read(f, self.trip.pax) for f in data.get("flights", [])])
        return out

    def hotels(self, j: int, ci: dt.date, co: dt.date) -> list[HotelOpt] | None:
        args = self.hotel_args(j, ci, co)
        data = self.b.result("search_hotels", args)
        if data is None:
            return None if self.b.needs("search_hotels", args) else []
        return [HotelOpt.read(h, ci, co, self.trip.rooms) for h in data.get("hotels", [])]

    def find_flight(self, fid: str) -> FlightOpt | None:
        return next((f for opts in self.flights for f in opts if f.id == fid), None)

    def find_hotel(self, hid: str, ci: str, co: str) -> HotelOpt | None:
        for j in range(len(self.trip.stays)):
            for h in self.hotels(j, dt.date.fromisoformat(ci), dt.date.fromisoformat(co)) or []:
                if h.id == hid:
                    return h
        return None

    # -- what to avoid -------------------------------------------------------------------------------
    @cached_property
    def props(self) -> list[Proposal]:
        return proposals(self.b)

    @cached_property
    def avoid(self) -> Avoid:
        av = Avoid()
        for c in self.b.calls:
            item = str(c.args.get("flight_id") or c.args.get("hotel_id") or "")
            if c.ok is None or not item:
                continue
            if c.name == "get_hotel" and c.ok and isinstance(c.data, dict):
                noisy = [r for r in c.data.get("reviews", []) if NOISE.search(str(r.get("text", "")))]
                if len(noisy) >= 2 and self.req.prefs.quiet:
                    av.noisy.add(item)
            if c.name not in ("book_flight", "book_hotel") or (
                c.ok and "human_response" not in (c.data or {})
            ):
                continue
            if c.code == "price_changed" and (m := _PRICE.search(c.message)):
                av.prices[item] = float(m.group(1).replace(",", ""))
            elif c.code in ("sold_out", "not_found", "invalid_argument", "invalid_dates", "in_the_past"):
                av.ids[item] = "sold out" if c.code == "sold_out" else c.message
            elif c.code == "rejected" or (c.ok and isinstance(c.data, dict) and "human_response" in c.data):
                av.ids[item] = "you turned it down"
            elif (
                c.code == "blocked" and "no_duplicate" not in c.message and "passenger_count" not in c.message
            ):
                av.ids[item] = c.message.split(": ", 1)[-1]
            elif c.retryable and len(self.b.attempts(c.name, c.args)) >= 3:
                av.ids[item] = "the booking service kept failing"
        self._learn_from_rejections(av)
        return av

    def _learn_from_rejections(self, av: Avoid) -> None:
        for p in self.props:
            if p.status != "rejected" or not p.reason:
                continue
            ids = [str(it.get("id")) for it in p.items]
            hotel_ids = [i for it, i in zip(p.items, ids, strict=True) if it.get("kind") == "hotel"]
            flights = [f for i in ids if (f := self.find_flight(i)) is not None]
            named = {h.hood for h in self.all_hotels if h.hood and name_weight(p.reason, h.hood) > 0}
            if named:  # "Our office is in Canary Wharf": from now on, only hotels there
                av.hoods |= named
                plan_hotels = [self.hotel_by_id(i) for i in hotel_ids]
                if plan_hotels and all(h is not None and h.hood in named for h in plan_hotels):
                    self.explained.add(p.call.seq)  # the plan was right; the alternatives it listed were not
                hotel_ids = [
                    i for i in hotel_ids if (h := self.hotel_by_id(i)) is None or h.hood not in named
                ]
            about_hotel = re.search(r"\bhotel\b", p.reason, re.I) and not re.search(
                r"\b(flights?|fly|airlines?|airways)\b", p.reason, re.I
            )
            if about_hotel or re.search(
                r"\b(different|another|other|not (?:that|this)|don't like the|hate the)\s+hotel\b",
                p.reason,
                re.I,
            ):
                av.ids.update({h: "you asked for a different hotel" for h in hotel_ids})
            if re.search(r"\b(different|another|other)\s+flights?\b", p.reason, re.I):
                av.ids.update({f.id: "you asked for a different flight" for f in flights})
            for word, later in (("later", True), ("earlier", False)):
                if not re.search(rf"\b{word}\b", p.reason, re.I):
                    continue
                back = re.search(r"\b(back|return|home)\b", p.reason, re.I)
                for i, f in enumerate(flights):
                    leg = i if i < len(self.trip.legs) else LAST
                    if (
                        back
                        and leg != len(flights) - 1
                        or re.search(r"\b(out|outbound|there)\b", p.reason, re.I)
                        and leg != 0
                    ):
                        continue
                    t = f.depart.hour * 60 + f.depart.minute
                    w = (
                        Window("depart", t + 1, 24 * 60 - 1, leg, 1.0, True)
                        if later
                        else Window("depart", 0, t - 1, leg, 1.0, True)
                    )
                    self.req.prefs.windows.append(w)

    @cached_property
    def feedback_cap(self) -> float | None:
        caps = [
            float(p.call.args.get("total") or 0) - 1
            for p in proposals(self.b)
            if p.status == "rejected" and _CHEAPER.search(p.reason)
        ]
        return min(caps) if caps else None

    @cached_property
    def all_hotels(self) -> list[HotelOpt]:
        """Every hotel any search returned (for names and neighbourhoods)."""
        out = []
        for c in self.b.done("search_hotels"):
            if c.ok and isinstance(c.data, dict):
                out += [HotelOpt.read(h, self.today, self.today, 1) for h in c.data.get("hotels", [])]
        return out

    def hotel_by_id(self, hid: str) -> HotelOpt | None:
        return next((h for h in self.all_hotels if h.id == hid), None)

    @cached_property
    def unknown_place(self) -> str | None:
        """A place the hotel should be near that no neighbourhood in the results names ("near the office")."""
        m = re.search(r"\bnear (?:the|our|my|his|her|their) (\w+)", self.req.prefs.text, re.I)
        if m is None or m.group(1).lower() in ("airport", "station", "centre", "center", "beach", "city"):
            return None
        hoods = {h.hood for h in self.all_hotels}
        if not hoods or any(name_weight(self.req.prefs.text, hood) > 0 for hood in hoods if hood):
            return None
        return m.group(1)

    # -- plans ---------------------------------------------------------------------------------------
    @cached_property
    def to_cancel(self) -> list[str]:
        """The traveller's own bookings they asked to cancel: those the new trip does not reuse."""
        if not self.req.change:
            return []
        keep = set(self.fixed_bookings.values())
        return [bid for bid in self.ledger.existing if bid not in keep]

    @cached_property
    def fixed_bookings(self) -> dict[str, str]:
        """Plan slots already booked and still right ("leg:0" / "stay:0" -> booking id)."""
        out: dict[str, str] = {}
        for bk in self.ledger.confirmed:
            for i, leg in enumerate(self.trip.legs):
                f = self.find_flight(bk.item_id) if bk.kind == "flight" else None
                if f and (f.origin, f.destination, f.depart.date()) == (
                    leg.origin,
                    leg.destination,
                    leg.date,
                ):
                    out.setdefault(f"leg:{i}", bk.id)
        for bk in self.ledger.confirmed:
            if bk.kind != "hotel":
                continue
            for j, s in enumerate(self.trip.stays):
                h = self.find_hotel(bk.item_id, str(bk.check_in), str(bk.check_out))
                if h and h.city == s.city and f"stay:{j}" not in out:
                    out[f"stay:{j}"] = bk.id
        return out

    @cached_property
    def scorer(self) -> Scorer:
        loyalty = set((self.profile.get("loyalty") or {}).keys())
        same_day = {
            s.after_leg
            for s in self.trip.stays
            if self.req.nights
            and s.after_leg + 1 < len(self.trip.legs)
            and (self.trip.legs[s.after_leg + 1].date - self.trip.legs[s.after_leg].date).days
            == self.req.nights
        }  # "two nights" between the flights: the inbound flight must land the day it leaves
        return Scorer(self.req.prefs, len(self.trip.legs), len(self.trip.stays), self.trip.cap, self.calendar,
                      loyalty, self.req.arrive_dates, self.req.in_time_for, self.avoid, same_day,
                      self.req.hotel_cap)  # fmt: skip

    @cached_property
    def ranking(self) -> Ranking:
        flights = [list(opts) for opts in self.flights]
        fixed_cost = 0.0
        for slot, bid in self.fixed_bookings.items():
            bk = self.ledger.bookings[bid]
            if slot.startswith("leg:") and (f := self.find_flight(bk.item_id)):
                flights[int(slot[4:])] = [f]
                fixed_cost += bk.total
        fixed_stays = {
            int(s[5:]): self.ledger.bookings[b]
            for s, b in self.fixed_bookings.items()
            if s.startswith("stay:")
        }
        fixed_cost += sum(bk.total for bk in fixed_stays.values())

        def hotels(j: int, ci: dt.date, co: dt.date) -> list[HotelOpt] | None:
            if j in fixed_stays:
                bk = fixed_stays[j]
                h = self.find_hotel(bk.item_id, str(bk.check_in), str(bk.check_out))
                return [h] if h else []
            return self.hotels(j, ci, co)

        refunds = sum(
            refund_estimate(self.ledger.bookings[b], str(self.today))
            for b in self.to_cancel
            if self.ledger.bookings[b].status != "cancelled"
        )
        _ = self.avoid  # learns which rejections the plan itself did not deserve
        rejected = frozenset(
            plan_key(p.items)
            for p in self.props
            if p.status == "rejected" and p.call.seq not in self.explained
        )
        return rank(self.trip, self.scorer, flights, hotels, committed=self.ledger.spent - refunds,
                    fixed_cost=fixed_cost, rejected=rejected)  # fmt: skip

    def remaining_cost(self, items: list[dict[str, Any]]) -> float:
        """What the items of a plan not booked yet will cost (at today's known prices)."""
        total = 0.0
        for it in items:
            if (
                it.get("kind") in ("flight", "hotel")
                and item_key(str(it["kind"]), it) not in self.ledger.made
            ):
                total += self.avoid.prices.get(str(it.get("id")), float(it.get("price") or 0.0))
        return total


def plan_key(items: list[dict[str, Any]]) -> tuple[str, ...]:
    flights = tuple(str(it.get("id")) for it in items if it.get("kind") == "flight")
    hotels = tuple(
        f"{it.get('id')}/{(it.get('details') or {}).get('check_in')}/{(it.get('details') or {}).get('check_out')}"
        for it in items
        if it.get("kind") == "hotel"
    )
    return flights + hotels


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
    for f in plan.flights:
        booked = next((b for b in fixed if ctx.ledger.bookings[b].item_id == f.id), None)
        details = {"route": f"{f.origin}-{f.destination}", "depart": f.depart.isoformat(), "arrive": f.arrive.isoformat(),
                   "stops": f.stops, "cabin": ctx.trip.cabin, "passengers": ctx.trip.pax}  # fmt: skip
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
