"""The first or the last flight of the day, in a traveller's words: a wish about the time of day that
has no clock in it.

"The first flight out", "the earliest departure", "ideally the last flight home", "as much time there
as possible": the earlier (or later) a flight leaves on its leg, the better it fits. ``extremes``
reads them as ``Window``s of kind ``earliest`` or ``latest`` (their ``start`` and ``end`` unused),
and ``extreme_score`` grades a departure on a sliding scale, so the scorer prefers the 06:00 flight
to the 09:00 one, and both to the afternoon, when the traveller asked for the first flight.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.models._scripted_times import DAY, LAST, Window, leg_of
from agents.models._scripted_tradeoffs import weight_at

__all__ = ["extreme_score", "extremes"]

#: "the first flight out", "the last flight home", "the last flight of the day", "the earliest flight".
_EXTREME = re.compile(
    r"\b(?P<w>first|last)\s+(?:possible\s+|available\s+)?(?:flight|plane|departure)s?\b"
    r"(?=\s+(?:out|there|back|home|of the day|in the morning|at night|available|possible|going|leaving|that day)\b)"
    r"|\b(?P<e>earliest|latest)\s+(?:possible\s+|available\s+)?(?:flight|plane|departure)s?\b",
    re.I,
)
#: A comparative or "as ... as possible" with no clock: "the later the flight home the better", "the
#: earlier the better", "as late as possible on Sunday", "leave as early as we can".
_SLIDING = re.compile(
    r"\bthe\s+(?P<c>later|earlier)\b(?:\s+\w+){0,6}?\s+the\s+better\b"
    r"|\bas\s+(?P<a>late|early)\s+as\s+(?:possible|(?:I|we|you)\s+can)\b",
    re.I,
)
#: "as much time there as possible", "make the most of the day": out early and back late.
_MOST_TIME = re.compile(
    r"\b(?:as much time (?:there|in \w+(?: \w+)?|on the ground) as (?:possible|I can)|"
    r"maximi[sz]e (?:my |our |the )?time (?:there|in \w+)|make the most of (?:the|my|our) (?:day|days|time) there)\b",
    re.I,
)


def extremes(sent: str, weight: float, route: tuple[str | None, list[str]]) -> list[Window]:
    """The first-or-last-flight wishes said in ``sent``, each weighing ``weight`` (more with emphasis)."""
    out = []
    for m in _EXTREME.finditer(sent):
        word = (m.group("w") or m.group("e")).lower()
        kind = "earliest" if word in ("first", "earliest") else "latest"
        leg = leg_of(sent[: m.end() + 14], m.start(), route)
        out.append(Window(kind, 0, 0, leg, weight * weight_at(sent, m.start(), sent)))
    for m in _SLIDING.finditer(sent):
        kind = "latest" if (m.group("c") or m.group("a")).lower() in ("later", "late") else "earliest"
        leg = leg_of(sent[: m.end() + 14], m.start(), route)
        if not any((x.kind, x.leg) == (kind, leg) for x in out):
            out.append(Window(kind, 0, 0, leg, weight * weight_at(sent, m.start(), sent)))
    if _MOST_TIME.search(sent):
        out += [Window("earliest", 0, 0, 0, weight), Window("latest", 0, 0, LAST, weight)]
    return out


def extreme_score(wishes: list[Window], depart: dt.datetime, leg: int, n_legs: int) -> float:
    """How well a flight leaving at ``depart`` on leg ``leg`` fits the wishes: the weight in full for a
    departure at midnight's edge of the day (00:00 for the first flight, 23:59 for the last), less the
    further it leaves from it (a wish for every leg counts a share per leg, as a window does)."""
    at = (depart.hour * 60 + depart.minute) / DAY
    score = 0.0
    for w in wishes:
        if w.concerns(leg, n_legs) and not (w.leg == LAST and n_legs < 2):
            share = w.weight if w.leg is not None else w.weight / max(n_legs, 1)
            score += share * (at if w.kind == "latest" else 1.0 - at)
    return score
