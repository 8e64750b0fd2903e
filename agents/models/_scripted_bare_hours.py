"""A bare hour in a wish to be home ("back in London in time to put the kids to bed around 8", "home
by 7 ideally"): the evening's hour, as a deadline on the landing.

Clock times the scorer reads (``scan_clock``) carry "pm", "am" or minutes; people often write only
the hour when the day's context makes it plain. The cue says it: getting back, home or there by a
household hour. A bare hour from 1 to 11 after "by", "before", "until", "around" or "about" in a clause
about getting back or home is read in the afternoon or evening (as the intent reads a bare hour in a hard limit),
and a day's hour written as 12 to 23 as it is.
"""

from __future__ import annotations

import re

__all__ = ["bare_hours"]

_BARE = re.compile(
    r"\b(?P<cue>by|before|until|till|around|about|no later than)\s+(?P<h>\d{1,2})\b"
    r"(?!\s*(?::|\.\d|am\b|pm\b|a\.m|p\.m|%|\$|nights?|days?|hours?|hrs?|stars?|people|of\b|or more|minutes?|mins?))",
    re.I,
)


def bare_hours(clause: str) -> list[tuple[int, int, int]]:
    """The bare hours of an arrival clause as ``scan_clock`` gives clock times: (start, end, minutes),
    each read as a deadline ("around 8" is "by 8 pm")."""
    out = []
    for m in _BARE.finditer(clause):
        h = int(m.group("h"))
        if 1 <= h <= 11:
            h += 12
        if 12 <= h <= 23:
            out.append((m.start("h"), m.end("h"), h * 60))
    return out
