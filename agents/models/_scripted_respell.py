"""Wish words typed with a slip ("the most importnat thing", "good reveiws", "brekfast"), read as the
words the wish rules know.

People type fast; a transposed, dropped, doubled or wrong letter in the one word that carries a wish
("importnat", "reveiws") makes the rules that weigh it miss it. ``respell`` puts each such word back:
a lower-case word of six letters or more that is none of the rules' own words, one edit (Damerau-
Levenshtein, ``rapidfuzz``) from exactly one of them, with the same first letter: two letters swapped,
one dropped or one doubled, not one letter for another ("parting" is a word, not "parking" misspelt). The vocabulary is the
rules' own: the words of their patterns (``_scripted_prefs``, ``_scripted_times``) and the amenities,
so a word the rules never read is never changed. Names keep their capitals and are left alone; the
text a name is looked up in (``Prefs.text``) keeps the traveller's own spelling.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from types import ModuleType

from rapidfuzz.distance import DamerauLevenshtein

__all__ = ["respell"]

_WORD = re.compile(r"\b[a-z]{6,}\b")


def vocabulary(modules: Iterable[ModuleType], names: Iterable[str]) -> frozenset[str]:
    """The wish words the rules know: the words of six letters or more in the patterns of ``modules``
    (the wish readers') and in ``names`` (the amenities'). The readers pass themselves in, so this
    module imports none of them."""
    words: set[str] = set()
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                words |= set(re.findall(r"[a-z]{6,}", value.pattern))
    for name in names:
        words |= set(re.findall(r"[a-z]{6,}", name.lower()))
    return frozenset(words)


@functools.lru_cache(maxsize=4096)
def _fix(word: str, vocab: frozenset[str]) -> str:
    if word in vocab:
        return word
    near = {v for v in vocab if v[0] == word[0] and abs(len(v) - len(word)) <= 1}
    near = {
        v for v in near if DamerauLevenshtein.distance(word, v, score_cutoff=1) <= 1 and not _swap(word, v)
    }
    if len(near) != 1 or any(word.startswith(v) or v.startswith(word) for v in near):
        return word  # none, a tie, or an ending ("flights" for "flight"): leave it
    return near.pop()


def _swap(a: str, b: str) -> bool:
    """One letter for another: how real words differ ("parting", "parking"), so no slip to put back."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def respell(text: str, vocab: frozenset[str]) -> str:
    """``text`` with each slip of a wish word put back (lower-case words of six letters or more)."""
    return _WORD.sub(lambda m: _fix(m.group(), vocab), text)
