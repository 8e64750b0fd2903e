"""Capitalised words that name no airline: a word capitalised because it opens a sentence ("So only
one-way flights up", "Then economy is fine", "Just the flights"), and a street or an area, whose
last word says what it is ("on International Drive", "on Ocean Drive", "near Union Square").
``_hard_soft`` asks ``not_a_carrier`` before it reads a name after "only", "on", "with" or "avoid"
as an airline.
"""

from __future__ import annotations

#: Closed-class words (conjunctions, discourse adverbs, determiners, pronouns) that open a sentence.
_OPENERS = frozenset(
    """so then also just but and or yet still even maybe perhaps otherwise instead anyway anyhow
    besides plus now well oh ok okay yes no sorry thanks thank actually really honestly basically
    ideally obviously hopefully definitely certainly probably again this that these those there here
    any some each every all both either neither if when while since because though although once
    after before until unless only being staying getting flying going coming""".split()
)

#: The last word of a street's or an area's name.
_PLACE_NOUNS = frozenset(
    """drive street st avenue ave road rd boulevard blvd lane way row square plaza park beach strip
    quarter district village town downtown uptown midtown heights hill hills island wharf pier harbour
    harbor bay center centre market garden gardens circle place terrace mall gate bridge""".split()
)


def not_a_carrier(name: str) -> bool:
    """True when ``name`` (one to three capitalised words) cannot be an airline's name."""
    words = name.split()
    if not words:
        return True
    if len(words) == 1 and words[0].lower() in _OPENERS and not words[0].isupper():  # "SO" is a code
        return True
    return len(words) > 1 and words[-1].lower().strip(".") in _PLACE_NOUNS
