"""What the scripted model learns from how things went: failed bookings, refusals and their reasons.

``learn_avoid`` turns sold-out items, guardrail blocks, human rejections, price rises and noisy reviews
into an ``Avoid`` (ids, airlines, prices, neighbourhoods insisted on); a refusal's reason also adds
wishes ("a later flight back") and may show that the plan was right and only its alternatives were
not. ``unknown_place`` spots a place the hotel should be near that no search result names.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Protocol

from agents.intent import StayIntent
from agents.models._scripted_belief import Belief
from agents.models._scripted_flow import Proposal, proposals
from agents.models._scripted_lexicon import number
from agents.models._scripted_limits import stay_areas
from agents.models._scripted_named import objections
from agents.models._scripted_options import NOISE, Avoid, FlightOpt, HotelOpt
from agents.models._scripted_plans import Trip
from agents.models._scripted_prefs import LAST, Prefs, Window, name_weight
from agents.models._scripted_reviews import shares as review_shares


class Seen(Protocol):
    """What learning reads from the model's picture of the conversation (``Context`` provides it)."""

    @property
    def b(self) -> Belief: ...
    @property
    def explained(self) -> set[int]: ...
    @property
    def prefs(self) -> Prefs: ...
    @property
    def trip(self) -> Trip: ...
    @property
    def props(self) -> list[Proposal]: ...
    @property
    def all_hotels(self) -> list[HotelOpt]: ...
    def find_flight(self, fid: str) -> FlightOpt | None: ...
    def hotel_by_id(self, hid: str) -> HotelOpt | None: ...


_PRICE = re.compile(r"now costs \$([\d,]+(?:\.\d+)?)")
_CHEAPER = re.compile(
    r"\b(cheaper|too expensive|less expensive|over (?:the |my )?budget|too much|lower price|cost less|pricey)\b",
    re.I,
)


def learn_avoid(ctx: Seen) -> Avoid:
    """What not to book, from failed bookings, refusals and reviews; notes rejections the plan did not deserve."""
    av = Avoid()
    for c in ctx.b.calls:
        item = str(c.args.get("flight_id") or c.args.get("hotel_id") or "")
        if c.ok is None or not item:
            continue
        if c.name == "get_hotel" and c.ok and isinstance(c.data, dict):
            noisy = [r for r in c.data.get("reviews", []) if NOISE.search(str(r.get("text", "")))]
            if len(noisy) >= 2 and ctx.prefs.quiet:
                av.noisy.add(item)
            av.reviews[item] = review_shares(c.data)
        if c.name not in ("book_flight", "book_hotel") or (c.ok and "human_response" not in (c.data or {})):
            continue
        if c.code == "price_changed" and (m := _PRICE.search(c.message)):
            av.prices[item] = float(m.group(1).replace(",", ""))
        elif c.code in ("sold_out", "not_found", "invalid_argument", "invalid_dates", "in_the_past"):
            av.ids[item] = "sold out" if c.code == "sold_out" else c.message
        elif c.code == "rejected" or (c.ok and isinstance(c.data, dict) and "human_response" in c.data):
            av.ids[item] = "you turned it down"
        elif c.code == "blocked" and "no_duplicate" not in c.message and "passenger_count" not in c.message:
            aligned = "hotel_nights_aligned" in c.message  # wrong dates, not a wrong hotel: once is a slip
            slips = [x for x in ctx.b.calls if x.code == "blocked" and x.args.get("hotel_id") == item]
            if not aligned or len(slips) >= 2:
                av.ids[item] = c.message.split(": ", 1)[-1]
        elif c.retryable and len(ctx.b.attempts(c.name, c.args)) >= 3:
            av.ids[item] = "the booking service kept failing"
    _learn_from_rejections(ctx, av)
    return av


