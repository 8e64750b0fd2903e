"""Cancellation terms in everyday words: what people say when they want a refundable fare or room.

Travellers seldom write "refundable". They say what they want to be able to do: get a refund ("tickets
I can get a refund on"), get their money back ("a room I can get my money back on"), or cancel until
a point in time ("a hotel I can cancel up to the day before", "cancellable until 48 hours before").
``EVERYDAY_REFUND`` matches those phrasings; the reader (``_hard_soft``) and the scorer's words
(``agents.models._scripted_prefs``) add it to their own lists of the technical terms.
"""

from __future__ import annotations

import re

__all__ = [
    "DEADLINE",
    "EVERYDAY_REFUND",
    "FLIGHT_WORDS",
    "HOTEL_WORDS",
    "NO_NONREFUNDABLE",
    "asks_refund",
    "without_deadlines",
]

#: A cancellation deadline counted back from the stay or flight ("up to the day before", "until 48
#: hours before check-in"): terms of the booking, never one of the trip's dates.
DEADLINE = re.compile(
    r"\bcancel\w*\s+(?:(?:it|them|the\s+\w+|for\s+free)\s+)?(?:right\s+)?(?:up\s+to|until|till|up\s+until)\s+"
    r"(?:the\s+(?:day|night|morning|week)\s+before|(?:a|one|two|three|\d+)\s+(?:days?|hours?|weeks?)\s+before)"
    r"(?:\s+(?:check[\s-]?in|arrival|departure|(?:the|my|our)\s+(?:stay|trip|flight)))?",
    re.I,
)

#: Being able to get one's money back, or to cancel until some time before the stay or flight.
EVERYDAY_REFUND = re.compile(
    # "get a refund", "get a full refund on", "claim a refund": a refund the traveller can obtain
    r"\b(?:get|getting|claim|claiming|have|receive)\s+(?:a\s+|my\s+|our\s+)?(?:full\s+)?refunds?\b"
    # "get my money back", "money back if I cancel"
    r"|\b(?:get|getting|have)\s+(?:my|our|the|all\s+(?:my|our|the))\s+money\s+back\b"
    # "cancel up to the day before", "cancel until 48 hours before", "cancel right up to check-in"
    r"|\bcancel\w*\s+(?:(?:it|them|the\s+\w+|for\s+free)\s+)?(?:right\s+)?(?:up\s+to|until|till|up\s+until)\s+"
    r"(?:the\s+(?:day|night|morning|week)\s+before|(?:a|one|two|three|\d+)\s+(?:days?|hours?|weeks?)\s+before|check[\s-]?in|departure|the\s+last\s+minute)",
    re.I,
)

#: a non-refundable fare or room refused, as a rule says it: "non-refundable tickets aren't allowed",
#: "no non-refundable fares", "non-refundable rates are not permitted / can't be booked"
NO_NONREFUNDABLE = re.compile(
    r"\bno\s+non-?refundable\b"
    r"|\bnon-?refundable\s+(?:[\w-]+\s+){0,2}?(?:(?:is|are)\s*(?:not|n't)|(?:can't|cannot|may\s+not|must\s+not|won't)\s+be)\s+"
    r"(?:allowed|permitted|accepted|acceptable|approved|booked|reimbursed|ok(?:ay)?)\b",
    re.I,
)

#: the terms themselves: "refundable", "cancellable", "free cancellation", "fully flexible"
_TERMS = re.compile(
    r"(?<!non-)(?<!non )\b(refundable|cancell?able|free cancell?ation|cancel (?:\w+ ){0,3}for free|free to cancel|"
    r"(?:can|could) be refunded|fully flexible)\b",
    re.I,
)
#: what the terms are said of: the hotel ("hotels", "rates", "lodging") or the flights ("airfare", "tix")
HOTEL_WORDS = re.compile(r"\b(hotel|rate|room|accommodation|stay|lodging)s?\b", re.I)
FLIGHT_WORDS = re.compile(r"\b(ticket|(?:air\s*)?fare|flight|seat|tix|air\s*travel)s?\b", re.I)


def asks_refund(sent: str) -> bool:
    """Whether ``sent`` asks for refundable terms: the terms, everyday words for them, or a
    non-refundable booking refused."""
    return bool(_TERMS.search(sent) or EVERYDAY_REFUND.search(sent) or NO_NONREFUNDABLE.search(sent))


def without_deadlines(text: str) -> str:
    """``text`` with every cancellation deadline blanked out (same length, so positions hold): what
    the date reader reads, as "the day before" in "cancel up to the day before" is no day of the trip."""
    return DEADLINE.sub(lambda m: " " * len(m.group()), text)
