"""Amenity words typed with a slip ("accesible", "wheelchar", "brekfast", "parkng", "kitchn"), put
back as the words the amenity rules (``_words.AMENITIES``) read.

A word is put back only when it is none of the amenity words itself, has the same first letter as
exactly one of them, and is near it by Damerau-Levenshtein distance (``rapidfuzz``): one letter
dropped, added or two swapped for any amenity word; one letter for another, or two slips, only for
the long words ("accessable", "breakfest", "restaraunt"), which no everyday word is that near. A
short word with one letter changed is usually another real word ("packing", "parting" are not
"parking"), so it is left alone, and so are a word's own endings ("garages", "kitchens").
"""

from __future__ import annotations

import functools
import re

from rapidfuzz.distance import DamerauLevenshtein

from agents.intent._words import AMENITIES

#: Below this length an amenity word is only put back from a dropped, added or swapped letter.
_LONG = 9
_WORD = re.compile(r"\b[A-Za-z]{5,}\b")


def _vocabulary() -> frozenset[str]:
    """The words of seven letters or more that name an amenity on their own ("breakfast", "wheelchair",
    "shuttle"): an amenity's name, or a whole alternative of its pattern (not the words of a phrase or
    a lookaround, "pets are allowed", "client breakfast", which are everyday words)."""
    words = {w for name in AMENITIES for w in name.split("-")}
    for pattern in AMENITIES.values():
        words |= {re.sub(r"\\w\*$|s\?$", "", alt) for alt in re.split(r"\|(?![^(]*\))", pattern)}
    return frozenset(w for w in words if re.fullmatch(r"[a-z]{7,}", w))


VOCABULARY = _vocabulary()


@functools.lru_cache(maxsize=4096)
def amenity_word(word: str) -> str | None:
    """The amenity word ``word`` (lower case) is a slip of, or ``None``."""
    if word in VOCABULARY:
        return None
    near = set()
    for v in VOCABULARY:
        if v[0] != word[0] or word.startswith(v):  # an ending: "kitchens", "garages"
            continue
        most = 2 if len(v) >= _LONG and len(word) >= _LONG - 1 else 1
        d = DamerauLevenshtein.distance(word, v, score_cutoff=most)
        if d > most:
            continue
        if len(v) < _LONG and len(v) == len(word) and sum(a != b for a, b in zip(word, v, strict=True)) == 1:
            continue  # one letter for another in a short word: another real word ("packing")
        near.add(v)
    return near.pop() if len(near) == 1 else None


def respell_amenities(text: str) -> str:
    """``text`` with each amenity word typed with a slip put back ("Brekfast" -> "Breakfast")."""

    def fix(m: re.Match[str]) -> str:
        said = m.group(0)
        right = amenity_word(said.lower())
        if right is None:
            return said
        return right.capitalize() if said[0].isupper() else right

    return _WORD.sub(fix, text)
