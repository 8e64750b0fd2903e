"""Trade-offs in a traveller's words: "X over Y", "I'd rather X than Y", "X matters more than Y".

The wish said first is the one the traveller would keep: it weighs double (as "most of all" does),
and the thing given up keeps its own weight (often it is no wish at all: "a non-stop over a cheaper
flight with a connection"). A cap ("no more than $300") or a count ("more than two stops") is no
trade-off.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agents.models._scripted_times import emphasis

if TYPE_CHECKING:
    from agents.models._scripted_options import Scorer
    from agents.models._scripted_plans import Plan

_MARK = re.compile(
    r"\b(over|rather than|instead of|ahead of|than)\b(?!\s*(?:\$|\d|one\b|two\b|a night|\w+ nights?))", re.I
)
_CUE = re.compile(
    r"\b(rather|prefer\w*|take|pick|choose|go for|prioriti[sz]\w*|value|more|better|happier)\b", re.I
)


def stress(sentence: str, pos: int) -> float:
    """2 when the wish at ``pos`` is the one a trade-off in ``sentence`` keeps, else 1."""
    for m in _MARK.finditer(sentence):
        if m.start() <= pos:
            continue
        before = sentence[: m.start()]
        if m.group(1).lower() == "than" and not re.search(r"\b(more|rather|better|happier)\b", before, re.I):
            return 1.0  # "less than", "other than"
        return 2.0 if _CUE.search(before) or m.group(1).lower() != "over" else 1.0
    return 1.0


def weight_at(sentence: str, pos: int, clause: str) -> float:
    """How much the wish at ``pos`` weighs: doubled by emphasis in its clause or by a trade-off."""
    return max(emphasis(clause), stress(sentence, pos))


def choice_note(plan: Plan, cheapest: Plan | None, scorer: Scorer) -> str:
    """Why ``plan`` and not the cheapest plan, in the wishes' own terms ("" when it is the cheapest):
    what the extra money buys, hotel by hotel and flight by flight, as the traveller weighs it."""
    if cheapest is None or cheapest.key == plan.key or plan.total <= cheapest.total:
        return ""
    gains = []
    for h in plan.hotels:
        other = next((c for c in cheapest.hotels if c.city == h.city), None)
        if other is None or other.id == h.id:
            continue
        said, theirs = scorer.avoid.reviews.get(h.id, {}), scorer.avoid.reviews.get(other.id, {})
        praise = [
            f"{round(100 * said.get(t, 0.0))}% of its reviews speak well of {_TOPIC_WORDS.get(t, t)} "
            f"(vs {round(100 * theirs.get(t, 0.0))}%)"
            for t in scorer.prefs.reviews
            if said.get(t, 0.0) > theirs.get(t, 0.0)
        ]
        if scorer.hotel_score(h) > scorer.hotel_score(other):
            gains.append(f"{h.name} over {other.name}" + (f": {'; '.join(praise)}" if praise else ""))
    for i, f in enumerate(plan.flights):
        other_f = cheapest.flights[i] if i < len(cheapest.flights) else None
        if (
            other_f is not None
            and other_f.id != f.id
            and scorer.flight_score(f, i) > scorer.flight_score(other_f, i)
        ):
            gains.append(
                f"{f.airline_name or f.airline} {f.number} over {other_f.airline_name or other_f.airline} {other_f.number}"
            )
    if not gains:
        return ""
    extra = plan.total - cheapest.total
    return f"Not the cheapest plan (${cheapest.total:,.2f}): ${extra:,.2f} more buys what you asked for: {', '.join(gains)}."


_TOPIC_WORDS = {
    "clean": "cleanliness",
    "staff": "the staff",
    "location": "the location",
    "breakfast": "the breakfast",
}
