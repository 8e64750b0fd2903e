"""Nights named as a list of days: "somewhere to sleep on Thursday the 11th and Friday the 12th".

A hotel asked for on days joined by "and" (or commas) is asked for those nights: the stay checks out
the morning after the last of them, as a travel agent reads "a room Monday and Tuesday". A day
said with a check-out cue ("in Monday and out Wednesday", "until Friday") is a check-out, and a
range ("from the 11th to the 13th") is read as said; neither is a list.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent._mention import Mention
from agents.intent._shape import Roles

_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|plus\s+)(?:on\s+)?(?:the\s+)?$", re.I)


def event_nights(mentions: list[Mention], roles: Roles) -> None:
    """A hotel asked for around one dated event and no other day ("I'll be in Denver for a conference
    April 5-8, get me a hotel"): the event's days are the stay."""
    days = [m for m in mentions if not m.ambiguous and m.kind != "calendar"]
    if roles.check_in is not None or roles.window or roles.nights or len(days) != 1:
        return
    if len(days[0].days) == 2 and not days[0].window and days[0].days[1] > days[0].days[0]:
        roles.check_in, roles.check_out = days[0].days
        roles.check_in_source = roles.check_out_source = "inferred"


def listed_nights(text: str, mentions: list[Mention], roles: Roles) -> None:
    """Move the check-out to the morning after the last of the consecutive days listed for a hotel."""
    if roles.check_in is None or roles.check_out is None or roles.nights:
        return
    for m in mentions:  # one mention of two days joined by "and": "Monday the 15th and Tuesday the 16th"
        if (
            len(m.days) == 2
            and not m.window
            and m.days == [roles.check_in, roles.check_out]
            and m.days[1] == m.days[0] + dt.timedelta(days=1)
            and re.search(r"\s(?:and|&)\s", text[m.start : m.end], re.I)
        ):
            roles.check_out = m.days[1] + dt.timedelta(days=1)
            roles.check_out_source = "inferred"
            return
    days = [m for m in mentions if len(m.days) == 1 and not m.window and not m.ambiguous]
    if len(days) < 2:
        return
    first = next((i for i, m in enumerate(days) if m.days[0] == roles.check_in), None)
    if first is None:
        return
    run = [days[first]]
    for m in days[first + 1 :]:
        if not _JOIN.match(text[run[-1].end : m.start]) or m.days[0] != run[-1].days[0] + dt.timedelta(
            days=1
        ):
            break
        run.append(m)
    if len(run) >= 2 and roles.check_out == run[-1].days[0]:
        roles.check_out = run[-1].days[0] + dt.timedelta(days=1)
        roles.check_out_source = "inferred"


def listed_trip(mentions: list[Mention], roles: Roles) -> None:
    """Flights and a hotel whose only days are one list of consecutive days ("a hotel the 8th, 9th and
    10th of April", ``_day_lists``): the listed days are the nights, so the way out is the first and
    the way back the morning after the last, as a travel agent books "flights and a room those nights"."""
    listed = [m for m in mentions if m.kind == "listed"]
    days = [d for d, _ in roles.travel]
    if (
        len(listed) < 3
        or len(listed) != len(mentions)
        or roles.back is not None
        or roles.check_in is not None
        or days != [m.days[0] for m in listed]
        or any((b - a).days != 1 for a, b in zip(days, days[1:], strict=False))
    ):
        return
    roles.travel = [roles.travel[0]]
    roles.back, roles.back_source = days[-1] + dt.timedelta(days=1), "inferred"
    roles.check_in, roles.check_out = days[0], days[-1] + dt.timedelta(days=1)
    roles.check_in_source, roles.check_out_source = "stated", "inferred"
