"""The hidden ``constraints`` section of a travel scenario: what the request requires, declared.

Every field is understood by the oracle (it prunes candidates), the travel scorer (a check with a
stable id, see ``judge._checks``), the reference agent (it books the oracle's plan) and ``validate``.

- ``Leg``: one flight of the trip: a fixed ``date``, a window ``earliest``..``latest``, and/or an
  ``offset`` from an earlier leg's departure day (flexible trips: "ten days, somewhere in late March");
  local time windows (``depart_after`` .. ``arrive_before``, at the airport concerned), ``arrive_on``,
  ``nonstop``, ``max_stops``, ``cabins``, ``airlines_avoid``/``airlines_only`` (codes or names; the
  world turns names into codes against the catalog, ``normalise_airlines``), ``refundable``,
  ``cabin_rule`` (a cabin conditional on price, ``CabinRule``: "business if it is at most $X more than
  economy, otherwise economy"; judged on the flight booked).
- ``Stay``: a hotel stay in ``city``, either after a leg (``after_leg``: from its arrival to the next
  leg's departure, or ``nights``) or free-standing (``check_in`` + ``nights`` | ``check_out``: hotel-only
  trips and stays that cover part of a trip); ``min_stars``, ``min_rating``, ``amenities`` (all
  required), ``neighbourhood``, ``max_nightly`` (dollars per room-night, the stay's average),
  ``refundable``; ``aligned: false`` for a stay that does not follow the flights (the nights-alignment
  guardrail then leaves hotels in its city alone).
- ``Constraints``: the legs and stays to book, with trip-wide ``travelers``, ``rooms``, ``cabins``,
  ``max_total``, ``max_stops``, ``refundable_only``, ``avoid`` (ids), ``calendar_free``,
  ``split_ok`` (the party may fly a leg on several flights) and ``cabin_rule`` (for every leg without
  its own).

Old files keep their meaning: a leg with only a date or window, a stay with ``after_leg`` (and
``nights`` after the last leg) mean what they always meant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import Field, model_validator

from sandbox.spi import Strict
from worlds.travel.records import Airline, Cabin


class LegOffset(Strict):
    """This leg departs exactly ``days`` days after leg ``from_leg``'s departure day (local dates)."""

    from_leg: int = Field(ge=0)
    days: int = Field(ge=0, le=366)


class CabinRule(Strict):
    """A cabin conditional on price: ``cabin`` when, on the flight booked, a seat in it meets every limit
    given (and the party fits in it), otherwise ``otherwise``. Fares are per traveller, as a booking at
    the run's start is charged (``search_flights`` shows them)."""

    cabin: Cabin = Field("business", description="The cabin the rule asks for when its limits hold.")
    otherwise: Cabin = Field("economy", description="The cabin to book when they do not.")
    max_fare: float | None = Field(None, gt=0, description="Dollars a seat in `cabin`, at most.")
    max_extra: float | None = Field(
        None, ge=0, description="Dollars a seat in `cabin` may cost above `otherwise` on the same flight."
    )
    max_extra_pct: float | None = Field(
        None, ge=0, description="Percent a seat in `cabin` may cost above `otherwise` on the same flight."
    )

    @model_validator(mode="after")
    def _limits(self) -> CabinRule:
        if self.cabin == self.otherwise:
            raise ValueError("cabin and otherwise must differ")
        if self.max_fare is None and self.max_extra is None and self.max_extra_pct is None:
            raise ValueError("give at least one of max_fare, max_extra, max_extra_pct")
        return self

    def broken(self, fare_cents: int, base_cents: int) -> list[str]:
        """The limits a seat at ``fare_cents`` (``cabin``) against ``base_cents`` (``otherwise``) breaks,
        in words; empty when every limit holds."""
        out = []
        extra = fare_cents - base_cents
        if self.max_fare is not None and fare_cents > round(self.max_fare * 100):
            out.append(
                f"{self.cabin} costs {_dollars(fare_cents)} a seat, over {_dollars(self.max_fare * 100)}"
            )
        if self.max_extra is not None and extra > round(self.max_extra * 100):
            out.append(
                f"{self.cabin} costs {_dollars(extra)} more than {self.otherwise}, "
                f"over {_dollars(self.max_extra * 100)}"
            )
        if self.max_extra_pct is not None and extra * 100 > self.max_extra_pct * base_cents:
            pct = extra * 100 / base_cents if base_cents else float("inf")
            out.append(
                f"{self.cabin} costs {pct:.0f}% more than {self.otherwise}, over {self.max_extra_pct:g}%"
            )
        return out

    def pick(self, fare_cents: int, base_cents: int, seats_ok: bool) -> Cabin:
        """The cabin the rule asks for on a flight: ``cabin`` when the limits hold and the party fits."""
        return self.cabin if seats_ok and not self.broken(fare_cents, base_cents) else self.otherwise

    def words(self) -> str:
        """The rule in words: "business if at most $300 more than economy a seat, otherwise economy"."""
        parts = []
        if self.max_fare is not None:
            parts.append(f"at most {_dollars(self.max_fare * 100)} a seat")
        if self.max_extra is not None:
            parts.append(f"at most {_dollars(self.max_extra * 100)} more than {self.otherwise} a seat")
        if self.max_extra_pct is not None:
            parts.append(f"at most {self.max_extra_pct:g}% more than {self.otherwise}")
        return f"{self.cabin} if {' and '.join(parts)}, otherwise {self.otherwise}"


