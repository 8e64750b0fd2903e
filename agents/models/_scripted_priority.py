"""Which wish matters more, said without a "than" that names the other: "Lincoln Park would be lovely,
but good reviews matter more to me", "a gym would be a plus but being in Chelsea is more important",
"good reviews are nice too but being close matters more", "the Mission would be fun but that's
secondary".

``_scripted_tradeoffs`` reads a trade-off that names both sides ("X over Y", "X matters more than Y");
here one side is said to matter more (or less) and the other is the clause it is set against. A
sentence is cut into parts at "but", ";", a comma and a dash; a part with a **more** marker ("matters
more", "is more important", "counts for more", "takes priority") doubles the wishes its words name
before the marker and halves those of the part before it (naming none, "my comfort is more important",
it weighs nothing); a part with a **less** marker ("is secondary", "matters less", "less important",
"comes second") halves the wishes it names, or, naming none ("but that's secondary"), those of the
part before it. A wish is doubled or halved once a sentence ("The gym is secondary, the location
matters more": the gym halves once). A wish is named by its topic's words: where the hotel is ("close", "location",
"being in Chelsea", "Lincoln Park"), its reviews, its stars, an amenity, the price, a non-stop flight.
Only wishes already read are weighed; no wish is made here.
"""

from __future__ import annotations

import re

from agents.models._scripted_lexicon import AMENITIES
from agents.models._scripted_prefs import Prefs

_MORE = re.compile(
    r"\b(?:matters?|counts?)\s+(?:a\s+lot\s+|much\s+|way\s+)?more\b(?!\s+than)|\bcounts?\s+for\s+more\b(?!\s+than)"
    r"|\b(?:is|are|'s|'re)\s+(?:much\s+|far\s+|way\s+)?more\s+important\b(?!\s+than)|\btakes?\s+priority\b"
    r"|\bis\s+what\s+(?:really\s+)?(?:matters|counts)\b",
    re.I,
)
_LESS = re.compile(
    r"\b(?:is|are|'s|'re)\s+(?:only\s+|just\s+|a\s+bit\s+)?secondary\b|\b(?:matters?|counts?)\s+less\b(?!\s+than)"
    r"|\b(?:is|are|'s|'re)\s+less\s+important\b(?!\s+than)|\bcomes?\s+second\b|\bnot\s+as\s+important\b(?!\s+as)",
    re.I,
)
_PARTS = re.compile(r"\s*(?:\bbut\b|[;,]|\s[-\u2013\u2014]\s|\bthough\b)\s*", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
#: a priority said of someone else ("for my boss", "to my wife"), not the traveller's own
_SOMEONE_ELSE = re.compile(
    r"\b(?:for|to)\s+(?:my|his|her|their|our)\s+(?:boss|wife|husband|partner|manager|colleague|friend|kids?"
    r"|sister|brother|mum|mom|dad|team)\b",
    re.I,
)

_TOPICS: dict[str, re.Pattern[str]] = {
    "location": re.compile(
        r"\b(?i:location|located|close|closer|near|nearby|neighbou?rhood|area|walk\w*|central|centre|center)\b"
        r"|\b(?i:being|staying|stay|be)\s+(?i:in|at|on|around)\b"
        r"|\b[A-Z][a-z]+\s+(?:District|Park|Square|Village|Quarter|Side|Drive|Beach|Hill|Heights|Wharf)\b",
    ),
    "rating": re.compile(r"\b(?:reviews?|ratings?|rated|reviewed|scores?)\b", re.I),
    "stars": re.compile(r"\bstars?\b|\b\d[\s-]*\*", re.I),
    "price": re.compile(r"\b(?:price|prices|cost|cheap\w*|money|saving\w*)\b", re.I),
    "nonstop": re.compile(r"\b(?:non[\s-]?stop|direct)\b", re.I),
}


def _topics(part: str) -> set[str]:
    out = {k for k, rx in _TOPICS.items() if rx.search(part)}
    for name, words in AMENITIES.items():
        if any(re.search(rf"\b{re.escape(w)}\b", part, re.I) for w in words):
            out.add(f"amenity:{name}")
    return out


def _scale(p: Prefs, topic: str, k: float) -> None:
    if topic == "location":
        p.hood_scale *= k
    elif topic == "rating":
        p.rating_weight *= k
    elif topic == "stars":
        p.stars_weight *= k
    elif topic == "price":
        p.cheap *= k
    elif topic == "nonstop":
        p.nonstop *= k
    elif topic.startswith("amenity:") and topic[8:] in p.amenities:
        p.amenities[topic[8:]] *= k


def priorities(text: str) -> dict[str, float]:
    """topic -> the factor its wishes weigh by, for the priorities ``text`` states without "than"."""
    out: dict[str, float] = {}
    for sent in _SENTENCE.split(text):
        up: set[str] = set()
        down: set[str] = set()
        parts = [x for x in _PARTS.split(sent) if x.strip()]
        for i, part in enumerate(parts):
            more, less = _MORE.search(part), _LESS.search(part)
            if not (more or less):
                continue
            marker = more if more is not None else less
            assert marker is not None
            if _SOMEONE_ELSE.search(part):  # "matters more to my wife", "secondary for my boss": theirs
                continue
            own = _topics(part[: marker.start()])
            before = _topics(parts[i - 1]) if i else set()
            if more and own:  # "my comfort is more important": no wish named, none weighed
                up |= own
                down |= before - own
            elif not more:
                down |= own or before
        for t in up:
            out[t] = out.get(t, 1.0) * 2.0
        for t in down - up:
            out[t] = out.get(t, 1.0) * 0.5
    return out


def weigh_priorities(p: Prefs, text: str) -> None:
    """Scale the wishes of ``p`` by the priorities ``text`` states (see the module's docstring)."""
    for topic, k in priorities(text).items():
        _scale(p, topic, k)
