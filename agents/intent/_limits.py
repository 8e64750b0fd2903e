"""The words of limits and wishes that ``_shape.limits_and_wishes`` reads: the clauses a limit is
said in, the leg a clause names by its day, stops, parts of the day, hotel ratings, neighbourhoods
and airlines named in a hedge ("Kestrel would be nice")."""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._model import LegIntent

#: Clauses a limit or wish is read in: sentences, and clauses joined by "but", ", and", ";" or ":"
#: ("out no earlier than 6am, and the flight back must leave after 5pm"); "anything but X" stays whole.
CLAUSES = re.compile(
    r"(?<=[.!?;:])\s+|,\s+(?=but\b)|(?<![Aa]nything)(?<![Ee]verything)(?<![Aa]ll)\s+but\s+|,\s+and\s+"
)
NO_STOPS = (
    r"\b(?:no|zero|without (?:any |a )?)\s*(?:connections?|layovers?|stop-?overs?|stops|changes of planes?)\b"
)
PART_OF_DAY = re.compile(
    r"\b(?:(?P<arr>arriv\w*|land\w*|get(?:ting)? in)\s+(?:\w+\s+){0,2})?(?:in the\s+)?(?P<p>morning|afternoon|evening)s?\b",
    re.I,
)
PARTS = {
    "morning": (dt.time(6), dt.time(12)),
    "afternoon": (dt.time(12), dt.time(18)),
    "evening": (dt.time(18), None),
}
RATING = re.compile(
    r"\b(?:rated|rating(?: of)?|scor\w+|reviews? (?:of|score of)?)\s+(?:at least\s+|of\s+)?(?P<r>\d(?:\.\d)?)"
    r"(?:\s*(?:/\s*10|out of 10))?(?:\s*(?:\+|or (?:above|better|higher|more)))?",
    re.I,
)
HOOD = re.compile(r"\b(?P<h>downtown|midtown|city cent(?:re|er)|old town|waterfront)\b", re.I)
AIRLINE_WISH = re.compile(
    r"\b(?:fly|flying|on|with)\s+(?P<a>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s+(?:if|would|'d|is|are|please)\b|\s*[,.]|$)"
    r"|^\s*(?P<lead>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s+(?:would|'d|if)\b)"
)
#: Words that open a hedged sentence without naming an airline ("Breakfast would be nice").
NOT_LEAD = re.compile(
    r"^(?:that|this|it|something|anything|everything|nothing|either|both|one|two|direct|non-?stop|refundable|"
    r"business|economy|first|premium|cheap\w*|quiet|morning|afternoon|evening|window|aisle|early|late|"
    r"bonus|ideally|preferably|hopefully|maybe|perhaps|only|even|and|but|or|so|also|then|please)$",
    re.I,
)


def leg_named(sent: str, legs: list[LegIntent]) -> LegIntent | None:
    """The one leg a clause names by its day ("the Sunday flight can't leave before 4pm")."""
    if len(legs) < 2 or not re.search(r"\b(flight|leg|plane|one)\b", sent, re.I):
        return None
    days = {
        m.group(1).lower()[:3] for m in re.finditer(r"\b(mon|tue|wed|thu|fri|sat|sun)\w*day\b", sent, re.I)
    }
    hits = [leg for leg in legs if leg.date and leg.date.strftime("%a").lower() in days]
    return hits[0] if len(hits) == 1 else None
