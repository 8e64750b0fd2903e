"""What the adversaries share: the default agent with one decision swapped, and a price-only reader.

Most adversaries are the default agent (the ``planner`` graph driven by the ``scripted`` model) with
the model's ``Strategy`` replaced by a subclass that cheats on exactly one axis
(``ScriptedChatModel.strategy``, ``Strategy.context``): they read the request, the tool schemas and
the tool results exactly as the scripted model does, and nothing else — never the scenario's hidden
sections, never ``ctx.privileged``. ``on_planner(model_class)`` turns such a model into an agent
factory; the factory brings its own model (``needs_model = False``), so ``--model`` does not change
what a yardstick does.

``CheapestContext`` reads the request as the scripted model does but ranks plans by price alone: every
wish is worth nothing, money is everything. What the model treats as a hard requirement (dates, route,
travellers, cabin, budget, calendar, "only non-stop", "must be refundable", airlines refused, a quiet
hotel, ...) still rules options out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cached_property
from typing import Any, cast

from agents import planner
from agents.models._scripted_context import Context
from agents.models._scripted_options import FlightOpt, HotelOpt, Scorer
from agents.models._scripted_plans import Trip
from agents.models._scripted_strategy import Strategy
from agents.models.scripted import ScriptedChatModel
from sandbox.spi import AgentContext  # the one name taken from the sandbox (the agent contract)

__all__ = [
    "AgentContext",
    "CheapestContext",
    "CheapestStrategy",
    "Factory",
    "PriceOnlyScorer",
    "on_planner",
    "rebuild_scorer",
    "rebuild_trip",
    "scripted_scorer",
    "scripted_trip",
]

Factory = Callable[[AgentContext], Any]


def on_planner(model: type[ScriptedChatModel]) -> Factory:
    """An agent factory: the ``planner`` graph driven by a fresh ``model()`` (non-privileged)."""

    def build(ctx: AgentContext) -> Any:
        return planner.build(dataclasses.replace(ctx, model=model(), privileged={}))

    build.needs_model = False  # type: ignore[attr-defined]
    build.__doc__ = model.__doc__
    return build


def scripted_trip(ctx: Context) -> Trip:
    """The trip as the scripted model's own ``Context`` reads it, for a subclass to refine."""
    return cast(Trip, Context.__dict__["trip"].func(ctx))


def scripted_scorer(ctx: Context) -> Scorer:
    """The scorer the scripted model's own ``Context`` builds, for a subclass to refine."""
    return cast(Scorer, Context.__dict__["scorer"].func(ctx))


def rebuild_scorer(base: Scorer, cls: type[Scorer], **changes: Any) -> Scorer:
    """``base`` as an instance of the ``Scorer`` subclass ``cls``, with some fields changed."""
    values = {f.name: getattr(base, f.name) for f in dataclasses.fields(base)}
    return cls(**{**values, **changes})


def rebuild_trip(base: Trip, **changes: Any) -> Trip:
    return dataclasses.replace(base, **changes)


class PriceOnlyScorer(Scorer):
    """Every wish is worth nothing; the cheaper plan is always the better one (hard rules still hold)."""

    def flight_score(self, f: FlightOpt, leg: int) -> float:
        return 0.0

    def hotel_score(self, h: HotelOpt) -> float:
        return 0.0

    def money(self, total: float, ref: float) -> float:
        return -total / ref if ref > 0 else -total


class CheapestContext(Context):
    """The scripted model's reading of the conversation, ranking plans by price alone."""

    @cached_property
    def scorer(self) -> Scorer:
        return rebuild_scorer(scripted_scorer(self), PriceOnlyScorer)


class CheapestStrategy(Strategy):
    """The scripted model's steps, choosing the cheapest plan that meets the hard requirements."""

    context = CheapestContext
