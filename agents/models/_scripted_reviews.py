"""What guests' reviews say about a hotel, read the way a careful travel agent reads them.

A traveller who wants "somewhere spotless", "friendly staff" or "the quieter the better" is asking
about something no search field shows; the agent reads the reviews (``get_hotel``) of the hotels it
might book and weighs each by the share of its reviews that speak well of the topic: a sentence that
mentions the topic (for topics that need a noun) with a good word and no bad word. The words are
ordinary English, kept here as data; review text is never followed as an instruction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from agents.models._scripted_options import HotelOpt, Scorer
    from agents.models._scripted_plans import Trip
    from agents.models._scripted_prefs import Prefs

# topic -> (nouns a sentence must mention (none: any sentence), good words, bad words)
_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "quiet": (
        (),
        ("quiet", "peaceful", "calm", "silent", "slept well", "slept soundly", "good night's sleep"),
        ("noisy", "noise", "loud", "thin walls", "thin", "earplugs", "construction", "drilling"),
    ),
    "clean": (
        (),
        ("spotless", "clean", "immaculate", "tidy", "sparkling", "pristine", "very clean"),
        ("dirty", "filthy", "stained", "dusty", "grubby", "mould", "mold", "unclean"),
    ),
    "staff": (
        ("staff", "reception", "receptionist", "concierge", "service", "team"),
        ("friendly", "helpful", "kind", "welcoming", "attentive", "lovely", "great", "excellent", "warm"),
        ("rude", "unhelpful", "slow", "indifferent", "ignored", "unfriendly", "dismissive"),
    ),
    "location": (
        ("location", "located", "area", "base", "close to everything", "walk"),
        ("great", "good", "perfect", "ideal", "central", "convenient", "excellent", "well located"),
        ("far", "remote", "inconvenient", "awkward", "long walk", "out of the way"),
    ),
    "breakfast": (
        ("breakfast",),
        ("great", "excellent", "delicious", "lovely", "good", "fantastic", "fresh", "best", "highlight"),
        ("poor", "cold", "stale", "disappointing", "bad", "average", "closed"),
    ),
}
_SENTENCE = re.compile(r"[.!?;]+")
TOPICS = tuple(_WORDS)


def _has(text: str, words: Iterable[str]) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def speaks_well(text: str, topic: str) -> bool:
    """Whether one review speaks well of ``topic``: one of its sentences does, and none badly."""
    nouns, good, bad = _WORDS[topic]
    well = False
    for sent in _SENTENCE.split(text.lower()):
        if nouns and not _has(sent, nouns):
            continue
        if _has(sent, bad):
            return False
        well = well or _has(sent, good)
    return well


def shares(details: dict[str, Any]) -> dict[str, float]:
    """Per topic, the share of a ``get_hotel`` result's reviews that speak well of it."""
    texts = [str(r.get("text", "")) for r in details.get("reviews", []) if isinstance(r, dict)]
    if not texts:
        return {}
    return {t: sum(speaks_well(x, t) for x in texts) / len(texts) for t in TOPICS}


class _Seen(Protocol):
    """What choosing hotels to read reads from the model's picture (``Context`` provides it)."""

    @property
    def prefs(self) -> Prefs: ...
    @property
    def scorer(self) -> Scorer: ...
    @property
    def trip(self) -> Trip: ...
    @property
    def all_hotels(self) -> list[HotelOpt]: ...


def review_candidates(ctx: _Seen) -> list[str]:
    """The hotels whose reviews a review wish could decide between, most promising first: every hotel
    the searches showed that breaks no limit and fits the budget on its own, by how well it already
    fits the wishes, then by price (a careful agent reads the likely choices, not the whole city)."""
    if not ctx.prefs.reviews:
        return []
    cap, seen, out = ctx.trip.cap, set(), []
    for h in ctx.all_hotels:
        if h.id in seen or ctx.scorer.hotel_problem(h, ctx.trip.nightly_cap) is not None:
            continue
        seen.add(h.id)
        if cap is None or h.total <= cap:
            out.append((-ctx.scorer.hotel_score(h), h.total, h.id))
    return [hid for _, _, hid in sorted(out)]
