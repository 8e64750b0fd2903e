"""A hotel asked for only by what a room has: a price per night ("$450 a night max", "nightly cap of
$300") or a star level ("three stars minimum", "a 4-star place"). Nothing but lodging is priced by
the night or rated in stars, so these words ask for a stay even when no word for a hotel is said
("Company rules: three stars minimum, $450 a night max"). So does a room or a place to sleep said
with what it has to have ("the room has to be accessible", "wherever we sleep needs parking", "the
place I stay needs a kitchen"): the traveller describes a bed they expect to be booked.
``_hotel_words.wants_hotel`` adds them to its words for a bed; the words that refuse a hotel still win
when said last.
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


#: A need or a feature said of a room or of where the traveller sleeps: "the room has to be ...",
#: "wherever we're staying must have ...", "the place I stay needs ...", "the room has breakfast" (a
#: room not yet booked). Where the traveller stays only "has" something when it is theirs already
#: ("the place I'm staying at has a kitchen"): that is no need.
_MUST = (
    r"(?:must|needs?|has to|have to|has got to|'s got to|’s got to|should|ought to|requires?|gotta|better)\b"
)
_ADVERB = r"(?:\w+ly\s+|also\s+|just\s+|still\s+)?"  # "the room absolutely must", "also needs"
_SLEEP = r"(?:stay|sleep|crash|rest)(?:s|ing)?(?:\s+(?:at|in))?"
ROOM_NEEDS = re.compile(
    r"\b(?:the|our|my) room\s+" + _ADVERB + r"(?:" + _MUST + r"|(?:has|have|comes? with)\b)"
    r"|\b(?:the place|somewhere|wherever|where)\s+(?:i|we)(?:'re|’re|'m|’m|'ll|’ll| am| are| will)?(?:\s+be)?\s+"
    + _SLEEP
    + r"\s+"
    + _ADVERB
    + _MUST,
    re.I,
)


def lodging_terms(text: str) -> list[int]:
    """Where ``text`` (digits already) names a nightly price, a star level, or what a room must have: a
    stay is asked for."""
    return sorted(m.start() for rx in (LODGING_TERMS, ROOM_NEEDS) for m in rx.finditer(text))
