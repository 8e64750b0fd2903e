"""What a change to held bookings newly books: a changed flight or hotel again with what the words
change (a day, a time, a cabin, an airline, an amenity), and hotel nights the words add.

A changed booking's new day is the last day its clause names that is not the one it has ("from 21
April to 22 April", "on 10 May rather than 8 May", "to Thursday, actually no, Friday"), corrected
by a later sentence that only says a day ("... i mean monday the 13th"); a bare weekday is the one
nearest the held day ("move my return to Friday"); "a day later" / "forward by one day" shifts it;
"same day(s)", or a change that is not about the day, keeps it (inferred); that day is read in
``_rebook_days``, which the reader here builds on. Added nights are the days their clause names ("a
hotel night for the 13th, checking out the 14th", "the nights of 12 and 13 June"), or else the gap a
moved flight opens beside a held hotel ("the two extra nights"). Limits and wishes come from the
sentences that ask for something new, not from those that keep.
"""

from __future__ import annotations

import datetime as dt
import re

from agents.intent import _words as w
from agents.intent._dates import Mention
from agents.intent._gazetteer import Place
from agents.intent._held_refs import Ref, sentences
from agents.intent._held_types import CHANGE, KEEP, NEW, Reading, Verb
from agents.intent._model import HeldBooking, LegIntent, ReadContext, StayIntent, TripIntent
from agents.intent._money import part_caps
from agents.intent._rebook_days import RebookDays

_SAME = re.compile(r"\bsame (?:day|date|dates|days|nights?|times?)\b", re.I)
_OPEN_DAY = re.compile(
    r"\b(?:not sure|don't know|do not know|no idea|undecided|tbd)\b[^.;!?]{0,25}\b(?:day|date|when)\b"
    r"|\b(?:another|a different|some other|a later|an earlier) (?:day|date)\b",
    re.I,
)
_MOVE = re.compile(r"^(?:move|moving|push|pushing|bring|reschedul|shift)", re.I)
_FACT = re.compile(
    r"[^,.;!?]*(?<!make sure )(?<!ensure )\b(?:is|are|was|were|it's|its|(?:should|will|would) (?:still )?be)\s+(?:\w+\s+)?"
    r"(?:(?:non-?\s?)?refundable|free to cancel|cancell?able)\b[^,.;!?]*",
    re.I,
)
_NEED = re.compile(
    r"\b(?:must|needs?|has to|have to|should|only|non-?stop|direct|at least|at most|no more than|can't|cannot|"
    r"won't|require\w*)\b",
    re.I,
)
_LIMIT_WORDS = re.compile(
    r"\b(?:after|before|by|no later than|no earlier than)\s+(?:\d|noon|midday|midnight)|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\bnon-?stop\b|"
    r"\b(?:business|first) class\b|\bunder \$|\bmust\b|\bhas to\b|\$\s?\d[\d,]*\s*(?:a|an|per|/)\s*night\b",
    re.I,
)
#: a time of day the changed flight should have, with no day: "to one leaving after 6pm", "a later one"
_AT_TIME = re.compile(
    r"\b(?:after|before|by|around|from|no later than|no earlier than)\s+(?:\d|noon|midday|midnight)|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|"
    r"\b(?:morning|afternoon|evening|night|red-?eye|later|earlier) (?:one|flight)\b",
    re.I,
)
_CHECKOUT = re.compile(r"\b(?:check(?:ing)?[\s-]?out|until|till|through|to)\s+(?:on\s+)?(?:the\s+)?$", re.I)
_STAY_WORD = re.compile(r"\b(?:hotels?|rooms?|accommodation|nights?|somewhere to stay)\b", re.I)


