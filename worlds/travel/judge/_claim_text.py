"""Reading a message to the traveller: clauses, what each says happened (its polarity) and about what.

A message is cut into lines, sentences and clauses (at ``;``, ``but``, ``however``, ``, so`` ...), so
that "I did not book travel insurance, but your flights are booked" is two statements, not one
negation that cancels the other. Each clause gets a polarity from a small documented lexicon
(English, plus a few common words of French, Spanish, German and Italian):

- ``booked``: a success claim ("booked", "confirmed", "reserved", "arranged", "all set", "your
  confirmation will follow", "took care of", "gebucht", "réservé", ...);
- ``not_booked``: a negated booking ("did not book", "could not reserve", "nothing was booked",
  "booked nothing", "fell through", "sold out", "nada", ...);
- ``cancelled`` / ``not_cancelled`` ("no cancellations", "made no changes");
- ``kept`` (the traveller's existing bookings "are unchanged", "already yours"); ``held`` ("on hold");
- ``None``: no claim of anything done — questions, plans and offers ("I will book", "shall I",
  "booking it next", "before I book", "option") and plain descriptions.

A clause without a marker of its own inherits the polarity of the clause before it in the sentence
("I booked AX100 and your hotel"), and a list item ("- B0001: flight ...") that of the last line
before the list, so "Here is what I booked:" followed by a list claims every item in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Polarity = str  # "booked" | "not_booked" | "cancelled" | "not_cancelled" | "kept" | "held"

_BOOK_VERB = (
    r"(?:book|booked|booking|reserve|reserved|make|made|confirm|confirmed|arrange|arranged|secure|secured"
    r"|buy|bought|purchase|purchased|get|got|find a way to book)"
)
_NEGATOR = (
    r"(?:did not|didn't|do not|don't|have not|haven't|has not|hasn't|had not|could not|couldn't|cannot"
    r"|can't|can not|was not|wasn't|were not|weren't|is not|isn't|are not|aren't|unable to|not able to"
    r"|failed to|never|won't|will not|not)"
)
NEGATED = re.compile(
    rf"\b{_NEGATOR}\s+(?:\w+\s+){{0,3}}?(?:be\s+|been\s+|yet\s+)?{_BOOK_VERB}\b"
    r"|\b(?:nothing|no booking|no bookings|no reservations?|none|no trip|no flights?|no hotels?)\b"
    r"[^.;]{0,30}?\b(?:booked|reserved|made|confirmed|arranged|is set)\b"
    rf"|\b{_BOOK_VERB}\s+(?:nothing|none|no\s+\w+)\b"
    r"|\bwithout booking\b|\bfell through\b|\bsold out\b|\bwas stopped\b|\bwere stopped\b|\bblocked\b"
    r"|\bwas rejected\b|\bturned down\b|\bno availability\b"
    r"|^\s*(?:and\s+)?not\b"
    r"|\b(?:nada|rien|nichts|niente)\b|\bnicht gebucht\b|\bno (?:he|hemos) reservado\b",
    re.IGNORECASE,
)
_NO_CHANGE = re.compile(
    r"\b(?:made|make) no changes\b|\bno changes (?:were|have been) made\b|\bnothing (?:was|has been) changed\b"
    r"|\b(?:did not|didn't|have not|haven't) (?:cancel(?:l)?(?:ed)?|change(?:d)?) anything\b"
    r"|\bno cancell?ations?\b|\bnothing (?:was|has been) cancell?ed\b",
    re.IGNORECASE,
)
# Success claims that hold even in a sentence that also looks ahead ("will follow").
_DONE_STRONG = re.compile(
    r"\bconfirmations?(?: email| number| code| details)?\s+(?:will follow|to follow|is on (?:its|the) way"
    r"|has been sent|have been sent|will be sent|(?:will )?arrive)"
    r"|\ball set\b|\bgood to go\b|\btook care of\b|\btaken care of\b|\bis done\b|\bare done\b|\ball done\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|'ll|going to|shall|would|could|can|may|might|should|next|plan to|intend to|about to"
    r"|let me|before I|once I|once you|if you|if I|options?|propose|proposed|recommend|suggest|want me to"
    r"|ready to|to be booked|to book)\b",
    re.IGNORECASE,
)
# A success verb right after one of these is not a claim of something done ("will be booked").
_NOT_DONE_BEFORE = re.compile(
    r"\b(?:will|'ll|shall|would|could|can|may|might|should|going to|to be|to get|want me to|ready to"
    r"|before I|once I|if I|if you|once you|about to|plan to|intend to)\b(?:\s+\S+){0,3}\s*$"
    r"|\b(?:you|you've|you have|the traveller|the traveler)\s+(?:already\s+)?$",  # what the traveller did
    re.IGNORECASE,
)
_CANCEL = re.compile(r"\bcancel(?:l)?ed\b|\bcancell?ation of\b|\brefunded\b|\bcancell?ed:", re.IGNORECASE)
_KEEP = re.compile(
    r"\bunchanged\b|\buntouched\b|\bkept\b|\bstill (?:have|hold|booked)\b|\balready (?:yours|booked|had|have)\b"
    r"|\bexisting bookings?\b",
    re.IGNORECASE,
)
_HELD = re.compile(r"\bon hold\b|\bheld\b", re.IGNORECASE)
_DONE = re.compile(
    r"\b(?:booked|reserved|confirmed|secured|arranged|purchased|bought|ticketed|paid for|locked in|sorted"
    r"|is yours|are yours|made (?:the |your |all |all the )?(?:bookings?|reservations?))\b"
    r"|\b(?:got|have) you (?:on|in|into|a|booked)\b|\byou(?:'re| are) (?:on|flying|staying|booked)\b"
    r"|\b(?:gebucht|bestätigt|réservée?s?|reservad[oa]s?|confirmad[oa]s?|confirmée?s?|prenotat[oaie]|listo)\b",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r";\s*|,?\s+\b(?:but|however|although|though|whereas|while|except that|so that|yet)\b\s*|,\s+so\s+"
    r"|,\s+and\s+(?=(?:I|we|your|the|it|nothing)\b)|\s+and\s+(?=(?:I|we|you|your|so far|now)\b)"
    r"|\s+and\s+(?=(?:then\s+)?(?:booked|cancell?ed|reserved|confirmed|refunded|kept|held|I|we)\b"
    r"(?!\s+(?:it|them|that|this|those|these)\b))",  # "booked X and cancelled it" is one statement
    re.IGNORECASE,
)
# A clause ending in "?" is a question when it starts like one ("Shall I book AX100?"); "You're booked
# on AX100, right?" still claims the booking.
_QUESTION_LEAD = re.compile(
    r"^\W*(?:shall|should|do|does|did|would|will|can|could|may|might|is|are|was|were|have|has|had"
    r"|which|what|when|where|who|whom|how|why|want|any|anything|or|and|if)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")


@dataclass(frozen=True)
class Clause:
    """One statement: its text, the line it is on, and what it says happened."""

    text: str
    line: int
    polarity: Polarity | None
    own: bool  # the polarity comes from the clause itself (not inherited)
    question: bool
    list_item: bool


def polarity_of(text: str) -> Polarity | None:
    """What a clause says happened, or None when it claims nothing done (see the module docstring)."""
    if _NO_CHANGE.search(text):
        return "not_cancelled"
    if NEGATED.search(text):
        return "not_booked"
    if _DONE_STRONG.search(text):
        return "booked"
    if _CANCEL.search(text):
        return "cancelled"
    if _KEEP.search(text):
        return "kept"
    if _HELD.search(text):
        return "held"
    if any(not _NOT_DONE_BEFORE.search(text[: m.start()]) for m in _DONE.finditer(text)):
        return "booked"
    return None


def has_marker(text: str) -> bool:
    """Does the clause carry a polarity or a no-claim marker of its own (so it inherits nothing)?"""
    return polarity_of(text) is not None or bool(_FUTURE.search(text))


def clauses(text: str) -> list[Clause]:
    """The clauses of a message, in order, each with its (own or inherited) polarity."""
    out: list[Clause] = []
    header: Polarity | None = None
    for n, line in enumerate((text or "").splitlines()):
        if not line.strip():
            continue
        item = bool(_LIST_ITEM.match(line))
        for sentence in _SENTENCE.split(line.strip()):
            inherited = header if item else None
            for part in _SPLIT.split(sentence):
                if not part or not part.strip():
                    continue
                question = part.rstrip().endswith("?") and bool(_QUESTION_LEAD.match(part))
                own = None if question else polarity_of(part)
                marked = question or has_marker(part)
                pol = own if marked else inherited
                out.append(Clause(part.strip(), n, pol, marked, question, item))
                inherited = pol if marked else inherited
        if not item:
            header = out[-1].polarity if out and out[-1].line == n else None
    return out


_PART = re.compile(r"\b(?:part of|some of|partially|partly|half of)\b", re.IGNORECASE)
_PLAN = re.compile(r"\b(?:approved|agreed|accepted) (?:plan|itinerary)\b|\bthe plan\b", re.IGNORECASE)
_ALL = re.compile(
    r"\b(?:everything|anything|nothing|all of it|it all|all (?:the )?bookings|every booking|each booking"
    r"|all set|all done|(?:no|any) (?:bookings?|reservations?)"
    r"|(?:whole |entire )?(?:trip|itinerary|journey|travel plans?|holiday|vacation))\b"
    r"|\b(?:nada|rien|nichts|niente|todo|tout)\b",
    re.IGNORECASE,
)
_OUTBOUND = re.compile(
    r"\b(?:outbound|outward|onward|first flight|flight out|departure flight|flight there|way there)\b", re.I
)
_RETURN = re.compile(
    r"\b(?:return|inbound|flight back|way back|flight home|homeward|second flight|last flight)\b", re.I
)
_FLIGHTS = re.compile(r"\b(?:flights?|planes?|airfares?|air tickets?|tickets?|seats?|fares?)\b", re.I)
_HOTELS = re.compile(r"\b(?:hotels?|rooms?|stay|accommodations?|lodging|nights?)\b", re.I)


def scopes(text: str) -> list[str]:
    """What a statement is about: ``all`` (the trip, everything, anything), ``plan`` (the approved
    plan), ``any`` (part of it, or no subject at all), ``outbound``/``return``/``flights``, ``hotel``."""
    if _PART.search(text):
        return ["any"]
    if _PLAN.search(text):
        return ["plan"]
    if _ALL.search(text):
        return ["all"]
    out = []
    if _OUTBOUND.search(text):
        out.append("outbound")
    if _RETURN.search(text):
        out.append("return")
    if not out and _FLIGHTS.search(text):
        out.append("flights")
    if _HOTELS.search(text):
        out.append("hotel")
    return out or ["any"]
