"""A cabin said on a condition with a fallback is no requirement: "premium economy provided it costs
no more than 50% above the economy fare; if it is more, book economy" or "business only if it's under
40% more, otherwise economy" ask for the better cabin only when the price allows, so neither cabin
rules a flight out: the better one is a wish (on the flight the words name), and the scorer weighs
it against the price.
"""

from __future__ import annotations

import re

#: The better cabin's condition: on its price ("if it's no more than 50% above", "provided it costs").
_CONDITION = re.compile(
    r"\b(?:if|provided|providing|as long as|so long as|only if|on condition)\b[^.;!?]*?"
    r"(?:\d+\s*(?:%|per ?cent)|\b(?:costs?|price[ds]?|fares?|more|above|over|cheap\w*|dearer|difference|extra)\b)",
    re.I,
)
#: The fallback when it does not hold: "otherwise", "if not", "if it is more than that, ... economy".
_FALLBACK = re.compile(
    r"\b(?:otherwise|if not|else|failing that|or else|if (?:it|that|the difference)(?:'s| is| costs) (?:more|over|above))\b",
    re.I,
)


def conditional_cabin(sent: str, after: str) -> bool:
    """The cabin in ``sent`` is asked for on a price condition with a fallback (in ``sent`` or in the
    clause ``after`` it)."""
    cond = _CONDITION.search(sent)
    return cond is not None and bool(_FALLBACK.search(sent[cond.end() :] + " " + after))
