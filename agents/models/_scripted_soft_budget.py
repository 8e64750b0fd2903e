"""A budget said as a wish or approximately is no hard limit: relax it before refusing.

The planning principle: a refusal must rest on a limit the words set. "Ideally under $1,200" sets a
wish, and "around 2k" a figure a plan a little over is still within; neither is a cap the traveller
would rather not travel than break. So the plan keeps under the figure when anything does; when
nothing does, it is planned again under what the words do make hard (the account's budget for a wish,
a tenth over the figure for an approximate amount, never over the account's budget), and the proposal
says so in its assumptions, for the human at the checkpoint. A firm cap ("no more than $1,200",
"budget $1,200") still refuses.
"""

from __future__ import annotations

from collections.abc import Callable

from agents.intent import TripIntent
from agents.models._scripted_plans import Ranking, Trip

#: how far over an approximate figure ("around $1,400") a plan may go and still be within the words
APPROX_MARGIN = 0.10


def hard_cap(intent: TripIntent, cap: Callable[[float | None], float | None]) -> float | None:
    """The most the trip may cost when the stated figure is soft (``cap`` bounds a figure by the
    account's budget): None when the figure is firm or unsaid."""
    if intent.budget is None or intent.budget_soft is None:
        return None
    said = None if intent.budget_soft == "wish" else round(intent.budget * (1 + APPROX_MARGIN), 2)
    return cap(said)


def soft_budget(
    trip: Trip, intent: TripIntent, cap: Callable[[float | None], float | None], ranked: Callable[[], Ranking]
) -> Ranking:
    """The ranking under the trip's cap; when nothing fits only because a soft figure is the cap,
    the ranking under the hard cap the words allow, with the assumption said."""
    r = ranked()
    if r.plans or r.cheapest is None or trip.cap is None or intent.budget is None:
        return r
    if trip.cap > intent.budget + 0.005:
        return r  # the account's budget (or a rejection's) is the cap, not the soft figure
    hard = hard_cap(intent, cap)
    if hard is None or hard <= trip.cap + 0.005:
        return r
    soft_cap, trip.cap = trip.cap, hard
    relaxed = ranked()
    if not relaxed.plans:
        trip.cap = soft_cap  # nothing fits the hard cap either: the refusal rests on the figure said
        return r
    how = "a wish" if intent.budget_soft == "wish" else "approximate"
    intent.assumptions.append(
        f"nothing fits under ${intent.budget:,.0f}, which you gave as {how}: planned within ${hard:,.0f}"
    )
    return relaxed
