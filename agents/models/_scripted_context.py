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

from agents.intent import TripIntent
from agents.models._scripted_belief import Belief
from agents.models._scripted_flow import (
    Ledger,
    Proposal,
    human_reasons,
    item_key,
    plan_key,
    proposals,
    refund_estimate,
)
from agents.models._scripted_intent import (
    held_bookings,
    legs_and_stays,
    missing,
    read_intent,
    refers_to_calendar,
    refers_to_held,
    shift_legs,
)
from agents.models._scripted_learn import feedback_cap, learn_avoid, shift_dates, unknown_place, with_areas
from agents.models._scripted_limits import Limits, trip_nightly_cap, without_places
from agents.models._scripted_options import Avoid, FlightOpt, HotelOpt, Scorer
from agents.models._scripted_plans import Ranking, Trip, rank
from agents.models._scripted_prefs import Prefs, parse_prefs
from agents.models._scripted_priority import weigh_priorities
from agents.models._scripted_quirks import Quirks, drop_one, perturb_intent
from agents.models._scripted_relax import relaxed
from agents.models._scripted_search import flight_args, hotel_args, leg_flights, stay_hotels
from agents.models._scripted_slots import landing_days, replaced_items, unbooked_cost
from agents.models._scripted_soft_budget import soft_budget
from agents.models._scripted_superseded import drop_superseded
from agents.models._scripted_venue import calendar_entries, trip_span, venue_text
from agents.models._scripted_wishes import TOOL_CABINS, leg_cabins, prefs_from_intent

