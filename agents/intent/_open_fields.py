"""What a reading leaves open (the hard fields the words do not settle, which the agent asks about)
and how each day was read (stated or inferred)."""

from __future__ import annotations

import datetime as dt
import re

from agents.intent import _words as w
from agents.intent._dates import Mention
from agents.intent._group_rooms import rooms_open_for_colleagues
from agents.intent._model import LegIntent, StayIntent, TripIntent, Unknown
from agents.intent._shape import (
    Roles,
)
from agents.intent._who_flies import met_there


def unknowns(intent: TripIntent, roles: Roles, text: str, dests: list[str]) -> None:
    unknown = intent.unknown
    if (
        intent.legs
        and intent.legs[0].destination is None
        or (intent.stays and intent.stays[0].city is None and not intent.legs)
    ):
        unknown.append("destination")
    first = intent.legs[0] if intent.legs else None
    if (
        roles.ambiguous
        or (first and first.date is None and first.earliest is None and first.arrive_on is None)
        or (not intent.legs and intent.stays and intent.stays[0].check_in is None)
    ):
        unknown.append("dates")
        if not roles.ambiguous or (first and first.date is not None):
            for leg in intent.legs:
                leg.date = None
            for s in intent.stays:
                s.check_in = s.check_out = None
        # a day named in full stays ("Saturday, June 4 (a Friday), back Tuesday, June 8")
        intent.sources = {k: v for k, v in intent.sources.items() if _still_read(intent, k)}
    elif len(intent.legs) >= 2 and intent.legs[-1].date is None and intent.legs[-1].earliest is None:
        unknown.append("return_date")
    elif intent.shape in ("one_way", "hotel_only") and intent.stays and intent.stays[-1].check_out is None:
        last = intent.stays[-1]
        if last.check_in is not None and _ONE_NIGHT.search(text):  # "the night of the 16th", "Thursday night"
            last.check_out = last.check_in + dt.timedelta(days=1)
            intent.sources[f"stays.{len(intent.stays) - 1}.check_out"] = "inferred"
        elif last.nights is None:
            unknown.append("nights")
    if intent.legs and (intent.legs[0].origin is None or intent.legs[-1].destination is None) and dests:
        unknown.append("origin")  # no home to fly from, and the words name none
    unknown += _left_open(intent, text)
    intent.unknown = list(dict.fromkeys(unknown))


def _still_read(intent: TripIntent, key: str) -> bool:
    """Whether the day a ``legs.N.date`` / ``stays.N.check_in`` source is about is still read."""
    part, _, rest = key.partition(".")
    if part not in ("legs", "stays"):
        return True
    i, _, name = rest.partition(".")
    items: list[LegIntent] | list[StayIntent] = intent.legs if part == "legs" else intent.stays
    if int(i) >= len(items):
        return False
    item = items[int(i)]
    if name == "date":
        return any(getattr(item, f) is not None for f in ("date", "earliest", "arrive_on"))
    return getattr(item, name, None) is not None


_ONE_NIGHT = re.compile(
    r"\b(?:the night of|(?:mon|tues|wednes|thurs|fri|satur|sun)day night|tonight|(?:for )?(?:a|one|just the one) night)\b(?!s)",
    re.I,
)
_ROOMS_OPEN = re.compile(
    r"\b(?:how(?:ever)? many|whatever|not sure (?:how many|about the))\s+(?:\w+\s+)?rooms?\b"
    r"|\brooms?\b[^.;!?]{0,30}\b(?:up to you|you decide|you choose|your call|you tell me|makes? (?:the most )?sense)\b",
    re.I,
)
_BUDGET_OPEN = re.compile(
    r"\b(?:same|similar|usual|normal|regular) (?:budget|spend|amount)\b|\bbudget\b[^.;!?]{0,20}\bas (?:last|before|usual|my last)\b",
    re.I,
)
_PARTY_OPEN = re.compile(
    r"\b(?:some|a few|several|a couple of|a bunch of|a handful of|a group of|a number of)\s+(?:of\s+(?:my|our|the)\s+)?"
    r"(?:\w+\s+)?(?:colleagues|coworkers|co-workers|friends|reports|people|relatives|cousins|teammates|clients|"
    r"students|guests|staff|us)\b|\b(?:book|for|bring|fly|with)\s+(?:the|my|our)\s+(?:whole\s+|\w+\s+)?"
    r"(?:team|department|crew|squad|staff|board)\b(?=\s*(?:[,.;!?]|$|on|to|for|in|from|and|with|will|are|need|fly))",
    re.I,
)
_PARTY_COUNT = re.compile(
    r"\b\d+\s+(?:of us|people|persons|travell?ers|passengers|adults|pax|seats|tickets)\b|\b(?:party|group|family) of \d",
    re.I,
)


def day_sources(intent: TripIntent, mentions: list[Mention]) -> None:
    """A day is ``stated`` only when the words name it: one no words name (the morning after "Friday
    night") or that only the calendar gives ("the day the workshop starts", "the Monday after it")
    is ``inferred``."""
    said: dict[dt.date, list[Mention]] = {}
    for m in mentions:
        for d in m.days:
            said.setdefault(d, []).append(m)
    first_cal = min((m.start for m in mentions if m.kind == "calendar"), default=None)
    days = {f"legs.{i}.date": leg.date for i, leg in enumerate(intent.legs)}
    for j, st in enumerate(intent.stays):
        days.update({f"stays.{j}.check_in": st.check_in, f"stays.{j}.check_out": st.check_out})
    for key, day in days.items():
        if day is None or intent.sources.get(key) != "stated":
            continue
        named = said.get(day, [])
        from_calendar = all(
            m.kind == "calendar"
            or (m.kind in ("rel_prev", "wd_rel") and first_cal is not None and m.start > first_cal)
            for m in named
        )
        if not named or from_calendar:
            intent.sources[key] = "inferred"


def _left_open(intent: TripIntent, text: str) -> list[Unknown]:
    """Hard fields the words leave to someone else: "however many rooms makes sense", "the same budget
    as last time", "me and a few colleagues" (the agent asks; it does not guess)."""
    out: list[Unknown] = []
    if intent.rooms is None and intent.stays and _ROOMS_OPEN.search(text):
        out.append("rooms")
    elif rooms_open_for_colleagues(intent, text):  # "me and three colleagues", no rooms said: ask
        out.append("rooms")
    if intent.budget is None and _BUDGET_OPEN.search(text):
        out.append("budget")
    opened = [
        m for m in _PARTY_OPEN.finditer(text) if not met_there(text, m.start())
    ]  # not "dinner with my team"
    if opened and not _PARTY_COUNT.search(w.digits(text)):
        intent.travelers = None
        intent.sources.pop("travelers", None)
        out.append("travelers")
    return out
