"""A hotel's star level: a requirement or a wish, by how it is said.

A star level said with a hedge ("4 stars would be lovely", "I'd like a 4-star hotel") is a wish. So
is one said plainly, as a kind of hotel ("a 4-star place in Midtown", "four stars, near the river"):
people name the class of hotel they picture, and a careful agent books it where it can but does not
refuse the trip over it. It is a requirement only when the words make it a floor: a word of
necessity ("must", "need", "only"), or a bound on the number ("at least 4 stars", "4 stars
minimum", "4 stars or better", "4+ stars", "nothing below 4 stars", "no less than four stars").

A level said as what the traveller will not have ("please not a 1-star dump", "no two-star places",
"nothing like the 2 star motel I had last time") rules that level out, and people mean the ones
below it too: a floor one star above it (a wish when hedged, as any level).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from agents.intent._not_asked import not_asked
from agents.intent._shape import REQUIRED
from agents.intent._text import hedged_piece

#: A bound on the number of stars, before or after it.
_FLOOR_BEFORE = re.compile(
    r"\b(?:at least|minimum(?: of)?|min\.?|no (?:less|fewer|lower) than|not (?:less|lower) than|"
    r"nothing (?:below|under|less than|lower than)|no(?:thing)? under|above|over|upwards of)\s+(?:a\s+)?$",
    re.I,
)
_FLOOR_AFTER = re.compile(
    r"^(?:[\s-]*\+|\s*(?:or|and) (?:more|better|above|higher|up(?:wards)?)\b|\s*(?:at )?minimum\b|\s*at (?:the )?least\b|"
    r"\s*(?:or )?nothing (?:less|lower|below)\b|\s*(?:is|as) (?:the |a |my |our )?(?:bare |absolute )?(?:minimum|floor|lowest)\b)",
    re.I,
)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
#: A level's number, a digit or spelt out (a digit's words: "six stars" reads as "6 stars" does).
_N = rf"(\d|{'|'.join(_WORDS)})"
#: "4 stars", "four-star", "4+ stars", "5*" (the asterisk right after the number: "2\n* Toronto" is a
#: list's bullet).
STARS = re.compile(rf"\b{_N}(?P<plus>\+)?(?:[ -]?stars?\b|\*)", re.I)
#: Two levels, either of which will do: "4 or 5 stars", "a four or five star hotel", "3-4 stars": the
#: lower is the level asked for.
_EITHER = re.compile(rf"\b{_N}\s*(?:or|-|\u2013|to)\s*{_N}(?P<plus>\+)?(?:[ -]?stars?\b|\*)", re.I)
#: A level written as a label's value: "Star rating: 4+", "stars: 4".
_LABELLED = re.compile(rf"\bstars?(?:[ -]rating)?\s*[:=]\s*{_N}(?P<plus>\+)?", re.I)
#: A negation right before the level: "not a", "no", "nothing like the", "anything but a", "never
#: another", "avoid" (a bound such as "no less than" is read by ``_FLOOR_BEFORE`` first).
NOT_LEVEL = re.compile(
    r"\b(?:not|no|never|nothing like|anything but|avoid\w*|none of)\s+(?:(?:a|an|the|another|any|some|one of (?:the|those))\s+)?$",
    re.I,
)


class Level(NamedTuple):
    """A star level said: how many stars, whether a floor, where its words are in the text, and
    whether a negation stands right before them ("not a 1-star dump": the level read is the floor one
    above it; a star wish skips it)."""

    stars: int
    floor: bool
    start: int
    end: int
    negated: bool = False


def level_said(sent: str) -> Level | None:
    """The star level ``sent`` names, whether it is a floor (a requirement) and where its words are,
    or None when it names none. Its number is a digit or spelt out ("four stars", "a 4-star"). The
    reader's rule, and the scripted model's for a star wish (which skips a ``negated`` level)."""
    m = _EITHER.search(sent) or STARS.search(sent) or _LABELLED.search(sent)
    if m is None:
        return None
    stars = min(_number(n) for n in m.groups()[:2] if n and n != "+")
    before = sent[max(0, m.start() - 30) : m.start()]
    negated = bool(NOT_LEVEL.search(before))
    bound = _FLOOR_BEFORE.search(before)  # "no less than 4 stars" is a floor, not a refusal
    if negated and not bound:  # "not a 1-star dump": 2 stars and up
        return Level(stars + 1, True, m.start(), m.end(), negated) if stars < 5 else None
    floor = bool(m.group("plus") or bound or _FLOOR_AFTER.match(sent[m.end() :]) or REQUIRED.search(sent))
    return Level(stars, floor, m.start(), m.end(), negated)


def _number(n: str) -> int:
    return int(n) if n.isdigit() else _WORDS[n.lower()]


def stars_said(sent: str) -> tuple[int, bool, int] | None:
    """(stars, required, where) for the star level a clause of a request names, or None when it names
    none or asks for none ("my colleague stayed at a 5-star last year", "is it 4 stars?"). A floor is
    required unless its own piece hedges it ("4 stars or better if possible", "Ideally, 4+"): a hedge
    elsewhere in the sentence ("Shoreditch preferred, four stars or better") is about something else."""
    for past in STARS.finditer(sent):  # "stayed at a 5-star last year; I need at least 4 stars": the 4
        refused = NOT_LEVEL.search(sent[max(0, past.start() - 30) : past.start()])
        if refused or not not_asked(sent, past.start(), past.end()):
            break  # not "nothing like the 2 star motel I had last time": a level refused is asked of
        sent = sent[: past.start()] + " " * (past.end() - past.start()) + sent[past.end() :]
    level = level_said(sent)  # one search: the level and where it is said
    if level is None:
        return None
    hedged = hedged_piece(sent, level.start, level.end)  # "Ideally, 4+", not "Soho preferred, 4+"
    return level.stars, level.floor and not hedged, level.start
