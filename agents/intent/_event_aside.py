"""The day of what a trip is for, said before the day the traveller says to travel.

"Our daughter graduates in Boston on Saturday 22 May. We'll head out Thursday the 20th": the 22nd is
the occasion, the 20th the flight. People name the occasion first and then the travel day it makes
them choose ("the board meets Tuesday 16 March, so I'd leave Sunday the 14th"), whatever the occasion
is called (a verb, a misspelt noun, a name). A careful agent reads the day said with no word of
travel as the occasion's when a day said after it, with a word of going, falls before it: one
travels to an occasion, not after it. A day said with a word of travel in its clause is always a travel day ("by Sunday 21 March
we need to be back"), and
a day the traveller flies on ("My meeting is Tuesday 16 March. Fly me that morning") stays one.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._mention import Mention

#: Any word of travel or lodging near a day: such a day is said about the trip.
_TRAVEL = re.compile(
    r"\b(?:fly\w*|flights?|back|return\w*|home|hotel|room|stay\w*|out|outbound|inbound|leav\w*|depart\w*|"
    r"arriv\w*|land\w*|go|goes|going|went|head\w*|travel\w*|get (?:me |us )?(?:there|in|down|up)|"
    r"check\w*|book\w*|ticket\w*|trip|journey|drive|driving|take off|set off|come|coming)\b",
    re.I,
)
#: A word of going toward the place (not of coming back) near the later day.
_GOING = re.compile(
    r"\b(?:fly\w*|flights?|out|outbound|leav\w*|depart\w*|arriv\w*|land\w*|go|going|head\w*|travel\w*|"
    r"get (?:me |us )?(?:there|in|down|up)|set off|take off)\b",
    re.I,
)
_COMING_BACK = re.compile(r"\b(?:back|return\w*|home|inbound)\b", re.I)
#: The clause before a day: back to the last stop, semicolon, comma, "and", "so" or "then".
_CLAUSE = re.compile(r"[.;:!?,\n\u2013\u2014]|\s-\s|\b(?:and|so|then|but)\b", re.I)
#: Words that make a day the end of a range ("Thursday 7 October to Sunday 10 October"): the trip's.
_RANGE_END = re.compile(r"(?:-|\u2013|\bto|\btill|\buntil|\bthrough|\bthru|\band)\s*$", re.I)
#: A day's own kinds that name it fully (a month or a weekday with it): an occasion's day is one.
_NAMED = ("mon_day", "day_mon", "wd_day", "iso", "ordinal", "numeric")


def _clause(text: str, start: int) -> str:
    return _CLAUSE.split(text[max(0, start - 60) : start])[-1]


def _clause_after(text: str, end: int) -> str:
    """The rest of a day's clause: "By Sunday 21 March at 5pm we need to be back" is about travel."""
    return _CLAUSE.split(text[end : end + 60])[0]


def occasion_days(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions that are an occasion's day, not a travel day (module docstring)."""
    out = []
    for i, m in enumerate(mentions):
        if m.kind not in _NAMED or len(m.days) != 1 or m.window or _RANGE_END.search(text[: m.start]):
            continue
        if _TRAVEL.search(_clause(text, m.start)) or _TRAVEL.search(_clause_after(text, m.end)):
            continue
        for o in mentions[i + 1 :]:
            said = _clause(text, o.start)
            if (
                len(o.days) == 1
                and o.days[0] < m.days[0]
                and _GOING.search(said)
                and not _COMING_BACK.search(said)
            ):
                out.append(m)
                break
    return out


def before_occasion(text: str, m: Mention, placed: list[Mention]) -> dt.date | None:
    """A bare day of the month said with a word of going after an occasion's day, and falling in the
    week before it in its month: that day ("The conference is on 14 October. I'll fly in on the 13th"
    is 13 October, not 13 November). None when the words are not so."""
    said = _clause(text, m.start)
    if len(m.days) != 1 or not _GOING.search(said) or _COMING_BACK.search(said):
        return None
    named = [o for o in placed if o.kind in _NAMED and len(o.days) == 1 and not o.window]
    if not named or _TRAVEL.search(_clause(text, named[-1].start) + " " + _clause_after(text, named[-1].end)):
        return None
    occasion = named[-1].days[0]
    try:
        day = occasion.replace(day=m.days[0].day)
    except ValueError:
        return None
    return day if 0 < (occasion - day).days <= 7 else None
