"""An hour the traveller would rather not fly at, said with an intensifier: "nothing crazy early",
"not too late please", "Sun nothing super early pls", "avoid anything ridiculously early".

The words set no hour, so it is a wish, never a limit: "early" wishes a departure from 8 am, "late" one
by 9 pm (``EARLIEST``, ``LATEST``). It goes on the flight the clause names by its weekday ("Sun ...":
the flight that leaves on a Sunday), else on the one the clause's own cue names (out, back), else on
every flight. A bare "nothing early" or "no early flights" is not read here: without the intensifier
it may be a limit, and the reader's time rules decide it.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._model import LegIntent, TripIntent, Wish

__all__ = ["EARLIEST", "LATEST", "hour_wishes"]

EARLIEST = dt.time(8)
LATEST = dt.time(21)

_TOO = re.compile(
    r"\b(?:not|nothing|no|none|never|avoid(?:ing)?)\b(?:\s+[\w']+){0,3}?\s+"
    r"(?:too|crazy|super|really|very|ridiculously|insanely|stupidly|silly|painfully|horribly|ungodly|overly|"
    r"way too|far too|mega|uber)\s+(?P<e>early|late)\b",
    re.I,
)
_WEEKDAY = re.compile(r"\b(mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day|nesday|rsday|sday|urday)?\b", re.I)


def hour_wishes(sent: str, legs: list[LegIntent], cue_leg: int | None, intent: TripIntent) -> None:
    """Add to ``intent`` the departure wishes ``sent`` gives ("nothing crazy early"); ``cue_leg`` is
    the flight the clause's own cue names (``None``: every flight)."""
    if not legs:
        return
    for m in _TOO.finditer(sent):
        days = [d.group(1).lower()[:3] for d in _WEEKDAY.finditer(sent[max(0, m.start() - 25) : m.end()])]
        on_day = [i for i, leg in enumerate(legs) if leg.date and leg.date.strftime("%a").lower() in days]
        on = on_day[0] if len(on_day) == 1 else None if len(legs) == 1 else cue_leg
        start, end = (EARLIEST, None) if m.group("e").lower() == "early" else (None, LATEST)
        wish = Wish(kind="depart_window", start=start, end=end, leg=on)
        if wish not in intent.wishes:
            intent.wishes.append(wish)
