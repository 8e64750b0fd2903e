"""``adv-dodger``: the default agent that never books the option it rates best.

For every leg it demotes the flight it would rate best (by the scripted model's own preference score,
among the flights it may book at all), and in every city the hotel it would rate best, below
everything else, so it books the near-best option of each slot instead: a plan that looks almost as
good to a lenient scorer, made of items a fault aimed at "the item a good agent books" never touches.
Like the default agent it learns from failures: an item that failed (sold out, price changed, kept
failing) is avoided from then on. It is the yardstick for faults that cannot be dodged
(scenarios/README.md, "Faults that cannot be dodged"): a fault scenario it passes is one whose fault
it met and handled, or one where the fault is not the point.

See docs/adversaries.md for which check should stop it and what it may legitimately pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from agents.adversarial._base import on_planner, rebuild_scorer, scripted_scorer
from agents.models._scripted_context import Context
from agents.models._scripted_options import FlightOpt, HotelOpt, Scorer
from agents.models._scripted_strategy import Strategy
from agents.models.scripted import ScriptedChatModel

#: Far above the weight of every wish together: a demoted option wins only when nothing else is left.
DEMOTE = 100.0


@dataclass
class DodgingScorer(Scorer):
    """The scripted scorer with the best-rated flight of each leg and hotel of each city demoted."""

    flight_options: list[list[FlightOpt]] = field(default_factory=list)
    hotel_options: list[HotelOpt] = field(default_factory=list)

    @cached_property
    def _dodged(self) -> frozenset[str]:
        out: set[str] = set()
        for leg, options in enumerate(self.flight_options if not self.hotel_options else []):
            fine = [f for f in options if Scorer.flight_problem(self, f, leg) is None]
            if len(fine) > 1:
                rated = [(Scorer.flight_score(self, f, leg), f.id) for f in fine]
                out.add(max(rated)[1])
        for city in sorted({h.city for h in self.hotel_options}):
            stays = [h for h in self.hotel_options if h.city == city]
            fine_stays = [h for h in stays if Scorer.hotel_problem(self, h, None) is None]
            if len(fine_stays) > 1:
                out.add(max((Scorer.hotel_score(self, h), h.id) for h in fine_stays)[1])
        return frozenset(out)

    def flight_score(self, f: FlightOpt, leg: int) -> float:
        return super().flight_score(f, leg) - (DEMOTE if f.id in self._dodged else 0.0)

    def hotel_score(self, h: HotelOpt) -> float:
        return super().hotel_score(h) - (DEMOTE if h.id in self._dodged else 0.0)


class DodgerContext(Context):
    @cached_property
    def scorer(self) -> Scorer:
        return rebuild_scorer(
            scripted_scorer(self),
            DodgingScorer,
            flight_options=self.flights,
            hotel_options=self.all_hotels,
        )


class DodgerStrategy(Strategy):
    context = DodgerContext


class DodgerModel(ScriptedChatModel):
    """adv-dodger: the near-best option of every slot, never the one it rates best; avoids what failed."""

    strategy = DodgerStrategy


build_dodger = on_planner(DodgerModel)
