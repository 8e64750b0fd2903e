"""New bookings asked for beside held ones that stay: "leave my Chicago trip alone; add a same-day hop
to Denver on the Thursday", "my flights are booked, don't touch them, I need a hotel for the nights in
between".

The words keep held bookings and ask for something no held booking is (``_bookings`` found nothing it
changes). What they ask for is read by the ordinary reader from the words that do not name the held
bookings (a sentence that only keeps them is not read at all: its days are the held trip's), and then
placed against the held trip:

- a flight on a day the traveller is away on a held trip leaves from where that trip holds them (the
  held flights' destination), unless the words name where it leaves from; the way back goes there;
- a bare weekday ("on the Thursday") is the one within the held trip the words keep, if it has one;
- a way back said to be the same day ("same-day", "a day return", "back that evening") is that day;
- a hotel with no nights of its own, in the city the held flights go to, is for the nights between
  the held flight out landing and the held flight back leaving.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from agents.intent._dates import Mention
from agents.intent._gazetteer import Place
from agents.intent._held_refs import sentences
from agents.intent._held_trips import trips
from agents.intent._held_types import KEEP, Reading
from agents.intent._hotel_words import wants_hotel
from agents.intent._model import HeldBooking, LegIntent, ReadContext, TripIntent
from agents.intent._route import place_pairs

#: the way back is the same day the words give the way out
_SAME_DAY = re.compile(
    r"\bsame[\s-]day\b|\bday[\s-](?:return|trip)\b|\b(?:back|return\w*|home)\b[^.;!?]{0,30}\bsame\s+(?:day|evening|afternoon|night)\b"
    r"|\b(?:back|return\w*)\s+that\s+(?:same\s+)?(?:day|evening|afternoon|night)\b|\bthere[\s-]and[\s-]back\b[^.;!?]{0,30}\bsame\b",
    re.I,
)
#: a weekday said alone, not "next Thursday" / "this Friday": a day of the held trip when it has one
_NEAR = re.compile(r"\b(?:next|this|coming|following)\b", re.I)
_QUALIFIER = re.compile(
    r"(?:\s+(?:sector|leg|flight|ticket|booking))?\s+(?:to|from|on|of|dated|for)\s+(?:the\s+)?", re.I
)
#: a way on that is no flight: "I'm driving on to Portland", "taking the train to Boston"
_GROUND = re.compile(r"\b(?:driv\w*|drove|train|bus|coach|car|ferry|lift|ride)\b", re.I)
_HERE = re.compile(r"\bfrom\s+$", re.I)


def _qualified(text: str, end: int, places: list[Place], mentions: list[Mention]) -> int:
    """Where the words that pick out a held booking end: "the return sector to Boston on 8 May"."""
    spans = {p.start: p.end for p in places} | {m.start: m.end for m in mentions}
    while True:
        gap = _QUALIFIER.match(text, end)
        if gap is None or gap.end() not in spans:
            return end
        end = spans[gap.end()]


def _asking(
    text: str,
    reading: Reading,
    places: list[Place],
    mentions: list[Mention],
    held: set[str],
    gone: frozenset[str] = frozenset(),
) -> str:
    """The words that ask: the held bookings' names and the words that keep (or cancel, ``gone``)
    them are blanked, with a parenthesis around them; so is a sentence left asking for nothing (its
    days are the held trip's: "my trip (Tue 4th to Sat 8th) stays as it is"). The text keeps its length."""
    out = list(text)
    acts = [(v, ids) for v, ids in reading.governing if v.act == KEEP or (gone and set(ids) <= gone)]
    ids_held = {i for _, ids in acts for i in ids}
    refs = [r for r in reading.refs if set(r.ids) & ids_held or r.kind == "rest"]
    for r in refs:
        end = _qualified(text, r.end, places, mentions)
        out[r.start : end] = " " * (end - r.start)
        paren = text.rfind("(", 0, r.start)
        close = text.find(")", r.end)
        if paren >= 0 and close >= 0 and ")" not in text[paren : r.start]:
            out[paren : close + 1] = " " * (close + 1 - paren)  # "(they're in my account, don't touch them)"
    for v, _ in acts:
        out[v.start : v.end] = " " * (v.end - v.start)
    for s0, s1 in sentences(text):
        blanked = {id(v) for v, _ in acts}
        others = [v for v in reading.verbs if s0 <= v.start < s1 and id(v) not in blanked and v.act != KEEP]
        left = list(out[s0:s1])
        for v in reading.verbs:  # "the hotel stays as it is": no stay asked for
            if s0 <= v.start < s1 and v.act == KEEP:
                left[v.start - s0 : v.end - s0] = " " * (v.end - v.start)
        named = any(s0 <= r.start < s1 and r.kind != "pronoun" for r in refs)
        elsewhere = any(s0 <= p.start < s1 and p.code not in held for p in places)  # "a hop to Philadelphia"
        if named and not others and not elsewhere and not wants_hotel("".join(left)):
            out[s0:s1] = " " * (s1 - s0)
    return "".join(out)


def _away(held: list[HeldBooking], home: str | None) -> list[tuple[str, dt.date, dt.date]]:
    """Where each held trip holds the traveller and from which day to which: (city, first, last)."""
    out = []
    for trip in trips(held, home):
        flights = [b for b in trip if b.kind == "flight" and b.date]
        hotels = [b for b in trip if b.kind == "hotel" and b.city and b.check_in and b.check_out]
        if flights and flights[0].destination and flights[0].destination != home:
            last = flights[-1].date if len(flights) > 1 else None
            last = last or (hotels[0].check_out if hotels else None)
            if last is not None and flights[0].date is not None:
                out.append((flights[0].destination, flights[0].date, last))
        elif hotels and hotels[0].city and hotels[0].check_in and hotels[0].check_out:
            out.append((hotels[0].city, hotels[0].check_in, hotels[0].check_out))
    return out


def _in_trip(m: Mention, text: str, away: list[tuple[str, dt.date, dt.date]]) -> dt.date | None:
    """A bare weekday's day within a held trip ("on the Thursday"), or None."""
    if m.kind != "wd_rel" or len(m.days) != 1 or _NEAR.search(text[max(0, m.start - 12) : m.end]):
        return None
    wd = m.days[0].weekday()
    for _, first, last in away:
        days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
        hit = [d for d in days if d.weekday() == wd]
        if len(hit) == 1:
            return hit[0]
    return None


def beside_held(
    text: str,
    ctx: ReadContext,
    reading: Reading,
    mentions: list[Mention],
    places: list[Place],
    reader: Callable[[str, ReadContext], TripIntent],
    gone: frozenset[str] = frozenset(),
) -> TripIntent | None:
    """What the words newly book beside held bookings they keep (no held booking changed), or None;
    beside held bookings they cancel (``gone``), only a flight from one named city to another ("cancel
    my return and issue a one-way from Chicago to Philadelphia")."""
    if not gone and not any(v.act == KEEP for v, _ in reading.governing) and reading.rest != KEEP:
        return None
    cities = {c for b in ctx.bookings for c in (b.origin, b.destination, b.city) if c}
    asking = _asking(text, reading, places, mentions, cities, gone)
    if not asking.strip():
        return None
    said = [p for p in places if asking[p.start : p.end].strip()]
    if (
        gone
        and not place_pairs(said, asking)
        and (all(p.code in cities or p.fuzzy for p in said) or _GROUND.search(asking))
    ):  # a new city said as such, not "settle" read as Seattle
        return None  # in place of a cancelled flight, a route or a city the held trip does not have
    new = reader(asking, ctx.model_copy(update={"bookings": []}))  # the ordinary reader, nothing held
    away = _away(ctx.bookings, ctx.home)
    if new.stays and all(leg.destination is None and leg.date is None for leg in new.legs):
        new.legs = []  # "a hotel for the whole time I'm away": no flight asked for
    if gone and not new.legs:
        return None
    if new.legs:
        _place_legs(new, asking, ctx, mentions, places, away)
        if not _beyond(new.legs, ctx.home, away):
            return None  # "add Seattle to Narnia and back": no city beyond the held trip's own named
    elif new.stays:
        _place_stays(new, ctx, away)
    else:
        return None
    new.travelers, new.rooms = None, new.rooms if new.stays else None
    new.unknown = [u for u in new.unknown if u != "travelers"]
    return new


def _place_legs(
    new: TripIntent,
    asking: str,
    ctx: ReadContext,
    mentions: list[Mention],
    places: list[Place],
    away: list[tuple[str, dt.date, dt.date]],
) -> None:
    said = [
        m
        for m in mentions
        if m.days
        and len(m.days) == 1
        and not m.kind.startswith("rel_prev")
        and asking[m.start : m.end].strip()
    ]  # "the same day" is no day of its own
    days = list(dict.fromkeys(_in_trip(m, asking, away) or m.days[0] for m in said))
    legs = new.legs
    for i, leg in enumerate(legs):  # "on the Thursday": the held trip's Thursday, not the clock's next one
        for m in said:
            if (day := _in_trip(m, asking, away)) is not None and leg.date == m.days[0]:
                leg.date = day
                new.sources[f"legs.{i}.date"] = "stated"
    first = legs[0].date or (days[0] if len(days) == 1 else None)
    where = next((city for city, a, z in away if first and a <= first < z), None)
    named_from = any(
        _HERE.search(asking[max(0, p.start - 6) : p.start]) for p in places if asking[p.start : p.end].strip()
    )
    if where and len(legs) >= 2 and legs[0].origin == ctx.home and legs[0].destination == where:
        # "fly up there and come back to Chicago": read from home through the city the trip holds
        legs = [LegIntent(origin=where, destination=leg.destination, date=leg.date) for leg in legs[1:]]
        legs += [LegIntent(origin=legs[-1].destination, destination=where)] if len(legs) == 1 else []
        _relimit(new, legs, asking, ctx)
    elif where and legs[0].origin in (ctx.home, None) and not named_from:
        was = legs[0].origin
        legs[0].origin = where
        if len(legs) == 2 and legs[1].destination == was:
            legs[1].destination = where
    new.legs = legs
    if len(legs) == 2 and len(days) == 1 and (_SAME_DAY.search(asking) or _sleeps_held(ctx, legs, days[0])):
        for i, leg in enumerate(legs):  # "a same-day return", or back to the hotel the traveller holds
            if leg.date is None or leg.date != days[0]:
                leg.date = days[0]
                new.sources[f"legs.{i}.date"] = "stated" if i == 0 else "inferred"
    new.shape = "change"
    if all(leg.date for leg in legs):
        new.unknown = [u for u in new.unknown if u not in ("dates", "return_date")]


def _beyond(legs: list[LegIntent], home: str | None, away: list[tuple[str, dt.date, dt.date]]) -> bool:
    """Whether the legs ask for more than a city of the held trip on one of its days: a flight to
    where the traveller already is, or between home and a held city while the trip holds them there,
    is no new ask (a place the reader did not know, read away)."""
    for leg in legs:
        if leg.origin == leg.destination:
            return False
    own = [
        leg
        for leg in legs
        for city, first, last in away
        if {leg.origin, leg.destination} <= {home, city} and leg.date and first <= leg.date <= last
    ]
    return len(own) < len(legs)


def _sleeps_held(ctx: ReadContext, legs: list[LegIntent], day: dt.date) -> bool:
    """The way back goes to a city where the traveller holds a hotel for that night."""
    return any(
        b.kind == "hotel" and b.city == legs[1].destination and b.check_in and b.check_out
        and b.check_in <= day < b.check_out
        for b in ctx.bookings
    )  # fmt: skip


def _relimit(new: TripIntent, legs: list[LegIntent], asking: str, ctx: ReadContext) -> None:
    """The limits and wishes read again on legs that were read afresh."""
    from agents.intent._hard_soft import limits_and_wishes
    from agents.intent._shape import Roles

    new.legs, new.wishes = legs, []
    limits_and_wishes(new, asking, Roles(), ctx.calendar)


def _place_stays(new: TripIntent, ctx: ReadContext, away: list[tuple[str, dt.date, dt.date]]) -> None:
    """A hotel with no nights of its own: the nights of the held trip in its city (or the only one)."""
    for j, stay in enumerate(new.stays):
        if stay.check_in or stay.check_out:
            continue
        trip = [t for t in away if stay.city in (None, t[0])]
        held_rooms = {b.city for b in ctx.bookings if b.kind == "hotel"}
        if len(trip) != 1 or trip[0][0] in held_rooms:
            continue
        stay.city, stay.check_in, stay.check_out = trip[0]
        stay.nights = None
        new.sources[f"stays.{j}.check_in"] = "inferred"
        new.sources[f"stays.{j}.check_out"] = "inferred"
    if all(s.check_in and s.check_out for s in new.stays):
        new.unknown = [u for u in new.unknown if u not in ("dates", "nights", "destination")]
    new.shape = "change"
