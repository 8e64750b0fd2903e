"""What the scripted model knows about the world before it calls a tool: the words an LLM would know.

A gazetteer of city and airport names (general knowledge, not read from any world), the amenity
vocabulary hotels use, number words, months and the usual times of day. Everything that
is specific to one run (airline names, neighbourhoods, hotel names) is learnt from tool results.
"""

from __future__ import annotations

import functools
import re

#: City and airport names -> IATA code. Longer names are matched first.
CITIES: dict[str, str] = {
    "san francisco": "SFO", "sf": "SFO", "sfo": "SFO", "bay area": "SFO",
    "new york city": "JFK", "new york": "JFK", "nyc": "JFK", "manhattan": "JFK", "jfk": "JFK",
    "los angeles": "LAX", "la": "LAX", "l.a.": "LAX", "lax": "LAX",
    "chicago": "ORD", "o'hare": "ORD", "ord": "ORD",
    "toronto": "YYZ", "pearson": "YYZ", "yyz": "YYZ",
    "london": "LHR", "heathrow": "LHR", "lhr": "LHR",
    "paris": "CDG", "charles de gaulle": "CDG", "cdg": "CDG",
    "frankfurt": "FRA", "fra": "FRA",
    "amsterdam": "AMS", "schiphol": "AMS", "ams": "AMS",
    "tokyo": "NRT", "narita": "NRT", "nrt": "NRT",
    "singapore": "SIN", "changi": "SIN", "sin": "SIN",
    "sydney": "SYD", "syd": "SYD",
    "boston": "BOS", "logan": "BOS", "bos": "BOS",
    "seattle": "SEA", "sea-tac": "SEA", "sea": "SEA",
    "mexico city": "MEX", "mex": "MEX",
    "sao paulo": "GRU", "são paulo": "GRU", "gru": "GRU",
    "madrid": "MAD", "barajas": "MAD", "mad": "MAD",
    "rome": "FCO", "fiumicino": "FCO", "fco": "FCO",
    "dubai": "DXB", "dxb": "DXB",
    "hong kong": "HKG", "hkg": "HKG",
    "barcelona": "BCN", "bcn": "BCN",
    "seoul": "ICN", "incheon": "ICN", "icn": "ICN",
    "miami": "MIA", "mia": "MIA",
    "denver": "DEN", "den": "DEN",
    "vancouver": "YVR", "yvr": "YVR",
    "buenos aires": "EZE", "ezeiza": "EZE", "eze": "EZE",
    "dublin": "DUB", "dub": "DUB",
    "istanbul": "IST", "ist": "IST",
    "bangkok": "BKK", "bkk": "BKK",
    "auckland": "AKL", "akl": "AKL",
    # the busiest hubs people ask for beyond those (medium catalogs)
    "atlanta": "ATL", "atl": "ATL", "dallas": "DFW", "dfw": "DFW", "phoenix": "PHX", "phx": "PHX",
    "austin": "AUS", "portland": "PDX", "pdx": "PDX", "washington": "IAD", "iad": "IAD",
    "las vegas": "LAS", "vegas": "LAS", "las": "LAS", "orlando": "MCO", "mco": "MCO",
}  # fmt: skip

#: Names that are also ordinary English words: matched only when written as a code (upper case).
CODE_ONLY = frozenset({"sea", "mad", "sin", "den", "dub", "mia", "ist", "la", "sf", "las"})

CITY_NAMES: dict[str, str] = {
    "SFO": "San Francisco", "JFK": "New York", "LAX": "Los Angeles", "ORD": "Chicago",
    "YYZ": "Toronto", "LHR": "London", "CDG": "Paris", "FRA": "Frankfurt", "AMS": "Amsterdam",
    "NRT": "Tokyo", "SIN": "Singapore", "SYD": "Sydney", "BOS": "Boston", "SEA": "Seattle",
    "MEX": "Mexico City", "GRU": "Sao Paulo", "MAD": "Madrid", "FCO": "Rome", "DXB": "Dubai",
    "HKG": "Hong Kong", "BCN": "Barcelona", "ICN": "Seoul", "MIA": "Miami", "DEN": "Denver",
    "YVR": "Vancouver", "EZE": "Buenos Aires", "DUB": "Dublin", "IST": "Istanbul",
    "BKK": "Bangkok", "AKL": "Auckland", "ATL": "Atlanta", "DFW": "Dallas", "PHX": "Phoenix",
    "AUS": "Austin", "PDX": "Portland", "IAD": "Washington", "LAS": "Las Vegas", "MCO": "Orlando",
}  # fmt: skip

