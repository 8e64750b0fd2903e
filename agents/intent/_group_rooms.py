"""Rooms left open by a group of colleagues: "me and three colleagues ... a hotel for the two nights",
"hotel in Austin for the sales team, 5 of us", "our group of three analysts".

Colleagues who travel together for work seldom share a room, and a careful agent does not guess how
they sleep: a hotel for two or more travellers whose words call them colleagues (a team, coworkers,
staff, an offsite) and give neither a count of rooms nor a word of sharing leaves the rooms open
(``unknown: [rooms]``), and the agent asks. Words that settle it: a family or a couple ("my wife",
"our kids", "my boyfriend and I"), sharing ("we'll share", "a twin room", "one room"), and any count
of rooms the reader reads (``_rooms``). The library reads no such class; this is our grammar.
"""

from __future__ import annotations

import re

from agents.intent._model import TripIntent

_WORK_GROUP = re.compile(
    r"\b(?:team(?:mates?)?|colleagues?|co-?workers?|off-?site|staff|employees|analysts|engineers|"
    r"consultants|reps|department|delegates|(?:the|our|my) group|direct reports|from the office)\b",
    re.I,
)
_SETTLED = re.compile(
    r"\b(?:wife|husband|partner|boyfriend|girlfriend|fianc\w*|spouse|kids?|children|son|daughter|sons|"
    r"daughters|family|mum|mom|dad|parents|couple|baby|share|sharing|shared|twin|double\s+room|one\s+room|"
    r"a\s+room\s+for\s+(?:us|both|the\s+two))\b",
    re.I,
)


def rooms_open_for_colleagues(intent: TripIntent, text: str) -> bool:
    """A hotel for colleagues with no rooms said: the rooms are open (see the module's docstring)."""
    return (
        intent.rooms is None
        and bool(intent.stays)
        and (intent.travelers or 0) >= 2
        and bool(_WORK_GROUP.search(text))
        and not _SETTLED.search(text)
    )