class _Rebook(RebookDays):
    # -- a changed flight ------------------------------------------------------------------------------
    def flight(self, b: HeldBooking, ref: Ref, verb: Verb | None) -> None:
        leg = LegIntent(origin=b.origin, destination=b.destination)
        a, z = self._window(ref, verb, b.id)
        for p in self.places:
            if a <= p.start < z:
                prep = self.text[max(0, p.start - 8) : p.start].lower()
                if re.search(r"\bfrom\s+$", prep) and p.code != b.origin:
                    leg.origin = p.code
                elif re.search(r"\b(?:to|into)\s+$", prep) and p.code not in (b.origin, b.destination):
                    leg.destination = p.code
        day, src = self._new_day(b, ref, verb)
        i = len(self.out.legs)
        if (
            day is None
            and verb is not None
            and (_MOVE.match(self.text[verb.start : verb.end]) or _OPEN_DAY.search(self.text))
            and not _SAME.search(self.text)
            and not _AT_TIME.search(self.text[a:z])  # "move it to one leaving after 6pm": the day stays
        ):
            self.out.unknown.append("dates")
        elif day is None:
            day, src = b.date, "inferred"
            if any(m.days == [b.date] for m in self._days_in(*self._sentence(ref.start))):
                src = "stated"  # "the flight out on the 16th though: one after 1pm" names its day
        leg.date = day
        if day is not None:
            self.out.sources[f"legs.{i}.date"] = src
            self.moved[b.id] = day
        self.out.legs.append(leg)
        self.asked.append(self._sentence(ref.start))
        if verb is not None:
            self.asked.append(self._sentence(verb.start))

    # -- hotels ----------------------------------------------------------------------------------------
    def hotel(self, b: HeldBooking, ref: Ref, verb: Verb | None) -> None:
        a, z = self._window(ref, verb, b.id)
        days = [m for m in self._days_in(a, z) if m.days]
        j = len(self.out.stays)
        stay = StayIntent(city=b.city, check_in=b.check_in, check_out=b.check_out)
        if len(days) == 1 and len(days[0].days) == 1:  # one end moves ("check in on the 18th instead")
            day = self._placed(days[0], b.check_in)
            out = _CHECKOUT.search(self.text[max(0, days[0].start - 25) : days[0].start])
            stay.check_out, stay.check_in = (day, b.check_in) if out else (b.check_out, day)
            self.out.sources[f"stays.{j}.check_in"] = "inferred" if out else "stated"
            self.out.sources[f"stays.{j}.check_out"] = "stated" if out else "inferred"
        elif days:
            self._nights(stay, j, days, a, z, b.check_in)
        else:  # the nights follow the flights they were booked with, or move by what the words say
            for bid, day in self.moved.items():
                f = self.held[bid]
                if f.destination == b.city and f.date == b.check_in:
                    stay.check_in = day
                elif f.origin == b.city and f.date == b.check_out:
                    stay.check_out = day
            shift = self._shift(ref, b.id) if not self.moved else None
            if shift and stay.check_in and stay.check_out:
                stay.check_in += dt.timedelta(days=shift)
                stay.check_out += dt.timedelta(days=shift)
            self.out.sources.update({f"stays.{j}.check_in": "inferred", f"stays.{j}.check_out": "inferred"})
        self.out.stays.append(stay)
        self.asked.append(self._sentence(ref.start))
        if verb is not None:
            self.asked.append(self._sentence(verb.start))

    def _nights(
        self, stay: StayIntent, j: int, days: list[Mention], a: int, z: int, near: dt.date | None
    ) -> None:
        """Nights from the days a clause names (a bare day near the trip's): in on the first; out on a
        day said as a check-out, the end of a range, or the morning after the last night named."""
        first = days[0]
        stay.check_in, stay.check_out = (
            self._placed(first, near) if len(first.days) == 1 else first.days[0],
            None,
        )
        self.out.sources[f"stays.{j}.check_in"] = "stated"
        said = self.text[first.start : first.end]
        outs = [m for m in days[1:] if _CHECKOUT.search(self.text[max(0, m.start - 25) : m.start])]
        if outs:
            stay.check_out = self._placed(outs[-1], near)
            self.out.sources[f"stays.{j}.check_out"] = "stated"
            return
        if len(first.days) == 2 and not re.search(r"\band\b", said, re.I):
            stay.check_out = first.days[1]
            self.out.sources[f"stays.{j}.check_out"] = "stated"
            return
        as_nights = re.search(
            r"\bnights?\b[^.;!?]{0,22}$", self.text[max(a, first.start - 30) : first.start], re.I
        )
        if len(days) > 1 and not as_nights:
            stay.check_out = self._placed(days[-1], near)  # two days, not nights: in on one, out on the other
            self.out.sources[f"stays.{j}.check_out"] = "stated"
            return
        count = re.search(r"\b(\d)\s+(?:\w+\s+)?nights?\b", w.digits(self.text[a:z]))
        last = max(self._placed(m, near) if len(m.days) == 1 else m.days[-1] for m in days)
        stay.check_out = (
            stay.check_in + dt.timedelta(days=int(count.group(1))) if count and len(days) == 1 and len(first.days) == 1
            else last + dt.timedelta(days=1)
        )  # fmt: skip
        self.out.sources[f"stays.{j}.check_out"] = "inferred"

    def added(self, verb: Verb) -> None:
        """Hotel nights the words add ("book a separate hotel for the two additional nights")."""
        s0, s1 = self._sentence(verb.start)
        stops = [
            v.start
            for v in self.reading.verbs
            if v.start > verb.start and v.act in (CHANGE, KEEP, NEW, "cancel")
        ]
        z = min([s1, *stops])
        clause = self.text[verb.end : z]
        if not _STAY_WORD.search(clause) or re.search(r"\bflights?\b", clause, re.I):
            return
        city = next(
            (
                p.code
                for p in self.places
                if verb.end <= p.start < z
                and re.search(r"\b(?:in|at)\s+$", self.text[max(0, p.start - 5) : p.start], re.I)
            ),
            None,
        )
        j = len(self.out.stays)
        days = self._days_in(verb.end, z)
        stay: StayIntent | None
        if days:
            stay = StayIntent(city=city or self._gap_city())
            near = next(iter(self.moved.values()), None) or next(
                (b.check_out for b in self.held.values() if b.kind == "hotel" and b.city == stay.city), None
            )
            self._nights(stay, j, days, verb.end, z, near)
        else:
            stay = self._gap(city) or self._in_place_of(city)
            if stay is None:
                return
            self.out.sources.update({f"stays.{j}.check_in": "inferred", f"stays.{j}.check_out": "inferred"})
        self.out.stays.append(stay)
        self.asked.append((s0, s1))

    def _gap(self, city: str | None) -> StayIntent | None:
        """The nights a moved flight opens beside a held hotel: arriving before its check-in, or
        leaving after its check-out."""
        for bid, day in self.moved.items():
            f = self.held[bid]
            for h in self.held.values():
                if h.kind != "hotel" or not h.check_in or not h.check_out:
                    continue
                if f.destination == h.city and (city in (None, h.city)) and day < h.check_in:
                    return StayIntent(city=h.city, check_in=day, check_out=h.check_in)
                if f.origin == h.city and (city in (None, h.city)) and day > h.check_out:
                    return StayIntent(city=h.city, check_in=h.check_out, check_out=day)
        return None

    def _in_place_of(self, city: str | None) -> StayIntent | None:
        """A hotel asked for with no nights of its own beside one held hotel the words cancel ("cancel
        the Compass Inn and book me into River North for the same nights") replaces it: its city and
        nights."""
        gone = [
            h
            for h in self.held.values()
            if h.kind == "hotel" and self.reading.act.get(h.id) == "cancel" and h.check_in and h.check_out
        ]
        gone = [h for h in gone if city in (None, h.city)]
        if len(gone) != 1:
            return None
        return StayIntent(city=gone[0].city, check_in=gone[0].check_in, check_out=gone[0].check_out)

    def _gap_city(self) -> str | None:
        stay = self._gap(None)
        if stay is not None:
            return stay.city
        return next((b.city for b in self.held.values() if b.kind == "hotel"), None) or next(
            (b.destination for b in self.held.values() if b.kind == "flight"), None
        )

    # -- limits ----------------------------------------------------------------------------------------
    def limits(self) -> None:
        from agents.intent._hard_soft import limits_and_wishes
        from agents.intent._shape import Roles

        said = " ".join(self.text[a:b] for a, b in sorted(set(self.asked)))
        said = _FACT.sub(" ", said)  # "the Thursday ticket is refundable": what a held booking is, not a need
        if not said or not (self.out.legs or self.out.stays):
            return
        limits_and_wishes(self.out, said, Roles(), self.ctx.calendar)
        money = w.money(said)
        if money.nightly is not None and not money.nightly_soft:
            for s in self.out.stays:
                s.max_nightly = money.nightly
        self.out.budget = money.budget
        part_caps(self.out, money)
        for a, b in sorted(set(self.asked)):  # "then I need a hotel for the Monday night, under $350"
            part = self.text[a:b]
            if (
                len(self.out.stays) == 1
                and _STAY_WORD.search(part)
                and not re.search(r"\bflights?\b", part, re.I)
            ):
                cap = w.money(part).budget
                if cap is not None and cap == self.out.budget:
                    self.out.stays[0].max_total, self.out.budget = cap, None  # the stay's cap, not the trip's


