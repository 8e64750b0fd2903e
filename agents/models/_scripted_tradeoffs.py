"""Trade-offs in a traveller's words: "X over Y", "I'd rather X than Y", "X matters more than Y".

The wish said first is the one the traveller would keep: it weighs double (as "most of all" does),
and the thing given up keeps its own weight (often it is no wish at all: "a non-stop over a cheaper
flight with a connection"). A cap ("no more than $300") or a count ("more than two stops") is no
trade-off.
"""

from __future__ import annotations

import re

from agents.models._scripted_times import emphasis

_MARK = re.compile(
    r"\b(over|rather than|instead of|ahead of|than)\b(?!\s*(?:\$|\d|one\b|two\b|a night|\w+ nights?))", re.I
)
_CUE = re.compile(
    r"\b(rather|prefer\w*|take|pick|choose|go for|prioriti[sz]\w*|value|more|better|happier)\b", re.I
)


def stress(sentence: str, pos: int) -> float:
    """2 when the wish at ``pos`` is the one a trade-off in ``sentence`` keeps, else 1."""
    for m in _MARK.finditer(sentence):
        if m.start() <= pos:
            continue
        before = sentence[: m.start()]
        if m.group(1).lower() == "than" and not re.search(r"\b(more|rather|better|happier)\b", before, re.I):
            return 1.0  # "less than", "other than"
        return 2.0 if _CUE.search(before) or m.group(1).lower() != "over" else 1.0
    return 1.0


def weight_at(sentence: str, pos: int, clause: str) -> float:
    """How much the wish at ``pos`` weighs: doubled by emphasis in its clause or by a trade-off."""
    return max(emphasis(clause), stress(sentence, pos))
