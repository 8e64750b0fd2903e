"""Whether each time limit on a flight was stated or only inferred: the two time readers' check.

``_time_reader`` reads a time limit with two readers, the library (Recognizers-Text) and our own
grammar, and says of each reading whether the other reader finds its time as well. A limit both find
is ``stated`` (``sources["legs.N.arrive_before"]``); a limit only one of them supports ("land by 2":
a bare hour the library does not read; "no later than half past two": words our grammar does not
read) is ``inferred``. The policy gives way on an inferred limit
before it refuses a trip that only that limit rules out (``agents.models._scripted_inferred``).
Limits other readers set (a part of the day, a calendar event) keep the source they have.
"""

from __future__ import annotations

import datetime as dt

from agents.intent._limits import CLAUSES
from agents.intent._model import TripIntent
from agents.intent._then_time import then_as_time
from agents.intent._time_reader import time_readings

TIME_KINDS = ("depart_after", "depart_before", "arrive_after", "arrive_before")


def _said(text: str) -> tuple[set[tuple[str, dt.time]], set[tuple[str, dt.time]]]:
    """The (kind, time) limits the request says, those both readers support and those only one does."""
    sure: set[tuple[str, dt.time]] = set()
    unsure: set[tuple[str, dt.time]] = set()
    for clause in CLAUSES.split(text):
        for piece in dict.fromkeys((clause, then_as_time(clause))):
            for kind, when, certain in time_readings(piece):
                (sure if certain else unsure).add((kind, when))
    return sure, unsure


def time_sources(intent: TripIntent, text: str) -> None:
    """Record in ``intent.sources`` whether each time limit on a leg was stated or inferred."""
    if not any(getattr(leg, k) for leg in intent.legs for k in TIME_KINDS):
        return
    sure, unsure = _said(text)
    for i, leg in enumerate(intent.legs):
        for kind in TIME_KINDS:
            when = getattr(leg, kind)
            if when is not None and (kind, when) in sure:
                intent.sources[f"legs.{i}.{kind}"] = "stated"
            elif when is not None and (kind, when) in unsure:
                intent.sources[f"legs.{i}.{kind}"] = "inferred"
