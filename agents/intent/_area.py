"""A hotel's area said as a requirement: "it has to be in LoDo", "must be in the West End", "only in
Shoreditch".

The reader does not know a city's neighbourhoods (only search results name them), so an area is read
from grammar: a proper name after a verb of obligation and "be in" (or "only in"), which is not a
city or airport the catalog knows (``find_places``), a month or a weekday. "I have to be in Denver
by 9" names a city: a journey, not an area.
"""

from __future__ import annotations

import calendar
import re

from agents.intent._model import TripIntent
from agents.intent._places import find_places

_NAME = r"(?P<h>[A-Z][\w'&-]*(?:\s+(?:[A-Z][\w'&-]*|of|de|la|le))*)"
_AREA = re.compile(
    r"\b(?:has to|have to|had to|must|needs? to|got to|gotta)\s+be\s+(?:right\s+)?in\s+(?:the\s+)?"
    + _NAME
    + r"|\b(?:only|nowhere but|nothing outside(?: of)?|strictly|exclusively)\s+in\s+(?:the\s+)?"
    + _NAME.replace("?P<h>", "?P<h2>")
)
#: Capitalised words after "be in" that are no area: days, months, a cabin ("has to be in Business").
_NOT_AREA = frozenset(
    [
        n.lower()
        for n in list(calendar.month_name)[1:] + list(calendar.day_name) + list(calendar.month_abbr)[1:]
    ]
    + "economy business first premium coach class time town".split()
)


def required_areas(text: str) -> list[tuple[int, int, str]]:
    """(start, end, area in lower case) for each area the words require of the hotel."""
    out = []
    for m in _AREA.finditer(text):
        key = "h" if m.group("h") else "h2"
        name = re.sub(r"\s+(?:of|de|la|le)$", "", m.group(key))
        if name.split()[0].lower() in _NOT_AREA or find_places(name):
            continue
        out.append((m.start(), m.start(key) + len(name), name.lower()))
    return out


def without_areas(text: str) -> str:
    """``text`` with the required areas blanked: "it has to be in LoDo" is no journey ("be in")."""
    for start, end, _ in reversed(required_areas(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def apply_areas(intent: TripIntent, text: str) -> None:
    """Each required area on the stay of the city named last before it (the only stay, when one)."""
    if not intent.stays:
        return
    places = find_places(text)
    for start, _, area in required_areas(text):
        before = [p.code for p in places if p.start < start]
        stay = next((s for c in reversed(before) for s in intent.stays if s.city == c), intent.stays[0])
        if stay.neighbourhood is None:
            stay.neighbourhood = area
