"""What a traveller wants guests' reviews to say about the hotel: clean, friendly staff, a good
location, a good breakfast (quiet has its own wish kind, ``quiet``).

These are wishes about how a hotel *is*, which only its reviews tell (a pool is an amenity; "spotless"
is not). ``review_topics(sentence)`` names the topics a sentence asks for; a topic the sentence only
shrugs off ("not fussed about the breakfast") or refuses to weigh is not asked for. Breakfast counts
only when its quality is the point ("a great breakfast", "known for its breakfast"): a bare
"breakfast" is the amenity.
"""

from __future__ import annotations

import re
from typing import Literal, overload

_TOPICS: dict[str, re.Pattern[str]] = {
    "clean": re.compile(
        r"\b(clean(?:est|er|liness|ly)?|spotless(?:ly)?|immaculate|hygien\w*|tidy|sparkling|dirty|grubby|filthy)\b",
        re.I,
    ),
    "staff": re.compile(
        r"\b(?:friendly|helpful|welcoming|kind|nice|attentive|good|great|lovely)\s+(?:\w+\s+)?(?:staff|service|people|reception)\b"
        r"|\b(?:staff|service|people|reception)\s+(?:(?:who|that)\s+)?(?:\w+\s+)?(?:is|are|were|be)\s+(?:\w+\s+)?(?:friendly|helpful|welcoming|kind|nice|attentive|lovely)\b",
        re.I,
    ),
    "location": re.compile(
        r"\b(?:good|great|central|convenient|perfect|ideal|best)\s+location\b|\blocation\s+(?:is|matters)\b"
        r"|\bwell[\s-]located\b|\bclose to everything\b|\bcentrally located\b",
        re.I,
    ),
    "breakfast": re.compile(
        r"\b(?:good|great|excellent|delicious|decent|fantastic|best|proper|lovely)\s+breakfasts?\b"
        r"|\bbreakfasts?\s+(?:is|are|that's|that is)\s+(?:actually\s+|really\s+)?(?:good|great|excellent|decent|delicious)\b"
        r"|\bknown for (?:its|their|the) breakfast",
        re.I,
    ),
}
_SHRUG = re.compile(
    r"\b(?:not (?:fussed|bothered|picky|worried)|don't (?:care|mind)|doesn't matter|no need for|whatever)\b"
    r"(?:\s+\w+){0,3}\s*$",
    re.I,
)
_NOT_HOTEL = re.compile(r"\b(?:flights?|plane|airline|seat|cabin|car|apartment I own)\b", re.I)


@overload
def review_topics(sentence: str) -> list[str]: ...
@overload
def review_topics(sentence: str, *, at: Literal[True]) -> list[tuple[str, int]]: ...


def review_topics(sentence: str, *, at: bool = False) -> list[str] | list[tuple[str, int]]:
    """The review topics ``sentence`` wishes for, in the order of the topics above (with where each
    is said, when ``at``)."""
    out: list[tuple[str, int]] = []
    for topic, rx in _TOPICS.items():
        m = rx.search(sentence)
        if m is None or _SHRUG.search(sentence[: m.start()]):
            continue
        if (
            topic == "clean"
            and _NOT_HOTEL.search(sentence)
            and not re.search(r"\b(hotel|room|place|stay)\b", sentence, re.I)
        ):
            continue  # "a clean flight record" is not about the hotel
        out.append((topic, m.start()))
    return out if at else [t for t, _ in out]


# A clause about the stay and not the flights: a capitalised name in it is a place, not an airline
# ("only South Beach for the hotel", "no Brickell, the hotel's for a holiday").
STAY_WORDS = re.compile(
    r"\b(hotels?|stay(?:ing)?|rooms?|neighbou?rhoods?|area|district|part of town|place to stay|accommodation)\b",
    re.I,
)
FLIGHT_WORDS = re.compile(
    r"\b(fly|flying|flights?|airlines?|airways|carriers?|planes?|tickets?|fares?)\b", re.I
)
# "cheap" said of what the traveller would give up: "a non-stop over a cheaper flight with a
# connection", "rather than the cheapest", "even if it isn't the cheapest"
TRADED_AWAY = re.compile(
    r"\b(?:over|than|instead of|rather than|even if|even though|not|isn't|aren't|doesn't have to be)\s+(?:\w+\s+){0,3}$",
    re.I,
)


def about_stay(sentence: str, pos: int) -> bool:
    """Whether the part of ``sentence`` around ``pos`` (between commas) is about the stay and not the
    flights, so that a name in it is a place ("only South Beach for the hotel"), not an airline."""
    start = sentence.rfind(",", 0, pos) + 1
    end = sentence.find(",", pos)
    piece = sentence[start : end if end >= 0 else len(sentence)]
    return bool(STAY_WORDS.search(piece)) and not FLIGHT_WORDS.search(piece)
