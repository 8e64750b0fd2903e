"""A plan moved whole: "The offsite got moved from Wed the 10th to Fri the 12th. Same plan as my
original email, just shift everything to match" (a note above a forwarded request).

When the words say the event the trip is built around moved from one day to another and ask for the
plan to follow it, the plan is read as first written (the request without the note) and every day
of it moved by the same number of days, as a travel agent would redo the booking. The reading says
so in its assumptions, for the human at the checkpoint.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from agents.intent._dates import scan
from agents.intent._model import ReadContext, TripIntent
from agents.intent._shape import describe

_MOVED = re.compile(
    r"\b(?:moved|pushed(?: back)?|shifted|changed|rescheduled|bumped|postponed|brought forward)\s+"
    r"(?:\w+\s+){0,2}?from\s+(?P<a>[^.;!?]{3,30}?)\s+to\s+(?P<b>[^.;!?]{3,30}?)(?=[.;!?,]|\s+(?:so|and|instead)\b|$)",
    re.I,
)
_FOLLOW = re.compile(
    r"\b(?:(?:shift|move|push|slide|adjust)\s+(?:everything|it all|all of it|the whole (?:thing|plan|trip))"
    r"|same plan|everything else (?:stays|the same)|(?:shift|move)\s+(?:\w+\s+){0,2}to match)\b",
    re.I,
)


def shifted_plan(
    text: str, ctx: ReadContext, read: Callable[[str, ReadContext], TripIntent]
) -> TripIntent | None:
    """The plan read without the note and moved by the days the event moved; None when no move."""
    m, follow = _MOVED.search(text), _FOLLOW.search(text)
    if m is None or follow is None:
        return None
    a = [x for x in scan(m.group("a"), ctx.now, ctx.home) if len(x.days) == 1]
    b = [x for x in scan(m.group("b"), ctx.now, ctx.home) if len(x.days) == 1]
    if len(a) != 1 or len(b) != 1:
        return None
    delta = b[0].days[0] - a[0].days[0]
    if not delta or abs(delta.days) > 31:
        return None
    spans = sorted({_sentence(text, m.start()), _sentence(text, follow.start())})
    rest, end = "", 0
    for s, e in spans:  # the note's sentences left out: what remains is the plan as first written
        rest, end = rest + text[end : max(s, end)] + " ", max(e, end)
    rest += text[end:]
    intent = read(rest, ctx)
    if not intent.legs and not intent.stays:
        return None
    _move(intent, delta)
    describe(intent)
    intent.assumptions.append(f"the plan as first asked, every day moved {delta.days:+d} with the event")
    return intent


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The start and end of the sentence (or line) ``at`` is in."""
    s = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, at) for c in ".!?\n") if i >= 0]
    return s, (min(ends) + 1 if ends else len(text))


def _move(intent: TripIntent, delta: dt.timedelta) -> None:
    for leg in intent.legs:
        for f in ("date", "earliest", "latest", "arrive_on"):
            if (d := getattr(leg, f, None)) is not None:
                setattr(leg, f, d + delta)
    for stay in intent.stays:
        for f in ("check_in", "check_out"):
            if (d := getattr(stay, f, None)) is not None:
                setattr(stay, f, d + delta)
