"""Text rules every reader of words shares: number words as digits, and the hedges that make a wish.

Number words go through ``text_to_num`` ("two interns" -> "2 interns"); a length written as one
hyphenated word ("a three-night stay") counts like two. Whether a limit is hard or a wish is read
from its clause: hedges ("ideally", "would be nice", "if possible", "not essential") make a wish,
anything else said of a limit is a requirement.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

_SOFT = re.compile(
    r"\b(ideally|ideal|prefer\w*|nice to have|if (?:at all )?possible|if poss|where possible|rather|"
    r"bonus if|a plus|not essential|would love|i'd love|i'd like it|if you can|happy to|preferably|bonus|"
    # "would be lovely / a treat / ideal", "it'd be nice", "would suit me best": a hedge is a word of
    # liking after "would be" ("I would be travelling" is not one)
    r"(?:would|'d) be (?:(?:really|so|very|extra|even|just|most|super)\s+)?(?:nice|great|good|lovely|ideal|perfect|"
    r"sweet|awesome|amazing|fantastic|wonderful|brilliant|handy|helpful|useful|welcome|appreciated|preferable|"
    r"better|best|cool|fab|excellent|a (?:plus|bonus|treat|perk|win|nice \w+)|an? (?:\w+ )?bonus)|"
    r"(?:would|'d) (?:suit|work) (?:for )?(?:me |us )?(?:best|better|well|nicely)|"
    # said in the present: "the evening works best", "mornings suit me better", "is best for us"
    r"(?:works?|suits?) (?:for )?(?:me |us )?(?:best|better)|(?:is|are) (?:best|better|preferable) for (?:me|us)|"
    r"not (?:a|an) (?:deal[\s-]?breaker|must|requirement)|no big deal|if (?:they|it) (?:can|do|does|has|have)|"
    r"(?:would|'d) (?:like|love|enjoy)|if there'?s one|if there(?:'s| is) (?:a|an)|nice if|good if|great if|"
    r"would make (?:my|our|his|her|their|the kids'?|[A-Z]\w+'s) (?:day|week|weekend|trip|stay|holiday|year)|optional|lean(?:s|ing)? towards|(?:would|'d) appreciate|appreciated|"
    r"try (?:to|and)|hoping for|i hope|partial to|nice[\s-]to[\s-]have|if the price is right|if (?:it'?s|it is) not (?:too|much)|"
    r"if it doesn'?t cost|if (?:reasonable|affordable)|if they have (?:one|it|them)|"
    # a wish priced in words: "I'd pay a bit more for", "worth a little extra", "don't mind paying more"
    r"(?:would|'d|will|'ll|willing to|prepared to) pay (?:a (?:bit|little|touch|tad) |slightly |somewhat )?(?:more|extra)|"
    r"worth (?:a (?:bit|little|touch|tad) (?:more|extra)|paying (?:a (?:bit|little) )?(?:more|extra)|an? extra)|"
    r"(?:don't|do not|wouldn't|would not) mind paying)\b",
    re.I,
)


def soft(clause: str) -> bool:
    """The clause hedges: what it asks is a wish, not a requirement."""
    return bool(_SOFT.search(clause))


#: The requester's words for themself: as the subject ("I", "I'm") and as any other ("me", "my").
I_FORMS = ("i", "i'm", "i'll", "i've", "i'd")
ME_FORMS = ("me", "my", "myself")
#: What a traveller does with people where they go ("dinner with my team", "a catch-up with the team").
OCCASIONS = (
    "dinner",
    "lunch",
    "breakfast",
    "drinks",
    "meetings?",
    "a call",
    "time",
    "day",
    "evening",
    "night",
    "catch-?up",
)


def any_of(*words: str) -> str:
    """``words`` as one alternation for a pattern: ``any_of(*I_FORMS, "im")``."""
    return "|".join(words)


_FILLER = re.compile(
    r"\b(?:it|that|this|would|be|is|'s|too|also|please|though|but|and|so|really|very|even|all|at)\b", re.I
)


def bare_hedge(piece: str) -> bool:
    """The piece is a hedge and nothing else ("if possible", "Ideally", "would be nice"): it hedges
    the piece next to it. "Cambridge preferred" is not bare: its hedge is about Cambridge."""
    return soft(piece) and not re.search(r"\w", _FILLER.sub(" ", _SOFT.sub(" ", piece)))


def hedged_piece(text: str, start: int, end: int) -> bool:
    """Whether what ``text`` says at ``start``-``end`` is hedged in its own piece (cut at commas and
    semicolons), by a bare hedge right before or after it ("$200 a night, if possible"), or by a hedge
    that leads the list it is in ("I'd like to be near the Wharf, with breakfast, 4 stars or more"); a
    hedge said after something else ("max $650/night, Cambridge preferred") hedges nothing here."""
    cuts = [0, *(m.end() for m in re.finditer(r"[,;]", text)), len(text) + 1]
    i = max(k for k, c in enumerate(cuts) if c <= start)
    j = min(k for k, c in enumerate(cuts) if c >= end)
    piece = text[cuts[i] : cuts[j]]
    prev = text[cuts[i - 1] : cuts[i]] if i > 0 else ""
    nxt = text[cuts[j] : cuts[j + 1]] if j + 1 < len(cuts) else ""
    leads = any(
        (h := _SOFT.search(text, cuts[k], cuts[k + 1])) and re.search(r"\w", text[h.end() : cuts[k + 1]])
        for k in range(i)
    )
    return soft(piece) or bare_hedge(prev) or bare_hedge(nxt) or leads


#: A length written as one hyphenated word ("a three-night stay", "a 2-week trip"): the hyphen is a
#: space to every rule that counts nights or weeks, and the length stays the same.
_LENGTH_WORD = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty)"
    r"-(?=(?:nights?|weeks?|days?)\b)",
    re.I,
)


def digits(text: str) -> str:
    """Number words as digits ("two interns" -> "2 interns"), keeping "one way" and "a" as they are."""
    out = alpha2digit(_LENGTH_WORD.sub(r"\1 ", text), "en", threshold=1)
    return re.sub(r"\b1[\s-]way\b", "one way", out, flags=re.I)
