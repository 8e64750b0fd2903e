"""One draw: the random choices a generated scenario is made of, and the catalog it is drawn from.

A ``Draw`` owns the draw's ``random.Random`` (seeded from family, seed, index and attempt, so every
scenario is reproducible on its own), the catalog view it draws on (``small`` or ``medium``, seed 7,
shared by every draw: ``view_for``), the clock, the traveller and the tone of the request. Families
ask it for cities, dates, a party and the catalog's flights and hotels, and raise ``Redraw`` when the
draw cannot make a good scenario (the engine then draws again).
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass
from typing import Any, Literal
from zoneinfo import ZoneInfo

from worlds.travel.catalog import CatalogView, get_catalog
from worlds.travel.catalog.generator import SMALL_CITIES
from worlds.travel.generate import _words as w
from worlds.travel.judge import OracleResult, solve
from worlds.travel.records import City, Flight, Hotel
from worlds.travel.scenario import Overrides, TravelScenario

CATALOG_SEED = 7
Tone = Literal["formal", "neutral", "casual"]

_FIRST = (
    "Maya Ana Kofi Priya Liam Sofia Mateo Aisha Hiro Elena Tomás Nadia Omar Grace Ravi Lena Diego Yuki "
    "Fatima Jonas Chloe Arjun Ingrid Kwame Mei Lucas Zara Pavel Amara Noah Leila Sven Rosa Tariq Hana "
    "Felix Imani Marco Noor Ethan"
).split()
_LAST = (
    "Chen Costa Mensah Patel Murphy Rossi Fernández Khan Tanaka Petrova Silva Haddad Okafor Kim Novak "
    "Schmidt Larsen Dubois Nakamura Adeyemi Walsh Moreau Ibrahim Lindqvist Reyes Sato Brennan Hughes "
    "Varga Osei Jensen Park Duarte Cohen"
).split()
_COMPANIONS = "Rita Sam Alex Jordan Kim Lee Robin Noa Charlie Jamie Mika Sasha Toni Ari Quinn Rowan".split()


class Redraw(Exception):
    """This draw cannot make a valid scenario (the reason says why); the engine draws again."""


@functools.cache
def view_for(size: str) -> CatalogView:
    """The catalog of seed 7 at ``size``, without overrides: one view shared by every draw."""
    return CatalogView(get_catalog(CATALOG_SEED, size), Overrides())


@dataclass(frozen=True)
class Traveller:
    name: str
    companions: tuple[str, ...]

    @property
    def first(self) -> str:
        return self.name.split()[0]


class Draw:
    """The random state and catalog of one attempt at one scenario."""

    def __init__(self, rng: random.Random, size: str):
        self.rng = rng
        self.size = size
        self.view = view_for(size)
        self.start, self.end = self.view.info.start, self.view.info.end
        self.tone: Tone = rng.choice(("formal", "neutral", "neutral", "casual"))
        self.now: dt.datetime | None = None
        self.force_relative = False  # say the first day relative to the clock whenever one can

    # -- simple choices ----------------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options: Any) -> Any:
        return self.rng.choice(list(options))

    def sample(self, options: Any, k: int) -> list[Any]:
        return self.rng.sample(list(options), k)

    def traveller(self, companions: int = 0) -> Traveller:
        name = f"{self.pick(_FIRST)} {self.pick(_LAST)}"
        return Traveller(name, tuple(self.sample(_COMPANIONS, companions)))

    # -- the catalog -------------------------------------------------------------------------------
    def cities(self, k: int) -> list[City]:
        """``k`` distinct cities of the catalog."""
        return self.sample(self.view.cities(), k)

    def extended(self, code: str) -> bool:
        """Whether the city is beyond ``small``'s (its hotels have topic reviews, cribs, access)."""
        return [c.code for c in self.view.cities()].index(code) >= SMALL_CITIES

    def flights(self, origin: str, destination: str, day: dt.date) -> list[Flight]:
        return self.view.flights_on(origin, destination, day)

    def hotels(self, city: str) -> list[Hotel]:
        return self.view.hotels_in(city)

    # -- the clock and the trip's days ---------------------------------------------------------------
    def schedule(self, span: int, home: City, *, lead: tuple[int, int] = (2, 40)) -> dt.date:
        """Set the clock (a working hour at ``home``) and return the first travel day, ``lead`` days
        ahead, leaving ``span`` more days inside the catalog."""
        latest_first = self.end - dt.timedelta(days=span + 1)
        lo, hi = lead
        if self.rng.random() < 0.35:  # soon enough for "tomorrow", "this Friday", "next Monday"
            hi = min(hi, 8)
        days = self.rng.randint(lo, hi)
        first_now = self.start
        last_now = latest_first - dt.timedelta(days=days)
        if last_now < first_now:
            raise Redraw("the catalog is too short for this trip")
        today = first_now + dt.timedelta(days=self.rng.randint(0, (last_now - first_now).days))
        minute = self.rng.choice((0, 0, 15, 30, 45))
        self.now = dt.datetime.combine(
            today, dt.time(self.rng.randint(8, 19), minute), tzinfo=ZoneInfo(home.tz)
        )
        return today + dt.timedelta(days=days)

    def when(self, day: dt.date) -> str:
        """``day`` as the request says it (relative to the clock now and then, or always when forced)."""
        return w.when(self.rng, day, self.today, force=self.force_relative)

    @property
    def today(self) -> dt.date:
        assert self.now is not None, "schedule() sets the clock first"
        return self.now.date()

    # -- the oracle --------------------------------------------------------------------------------
    def scenario(self, data: dict[str, Any]) -> TravelScenario:
        """A scenario of the sections drawn so far (identity and request filled with placeholders)."""
        return TravelScenario.model_validate({"id": "draft", "title": "draft", "request": "draft"} | data)

    def solve(self, data: dict[str, Any]) -> OracleResult:
        """The oracle on a scenario under construction."""
        return solve(self.scenario(data), self.view)
