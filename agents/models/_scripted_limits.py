"""The intent's hard limits, checked against a search result: what rules a flight or a hotel out.

A ``TripIntent`` puts limits on each leg (depart after/before, land after/before, non-stop, at most
so many stops, airlines to avoid or the only ones allowed, refundable fares) and on each stay (stars,
rating, required amenities, a nightly cap, free cancellation). ``Limits`` answers why an option
breaks one, in words for the proposal and the report, or None. Soft wishes never rule anything out;
they are weighed by the scorer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from agents.intent import LegIntent, StayIntent


class FlightOpt(Protocol):  # what ``_scripted_options.FlightOpt`` shows of a flight
    @property
    def airline(self) -> str: ...

    @property
    def airline_name(self) -> str: ...

    @property
    def depart(self) -> dt.datetime: ...

    @property
    def arrive(self) -> dt.datetime: ...

    @property
    def stops(self) -> int: ...

    @property
    def refundable(self) -> bool: ...


class HotelOpt(Protocol):  # what ``_scripted_options.HotelOpt`` shows of a hotel
    @property
    def city(self) -> str: ...

    @property
    def stars(self) -> int: ...

    @property
    def rating(self) -> float: ...

    @property
    def amenities(self) -> tuple[str, ...]: ...

    @property
    def price(self) -> float: ...

    @property
    def refundable(self) -> bool: ...


def _norm(s: str) -> str:
    return s.replace("-", " ").replace("_", " ").strip().lower()


def _hhmm(t: dt.time) -> str:
    return t.strftime("%H:%M")


def without_places(leg: LegIntent, places: set[str]) -> LegIntent:
    """``leg`` without airline limits that name a place the hotel searches showed (a neighbourhood
    said of the stay, "only South Beach", is never a requirement on the flights)."""
    avoid = [a for a in leg.airlines_avoid if _norm(a) not in places]
    only = [a for a in leg.airlines_only if _norm(a) not in places]
    if (avoid, only) == (leg.airlines_avoid, leg.airlines_only):
        return leg
    return leg.model_copy(update={"airlines_avoid": avoid, "airlines_only": only})


@dataclass
class Limits:
    legs: list[LegIntent] = field(default_factory=list)  # in the order of the trip's legs
    stays: list[StayIntent] = field(default_factory=list)

    def flight(self, f: FlightOpt, leg: int) -> str | None:
        if leg >= len(self.legs):
            return None
        lim = self.legs[leg]
        dep, arr = f.depart.time(), f.arrive.time()
        # the arrival times are on the day the flight must land (a red-eye's next morning), else on
        # the day it leaves
        lands = lim.arrive_on or f.depart.date()
        late, early = f.arrive.date() > lands, f.arrive.date() < lands
        if lim.depart_after and dep < lim.depart_after:
            return f"leaves before {_hhmm(lim.depart_after)}"
        if lim.depart_before and dep > lim.depart_before:
            return f"leaves after {_hhmm(lim.depart_before)}"
        if lim.arrive_after and (early or (arr < lim.arrive_after and not late)):
            return f"lands before {_hhmm(lim.arrive_after)}"
        if lim.arrive_before and (late or arr > lim.arrive_before):
            return f"lands after {_hhmm(lim.arrive_before)}"
        if lim.arrive_on and f.arrive.date() != lim.arrive_on:
            return f"does not land on {lim.arrive_on:%a %d %b}"
        if lim.nonstop and f.stops:
            return "not non-stop"
        if lim.max_stops is not None and f.stops > lim.max_stops:
            return f"{f.stops} stops (at most {lim.max_stops})"
        names = {_norm(f.airline), _norm(f.airline_name)}
        short = _norm(f.airline_name).split()[:1]  # "Boreal" for Boreal Airways, as people say it
        names |= {short[0]} if short and len(short[0]) >= 4 else set()
        if any(_norm(a) in names for a in lim.airlines_avoid):
            return f"you asked to avoid {f.airline_name or f.airline}"
        if lim.airlines_only and not any(_norm(a) in names for a in lim.airlines_only):
            return f"not {' or '.join(lim.airlines_only)}"
        if lim.refundable and not f.refundable:
            return "a non-refundable fare"
        return None

    def hotel(self, h: HotelOpt) -> str | None:
        lim = next((s for s in self.stays if s.city in (h.city, None)), None)
        if lim is None:
            return None
        if lim.min_stars and h.stars < lim.min_stars:
            return f"{h.stars} stars (you need {lim.min_stars}+)"
        if lim.min_rating and h.rating < lim.min_rating:
            return f"rated {h.rating:g} (you need {lim.min_rating:g}+)"
        have = {_norm(a) for a in h.amenities}
        lacking = [a for a in lim.amenities if _norm(a) not in have]
        if lacking:
            return f"no {', '.join(lacking)}"
        if lim.max_nightly and h.price > lim.max_nightly + 0.005:
            return f"over your ${lim.max_nightly:,.0f} a night"
        if lim.refundable and not h.refundable:
            return "it cannot be cancelled for free"
        return None


def trip_nightly_cap(stays: list[StayIntent]) -> float | None:
    """The nightly cap every stay shares, or None: stays capped each at its own rate ("Boston up to
    $650, DC up to $500") are held to their own one by one (``Limits.hotel``), not all to the lowest."""
    caps = {s.max_nightly for s in stays}
    return caps.pop() if len(caps) == 1 else None


def stay_areas(stays: list[StayIntent], hoods: set[str]) -> set[str]:
    """The neighbourhoods the search results name that a stay requires ("it has to be in LoDo"); an
    area no result names ("downtown") rules nothing out: the words may mean several."""
    wanted = {_norm(s.neighbourhood) for s in stays if s.neighbourhood}
    return {h for h in hoods if h and _norm(h) in wanted}


#: What being close to a limit is worth: a tie-break under any wish (1.0) and under ~$100 of price.
NEAR = 0.1
_HALF_DAY = 12 * 60


def near_limit(lim: LegIntent, f: FlightOpt, first: bool, last: bool) -> float:
    """A little for a flight close to the limit that made the traveller say one: a floor on the way
    out ("can't leave before 10, school run") means as soon after it as they can, to make the most
    of the trip; a deadline on the way home ("back by 6") means as late as it allows. A day's edge
    ("not after midnight") only asks for the same day, so it pulls nowhere."""

    def minutes(t: dt.time) -> int:
        return t.hour * 60 + t.minute

    gap = None
    if first and lim.depart_after and lim.depart_after != dt.time(0):
        gap = minutes(f.depart.time()) - minutes(lim.depart_after)
    elif (
        last
        and lim.arrive_before
        and lim.arrive_before < dt.time(23, 59)
        and f.arrive.date() == f.depart.date()
    ):
        gap = minutes(lim.arrive_before) - minutes(f.arrive.time())
    if gap is None or gap < 0:
        return 0.0
    return NEAR * max(0.0, 1.0 - gap / _HALF_DAY)
