"""References to held bookings: the words a traveller uses for a booking they hold, and the bookings
each one picks out.

A reference is a noun ("my return flight", "the Denver hotel", "both Chicago flights", "my June 24
flight"), a city said as a name ("leave Seattle alone", "the Miami thing", "the San Francisco part
of the trip"), the whole ("everything", "the Chicago trip", "all of it"), the rest ("everything
else", "my other bookings") or a pronoun ("swap it", "keep those"). A city or a day beside the noun
narrows it; "return" / "outbound" pick the flight home or the flight out of a trip; a reference that
names no trip is about the trip the words last named. Which verb acts on each reference is read in
``_bookings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from agents.intent._dates import Mention
from agents.intent._gazetteer import Place
from agents.intent._held_trips import routed, trips
from agents.intent._model import HeldBooking, ReadContext

_REST = re.compile(
    r"\b(?:everything else|anything else|all else|nothing else|(?:the )?rest of (?:it|the trip|my (?:trip|bookings)|the bookings)|the rest|"
    r"all (?:the |my )?other (?:bookings|reservations|arrangements)|(?:my|the) other (?:bookings|reservations|arrangements)|"
    r"the others)\b",
    re.I,
)
_ALL = re.compile(
    r"\b(?P<all>everything|it all|all of it|all of them|the whole (?:trip|thing|lot)|both trips|"
    r"all (?:my |the |of my |of the )?(?:associated )?(?:travel )?(?:bookings|reservations|travel)(?: reservations)?|"
    r"(?:the|my|our|this|that)\s+(?:(?!(?:flights?|hotels?|for|of|on|to|in|and|or)\b)[\w.'-]+\s+){0,3}(?:trip|itinerary))\b",
    re.I,
)
_HOTEL = re.compile(
    r"\b(?:hotels?|accommodation|lodging)(?:\s+(?:reservation|booking|room|nights?))?\b|\b(?:hotel\s+)?room\b",
    re.I,
)
_FLIGHT = re.compile(
    r"\b(?:(?:return|outbound|inbound|outward|homebound|first|second|last|final)\s+)?(?:flights?|tickets?|legs?)"
    r"(?:\s+(?:home|back|out|there|in|over|down|up)\b)?|\b(?:return|outbound|inbound)\b|\bthe one (?:home|back|out|there)\b|"
    r"\bway (?:out|back|home|there)\b|\bair\s?(?:travel|fares?)\b|\bairfares?\b"
    # a held flight named by its weekday alone: "the Friday one", "Sunday's one"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?(?:'s)? one\b",
    re.I,
)
_CITY_PART = re.compile(
    r"^\s*(?:trip|part|thing|stuff|bookings?|reservations?|leg|portion|bit|half|side|visit)(?: of (?:the|my) trip)?\b",
    re.I,
)
_CITY_NAME_BEFORE = re.compile(
    r"\b(?:the|my|our|this|that|for|leave|keep|cancel|drop|all|everything for|anything for)\s+$", re.I
)
# "fly me home instead", "get me back", "a later flight home": the held flight that way is the one changed
_IMPLIED = re.compile(
    r"\b(?:fly|get|bring)\s+(?:me|us)\s+(?:straight\s+|back\s+)?(home|back)\b"
    r"|\b(?:an?|another)\s+(?:[\w-]+\s+)?(?:flight|one)\s+"
    r"(home|back|out|there)\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:it(?!')|them|those|these|that one|this one|both of them)\b", re.I)
_INDEFINITE = re.compile(
    r"\b(?:a|an|another|any|no|new|separate|additional|extra|different|some|one more)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
_RET = re.compile(r"\b(?:return\w*|inbound|homebound|back|home|second|last|final)\b", re.I)
_OUT = re.compile(r"\b(?:outbound|outward|out|there|over|down|first|going)\b", re.I)  # "my flight over"
_OTHER = re.compile(r"\bother\s+$", re.I)
_WEEKDAY = re.compile(
    r"(?:(?:on|the|this|that)\s+)?(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?(?:'s)?",
    re.I,
)
_ENDS = re.compile(r"[^.!?;\n]+(?:[.!?;\n]+|$)")
_LIST = re.compile(r"^\s*,?\s*(?:and|or|plus|&)?\s*(?:the|my|our|both)?\s*$", re.I)


@dataclass
class Ref:
    """Words that name held bookings: ``ids`` in booking order; ``kind`` held | all | rest | pronoun."""

    start: int
    end: int
    ids: list[str]
    kind: str = "held"
    plural: bool = False
    qualified: bool = False  # a city or a day picks the bookings out ("the Miami hotel")


def _touches(b: HeldBooking, code: str) -> bool:
    return code in (b.origin, b.destination, b.city)


def sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _ENDS.finditer(text) if m.group().strip()]


class RefFinder:
    """Finds the references of a text to the held bookings."""

    def __init__(self, text: str, ctx: ReadContext, places: list[Place], mentions: list[Mention]):
        self.text, self.ctx, self.places, self.mentions = text, ctx, places, mentions
        self.held = ctx.bookings
        self.home = ctx.home or next((b.origin for b in self.held if b.kind == "flight"), None)
        self.trips = trips(self.held, self.home)
        self.taken: list[tuple[int, int]] = []
        self.used_places: set[int] = set()

    def _free(self, a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in self.taken)

    def _cities(self, start: int, end: int, stop_before: int, stop_after: int) -> list[str]:
        """Cities that qualify the noun at ``start:end``: "the Denver hotel", "my return from New
        York", "the LA to SF flight", "Hotel, Miami:"."""
        out = []
        for i, p in enumerate(self.places):
            if stop_before <= p.start and p.end <= start:
                gap = self.text[p.end : start]
                for q in self.places:
                    if p.end <= q.start and q.end <= start:
                        gap = gap.replace(self.text[q.start : q.end], " ")
                if not re.search(r"[,.;:!?]|\b(?:and|or|but|plus|the|my|our|an?|both|all)\b", gap, re.I):
                    out.append((i, p.code))
            elif end <= p.start <= stop_after:
                gap = self.text[end : p.start]
                if re.fullmatch(
                    r"\s*(?:\w+\s+)?(?:from|to|in|for|at|into|out of|of)\s+(?:the\s+)?|\s*,\s*", gap, re.I
                ) and (gap.strip() != "," or re.match(r"\s*:", self.text[p.end :])):
                    out.append((i, p.code))
        for i, _ in out:
            self.used_places.add(i)
        return list(dict.fromkeys(code for _, code in out))

    def _days(self, start: int, end: int, stop_before: int, stop_after: int) -> list[Mention]:
        """Days that name a held booking: "my June 24 flight", "my flight on the 3rd of September"."""
        out = []
        for m in (self._held_day(m) for m in self.mentions):
            if m is None:
                continue
            if stop_before <= m.start and m.end <= end:  # before the noun, or inside it ("the Friday one")
                if not re.search(
                    r"[,.;:!?]|\b(?:and|or|but|plus|the|my|our|an?|both|all)\b", self.text[m.end : start]
                ):
                    out.append(m)  # not "the hotel from Thursday and the Sunday flight"
            elif end <= m.start <= stop_after and re.fullmatch(
                r"\s*(?:(?:that |which )?(?:i|we)\s+(?:have|had|hold|booked)\s+)?(?:(?:on|of|from|dated)\s+)?",
                self.text[end : m.start],
                re.I,
            ):  # "my flight on the 3rd", "the flight Thursday"
                out.append(m)
        return out

    def _held_day(self, m: Mention) -> Mention | None:
        """``m`` when it names the day of a held booking; a bare weekday ("my Tuesday flight") is the
        held booking's day with that weekday even when the coming one is another; else None."""
        held_days = {b.date for b in self.held} | {b.check_in for b in self.held}
        if len(m.days) != 1:
            return None
        if m.days[0] in held_days:
            return m
        if not _WEEKDAY.fullmatch(self.text[m.start : m.end]):
            return None
        same = {d for d in held_days if d is not None and d.weekday() == m.days[0].weekday()}
        if len(same) != 1:
            return None
        return Mention(m.start, m.end, m.kind, [same.pop()], anchored=m.anchored)

    def _direction(self, pool: list[HeldBooking], words: str) -> list[HeldBooking]:
        flights = [b for b in pool if b.kind == "flight"]
        if _RET.search(words):
            last = [t[-1] for t in self.trips if t[-1].kind == "flight"]
            home = [b for b in flights if b.destination == self.home]
            return [b for b in flights if b in (home or last)]
        if _OUT.search(words):
            first = [t[0] for t in self.trips if t[0].kind == "flight"]
            home = [b for b in flights if b.origin == self.home]
            return [b for b in flights if b in (home or first)]
        return flights

    def _filter(self, pool: list[HeldBooking], cities: list[str], days: list[Mention]) -> list[HeldBooking]:
        if cities:
            both = [b for b in pool if all(_touches(b, c) for c in cities)]
            pool = both or [b for b in pool if any(_touches(b, c) for c in cities)]
        if days:
            on = {m.days[0] for m in days}
            pool = [b for b in pool if (b.date or b.check_in) in on] or pool
        return pool

    def _bounds(self, start: int, end: int) -> tuple[int, int]:
        s0 = max([s for s, e in sentences(self.text) if s <= start] or [0])
        return max(s0, start - 40), end + 40

    def _named(self) -> list[Ref]:
        """A held hotel called by its name ("the Compass Inn", "my booking at ivy suites"), also
        misspelt (rapidfuzz): the words are about that booking."""
        out: list[Ref] = []
        low = self.text.lower()
        for b in self.held:
            name = (b.name or "").lower().strip()
            if b.kind != "hotel" or len(name) < 4:
                continue
            hit = fuzz.partial_ratio_alignment(name, low, score_cutoff=88)
            if hit is None:
                continue
            start, end = hit.dest_start, hit.dest_end
            while start < end and not low[start].isalnum():
                start += 1
            while end > start and not low[end - 1].isalnum():
                end -= 1
            if end - start < 4 or self._cut(low, start, end):
                continue
            if self._free(start, end):
                out.append(Ref(start, end, [b.id], "held", False, True))
                self.taken.append((start, end))
        return out

    @staticmethod
    def _cut(low: str, start: int, end: int) -> bool:
        """The match starts or ends inside a word: not the name itself."""
        return bool((start and low[start - 1].isalnum()) or (end < len(low) and low[end].isalnum()))

    def nouns(self) -> list[Ref]:
        out: list[Ref] = self._named()
        for rx, kind in ((_REST, "rest"), (_ALL, "all"), (_HOTEL, "hotel"), (_FLIGHT, "flight")):
            for m in rx.finditer(self.text):
                if not self._free(m.start(), m.end()):
                    continue
                before = self.text[max(0, m.start() - 30) : m.start()]
                if kind in ("hotel", "flight") and _INDEFINITE.search(before):
                    continue  # "a separate hotel", "another flight": something new
                if (
                    kind == "all"
                    and m.group().lower().endswith("trip")
                    and re.search(r"\b(?:on|of|for|in|from|during)\s+$", before, re.I)
                ):
                    continue  # "both hotels on the West Coast trip": the trip qualifies a noun
                lo, hi = self._bounds(m.start(), m.end())
                cities = self._cities(m.start(), m.end(), lo, hi)
                if kind == "rest":
                    out.append(Ref(m.start(), m.end(), [], "rest"))
                elif kind == "all":
                    out.append(self._all(m, cities))
                else:
                    pool = [b for b in self.held if b.kind == ("hotel" if kind == "hotel" else "flight")]
                    if kind == "flight":
                        pool = self._direction(pool, m.group())
                    days = self._days(m.start(), m.end(), lo, hi)
                    pool = self._filter(pool, cities, days)
                    if kind == "flight":
                        pool = routed(self.text, self.places, pool, m.start())
                    plural = bool(re.search(r"s\b|\bboth\b|\ball\b", m.group() + " " + before[-12:], re.I))
                    out.append(
                        Ref(m.start(), m.end(), [b.id for b in pool], "held", plural, bool(cities or days))
                    )
                self.taken.append((m.start(), m.end()))
        out += self._implied()
        out += self._city_refs()
        out = sorted(out, key=lambda r: r.start)
        self._in_topic(out)
        self._others(out)
        out += self._pronouns(out)
        return sorted(out, key=lambda r: r.start)

    def _others(self, refs: list[Ref]) -> None:
        """ "Move my return... keep the other flight": "other" leaves out the ones named before."""
        for k, r in enumerate(refs):
            if r.kind != "held" or not _OTHER.search(self.text[max(0, r.start - 12) : r.start]):
                continue
            named = {i for q in refs[:k] if q.kind == "held" and q.ids != r.ids for i in q.ids}
            r.ids = [i for i in r.ids if i not in named] or r.ids

    def _trip_of(self, ids: list[str]) -> list[str]:
        return [b.id for t in self.trips if any(b.id in ids for b in t) for b in t]

    def _in_topic(self, refs: list[Ref]) -> None:
        """A reference that names no trip ("the one home", "the outbound", "all of it", "the flights
        for that trip") is about the trip the words last named, when they named one."""
        topic: list[str] | None = None
        for r in refs:
            if r.kind == "rest":
                continue
            if r.qualified and r.ids:
                topic = self._trip_of(r.ids)
            elif topic is not None and len(self.trips) > 1:
                if r.kind == "pronoun_all":
                    r.ids = list(topic)
                else:
                    r.ids = [i for i in r.ids if i in topic] or r.ids

    def _all(self, m: re.Match[str], cities: list[str]) -> Ref:
        words = m.group().lower()
        inside = [p.code for p in self.places if m.start() <= p.start < m.end()]
        cities = cities + inside
        pool = list(self.held)
        if cities:
            touched = [b for b in self.held if any(_touches(b, c) for c in cities)]
            pool = (
                [b for t in self.trips if any(b in touched for b in t) for b in t]
                if "trip" in words
                else touched
            )
        else:
            pool = self._for_event(pool)
        kind = "pronoun_all" if words in ("it all", "all of it", "all of them") and not cities else "all"
        return Ref(
            m.start(), m.end(), [b.id for b in pool], kind, True, bool(cities) or len(pool) < len(self.held)
        )

    def _for_event(self, pool: list[HeldBooking]) -> list[HeldBooking]:
        """Everything booked for an event the text names from the calendar ("everything I booked for
        RoboConf"): the trips whose days meet the event's."""
        named = [
            e
            for e in self.ctx.calendar
            if any(
                len(w) >= 5
                and any(fuzz.ratio(w.lower(), t.lower()) >= 85 for t in re.findall(r"\w+", self.text))
                for w in re.findall(r"\w+", e.title)
                if not any(
                    w.lower() in n.lower() for n in ("workshop", "meeting", "conference", "appointment")
                )
            )
        ]
        if not named:
            return pool
        out = []
        for t in self.trips:
            days = [d for b in t for d in (b.date, b.check_in, b.check_out) if d]
            if days and any(min(days) <= e.end.date() and e.start.date() <= max(days) for e in named):
                out += t
        return [b for b in pool if b in out] or pool

    def _implied(self) -> list[Ref]:
        """ "Fly me home on the 14th instead", "get me back": the held flight home is the one changed."""
        out: list[Ref] = []
        for m in _IMPLIED.finditer(self.text):
            g = m.lastindex or 1
            if not self._free(m.start(g), m.end(g)):
                continue
            pool = self._direction([b for b in self.held if b.kind == "flight"], m.group(g))
            out.append(Ref(m.start(g), m.end(g), [b.id for b in pool], "held"))
            self.taken.append((m.start(g), m.end(g)))
        return out

    def _city_refs(self) -> list[Ref]:
        """A city said as a name of bookings: "leave Seattle alone", "the Miami thing"."""
        out = []
        for i, p in enumerate(self.places):
            if i in self.used_places or not self._free(p.start, p.end):
                continue
            before = self.text[max(0, p.start - 20) : p.start]
            part = _CITY_PART.match(self.text[p.end :])
            if not part and not _CITY_NAME_BEFORE.search(before):
                continue
            ids = [b.id for b in self.held if _touches(b, p.code)]
            if ids:
                end = p.end + (part.end() if part else 0)
                out.append(Ref(p.start, end, ids, "held", True, True))
                self.taken.append((p.start, end))
        return out

    def _pronouns(self, refs: list[Ref]) -> list[Ref]:
        out: list[Ref] = []
        for m in _PRONOUN.finditer(self.text):
            if not self._free(m.start(), m.end()) or re.match(r"\s+(?:is|are)\b", self.text[m.end() :], re.I):
                continue
            earlier = sorted((r for r in refs + out if r.end <= m.start() and r.ids), key=lambda r: r.start)
            if not earlier:
                continue
            word = m.group().lower()
            ids = list(earlier[-1].ids)
            if word != "it":
                nxt = earlier[-1]
                for r in reversed(earlier[:-1]):
                    gap = self.text[r.end : nxt.start]
                    for p in self.places:
                        gap = (
                            gap.replace(self.text[p.start : p.end], " ")
                            if r.end <= p.start < nxt.start
                            else gap
                        )
                    if not _LIST.match(gap):
                        break
                    ids, nxt = r.ids + ids, r
            plural = word not in ("it", "that one", "this one")
            out.append(Ref(m.start(), m.end(), list(dict.fromkeys(ids)), "pronoun", plural))
        return out
