"""Flight and hotel options read from tool results, and how well each fits the traveller's wishes.

Search results (JSON an LLM reads) become ``FlightOpt`` / ``HotelOpt``; ``Scorer`` rates them the way
the traveller's words weigh things: every wish is worth its weight (shared across the legs or stays it
concerns, as "non-stop" for a round trip is half per flight), and money is worth ``cheap`` x the share
of the budget it leaves. Hard wishes ("no overnight flights", "must be free to cancel") and facts
(sold out, calendar clashes, what the traveller refused) exclude an option instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from agents.models._scripted_extremes import extreme_score
from agents.models._scripted_limits import Limits, near_limit
from agents.models._scripted_prefs import DAY, Prefs, name_weight

NOISE = re.compile(
    r"\b(noise|noisy|construction|drilling|building work|renovation|loud|thin walls|earplugs)\b", re.I
)


def _time(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


@dataclass(frozen=True)
class FlightOpt:
    id: str
    airline: str
    airline_name: str
    number: str
    origin: str
    destination: str
    depart: dt.datetime
    arrive: dt.datetime
    stops: int
    refundable: bool
    total: float
    cabin: str
    passengers: int
    available: bool

    @classmethod
    def read(cls, f: dict[str, Any], passengers: int) -> FlightOpt:
        return cls(
            str(f["flight_id"]), str(f.get("airline", "")), str(f.get("airline_name", "")),
            str(f.get("flight_number", f["flight_id"])), str(f.get("origin", "")), str(f.get("destination", "")),
            _time(f["depart"]), _time(f["arrive"]), int(f.get("stops", 0)), bool(f.get("refundable")),
            float(f.get("total_price") or 0.0), str(f.get("cabin", "economy")), passengers,
            bool(f.get("available", True)),
        )  # fmt: skip

    @property
    def overnight(self) -> bool:
        """Lands on a later day, leaving late or landing in the small hours."""
        return self.arrive.date() > self.depart.date() and (self.depart.hour >= 20 or self.arrive.hour < 7)

    def describe(self) -> str:
        stops = "non-stop" if self.stops == 0 else f"{self.stops} stop{'s' * (self.stops > 1)}"
        return (
            f"{self.airline_name or self.airline} {self.number} {self.origin}->{self.destination} "
            f"{self.depart:%a %d %b %H:%M} -> {self.arrive:%a %d %b %H:%M} ({stops})"
        )


@dataclass(frozen=True)
class HotelOpt:
    id: str
    name: str
    city: str
    hood: str
    stars: int
    rating: float
    amenities: tuple[str, ...]
    total: float
    price: float
    check_in: dt.date
    check_out: dt.date
    rooms: int
    refundable: bool
    available: bool

    @classmethod
    def read(cls, h: dict[str, Any], check_in: dt.date, check_out: dt.date, rooms: int) -> HotelOpt:
        terms = str(h.get("cancellation", "")).lower()
        return cls(
            str(h["hotel_id"]), str(h.get("name", h["hotel_id"])), str(h.get("city", "")),
            str(h.get("neighbourhood", "")), int(h.get("stars", 0)), float(h.get("rating", 0.0)),
            tuple(str(a) for a in h.get("amenities", [])), float(h.get("total_price") or 0.0),
            float(h.get("price") or 0.0), check_in, check_out, rooms,
            terms.startswith("free cancellation") or terms.startswith("refundable"), bool(h.get("available", True)),
        )  # fmt: skip

    def describe(self) -> str:
        return f"{self.name} ({self.hood}, {self.stars}-star, rating {self.rating:g})"


@dataclass
class Avoid:
    """What must not be booked, learnt from the traveller and from failures."""

    ids: dict[str, str] = field(default_factory=dict)  # flight/hotel id -> why
    airlines: set[str] = field(default_factory=set)
    prices: dict[str, float] = field(default_factory=dict)  # id -> the higher total it now costs
    noisy: set[str] = field(default_factory=set)
    hoods: set[str] = field(default_factory=set)  # neighbourhoods the traveller insisted on
    hood_cities: dict[str, set[str]] = field(default_factory=dict)  # such an area -> its cities
    reviews: dict[str, dict[str, float]] = field(
        default_factory=dict
    )  # hotel id -> topic -> share praising it


@dataclass
class Scorer:
    prefs: Prefs
    n_legs: int
    n_stays: int
    budget_ref: float | None
    calendar: list[tuple[dt.datetime, dt.datetime, str]] = field(default_factory=list)
    loyalty: set[str] = field(default_factory=set)
    arrive_dates: list[dt.date] = field(default_factory=list)
    in_time_for: bool = False
    avoid: Avoid = field(default_factory=Avoid)
    land_same_day: set[int] = field(default_factory=set)  # legs whose landing day the hotel nights fix
    hotel_cap: float | None = None  # the most one stay may cost
    limits: Limits | None = None  # the intent's hard limits per leg and per stay

    # -- money ------------------------------------------------------------------------------------
    def money(self, total: float, ref: float) -> float:
        return self.prefs.cheap * (1.0 - total / ref) if ref > 0 else 0.0

    def nonstop_weight(self) -> float:
        p = self.prefs
        if p.nonstop_dollars is not None and self.budget_ref:
            return p.cheap * p.nonstop_dollars * self.n_legs / self.budget_ref
        return p.nonstop

    # -- flights ----------------------------------------------------------------------------------
    def flight_problem(self, f: FlightOpt, leg: int) -> str | None:
        """Why ``f`` cannot be booked for leg ``leg``, or None."""
        p, last = self.prefs, leg == self.n_legs - 1
        if f.id in self.avoid.ids:
            return self.avoid.ids[f.id]
        if not f.available:
            return "sold out"
        if f.airline in self.avoid.airlines or airline_weight(p.text, f.airline_name) < 0:
            return f"you asked to avoid {f.airline_name or f.airline}"
        if p.no_overnight and f.overnight:
            return "an overnight flight"
        if p.hard_nonstop and f.stops:
            return "not non-stop"
        if p.max_stops is not None and f.stops > p.max_stops:
            return f"{f.stops} stops (at most {p.max_stops})"
        if "flight" in p.refundable_only and not f.refundable:
            return "a non-refundable fare"
        if (
            leg in p.same_day or (last and -1 in p.same_day) or leg in self.land_same_day
        ) and f.arrive.date() != f.depart.date():
            return "does not land the same day"
        for w in p.windows:
            if (
                w.hard
                and w.concerns(leg, self.n_legs)
                and not w.hit(_minutes(f.arrive if w.kind == "arrive" else f.depart))
            ):
                return f"outside the times you need ({w.kind})"
        if self.limits is not None and (broken := self.limits.flight(f, leg)):
            return broken
        for start, end, title in self.calendar:
            if f.depart < end and start < f.arrive:
                return f"clashes with '{title}' in your calendar"
        if self.in_time_for and leg == 0 and self._late_for_event(f):
            return "lands too late for your appointment"
        return None

    def _late_for_event(self, f: FlightOpt) -> bool:
        later = [
            s
            for s, _, _ in self.calendar
            if s >= f.depart and s.date() <= f.depart.date() + dt.timedelta(days=1)
        ]
        return f.arrive.date() != f.depart.date() or any(f.arrive > s for s in later[:1])

    def flight_score(self, f: FlightOpt, leg: int) -> float:
        p, n = self.prefs, self.n_legs
        score = self.nonstop_weight() / n if f.stops == 0 else 0.0
        for w in p.windows:
            if w.concerns(leg, n) and w.hit(_minutes(f.arrive if w.kind == "arrive" else f.depart)):
                score += w.weight if w.leg is not None else w.weight / n
        named = airline_weight(p.text, f.airline_name) if f.airline_name else 0.0
        score += max(named, 0.0) / n + (0.1 / n if f.airline in self.loyalty else 0.0)
        score += extreme_score(p.extremes, f.depart, leg, n)  # "the first flight out", "the last one home"
        if p.overnight.get(leg) and f.overnight:
            score += p.overnight[leg]
        if leg == 0 and self.arrive_dates and f.arrive.date() in self.arrive_dates:
            score += 1.0
        if f.refundable:
            score += p.refundable / (n + self.n_stays)
        if self.limits is not None and leg < len(self.limits.legs) and n > 1:  # out soon, home late
            score += near_limit(self.limits.legs[leg], f, leg == 0, leg == n - 1)
        return score

    # -- hotels -----------------------------------------------------------------------------------
    def hotel_problem(self, h: HotelOpt, nightly_cap: float | None) -> str | None:
        p = self.prefs
        if h.id in self.avoid.ids:
            return self.avoid.ids[h.id]
        if not h.available:
            return "no rooms left"
        if name_weight(p.text, h.name) < 0 or (
            h.hood and h.hood not in self.avoid.hoods and name_weight(p.text, h.hood) < 0
        ):  # an area insisted on stands, though a refusal said "not Montmartre" of a plan elsewhere
            return "you asked to avoid it"
        if "hotel" in p.refundable_only and not h.refundable:
            return "it cannot be cancelled for free"
        if nightly_cap is not None and h.price > nightly_cap:
            return f"over your ${nightly_cap:,.0f} a night"
        if self.hotel_cap is not None and self.avoid.prices.get(h.id, h.total) > self.hotel_cap:
            return f"over your ${self.hotel_cap:,.0f} for the hotel"
        if self.limits is not None and (broken := self.limits.hotel(h)):
            return broken
        # an area is in one city: "it has to be in LoDo" limits the Denver hotels, not Chicago's
        hoods = {x for x in self.avoid.hoods if h.city in self.avoid.hood_cities.get(x, {h.city})}
        if hoods and h.hood not in hoods:
            return f"not in {' or '.join(sorted(hoods))}"
        if h.id in self.avoid.noisy:
            return "guest reviews complain about noise"
        return None

    def hotel_score(self, h: HotelOpt) -> float:
        p, m = self.prefs, max(self.n_stays, 1)
        score = 0.0
        if p.stars and h.stars >= p.stars:
            score += p.stars_weight / m
        have = {a.replace("-", " ").lower() for a in h.amenities}
        score += sum(w for a, w in p.amenities.items() if a.replace("-", " ") in have) / m
        if p.rating is not None and h.rating >= p.rating:
            score += p.rating_weight / m
        elif p.rating is not None and p.rating_said and h.rating > p.rating - 1.0:
            # "good reviews" gives no number: a hotel just under the floor read for the words fits
            # them nearly as well, not as badly as the worst
            score += p.rating_weight * (1.0 - (p.rating - h.rating)) / m
        if p.rating_best:  # the higher the better: nothing for 5 or less, all of it from 9
            score += p.rating_weight * min(1.0, max(0.0, (h.rating - 5.0) / 4.0)) / m
        said, read = self.avoid.reviews.get(h.id, {}), self.avoid.reviews.values()
        for topic, w in p.reviews.items():  # "quiet": as quiet as the quietest hotel read, in full
            top = max((r.get(topic, 0.0) for r in read), default=0.0)
            score += w * said.get(topic, 0.0) / top / m if top > 0 else 0.0
        hood = name_weight(p.text, h.hood) if h.hood else 0.0
        score += max(hood, 0.0) * (2.0 if p.location_first else 1.0) * p.hood_scale / m
        score += max(name_weight(p.text, h.name), 0.0) / m
        if h.refundable:
            score += p.refundable / (self.n_legs + self.n_stays)
        return score


def airline_weight(text: str, name: str) -> float:
    """How much ``text`` asks for the airline ``name``, also when it is called by its first word, as
    people shorten them ("I always fly Kestrel", "no Boreal"): avoided when either form is."""
    full = name_weight(text, name)
    short = _AIRLINE_SUFFIX.sub("", name.strip())
    if short == name.strip() or len(short) < 4:
        return full
    both = (full, name_weight(text, short))
    return min(both) if min(both) < 0 else max(both)


_AIRLINE_SUFFIX = re.compile(r"\s+(?:air|airlines?|airways)$", re.I)


def _minutes(t: dt.datetime) -> int:
    return (t.hour * 60 + t.minute) % DAY
