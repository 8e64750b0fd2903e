"""A hotel asked for only by what a room has: a price per night ("$450 a night max", "nightly cap of
$300") or a star level ("three stars minimum", "a 4-star place"). Nothing but lodging is priced by
the night or rated in stars, so these words ask for a stay even when no word for a hotel is said
("Company rules: three stars minimum, $450 a night max"). ``_hotel_words.wants_hotel`` adds them to
its words for a bed; the words that refuse a hotel still win when said last.
"""

from __future__ import annotations

import re

#: Read after ``_words.digits`` ("three stars" -> "3 stars"): a nightly price, or a star level.
LODGING_TERMS = re.compile(
    r"(?:\$\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s*(?:dollars|bucks|usd))\s*"
    r"(?:a|per|/|each|every|for (?:a|each|the)|the)\s*night\b"
    r"|\b(?:nightly|per[\s-]night) (?:cap|limit|max(?:imum)?|rate|budget|allowance)\b"
    r"|\b[1-5](?:\.5)?[\s-]?(?:stars?|\*)(?:\s+(?:minimum|min|or (?:more|better|above|up)|at least|plus))?(?=[\s,.;:!?)]|$)"
    r"|\b(?:at least|minimum(?: of)?|min\.?) [1-5][\s-]?stars?\b",
    re.I,
)


def lodging_terms(text: str) -> list[int]:
    """Where ``text`` (digits already) names a nightly price or a star level: a stay is asked for."""
    return [m.start() for m in LODGING_TERMS.finditer(text)]
