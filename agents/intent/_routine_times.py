"""Times said by what the traveller will do rather than by a clock: "home in time for dinner", "back
before the kids' bedtime", "land before lunch", "there by breakfast", "back for the school run",
"fly out after lunch", "nothing at the crack of dawn", "home at a civilised hour".

A routine is read only when the words tie it to a flight: a word of arriving ("home", "back",
"there", "land", "arrive", "get in", "make it") or of leaving ("leave", "depart", "fly out") before
it, then how the flight stands to it ("in time for", "for", "by", "before", "ahead of", "after"). A
meal that is only an event ("dinner with the client on Tuesday"), a past trip ("last time I got home
after dinner"), or a question ("anything that gets me home before dinner?") sets nothing; nor does a
routine after a negation ("I can't leave before lunch"), of someone else ("my husband makes it home
for dinner"), a habit ("always home for dinner") or a walk ("walk back after dinner"). The need
that makes it a limit is looked for in the routine's own clause, not elsewhere in the sentence.

The hours are conventions (``ROUTINES``): the meals Recognizers-Text names (its English
``Mealtime*TermList``: breakfast, brunch, lunch, dinner, supper), a child's bedtime and the school
run. "Before", "by", "in time for" a routine mean its start; "after" it, its end. Said as a need
("must be home for dinner", "have to be back for bedtime") it is a limit; otherwise (hedged, or just
said) it is a wish. "Home"/"back" is the way home; "there"/"land" the way out, unless the clause
names the flight itself ("on the way home I'd prefer to leave after breakfast"). A routine the
clock-time reader already reads ("before lunchtime": noon) is left to it.
"""

from __future__ import annotations

import datetime as dt
import re

from recognizers_date_time.resources.english_date_time import EnglishDateTime

from agents.intent._day_parts import time_limits
from agents.intent._model import LegIntent, TripIntent, Wish
from agents.intent._shape import REQUIRED
from agents.intent._too_early import EARLIEST, LATEST
from agents.intent._words import soft

__all__ = ["ROUTINES", "routine_times"]

#: routine -> (when it starts, when it is over): "home for dinner" lands by 18:30, "leave after
#: breakfast" leaves from 09:00.
ROUTINES: dict[str, tuple[dt.time, dt.time]] = {
    "breakfast": (dt.time(8), dt.time(9)),
    "brunch": (dt.time(11), dt.time(12, 30)),
    "lunch": (dt.time(12), dt.time(13)),
    "dinner": (dt.time(18, 30), dt.time(20)),
    "bedtime": (dt.time(20), dt.time(20, 30)),
    "school run": (dt.time(15), dt.time(15, 30)),
}
#: the words of each routine: the meals as Recognizers-Text spells them, then bedtime and the school run
_NAMES: dict[str, str] = {
    **{t: "breakfast" for t in EnglishDateTime.MealtimeBreakfastTermList},
    **{t: "brunch" for t in EnglishDateTime.MealtimeBrunchTermList},
    **{t: "lunch" for t in EnglishDateTime.MealtimeLunchTermList},
    **{t: "dinner" for t in EnglishDateTime.MealtimeDinnerTermList},
    "bedtime": "bedtime",
    "bed time": "bedtime",
    "school run": "school run",
    "school pick-?up": "school run",
}
# a misspelt meal ("dinnr", "brekfast", "lunchtme"): one letter dropped
_LOOSE = {
    "dinn?e?r(?:\\s?time)?": "dinner",
    "bre?a?kfa?st": "breakfast",
    "lunch\\s?ti?me": "lunch",
    "bed\\s?ti?me": "bedtime",
}
_ROUTINE = "|".join(sorted({**_NAMES, **_LOOSE}, key=len, reverse=True))

