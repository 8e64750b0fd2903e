"""How the simulated traveller reads a question and picks the one thing to say.

1. The question is normalised to tokens (lower case, accents and apostrophes dropped, split on anything
   that is not a letter or digit). A token that is not a known word is corrected to one when it is a
   likely misspelling (``_correct``: rapidfuzz's Damerau-Levenshtein distance).
2. The tokens are scanned left to right for lexicon entries, longest phrase first; each token counts
   once. A topic's score is the number of its distinct entries found; the question's main topic is
   the highest-scoring one, ties going to the topic mentioned first.
3. A fact scores its topic's score in the question plus the number of its own ``match`` entries
   found in the question (whole words or phrases, never substrings). The single best fact is
   said; of equal scores, the fact about the topic the question ranks higher, then the fact listed
   first. No fact scoring above zero: the default for the main topic (``traveler.defaults``, else the
   built-in); no topic at all: ``unknown_answer``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from worlds.travel.traveller._lexicon import (
    BUILTIN_DEFAULTS,
    LEXICON,
    TOPICS,
    Topic,
    travelers_default,
)

Tokens = tuple[str, ...]

#: Tokens shorter than this are never corrected ("date" is one letter from "late" and "gate").
FUZZY_MIN_LEN = 5
#: A substitution counts as a typo only in words this long ("report" is not "resort").
SUBSTITUTION_MIN_LEN = 8
#: Common words one insertion, deletion or swap away from a lexicon word: never corrected.
NEVER_CORRECT = frozenset("match saying starts quite partly palace fight widow fears sites".split())


class FactLike(Protocol):
    """What the matcher needs of a fact (``worlds.travel.scenario.Fact``)."""

    @property
    def topic(self) -> Topic | None: ...

    @property
    def answer(self) -> str: ...

    @property
    def match(self) -> Sequence[str]: ...


def tokens(text: str) -> Tokens:
    """``"Don't book a NON-STOP, Léa!"`` -> ``("dont", "book", "a", "non", "stop", "lea")``."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return tuple(re.findall(r"[a-z0-9]+", re.sub(r"['’`]", "", plain)))


@cache
def _index() -> dict[str, list[tuple[Tokens, Topic]]]:
    """Lexicon entries by their first token, longest first."""
    out: dict[str, list[tuple[Tokens, Topic]]] = {}
    for topic, entries in LEXICON.items():
        for entry in entries:
            toks = tokens(entry)
            out.setdefault(toks[0], []).append((toks, topic))
    for found in out.values():
        found.sort(key=lambda e: -len(e[0]))
    return out


@cache
def _vocabulary() -> frozenset[str]:
    return frozenset(t for entries in LEXICON.values() for e in entries for t in tokens(e))


def _typo_of(tok: str, word: str) -> bool:
    """Is ``tok`` one typo away from ``word``: a letter added, dropped or swapped with its neighbour
    (or, in long words, one wrong letter)? Inflections count too ("returns", "cabins")."""
    if DamerauLevenshtein.distance(tok, word, score_cutoff=1) != 1:
        return False
    if len(tok) != len(word):
        return True
    return sorted(tok) == sorted(word) or len(tok) >= SUBSTITUTION_MIN_LEN


def _correct(toks: Tokens, extra: frozenset[str]) -> Tokens:
    """Each unknown token of five letters or more replaced by the known word it most likely misspells
    (same first letter, one typo away; the alphabetically first of equals), else kept as it is."""
    known = _vocabulary() | extra
    out = []
    for tok in toks:
        if tok in known or len(tok) < FUZZY_MIN_LEN or tok in NEVER_CORRECT or not tok.isalpha():
            out.append(tok)
            continue
        near = process.extract(
            tok,
            sorted(w for w in known if w[0] == tok[0] and len(w) >= FUZZY_MIN_LEN),
            scorer=DamerauLevenshtein.distance,
            score_cutoff=1,
            limit=None,
        )
        typos = sorted(w for w, _, _ in near if _typo_of(tok, w))
        out.append(typos[0] if typos else tok)
    return tuple(out)


@dataclass(frozen=True)
class Reading:
    """What a text is about: per topic, the distinct lexicon entries found and where first."""

    entries: dict[Topic, frozenset[Tokens]]
    first: dict[Topic, int]

    @property
    def scores(self) -> dict[Topic, int]:
        return {t: len(e) for t, e in self.entries.items()}

    @property
    def topics(self) -> list[Topic]:
        """Topics found, best first: most entries, then the one mentioned first."""
        return sorted(self.entries, key=lambda t: (-len(self.entries[t]), self.first[t]))

    @property
    def main(self) -> Topic | None:
        return self.topics[0] if self.entries else None


def read(toks: Tokens) -> Reading:
    """Scan tokens for lexicon entries, longest phrase first; each token belongs to one entry."""
    index = _index()
    entries: dict[Topic, set[Tokens]] = {}
    first: dict[Topic, int] = {}
    i = 0
    while i < len(toks):
        for entry, topic in index.get(toks[i], ()):
            if toks[i : i + len(entry)] == entry:
                entries.setdefault(topic, set()).add(entry)
                first.setdefault(topic, i)
                i += len(entry)
                break
        else:
            i += 1
    return Reading({t: frozenset(e) for t, e in entries.items()}, first)


def classify(question: str, extra_words: Iterable[str] = ()) -> Reading:
    """The topics of a question, misspellings corrected against the lexicon and ``extra_words``."""
    extra = frozenset(t for w in extra_words for t in tokens(w))
    return read(_correct(tokens(question), extra))


def infer_topic(match: Sequence[str], answer: str = "") -> Topic:
    """An old-format fact's topic: the topic with most distinct lexicon entries among its ``match``
    words; a tie is broken by the answer's own words, then by the order of ``TOPICS``; no entry at
    all: ``other``."""
    entries: dict[Topic, set[Tokens]] = {}
    for word in match:
        for topic, found in read(tokens(word)).entries.items():
            entries.setdefault(topic, set()).update(found)
    if not entries:
        return "other"
    top = max(len(e) for e in entries.values())
    tied = [t for t in TOPICS if len(entries.get(t, ())) == top]
    said = read(tokens(answer)).scores
    return max(tied, key=lambda t: said.get(t, 0))  # max keeps the first of equals: TOPICS order


def _contains(toks: Tokens, phrase: Tokens) -> bool:
    n = len(phrase)
    return n > 0 and any(toks[i : i + n] == phrase for i in range(len(toks) - n + 1))


def _judge(question: str, facts: Sequence[FactLike]) -> tuple[list[int], Reading]:
    """Each fact's score for a question (its topic's score plus its own ``match`` entries found) and
    the question's reading, misspellings corrected against the lexicon and the facts' words."""
    own = [[tokens(m) for m in f.match] for f in facts]
    toks = tokens(question)
    fixed = _correct(toks, frozenset(t for words in own for phrase in words for t in phrase))
    reading = read(fixed)
    scores = reading.scores
    return [
        (scores.get(f.topic, 0) if f.topic else 0)
        + sum(1 for p in words if _contains(fixed, p) or _contains(toks, p))
        for f, words in zip(facts, own, strict=True)
    ], reading


def fact_scores(question: str, facts: Sequence[FactLike]) -> list[int]:
    """Each fact's score for a question: its topic's score plus its own ``match`` entries found."""
    return _judge(question, facts)[0]


def _best(scores: list[int], reading: Reading, facts: Sequence[FactLike]) -> int | None:
    if max(scores, default=0) <= 0:
        return None
    topics = reading.topics
    rank = {t: i for i, t in enumerate(topics)}
    return min(
        range(len(facts)),
        key=lambda i: (-scores[i], rank.get(facts[i].topic or "other", len(topics)), i),
    )


def pick(question: str, facts: Sequence[FactLike]) -> int | None:
    """The index of the single best fact for a question, or None. Of equal scores, the fact about the
    topic the question ranks higher (``Reading.topics``) wins, then the one listed first."""
    return _best(*_judge(question, facts), facts)


def answer(
    question: str,
    facts: Sequence[FactLike],
    *,
    defaults: Mapping[Topic, str],
    unknown: str,
    party: Sequence[str] = (),
) -> str:
    """What the traveller says: the best fact, else the default for the main topic, else ``unknown``."""
    scores, reading = _judge(question, facts)
    chosen = _best(scores, reading, facts)
    if chosen is not None:
        return facts[chosen].answer
    main = reading.main
    if main is None:
        return unknown
    if main in defaults:
        return defaults[main]
    if main == "travelers":
        return travelers_default(list(party))
    return BUILTIN_DEFAULTS.get(main, unknown)
