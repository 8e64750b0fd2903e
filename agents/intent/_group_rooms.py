"""Rooms left open by a group of colleagues: "me and three colleagues ... a hotel for the two nights",
"hotel in Austin for the sales team, 5 of us", "our group of three analysts".

Colleagues who travel together for work seldom share a room, and a careful agent does not guess how
they sleep: a hotel for two or more travellers whose words call them colleagues (a team, coworkers,
staff, an offsite; a team only with a work word in its sentence, "the sales team", not "watch our team
play") and give neither a count of rooms nor a word of sharing leaves the rooms open
(``unknown: [rooms]``), and the agent asks. Words that settle it: a family or a couple ("my wife",
"our kids", "my boyfriend and I"), siblings or friends ("my two brothers", "my buddy and I"), sharing
("we'll share", "a twin room", "one room"), and any count of rooms the reader reads (``_rooms``). The library reads no such class; this is our grammar.
"""

from __future__ import annotations

import re

from agents.intent._model import TripIntent

_WORK_GROUP = re.compile(
    r"\b(?:colleagues?|co-?workers?|off-?site|staff|employees|analysts|engineers|"
    r"consultants|reps|department|delegates|(?:the|our|my) group|direct reports|from the office)\b",
    re.I,
)
#: A team is a work group only with a work word in its sentence ("the sales team", "our team's offsite", "the
#: team from the office"), not a fan's ("watch our team play", "fans of the team").
_TEAM = re.compile(r"\bteam(?:mates?|'s)?\b", re.I)
_WORK_WORD = re.compile(
    r"\b(?:sales|marketing|engineering|product|design|support|finance|legal|ops|operations|platform|data|"
    r"leadership|management|project|dev|hr|work|office|company|business|client\w*|off-?site|conference|"
    r"meeting|summit|workshop|training|kick-?off|retreat|department|onsite|on-site)\b",
    re.I,
)
_SETTLED = re.compile(
    r"\b(?:wife|husband|partner|boyfriend|girlfriend|fianc\w*|spouse|kids?|children|son|daughter|sons|"
    r"daughters|family|mum|mom|dad|parents|couple|baby|brothers?|sisters?|siblings?|friends?|buddy|buddies|"
    r"cousins?|pals?|share|sharing|shared|twin|double\s+room|one\s+room|"
    r"a\s+room\s+for\s+(?:us|both|the\s+two))\b",
    re.I,
)


def _work_team(text: str) -> bool:
    """Whether a "team" the words name is a work team: a work word in its sentence."""
    return any(
        _TEAM.search(sent) and _WORK_WORD.search(sent) for sent in re.split(r"(?<=[.!?])\s+|\n+", text)
    )


def rooms_open_for_colleagues(intent: TripIntent, text: str) -> bool:
    """A hotel for colleagues with no rooms said: the rooms are open (see the module's docstring)."""
    return (
        intent.rooms is None
        and bool(intent.stays)
        and (intent.travelers or 0) >= 2
        and (bool(_WORK_GROUP.search(text)) or _work_team(text))
        and not _SETTLED.search(text)
    )
