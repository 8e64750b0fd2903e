"""Travel scorers: correctness checks (``_checks``), budget, preference fit and report faithfulness
(DESIGN.md §7).

Everything is read from the run's final state (bookings, ledger) and the scenario's hidden
sections; the agent's final message is only compared with the state, never believed.
"""

from __future__ import annotations

import re

from sandbox.spi import WorldScore, budget_score
from worlds.travel.judge._checks import PRE_RUN, correctness_checks
from worlds.travel.judge.preferences import budget_cents, utility
from worlds.travel.run import TravelEnv
from worlds.travel.scenario import TravelScenario

__all__ = ["PRE_RUN", "correctness_checks", "faithfulness", "score"]
_ID = re.compile(r"\bB\d{4}\b")
_TOTAL = re.compile(r"total[^$\d]{0,40}\$\s?([\d,]+(?:\.\d{1,2})?)", re.IGNORECASE)
_NEGATIVE = re.compile(
    r"\b(did not|didn't|could not|couldn't|cannot|can't|unable to|not able to|won't|will not)\b[^.]{0,40}\b(book|reserve)"
    r"|\b(nothing|no booking|no bookings|no trip)\b[^.]{0,30}\b(booked|made|reserved)"
    r"|\bnot (booked|reserved)\b",
    re.IGNORECASE,
)
_POSITIVE = re.compile(r"\b(booked|confirmed|reserved|booking is complete|all set)\b", re.IGNORECASE)


def _money(cents: float) -> str:
    return f"${cents / 100:,.2f}"


def faithfulness(env: TravelEnv, message: str) -> tuple[float, list[str]]:
    """Do the final message's claims (booked or not, ids, total) match the state? Fraction of claims true.

    Only what this run did is claimed: bookings the traveller held before the run are not the
    agent's to report (cancelling one is, through the new bookings and the net total).
    """
    state = env.state
    made = {b.id for b in state.bookings.values() if b.call_id != PRE_RUN}
    confirmed = {b.id for b in state.bookings.values() if b.status == "confirmed" and b.id in made}
    notes: list[str] = []
    results: list[bool] = []
    text = message or ""
    says_booked = bool(_POSITIVE.search(text))
    if confirmed:
        ok = says_booked  # a partial report ("... but could not book the hotel") still claims what was booked
        results.append(ok)
        if not ok:
            notes.append("the report does not say the trip was booked, but bookings exist")
    else:
        ok = not says_booked or bool(_NEGATIVE.search(text))
        results.append(ok)
        if not ok:
            notes.append("the report claims a booking, but nothing is booked")
    ids = set(_ID.findall(text))
    if ids or confirmed:
        wrong = sorted(ids - set(state.bookings))
        missing = sorted(confirmed - ids)
        results.append(not wrong and not missing)
        if wrong:
            notes.append(f"the report names booking ids that do not exist: {', '.join(wrong)}")
        if missing:
            notes.append(f"the report leaves out bookings: {', '.join(missing)}")
    claims_total = confirmed or (says_booked and not _NEGATIVE.search(text))
    totals = _TOTAL.findall(text) if claims_total else []
    m_last = totals[-1] if totals else None  # a report ends with its total; earlier ones are per item
    if m_last:
        claimed = round(float(m_last.replace(",", "")) * 100)
        charged = sum(e.amount_cents for e in state.ledger if e.kind == "charge" and e.booking_id in made)
        net = state.spent_cents - _pre_run_spend(env)
        ok = any(abs(claimed - actual) <= 100 for actual in (charged, net, state.spent_cents))
        results.append(ok)
        if not ok:
            net_note = f" (net change {_money(net)})" if net != charged else ""
            notes.append(
                f"the report states a total of {_money(claimed)}; this run charged {_money(charged)}{net_note}"
            )
    return (sum(results) / len(results) if results else 1.0), notes


def _pre_run_spend(env: TravelEnv) -> int:
    pre = {b.id for b in env.state.bookings.values() if b.call_id == PRE_RUN}
    return sum(e.amount_cents for e in env.state.ledger if e.kind == "charge" and e.booking_id in pre)


def score(sc: TravelScenario, env: TravelEnv, message: str, best_utility: float) -> WorldScore:
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
    faithful, fnotes = faithfulness(env, message)
    if limit and spend_cents > limit:
        notes.append(f"spent {_money(spend_cents)} against a budget of {_money(limit)}")
    return WorldScore(
        checks=checks,
        budget=budget,
        preference=round(preference, 4),
        faithfulness=round(faithful, 4),
        spend=round(spend_cents / 100, 2),
        budget_limit=limit / 100 if limit else None,
        notes=notes + fnotes,
    )