#: Amenity as hotels list it -> the phrases that ask for it.
AMENITIES: dict[str, tuple[str, ...]] = {
    "wifi": ("wifi", "wi-fi", "wireless internet", "internet"),
    "gym": ("gym", "fitness"),
    "pool": ("pool", "swimming"),
    "spa": ("spa",),
    "breakfast": ("breakfast",),
    "parking": ("parking", "car park"),
    "airport-shuttle": ("airport shuttle", "shuttle"),
    "business-centre": ("business centre", "business center"),
    "restaurant": ("restaurant",),
    "bar": ("bar",),
    "pet-friendly": ("pet-friendly", "pet friendly", "pets", "my dog", "my cat"),
    "kitchen": ("kitchen", "kitchenette", "self-catering"),
}

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "both": 2, "pair": 2, "couple": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fourteen": 14,
}  # fmt: skip
NUMBER_WORDS = "|".join(sorted((k for k in NUMBERS if len(k) > 2), key=len, reverse=True))

MONTHS: dict[str, int] = {}
for _i, _m in enumerate(
    "january february march april may june july august september october november december".split(), 1
):
    MONTHS[_m] = _i
    MONTHS[_m[:3]] = _i
MONTHS["sept"] = 9
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

#: Times of day as (start, end) minutes after midnight; a window with start > end wraps midnight.
DAYPARTS: dict[str, tuple[int, int]] = {
    "early morning": (5 * 60, 9 * 60),
    "morning": (6 * 60, 12 * 60),
    "early": (6 * 60, 12 * 60),
    "midday": (11 * 60, 14 * 60),
    "lunchtime": (11 * 60, 14 * 60),
    "afternoon": (12 * 60, 18 * 60),
    "daytime": (7 * 60, 19 * 60),
    "evening": (17 * 60, 22 * 60),
    "late": (17 * 60, 23 * 60 + 59),
    "red-eye": (21 * 60, 5 * 60),
    "redeye": (21 * 60, 5 * 60),
    "night": (20 * 60, 5 * 60),
}
DAYPART_RE = "|".join(sorted((re.escape(k) for k in DAYPARTS), key=len, reverse=True))


def _city_patterns() -> list[tuple[re.Pattern[str], str]]:
    """One compiled pattern per city name or code, longest first (so "New York" wins over "York")."""
    out = []
    for name in sorted(CITIES, key=len, reverse=True):
        code = name in CODE_ONLY or len(name) == 3 and name.isalpha()
        pattern = re.escape(name.upper()) if code else re.escape(name)
        # codes may touch dashes and arrows ("SFO->ORD", "SFO-ORD"); names not inside words ("London-based")
        edges = (
            (r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])")
            if code
            else (r"(?<![\w])(?<!(?-i:[a-z])-)", r"(?![\w])(?!-(?-i:[a-z]))")
        )
        out.append((re.compile(edges[0] + pattern + edges[1], 0 if code else re.IGNORECASE), CITIES[name]))
    return out


_CITY_PATTERNS = _city_patterns()


def city_mentions(text: str) -> list[tuple[int, int, str]]:
    """Every city or airport named in ``text``: (start, end, code), in order, without overlaps."""
    return list(_city_mentions(text))


@functools.lru_cache(maxsize=8192)
def _city_mentions(text: str) -> tuple[tuple[int, int, str], ...]:
    # the model re-reads the same messages on every call: a pure function of the text, so remember it
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, code in _CITY_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), code))
    return tuple(sorted(found))


def number(word: str) -> int | None:
    """``"3"`` or ``"three"`` -> 3; None for anything else."""
    w = word.lower()
    if w.isdigit():
        return int(w)
    return NUMBERS.get(w)


#: the words that mark the question asking to break a limit (its answer is left out of the request's reading)
RELAX_MARK = "comes closest"
