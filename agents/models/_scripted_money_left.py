"""What the amounts in a refusal say about money: the money left at some point of the plan, and what
an item would really charge.

A person who turns a plan down for its price often names what is left of the budget when the plan
comes to some booking ("only $211 left", "$1,144 once the flights are paid") and what that booking would
charge. An amount equal to what the ledger leaves after some of the plan's new bookings (in the plan's
order, counted from the money left when the plan was proposed) is that money left, not a new budget
for the whole trip; an amount then said that is above it and above the next booking's listed price is
what that booking really charges (a price that went up since the search). And a plan that refunds
bookings as well as making new ones may be too dear only because its new bookings were counted before
its refunds: then the cancellations go first, on their own, and the new bookings follow once the
money is back.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from agents.models._scripted_belief import Belief
from agents.models._scripted_flow import Ledger, Proposal

#: an amount of money: "$1,144.00", "-$203", "$-203.00", "€90", "1,200 dollars"
_AMOUNT = re.compile(
    r"(?<![\w.])(?P<neg>-)?\s?[$€£]\s?(?P<neg2>-)?(?P<n>\d[\d,]*(?:\.\d+)?)"
    r"|(?<![\w.$€£])(?P<m>\d[\d,]*(?:\.\d+)?)\s?(?:dollars|usd|euros?|eur|pounds|gbp)\b",
    re.I,
)
_CENT = 0.005


def amounts(text: str) -> list[float]:
    """The amounts of money a text names, in order (a minus sign kept)."""
    out = []
    for m in _AMOUNT.finditer(text):
        raw = m.group("n") or m.group("m")
        value = float(raw.replace(",", ""))
        out.append(-value if m.group("neg") or m.group("neg2") else value)
    return out


@dataclass
class MoneyLeft:
    """What the model reads from the amounts of its rejected plans (module doc)."""

    figures: list[float] = field(default_factory=list)  # amounts that are money left, not a budget
    prices: dict[str, float] = field(default_factory=dict)  # item id -> what it would really charge

    def is_left(self, amount: float | None) -> bool:
        return amount is not None and any(abs(amount - f) < _CENT for f in self.figures)

    def cap(self, amount: float | None) -> float | None:
        """``amount`` as a limit read from the words, or None when it is only money left."""
        return None if self.is_left(amount) else amount


def _new_bookings(p: Proposal) -> list[dict[str, Any]]:
    return [
        it
        for it in p.items
        if it.get("kind") in ("flight", "hotel") and not (it.get("details") or {}).get("already_booked")
    ]


def _listed(amount: float, p: Proposal) -> bool:
    """``amount`` is the listed price of one of the plan's items (so it is that item's own charge)."""
    return any(abs(abs(float(it.get("price") or 0.0)) - amount) < _CENT for it in p.items)


def left_when(b: Belief, seq: int) -> float | None:
    """What was left of the budget, as the model knew it, before call number ``seq``."""
    led = Ledger.read(dataclasses.replace(b, calls=[c for c in b.calls if c.seq < seq]))
    return None if led.budget is None else float(led.budget) - led.spent


def money_left(b: Belief, props: list[Proposal]) -> MoneyLeft:
    """The money-left figures and the real charges the refusals of ``props`` name."""
    out = MoneyLeft()
    for p in props:
        if p.status != "rejected" or not p.reason:
            continue
        said = amounts(p.reason)
        left = left_when(b, p.call.seq)
        if not said or left is None:
            continue
        books = _new_bookings(p)
        for k in range(len(books) + 1):  # the money left before each new booking in turn
            if k:
                left -= float(books[k - 1].get("price") or 0.0)
            if not any(abs(a - left) < _CENT for a in said):
                continue
            out.figures.append(round(left, 2))
            if k == len(books):
                continue
            listed = float(books[k].get("price") or 0.0)
            at = [j for j, a in enumerate(said) if abs(a - left) < _CENT]
            near = [said[j + d] for j in at for d in (-1, 1) if 0 <= j + d < len(said)]
            dearer = [a for a in near if a > left + _CENT and a > listed + _CENT and not _listed(a, p)]
            if dearer:
                out.prices.setdefault(str(books[k].get("id")), min(dearer))
    return out


def refunds_first(b: Belief, props: list[Proposal], pending: list[str]) -> list[dict[str, Any]] | None:
    """The cancellations to carry out on their own first (those of ``pending``, the held bookings the
    trip cancels that are not cancelled yet): when the last plan, which refunded bookings and made new
    ones, was turned down naming the money left ("only $13 left": short of its new bookings, which fit
    once its refunds are back) and no plan of cancellations alone was turned down; or when such a plan
    was approved and some of its cancellations are still to do (one was turned down on its own: it is
    asked again, as a plan). None otherwise. A refusal of the new bookings' own price ("$309 is too much
    for a flight") names no money left: the plan is revised as for any refusal."""
    if not props:
        return None
    last = props[-1]
    cancels = [it for it in last.items if it.get("kind") == "cancellation" and str(it.get("id")) in pending]
    if _only_cancels(last) and last.approved and answered_by_refunds(props):
        return cancels or None
    if last.status != "rejected" or not money_left(b, [last]).figures:
        return None
    refund = -sum(float(it.get("price") or 0.0) for it in cancels)
    new = sum(float(it.get("price") or 0.0) for it in _new_bookings(last))
    left = left_when(b, last.call.seq)
    if not cancels or refund <= _CENT or left is None or not left + _CENT < new <= left + refund + _CENT:
        return None
    if any(_only_cancels(p) and p.status == "rejected" for p in props):
        return None
    return cancels


def _only_cancels(p: Proposal) -> bool:
    return bool(p.items) and all(it.get("kind") == "cancellation" for it in p.items)


def answered_by_refunds(props: list[Proposal]) -> set[int]:
    """Rejected plans (by call number) whose cancellations were then approved on their own: the money
    was short only until the refunds came back, so the plan may be proposed again."""
    return {
        p.call.seq
        for p, nxt in zip(props, props[1:], strict=False)
        if p.status == "rejected" and _only_cancels(nxt) and nxt.approved and _new_bookings(p)
    }


def cancelled_first(props: list[Proposal]) -> bool:
    """The last approved plan was cancellations alone, set before a plan refused over money that also
    booked: the new bookings are still to propose."""
    last = next((p for p in reversed(props) if p.approved), None)
    return last is not None and _only_cancels(last) and bool(answered_by_refunds(props))


def cancels_first_args(cancels: list[dict[str, Any]], confidence: float) -> dict[str, Any]:
    """A ``propose_itinerary`` of the cancellations alone, saying why they go first."""
    refund = -sum(float(it.get("price") or 0.0) for it in cancels)
    return {
        "items": cancels,
        "total": 0.0,
        "rationale": (
            f"First the cancellations on their own: they give back about ${refund:,.2f}, which makes room in "
            "the budget for the new bookings; I will propose those next, once the money is back."
        ),
        "confidence": confidence,
        "alternatives": [],
        "assumptions": [],
    }
