"""A stay's nights restated later in the request: "a hotel for the two nights ... wait, we're driving
back, so the hotel just for Friday night" keeps one night, the Friday. The stay first read from the
flights' days (or a count said before) yields to the night the words narrow it to with "just" or
"only": one weekday's night, or a single night.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._model import TripIntent

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NIGHT = r"(?:(" + "|".join(_DAYS) + r")(?:'s)?\s+night|(?:one|1|a single)\s+night)"
#: "the hotel just for Friday night", "room only Thursday night", "just one night at the hotel"
_RESTATED = re.compile(
    r"\b(?:hotel|room|stay|accommodation)\b[^.;!?]{0,15}?\b(?:just|only)\s+(?:for\s+)?(?:the\s+)?"
    + _NIGHT
    + r"|\b(?:just|only)\s+(?:for\s+)?(?:the\s+)?"
    + _NIGHT
    + r"\s+(?:at|in|for)\s+(?:the|a)\s+(?:hotel|room)\b",
    re.I,
)


def restated_nights(intent: TripIntent, text: str) -> None:
    """Narrow the one stay to the night the words restate it as (the last such words win)."""
    said = list(_RESTATED.finditer(text))
    if not said or len(intent.stays) != 1:
        return
    stay, m = intent.stays[0], said[-1]
    if stay.check_in is None:
        return
    wd = (m.group(1) or m.group(2) or "").lower()
    day = stay.check_in
    if wd:
        end = stay.check_out or stay.check_in + dt.timedelta(days=7)
        days = [stay.check_in + dt.timedelta(days=k) for k in range(max(1, (end - stay.check_in).days))]
        day = next((d for d in days if d.weekday() == _DAYS.index(wd)), stay.check_in)
    if (stay.check_in, stay.check_out) == (day, day + dt.timedelta(days=1)):
        return
    stay.check_in, stay.check_out, stay.nights = day, day + dt.timedelta(days=1), None
    intent.sources["stays.0.check_out"] = "stated"
