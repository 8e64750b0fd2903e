"""Capitalised words that name no airline: a word capitalised because it opens a sentence ("So only
one-way flights up", "Then economy is fine", "Just the flights"), and a street or an area, whose
last word says what it is ("on International Drive", "on Ocean Drive", "near Union Square").
``airline_names`` keeps, of the names after "only", "on", "with" or "avoid" (``_hard_soft``), those
that can be an airline's.
"""

from __future__ import annotations

import re

from agents.intent._gazetteer import CITY_NAMES

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


#: A name that is a street or a quarter, not a carrier: "International Drive", "the Canal Ring", "Le Marais".
PLACE_NAME = re.compile(
    r"\b(?:Drive|Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Ring|Square|Quarter|District|Village|Row|Strip|"
    r"Wharf|Pier|Beach|Park|Hill|Heights|Gardens?|Market|Centre|Center|Downtown|Midtown|Uptown)$|^(?:Le|La|Les|El|Los)\s",
)
NOT_AIRLINE = re.compile(
    r"^(Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"I|The|A|We|My|Our|It|Please|Economy|Business|First|Premium|Direct|Nonstop|Non-stop|Refundable|Flights?|Hotels?|"
    r"Mornings?|Evenings?|Weekdays?|Daytime|Cheap|Cheapest)$"
)
#: Two capitals that are no airline's code ("not in LA", "no TV"): an airline's code is said in capitals
#: ("I won't fly BQ"), and these are the capitals people write for other things.
NOT_CODES = frozenset("OK US UK EU AM PM TV ID LA NY SF DC HQ PA CC".split())
NOT_NAMES = frozenset("hotel hotels flights exceptions refunds".split())


def airline_names(phrase: str) -> list[str]:
    """The airlines a phrase names (`"Boreal or Kestrel"`), leaving out what no airline is called: a
    weekday, a month, a city, a street, a sentence opener, a code people write for something else."""
    names = [n.strip() for n in re.split(r"\s+(?:or|and)\s+", phrase)]
    out = []
    for n in names:
        first = n.split()[0]
        if NOT_AIRLINE.match(first) or first.lower() in {c.lower() for c in CITY_NAMES.values()}:
            continue
        if n.lower() in NOT_NAMES or n in NOT_CODES or not_a_carrier(n) or PLACE_NAME.search(n):
            continue  # "on International Drive": a street, no carrier
        out.append(n)
    return out