def _learn_from_rejections(ctx: Seen, av: Avoid) -> None:
    for p in ctx.props:
        if p.status != "rejected" or not p.reason:
            continue
        ids = [str(it.get("id")) for it in p.items]
        hotel_ids = [i for it, i in zip(p.items, ids, strict=True) if it.get("kind") == "hotel"]
        flights = [f for i in ids if (f := ctx.find_flight(i) or _searched_flight(ctx, i)) is not None]
        plan = [h for i in hotel_ids if (h := ctx.hotel_by_id(i)) is not None]
        asked = ctx.b.said
        obj = objections(p.reason, flights, plan, {h.hood for h in ctx.all_hotels}, asked)
        av.ids.update(  # "a pet-friendly hotel I cannot use": none that has it
            {
                h.id: f"has {a}, which you turned down"
                for h in ctx.all_hotels
                for a in obj.amenities
                if a in h.amenities
            }
        )
        av.ids.update({i: "you turned it down" for i in obj.ids})  # "BQ105 is out", "not the Heron Palace"
        av.airlines |= obj.airlines  # "you booked me on Boreal, which I never fly"
        av.ids.update(
            {h.id: f"in {h.hood}, which you turned down" for h in ctx.all_hotels if h.hood in obj.hoods}
        )
        named = {h.hood for h in ctx.all_hotels if h.hood and name_weight(p.reason, h.hood) > 0}
        named = named - obj.hoods | obj.wanted_hoods  # "in Opera, not Montmartre": Montmartre
        if named:  # "Our office is in Canary Wharf": from now on, only hotels there
            av.hoods |= named
            plan_hotels = [ctx.hotel_by_id(i) for i in hotel_ids]
            if plan_hotels and all(h is not None and h.hood in named for h in plan_hotels):
                ctx.explained.add(p.call.seq)  # the plan was right; the alternatives it listed were not
            hotel_ids = [i for i in hotel_ids if (h := ctx.hotel_by_id(i)) is None or h.hood not in named]
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
            if not re.search(rf"\b{word}\b", p.reason, re.I) or _SHIFT.search(p.reason):
                continue
            back = re.search(r"\b(back|return|home)\b", p.reason, re.I)
            for i, f in enumerate(flights):
                leg = i if i < len(ctx.trip.legs) else LAST
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
                ctx.prefs.windows.append(w)


def _searched_flight(ctx: Seen, fid: str) -> FlightOpt | None:
    """A flight any search returned, also for a day the trip no longer has ("fly on the 5th instead")."""
    for c in ctx.b.done("search_flights"):
        for f in c.data.get("flights", []) if c.ok and isinstance(c.data, dict) else []:
            if str(f.get("flight_id")) == fid:
                return FlightOpt.read(f, int(c.args.get("passengers") or 1))
    return None


def feedback_cap(ctx: Seen) -> float | None:
    """A cap below the total of every plan rejected as too expensive."""
    caps = [
        float(p.call.args.get("total") or 0) - 1
        for p in proposals(ctx.b)
        if p.status == "rejected" and _CHEAPER.search(p.reason)
    ]
    return min(caps) if caps else None


def unknown_place(ctx: Seen) -> str | None:
    """A place the hotel should be near that no neighbourhood in the results names ("near the office")."""
    m = re.search(r"\bnear (?:the|our|my|his|her|their) (\w+)", ctx.prefs.text, re.I)
    if m is None or m.group(1).lower() in ("airport", "station", "centre", "center", "beach", "city"):
        return None
    hoods = {h.hood for h in ctx.all_hotels}
    if not hoods or any(name_weight(ctx.prefs.text, hood) > 0 for hood in hoods if hood):
        return None
    return m.group(1)


_SHIFT = re.compile(r"\b(a|one|two|three|\d) days? (later|earlier|sooner)\b", re.I)


def shift_dates(reason: str, dates: list[dt.date]) -> list[dt.date]:
    """Move a travel day as a refusal asks: "leave a day later", "come back two days earlier"."""
    m = _SHIFT.search(reason)
    if m is None or not dates:
        return dates
    n = (number(m.group(1)) or 1) * (1 if m.group(2).lower() == "later" else -1)
    back = re.search(r"\b(back|return\w*|home)\b", reason, re.I)
    out = re.search(r"\b(leave|leaving|out|outbound|depart\w*|go|going)\b", reason, re.I)
    moved = list(dates)
    for i in range(len(moved)):
        if (back and not out and i < len(moved) - 1) or (out and not back and i > 0):
            continue
        moved[i] += dt.timedelta(days=n)
    return moved


def with_areas(av: Avoid, stays: list[StayIntent], hotels: list[HotelOpt]) -> Avoid:
    """``av`` limited, too, to the areas the stays require (``stay_areas``), each in the cities whose
    search results name it (LoDo rules out no hotel outside Denver)."""
    av.hoods |= stay_areas(stays, {h.hood for h in hotels})
    for h in hotels:
        if h.hood in av.hoods and h.city:
            av.hood_cities.setdefault(h.hood, set()).add(h.city)
    return av
