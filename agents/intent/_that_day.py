"""A way back dated by "that": "it finishes at 5 on Thursday so I'll need something home after 6 that
evening", "the dinner is Saturday; fly me back that night".

"That evening" (night, afternoon, morning, day) points at the last day said before it: a way home
said with it leaves that day, whatever day the rest of the request would give it (the last day of an
event listed before, "workshop is Wednesday and Thursday"). A careful travel agent reads the pointer,
not the first day that would fit.
"""

from __future__ import annotations

import re

from agents.intent._mention import Mention
from agents.intent._shape import Roles

_BACK_THAT = re.compile(
    r"\b(?:home|back|return\w*)\b[^.;!?]{0,40}?\b(?P<that>that (?:same )?(?:evening|night|afternoon|morning|day))\b",
    re.I,
)


def back_that_day(text: str, mentions: list[Mention], roles: Roles) -> None:
    """Date the way back on the day "that evening" points at, when it is not before the way out."""
    m = _BACK_THAT.search(text)
    if m is None or not roles.travel:
        return
    said = [x for x in mentions if x.end <= m.start("that") and len(x.days) == 1 and not x.window]
    if not said:
        return
    day = said[-1].days[0]
    if (
        day < roles.travel[0][0]
        or len(roles.travel) > 1
        and day != roles.travel[-1][0]
        and roles.back is None
    ):
        return  # a day before the way out, or a journey of several flights: not this rule's
    roles.back, roles.back_source = day, "stated"


_OUT_THAT = re.compile(
    r"\b(?:fly|flying|fly me|get me|head(?:ing)?|leav\w*|go(?:ing)?)\b[^.;!?]{0,40}?\b(?P<that>that (?:same )?(?:morning|day))\b",
    re.I,
)


def out_that_day(text: str, mentions: list[Mention], roles: Roles) -> None:
    """Date the way out on the day "that morning" points at ("the 9am kickoff in Denver on Thursday
    22 April, so fly me out of Phoenix that morning"), when the words give the way out no day of its
    own: the day of the event the trip is for, said just before it."""
    m = _OUT_THAT.search(text)
    if m is None or roles.travel:
        return
    said = [x for x in mentions if x.end <= m.start("that") and len(x.days) == 1 and not x.window]
    if said:
        roles.travel = [(said[-1].days[0], "stated")]