_PARTY = re.compile(r"the party is (\d+)")


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
    def prefs(self) -> Prefs:
        """How much each soft wish weighs when options are ranked: the wishes the intent reads
        (``_scripted_wishes``) over the weights, legs and emphasis the words give them
        (``_scripted_prefs``: "most of all", "a morning flight out"). Hard limits are ``limits``."""
        route = (self.trip_route[0], [c for c in self.trip_route[1:] if c])
        prefs = parse_prefs(self.b.said, route)
        if self._intent_reads_times:  # one reading of a time limit decides, on the leg it names:
            for w in prefs.windows:  # the intent's; the words' clock windows then only weigh
                w.hard = False
        for reason in human_reasons(self.b):
            parse_prefs(reason, route, weight=2.0, into=prefs)
        prefs_from_intent(self.intent, into=prefs)
        weigh_priorities(prefs, self.b.said)  # "but X matters more"
        prefs.text = drop_superseded(prefs.text)  # "in Buckhead ... P.S. correction: moved to Midtown"
        if near := venue_text(self.b.request, self.calendar, *trip_span(self.intent)):
            prefs.text = f"{prefs.text}\n{near}"  # "a hotel I can walk to the venue from": the event's area
        legs = self.intent.legs
        if self.intent.shape == "multi_city" and any(
            leg.depart_after or leg.depart_before or leg.arrive_after or leg.arrive_before for leg in legs
        ):  # a chain's times are required of the leg whose clause names it: the intent's limits decide
            for w in prefs.windows:
                w.hard = False
        if self.quirks.fires("drop_preference", self.b.request):
            drop_one(prefs, self.b.request)
        return prefs

    @property
    def _intent_reads_times(self) -> bool:
        """The intent read a time of day, as a limit on a leg or as a wish."""
        keys = ("depart_after", "depart_before", "arrive_after", "arrive_before")
        return any(getattr(leg, k) for leg in self.intent.legs for k in keys) or any(
            w.kind in ("depart_window", "arrive_window") for w in self.intent.wishes
        )

    @cached_property
    def trip_route(self) -> list[str | None]:
        """The cities of the trip in order (origin first), as the intent reads them."""
        legs = self.intent.legs
        return [legs[0].origin, *(leg.destination for leg in legs)] if legs else [None]

    @property
    def nights(self) -> int | None:
        """How many nights a stay lasts, when the words say so (\"for three nights\")."""
        return next((s.nights for s in self.intent.stays if s.nights), None)

    @cached_property
    def intent(self) -> TripIntent:
        """The request, the traveller's answers and their reasons for rejecting a plan, read into a
        ``TripIntent`` (``agents.intent``) against the profile, the calendar and the bookings they
        held: the trip the model plans, and what the proposal states as its assumptions."""
        reasons = human_reasons(self.b)
        intent = perturb_intent(
            read_intent(self.b, self.profile, self.calendar, reasons), self.quirks, self.b.request
        )
        shift_legs(intent, shift_dates, reasons)
        return intent

    @property
    def travellers_known(self) -> bool:
        asked = any("travelling" in str(c.args.get("question", "")) for c in self.b.done("ask_user"))
        stated = self.intent.travelers is not None and "travelers" not in self.intent.unknown
        return stated or int(self.profile.get("party_size") or 0) == 1 or asked

    @cached_property
    def missing(self) -> list[str]:
        """Hard fields the words leave open (``ask_user`` settles them, one at a time)."""
        return missing(self.intent, travellers_known=self.travellers_known, today=self.today)

    @property
    def awaits_bookings(self) -> bool:
        """The request is about bookings the traveller holds, which the model has not listed yet: it
        is read (and anything open asked) once they are known."""
        return held_bookings(self.b) is None and refers_to_held(self.b.request)

    @property
    def awaits_calendar(self) -> bool:
        """The request places a day by the traveller's calendar, which the model has not read yet:
        nothing is asked about the dates before it is."""
        return not self.b.done("get_calendar") and refers_to_calendar(self.b.request)

    @cached_property
    def trip(self) -> Trip:
        intent, home = self.intent, str(self.profile.get("home") or "") or None
        legs, stays = legs_and_stays(intent, home, held_bookings(self.b) or [], self.nights)
        pax = self.party_override or intent.travelers or int(self.profile.get("party_size") or 1)
        stated: str | None = next((leg.cabin for leg in intent.legs if leg.cabin), None)
        cabin = stated or self.prefs.cabin or str(self.profile.get("cabin") or "economy")
        cabin = TOOL_CABINS.get(cabin, cabin)  # the search tool's words: "premium", not "premium_economy"
        one = trip_nightly_cap(intent.stays)
        trip = Trip(legs, stays, pax, intent.rooms or 1, cabin, self._cap(intent.budget), one)
        trip.flights_cap = intent.flights_budget
        trip.leg_cabins = leg_cabins(intent, len(legs), str(self.profile.get("cabin") or "economy"))
        return trip

    def _cap(self, stated: float | None) -> float | None:
        caps = [c for c in (stated, self.ledger.budget) if c]
        cap = None if self.quirks.fires("overspend", self.b.request) else (min(caps) if caps else None)
        return (
            min(cap, self.feedback_cap) if cap is not None and self.feedback_cap else cap or self.feedback_cap
        )

    @property
    def nothing_to_do(self) -> bool:
        """No flight, no hotel and no cancellation: the intent leaves nothing to book."""
        return not self.trip.legs and not self.trip.stays and not self.to_cancel

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
        return calendar_entries(c.data if c else None)

    def flight_args(self, i: int, day: dt.date | None = None) -> dict[str, Any]:
        return flight_args(self.trip, i, day)

    def hotel_args(self, j: int, ci: dt.date, co: dt.date) -> dict[str, Any]:
        return hotel_args(self.trip, j, ci, co)

    @cached_property
    def flights(self) -> list[list[FlightOpt]]:
        return leg_flights(self.b, self.trip)  # every day of a window of days

    def hotels(self, j: int, ci: dt.date, co: dt.date) -> list[HotelOpt] | None:
        return stay_hotels(self.b, self.trip, j, ci, co)  # None: not searched yet

    def find_flight(self, fid: str) -> FlightOpt | None:
        return next((f for opts in self.flights for f in opts if f.id == fid), None)

    def find_hotel(self, hid: str, ci: str, co: str) -> HotelOpt | None:
        for j in range(len(self.trip.stays)):
            for h in self.hotels(j, dt.date.fromisoformat(ci), dt.date.fromisoformat(co)) or []:
                if h.id == hid:
                    return h
        return None

    def approved_items(self, p: Proposal) -> list[dict[str, Any]]:
        items = [dict(it) for it in p.items]
        ch = p.changes
        if isinstance(ch.get("items"), list):
            return list(ch["items"])
        for it in items:
            details = dict(it.get("details") or {})
            if it.get("kind") == "hotel" and ch.get("hotel_id"):
                it["id"] = str(ch["hotel_id"])
                h = self.find_hotel(it["id"], str(details.get("check_in")), str(details.get("check_out")))
                it["price"] = h.total if h else it.get("price")
            if it.get("kind") == "flight" and ch.get("flight_id"):
                f = self.find_flight(str(ch["flight_id"]))
                if f and details.get("route") == f"{f.origin}-{f.destination}":
                    it["id"], it["price"] = f.id, f.total
            for k in ("check_in", "check_out", "rooms", "passengers", "cabin"):
                if k in ch and (
                    k in details or it.get("kind") == ("flight" if k in ("passengers", "cabin") else "hotel")
                ):
                    details[k] = ch[k]
            it["details"] = details
        return items

    # -- what to avoid -------------------------------------------------------------------------------
    @cached_property
    def props(self) -> list[Proposal]:
        return proposals(self.b)

    @cached_property
    def avoid(self) -> Avoid:
        return with_areas(learn_avoid(self), self.intent.stays, self.all_hotels)  # "has to be in LoDo"

    @cached_property
    def feedback_cap(self) -> float | None:
        return feedback_cap(self)

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
        return unknown_place(self)

    # -- plans ---------------------------------------------------------------------------------------
    @cached_property
    def to_cancel(self) -> list[str]:
        """Held bookings the intent cancels; for a change that names none ("move everything"), those
        the new trip does not reuse. What the traveller keeps is never cancelled."""
        intent, existing = self.intent, self.ledger.existing
        keep = set(self.fixed_bookings.values()) | set(intent.keep)
        if intent.cancel:
            return [bid for bid in intent.cancel if bid in existing and bid not in keep]
        if intent.shape != "change":
            return []
        return [bid for bid in existing if bid not in keep]

    @cached_property
    def fixed_bookings(self) -> dict[str, str]:
        """Plan slots already booked and still right ("leg:0" / "stay:0" -> booking id): the traveller's
        own bookings and those made for an approved plan (not slips that booked something else)."""
        out: dict[str, str] = {}
        approved = {
            item_key(str(it.get("kind")), it)
            for p in self.props
            if p.approved
            for it in self.approved_items(p)
        }
        # a held booking the words cancel is not one of the new trip's, even where it matches a leg
        held = set(self.ledger.existing) - set(self.intent.cancel)
        meant = {bid for key, bid in self.ledger.made.items() if key in approved} | held
        confirmed = [bk for bk in self.ledger.confirmed if bk.id in meant]
        for bk in confirmed:
            for i, leg in enumerate(self.trip.legs):
                f = self.find_flight(bk.item_id) if bk.kind == "flight" else None
                if f and (f.origin, f.destination, f.depart.date()) == (
                    leg.origin,
                    leg.destination,
                    leg.date,
                ):
                    out.setdefault(f"leg:{i}", bk.id)
        for bk in confirmed:
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
        same_day, arrive = landing_days(self.intent, self.trip, self.nights)
        scorer = Scorer(
            self.prefs,
            len(self.trip.legs),
            len(self.trip.stays),
            self.trip.cap,
            self.calendar,
            loyalty,
            arrive,
            False,
            self.avoid,
            same_day,
            self.stay_cap,
            self.limits,
        )
        return relaxed(scorer, self.b)  # what the traveller agreed to take though it breaks a limit

    @property
    def stay_cap(self) -> float | None:
        """The most one stay may cost, all its nights: the intent's ("$600 for the hotel")."""
        return min((s.max_total for s in self.intent.stays if s.max_total), default=None)

    @cached_property
    def limits(self) -> Limits:
        """The intent's hard limits on the legs and stays the trip books."""
        places = {h.hood.replace("-", " ").strip().lower() for h in self.all_hotels if h.hood}
        legs = [without_places(leg, places) for leg in self.intent.legs[: len(self.trip.legs)]]
        return Limits(legs, list(self.intent.stays))

    @cached_property
    def replaced(self) -> set[str]:
        """The held bookings being cancelled, as what they are: booking the same again would change nothing."""
        return replaced_items(self.to_cancel, self.ledger)

    @cached_property
    def ranking(self) -> Ranking:
        flights = [
            [f for f in opts if f"flight:{f.id}/{self.trip.cabin_for(i)}" not in self.replaced]
            for i, opts in enumerate(self.flights)
        ]
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
            found = self.hotels(j, ci, co)
            if found is None:
                return None
            return [h for h in found if f"hotel:{h.id}/{h.check_in}/{h.check_out}" not in self.replaced]

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
        return soft_budget(self.trip, self.intent, self._cap, lambda: rank(self.trip, self.scorer, flights, hotels,
                           rejected=rejected, committed=self.ledger.spent - refunds, fixed_cost=fixed_cost))  # fmt: skip

    def remaining_cost(self, items: list[dict[str, Any]]) -> float:
        """What the items of a plan not booked yet will cost (at today's known prices)."""
        return unbooked_cost(items, self.ledger, self.avoid.prices)
