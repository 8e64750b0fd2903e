"""Spotting what a clause names: booking ids, flights, hotels (by id or by name) and made-up hotels.

- booking ids ``B0001``; flight ids ``AX112-2027-01-22``; flight numbers ``AX112`` (also ``AX 112``
  for an airline code the catalog knows); hotel ids ``H-LHR-01``;
- hotel names, matched word by word against every hotel name of the catalog view with rapidfuzz
  (``fuzz.ratio`` >= 88 over a window of as many words as the name has, the last word — "Suites",
  "Inn" — exactly), so "Safron Suites" is Saffron Suites but "a simple inn" is not Maple Inn and
  "Cedar Hotel" is not Cedar House;
- made-up hotels: a capitalised name ending in a hotel word ("Grand Plaza Hotel", "Hotel Miramar")
  that matches no catalog hotel.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process, utils

BOOKING_ID = re.compile(r"\bB\d{4}\b")
FLIGHT_ID = re.compile(r"\b([A-Z]{2})(\d{2,4})-(\d{4}-\d{2}-\d{2})\b")
HOTEL_ID = re.compile(r"\bH-[A-Z]{3}-\d{2}\b")
_FLIGHT_NO = re.compile(r"\b([A-Z]{2})(\s?)(\d{2,4})\b")
_WORD = re.compile(r"[\w'’&-]+")
_KIND = r"(?:Hotel|Inn|Suites|Lodge|Resort|Hostel|Guesthouse|Residence|House|Palace|Motel|B&B)"
_CAP = r"(?:[A-Z][\w'’&-]*|&)"
_MADE_UP = re.compile(rf"\b(?:{_CAP}\s+){{1,3}}{_KIND}\b")
_MADE_UP_HOTEL_X = re.compile(rf"\bHotel\s+{_CAP}(?:\s+{_CAP}){{0,2}}")
_LEAD = {
    "the", "your", "a", "an", "my", "our", "this", "that", "each", "every", "any", "one", "please",
    "note", "and", "in", "at", "for", "with", "booked", "confirmed", "reserved", "details", "name",
    "booking", "stay", "room", "rooms", "hotel:",
}  # fmt: skip
_GENERIC = {
    "grand", "boutique", "budget", "hotel", "inn", "suites", "lodge", "resort", "hostel", "guesthouse",
    "residence", "house", "palace", "motel", "b&b",
}  # fmt: skip
MATCH_AT = 88.0


@dataclass(frozen=True)
class Entity:
    """Something a clause names. ``kind``: booking | flight | flight_number | hotel | made_up_hotel.

    ``key`` is the booking id, flight id, flight number (``AX112``), hotel name or made-up name;
    ``hotels`` the catalog hotel ids a hotel name or id stands for."""

    kind: str
    key: str
    start: int
    end: int
    hotels: tuple[str, ...] = ()


class HotelNames:
    """Every hotel name of a catalog view, by number of words, for word-window fuzzy matching."""

    def __init__(self, names: dict[str, tuple[str, ...]], airlines: frozenset[str] = frozenset()):
        self.ids = names  # name -> hotel ids
        self.airlines = airlines
        self.by_size: dict[int, list[str]] = {}
        for name in names:
            self.by_size.setdefault(len(_WORD.findall(name)), []).append(name)

    def find(self, text: str) -> list[tuple[str, int, int, float]]:
        """``(name, start, end, score)`` of every catalog hotel name in ``text``, longest first."""
        words = list(_WORD.finditer(text))
        hits: list[tuple[str, int, int, float]] = []
        for size, names in self.by_size.items():
            for i in range(len(words) - size + 1):
                window = text[words[i].start() : words[i + size - 1].end()]
                best = process.extractOne(
                    window, names, scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=MATCH_AT
                )
                if best is not None and _last(window) == _last(best[0]):
                    hits.append((best[0], words[i].start(), words[i + size - 1].end(), float(best[1])))
        hits.sort(key=lambda h: (-(h[2] - h[1]), -h[3], h[1]))
        kept: list[tuple[str, int, int, float]] = []
        for h in hits:
            if all(h[2] <= k[1] or h[1] >= k[2] for k in kept):
                kept.append(h)
        return kept


def _last(name: str) -> str:
    """The last word (the kind of hotel: "Suites", "Inn"), which must match exactly."""
    return _WORD.findall(name)[-1].lower()


_CACHE: weakref.WeakKeyDictionary[Any, HotelNames] = weakref.WeakKeyDictionary()


def hotel_names(view: Any) -> HotelNames:
    """The hotel names of a catalog view (``CatalogView``), built once per view."""
    hit = _CACHE.get(view)
    if hit is None:
        names: dict[str, list[str]] = {}
        for city in view.cities():
            for h in view.hotels_in(city.code):
                names.setdefault(h.name, []).append(h.id)
        airlines = frozenset(a.code for a in view.airlines())
        hit = HotelNames({k: tuple(v) for k, v in names.items()}, airlines)
        _CACHE[view] = hit
    return hit


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def spot(text: str, names: HotelNames) -> list[Entity]:
    """Every entity named in ``text``, in order of appearance."""
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def add(e: Entity) -> None:
        out.append(e)
        taken.append((e.start, e.end))

    for m in BOOKING_ID.finditer(text):
        add(Entity("booking", m.group(), m.start(), m.end()))
    for m in FLIGHT_ID.finditer(text):
        add(Entity("flight", m.group(), m.start(), m.end()))
    for m in HOTEL_ID.finditer(text):
        add(Entity("hotel", m.group(), m.start(), m.end(), (m.group(),)))
    for m in _FLIGHT_NO.finditer(text):
        spaced = bool(m.group(2))
        if _free(taken, m.start(), m.end()) and (not spaced or m.group(1) in names.airlines):
            add(Entity("flight_number", m.group(1) + m.group(3), m.start(), m.end()))
    for name, start, end, _ in names.find(text):
        if _free(taken, start, end):
            add(Entity("hotel", name, start, end, names.ids[name]))
    for m in [*_MADE_UP.finditer(text), *_MADE_UP_HOTEL_X.finditer(text)]:
        made_up = _made_up(m.group())
        start = m.start() + m.group().find(made_up.split()[0]) if made_up else m.start()
        if made_up and _free(taken, start, m.end()):
            add(Entity("made_up_hotel", made_up, start, m.end()))
    return sorted(out, key=lambda e: e.start)


def _made_up(phrase: str) -> str | None:
    """The hotel name in a phrase like "the Grand Plaza Hotel" or "Hotel Miramar", if it is one."""
    words = _WORD.findall(phrase)
    if words[0] == "Hotel":  # "Hotel Miramar": every following word must be a name
        rest = [w for w in words[1:] if w.lower() not in _LEAD | _GENERIC]
        return " ".join(words) if len(rest) == len(words) - 1 and rest else None
    while words and words[0].lower() in _LEAD:
        words.pop(0)
    named = [w for w in words if w.lower() not in _LEAD | _GENERIC]
    return " ".join(words) if len(words) >= 2 and named else None
