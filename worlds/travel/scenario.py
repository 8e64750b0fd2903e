"""The travel world's scenario sections (scenarios/README.md), on top of ``sandbox.spi.ScenarioBase``.

Visible to the agent only through tools: ``world`` (via search results), ``traveler`` (profile,
calendar, budget, and ``facts`` revealed when asked). Hidden: ``constraints``, ``preferences``,
``faults`` and everything ``sandbox.spi.HIDDEN_SECTIONS`` names.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, model_validator

from sandbox.spi import Expect, ScenarioBase, Strict
from worlds.travel.constraints import Constraints
from worlds.travel.constraints import Leg as Leg  # re-exported: the scenario's sections live here too
from worlds.travel.constraints import Stay as Stay
from worlds.travel.records import Cabin
from worlds.travel.traveller import Topic, infer_topic

SizeName = Literal["small", "medium", "large"]


class CatalogSize(Strict):
    """Explicit catalog dimensions: the first `cities` of the fixed city order (small 12, medium 24)."""

    cities: int = Field(ge=2, le=48)
    days: int = Field(ge=1, le=400)
    flights_per_route_day: float = Field(gt=0, le=12)
    hotels_per_city: int = Field(ge=1, le=60)


class ReviewSpec(Strict):
    author: str
    rating: float = Field(ge=0, le=10)
    text: str


class FlightPatch(Strict):
    """Patch an existing flight (by id) or add a new one (all of origin..seats required)."""

    id: str
    airline: str | None = None
    number: str | None = None
    origin: str | None = None
    destination: str | None = None
    depart: AwareDatetime | None = None
    arrive: AwareDatetime | None = None
    stops: int | None = Field(None, ge=0)
    fares: dict[Cabin, float] | None = Field(None, description="Base fares in dollars by cabin.")
    seats: dict[Cabin, int] | None = None
    refundable: bool | None = None
    baggage: int | None = Field(None, ge=0)
    note: str | None = Field(
        None,
        description="A fare or operational note shown with the flight in search results (the catalog's "
        "flights have none).",
    )


class HotelPatch(Strict):
    """Patch an existing hotel (by id) or add a new one (city, name, stars, rate, rooms required)."""

    id: str
    name: str | None = None
    city: str | None = None
    neighbourhood: str | None = None
    stars: int | None = Field(None, ge=1, le=5)
    rate: float | None = Field(None, gt=0, description="Base nightly rate in dollars.")
    amenities: list[str] | None = None
    rating: float | None = Field(None, ge=0, le=10)
    reviews: list[ReviewSpec] | None = Field(None, description="Replaces the reviews.")
    add_reviews: list[ReviewSpec] = Field(default_factory=list, description="Appended to the reviews.")
    rooms: int | None = Field(None, ge=0)
    free_cancel_days: int | None = Field(None, ge=-1)
    cancel_fee_pct: int | None = Field(None, ge=0, le=100)


class Overrides(Strict):
    flights: list[FlightPatch] = Field(default_factory=list)
    hotels: list[HotelPatch] = Field(default_factory=list)


class WorldSection(Strict):
    name: Literal["travel"] = "travel"
    seed: int = 7
    size: SizeName | CatalogSize = "small"
    now: AwareDatetime = Field(description="The world's clock when the run starts.")
    overrides: Overrides = Field(default_factory=Overrides)


class CalendarEvent(Strict):
    title: str
    start: AwareDatetime
    end: AwareDatetime
    description: str | None = Field(None, description="Free text shown with the event (get_calendar).")

    @model_validator(mode="after")
    def _ordered(self) -> CalendarEvent:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class Companion(Strict):
    name: str


class Profile(Strict):
    loyalty: dict[str, str] = Field(default_factory=dict, description="Airline code -> member number.")
    seat: Literal["aisle", "window", "any"] = "any"
    cabin: Cabin = "economy"
    notes: list[str] = Field(default_factory=list)


class Fact(Strict):
    """Something the traveller knows and says only when asked: the best-matching fact answers a
    question (``worlds.travel.traveller``; scenarios/README.md, "How the simulated traveller answers")."""

    topic: Topic | None = Field(
        None, description="What the fact is about; omitted: inferred from the match words (else 'other')."
    )
    answer: str
    match: list[str] = Field(
        default_factory=list, description="Extra words or phrases that make a question about this fact."
    )

    @model_validator(mode="after")
    def _topic(self) -> Fact:
        if self.topic is None:
            if not self.match:
                raise ValueError("a fact needs a topic or match words")
            self.topic = infer_topic(self.match, self.answer)
        elif self.topic == "other" and not self.match:
            raise ValueError("a fact with topic 'other' needs match words (no question is about 'other')")
        return self


class HeldFlight(Strict):
    """A flight the traveller already holds when the run starts (booked before it)."""

    kind: Literal["flight"]
    flight_id: str
    cabin: Cabin = "economy"
    passengers: int = Field(1, ge=1, le=9)
    price: float | None = Field(
        None, gt=0, description="What was paid in dollars, all passengers; default: today's fare."
    )


class HeldHotel(Strict):
    """A hotel stay the traveller already holds when the run starts (booked before it)."""

    kind: Literal["hotel"]
    hotel_id: str
    check_in: dt.date
    check_out: dt.date
    rooms: int = Field(1, ge=1, le=9)
    price: float | None = Field(
        None, gt=0, description="What was paid in dollars, all rooms and nights; default: today's rates."
    )

    @model_validator(mode="after")
    def _nights(self) -> HeldHotel:
        if self.check_out <= self.check_in:
            raise ValueError("check_out must be after check_in")
        return self


HeldBooking = Annotated[HeldFlight | HeldHotel, Field(discriminator="kind")]


class Traveler(Strict):
    name: str
    home: str = Field(description="Home airport code.")
    budget: float | None = Field(None, gt=0, description="Trip budget in dollars (get_budget shows it).")
    party: list[Companion] = Field(default_factory=list, description="Who travels with the traveller.")
    profile: Profile = Field(default_factory=Profile)
    calendar: list[CalendarEvent] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    bookings: list[HeldBooking] = Field(
        default_factory=list,
        description="Bookings the traveller already holds at run start: confirmed as B0001, B0002, ... "
        "in this order, charged to the budget, with their seats or rooms taken.",
    )
    defaults: dict[Topic, str] = Field(
        default_factory=dict,
        description="What the traveller says when asked about a topic none of the facts covers; "
        "overrides the built-in default of that topic.",
    )
    unknown_answer: str = Field(
        "I don't mind; use your judgement.",
        description="The answer to a question about none of the topics and none of the facts.",
    )

    @model_validator(mode="after")
    def _defaults(self) -> Traveler:
        if "other" in self.defaults:
            raise ValueError("defaults: no question is about 'other'; set unknown_answer instead")
        return self


class _Pref(Strict):
    weight: float = Field(1.0, gt=0)


class NonstopPref(_Pref):
    kind: Literal["nonstop"]


class AirlinePref(_Pref):
    kind: Literal["airline"]
    value: str = Field(description="Airline code.")


class WindowPref(_Pref):
    kind: Literal["depart_window", "arrive_window"]
    start: dt.time
    end: dt.time
    leg: int | None = Field(None, ge=0, description="Only this leg; default every leg.")


class HotelStarsPref(_Pref):
    kind: Literal["hotel_stars"]
    min: int = Field(ge=1, le=5)


class HotelRatingPref(_Pref):
    kind: Literal["hotel_rating"]
    min: float = Field(ge=0, le=10)


class ValuePref(_Pref):
    kind: Literal["amenity", "neighbourhood", "cabin"]
    value: str


class FlagPref(_Pref):
    kind: Literal["refundable", "cheaper"]


class SeatPref(_Pref):
    """A seat on every flight (``book_flight(seat=...)``)."""

    kind: Literal["seat"]
    value: Literal["aisle", "window"]


ReviewTopic = Literal["quiet", "breakfast", "clean", "location", "staff"]


class ReviewPref(_Pref):
    """Hotels whose guest reviews speak well of ``topic`` (the share of reviews that do; see
    ``judge.reviews`` for the keyword lists)."""

    kind: Literal["review"]
    topic: ReviewTopic


Preference = Annotated[
    NonstopPref
    | AirlinePref
    | WindowPref
    | HotelStarsPref
    | HotelRatingPref
    | ValuePref
    | FlagPref
    | SeatPref
    | ReviewPref,
    Field(discriminator="kind"),
]


#: ``Fault.target`` values that name no item (worlds/travel/run/faults.py says what each strikes).
FAULT_FIRST = "first"
FAULT_ANY = "any"


class Fault(Strict):
    """A fault injected into one tool (glob): on its ``on_call``-th call, or with ``probability``."""

    tool: str
    kind: Literal["error", "timeout", "price_change", "sold_out", "stale"]
    on_call: int | None = Field(None, ge=1)
    probability: float | None = Field(None, ge=0, le=1)
    target: str | None = Field(
        None,
        description="Which item a booking fault strikes: a flight or hotel id; 'first' (the default): "
        "whatever the first matching booking names; 'any' (price_change only): every item.",
    )
    pct: float = Field(20.0, gt=-100, description="Price change in percent (price_change).")
    message: str | None = None

    @model_validator(mode="after")
    def _trigger(self) -> Fault:
        if self.on_call is not None and self.probability is not None:
            raise ValueError("give on_call or probability, not both")
        if self.target == FAULT_ANY and self.kind != "price_change":
            raise ValueError(
                f"target 'any' is for price_change only: {self.kind} on every item leaves nothing"
            )
        return self


RefusalReason = Literal["budget", "availability", "calendar", "constraints"]

BookingId = Annotated[str, Field(pattern=r"^B\d{4}$")]


class ChangeSpec(Strict):
    """Held bookings the request changes: each must be cancelled; cancellation fees up to
    ``fees_allowed`` dollars (in total) are expected."""

    cancel: list[BookingId] = Field(min_length=1)
    fees_allowed: float = Field(0.0, ge=0)


class TravelExpect(Expect):
    """``expect`` with the travel world's partial changes: held bookings to ``keep`` (still confirmed,
    unchanged, at the end) and to ``change``. A scenario that names either plans only the new legs and
    stays, with the kept bookings as fixed context."""

    keep: list[BookingId] = Field(default_factory=list)
    change: ChangeSpec | None = None
    reason: RefusalReason | None = Field(
        None,
        description="For outcome 'refused': why nothing can be booked; the report must give this reason "
        "(scenarios/README.md, 'Gates'). Omitted: any of the reasons will do.",
    )

    @model_validator(mode="after")
    def _disjoint(self) -> TravelExpect:
        both = set(self.keep) & set(self.change.cancel if self.change else [])
        if both:
            raise ValueError(f"{', '.join(sorted(both))} both kept and cancelled")
        if self.outcome == "changed" and self.change is None:
            raise ValueError("outcome 'changed' needs change.cancel")
        if self.reason is not None and self.outcome != "refused":
            raise ValueError("reason is for outcome 'refused' only")
        return self

    @property
    def partial(self) -> bool:
        """Whether the scenario declares a partial change (keep and/or change)."""
        return bool(self.keep) or self.change is not None


class TravelScenario(ScenarioBase):
    expect: TravelExpect
    world: WorldSection
    traveler: Traveler
    constraints: Constraints = Field(default_factory=Constraints)
    preferences: list[Preference] = Field(default_factory=list)
    faults: list[Fault] = Field(default_factory=list)