_ARRIVE = r"home|back|there|land(?:s|ed|ing)?|arriv\w*|get(?:s|ting)? in|touch(?:es|ing)? down|make it|makes it|making it"
_LEAVE = r"leav\w*|depart\w*|fly(?:ing)? out|take off|taking off|wheels up|head(?:ing)? (?:out|off)"
_WHOSE = r"(?:(?:the|my|our|his|her|their|a)\s+)?(?:(?:kids?|kid's|kids'|children's|child's|boys'|girls'|baby's)\s+)?"
_TIED = re.compile(
    rf"(?<![-\w])(?P<cue>{_ARRIVE}|{_LEAVE})\b(?!-)(?:\s+[\w'’.]+){{0,3}}?\s+"
    rf"(?P<rel>in (?:good )?time for|for|by|before|ahead of|after)\s+{_WHOSE}(?P<what>{_ROUTINE})\b",
    re.I,
)
#: an early hour refused, or a late one: "nothing at the crack of dawn", "not a dawn flight", "no sunrise
#: departures", "home at a civilised hour"
_DAWN = re.compile(
    r"\b(?:not|no|nothing|never|avoid\w*)\b(?!\s+(?:need|reason|point|longer)\b)(?:\s+[\w']+){0,3}?\s+(?:at\s+)?(?:the\s+)?"
    r"(?:crack of dawn|dawn|sunrise)\b",
    re.I,
)
_CIVIL = re.compile(
    rf"\b(?P<cue>{_ARRIVE})\b(?:\s+[\w']+){{0,2}}?\s+(?:at|by)\s+a\s+(?:civili[sz]ed|decent|sensible|reasonable)\s+hour\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:last (?:time|trip|year|month|week)|previous (?:time|trip)|used to|ago|got (?:home|back|there|in))\b",
    re.I,
)
_NEED = re.compile(REQUIRED.pattern + r"|\b(?:got to|gotta|have got to)\b", re.I)
_HOME = re.compile(r"^(?:home|back)$", re.I)
#: words before the cue that turn it away from the traveller's own flight: a negation ("I can't
#: leave before lunch", "I'd hate to get home after bedtime"), someone else ("my husband has to be home",
#: "my mum wants me home"), a walk ("walk back after dinner"), a meeting ("meeting the team there")
_NOT_OURS = re.compile(
    r"\b(?:not|no|never|hate|avoid\w*|\w+n't|cannot|walk\w*|meet\w*)\b"
    r"|\b(?:my|our|the|his|her|their)\s+(?:mum|mom|mother|dad|father|husband|wife|partner|boss|kids?|children"
    r"|son|daughter|family|parents?|colleagues?|friends?|team)\b|\b(?:kids|children)\b",
    re.I,
)
#: a sentence that is not the traveller's plan: a habit, someone staying behind, a question
_NO_PLAN = re.compile(
    r"\b(?:always|usually|every (?:night|day|evening|morning|week)|never do)\b"
    r"|\b(?:isn't|is not|aren't|are not|not)\s+(?:coming|travel\w*|joining|flying)\b"
    r"|^\s*(?:is|are|do|does|did|can|could|would|will|has|have)\s+(?:there|you|it|any)\b"
    r"|\bany(?:thing| flights?| option)?\s+that\b",
    re.I,
)
#: after the routine: it is an event, not a time ("dinner with the board", "lunch at Alinea")
_EVENT_AFTER = re.compile(r"\s+(?:with|at)\b", re.I)


def _routine(words: str) -> str | None:
    for rx, name in (*_NAMES.items(), *_LOOSE.items()):
        if re.fullmatch(rx, words, re.I):
            return name
    return None


def routine_times(sent: str, legs: list[LegIntent], said: LegIntent | None, intent: TripIntent) -> None:
    """Read the routines ``sent`` times its flights by into ``intent``: limits on ``legs`` when said
    as a need, else wishes. ``said`` is the flight the clause names itself (``None``: none)."""
    if not legs or sent.rstrip().endswith("?") or _PAST.search(sent) or _NO_PLAN.search(sent):
        return
    found: list[tuple[str, dt.time, str, bool]] = []  # (limit kind, time, cue, said as a need)
    for m in _TIED.finditer(sent):
        name = _routine(m.group("what"))
        if name is None or time_limits(m.group(0)):
            continue  # "before lunchtime": the clock-time reader reads it (noon)
        clause = re.split(r"[,;:]|\bso\b|\bbut\b", sent[: m.start()])[-1]
        if _NOT_OURS.search(clause + m.group(0)[: m.start("rel") - m.start()]):
            continue  # not the traveller's own flight timed by the routine
        if (
            _EVENT_AFTER.match(sent, m.end())
            or re.search(r"\b(?:the|a)\s+$", sent[m.start("what") - 6 : m.start("what")])
            and name in ("breakfast", "brunch", "lunch", "dinner")
        ):
            continue  # "dinner with the board", "the lunch with my boss": an event
        if m.group("rel").lower() == "for" and re.fullmatch(_LEAVE, m.group("cue"), re.I):
            continue  # "head out for dinner": going to it, not a flight
        start, end = ROUTINES[name]
        after = m.group("rel").lower() == "after"
        leaving = re.fullmatch(_LEAVE, m.group("cue"), re.I) is not None
        kind = ("depart_" if leaving else "arrive_") + ("after" if after else "before")
        hard = bool(_NEED.search(clause + m.group(0))) and not soft(clause + m.group(0))
        found.append((kind, end if after else start, m.group("cue"), hard))
    hard_all = bool(_NEED.search(sent)) and not soft(sent)
    if _DAWN.search(sent):
        found.append(("depart_after", EARLIEST, "", hard_all))
    if c := _CIVIL.search(sent):
        found.append(("arrive_before", LATEST, c.group("cue"), hard_all))
    for kind, when, cue, hard in found:
        # "home"/"back" is the way home whatever flight the clause named
        leg = legs[-1] if _HOME.match(cue) else said or (legs[0] if cue else None)
        if hard:
            for one in [leg] if leg else legs:
                if getattr(one, kind) is None:
                    setattr(one, kind, when)
            continue
        on = None if leg is None or len(legs) == 1 else legs.index(leg)
        wish = Wish(
            kind="depart_window" if kind.startswith("depart") else "arrive_window",
            start=when if kind.endswith("after") else None,
            end=when if kind.endswith("before") else None,
            leg=on,
        )
        if wish not in intent.wishes:
            intent.wishes.append(wish)
