"""``CatalogView``: the catalog as one scenario sees it, with ``world.overrides`` laid over it.

The view never copies the catalog: it keeps only the patched and added records and merges them into
each query's result. A patch whose id exists replaces fields of that record; one whose id does not
exist adds a record and must give the fields a new record needs (``ValueError`` names what is missing).
Patch money is in dollars; records hold cents.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from zoneinfo import ZoneInfo

from worlds.travel.catalog.generator import AMENITIES
from worlds.travel.catalog.store import Catalog, CatalogInfo
from worlds.travel.records import CABINS, Airline, City, Flight, Hotel, Review
from worlds.travel.scenario import FlightPatch, HotelPatch, Overrides

__all__ = ["CatalogView"]

_FLIGHT_ID = re.compile(r"^([A-Z0-9]{2})(\d{1,4})-\d{4}-\d{2}-\d{2}$")
_NEW_FLIGHT = ("origin", "destination", "depart", "arrive", "stops", "fares", "seats")
_NEW_HOTEL = ("city", "name", "stars", "rate", "rooms")
NEW_HOTEL_RATING = 7.0  # rating of an added hotel that gives neither rating nor reviews


class CatalogView:
    """Same queries as ``Catalog``; built once per scenario and shared by all its runs."""

    def __init__(self, catalog: Catalog, overrides: Overrides):
        self.catalog = catalog
        self.overrides = overrides
        self._flights: dict[str, Flight] = {}
        for fp in overrides.flights:
            base = self._flights.get(fp.id) or catalog.flight(fp.id)
            self._flights[fp.id] = self._patch_flight(fp, base)
        self._hotels: dict[str, Hotel] = {}
        for hp in overrides.hotels:
            hbase = self._hotels.get(hp.id) or catalog.hotel(hp.id)
            self._hotels[hp.id] = self._patch_hotel(hp, hbase)
        self._routes: dict[tuple[str, str], list[Flight]] = {}
        for f in self._flights.values():
            self._routes.setdefault((f.origin, f.destination), []).append(f)

    @property
    def info(self) -> CatalogInfo:
        return self.catalog.info

    def cities(self) -> list[City]:
        return self.catalog.cities()

    def city(self, code: str) -> City | None:
        return self.catalog.city(code)

    def airlines(self) -> list[Airline]:
        return self.catalog.airlines()

    def airline(self, code: str) -> Airline | None:
        return self.catalog.airline(code)

    def flight(self, flight_id: str) -> Flight | None:
        patched = self._flights.get(flight_id)
        return patched if patched is not None else self.catalog.flight(flight_id)

    def flights_on(self, origin: str, destination: str, day: date) -> list[Flight]:
        """Flights leaving ``origin`` for ``destination`` on local date ``day``, by departure time."""
        return self._merge(self.catalog.flights_on(origin, destination, day), origin, destination, day, day)

    def flights_between(self, origin: str, destination: str, first: date, last: date) -> list[Flight]:
        """Flights leaving on local dates ``first``..``last`` (inclusive), by departure time."""
        base = self.catalog.flights_between(origin, destination, first, last)
        return self._merge(base, origin, destination, first, last)

    def hotel(self, hotel_id: str) -> Hotel | None:
        patched = self._hotels.get(hotel_id)
        return patched if patched is not None else self.catalog.hotel(hotel_id)

    def hotels_in(self, city: str) -> list[Hotel]:
        """The city's hotels, sorted by id."""
        base = self.catalog.hotels_in(city)
        if not self._hotels:
            return base
        out = [h for h in base if h.id not in self._hotels]
        out.extend(h for h in self._hotels.values() if h.city == city)
        return sorted(out, key=lambda h: h.id)

    def _merge(self, base: list[Flight], origin: str, dest: str, first: date, last: date) -> list[Flight]:
        if not self._flights:
            return base
        out = [f for f in base if f.id not in self._flights]
        out.extend(f for f in self._routes.get((origin, dest), ()) if first <= f.depart.date() <= last)
        return sorted(out, key=lambda f: (f.depart, f.id))

    # ------------------------------------------------------------------------------------------ patches

    def _zone(self, code: str, what: str, patch_id: str) -> ZoneInfo:
        city = self.catalog.city(code)
        if city is None:
            known = ", ".join(c.code for c in self.catalog.cities())
            raise ValueError(f"flight patch {patch_id!r}: unknown {what} city {code!r} (catalog has {known})")
        return ZoneInfo(city.tz)

    def _patch_flight(self, p: FlightPatch, base: Flight | None) -> Flight:
        if base is None:
            missing = [f for f in _NEW_FLIGHT if getattr(p, f) is None]
            if p.fares is not None and "economy" not in p.fares:
                missing.append("fares.economy")
            match = _FLIGHT_ID.match(p.id)
            if match is None and (p.airline is None or p.number is None):
                missing.append("airline and number (the id is not AIRLINE+NUMBER-YYYY-MM-DD)")
            if missing:
                raise ValueError(f"flight patch {p.id!r} adds a new flight but lacks: {', '.join(missing)}")
            assert (
                p.fares is not None and p.seats is not None and p.depart and p.arrive and p.stops is not None
            )
            economy = round(p.fares["economy"] * 100)
            fares = (economy, round(economy * 0.016) * 100, round(economy * 0.032) * 100)
            airline = p.airline or (match.group(1) if match else "")
            number = p.number or (match.group(2) if match else "")
            base = Flight(
                p.id, airline, number, str(p.origin), str(p.destination), p.depart, p.arrive, p.stops, 0,
                fares, (0, 0, 0), False, 0,
            )  # fmt: skip
        if self.catalog.airline(p.airline or base.airline) is None:
            raise ValueError(f"flight patch {p.id!r}: unknown airline {p.airline or base.airline!r}")
        origin, dest = p.origin or base.origin, p.destination or base.destination
        depart = (p.depart or base.depart).astimezone(self._zone(origin, "origin", p.id))
        if p.arrive is not None:
            arrive = p.arrive
        elif p.depart is not None:
            arrive = depart + (base.arrive - base.depart)
        else:
            arrive = base.arrive
        arrive = arrive.astimezone(self._zone(dest, "destination", p.id))
        if arrive <= depart:
            raise ValueError(f"flight patch {p.id!r}: arrive {arrive} is not after depart {depart}")
        cents, seats = list(base.base_fares), list(base.seats)
        for cabin, dollars in (p.fares or {}).items():
            cents[CABINS.index(cabin)] = round(dollars * 100)
        for cabin, n in (p.seats or {}).items():
            seats[CABINS.index(cabin)] = n
        return dataclasses.replace(
            base,
            airline=p.airline or base.airline,
            number=p.number or base.number,
            origin=origin,
            destination=dest,
            depart=depart,
            arrive=arrive,
            stops=base.stops if p.stops is None else p.stops,
            duration_min=int((arrive - depart).total_seconds() // 60),
            base_fares=(cents[0], cents[1], cents[2]),
            seats=(seats[0], seats[1], seats[2]),
            refundable=base.refundable if p.refundable is None else p.refundable,
            baggage=base.baggage if p.baggage is None else p.baggage,
            note=base.note if p.note is None else p.note,
        )

    def _patch_hotel(self, p: HotelPatch, base: Hotel | None) -> Hotel:
        if base is None:
            missing = [f for f in _NEW_HOTEL if getattr(p, f) is None]
            if missing:
                raise ValueError(f"hotel patch {p.id!r} adds a new hotel but lacks: {', '.join(missing)}")
            given = p.reviews or []
            rating = round(sum(r.rating for r in given) / len(given), 1) if given else NEW_HOTEL_RATING
            base = Hotel(p.id, str(p.name), str(p.city), "", 1, 0, (), rating, (), 0, 1, 100)
        city = self.catalog.city(p.city or base.city)
        if city is None:
            raise ValueError(f"hotel patch {p.id!r}: unknown city {p.city!r}")
        unknown = sorted(set(p.amenities or ()) - set(AMENITIES))
        if unknown:
            raise ValueError(
                f"hotel patch {p.id!r}: unknown amenities {', '.join(unknown)} (known: {', '.join(AMENITIES)})"
            )
        reviews = (
            base.reviews
            if p.reviews is None
            else tuple(Review(r.author, r.rating, r.text) for r in p.reviews)
        )
        reviews += tuple(Review(r.author, r.rating, r.text) for r in p.add_reviews)
        return dataclasses.replace(
            base,
            name=p.name or base.name,
            city=city.code,
            neighbourhood=p.neighbourhood or base.neighbourhood or city.neighbourhoods[0],
            stars=p.stars or base.stars,
            base_rate=base.base_rate if p.rate is None else round(p.rate * 100),
            amenities=base.amenities
            if p.amenities is None
            else tuple(a for a in AMENITIES if a in p.amenities),
            rating=base.rating if p.rating is None else p.rating,
            reviews=reviews,
            rooms=base.rooms if p.rooms is None else p.rooms,
            free_cancel_days=base.free_cancel_days if p.free_cancel_days is None else p.free_cancel_days,
            cancel_fee_pct=base.cancel_fee_pct if p.cancel_fee_pct is None else p.cancel_fee_pct,
        )