def _dollars(cents: float) -> str:
    return f"${cents / 100:,.2f}"


class Leg(Strict):
    """One flight of the trip: a fixed ``date``, a window ``earliest``..``latest`` (local dates), or an
    ``offset`` from an earlier leg (optionally within a window too)."""

    origin: str
    destination: str
    date: dt.date | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    offset: LegOffset | None = Field(None, description="Depart N days after an earlier leg departs.")
    depart_after: dt.time | None = Field(None, description="Local time at the origin, inclusive.")
    depart_before: dt.time | None = Field(None, description="Local time at the origin, inclusive.")
    arrive_after: dt.time | None = Field(None, description="Local time at the destination, inclusive.")
    arrive_before: dt.time | None = Field(None, description="Local time at the destination, inclusive.")
    arrive_on: dt.date | None = Field(None, description="Local arrival date at the destination.")
    nonstop: bool = False
    max_stops: int | None = Field(None, ge=0, description="For this leg; the trip-wide limit applies too.")
    cabins: list[Cabin] | None = Field(None, min_length=1, description="Overrides the trip's cabins.")
    airlines_avoid: list[str] = Field(default_factory=list, description="Airline codes or names.")
    airlines_only: list[str] = Field(default_factory=list, description="Airline codes or names.")
    refundable: bool = False
    cabin_rule: CabinRule | None = Field(
        None, description="A cabin conditional on price (replaces `cabins` and the trip's rule)."
    )

    @model_validator(mode="after")
    def _one_date_form(self) -> Leg:
        window = self.earliest is not None or self.latest is not None
        if window and (self.earliest is None or self.latest is None):
            raise ValueError("give both earliest and latest")
        if self.date is not None and (window or self.offset is not None):
            raise ValueError("give either date, or earliest and latest (and/or offset), not both")
        if self.date is None and not window and self.offset is None:
            raise ValueError("give either date, or both earliest and latest, or offset")
        if self.earliest and self.latest and self.latest < self.earliest:
            raise ValueError("latest must not be before earliest")
        if self.cabins is not None and self.cabin_rule is not None:
            raise ValueError("give cabins or cabin_rule, not both (the rule decides the cabin)")
        for a, b in (("depart_after", "depart_before"), ("arrive_after", "arrive_before")):
            lo, hi = getattr(self, a), getattr(self, b)
            if lo is not None and hi is not None and hi < lo:
                raise ValueError(f"{b} must not be before {a}")
        return self

    def window(self) -> tuple[dt.date | None, dt.date | None]:
        """The leg's own departure dates (None when only an offset gives them)."""
        if self.date is not None:
            return self.date, self.date
        return self.earliest, self.latest


class Stay(Strict):
    """A hotel stay in ``city``: after leg ``after_leg`` (from its arrival to the next leg's departure,
    or ``nights``), or free-standing from ``check_in`` for ``nights`` (or to ``check_out``)."""

    city: str
    after_leg: int | None = Field(None, ge=0)
    check_in: dt.date | None = None
    check_out: dt.date | None = None
    nights: int | None = Field(None, ge=1)
    min_stars: int | None = Field(None, ge=1, le=5)
    min_rating: float | None = Field(None, ge=0, le=10)
    amenities: list[str] = Field(default_factory=list, description="Every one is required.")
    neighbourhood: str | None = None
    max_nightly: float | None = Field(
        None, gt=0, description="Dollars per room per night (the stay's average), as search_hotels shows."
    )
    refundable: bool = False
    aligned: bool = Field(
        True,
        description="false: the stay does not follow the flights (the nights-alignment guardrail leaves "
        "hotels in this city alone).",
    )

    @model_validator(mode="after")
    def _one_anchor(self) -> Stay:
        if (self.after_leg is None) == (self.check_in is None):
            raise ValueError("give either after_leg, or check_in (with nights or check_out)")
        if self.check_in is not None:
            if (self.nights is None) == (self.check_out is None):
                raise ValueError("a stay with check_in needs nights or check_out (one of them)")
            if self.check_out is not None and self.check_out <= self.check_in:
                raise ValueError("check_out must be after check_in")
        elif self.check_out is not None:
            raise ValueError("check_out goes with check_in, not after_leg (use nights)")
        elif not self.aligned and self.nights is None:
            raise ValueError(
                "a stay after a leg that does not follow the flights (aligned: false) needs nights"
            )
        return self

    def dates(self) -> tuple[dt.date, dt.date] | None:
        """(check_in, check_out) of a free-standing stay; None for a stay after a leg."""
        if self.check_in is None:
            return None
        out = self.check_out or self.check_in + dt.timedelta(days=self.nights or 0)
        return self.check_in, out


