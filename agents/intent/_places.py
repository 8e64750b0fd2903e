"""Places in a request: city and airport names (and common aliases) -> the city's IATA code.

The gazetteer is general knowledge, the kind any language model has: the world's cities by name,
their airports, their nicknames. It is not read from a world. Exact names are found first; then
words that are not English words and look like a city name misspelt ("Philidelphia", "Barcelonna",
"Los Angles") are matched with ``rapidfuzz`` against the names, so a typo still finds its city.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from agents.intent._gazetteer import _NAMES, GAZETTEER, Place
from agents.intent._nearby import nearby_places

#: Names that are also ordinary words or too short to match in lower case: only as written codes/caps.
_CASED = frozenset({"la", "sf", "ny", "dc", "d.c.", "l.a."})
#: Words fuzzy matching must never turn into a city (English words close to a city's name).
_NOT_PLACES = frozenset(
    "again aunt barely bakc basis before berlin boston broken bristol central dallas dates dental denial "
    "double dublin durban london lounge madam medium merlin month monday mondays morning orland paris "
    "parts person portal portland poster roman romeo sydney toronto austin autumn tokens austria season "
    "sunday sundays seaside seattle reason desire denied dense dining dinner vienna lisbon listen".split()
)
_CODE = re.compile(r"\b[A-Z]{3}\b")
#: The words that place a journey or a stay right before a short form in lower case ("in la", "to dc"):
#: after them the short form is a city, as people text it; elsewhere it stays a word ("la la land").
_PLACING = re.compile(
    r"\b(?:to|in|into|from|out of|at|via|visiting|around|near|outside|fly(?:ing)?|leaving)\s+$", re.I
)
#: Airport codes texted in lower case ("a phx trip", "flying into sfo"): a city only in a travel slot, after a
#: placing word or before a word for a journey, and never when the code is an English word or name ("sea").
_LOWER_CODE = re.compile(r"\b[a-z]{3}\b")
_JOURNEY_NEXT = re.compile(
    r"^\s+(?:trip|weekend|run|visit|getaway|flights?|hotel|offsite|conference)\b", re.I
)
_WORD_CODES = frozenset("ams aus ber bos den dub edi fra ist las lis mad mel mex mia san sea sin".split())
_WORD = re.compile(r"[A-Za-zÀ-ÿ'.]+(?:[ -][A-Za-zÀ-ÿ'.]+)?(?:[ -][A-Za-zÀ-ÿ'.]+)?")


@functools.lru_cache(maxsize=1)
def _exact() -> re.Pattern[str]:
    names = sorted(_NAMES, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(" + "|".join(re.escape(n) for n in names) + r")(?![\w'])", re.I)


def find_places(text: str) -> list[Place]:
    """Every city mentioned, in order of appearance (codes in capitals, names, aliases, misspellings)."""
    found: list[Place] = []
    taken: list[tuple[int, int]] = []
    for m in _exact().finditer(text):
        name = m.group(1).lower()
        if (
            name in _CASED
            and not (m.group(1).isupper() or name in ("l.a.", "d.c."))
            and not _PLACING.search(text[max(0, m.start() - 12) : m.start()])
        ):
            continue
        found.append(Place(m.start(), m.end(), _NAMES[name]))
        taken.append((m.start(), m.end()))
    for m in _CODE.finditer(text):
        if m.group() in GAZETTEER and not _overlaps(taken, m.start(), m.end()):
            found.append(Place(m.start(), m.end(), m.group()))
            taken.append((m.start(), m.end()))
    for m in _LOWER_CODE.finditer(text):
        code = m.group().upper()
        if (
            code in GAZETTEER
            and m.group() not in _WORD_CODES
            and not _overlaps(taken, m.start(), m.end())
            and (
                _PLACING.search(text[max(0, m.start() - 12) : m.start()])
                or _JOURNEY_NEXT.match(text[m.end() :])
            )
        ):
            found.append(Place(m.start(), m.end(), code))
            taken.append((m.start(), m.end()))
    near = nearby_places(text, taken)  # a town or airport beside a city (data sets)
    found += near
    taken += [(p.start, p.end) for p in near]
    found += _fuzzy(text, taken)
    return sorted(found, key=lambda p: p.start)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and a < end for a, b in taken)


def _fuzzy(text: str, taken: list[tuple[int, int]]) -> list[Place]:
    """Misspelt names: runs of one to three words, not English words, close to a city name; never a word
    made from a whole name and an English ending ("changing", "Bostonian")."""
    words = _NOT_PLACES
    out: list[Place] = []
    tokens = list(re.finditer(r"[A-Za-zÀ-ÿ']+", text))
    for i in range(len(tokens)):
        for span in (3, 2, 1):
            run = tokens[i : i + span]
            if len(run) < span or _overlaps(taken, run[0].start(), run[-1].end()):
                continue
            phrase = text[run[0].start() : run[-1].end()]
            key = phrase.lower()
            if len(key.replace(" ", "")) < 5 or key in _NOT_PLACES:
                continue
            if span == 1 and key in words:
                continue
            if span > 1 and all(t.group().lower() in words for t in run):
                continue
            hit = process.extractOne(
                key, list(_NAMES), scorer=fuzz.ratio, score_cutoff=84 if len(key) >= 7 else 88
            ) or (_swapped(key) if span == 1 else None)
            if hit and len(hit[0]) >= 5 and abs(len(hit[0]) - len(key)) <= 2 and not _derived(key, hit[0]):
                out.append(Place(run[0].start(), run[-1].end(), _NAMES[hit[0]], fuzzy=True))
                taken.append((run[0].start(), run[-1].end()))
                break
    return out


def _swapped(key: str) -> tuple[str, float, int] | None:
    """A long word with letters swapped or doubled ("Chigaco", "Edinborough"): Jaro-Winkler forgives
    what an edit ratio does not, so long words with the name's first letter get a second look."""
    if len(key) < 7:
        return None
    hit = process.extractOne(key, list(_NAMES), scorer=JaroWinkler.normalized_similarity, score_cutoff=0.94)
    if hit is None or hit[0][:1] != key[:1]:
        return None
    return hit[0], hit[1], hit[2]


_ENDINGS = frozenset("ng ing ed er ers ian ians ite ites ese an ans".split())


def _derived(key: str, name: str) -> bool:
    """``key`` is ``name`` plus an English ending ("changi" + "ng"), not ``name`` misspelt ("bostonn")."""
    return key.startswith(name) and key[len(name) :] in _ENDINGS
