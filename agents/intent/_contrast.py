"""A change said by contrast: the words keep the rest, so what they talk about is what changes.

"My return flight leaves too early; I need one after 6 pm. Keep everything else." names the flight
home without a verb that changes it, and asks for something else in its place; "keep everything
else", "the rest stays as is", or keeping the other bookings by name, only makes sense when something
is not kept. So when the words keep held bookings (by name or as "the rest") and change or cancel
none, the held bookings they name without a verb (or ask for anew: "find me a later flight back")
and do not keep are the ones to change; where one names a part of another ("my flights... the way
back"), the narrower one. When they name none but ask for a new one of a kind ("put me on an earlier
flight"), the held ones of that kind they do not keep.
"""

from __future__ import annotations

import re

from agents.intent._held_refs import Ref
from agents.intent._held_types import CANCEL, CHANGE, KEEP, Reading
from agents.intent._model import HeldBooking

#: a new one of a kind asked for without naming a held one: "put me on an earlier flight", "fly out
#: in the afternoon instead", "find me another hotel"
_ASKS = {
    "flight": re.compile(r"\b(?:an?|another|one)\s+(?:[\w-]+\s+){0,3}?flights?\b|\bfly(?:ing)?\b", re.I),
    "hotel": re.compile(r"\b(?:an?|another)\s+(?:[\w-]+\s+){0,3}?(?:hotel|room|place to stay)\b", re.I),
}


def _by_kind(reading: Reading, acted: dict[str, str], held: list[HeldBooking], kept: set[str]) -> None:
    """Keep the hotel and the flight back; put me on an earlier flight": the one held flight the words
    do not keep. With only "the rest" kept, just when one booking of the kind is held."""
    for kind, rx in _ASKS.items():
        m = rx.search(reading.text)
        if m is None:
            continue
        free = [b.id for b in held if b.kind == kind and b.id not in kept]
        if not free or (not kept and len(free) > 1) or len(free) == len(held):
            continue
        for bid in free:
            acted[bid] = reading.act[bid] = CHANGE
            reading.by[bid] = (Ref(m.start(), m.end(), list(free), "held"), None)


def replaced_by_contrast(reading: Reading, acted: dict[str, str], bookings: list[HeldBooking]) -> None:
    """Mark as changed (in ``reading`` and ``acted``) the held bookings the words talk about while
    keeping the rest; nothing when the words already change or cancel something."""
    if any(a in (CANCEL, CHANGE) for a in acted.values()):
        return
    kept = {bid for bid, a in acted.items() if a == KEEP}
    if reading.rest != KEEP and not kept:
        return
    # kept by name, not only as part of "the whole trip": a booking named on its own outranks it
    kept = {bid for bid in kept if bid not in reading.by or reading.by[bid][0].kind != "all"}
    held = [b.id for b in bookings]
    talked = []
    for ref in sorted(reading.orphans + reading.asked, key=lambda r: r.start):
        ids = {bid for bid in ref.ids if bid not in kept and bid in held}
        if ref.kind == "held" and ids and len(ids) < len(held):
            talked.append((ref, ids))
    for ref, ids in talked:
        if any(other < ids for _, other in talked):
            continue  # "I have flights for Chicago... for the way back, after 6pm": the narrower one
        for bid in sorted(ids):
            acted[bid] = reading.act[bid] = CHANGE
            reading.by[bid] = (ref, None)
    if not talked:
        _by_kind(reading, acted, bookings, kept)