def rebook(
    text: str, ctx: ReadContext, reading: Reading, mentions: list[Mention], places: list[Place]
) -> TripIntent:
    """The legs and stays a change books anew (with their sources, limits and what is still open)."""
    r = _Rebook(text, ctx, reading, mentions, places)
    for b in sorted(ctx.bookings, key=lambda b: b.kind != "flight"):  # flights first: hotels follow them
        if reading.act.get(b.id) == CHANGE and b.id in reading.by:
            ref, verb = reading.by[b.id]
            (r.flight if b.kind == "flight" else r.hotel)(b, ref, verb)
    for v in reading.verbs:
        if v.act == NEW:
            r.added(v)
    changed = {i for i, act in reading.act.items() if act == CHANGE}
    # a sentence that only says what the new one needs ("the return must be non-stop")
    for o in reading.orphans:
        s0, s1 = r._sentence(o.start)
        if changed & set(o.ids) and _NEED.search(text[s0:s1]):
            r.asked.append((s0, s1))
    # a sentence that names no booking and does nothing to one, but says a limit ("Only after 6pm works.")
    for s0, s1 in sentences(text):
        starts = [x.start for x in reading.refs] + [v.start for v in reading.verbs]
        quiet = not any(s0 <= x < s1 for x in starts)
        if changed and quiet and _LIMIT_WORDS.search(text[s0:s1]):
            r.asked.append((s0, s1))
    # a sentence that asks for the new one by a verb alone ("...; put me on one after 6 pm that day")
    for v in reading.verbs:
        s0, s1 = r._sentence(v.start)
        if changed and v.act in (CHANGE, NEW) and not any(s0 <= x.start < s1 for x in reading.refs):
            if _LIMIT_WORDS.search(text[s0:s1]):
                r.asked.append((s0, s1))
    r.limits()
    r.out.unknown = list(dict.fromkeys(r.out.unknown))
    return r.out
