"""The intent's soft wishes, as the weights the scorer ranks options by.

The reader (``agents.intent``) puts what a traveller would like (non-stop, a morning flight out, a
4-star hotel with a pool, the cheaper option, a quiet room) in ``TripIntent.wishes``; what they
require is in the legs' and stays' hard limits (``_scripted_limits.Limits``). ``prefs_from_intent``
adds the wishes to the ``Prefs`` the scorer weighs; it reads no words itself.
"""

from __future__ import annotations

import datetime as dt

from agents.intent import TripIntent
from agents.models._scripted_prefs import LAST, Prefs, Window

#: The intent's cabins in the flight tools' words (``search_flights``: economy, premium, business).
TOOL_CABINS = {
    "premium_economy": "premium",
    "business": "business",
    "first": "business",
    "economy": "economy",
}


def _minutes(t: dt.time | None, default: int) -> int:
    return default if t is None else t.hour * 60 + t.minute


def _leg(index: int | None, n_legs: int) -> int | None:
    """The wish's leg as the scorer counts: the last leg of a trip with several is ``LAST``."""
    if index is None:
        return None
    return LAST if n_legs > 1 and index == n_legs - 1 else index


def prefs_from_intent(intent: TripIntent, into: Prefs | None = None) -> Prefs:
    """The scorer's weights for ``intent``'s wishes, added to ``into`` (a wish it already weighs
    keeps its weight)."""
    p = into or Prefs()
    n_legs = len(intent.legs)
    for w in intent.wishes:
        if w.kind == "nonstop":
            p.nonstop = max(p.nonstop, 1.0)
        elif w.kind in ("depart_window", "arrive_window"):
            kind = "depart" if w.kind == "depart_window" else "arrive"
            start, end = _minutes(w.start, 0), _minutes(w.end, 24 * 60 - 1)
            window = Window(kind, start, end, _leg(w.leg, n_legs), 1.0)
            if not any((x.kind, x.start, x.end) == (kind, start, end) for x in p.windows):
                p.windows.append(window)
        elif w.kind == "cabin" and w.value:
            p.cabin = p.cabin or TOOL_CABINS.get(w.value, w.value)
        elif w.kind == "hotel_stars" and w.min:
            p.stars = p.stars or int(w.min)
        elif w.kind == "hotel_rating" and w.min:
            p.rating = p.rating or float(w.min)
        elif w.kind == "amenity" and w.value:
            p.amenities.setdefault(w.value, 1.0)
        elif w.kind == "refundable":
            p.refundable = max(p.refundable, 1.0)
        elif w.kind == "cheaper":
            p.cheap = max(p.cheap, 1.0)
        elif w.kind == "quiet":
            p.quiet = True
            p.reviews.setdefault("quiet", 1.0)
        elif w.kind == "review" and w.value:
            p.reviews.setdefault(w.value.lower(), 1.0)
            p.quiet = p.quiet or w.value.lower() == "quiet"
    return p


def leg_cabins(intent: TripIntent, n_legs: int, usual: str) -> list[str]:
    """Each leg's cabin in the tools' words when the words give the legs different cabins ("business
    on the overnight out, the way back stays economy"): a leg the words give none flies the
    traveller's ``usual`` cabin (the profile's), not another leg's. Empty when one cabin serves all."""
    said = [leg.cabin for leg in intent.legs]
    if n_legs != len(said) or n_legs < 2 or not any(said) or all(c == said[0] for c in said):
        return []
    return [TOOL_CABINS.get(c or usual, c or usual) for c in said]