def _economy_only() -> list[Cabin]:
    return ["economy"]


class Constraints(Strict):
    """Hard requirements the request implies (hidden from the agent)."""

    legs: list[Leg] = Field(default_factory=list)
    stays: list[Stay] = Field(default_factory=list)
    travelers: int = Field(1, ge=1, le=9)
    rooms: int = Field(1, ge=1, le=9)
    cabins: list[Cabin] = Field(default_factory=_economy_only)
    max_total: float | None = Field(
        None, gt=0, description="Spend limit in dollars; default traveler.budget."
    )
    max_stops: int | None = Field(None, ge=0)
    refundable_only: bool = False
    avoid: list[str] = Field(
        default_factory=list,
        description="Flight ids, hotel ids or airline codes (prefer the declarative fields for more than a few).",
    )
    calendar_free: bool = Field(True, description="Flights must not overlap the traveller's calendar.")
    split_ok: bool = Field(
        False,
        description="The party may fly a leg on two flights (together they carry every traveller).",
    )
    cabin_rule: CabinRule | None = Field(
        None, description="A cabin conditional on price for every leg without its own (replaces `cabins`)."
    )

    @model_validator(mode="after")
    def _stays_follow_legs(self) -> Constraints:
        for i, stay in enumerate(self.stays):
            if stay.after_leg is None:
                continue
            if stay.after_leg >= len(self.legs):
                raise ValueError(f"stays.{i}.after_leg {stay.after_leg} names no leg ({len(self.legs)} legs)")
            if stay.after_leg == len(self.legs) - 1 and stay.nights is None:
                raise ValueError(f"stays.{i}: a stay after the last leg needs nights")
        for i, leg in enumerate(self.legs):
            if leg.offset is not None and leg.offset.from_leg >= i:
                raise ValueError(f"legs.{i}.offset.from_leg must name an earlier leg")
        if self.cabin_rule is not None and "cabins" in self.model_fields_set:
            raise ValueError("give cabins or cabin_rule, not both (the rule decides the cabin)")
        return self

    def cabin_rule_of(self, leg: Leg) -> CabinRule | None:
        """The cabin rule that applies to ``leg``: its own, else the trip's unless the leg gives its own
        ``cabins`` (None: ``cabins`` apply)."""
        if leg.cabin_rule is not None or leg.cabins is not None:
            return leg.cabin_rule
        return self.cabin_rule

    def leg_window(self, i: int) -> tuple[dt.date, dt.date]:
        """The departure dates leg ``i`` may have: its own date or window, narrowed by its offset."""
        leg = self.legs[i]
        first, last = leg.window()
        if leg.offset is not None:
            a, b = self.leg_window(leg.offset.from_leg)
            lo, hi = a + dt.timedelta(days=leg.offset.days), b + dt.timedelta(days=leg.offset.days)
            first, last = max(first or lo, lo), min(last or hi, hi)
        assert first is not None and last is not None
        return first, last

    def unaligned_cities(self) -> frozenset[str]:
        """Cities with a stay that does not follow the flights (the alignment guardrail skips them)."""
        return frozenset(s.city for s in self.stays if not s.aligned)


def airline_code(value: str, airlines: Iterable[Airline]) -> str | None:
    """The code of the airline ``value`` names (its code or its name, any case), or None."""
    key = value.strip().casefold()
    for a in airlines:
        if key in (a.code.casefold(), a.name.casefold()):
            return a.code
    return None


def normalise_airlines(constraints: Constraints, airlines: Iterable[Airline]) -> Constraints:
    """``constraints`` with every airline name in ``airlines_avoid``/``airlines_only`` turned into its code.

    Raises ``ValueError`` naming the field (``legs.0.airlines_avoid.1``) for a name the catalog lacks."""
    known = list(airlines)
    legs = []
    for i, leg in enumerate(constraints.legs):
        fields: dict[str, list[str]] = {}
        for name in ("airlines_avoid", "airlines_only"):
            codes = []
            for j, value in enumerate(getattr(leg, name)):
                code = airline_code(value, known)
                if code is None:
                    names = ", ".join(f"{a.code} ({a.name})" for a in known)
                    raise ValueError(f"legs.{i}.{name}.{j}: unknown airline {value!r}; known: {names}")
                codes.append(code)
            fields[name] = codes
        legs.append(leg.model_copy(update=fields))
    return constraints.model_copy(update={"legs": legs})
