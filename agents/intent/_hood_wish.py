"""A hotel's area named in a hedge: "somewhere around the Design District would be nice", "in
Bankenviertel ideally", "if you can, put me near Capitol Hill".

The reader knows a few generic areas (``_limits.HOOD``: downtown, old town, ...) but not a city's
neighbourhoods (only search results name them), so a named area is read from grammar, as
``_area`` reads a required one: a proper name after a word that places a stay ("in", "around",
"near", "close to"), which is no city or airport the gazetteer knows, no month, weekday or cabin.
Read in a hedged clause about a stay, it is a neighbourhood wish, and the name is no airline.

A proper name a preference is said of ("Cambridge preferred", "I'd prefer South Congress", "Back Bay
ideally") is an area too, unless it is a carrier's name (an airline wish must name one:
``_airline_rule.is_carrier``) or a word that names no place (a month, a cabin, an amenity).
"""

from __future__ import annotations

import re

from agents.intent._airline_rule import is_carrier
from agents.intent._area import _NOT_AREA
from agents.intent._limits import NOT_LEAD
from agents.intent._places import find_places
from agents.intent._words import AMENITY_RX

_NAME = r"(?P<h>[A-Z][\w'&-]*(?:\s+(?:[A-Z][\w'&-]*|of|de|la|le))*)"
_NEAR = re.compile(
    r"\b(?:[Ii]n|[Aa]round|[Nn]ear|[Cc]lose to|[Nn]ext to|[Cc]loser to|[Ii]nside)\s+(?:the\s+)?" + _NAME
)
#: "on International Drive", "on the Canal Ring": a street or a ring of canals a stay is on.
_ON_STREET = re.compile(
    r"\b[Oo]n\s+(?:the\s+)?(?P<h>(?:[A-Z][\w'&-]*\s+)+(?:Drive|Street|Avenue|Road|Boulevard|Ring|Strip|Row|Wharf|Pier|Beach))\b"
)
#: A name a preference is said of: "Cambridge preferred", "Back Bay ideally", "Wicker Park if possible",
#: "I'd prefer South Congress", "preferably Gastown".
_PREFERRED = (
    re.compile(
        _NAME
        + r"(?=\s+(?:is\s+|are\s+)?(?:preferred(?!\s+(?:the|a|an|to|it|that|this|his|her|their|our|my)\b)"
        r"|ideally|if\s+possible|by\s+preference)\b)"
    ),
    re.compile(
        r"\b(?i:prefer(?:ably|red)?:?|ideally)\s+(?:the\s+)?(?!(?i:to|not|a|an|it|that|this)\b)" + _NAME
    ),
)
#: Capitalised words after "in" that name no area: pronouns, articles, request words.
_NOT_NAMES = frozenset("i a an my our your the it this that we please hotel hotels flight flights".split())


def named_areas(sent: str) -> list[tuple[int, int, str]]:
    """(start, end, name in lower case) for each area ``sent`` places a stay in by its proper name."""
    out: list[tuple[int, int, str]] = []
    for m in [
        *_NEAR.finditer(sent),
        *_ON_STREET.finditer(sent),
        *_PREFERRED[0].finditer(sent),
        *_PREFERRED[1].finditer(sent),
    ]:
        name = re.sub(r"\s+(?:of|de|la|le)$", "", m.group("h"))
        first = name.split()[0].lower()
        if first in _NOT_AREA or first in _NOT_NAMES or name.isupper() or find_places(name):
            continue
        if m.re in _PREFERRED and (
            is_carrier(name, sent)
            or any(rx.match(name) for rx in AMENITY_RX.values())
            or _no_place(name, sent, m)
        ):
            continue  # "Kestrel preferred": an airline wish; "Breakfast ideally": an amenity
        if any(a < m.end("h") and m.start("h") < b for a, b, _ in out):
            continue
        out.append((m.start("h"), m.start("h") + len(name), name.lower()))
    return out


#: Words other rules own, said capitalised before a preference ("King bed preferred", "Window if
#: possible"): beds, seats, fares; and hotel chains ("Marriott preferred" names a brand, not a place).
_OWNED = re.compile(
    r"^(?:king|queen|twin|double|single|seat|bed|suite|room|flights?|fares?|nonstop|direct|"
    r"marriott|hilton|hyatt|sheraton|westin|holiday\s+inn|hampton|radisson|wyndham|ibis|novotel|sofitel|"
    r"intercontinental|best\s+western|courtyard|kimpton|fairmont|doubletree|crowne\s+plaza|"
    r"four\s+seasons|ritz|accor|omni|motel\s+6|premier\s+inn|"
    # a kind of lodging or a rental brand ("Airbnb preferred", "Hostel ideally"): what to book, not where
    r"airbnb|vrbo|hostels?|motels?|inns?|b&b|bnb|bed\s+and\s+breakfast|guest\s?houses?|apartments?|condos?|"
    r"aparthotels?|villas?|cabins?|cottages?|resorts?|boutiques?|vacation\s+rentals?|holiday\s+lets?)\b",
    re.I,
)
#: What may follow an area's name in a preference: "Gastown or Yaletown", "Soho area", "Back Bay, ...".
_AFTER_PLACE = re.compile(
    r"^\s*(?:[^\w\s]|$|(?:or|and|area|district|neighbou?rhood|side|please|if|is|are|since|as|because|for|preferred|ideally|by)\b)"
)


def _no_place(name: str, sent: str, m: re.Match[str]) -> bool:
    """Whether a name said with a preference is no place: a word a rule owns ("Refundable", "Aisle",
    "King bed"), an adjective ("Walkable to the Loop"), or a word a lower-case word goes on from
    ("Breakfast included")."""
    first = name.split()[0]
    return bool(
        NOT_LEAD.match(first)
        or _OWNED.match(name)
        or re.search(r"(?:able|ible)$", first, re.I)
        or not _AFTER_PLACE.match(sent[m.start("h") + len(name) :])
    )
