"""Why the plan chosen is not the cheapest one, in the wishes' own terms, for the proposal.

Kept apart from ``_scripted_tradeoffs`` (which reads trade-offs from the words, below the scorer)
because it reads scored plans, above it.
"""

from __future__ import annotations

from agents.models._scripted_options import Scorer
from agents.models._scripted_plans import Plan

__all__ = ["choice_note"]


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
