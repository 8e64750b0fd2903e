"""Days repaired mid-sentence, the way people speak (a voice note, a quick message): "out on the 3rd,
no, sorry, the 4th", "the 3rd - I mean Thursday the 4th", "Thursday, Thursday the 4th".

A day said and then at once replaced, with only a word of repair between ("no", "sorry", "I mean",
"er", "wait", "make that", "rather"), is not a day of the trip: the later day takes its place. A bare
weekday said again at once with its date ("Thursday, Thursday the 4th") is one day, the dated one.
Days withdrawn by a verb ("scrap Thursday, Friday works better") are ``_withdrawn``'s.
"""

from __future__ import annotations

import re

from agents.intent._mention import Mention

_FILLER = r"(?:no+|nope|sorry|i mean|er+m?|um+|uh+|wait|hang on|make (?:it|that)|rather|actually|or rather|correction)"
#: Only words of repair (and punctuation) between two days: the first is replaced.
_REPAIR = re.compile(
    rf"^[\s,.;:!\-\u2013\u2014]*{_FILLER}(?:[\s,.;:!\-\u2013\u2014]+{_FILLER})*[\s,.;:!\-\u2013\u2014]*(?:on\s+)?(?:the\s+)?$",
    re.I,
)
_RESTATE = re.compile(r"^[\s,.;:!\-\u2013\u2014]*$")


def repaired_days(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` without the days a speech repair replaced."""
    out = list(mentions)
    k = 0
    while k + 1 < len(out):
        m, nxt = out[k], out[k + 1]
        gap = text[m.end : nxt.start]
        restated = (
            m.kind == "wd_rel"
            and len(m.days) == 1
            and nxt.days
            and nxt.days[0].weekday() == m.days[0].weekday()
            and _RESTATE.match(gap)
        )
        if restated or (m.days and nxt.days and _REPAIR.match(gap)):
            del out[k]
            k = max(0, k - 1)  # the day before may be repaired by the one that now follows it
            continue
        k += 1
    return out
