"""The gazetteer: the cities the request reader knows by name (general knowledge, the kind any
language model has: a city's names, airports and nicknames, not read from a world) and ``Place``, a
city found in a text. ``_places`` finds them in words; ``_nearby`` adds towns beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

#: code -> the city's name, then other names and airports that mean it (all lower case).
GAZETTEER: dict[str, tuple[str, ...]] = {
    "SFO": ("san francisco", "sf", "bay area", "frisco"), "JFK": ("new york", "new york city", "nyc", "manhattan", "ny"),
    "LAX": ("los angeles", "la", "l.a."), "ORD": ("chicago", "o'hare", "ohare"), "YYZ": ("toronto", "pearson"),
    "LHR": ("london", "heathrow"), "CDG": ("paris", "charles de gaulle"), "FRA": ("frankfurt",),
    "AMS": ("amsterdam", "schiphol"), "NRT": ("tokyo", "narita"), "SIN": ("singapore", "changi"),
    "SYD": ("sydney",), "BOS": ("boston", "logan"), "SEA": ("seattle", "sea-tac"), "ATL": ("atlanta",),
    "DFW": ("dallas", "dallas fort worth", "dallas-fort worth"), "PHX": ("phoenix",), "AUS": ("austin",),
    "PDX": ("portland",), "IAD": ("washington", "washington dc", "dc", "d.c.", "dulles"), "DEN": ("denver",),
    "MIA": ("miami",), "LAS": ("las vegas", "vegas"), "MCO": ("orlando",), "PHL": ("philadelphia", "philly"),
    "MAD": ("madrid", "barajas"), "HKG": ("hong kong",), "YUL": ("montreal", "montréal"),
    "GRU": ("sao paulo", "são paulo"), "FCO": ("rome", "fiumicino"), "SAN": ("san diego",), "DXB": ("dubai",),
    "BER": ("berlin",), "ICN": ("seoul", "incheon"), "MSP": ("minneapolis", "twin cities"),
    "BCN": ("barcelona",), "YVR": ("vancouver",), "MUC": ("munich", "münchen"),
    "EZE": ("buenos aires", "ezeiza"), "HNL": ("honolulu", "oahu", "hawaii"), "DUB": ("dublin",),
    "LIS": ("lisbon", "lisboa"), "BKK": ("bangkok",), "MEL": ("melbourne",), "IST": ("istanbul",),
    "EDI": ("edinburgh",), "AKL": ("auckland",), "MEX": ("mexico city",),
}  # fmt: skip

CITY_NAMES: dict[str, str] = {code: names[0].title() for code, names in GAZETTEER.items()}
CITY_NAMES.update({"SFO": "San Francisco", "JFK": "New York", "IAD": "Washington", "LAS": "Las Vegas"})

_NAMES: dict[str, str] = {name: code for code, names in GAZETTEER.items() for name in names}


@dataclass(frozen=True)
class Place:
    """A city mentioned at ``start:end`` of the text; ``fuzzy`` when read from a misspelling."""

    start: int
    end: int
    code: str
    fuzzy: bool = False
