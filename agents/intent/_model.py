"""``TripIntent``: what a traveller asked for, typed, with where each reading came from.

The scripted model reads the request (and later the traveller's answers and rejections) into a
``TripIntent``; a separate policy turns intent plus tool observations into the next call. The
intent mirrors the scenario language's hard constraints (legs, stays, party, budget, limits) and
soft preferences (wishes), so a reading can be compared field by field with what a scenario hides
(tests may do that; the model never reads a scenario).

Every reading carries a source in ``sources`` (a field path such as ``"travelers"``,
``"legs.0.date"`` or ``"stays.0.amenities"`` -> ``stated`` | ``inferred`` | ``assumed``): *stated*
when the words say it, *inferred* when it follows from the words and the context (a return date
from "for four nights", the party from the profile), *assumed* when it is a default nobody said
(one traveller, economy). ``unknown`` lists hard fields still open, which the agent asks about.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Source = Literal["stated", "inferred", "assumed"]
Shape = Literal["one_way", "round_trip", "multi_city", "hotel_only", "change", "cancel_only"]
Cabin = Literal["economy", "premium_economy", "business", "first"]
WishKind = Literal[
    "nonstop",
    "airline",
    "depart_window",
    "arrive_window",
    "hotel_stars",
    "hotel_rating",
    "amenity",
    "neighbourhood",
    "cabin",
    "refundable",
    "cheaper",
    "quiet",
    "review",
]
Unknown = Literal["origin", "destination", "dates", "return_date", "nights", "travelers", "rooms", "budget"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LegIntent(_Strict):
    """One flight: route, a day (or a window of days), and the hard limits the words put on it."""

    origin: str | None = Field(None, description="Airport code (IATA) of the city left from.")
    destination: str | None = Field(None, description="Airport code (IATA) of the city flown to.")
    date: dt.date | None = Field(None, description="The day of departure, when one day is meant.")
    earliest: dt.date | None = Field(None, description="A window of departure days: first day.")
    latest: dt.date | None = Field(None, description="A window of departure days: last day.")
    arrive_on: dt.date | None = Field(None, description="The day it must land ('get me there Friday').")
    depart_after: dt.time | None = None
    depart_before: dt.time | None = None
    arrive_after: dt.time | None = None
    arrive_before: dt.time | None = None
    nonstop: bool | None = Field(None, description="True: non-stop is a requirement, not a wish.")
    max_stops: int | None = Field(None, ge=0)
    cabin: Cabin | None = None
    airlines_avoid: list[str] = Field(default_factory=list, description="Airline codes or names.")
    airlines_only: list[str] = Field(default_factory=list, description="Airline codes or names.")
    refundable: bool | None = None


class StayIntent(_Strict):
    """One hotel stay: where, which nights, and its hard requirements."""

    city: str | None = Field(None, description="Airport code (IATA) of the city, as for legs.")
    check_in: dt.date | None = None
    check_out: dt.date | None = None
    nights: int | None = Field(None, ge=1)
    min_stars: int | None = Field(None, ge=1, le=5)
    min_rating: float | None = Field(None, ge=0, le=10)
    amenities: list[str] = Field(default_factory=list, description="All required (gym, pool, ...).")
    neighbourhood: str | None = None
    max_nightly: float | None = Field(None, gt=0, description="Dollars per room per night.")
    refundable: bool | None = None
    max_total: float | None = Field(
        None, gt=0, description="Dollars for the whole stay ('$600 for the hotel')."
    )


class Wish(_Strict):
    """A soft preference: something the traveller would like, not a requirement."""

    kind: WishKind
    value: str | None = Field(None, description="Airline, amenity, neighbourhood, cabin, review topic.")
    min: float | None = Field(None, description="hotel_stars / hotel_rating threshold.")
    start: dt.time | None = Field(None, description="depart_window / arrive_window start.")
    end: dt.time | None = Field(None, description="depart_window / arrive_window end.")
    leg: int | None = Field(None, ge=0, description="The leg it is about; None: every leg.")


class TripIntent(_Strict):
    """A traveller's request, read. ``None`` and empty lists mean "not said"."""

    shape: Shape | None = None
    legs: list[LegIntent] = Field(default_factory=list)
    stays: list[StayIntent] = Field(default_factory=list)
    travelers: int | None = Field(None, ge=1, le=9)
    rooms: int | None = Field(None, ge=1, le=9)
    budget: float | None = Field(None, gt=0, description="The most the whole trip may cost, dollars.")
    flights_budget: float | None = Field(
        None, gt=0, description="The most the flights may cost together, dollars ('airfare under $500')."
    )
    budget_soft: Literal["wish", "approx"] | None = Field(
        None,
        description="The budget was said as a wish ('ideally under $1,200': the account's budget is the hard"
        " cap) or approximately ('around 2k': up to a tenth over it); None: a firm cap.",
    )
    wishes: list[Wish] = Field(default_factory=list)
    keep: list[str] = Field(
        default_factory=list, description="Held bookings that must not change (booking ids)."
    )
    cancel: list[str] = Field(default_factory=list, description="Held bookings to cancel (booking ids).")
    unknown: list[Unknown] = Field(default_factory=list, description="Hard fields still open: ask.")
    sources: dict[str, Source] = Field(default_factory=dict)
    assumptions: list[str] = Field(
        default_factory=list, description="What the agent read, in words, for the human to check."
    )


class HeldBooking(_Strict):
    """A booking the traveller already holds, as ``list_bookings`` shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: Literal["flight", "hotel"]
    origin: str | None = None
    destination: str | None = None
    date: dt.date | None = None
    city: str | None = None
    check_in: dt.date | None = None
    check_out: dt.date | None = None
    name: str | None = Field(None, description="A held hotel's name, as list_bookings shows it.")


class CalendarEntry(_Strict):
    title: str
    start: dt.datetime
    end: dt.datetime


class ReadContext(_Strict):
    """What a reader may know besides the words: what an agent learns from its first tool calls."""

    now: dt.datetime = Field(description="The world's clock (the system prompt states it).")
    home: str | None = Field(None, description="The traveller's home airport (get_traveler_profile).")
    party: list[str] = Field(default_factory=list, description="Companions on the profile, by name.")
    calendar: list[CalendarEntry] = Field(default_factory=list)
    bookings: list[HeldBooking] = Field(default_factory=list)
