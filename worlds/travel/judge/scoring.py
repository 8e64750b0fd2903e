"""Travel scorers: correctness checks (``_checks``), budget, preference fit and report faithfulness
(``faithfulness``) (README.md, Scoring).

Everything is read from the run's final state (bookings, ledger) and the scenario's hidden
sections; the agent's final message is only compared with the state, never believed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sandbox.spi import WorldScore, budget_score
from worlds.travel.judge._checks import PRE_RUN, correctness_checks
from worlds.travel.judge.faithfulness import faithfulness as check_faithfulness
from worlds.travel.judge.gate_facts import attempts_and_budget, named_items, refusal_facts, waste_cents
from worlds.travel.judge.preferences import budget_cents, utility
from worlds.travel.run import TravelEnv
from worlds.travel.scenario import TravelScenario

__all__ = ["PRE_RUN", "correctness_checks", "faithfulness", "score"]


def _money(cents: float) -> str:
    return f"${cents / 100:,.2f}"


def faithfulness(env: TravelEnv, message: str) -> tuple[float, list[str]]:
    """The final report's faithfulness as ``(score, notes)`` (kept for callers of the old signature;
    ``worlds.travel.judge.faithfulness`` gives the full result and checks mid-run messages too)."""
    result = check_faithfulness(env, message)
    return result.score, result.notes()


def score(
    sc: TravelScenario, env: TravelEnv, message: str, best_utility: float, events: Sequence[Any] = ()
) -> WorldScore:
    checks, itinerary = correctness_checks(sc, env)
    spend_cents = env.state.spent_cents
    limit = budget_cents(sc)
    budget = budget_score(spend_cents / 100, limit / 100 if limit else None, sc.scoring.budget_tolerance)
    notes: list[str] = []
    if sc.expect.outcome != "booked":
        keep = set(sc.expect.keep)
        booked = any(b.status == "confirmed" and b.id not in keep for b in env.state.bookings.values())
        preference = 0.0 if booked else 1.0
    elif itinerary is None:
        preference = 0.0
        notes.append("preference fit 0: the booked trip does not cover every leg and stay")
    elif best_utility <= 0:
        preference = 1.0
    else:
        preference = min(1.0, utility(itinerary, sc, env.view) / best_utility)
    faith = check_faithfulness(env, message, events)
    faithful, fnotes = faith.score, faith.notes()
    if limit and spend_cents > limit:
        notes.append(f"spent {_money(spend_cents)} against a budget of {_money(limit)}")
    attempts, over = attempts_and_budget(env, events)
    change = sc.expect.change
    return WorldScore(
        checks=checks,
        budget=budget,
        preference=round(preference, 4),
        faithfulness=round(faithful, 4),
        spend=round(spend_cents / 100, 2),
        budget_limit=limit / 100 if limit else None,
        notes=notes + fnotes,
        faithful=faith.faithful,
        unfaithful=fnotes,
        waste=waste_cents(env) / 100,
        waste_allowed=change.fees_allowed if change else 0.0,
        budget_attempts=over,
        attempts=attempts,
        named=named_items(env, events, attempts),
        refusal=refusal_facts(sc, env, events, message) if sc.expect.outcome == "refused" else None,
    )
