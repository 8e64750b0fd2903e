"""A change said by contrast: the words keep the rest, so what they talk about is what changes.

"My return flight leaves too early; I need one after 6 pm. Keep everything else." names the flight
home without a verb that changes it, and asks for something else in its place; "keep everything
else", "the rest stays as is", or keeping the other bookings by name, only makes sense when something
is not kept. So when the words keep held bookings (by name or as "the rest") and change or cancel
none, the held bookings they name without a verb (or ask for anew: "find me a later flight back")
and do not keep are the ones to change.
"""

from __future__ import annotations

from agents.intent._held_types import CANCEL, CHANGE, KEEP, Reading


def replaced_by_contrast(reading: Reading, acted: dict[str, str], held: list[str]) -> None:
    """Mark as changed (in ``reading`` and ``acted``) the held bookings the words talk about while
    keeping the rest; nothing when the words already change or cancel something."""
    if any(a in (CANCEL, CHANGE) for a in acted.values()):
        return
    kept = {bid for bid, a in acted.items() if a == KEEP}
    if reading.rest != KEEP and not kept:
        return
    for ref in sorted(reading.orphans + reading.asked, key=lambda r: r.start):
        if ref.kind != "held":
            continue
        ids = [bid for bid in ref.ids if bid not in kept and bid in held]
        if not ids or len(ids) == len(held):
            continue
        for bid in ids:
            acted[bid] = reading.act[bid] = CHANGE
            reading.by[bid] = (ref, None)
