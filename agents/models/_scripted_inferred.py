"""A time limit read less surely is no ground for a refusal: plan without it first, and say so.

The reader records a time limit that only one of its two time readers supports (the library,
Recognizers-Text, or our own grammar: "land by 2", "no later than half past two") as ``inferred`` in
``TripIntent.sources`` (``agents.intent._time_sources``). The planning principle: never invent a limit
the words do not give, and relax only what was merely inferred before refusing. So the plan keeps
every limit when anything fits them; when nothing does, it is ranked again without the inferred time
limits, and if that finds a plan, that is the plan, and the proposal states the assumption for the
human at the checkpoint. When nothing fits without them either, the refusal rests on the limits the
words do set, and the inferred ones stay (they are part of what was asked).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Protocol

from agents.intent import TripIntent
from agents.models._scripted_limits import Limits
from agents.models._scripted_options import Scorer
from agents.models._scripted_plans import Ranking


class Context(Protocol):
    """What this module needs of ``_scripted_context.Context``: the intent, and the limits and scorer
    the trip is ranked with (cached on the context, so that what the plan was ranked with holds)."""

    @property
    def intent(self) -> TripIntent: ...

    @property
    def limits(self) -> Limits: ...

    @property
    def scorer(self) -> Scorer: ...


TIME_KINDS = ("depart_after", "depart_before", "arrive_after", "arrive_before")
_WORDS = {
    "depart_after": "leave after",
    "depart_before": "leave by",
    "arrive_after": "land after",
    "arrive_before": "land by",
}


def inferred_times(ctx: Context) -> list[tuple[int, str]]:
    """(leg, kind) of every time limit on the trip's legs that the reader only inferred."""
    legs = ctx.limits.legs
    return [
        (i, k)
        for i, leg in enumerate(legs)
        for k in TIME_KINDS
        if getattr(leg, k) is not None and ctx.intent.sources.get(f"legs.{i}.{k}") == "inferred"
    ]


def without_inferred_times(ctx: Context, ranked: Callable[[Scorer], Ranking]) -> Ranking:
    """The ranking under every limit; when it finds no plan, the ranking without the inferred time
    limits if that finds one (the context's limits and scorer become those it was ranked with)."""
    r = ranked(ctx.scorer)
    if r.plans or r.missing or not (keys := inferred_times(ctx)):
        return r
    legs = [
        leg.model_copy(update={k: None for j, k in keys if j == i}) for i, leg in enumerate(ctx.limits.legs)
    ]
    limits = Limits(legs, ctx.limits.stays)
    scorer = dataclasses.replace(ctx.scorer, limits=limits)
    relaxed = ranked(scorer)
    if not relaxed.plans:
        return r  # nothing fits without them either: the refusal rests on the limits the words set
    for i, k in keys:
        when = getattr(ctx.limits.legs[i], k)
        ctx.intent.assumptions.append(
            f"nothing fits if flight {i + 1} must {_WORDS[k]} {when:%H:%M}, a limit I read less surely"
            " than the rest: planned without it"
        )
    ctx.__dict__["limits"], ctx.__dict__["scorer"] = limits, scorer  # what the plan was ranked with
    return relaxed
