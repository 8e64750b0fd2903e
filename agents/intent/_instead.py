"""A held flight cancelled and a new one asked for in its stead: "Cancel the Tuesday flight ... I need
to go Monday instead", "cancel it and put me on a Wednesday evening flight instead", "cancel my flight
to Denver and the Denver-to-Vegas flight, and instead get me from Boston straight to Vegas".

The words cancel a held flight and, in a sentence that acts on no held booking, ask for a flight by
a verb alone or say "instead" beside a day or a place. That flight replaces the cancelled one: the
cancelled flight is read as changed, with that sentence as its change, so ``_rebook`` books it anew
with the day, the cities and the limits the sentence gives (and the cancelled flight's route where it
gives none). When the words cancel a run of connected flights (out to Denver, then on to Vegas), the
replacement starts where the run starts.
"""

from __future__ import annotations

import re

from agents.intent._dates import Mention
from agents.intent._gazetteer import Place
from agents.intent._held_refs import Ref, sentences
from agents.intent._held_types import CANCEL, CHANGE, NEW, Reading, Verb
from agents.intent._model import HeldBooking

_INSTEAD = re.compile(r"\b(?:instead|in (?:its|their) place|in place of)\b", re.I)
_FLIGHT_WORD = re.compile(r"\b(?:flights?|one|to)\b", re.I)


def replaced(
    reading: Reading, held: list[HeldBooking], text: str, mentions: list[Mention], places: list[Place]
) -> None:
    """Read a cancelled held flight as changed when a sentence asks for a flight in its stead."""
    gone = sorted(
        (b for b in held if b.kind == "flight" and reading.act.get(b.id) == CANCEL),
        key=lambda b: (b.date is None, b.date),
    )
    if not gone or any(b.kind == "flight" and reading.act.get(b.id) == CHANGE for b in held):
        return
    governing = {id(v) for v, _ in reading.governing}
    gone_ids = {b.id for b in gone}
    for s0, s1 in sentences(text):
        body = text[s0:s1]
        loose = [
            v
            for v in reading.verbs
            if s0 <= v.start < s1 and v.act in (CHANGE, NEW) and id(v) not in governing
        ]
        asked = [v for v in loose if _FLIGHT_WORD.search(text[v.end : s1])]
        named = any(s0 <= m.start < s1 for m in mentions) or any(s0 <= p.start < s1 for p in places)
        if not asked and not (_INSTEAD.search(body) and named):
            continue
        if any(
            v.act == CHANGE and s0 <= v.start < s1 and not set(ids) <= gone_ids
            for v, ids in reading.governing
        ):
            continue  # the sentence changes a held booking of its own (not "change my flight: cancel it and ...")
        if asked:
            at, end = asked[0].start, asked[0].end
        else:  # "..., and instead get me ...": from the verb (or the clause) that says "instead"
            said = _INSTEAD.search(body)
            pos = s0 + (said.start() if said else 0)
            before = [v for v in reading.verbs if s0 <= v.start < pos and v.act in (CHANGE, NEW)]
            clause = max([s0, *(s0 + m.end() for m in re.finditer(r"[,;:]", text[s0:pos]))])
            at = before[-1].start if before else clause
            end = before[-1].end if before else clause
        b = gone[0]
        verb = Verb(at, end, CHANGE)
        reading.act[b.id] = CHANGE
        reading.by[b.id] = (Ref(at, at, [b.id], "held"), verb)
        return
