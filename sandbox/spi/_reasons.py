"""What a human's rejection is about: ``infer_reason_kind(reason)`` when a decision names no kind.

A rejection carries a reason in words and, from the scenario's rule or the person, a ``reason_kind``
(``ReasonKind``). When the kind is missing it is read from the words with a small lexicon, first
match in this order: ``price`` (the plan costs too much), ``airline``, ``hotel``, ``time`` (of day),
``dates``, else ``other``. The scoring's ``human`` gate reads the kind: a ``price`` rejection must
be followed by a cheaper plan.
"""

from __future__ import annotations

import re
from typing import cast

from sandbox.spi._scenario import ReasonKind

_LEXICON: tuple[tuple[ReasonKind, tuple[str, ...]], ...] = (
    (
        "price",
        (
            "price", "pricey", "expensive", "cost", "costs", "cheaper", "cheap", "budget", "afford",
            "too much", "money", "spend", "$",
        ),
    ),
    ("airline", ("airline", "airlines", "airways", "carrier", "fly with", "flying with")),
    ("hotel", ("hotel", "room", "rooms", "stay", "neighbourhood", "neighborhood", "stars", "noisy")),
    (
        "time",
        (
            "morning", "evening", "afternoon", "night", "overnight", "red-eye", "early", "late",
            "departure time", "arrival time", "too long", "layover", "connection",
        ),
    ),
    (
        "dates",
        (
            "date", "dates", "day", "days", "weekend", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "week",
        ),
    ),
)  # fmt: skip


def infer_reason_kind(reason: str | None) -> ReasonKind:
    """The kind of a rejection's reason, from its words (``other`` when none of the lexicon's)."""
    text = (reason or "").lower()
    for kind, words in _LEXICON:
        for w in words:
            if w == "$" and "$" in text:
                return kind
            if re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", text):
                return kind
    return cast(ReasonKind, "other")
