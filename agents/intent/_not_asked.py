"""Hotel words that ask for nothing now: an amenity or a star level said in the past ("last time the
pool was closed", "my colleague stayed at a 5-star place last year"), asked about ("does it have a
pool?", "do any of them have a spa?") or set aside after it is named ("a gym isn't important to me",
"spa? not needed"). None of them is a requirement or a wish; ``_hard_soft`` skips them.

And one hedge that is a condition of the booking, not a wish: "only if it has breakfast included"
makes breakfast required (the general hedge test reads "if it has" as a wish).

The test is on the piece of the sentence the word is in (cut at commas, semicolons, "and", "but",
"so"), so "last time there was no parking, so parking is a must" still requires parking.
"""

from __future__ import annotations

import re

from agents.intent._shape import REQUIRED

_CUT = re.compile(r"[,;()]|\s[-\u2013\u2014]\s|\b(?:and|but|so|since|because)\b")
#: A piece about what was: "last time", "last year", "the pool was closed", "stayed", "used to", "ago"
#: (not "we were renting a car", "I was hoping for a pool").
_PAST = re.compile(
    r"\b(?:last\s+(?:time|year|month|week|trip|stay|visit|spring|summer|autumn|fall|winter)|(?:was|were)\s+(?:(?:all|still|totally|completely)\s+)?(?:\w+ed|shut|closed|broken|out\s+of|full|tiny|dirty|awful|terrible|bad)\b|"
    r"stayed|used\s+to|\w+\s+ago|previously|"
    r"back\s+then)\b",
    re.I,
)
#: A question about what a hotel has, not a request ("can you find one with a pool?" asks for it).
_QUESTION = re.compile(
    r"^\s*(?:do(?:es)?|is|are|has|have|any|will|did)\b(?!\s+(?:you|u)\s+(?:have|mind|think))[^?.!]*\?", re.I
)
#: The word set aside after it is named: "a gym isn't important", "spa? not needed", "breakfast doesn't matter".
_SET_ASIDE = re.compile(
    r"^\W*(?:(?:is|are|'s|'re)\s+)?(?:isn't|aren't|is\s+not|are\s+not|not|doesn't|does\s+not|don't|do\s+not)\s+"
    r"(?:really\s+|that\s+|so\s+|too\s+)?(?:important|needed|necessary|a\s+priority|matter|a\s+concern|relevant|bother\w*)\b",
    re.I,
)
#: The answer a question about an amenity gives itself: "Any with a pool? That's a must for us."
_MADE_A_MUST = re.compile(
    r"^\s*(?:that'?s|that\s+is|it'?s|it\s+is)\s+(?:a\s+|an\s+)?(?:absolute\s+)?"
    r"(?:must|requirement|required|essential|non[\s-]negotiable|mandatory|deal[\s-]?breaker)\b",
    re.I,
)
_ONLY_IF = re.compile(r"\bonly\s+if\b", re.I)


def _piece(sent: str, at: int) -> tuple[int, int]:
    cuts = [m.start() for m in _CUT.finditer(sent)]
    return max([c for c in cuts if c < at] or [0]), min([c for c in cuts if c >= at] or [len(sent)])


def _sentence(sent: str, at: int) -> str:
    start = max([m.end() for m in re.finditer(r"[.!?]\s", sent[:at])] or [0])
    end = re.search(r"[.!?]", sent[at:])
    return sent[start : at + end.end()] if end else sent[start:]


def not_asked(sent: str, start: int, end: int, after: str = "") -> bool:
    """Whether the hotel word at ``start``-``end`` of ``sent`` asks for nothing: past, a question, or
    set aside after it. ``after`` is the text after ``sent``: a question it answers with "that's a
    must" asks for the word."""
    lo, hi = _piece(sent, start)
    piece = sent[lo:hi]
    asked_before = REQUIRED.search(sent[lo:start])  # "must have parking like the place we stayed at"
    question = _sentence(sent, start)
    if (_PAST.search(piece) and not asked_before) or (
        _QUESTION.match(question)
        and not _MADE_A_MUST.match(sent[sent.find(question) + len(question) :] or after)
    ):
        return True
    return bool(_SET_ASIDE.match(sent[end : end + 40]))


def only_if(sent: str, at: int) -> bool:
    """Whether the word at ``at`` is a condition of the booking: "only if it has breakfast"."""
    lo, _ = _piece(sent, at)
    return bool(_ONLY_IF.search(sent[lo:at]))
