"""Where the words of a change to held bookings are, and the new day they give a changed booking.

``RebookDays`` holds what ``_rebook`` reads a change with (the text, the held bookings, the days
named, what it books anew) and finds a changed booking's new day: the last day its clause names that
is not the one it has, corrected by a later sentence that only says a day, a bare weekday or day of
the month placed nearest the held day, or the held day shifted by an offset ("a day later"). The
hotels and limits of a change are read in ``_rebook``, on top of it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from agents.intent._gazetteer import Place
from agents.intent._held_refs import Ref
from agents.intent._held_types import CHANGE, KEEP, NEW, Reading, Verb
from agents.intent._mention import Mention
from agents.intent._model import HeldBooking, ReadContext, Source, TripIntent

_OLD = re.compile(
    r"\b(?:rather than|instead of|not|from|already|currently|was|is)\s+(?:on\s+)?(?:the\s+)?$", re.I
)
_CORRECTION = re.compile(
    r"\b(?:actually|i mean|i meant|no wait|oh wait|wait|sorry|make (?:that|it)|correction|no,)\b", re.I
)
_OFFSET = re.compile(
    r"\b(?:by\s+)?(?P<n>a|an|one|two|three|\d)\s+(?P<unit>days?|nights?|weeks?)"
    r"(?:\s+(?P<dir>later|earlier|sooner|early|late))?\b",
    re.I,
)
_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}


def _same_day_of_month(day: int, near: dt.date) -> list[dt.date]:
    out = []
    for k in (-1, 0, 1):
        y, m = divmod(near.year * 12 + near.month - 1 + k, 12)
        try:
            out.append(dt.date(y, m + 1, day))
        except ValueError:
            pass
    return out or [near]


class RebookDays:
    """A change read against the held bookings: where its words are, and each changed booking's new day."""

    def __init__(
        self, text: str, ctx: ReadContext, reading: Reading, mentions: list[Mention], places: list[Place]
    ):
        self.text, self.ctx, self.reading = text, ctx, reading
        self.mentions = [m for m in mentions if m.days]
        self.places = places
        self.held = {b.id: b for b in ctx.bookings}
        self.out = TripIntent()
        self.asked: list[tuple[int, int]] = []  # the sentences that ask for something new
        self.moved: dict[str, dt.date] = {}

    # -- where the words say it ------------------------------------------------------------------------
    def _sentence(self, pos: int) -> tuple[int, int]:
        for m in re.finditer(r"[^.!?;\n]+(?:[.!?;\n]+|$)", self.text):
            if m.start() <= pos < m.end():
                return m.start(), m.end()
        return 0, len(self.text)

    def _window(self, ref: Ref, verb: Verb | None, bid: str) -> tuple[int, int]:
        """From the reference (or its verb, when the verb comes after) to the next verb or the next
        reference to other bookings, within the sentence."""
        s0, s1 = self._sentence(ref.start)
        start = max(ref.end, verb.end if verb else ref.end)
        stops = [
            v.start for v in self.reading.verbs if v.start >= start and v.act in (CHANGE, KEEP, NEW, "cancel")
        ]
        stops += [r.start for r in self.reading.refs if r.start >= start and bid not in r.ids]
        return start, min([s1, *stops])

    def _days_in(self, a: int, b: int) -> list[Mention]:
        return [m for m in self.mentions if a <= m.start and m.end <= b + 1]

    # -- the new day of a changed booking -------------------------------------------------------------
    def _new_day(self, b: HeldBooking, ref: Ref, verb: Verb | None) -> tuple[dt.date | None, Source]:
        a, z = self._window(ref, verb, b.id)
        picks = [m for m in self._days_in(a, z) if self._is_new(m, b)]
        # the day said beside another mention of it ("I now need to return on 10 May")
        for r in self.reading.refs:
            if not picks and b.id in r.ids and r is not ref:
                s0, s1 = self._sentence(r.start)
                picks = [m for m in self._days_in(r.end, s1) if self._is_new(m, b)]
        day: dt.date | None = None
        src: Source = "stated"
        group = sorted(
            (
                self.held[i]
                for i in ref.ids
                if self.held[i].kind == "flight" and self.reading.act.get(i) == CHANGE
            ),
            key=lambda f: f.date or dt.date.min,
        )
        named = [m for m in picks if m.kind != "rel_prev" and not m.anchored]
        if len(group) > 1 and len(named) >= len(group):  # days written out outrank ones counted from another
            picks = named
        k = group.index(b) if len(group) > 1 else 0  # its place among the flights the words move together
        spans = [m for m in self._days_in(a, z) if len(m.days) == 2 and not m.window and not m.ambiguous]
        if len(group) > 1 and not picks and len(spans) == 1 and k in (0, len(group) - 1):
            # "move the whole trip to 28 Jan - 1 Feb": the way out takes the range's first day, the way back its last
            picks = [replace(spans[0], days=[spans[0].days[0 if k == 0 else -1]])]
        if len(group) > 1 and len(picks) > 1:  # "move everything: out on the 28th, back on 1 February"
            if len(picks) == len(group):
                picks = [picks[k]]
            elif 0 < k < len(group) - 1:
                picks = []
            elif k == 0:
                picks = picks[:1]
        if picks:
            m = picks[-1]
            day = self._placed(m, b.date)
            src = "inferred" if m.kind == "calendar" else "stated"
        day = self._corrected(z, b) or day
        if day is None:
            shift = self._shift(ref, b.id)
            if shift and b.date:
                day, src = b.date + dt.timedelta(days=shift), "inferred"
        return day, src

    def _is_new(self, m: Mention, b: HeldBooking) -> bool:
        if len(m.days) == 2 and (m.days[0] == b.date or self._from_held(m, b.date) is not None):
            return True  # "from 21 April to 22 April", "from Saturday to Sunday"
        if len(m.days) != 1 or m.days[0] == b.date:
            return False
        if b.date is not None and self._placed(m, b.date) == b.date:
            return False  # the day it has, said as a bare weekday ("can't fly home on Saturday")
        return not _OLD.search(self.text[max(0, m.start - 20) : m.start])

    def _placed(self, m: Mention, near: dt.date | None) -> dt.date:
        """A bare weekday ("to Friday") or day of the month ("to the 25th") is the one nearest the held
        day it moves; other days are as said."""
        said = self.text[m.start : m.end].lower()
        if near is None:
            return m.days[-1]
        if (moved := self._from_held(m, near)) is not None:
            return moved
        if m.kind == "rel_prev" and (prior := self._prior(m)) is not None:
            # "on saturday ... a later flight that day": counted from the bare weekday, placed near the held day
            return self._placed(prior, near) + (m.days[-1] - prior.days[-1])
        if m.kind == "wd_rel" and not re.search(r"\b(?:next|this|coming)\b", said):
            wd = m.days[0].weekday()
            return near + dt.timedelta(days=(wd - near.weekday() + 3) % 7 - 3)
        if m.kind == "day":
            return min(_same_day_of_month(m.days[0].day, near), key=lambda d: abs((d - near).days))
        return m.days[-1]

    def _prior(self, m: Mention) -> Mention | None:
        """The bare weekday a day counted from it ("that day", "the day after") is counted from."""
        before = [p for p in self.mentions if p.end <= m.start and len(p.days) == 1 and p.kind != "rel_prev"]
        if not before or before[-1].kind != "wd_rel":
            return None
        said = self.text[before[-1].start : before[-1].end].lower()
        return None if re.search(r"\b(?:next|this|coming)\b", said) else before[-1]

    @staticmethod
    def _from_held(m: Mention, held: dt.date | None) -> dt.date | None:
        """ "From Saturday to Sunday" said of a booking held on a Saturday: bare weekdays from the held
        day to the new one, however far the clock puts the next such Saturday. The new day, or None."""
        if held is None or len(m.days) != 2 or m.kind != "wd_range" or m.days[0].weekday() != held.weekday():
            return None
        return held + (m.days[1] - m.days[0])

    def _corrected(self, after: int, b: HeldBooking) -> dt.date | None:
        """A later sentence that only corrects the day ("no wait... i mean monday the 13th")."""
        day = None
        pos = after
        while pos < len(self.text):
            s0, s1 = self._sentence(pos)
            if s1 <= pos:
                break
            if s0 >= after:
                body = self.text[s0:s1]
                acts = [v for v in self.reading.verbs if s0 <= v.start < s1]
                if acts or not _CORRECTION.search(body):
                    break
                picks = [m for m in self._days_in(s0, s1) if self._is_new(m, b)]
                if picks:
                    day = self._placed(picks[-1], b.date)
            pos = s1
        return day

    @staticmethod
    def _offset(sentence: str) -> int | None:
        """ "a day later" +1, "forward by one day" / "a day earlier" -1, "push ... back two days" +2."""
        m = _OFFSET.search(sentence)
        if not m:
            return None
        n = _NUM.get(m.group("n").lower()) or int(m.group("n"))
        n *= 7 if m.group("unit").lower().startswith("week") else 1
        word = (m.group("dir") or "").lower()
        if not word:
            near = sentence[max(0, m.start() - 25) : m.start()]
            if re.search(r"\b(?:forward|earlier|sooner)\b", near, re.I):
                word = "earlier"
            elif re.search(r"\b(?:back|later|push\w*)\b", near, re.I):
                word = "later"
            else:
                return None
        return -n if word in ("earlier", "sooner", "early") else n

    def _shift(self, ref: Ref, bid: str) -> int | None:
        """An offset said of the booking's sentence, of another sentence naming it, or of the whole
        request ("I need to come home a day early. Please change the return")."""
        s0, s1 = self._sentence(ref.start)
        spans = [(s0, s1)] + [self._sentence(r.start) for r in self.reading.refs if bid in r.ids]
        for a, z in [*spans, (0, len(self.text))]:
            if (shift := self._offset(self.text[a:z])) is not None:
                return shift
        return None
