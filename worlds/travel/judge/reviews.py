"""What guest reviews say about a hotel, for the ``review`` preference (``{kind: review, topic: quiet}``).

A review *speaks well of* a topic when one of its sentences (split at ``.``, ``!``, ``?`` and ``;``)
mentions the topic (one of its ``nouns``; topics without nouns need none), says something good (one of
its ``good`` words) and nothing bad about it (none of its ``bad`` words). Words match whole, ignoring
case. A hotel's satisfaction for the topic is the share of its reviews that speak well of it (0 for a
hotel without reviews). Deterministic and fixed: the lists below are the definition.

| topic     | nouns | good | bad |
|-----------|-------|------|-----|
| quiet     | (none) | quiet, peaceful, calm, silent, slept well, slept soundly | noisy, noise, loud, thin |
| breakfast | breakfast | great, excellent, delicious, lovely, good, fantastic, highlight, fresh, best | average, poor, closed, cold, bad, okay, disappointing, stale |
| clean     | (none) | spotless, clean, immaculate, tidy, sparkling | dirty, filthy, stained, dusty, grubby |
| location  | location, base, located, area | great, good, perfect, ideal, central, convenient, excellent, plus, well located, close to everything | far, remote, inconvenient, awkward, long walk, out of the way |
| staff     | staff, reception, concierge, service | friendly, helpful, kind, welcoming, excellent, great, attentive, lovely | rude, unhelpful, slow, apologetic, indifferent, ignored |

The lists read both kinds of generated reviews the same way: the short templates of ``small``'s hotels
and the topic sentences of the other cities' (``catalog/_places.py``; a test checks every one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from worlds.travel.records import Hotel

__all__ = ["TOPICS", "Topic", "review_share", "speaks_well"]


@dataclass(frozen=True)
class Topic:
    nouns: tuple[str, ...]
    good: tuple[str, ...]
    bad: tuple[str, ...]


TOPICS: dict[str, Topic] = {
    "quiet": Topic(
        (),
        ("quiet", "peaceful", "calm", "silent", "slept well", "slept soundly"),
        ("noisy", "noise", "loud", "thin"),
    ),
    "breakfast": Topic(
        ("breakfast",),
        ("great", "excellent", "delicious", "lovely", "good", "fantastic", "highlight", "fresh", "best"),
        ("average", "poor", "closed", "cold", "bad", "okay", "disappointing", "stale"),
    ),
    "clean": Topic(
        (),
        ("spotless", "clean", "immaculate", "tidy", "sparkling"),
        ("dirty", "filthy", "stained", "dusty", "grubby"),
    ),
    "location": Topic(
        ("location", "base", "located", "area"),
        (
            "great",
            "good",
            "perfect",
            "ideal",
            "central",
            "convenient",
            "excellent",
            "plus",
            "well located",
            "close to everything",
        ),
        ("far", "remote", "inconvenient", "awkward", "long walk", "out of the way"),
    ),  # fmt: skip
    "staff": Topic(
        ("staff", "reception", "concierge", "service"),
        ("friendly", "helpful", "kind", "welcoming", "excellent", "great", "attentive", "lovely"),
        ("rude", "unhelpful", "slow", "apologetic", "indifferent", "ignored"),
    ),
}

_SENTENCE = re.compile(r"[.!?;]+")


def _words(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


_PATTERNS = {name: (_words(t.nouns), _words(t.good), _words(t.bad)) for name, t in TOPICS.items()}


def speaks_well(text: str, topic: str) -> bool:
    """Whether one sentence of ``text`` mentions ``topic``, says something good and nothing bad of it."""
    nouns, good, bad = _PATTERNS[topic]
    assert good is not None and bad is not None
    for sentence in _SENTENCE.split(text):
        if nouns is not None and not nouns.search(sentence):
            continue
        if good.search(sentence) and not bad.search(sentence):
            return True
    return False


@lru_cache(maxsize=8192)
def review_share(hotel: Hotel, topic: str) -> float:
    """The share of ``hotel``'s reviews that speak well of ``topic`` (0 without reviews)."""
    if not hotel.reviews:
        return 0.0
    return sum(speaks_well(r.text, topic) for r in hotel.reviews) / len(hotel.reviews)
