"""An overnight flight out ("the red-eye on Tuesday", "the overnight to London"): it lands the day after
it leaves, so the hotel's first night is the landing day and nights counted from "then three nights"
run from there. Refused ones ("no red-eyes") and the way home ("the red-eye back") are not the way out.
"""

from __future__ import annotations

import re

_OVERNIGHT = re.compile(
    r"\b(?:red[\s-]?eyes?|overnight\s+(?:flight|one)s?|the overnight)\b"
    r"(?!\s+(?:home|back|boat|train|bus|ferry|trip|stay|sleeper)\b)",
    re.I,
)
_REFUSED = re.compile(r"\b(?:no|not|avoid|never|hate|without|don't|won't|rather not)\b[^.;]{0,20}$", re.I)
_BACK = re.compile(r"\b(?:back|home|return\w*|way back)\b[^.;,]{0,25}$", re.I)


def overnight_out(text: str) -> bool:
    """The way out is an overnight flight the traveller asks for."""
    for m in _OVERNIGHT.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _REFUSED.search(before) or _BACK.search(before):
            continue
        return True
    return False
